import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { RejectionsTable } from '../../components.tsx';
import { Done, ErrorSummary, Field, fieldError, type FieldErrors } from '../../forms.tsx';
import { formatCount } from '../../format.ts';
import { useApiMutation } from '../../query.tsx';
import { Select, type ImportSummary, type Theme } from './insightsShared.tsx';

const importFields = {
  measure: { id: 'u-measure', label: 'Dataset' },
  content: { id: 'u-file', label: 'CSV-bestand' },
  fileName: { id: 'u-file', label: 'CSV-bestand' },
};

/** A CSV file of figures for one of the imported datasets, with what was kept and what was refused. */
export function ImportForm({ themes }: { themes: Theme[] }) {
  const imported = themes.flatMap((t) => t.measures).filter((m) => m.source === 'import');
  const [measure, setMeasure] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<FieldErrors>({});
  const upload = useApiMutation<{ measure: string; fileName: string; content: string }, ImportSummary>('POST', '/insights/imports', {
    invalidates: ['/insights/dashboard', '/insights/imports'],
  });
  const chosen = measure || imported[0]?.code || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    upload.reset();
    const errors: FieldErrors = {};
    if (!chosen) errors.measure = 'Kies de dataset die in het bestand staat.';
    if (!file) errors.content = 'Kies het CSV-bestand dat u wilt inlezen.';
    else if (!/\.csv$/i.test(file.name)) errors.content = 'Kies een CSV-bestand (de naam eindigt op .csv).';
    setLocal(errors);
    if (Object.keys(errors).length) return;
    upload.mutate({ measure: chosen, fileName: file!.name, content: await file!.text() });
  };
  const summary = upload.data;
  return (
    <section className="vn-insights-panel" aria-labelledby="import-heading">
      <Heading2 id="import-heading">Bestand met cijfers inlezen</Heading2>
      <Paragraph>Een CSV-bestand met de kolommen gebied (CBS-code), periode en waarde. Hetzelfde bestand nog eens inlezen verandert niets.</Paragraph>
      <form onSubmit={submit} className="vn-form" aria-label="Bestand inlezen" noValidate>
        <ErrorSummary error={upload.error} local={local} fields={importFields} />
        <Select
          id="u-measure"
          label="Dataset"
          value={chosen}
          onChange={setMeasure}
          options={imported.map((m) => [m.code, m.name])}
          error={fieldError('measure', upload.error, local)}
        />
        <Field id="u-file" label="CSV-bestand" error={fieldError('content', upload.error, local) ?? fieldError('fileName', upload.error, local)}>
          {(aria) => <input {...aria} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </Field>
        <Button type="submit" appearance="secondary-action-button" disabled={upload.isPending}>
          Inlezen
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
