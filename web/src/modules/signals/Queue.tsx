import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { query } from '../../api.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ErrorSummary, Field, fieldError, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { formatCount, parseAmount } from '../../format.ts';
import { useApi } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { caseListItem, casePage, workerList } from '../../../../src/modules/signals/contract.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useSession } from '../../session.tsx';
import { letterSelectionStorageKey } from './Letters.tsx';
import { address, caseStatusLabels, caseStatuses, creditorTypeLabels, euro, formatDate, personName } from './shared.tsx';

/** A case in the queue, as the API sends it. */
export type CaseRow = Json<typeof caseListItem>;

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

const PAGE_SIZE = 50;
const count = formatCount;
const filterFields: FieldMap = {
  minEuro: { id: 'q-min', label: 'Achterstand vanaf' },
  maxEuro: { id: 'q-max', label: 'Achterstand tot en met' },
  minAgeDays: { id: 'q-age', label: 'Oudste signaal minstens' },
};

type Sort = 'urgent' | 'due' | 'amount' | 'age' | 'last' | 'name';
type Direction = 'asc' | 'desc';
/** The direction each column sorts in on the first click (the API's default for that sort). */
const firstDirection: Record<Sort, Direction> = { urgent: 'desc', due: 'asc', amount: 'desc', age: 'desc', last: 'desc', name: 'asc' };

interface Filters {
  q: string;
  status: string;
  areaCode: string;
  worker: string;
  urgent: boolean;
  multipleCreditors: boolean;
  creditorOrganisationId: string;
  minEuro: string;
  maxEuro: string;
  minAgeDays: string;
}
const noFilters: Filters = {
  q: '',
  status: '',
  areaCode: '',
  worker: '',
  urgent: false,
  multipleCreditors: false,
  creditorOrganisationId: '',
  minEuro: '',
  maxEuro: '',
  minAgeDays: '',
};

const cents = (euro: string) => {
  const value = euro.trim() ? parseAmount(euro) : null;
  return value !== null && value >= 0 ? value : undefined;
};
/** What is wrong with the typed filters, per field, in plain Dutch. */
function filterErrors(f: Filters): FieldErrors {
  const errors: FieldErrors = {};
  for (const key of ['minEuro', 'maxEuro'] as const) {
    const text = f[key].trim();
    if (text && (parseAmount(text) === null || parseAmount(text)! < 0)) errors[key] = 'Schrijf het bedrag als 1.650,50 of 1650.';
  }
  if (!errors.minEuro && !errors.maxEuro && cents(f.minEuro) !== undefined && cents(f.maxEuro) !== undefined && cents(f.minEuro)! > cents(f.maxEuro)!) {
    errors.maxEuro = 'Het bedrag "tot en met" is lager dan het bedrag "vanaf".';
  }
  if (f.minAgeDays.trim() && !/^\d{1,5}$/.test(f.minAgeDays.trim())) errors.minAgeDays = 'Schrijf een aantal dagen als heel getal, bijvoorbeeld 30.';
  return errors;
}
const wholeDays = (days: string) => (/^\d{1,5}$/.test(days.trim()) ? Number(days.trim()) : undefined);

/**
 * The early-signal team's work queue: households with arrears, the day's letters; one search field (BSN, postcode
 * with house number, a creditor's reference or a surname), filters, sortable columns and pages.
 */
