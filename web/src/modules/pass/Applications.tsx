import {
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import type { applicationList, decisionResult } from '../../../../src/modules/pass/contract.ts';
import type { yearRules } from '../../../../src/modules/pass/yearContract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { query } from '../../api.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldMap } from '../../forms.tsx';
import { formatDateTime } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { PassSearch } from './PassSearch.tsx';
import { applicationStatusLabels, formatPassNumber, householdTypeLabels, routeLabels, SelectField } from './shared.tsx';

type ApplicationRow = Json<typeof applicationList>[number];
type Decision = Json<typeof decisionResult>;

/** The pass office: the applications to decide on, with the outcome of the income check and its reason. */
export function PassApplications() {
  const [status, setStatus] = useState('submitted');
  const list = useApi<ApplicationRow[]>(`/pass/applications${query({ status })}`);
  const year = new Date().getFullYear();
  const rules = useApi<Json<typeof yearRules>>(`/pass/eligibility-rules?year=${year}`);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [last, setLast] = useState<{ row: ApplicationRow; approve: boolean } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const decide = useApiMutation<{ id: string; approve: boolean; reason: string | null }, Decision>('POST', (b) => `/pass/applications/${b.id}/decision`, {
    invalidates: ['/pass/applications'],
  });
  const run = async (row: ApplicationRow, approve: boolean) => {
    setMessage(null);
    setLast({ row, approve });
    try {
      const result = await decide.mutateAsync({ id: row.id, approve, reason: reasons[row.id]?.trim() || null });
      setMessage(
        result.pass
          ? `Aanvraag ${row.reference} toegekend. Pasnummer ${formatPassNumber(result.pass.number)}.${result.pass.children ? ` Kindtegoed voor ${result.pass.children} ${result.pass.children === 1 ? 'kind' : 'kinderen'}.` : ''}`
          : `Aanvraag ${row.reference} afgewezen. De aanvrager ziet de reden.`,
      );
    } catch {
      // In the summary and next to the explanation field of this application.
    }
  };
  const fields: FieldMap = last ? { reason: { id: `reason-${last.row.id}`, label: `Toelichting bij ${last.row.reference}` } } : {};
  return (
    <StaffShell>
      <Heading1>Dordtpas: aanvragen</Heading1>
      <Paragraph>
        Controleer inkomen, vermogen, huishouden en mantelzorg. De uitkomst van de inkomens- en vermogenstoets en de reden staan bij elke aanvraag.
      </Paragraph>
      {rules.data && rules.data.proofs.length > 0 && (
        <section aria-labelledby="proofs-heading">
          <Heading2 id="proofs-heading">Bewijsstukken die u vraagt in pasjaar {year}</Heading2>
          <UnorderedList>
            {rules.data.proofs.map((p) => (
              <UnorderedListItem key={p}>{p}</UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      )}
      <div className="vn-filters">
        <SelectField id="status" label="Status" value={status} onChange={setStatus}>
          {Object.entries(applicationStatusLabels).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
      </div>
      <ProblemAlert error={list.error} />
      <ErrorSummary error={decide.error} fields={fields} />
      <Done>{message}</Done>
      <Loading loading={list.loading}>
        <Table>
          <caption className="vn-caption">{list.data?.length ?? 0} aanvragen</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Aanvraag</TableHeaderCell>
              <TableHeaderCell scope="col">Aanvrager</TableHeaderCell>
              <TableHeaderCell scope="col">Route</TableHeaderCell>
              <TableHeaderCell scope="col">Huishouden</TableHeaderCell>
              <TableHeaderCell scope="col">Inkomens- en vermogenstoets</TableHeaderCell>
              <TableHeaderCell scope="col">Besluit</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(list.data ?? []).map((a) => (
              <TableRow key={a.id}>
                <TableCell>
                  {a.reference}
                  <br />
                  {formatDateTime(a.createdAt)}
                </TableCell>
                <TableCell>{a.applicantName}</TableCell>
                <TableCell>{routeLabels[a.route] ?? a.route}</TableCell>
                <TableCell>
                  {householdTypeLabels[a.householdType] ?? a.householdType}, {a.children} {a.children === 1 ? 'kind' : 'kinderen'}
                </TableCell>
                <TableCell>{a.checkReason}</TableCell>
                <TableCell>
                  {a.status === 'submitted' ? (
                    <div className="vn-decision">
                      <TextInput
                        id={`reason-${a.id}`}
                        label={`Toelichting bij ${a.reference}`}
                        description="Verplicht bij afwijzen: de aanvrager ziet deze reden."
                        value={reasons[a.id] ?? ''}
                        onChange={(v) => setReasons((r) => ({ ...r, [a.id]: v }))}
                        error={last?.row.id === a.id ? fieldError('reason', decide.error) : undefined}
                      />
                      <ConfirmButton
                        label={`Toekennen: ${a.reference}`}
                        title={`Aanvraag ${a.reference} toekennen?`}
                        consequence={`${a.applicantName} krijgt een Dordtpas voor dit jaar${a.route === 'income' && a.children ? ', met kindtegoed voor de kinderen van schoolleeftijd' : ''}. U kunt dit besluit niet terugdraaien.`}
                        confirmLabel={`Ja, ken ${a.reference} toe`}
                        disabled={decide.isPending}
                        onConfirm={() => run(a, true)}
                      />
                      <ConfirmButton
                        appearance="secondary-action-button"
                        label={`Afwijzen: ${a.reference}`}
                        title={`Aanvraag ${a.reference} afwijzen?`}
                        consequence={`${a.applicantName} krijgt geen Dordtpas op deze aanvraag en ziet uw toelichting als reden. U kunt dit besluit niet terugdraaien.`}
                        confirmLabel={`Ja, wijs ${a.reference} af`}
                        disabled={decide.isPending}
                        onConfirm={() => run(a, false)}
                      />
                    </div>
                  ) : (
                    `${applicationStatusLabels[a.status] ?? a.status}${a.decisionReason ? `: ${a.decisionReason}` : ''}`
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      <PassSearch />
    </StaffShell>
  );
}
