import { Alert, Button, Heading1, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { mailKindLabels, mailStatusLabels, type MailStatus, type outboxPage } from '../../../src/platform/mail/contract.ts';
import type { Json } from '../../../src/platform/contract.ts';
import { query } from '../api.ts';
import { Loading, ProblemAlert } from '../components.tsx';
import { Done, Field } from '../forms.tsx';
import { formatCount, formatDateTime } from '../format.ts';
import { StaffShell } from '../layout/Shells.tsx';
import { useApi, useApiMutation } from '../query.tsx';

type OutboxPage = Json<typeof outboxPage>;
type OutboxMail = OutboxPage['items'][number];

/**
 * The outbox for the functional admin: every outgoing e-mail of the municipalities they administer, with its state,
 * attempts and the last failure in plain Dutch; a failed one can be sent again. The address is shown masked, the
 * text never (it stays in Vangnet only until it went out).
 */
export function Outbox() {
  const [status, setStatus] = useState<MailStatus | ''>('');
  const [done, setDone] = useState('');
  const page = useApi<OutboxPage>(`/admin/mail${query({ status: status || undefined })}`);
  const retry = useApiMutation<{ id: string }, { id: string }>('POST', (b) => `/admin/mail/${b.id}/retry`, {
    invalidates: ['/admin/mail'],
    onSuccess: () => setDone('Het bericht staat weer klaar. Vangnet verstuurt het binnen een paar minuten.'),
  });
  const data = page.data;
  return (
    <StaffShell>
      <Heading1>Uitgaande e-mail</Heading1>
      <Paragraph>
        Alle e-mail die Vangnet verstuurt: nieuwe verwijzingen, verwijzingen die niet op tijd zijn opgepakt, wachtwoord vergeten en het hulpaanbod per e-mail.
        Lukt het versturen niet, dan probeert Vangnet het later opnieuw. Na de laatste poging staat het bericht op “Mislukt” en kunt u het opnieuw laten
        versturen. U ziet het adres niet helemaal en de tekst niet: daarin kunnen gegevens van een inwoner staan.
      </Paragraph>
      <Done>{done}</Done>
      {retry.error && <ProblemAlert error={retry.error} />}
      <ProblemAlert error={page.error} />
      {data && !data.enabled && (
        <Alert type="warning">
          <Paragraph>E-mail staat uit: er is geen mailserver ingesteld. Vangnet schrijft en verstuurt dan geen e-mail.</Paragraph>
        </Alert>
      )}
      {data && (
        <Paragraph role="status">
          {formatCount(data.counts.waiting)} wachtend, {formatCount(data.counts.sent)} verstuurd, {formatCount(data.counts.failed)} mislukt.
        </Paragraph>
      )}
      <form className="vn-filters" aria-label="Filter uitgaande e-mail" onSubmit={(e) => e.preventDefault()}>
        <Field id="f-status" label="Status">
          {(aria) => (
            <select {...aria} className="utrecht-select" value={status} onChange={(e) => setStatus(e.target.value as MailStatus | '')}>
              <option value="">Alle</option>
              {Object.entries(mailStatusLabels).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <Loading loading={page.loading}>
        {data &&
          (data.items.length ? (
            <Table>
              <caption className="vn-caption">Uitgaande e-mail, nieuwste eerst (ten hoogste 100)</caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Aangemaakt</TableHeaderCell>
                  <TableHeaderCell scope="col">Soort</TableHeaderCell>
                  <TableHeaderCell scope="col">Aan</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                  <TableHeaderCell scope="col">Pogingen</TableHeaderCell>
                  <TableHeaderCell scope="col">Wat er misging</TableHeaderCell>
                  <TableHeaderCell scope="col">Actie</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((m) => (
                  <MailRow key={m.id} mail={m} busy={retry.isPending} onRetry={() => retry.mutate({ id: m.id })} />
                ))}
              </TableBody>
            </Table>
          ) : (
            <Paragraph>Er is geen e-mail{status ? ` met de status “${mailStatusLabels[status]}”` : ''}.</Paragraph>
          ))}
      </Loading>
    </StaffShell>
  );
}

function MailRow({ mail, busy, onRetry }: { mail: OutboxMail; busy: boolean; onRetry: () => void }) {
  return (
    <TableRow>
      <TableCell>{formatDateTime(mail.createdAt)}</TableCell>
      <TableCell>{mailKindLabels[mail.kind]}</TableCell>
      <TableCell>
        {mail.recipient}
        {mail.address ? ` (${mail.address})` : ''}
      </TableCell>
      <TableCell>
        {mailStatusLabels[mail.status]}
        {mail.sentAt ? ` op ${formatDateTime(mail.sentAt)}` : ''}
        {mail.nextAttemptAt && mail.attempts > 0 ? `; volgende poging ${formatDateTime(mail.nextAttemptAt)}` : ''}
      </TableCell>
      <TableCell>{mail.attempts}</TableCell>
      <TableCell>{mail.reason ?? '–'}</TableCell>
      <TableCell>
        {mail.status === 'failed' ? (
          <Button type="button" appearance="secondary-action-button" disabled={busy} onClick={onRetry} aria-label={`Opnieuw proberen: ${mail.recipient}`}>
            Opnieuw proberen
          </Button>
        ) : (
          '–'
        )}
      </TableCell>
    </TableRow>
  );
}
