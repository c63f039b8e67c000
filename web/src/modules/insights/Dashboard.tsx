import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Title, Tooltip } from 'chart.js';
import { useState, type FormEvent } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import type { Json } from '../../../../src/platform/contract.ts';
import { DEFAULT_MUNICIPALITY, municipalityName } from '../../../../src/platform/municipalities.ts';
import {
  granularityLabels,
  levelLabels,
  type areaList,
  type cell,
  type dashboardResult,
  type importSummary,
  type measure,
  type themeList,
} from '../../../../src/modules/insights/contract.ts';
import { query } from '../../api.ts';
import { Loading, ProblemAlert, RejectionsTable, TextField } from '../../components.tsx';
import { Done, ErrorSummary, Field, fieldError, TextInput, type FieldErrors } from '../../forms.tsx';
import { formatCount, formatMonth, formatPercent, parseAmount } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { useSession } from '../../session.tsx';

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Title, Tooltip, Legend);

type Measure = Json<typeof measure>;
type Theme = Json<typeof themeList>[number];
type Cell = Json<typeof cell>;
type DashboardResult = Json<typeof dashboardResult>;
type ImportSummary = Json<typeof importSummary>;

/** A period code in words: `2026-03` → "maart 2026", `2026-Q1` → "1e kwartaal 2026", `2026` stays. */
export function periodName(code: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(code);
  if (q) return `${q[2]}e kwartaal ${q[1]}`;
  return /^\d{4}-\d{2}$/.test(code) ? formatMonth(code) : code;
}

function thisMonth(offset = 0): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function Select(props: { id: string; label: string; value: string; onChange: (v: string) => void; options: [string, string][]; error?: string }) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(aria) => (
        <select {...aria} className="utrecht-select" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function InsightsDashboard() {
  const { user, can } = useSession();
  const themes = useApi<Theme[]>('/insights/themes');
  const municipalities = user?.municipalities ?? [DEFAULT_MUNICIPALITY];
  const [filters, setFilters] = useState({
    theme: 'schulden',
    measure: '',
    municipality: municipalities.includes(DEFAULT_MUNICIPALITY) ? DEFAULT_MUNICIPALITY : (municipalities[0] ?? DEFAULT_MUNICIPALITY),
    level: 'wijk',
    granularity: 'quarter',
    from: thisMonth(-23),
    to: thisMonth(0),
    area: '',
  });
  const [applied, setApplied] = useState<typeof filters | null>(null);
  const set = (key: keyof typeof filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value, ...(key === 'theme' ? { measure: '' } : {}) }));
  const theme = themes.data?.find((t) => t.code === filters.theme);
  const measureCode = filters.measure || theme?.measures[0]?.code || '';
  const current = applied ?? (measureCode ? { ...filters, measure: measureCode } : null);
  const areas = useApi<Json<typeof areaList>>(`/insights/areas${query({ municipality: filters.municipality })}`);
  const params = current
    ? query({
        measure: current.measure,
        municipality: current.municipality,
        level: current.level,
        granularity: current.granularity,
        from: current.from,
        to: current.to,
        areas: current.area || undefined,
      })
    : '';
  const result = useApi<DashboardResult>(current ? `/insights/dashboard${params}` : null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ ...filters, measure: measureCode });
  };
  const data = result.data;

  return (
    <StaffShell>
      <Heading1>Dashboard Sociaal Domein</Heading1>
      <Paragraph>
        Geanonimiseerde cijfers per wijk en periode, uit de modules van Vangnet en uit ingelezen bestanden. Kleine aantallen (minder dan {data?.threshold ?? 10}
        ) tonen we als “&lt; {data?.threshold ?? 10}”. Andere cijfers waarmee u zo’n klein aantal zou kunnen terugrekenen, zijn “afgeschermd”.
      </Paragraph>
      <ProblemAlert error={themes.error} />
      <form onSubmit={submit} className="vn-filters" aria-label="Filters dashboard">
        <Select id="i-theme" label="Thema" value={filters.theme} onChange={set('theme')} options={(themes.data ?? []).map((t) => [t.code, t.name])} />
        <Select id="i-measure" label="Cijfer" value={measureCode} onChange={set('measure')} options={(theme?.measures ?? []).map((m) => [m.code, m.name])} />
        <Select id="i-level" label="Niveau" value={filters.level} onChange={set('level')} options={Object.entries(levelLabels)} />
        {filters.level === 'wijk' && (
          <Select
            id="i-municipality"
            label="Gemeente"
            value={filters.municipality}
            onChange={set('municipality')}
            options={municipalities.map((m) => [m, municipalityName(m)])}
          />
        )}
        {filters.level === 'wijk' && (
          <Select
            id="i-area"
            label="Gebied"
            value={filters.area}
            onChange={set('area')}
            options={[['', 'Alle wijken'], ...(areas.data ?? []).filter((a) => a.kind === 'wijk').map((a): [string, string] => [a.code, a.name])]}
          />
        )}
        <Select id="i-granularity" label="Periode per" value={filters.granularity} onChange={set('granularity')} options={Object.entries(granularityLabels)} />
        <TextField id="i-from" label="Van (jjjj-mm)" value={filters.from} onChange={set('from')} />
        <TextField id="i-to" label="Tot en met (jjjj-mm)" value={filters.to} onChange={set('to')} />
        <Button type="submit" appearance="primary-action-button">
          Toon cijfers
        </Button>
      </form>
      <ProblemAlert error={result.error} />
      <Loading loading={result.loading || themes.loading}>{data && <DashboardView data={data} csvUrl={`/api/v1/insights/dashboard.csv${params}`} />}</Loading>
      {data && can('insights:manage') && <BenchmarkForm measure={data.measure} />}
      {can('insights:manage') && <ImportForm themes={themes.data ?? []} />}
    </StaffShell>
  );
}

