import { Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { query } from '../../api.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import type { workItem, workListResponse } from '../../../../src/modules/referrals/contract.ts';
import { flagLabels, referralRoutes, referralStates, referralThemes } from '../../../../src/modules/referrals/labels.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { formatCount, formatDate } from '../../format.ts';
import { Checkbox } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi } from '../../query.tsx';
import { useSession } from '../../session.tsx';
import { Flags, SelectField } from './shared.tsx';

type WorkListResponse = Json<typeof workListResponse>;
export type WorkItem = Json<typeof workItem>;

function WorkTable({ items, caption, side }: { items: WorkItem[]; caption: string; side: 'sender' | 'receiver' }) {
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
            <TableCell>{referralThemes[i.theme]}</TableCell>
            <TableCell>{side === 'receiver' ? (i.from?.name ?? referralRoutes[i.route as keyof typeof referralRoutes] ?? i.route) : i.to.name}</TableCell>
            <TableCell>{referralStates[i.state]}</TableCell>
            <TableCell>{formatDate(i.sentAt)}</TableCell>
            <TableCell>{formatDate(i.answerDueDate)}</TableCell>
            <TableCell>{formatDate(i.firstContactDueDate)}</TableCell>
            <TableCell>{i.weAreResponsible ? 'Wij (niet loslaten)' : side === 'sender' ? 'De ontvanger' : 'De verwijzer'}</TableCell>
            <TableCell>
              <Flags flags={i.flags} labels={flagLabels} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function WorkList() {
  const { user } = useSession();
  const [includeClosed, setIncludeClosed] = useState(false);
  const [show, setShow] = useState<'all' | 'overdue' | 'ours'>('all');
  const keep = (i: WorkItem) => (show === 'overdue' ? i.flags.length > 0 : show === 'ours' ? i.weAreResponsible : true);
  const list = useApi<WorkListResponse>(`/referrals/worklist${query({ includeClosed: includeClosed ? 'true' : undefined })}`);
  const overdue = [...(list.data?.incoming ?? []), ...(list.data?.outgoing ?? [])].filter((i) => i.flags.length).length;
  return (
    <StaffShell>
      <Heading1>Verwijzingen</Heading1>
      <Paragraph>
        Verwijzingen naar en van uw organisatie. U blijft verantwoordelijk voor een inwoner die u verwijst, tot de ontvanger het eerste contact heeft gelegd.
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
        <Checkbox id="include-closed" label="Ook afgesloten verwijzingen tonen" checked={includeClosed} onChange={setIncludeClosed} />
      </div>
      <ProblemAlert error={list.error} />
      <Loading loading={list.loading}>
        {overdue > 0 && (
          <Paragraph role="status">
            <strong>{overdue === 1 ? '1 verwijzing is' : `${formatCount(overdue)} verwijzingen zijn`} over de afgesproken termijn.</strong>
          </Paragraph>
        )}
        {list.data?.truncated && (
          <Paragraph role="status">
            <strong>De lijst is te lang om helemaal te tonen; u ziet de oudste openstaande verwijzingen eerst.</strong>
          </Paragraph>
        )}
        <section aria-labelledby="incoming">
          <Heading2 id="incoming">Binnengekomen ({list.data?.incoming.filter(keep).length ?? 0})</Heading2>
          <WorkTable items={list.data?.incoming.filter(keep) ?? []} caption="Verwijzingen naar uw organisatie" side="receiver" />
        </section>
        <section aria-labelledby="outgoing">
          <Heading2 id="outgoing">Verstuurd ({list.data?.outgoing.filter(keep).length ?? 0})</Heading2>
          <WorkTable items={list.data?.outgoing.filter(keep) ?? []} caption="Verwijzingen van uw organisatie naar anderen" side="sender" />
        </section>
      </Loading>
    </StaffShell>
  );
}
