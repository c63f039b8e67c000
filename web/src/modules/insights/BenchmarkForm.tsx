import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Done, ErrorSummary, fieldError, TextInput, type FieldErrors } from '../../forms.tsx';
import { parseAmount } from '../../format.ts';
import { useApiMutation } from '../../query.tsx';
import { periodName, type Measure } from './insightsShared.tsx';

const benchmarkFields = {
  period: { id: 'b-period', label: 'Periode' },
  value: { id: 'b-value', label: 'Landelijke waarde' },
  source: { id: 'b-source', label: 'Bron' },
  note: { id: 'b-note', label: 'Toelichting' },
};

/** A national figure to compare the shown figure with, for one period. */
export function BenchmarkForm({ measure }: { measure: Measure }) {
  const [form, setForm] = useState({ period: '', value: '', source: '', note: '' });
  const [local, setLocal] = useState<FieldErrors>({});
  const [saved, setSaved] = useState('');
  const save = useApiMutation<{ measure: string; period: string; value: number; source: string; note: string }>('PUT', '/insights/benchmarks', {
    invalidates: ['/insights/dashboard', '/insights/benchmarks'],
    onSuccess: (_r, body) => setSaved(`De landelijke benchmark voor ${periodName(body.period)} is opgeslagen.`),
  });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved('');
    save.reset();
    const errors: FieldErrors = {};
    if (!form.period.trim()) errors.period = 'Schrijf de periode als 2021-03, 2021-Q1 of 2021.';
    const cents = parseAmount(form.value);
    if (cents === null || cents < 0) errors.value = 'Schrijf de landelijke waarde als een getal, bijvoorbeeld 1500 of 12,5.';
    if (form.source.trim().length < 2) errors.source = 'Schrijf waar het cijfer vandaan komt, bijvoorbeeld “CBS Statline”.';
    setLocal(errors);
    if (Object.keys(errors).length) return;
    save.mutate({ measure: measure.code, period: form.period.trim(), value: cents! / 100, source: form.source, note: form.note });
  };
  const err = (name: string) => fieldError(name, save.error, local);
  return (
    <section className="vn-insights-panel" aria-labelledby="benchmark-heading">
      <Heading2 id="benchmark-heading">Landelijke benchmark invoeren</Heading2>
      <Paragraph>Voor: {measure.name}. Gebruik dezelfde eenheid en periode als in de tabel (bijvoorbeeld 2021-Q1 of 2021).</Paragraph>
      <form onSubmit={submit} className="vn-form" aria-label="Landelijke benchmark invoeren" noValidate>
        <ErrorSummary error={save.error} local={local} fields={benchmarkFields} />
        <TextInput
          id="b-period"
          label="Periode"
          value={form.period}
          onChange={set('period')}
          required
          error={err('period')}
          description="Een maand (2021-03), kwartaal (2021-Q1) of jaar (2021)."
        />
        <TextInput id="b-value" label="Landelijke waarde" value={form.value} onChange={set('value')} required inputMode="decimal" error={err('value')} />
        <TextInput id="b-source" label="Bron" value={form.source} onChange={set('source')} required error={err('source')} />
        <TextInput id="b-note" label="Toelichting (niet verplicht)" value={form.note} onChange={set('note')} error={err('note')} />
        <Button type="submit" appearance="secondary-action-button" disabled={save.isPending}>
          Benchmark opslaan
        </Button>
      </form>
      <Done>{saved}</Done>
    </section>
  );
}
