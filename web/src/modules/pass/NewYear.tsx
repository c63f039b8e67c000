import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { Json } from '../../../../src/platform/contract.ts';
import type { benefitsPreview, lapseResult, newYearResult } from '../../../../src/modules/pass/yearContract.ts';
import { RejectionsTable } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, Field, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { formatCount } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApiMutation } from '../../query.tsx';
import { useLocalChecks } from './shared.tsx';

type Preview = Json<typeof benefitsPreview>;

const fields: FieldMap = {
  year: { id: 'ny-year', label: 'Nieuw pasjaar' },
  deadline: { id: 'ny-deadline', label: 'Uiterste datum om te bevestigen' },
  benefitsCsv: { id: 'ny-file', label: 'Uitkeringsbestand' },
};

/**
 * "Dordtpas nieuw pasjaar": the social service's file of benefit recipients is checked first (every bad row with its
 * line), then the year is started after a question: recipients renewed, the others invited to confirm on Mijn Dordtpas.
 */
export function PassNewYear() {
  const next = new Date().getFullYear() + 1;
  const [year, setYear] = useState(String(next));
  const [deadline, setDeadline] = useState(`${next}-01-31`);
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const check = useApiMutation<{ benefitsCsv: string }, Preview>('POST', '/pass/years/benefits-preview');
  const start = useApiMutation<Record<string, unknown>, Json<typeof newYearResult>>('POST', '/pass/years/start');
  const lapse = useApiMutation<Record<string, unknown>, Json<typeof lapseResult>>('POST', '/pass/years/lapse');
  const checks: FieldErrors = {};
  if (!/^\d{4}$/.test(year.trim())) checks.year = 'Schrijf het pasjaar als vier cijfers, bijvoorbeeld 2027.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline)) checks.deadline = 'Kies de uiterste datum waarop huishoudens kunnen bevestigen.';
  if (csv === null) checks.benefitsCsv = 'Kies het bestand met uitkeringsontvangers van de sociale dienst (CSV).';
  const local = useLocalChecks(fields, checks);
  const readFile = async (file: File | null) => {
    setPreview(null);
    setMessage(null);
    if (!file) return setCsv(null);
    const text = await file.text();
    setCsv(text);
    try {
      setPreview(await check.mutateAsync({ benefitsCsv: text }));
    } catch {
      // In the summary and next to the field.
    }
  };
  const doStart = async () => {
    setMessage(null);
    try {
      const result = await start.mutateAsync({ year: Number(year), deadline, benefitsCsv: csv ?? '' });
      setMessage(result.summary);
      local.reset();
    } catch {
      // In the summary and next to the field.
    }
  };
  const doLapse = async () => {
    setMessage(null);
    try {
      setMessage((await lapse.mutateAsync({ year: Number(year) })).summary);
    } catch {
      // Shown in the summary.
    }
  };
  const error = start.error ?? check.error ?? lapse.error;
  return (
    <StaffShell>
      <Heading1>Dordtpas nieuw pasjaar</Heading1>
      <Paragraph>
        Lees het bestand van de sociale dienst in met wie nu een uitkering heeft. Hun Dordtpas wordt vanzelf verlengd. De andere huishoudens krijgen op Mijn
        Dordtpas een uitnodiging om te bevestigen dat hun situatie hetzelfde is. Wie niet op tijd bevestigt, verliest de pas. Nog een keer starten verandert
        niets.
      </Paragraph>
      <Done>{message}</Done>
      <form id="new-year-form" onSubmit={(e) => e.preventDefault()} className="vn-form" aria-label="Nieuw pasjaar starten" {...local.formProps}>
        <ErrorSummary error={error} local={local.errors} fields={fields} />
        <TextInput
          id="ny-year"
          label="Nieuw pasjaar"
          value={year}
          onChange={setYear}
          inputMode="numeric"
          required
          error={fieldError('year', start.error, local.errors)}
        />
        <TextInput
          id="ny-deadline"
          label="Uiterste datum om te bevestigen"
          type="date"
          value={deadline}
          onChange={setDeadline}
          required
          error={fieldError('deadline', start.error, local.errors)}
        />
        <Field
          id="ny-file"
          label="Uitkeringsbestand"
          description="Een CSV-bestand met de kolommen bsn en uitkering."
          error={fieldError('benefitsCsv', start.error ?? check.error, local.errors)}
        >
          {(aria) => <input {...aria} type="file" required accept=".csv,text/csv" onChange={(e) => void readFile(e.target.files?.[0] ?? null)} />}
        </Field>
        {preview && (
          <section aria-label="Controle van het bestand">
            <Heading2>Controle van het bestand</Heading2>
            <Paragraph>
              {formatCount(preview.recipients)} {preview.recipients === 1 ? 'uitkeringsontvanger' : 'uitkeringsontvangers'} gelezen.{' '}
              {preview.problems.length
                ? `${formatCount(preview.problems.length)} ${preview.problems.length === 1 ? 'regel kon' : 'regels konden'} niet worden gelezen. Wie op zo'n regel staat, krijgt een uitnodiging om te bevestigen.`
                : 'Alle regels zijn goed.'}
            </Paragraph>
            {preview.problems.length > 0 && (
              <RejectionsTable rejections={preview.problems.map((p) => ({ line: p.line, field: p.field, reason: p.message }))} fieldHeader="Veld" />
            )}
          </section>
        )}
        <ConfirmButton
          form="new-year-form"
          label="Nieuw pasjaar starten"
          title={`Pasjaar ${year} starten?`}
          consequence={`De passen van de uitkeringsontvangers in het bestand worden verlengd tot en met 31 december ${year}, met het kindtegoed van ${year}. De andere huishoudens krijgen een uitnodiging om te bevestigen vóór ${deadline.split('-').reverse().join('-')}.`}
          confirmLabel="Ja, start het pasjaar"
          disabled={start.isPending}
          onConfirm={doStart}
        />
      </form>
      <Heading2>Na de uiterste datum</Heading2>
      <Paragraph>Huishoudens die niet op tijd bevestigden, verliezen hun pas. Dit gebeurt ook vanzelf bij de volgende keer starten.</Paragraph>
      <Button type="button" appearance="secondary-action-button" disabled={lapse.isPending} onClick={() => void doLapse()}>
        Uitnodigingen laten vervallen
      </Button>
    </StaffShell>
  );
}