export function SignalQueue() {
  const { user } = useSession();
  // Typed values are applied with "Zoeken" (each search is audited); choices in a list apply at once.
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [applied, setApplied] = useState<Filters>(noFilters);
  const [sort, setSort] = useState<{ sort: Sort; direction: Direction }>({ sort: 'urgent', direction: 'desc' });
  const [offset, setOffset] = useState(0);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const workers = useApi<Json<typeof workerList>>('/signals/workers');
  const organisations = useApi<{ id: string; name: string; kind: string }[]>('/organisations');
  const creditors = { data: organisations.data?.filter((o) => o.kind === 'creditor'), error: organisations.error };
  const worker = applied.worker === 'mine' ? user?.id : applied.worker && applied.worker !== 'none' ? applied.worker : undefined;
  const cases = useApi<Json<typeof casePage>>(
    `/signals/cases${query({
      q: applied.q.trim() || undefined,
      status: applied.status,
      areaCode: applied.areaCode,
      assignedUserId: worker,
      unassigned: applied.worker === 'none' ? 'true' : undefined,
      urgent: applied.urgent ? 'true' : undefined,
      multipleCreditors: applied.multipleCreditors ? 'true' : undefined,
      creditorOrganisationId: applied.creditorOrganisationId,
      minTotalCents: cents(applied.minEuro),
      maxTotalCents: cents(applied.maxEuro),
      minAgeDays: wholeDays(applied.minAgeDays),
      sort: sort.sort,
      direction: sort.direction,
      limit: PAGE_SIZE,
      offset,
    })}`,
  );
  const navigate = useNavigate();

  const choose = (change: Partial<Filters>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    setApplied(next);
    setOffset(0);
  };
  const type = (change: Partial<Filters>) => setDraft({ ...draft, ...change });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = filterErrors(draft);
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    setApplied(draft);
    setOffset(0);
  };
  const clear = () => {
    setDraft(noFilters);
    setLocalErrors({});
    setApplied(noFilters);
    setOffset(0);
  };
  const sortBy = (column: Sort) => {
    setSort(
      sort.sort === column ? { sort: column, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : { sort: column, direction: firstDirection[column] },
    );
    setOffset(0);
  };

  // Letters for the cases on this page that await one: the letters page counts them and asks for confirmation.
  const awaitingHere = (cases.data?.items ?? []).filter((c) => c.status === 'awaiting_letter').map((c) => c.id);
  const lettersForPage = () => {
    sessionStorage.setItem(letterSelectionStorageKey, JSON.stringify(awaitingHere));
    void navigate('/medewerkers/signalen/brieven?selectie=wachtrij');
  };

  const header = (column: Sort, label: string) => {
    const active = sort.sort === column;
    return (
      <TableHeaderCell scope="col" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="vn-sort" onClick={() => sortBy(column)}>
          {label}
          <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
        </button>
      </TableHeaderCell>
    );
  };
  const total = cases.data?.total ?? 0;
  const shown = cases.data?.items.length ?? 0;

  return (
    <StaffShell>
      <Heading1>Vroeg Eropaf: werkvoorraad</Heading1>
      <Paragraph>Huishoudens met een betalingsachterstand. Stuur eerst de brieven met het aanbod van hulp, en zoek daarna contact.</Paragraph>
      <Heading2>Brieven</Heading2>
      <Paragraph>
        <Link to="/medewerkers/signalen/brieven">Brieven maken</Link>: u kiest de zaken (alle die op een brief wachten, de nieuwe van een dag) en ziet eerst
        hoeveel brieven het worden.
      </Paragraph>
      {awaitingHere.length > 0 && (
        <Paragraph>
          <Button type="button" appearance="secondary-action-button" onClick={lettersForPage}>
            Brieven voor de {awaitingHere.length} zaken op deze pagina die op een brief wachten
          </Button>
        </Paragraph>
      )}
      <Heading2>Zaken</Heading2>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet announced by every screen reader; role="search" on the form is */}
      <form role="search" className="vn-filters" aria-label="Zaken zoeken en filteren" onSubmit={submit} noValidate>
        <ErrorSummary local={localErrors} fields={filterFields} />
        <div className="vn-field vn-search">
          <label htmlFor="q-search">Zoeken</label>
          <span id="q-search-hint" className="vn-hint">
            BSN, postcode met huisnummer (3311 AB 12), referentie van de schuldeiser of achternaam
          </span>
          <input
            id="q-search"
            className="utrecht-textbox"
            type="search"
            maxLength={100}
            autoComplete="off"
            aria-describedby="q-search-hint"
            value={draft.q}
            onChange={(e) => type({ q: e.target.value })}
          />
        </div>
        <div className="vn-field">
          <label htmlFor="q-status">Status</label>
          <select id="q-status" className="utrecht-select" value={draft.status} onChange={(e) => choose({ status: e.target.value })}>
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
          <select id="q-area" className="utrecht-select" value={draft.areaCode} onChange={(e) => choose({ areaCode: e.target.value })}>
            <option value="">Alle wijken</option>
            {wijken.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="vn-field">
          <label htmlFor="q-worker">Medewerker</label>
          <select id="q-worker" className="utrecht-select" value={draft.worker} onChange={(e) => choose({ worker: e.target.value })}>
            <option value="">Iedereen</option>
            <option value="mine">Mijn zaken</option>
            <option value="none">Niet toegewezen</option>
            {(workers.data ?? [])
              .filter((w) => w.id !== user?.id)
              .map((w) => (
                <option key={w.id} value={w.id}>
                  {w.displayName}
                </option>
              ))}
          </select>
        </div>
        <div className="vn-field">
          <label htmlFor="q-creditor">Schuldeiser</label>
          <select
            id="q-creditor"
            className="utrecht-select"
            value={draft.creditorOrganisationId}
            onChange={(e) => choose({ creditorOrganisationId: e.target.value })}
          >
            <option value="">Alle schuldeisers</option>
            {(creditors.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="vn-field">
          <Field id="q-min" label="Achterstand vanaf (€)" error={fieldError('minEuro', undefined, localErrors)}>
            {(aria) => (
              <input
                {...aria}
                className="utrecht-textbox vn-narrow"
                inputMode="decimal"
                maxLength={12}
                value={draft.minEuro}
                onChange={(e) => type({ minEuro: e.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="vn-field">
          <Field id="q-max" label="Achterstand tot en met (€)" error={fieldError('maxEuro', undefined, localErrors)}>
            {(aria) => (
              <input
                {...aria}
                className="utrecht-textbox vn-narrow"
                inputMode="decimal"
                maxLength={12}
                value={draft.maxEuro}
                onChange={(e) => type({ maxEuro: e.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="vn-field">
          <Field id="q-age" label="Oudste signaal minstens (dagen)" error={fieldError('minAgeDays', undefined, localErrors)}>
            {(aria) => (
              <input
                {...aria}
                className="utrecht-textbox vn-narrow"
                inputMode="numeric"
                maxLength={5}
                value={draft.minAgeDays}
                onChange={(e) => type({ minAgeDays: e.target.value })}
              />
            )}
          </Field>
        </div>
        <div className="vn-field">
          <span>
            <input id="q-urgent" type="checkbox" checked={draft.urgent} onChange={(e) => choose({ urgent: e.target.checked })} />
            <label htmlFor="q-urgent"> Alleen urgent</label>
          </span>
          <span>
            <input id="q-multiple" type="checkbox" checked={draft.multipleCreditors} onChange={(e) => choose({ multipleCreditors: e.target.checked })} />
            <label htmlFor="q-multiple"> Meerdere schuldeisers</label>
          </span>
        </div>
        <div className="vn-field">
          <Button type="submit" appearance="primary-action-button">
            Zoeken
          </Button>
        </div>
        <div className="vn-field">
          <Button type="button" appearance="secondary-action-button" onClick={clear}>
            Wissen
          </Button>
        </div>
      </form>
      <ProblemAlert error={cases.error ?? workers.error ?? creditors.error} />
      <Loading loading={cases.loading}>
        {cases.data?.items.length ? (
          <>
            <Table>
              <caption className="vn-caption" aria-live="polite">
                {shown === total
                  ? `${count(total)} ${total === 1 ? 'zaak' : 'zaken'}`
                  : `${count(offset + 1)}–${count(offset + shown)} van ${count(total)} zaken`}
              </caption>
              <TableHeader>
                <TableRow>
                  {header('urgent', 'Urgent')}
                  {header('name', 'Naam')}
                  <TableHeaderCell scope="col">Adres</TableHeaderCell>
                  <TableHeaderCell scope="col">Wijk</TableHeaderCell>
                  {header('amount', 'Achterstand')}
                  <TableHeaderCell scope="col">Signalen</TableHeaderCell>
                  {header('age', 'Oudste signaal')}
                  {header('last', 'Laatste signaal')}
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                  {header('due', 'Termijn')}
                  <TableHeaderCell scope="col">Medewerker</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {cases.data.items.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>{c.urgent ? <strong className="vn-urgent">Urgent</strong> : <span className="vn-visually-hidden">Niet urgent</span>}</TableCell>
                    <TableCell>
                      <Link to={`/medewerkers/signalen/zaken/${c.id}`}>{personName(c)}</Link>
                    </TableCell>
                    <TableCell>{address(c)}</TableCell>
                    <TableCell>{c.areaName}</TableCell>
                    <TableCell>{euro(c.totalCents)}</TableCell>
                    <TableCell>
                      {c.signalCount} ({(c.creditorTypes ?? []).map((t) => creditorTypeLabels[t as keyof typeof creditorTypeLabels] ?? t).join(', ')})
                    </TableCell>
                    <TableCell>{formatDate(c.firstSignalDate)}</TableCell>
                    <TableCell>{formatDate(c.lastSignalDate)}</TableCell>
                    <TableCell>{caseStatusLabels[c.status as keyof typeof caseStatusLabels] ?? c.status}</TableCell>
                    <TableCell>{formatDate(c.dueDate)}</TableCell>
                    <TableCell>{c.assignedName ?? '–'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {total > PAGE_SIZE && (
              <nav aria-label="Pagina's" className="vn-pages">
                <Button type="button" appearance="secondary-action-button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                  Vorige {PAGE_SIZE}
                </Button>
                <span>
                  Pagina {count(Math.floor(offset / PAGE_SIZE) + 1)} van {count(Math.ceil(total / PAGE_SIZE))}
                </span>
                <Button type="button" appearance="secondary-action-button" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
                  Volgende {PAGE_SIZE}
                </Button>
              </nav>
            )}
          </>
        ) : (
          <Paragraph>Geen zaken gevonden.</Paragraph>
        )}
      </Loading>
    </StaffShell>
  );
}
