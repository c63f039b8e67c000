import { Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, query } from '../../api.ts';
import { Loading, ProblemAlert, useLoad } from '../../components.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useSession } from '../../session.tsx';
import { CheckboxField, Flags, formatDate, SelectField, useCodeLists, type CodeLists, type OrganisationRef } from './shared.tsx';

export interface WorkItem {
  id: string;
  personId: string;
  residentName: string;
  theme: string;
  route: string;
  state: string;
  side: 'sender' | 'receiver';
  from: OrganisationRef | null;
  to: OrganisationRef;
  sentAt: string;
  answerDueDate: string;
  firstContactDueDate: string;
  flags: string[];
  weAreResponsible: boolean;
}

interface WorkListResponse {
  today: string;
  truncated: boolean;
  incoming: WorkItem[];
  outgoing: WorkItem[];
}

function WorkTable({ items, caption, side, labels }: { items: WorkItem[]; caption: string; side: 'sender' | 'receiver'; labels: CodeLists | null }) {
  if (!items.length) return <Paragraph>Er zijn geen verwijzingen in deze lijst.</Paragraph>;
  return (
    <Table>
      <caption className="vn-caption">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">Inwoner</TableHeaderCell>
          <TableHeaderCell scope="col">Onderwerp</TableHeaderCell>
          <TableHeaderCell scope="col">{side === 'receiver' ? 'Van' : 'Naar'}</TableHeaderCell>
          <TableHeaderCell scope="col">Status</TableHeaderCell>
          <TableHeaderCell scope="col">Verstuurd</TableHeaderCell>
          <TableHeaderCell scope="col">Antwoord uiterlijk</TableHeaderCell>
          <TableHeaderCell scope="col">Eerste contact uiterlijk</TableHeaderCell>
          <TableHeaderCell scope="col">Verantwoordelijk</TableHeaderCell>
          <TableHeaderCell scope="col">Signalen</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((i) => (
          <TableRow key={i.id} data-referral={i.id}>
            <TableCell>
              <Link to={`/medewerkers/verwijzingen/${i.id}`}>{i.residentName}</Link>
            </TableCell>
            <TableCell>{labels?.themes[i.theme] ?? i.theme}</TableCell>
            <TableCell>{side === 'receiver' ? (i.from?.name ?? labels?.routes[i.route] ?? i.route) : i.to.name}</TableCell>
            <TableCell>{labels?.states[i.state] ?? i.state}</TableCell>
            <TableCell>{formatDate(i.sentAt)}</TableCell>
            <TableCell>{formatDate(i.answerDueDate)}</TableCell>
            <TableCell>{formatDate(i.firstContactDueDate)}</TableCell>
            <TableCell>{i.weAreResponsible ? 'Wij (niet loslaten)' : side === 'sender' ? 'De ontvanger' : 'De verwijzer'}</TableCell>
            <TableCell>
              <Flags flags={i.flags} labels={labels?.flags ?? {}} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function WorkList() {
  const { user } = useSession();
  const codes = useCodeLists();
  const [includeClosed, setIncludeClosed] = useState(false);
  const [show, setShow] = useState<'all' | 'overdue' | 'ours'>('all');
  const keep = (i: WorkItem) => (show === 'overdue' ? i.flags.length > 0 : show === 'ours' ? i.weAreResponsible : true);
  const list = useLoad(() => api<WorkListResponse>('GET', `/referrals/worklist${query({ includeClosed: includeClosed ? 'true' : undefined })}`), [includeClosed]);
  const overdue = [...(list.data?.incoming ?? []), ...(list.data?.outgoing ?? [])].filter((i) => i.flags.length).length;
  return (
    <StaffShell>
      <Heading1>Verwijzingen</Heading1>
      <Paragraph>
        Verwijzingen naar en van uw organisatie. U blijft verantwoordelijk voor een inwoner die u verwijst, tot de ontvanger het eerste contact
        heeft gelegd.
      </Paragraph>
      <ul className="vn-actions">
        <li>
          <Link to="/medewerkers/verwijzingen/nieuw">Nieuwe verwijzing</Link>
        </li>
        <li>
          <Link to="/medewerkers/verwijzingen/inloop">Aanmelding bij inloop</Link>
        </li>
        {user?.organisationKind === 'health_care' && (
          <li>
            <Link to="/medewerkers/verwijzingen/sociaal-recept">Sociaal recept uitschrijven</Link>
          </li>
        )}
      </ul>
      <div className="vn-filters">
        <SelectField
          id="show"
          label="Toon"
          value={show}
          onChange={(v) => setShow(v as typeof show)}
          options={[
            ['all', 'Alle verwijzingen'],
            ['overdue', 'Alleen over de termijn'],
            ['ours', 'Alleen waarvoor wij verantwoordelijk zijn'],
          ]}
        />
        <CheckboxField id="include-closed" label="Ook afgesloten verwijzingen tonen" checked={includeClosed} onChange={setIncludeClosed} />
      </div>
      <ProblemAlert error={list.error ?? codes.error} />
      <Loading loading={list.loading || codes.loading}>
        {overdue > 0 && (
          <Paragraph role="status">
            <strong>
              {overdue === 1 ? '1 verwijzing is' : `${overdue} verwijzingen zijn`} over de afgesproken termijn.
            </strong>
          </Paragraph>
        )}
        {list.data?.truncated && (
          <Paragraph role="status">
            <strong>De lijst is te lang om helemaal te tonen; u ziet de oudste openstaande verwijzingen eerst.</strong>
          </Paragraph>
        )}
        <section aria-labelledby="incoming">
          <Heading2 id="incoming">Binnengekomen ({list.data?.incoming.filter(keep).length ?? 0})</Heading2>
          <WorkTable items={list.data?.incoming.filter(keep) ?? []} caption="Verwijzingen naar uw organisatie" side="receiver" labels={codes.data} />
        </section>
        <section aria-labelledby="outgoing">
          <Heading2 id="outgoing">Verstuurd ({list.data?.outgoing.filter(keep).length ?? 0})</Heading2>
          <WorkTable items={list.data?.outgoing.filter(keep) ?? []} caption="Verwijzingen van uw organisatie naar anderen" side="sender" labels={codes.data} />
        </section>
      </Loading>
    </StaffShell>
  );
}
