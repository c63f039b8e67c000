import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { Json } from '../../../../src/platform/contract.ts';
import type { populationSummary } from '../../../../src/modules/insights/contract.ts';
import { RejectionsTable } from '../../components.tsx';
import { Done, ErrorSummary, Field, fieldError, type FieldErrors } from '../../forms.tsx';
import { formatCount } from '../../format.ts';
import { useApiMutation } from '../../query.tsx';

const fields = { content: { id: 'p-file', label: 'Bestand met inwonertallen (CSV)' }, fileName: { id: 'p-file', label: 'Bestand met inwonertallen (CSV)' } };

/** A CSV file of inhabitants per area and year (for the rates per 1,000 inhabitants), with what was kept and what was refused. */
export function PopulationForm() {
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<FieldErrors>({});
  const upload = useApiMutation<{ fileName: string; content: string }, Json<typeof populationSummary>>('POST', '/insights/population', {
    invalidates: ['/insights/dashboard', '/insights/population', '/insights/areas'],
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    upload.reset();
    const errors: FieldErrors = {};
    if (!file) errors.content = 'Kies het bestand met inwonertallen dat u wilt inlezen.';
    else if (!/\.csv$/i.test(file.name)) errors.content = 'Kies een CSV-bestand (de naam eindigt op .csv).';
    setLocal(errors);
    if (Object.keys(errors).length) return;
    upload.mutate({ fileName: file!.name, content: await file!.text() });
  };
  const summary = upload.data;
  return (
    <section className="vn-insights-panel" aria-labelledby="population-heading">
      <Heading2 id="population-heading">Inwonertallen inlezen</Heading2>
      <Paragraph>
        Een CSV-bestand met de kolommen gebied (CBS-code van gemeente, wijk of buurt), jaar, inwoners en eventueel huishoudens, bijvoorbeeld de kerncijfers van
        het CBS. Daarmee toont het dashboard aantallen per 1.000 inwoners.
      </Paragraph>
      <form onSubmit={submit} className="vn-form" aria-label="Inwonertallen inlezen" noValidate>
        <ErrorSummary error={upload.error} local={local} fields={fields} />
        <Field
          id="p-file"
          label="Bestand met inwonertallen (CSV)"
          error={fieldError('content', upload.error, local) ?? fieldError('fileName', upload.error, local)}
        >
          {(aria) => <input {...aria} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <Button type="submit" appearance="secondary-action-button" disabled={upload.isPending}>
          Lees de inwonertallen in
        </Button>
      </form>
      {summary && (
        <div>
          <Done>
            {formatCount(summary.rows)} regels: {formatCount(summary.accepted)} opgeslagen, {formatCount(summary.duplicates)} al bekend,{' '}
            {formatCount(summary.rejected)} afgewezen.
          </Done>
          {summary.rejections.length > 0 && <RejectionsTable rejections={summary.rejections} fieldHeader="Veld" />}
        </div>
      )}
    </section>
  );
}
