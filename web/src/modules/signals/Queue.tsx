import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, query, type Problem } from '../../api.ts';
import { Loading, ProblemAlert, useLoad } from '../../components.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useSession } from '../../session.tsx';
import { address, blobLink, caseStatusLabels, caseStatuses, creditorTypeLabels, euro, formatDate, personName, rawRequest } from './shared.tsx';

export interface CaseRow {
  id: string;
  status: string;
  areaCode: string | null;
  areaName: string;
  totalCents: number;
  signalCount: number;
  lastSignalDate: string;
  dueDate: string | null;
  assignedName: string | null;
  initials: string | null;
  prefix: string | null;
  surname: string | null;
  street: string | null;
  houseNumber: string | null;
  houseNumberSuffix: string | null;
  postcode: string | null;
  city: string | null;
  creditorTypes: string[] | null;
}

// Dordrecht's wijken (CBS codes), as in src/platform/areas.ts.
const wijken: [string, string][] = [
  ['WK050501', 'Binnenstad'],
  ['WK050502', 'Noordflank'],
  ['WK050503', 'Krispijn'],
  ['WK050504', 'Wielwijk'],
  ['WK050505', 'Crabbehof'],
  ['WK050506', 'Dubbeldam'],
  ['WK050507', 'Stadspolders'],
  ['WK050508', 'Sterrenburg'],
  ['WK050509', 'Zuidhoven'],
  ['WK050510', 'De Staart'],
  ['WK050511', 'Reeland'],
  ['WK050512', 'Oud-Dubbeldam'],
];

/** The early-signal team's work queue: households with arrears, the day's letters, filters by wijk and status. */
export function SignalQueue() {
  const { user } = useSession();
  const [status, setStatus] = useState('');
  const [area, setArea] = useState('');
  const [mine, setMine] = useState(false);
  const cases = useLoad(
    () => api<{ total: number; items: CaseRow[] }>('GET', `/signals/cases${query({ status, areaCode: area, assignedUserId: mine ? user?.id : undefined })}`),
    [status, area, mine],
  );
  const [letters, setLetters] = useState<{ url: string; count: string } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const makeLetters = async () => {
    setError(null);
    setLetters(null);
    try {
      const response = await rawRequest('POST', '/signals/letters', JSON.stringify({}), { 'content-type': 'application/json' });
      if (!response.ok) throw new ApiError((await response.json()) as Problem);
      setLetters({ url: blobLink(await response.blob()), count: response.headers.get('x-letter-count') ?? '?' });
      cases.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <StaffShell>
      <Heading1>Vroeg Eropaf: werkvoorraad</Heading1>
      <Paragraph>Huishoudens met een betalingsachterstand. Stuur eerst de brieven met het aanbod van hulp, en zoek daarna contact.</Paragraph>
      <Heading2>Brieven</Heading2>
      <Paragraph>
        <Button type="button" appearance="primary-action-button" onClick={makeLetters}>
          Brieven van vandaag maken
        </Button>
      </Paragraph>
      <ProblemAlert error={error} />
      {letters && (
        <Paragraph role="status" className="vn-success">
          {letters.count} brieven gemaakt.{' '}
          <a href={letters.url} download="brieven.pdf">
            Download de brieven (PDF)
          </a>
        </Paragraph>
      )}
      <Heading2>Zaken</Heading2>
      <form className="vn-filters" aria-label="Zaken filteren" onSubmit={(e) => e.preventDefault()}>
        <div className="vn-field">
          <label htmlFor="q-status">Status</label>
          <select id="q-status" className="utrecht-select" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Alle statussen</option>
            {caseStatuses.map((s) => (
              <option key={s} value={s}>
                {caseStatusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="vn-field">
          <label htmlFor="q-area">Wijk</label>
          <select id="q-area" className="utrecht-select" value={area} onChange={(e) => setArea(e.target.value)}>
            <option value="">Alle wijken</option>
            {wijken.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="vn-field">
          <input id="q-mine" type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
          <label htmlFor="q-mine"> Alleen mijn zaken</label>
        </div>
      </form>
      <ProblemAlert error={cases.error} />
      <Loading loading={cases.loading}>
        {cases.data?.items.length ? (
          <Table>
            <caption className="vn-caption">{cases.data.total} zaken</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Naam</TableHeaderCell>
                <TableHeaderCell scope="col">Adres</TableHeaderCell>
                <TableHeaderCell scope="col">Wijk</TableHeaderCell>
                <TableHeaderCell scope="col">Achterstand</TableHeaderCell>
                <TableHeaderCell scope="col">Signalen</TableHeaderCell>
                <TableHeaderCell scope="col">Status</TableHeaderCell>
                <TableHeaderCell scope="col">Termijn</TableHeaderCell>
                <TableHeaderCell scope="col">Medewerker</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {cases.data.items.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>
                    <Link to={`/medewerkers/signalen/zaken/${c.id}`}>{personName(c)}</Link>
                  </TableCell>
                  <TableCell>{address(c)}</TableCell>
                  <TableCell>{c.areaName}</TableCell>
                  <TableCell>{euro(c.totalCents)}</TableCell>
                  <TableCell>
                    {c.signalCount} ({(c.creditorTypes ?? []).map((t) => creditorTypeLabels[t as keyof typeof creditorTypeLabels] ?? t).join(', ')})
                  </TableCell>
                  <TableCell>{caseStatusLabels[c.status as keyof typeof caseStatusLabels] ?? c.status}</TableCell>
                  <TableCell>{formatDate(c.dueDate)}</TableCell>
                  <TableCell>{c.assignedName ?? '–'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Paragraph>Geen zaken gevonden.</Paragraph>
        )}
      </Loading>
    </StaffShell>
  );
}
