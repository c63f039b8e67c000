import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { payoutList, payoutResult, providerIban, providerList } from '../../../../src/modules/pass/contract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { DEFAULT_MUNICIPALITY } from '../../../../src/platform/municipalities.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { formatDate } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { euro, SelectField, useLocalChecks } from './shared.tsx';

type Payout = Json<typeof payoutResult>;
const statusLabels: Record<string, string> = { prepared: 'Klaar voor de bank', paid: 'Betaald' };

const runFields: FieldMap = {
  from: { id: 'payout-from', label: 'Van' },
  to: { id: 'payout-to', label: 'Tot en met' },
  executionDate: { id: 'payout-execution', label: 'Betaaldatum' },
  debtorName: { id: 'payout-debtor-name', label: 'Naam rekening gemeente' },
  debtorIban: { id: 'payout-debtor-iban', label: 'IBAN gemeente' },
};
const ibanFields: FieldMap = { providerId: { id: 'iban-provider', label: 'Aanbieder' }, iban: { id: 'iban-value', label: 'IBAN aanbieder' } };

/** Payout runs: the providers' IBANs, a run over a period with its SEPA file, and marking a run paid (once). */
export function PassPayouts() {
  const payouts = useApi<Json<typeof payoutList>>('/pass/payouts');
  const providers = useApi<Json<typeof providerList>>('/pass/providers');
  const today = new Date().toISOString().slice(0, 10);
  const [form, setForm] = useState({ from: `${today.slice(0, 7)}-01`, to: today, executionDate: today, debtorName: 'Gemeente Dordrecht', debtorIban: '' });
  const [ibanForm, setIbanForm] = useState({ providerId: '', iban: '' });
  const [message, setMessage] = useState<string | null>(null);
  const [last, setLast] = useState<Payout | null>(null);
  const run = useApiMutation<Record<string, unknown>, Payout>('POST', '/pass/payouts', { invalidates: ['/pass/payouts'] });
  const paid = useApiMutation<{ id: string }, Payout>('POST', (b) => `/pass/payouts/${b.id}/paid`, { invalidates: ['/pass/payouts'] });
  const setIban = useApiMutation<{ providerId: string; iban: string }, Json<typeof providerIban>>('PUT', (b) => `/pass/providers/${b.providerId}/iban`, {
    invalidates: ['/pass/providers'],
  });
  const set = (name: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  const runChecks: FieldErrors = {};
  if (!form.debtorIban.trim()) runChecks.debtorIban = 'Vul het IBAN van de gemeente in.';
  if (form.to < form.from) runChecks.to = 'De einddatum ligt voor de begindatum.';
  const runLocal = useLocalChecks(runFields, runChecks);
  const ibanChecks: FieldErrors = {};
  if (!ibanForm.providerId) ibanChecks.providerId = 'Kies de aanbieder.';
  if (!ibanForm.iban.trim()) ibanChecks.iban = 'Vul het IBAN in, bijvoorbeeld NL91 ABNA 0417 1643 00.';
  const ibanLocal = useLocalChecks(ibanFields, ibanChecks);

  const doRun = async () => {
    setMessage(null);
    try {
      const result = await run.mutateAsync({ municipalityCode: DEFAULT_MUNICIPALITY, ...form });
      setLast(result);
      setMessage(`Uitbetaling klaargezet: ${result.lines.length} aanbieders, samen ${euro(result.totalCents)}. Download het SEPA-bestand voor de bank.`);
      runLocal.reset();
    } catch {
      // In the summary and next to the field.
    }
  };
  const submitIban = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!ibanLocal.attempt()) return;
    try {
      const saved = await setIban.mutateAsync(ibanForm);
      setMessage(`Het IBAN van ${saved.name} is opgeslagen: ${saved.iban}.`);
      setIbanForm({ providerId: '', iban: '' });
      ibanLocal.reset();
    } catch {
      // In the summary and next to the field.
    }
  };

  return (
    <StaffShell>
      <Heading1>Dordtpas: uitbetalingen</Heading1>
      <Paragraph>Per periode krijgt elke aanbieder de betalingen min de terugbetalingen die nog niet zijn uitbetaald. Niets wordt twee keer betaald.</Paragraph>
      <Done>{message}</Done>
      {last && last.skipped.length > 0 && (
        <ul className="utrecht-unordered-list" aria-label="Niet meegenomen">
          {last.skipped.map((s) => (
            <li key={s.providerId} className="utrecht-unordered-list__item">
              {s.provider}: {s.text}
            </li>
          ))}
        </ul>
      )}
      <Heading2>Nieuwe uitbetaling</Heading2>
      <form id="payout-form" onSubmit={(e) => e.preventDefault()} className="vn-form" aria-label="Nieuwe uitbetaling" {...runLocal.formProps}>
        <ErrorSummary error={run.error} local={runLocal.errors} fields={runFields} />
        <div className="vn-filters">
          <TextInput
            id="payout-from"
            label="Van"
            type="date"
            value={form.from}
            onChange={set('from')}
            required
            error={fieldError('from', run.error, runLocal.errors)}
          />
          <TextInput
            id="payout-to"
            label="Tot en met"
            type="date"
            value={form.to}
            onChange={set('to')}
            required
            error={fieldError('to', run.error, runLocal.errors)}
          />
        </div>
        <TextInput
          id="payout-execution"
          label="Betaaldatum"
          type="date"
          value={form.executionDate}
          onChange={set('executionDate')}
          required
          error={fieldError('executionDate', run.error, runLocal.errors)}
        />
        <TextInput
          id="payout-debtor-name"
          label="Naam rekening gemeente"
          value={form.debtorName}
          onChange={set('debtorName')}
          required
          error={fieldError('debtorName', run.error, runLocal.errors)}
        />
        <TextInput
          id="payout-debtor-iban"
          label="IBAN gemeente"
          value={form.debtorIban}
          onChange={set('debtorIban')}
          required
          description="Bijvoorbeeld NL91 ABNA 0417 1643 00."
          error={fieldError('debtorIban', run.error, runLocal.errors)}
        />
        <ConfirmButton
          form="payout-form"
          label="Uitbetaling klaarzetten"
          title="Uitbetaling klaarzetten?"
          consequence={`Alle betalingen van ${formatDate(form.from)} tot en met ${formatDate(form.to)} die nog niet zijn uitbetaald, gaan in één SEPA-bestand. Ze kunnen daarna niet nog een keer worden uitbetaald.`}
          confirmLabel="Ja, zet klaar"
          disabled={run.isPending}
          onConfirm={doRun}
        />
      </form>

      <Heading2>Uitbetalingen</Heading2>
      <ProblemAlert error={payouts.error ?? paid.error} />
      <Loading loading={payouts.loading}>
        {(payouts.data ?? []).length === 0 ? (
          <Paragraph>Er zijn nog geen uitbetalingen.</Paragraph>
        ) : (
          <Table>
            <caption className="vn-caption">Uitbetalingen, nieuwste eerst</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Periode</TableHeaderCell>
                <TableHeaderCell scope="col">Aanbieders</TableHeaderCell>
                <TableHeaderCell scope="col">Bedrag</TableHeaderCell>
                <TableHeaderCell scope="col">Status</TableHeaderCell>
                <TableHeaderCell scope="col">Bestand en betaling</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {(payouts.data ?? []).map((p) => (
                <TableRow key={p.id}>
                  <TableCell>
                    {formatDate(p.from)} tot en met {formatDate(p.to)}
                  </TableCell>
                  <TableCell>{p.lines.map((l) => `${l.provider} (${euro(l.amountCents)})`).join('; ')}</TableCell>
                  <TableCell>{euro(p.totalCents)}</TableCell>
                  <TableCell>{statusLabels[p.status] ?? p.status}</TableCell>
                  <TableCell>
                    <a href={`/api/v1/pass/payouts/${p.id}/pain001`}>SEPA-bestand {p.messageId}</a>
                    {p.status === 'prepared' && (
                      <ConfirmButton
                        label={`Betaald: ${p.messageId}`}
                        title="Als betaald markeren?"
                        consequence={`De bank heeft ${euro(p.totalCents)} aan ${p.lines.length} aanbieders betaald. Dit kan maar één keer.`}
                        confirmLabel="Ja, is betaald"
                        appearance="secondary-action-button"
                        disabled={paid.isPending}
                        onConfirm={async () => {
                          setMessage(null);
                          const done = await paid.mutateAsync({ id: p.id }).catch(() => null);
                          if (done) setMessage(`Uitbetaling ${done.messageId} is als betaald gemarkeerd.`);
                        }}
                      />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Loading>

      <Heading2>IBAN van een aanbieder</Heading2>
      <form onSubmit={submitIban} className="vn-form" aria-label="IBAN van een aanbieder" {...ibanLocal.formProps}>
        <ErrorSummary error={setIban.error} local={ibanLocal.errors} fields={ibanFields} />
        <SelectField
          id="iban-provider"
          label="Aanbieder"
          value={ibanForm.providerId}
          onChange={(v) => setIbanForm((f) => ({ ...f, providerId: v }))}
          required
          error={fieldError('providerId', setIban.error, ibanLocal.errors)}
        >
          <option value="">Kies een aanbieder</option>
          {(providers.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.iban ?? 'geen IBAN'})
            </option>
          ))}
        </SelectField>
        <TextInput
          id="iban-value"
          label="IBAN aanbieder"
          value={ibanForm.iban}
          onChange={(v) => setIbanForm((f) => ({ ...f, iban: v }))}
          required
          error={fieldError('iban', setIban.error, ibanLocal.errors)}
        />
        <Button type="submit" appearance="secondary-action-button" disabled={setIban.isPending}>
          IBAN opslaan
        </Button>
      </form>
    </StaffShell>
  );
}