function DashboardView({ data, csvUrl }: { data: DashboardResult; csvUrl: string }) {
  const totals = data.totals;
  const chartLabel = `${data.measure.name} per ${granularityLabels[data.granularity]?.toLowerCase()}`;
  const perArea = data.rows.map((r) => r.total?.value ?? null);
  return (
    <>
      <Heading2>{data.measure.name}</Heading2>
      <Paragraph>
        {data.measure.description} Bron: {data.measure.owner}. Periode {periodName(data.from)} tot en met {periodName(data.to)}.
      </Paragraph>
      {data.rows.length === 0 ? (
        <Paragraph>Er zijn geen cijfers voor deze keuze.</Paragraph>
      ) : (
        <div className="vn-insights-charts">
          {totals && (
            <figure className="vn-insights-chart">
              <div className="vn-insights-canvas">
                <Line
                  aria-label={`Lijngrafiek: ${chartLabel}, totaal. De tabel hieronder geeft dezelfde cijfers.`}
                  role="img"
                  data={{
                    labels: data.periods.map(periodName),
                    datasets: [
                      { label: 'Totaal', data: totals.map((c) => c.value), borderColor: '#01689b', backgroundColor: '#01689b', spanGaps: false },
                      ...(data.benchmarks.length
                        ? [
                            {
                              label: 'Landelijke benchmark',
                              data: data.periods.map((p) => data.benchmarks.find((b) => b.periodCode === p)?.value ?? null),
                              borderColor: '#a90061',
                              backgroundColor: '#a90061',
                              borderDash: [6, 4],
                            },
                          ]
                        : []),
                    ],
                  }}
                  options={{ maintainAspectRatio: false, scales: { y: { beginAtZero: true } }, plugins: { title: { display: true, text: chartLabel } } }}
                />
              </div>
              <figcaption className="vn-insights-legend">Verloop in de tijd. Afgeschermde perioden ontbreken in de lijn.</figcaption>
            </figure>
          )}
          <figure className="vn-insights-chart">
            <div className="vn-insights-canvas">
              <Bar
                aria-label={`Staafgrafiek: ${data.measure.name} per gebied (${data.totalLabel.toLowerCase()}). De tabel hieronder geeft dezelfde cijfers.`}
                role="img"
                data={{ labels: data.rows.map((r) => r.name), datasets: [{ label: data.totalLabel, data: perArea, backgroundColor: '#01689b' }] }}
                options={{
                  maintainAspectRatio: false,
                  indexAxis: 'y',
                  scales: { x: { beginAtZero: true } },
                  plugins: { title: { display: true, text: `${data.measure.name} per gebied` } },
                }}
              />
            </div>
            <figcaption className="vn-insights-legend">Per gebied. Afgeschermde gebieden hebben geen staaf.</figcaption>
          </figure>
        </div>
      )}
      <Paragraph>
        <a href={csvUrl} download className="utrecht-link">
          Download de tabel als CSV-bestand
        </a>
      </Paragraph>
      <Table>
        <caption className="vn-caption">
          {data.measure.name} per gebied en {granularityLabels[data.granularity]?.toLowerCase()}
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Gebied</TableHeaderCell>
            {data.periods.map((p) => (
              <TableHeaderCell key={p} scope="col" className="vn-num">
                {periodName(p)}
              </TableHeaderCell>
            ))}
            <TableHeaderCell scope="col" className="vn-num">
              {data.totalLabel}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="vn-num">
              Aandeel
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.rows.map((r) => (
            <TableRow key={r.areaCode}>
              <TableHeaderCell scope="row">{r.name}</TableHeaderCell>
              {r.cells.map((c, i) => (
                <ValueCell key={i} cell={c} />
              ))}
              <ValueCell cell={r.total} />
              <TableCell className="vn-num">{formatPercent(r.sharePercent)}</TableCell>
            </TableRow>
          ))}
          {totals && (
            <TableRow>
              <TableHeaderCell scope="row">Totaal</TableHeaderCell>
              {totals.map((c, i) => (
                <ValueCell key={i} cell={c} />
              ))}
              <ValueCell cell={data.grandTotal} />
              <TableCell className="vn-num">100%</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <Paragraph className="vn-insights-legend">
        “&lt; {data.threshold}” = minder dan {data.threshold}; “afgeschermd” = verborgen zodat een klein aantal niet uit de totalen terug te rekenen is; “–” =
        niet te berekenen zonder een afgeschermd cijfer.
      </Paragraph>
      <Heading2>Vergelijking met landelijke cijfers</Heading2>
      {data.benchmarks.length === 0 ? (
        <Paragraph>Voor deze perioden zijn nog geen landelijke vergelijkingscijfers ingevoerd.</Paragraph>
      ) : (
        <Table>
          <caption className="vn-caption">Totaal tegenover de landelijke benchmark</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Periode</TableHeaderCell>
              <TableHeaderCell scope="col" className="vn-num">
                Totaal
              </TableHeaderCell>
              <TableHeaderCell scope="col" className="vn-num">
                Landelijke benchmark
              </TableHeaderCell>
              <TableHeaderCell scope="col" className="vn-num">
                Verschil
              </TableHeaderCell>
              <TableHeaderCell scope="col">Bron</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.benchmarks.map((b) => (
              <TableRow key={b.periodCode}>
                <TableHeaderCell scope="row">{periodName(b.periodCode)}</TableHeaderCell>
                <ValueCell cell={b.total} />
                <TableCell className="vn-num">{formatCount(b.value)}</TableCell>
                <TableCell className="vn-num">
                  {b.differencePercent === null ? '–' : `${b.differencePercent > 0 ? '+' : ''}${formatPercent(b.differencePercent)}`}
                </TableCell>
                <TableCell>
                  {b.source}
                  {b.note ? ` (${b.note})` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

function ValueCell({ cell }: { cell: Cell | null }) {
  if (!cell) return <TableCell className="vn-num">–</TableCell>;
  return <TableCell className={`vn-num${cell.suppressed ? ' vn-insights-hidden' : ''}`}>{cell.display}</TableCell>;
}

const benchmarkFields = {
  period: { id: 'b-period', label: 'Periode' },
  value: { id: 'b-value', label: 'Landelijke waarde' },
  source: { id: 'b-source', label: 'Bron' },
  note: { id: 'b-note', label: 'Toelichting' },
};

function BenchmarkForm({ measure }: { measure: Measure }) {
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

const importFields = {
  measure: { id: 'u-measure', label: 'Dataset' },
  content: { id: 'u-file', label: 'CSV-bestand' },
  fileName: { id: 'u-file', label: 'CSV-bestand' },
};

function ImportForm({ themes }: { themes: Theme[] }) {
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
