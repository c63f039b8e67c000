import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Title, Tooltip } from 'chart.js';
import { useState, type FormEvent } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import { api, query } from '../../api.ts';
import { Loading, ProblemAlert, RejectionsTable, TextField, useLoad } from '../../components.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useSession } from '../../session.tsx';

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Title, Tooltip, Legend);

interface Measure {
  code: string;
  name: string;
  unit: string;
  description: string;
  source: string;
  owner: string;
  theme: string;
  periodKind: string;
  aggregation: string;
}
interface Theme {
  code: string;
  name: string;
  measures: Measure[];
}
interface Area {
  code: string;
  name: string;
  kind: string;
  municipalityCode: string;
}
interface Cell {
  value: number | null;
  display: string;
  suppressed: 'primary' | 'secondary' | null;
}
interface DashboardResult {
  measure: Measure;
  granularity: string;
  from: string;
  to: string;
  threshold: number;
  periods: string[];
  rows: { areaCode: string; name: string; cells: Cell[]; total: Cell | null; sharePercent: number | null }[];
  totals: Cell[] | null;
  grandTotal: Cell | null;
  totalLabel: string;
  benchmarks: { periodCode: string; value: number; source: string; note: string; total: Cell | null; differencePercent: number | null }[];
}
interface ImportSummary {
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rejections: { line: number; field: string; reason: string }[];
}

const granularityLabels: Record<string, string> = { month: 'Maand', quarter: 'Kwartaal', year: 'Jaar' };
const municipalityNames: Record<string, string> = {
  GM0505: 'Dordrecht',
  GM0482: 'Alblasserdam',
  GM0531: 'Hendrik-Ido-Ambacht',
  GM0590: 'Papendrecht',
  GM0610: 'Sliedrecht',
  GM0642: 'Zwijndrecht',
  GM0523: 'Hardinxveld-Giessendam',
};

function thisMonth(offset = 0): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function Select(props: { id: string; label: string; value: string; onChange: (v: string) => void; options: [string, string][] }) {
  return (
    <div className="vn-field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} className="utrecht-select" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export function InsightsDashboard() {
  const { user, can } = useSession();
  const themes = useLoad(() => api<Theme[]>('GET', '/insights/themes'), []);
  const municipalities = user?.municipalities ?? ['GM0505'];
  const [filters, setFilters] = useState({
    theme: 'schulden',
    measure: '',
    municipality: municipalities.includes('GM0505') ? 'GM0505' : (municipalities[0] ?? 'GM0505'),
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
  const areas = useLoad(() => api<Area[]>('GET', `/insights/areas${query({ municipality: filters.municipality })}`), [filters.municipality]);
  const params = current
    ? query({ measure: current.measure, municipality: current.municipality, level: current.level, granularity: current.granularity, from: current.from, to: current.to, areas: current.area || undefined })
    : '';
  const result = useLoad(() => (current ? api<DashboardResult>('GET', `/insights/dashboard${params}`) : Promise.resolve(null)), [params]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ ...filters, measure: measureCode });
  };
  const data = result.data;

  return (
    <StaffShell>
      <Heading1>Dashboard Sociaal Domein</Heading1>
      <Paragraph>
        Geanonimiseerde cijfers per wijk en periode, uit de modules van Vangnet en uit ingelezen bestanden. Kleine aantallen (minder dan{' '}
        {data?.threshold ?? 10}) tonen we als “&lt; {data?.threshold ?? 10}”. Andere cijfers waarmee u zo’n klein aantal zou kunnen terugrekenen, zijn
        “afgeschermd”.
      </Paragraph>
      <ProblemAlert error={themes.error} />
      <form onSubmit={submit} className="vn-filters" aria-label="Filters dashboard">
        <Select id="i-theme" label="Thema" value={filters.theme} onChange={set('theme')} options={(themes.data ?? []).map((t) => [t.code, t.name])} />
        <Select id="i-measure" label="Cijfer" value={measureCode} onChange={set('measure')} options={(theme?.measures ?? []).map((m) => [m.code, m.name])} />
        <Select id="i-level" label="Niveau" value={filters.level} onChange={set('level')} options={[['wijk', 'Wijken van een gemeente'], ['municipality', 'Gemeenten']]} />
        {filters.level === 'wijk' && (
          <Select id="i-municipality" label="Gemeente" value={filters.municipality} onChange={set('municipality')} options={municipalities.map((m) => [m, municipalityNames[m] ?? m])} />
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
      {data && can('insights:manage') && <BenchmarkForm measure={data.measure} onSaved={result.reload} />}
      {can('insights:manage') && <ImportForm themes={themes.data ?? []} onImported={result.reload} />}
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
        {data.measure.description} Bron: {data.measure.owner}. Periode {data.from} tot en met {data.to}.
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
                  labels: data.periods,
                  datasets: [
                    { label: 'Totaal', data: totals.map((c) => c.value), borderColor: '#01689b', backgroundColor: '#01689b', spanGaps: false },
                    ...(data.benchmarks.length
                      ? [{ label: 'Landelijke benchmark', data: data.periods.map((p) => data.benchmarks.find((b) => b.periodCode === p)?.value ?? null), borderColor: '#a90061', backgroundColor: '#a90061', borderDash: [6, 4] }]
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
              options={{ maintainAspectRatio: false, indexAxis: 'y', scales: { x: { beginAtZero: true } }, plugins: { title: { display: true, text: `${data.measure.name} per gebied` } } }}
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
                {p}
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
              <TableCell className="vn-num">{r.sharePercent === null ? '–' : `${r.sharePercent.toLocaleString('nl-NL')}%`}</TableCell>
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
        “&lt; {data.threshold}” = minder dan {data.threshold}; “afgeschermd” = verborgen zodat een klein aantal niet uit de totalen terug te rekenen is; “–” = niet te
        berekenen zonder een afgeschermd cijfer.
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
                <TableHeaderCell scope="row">{b.periodCode}</TableHeaderCell>
                <ValueCell cell={b.total} />
                <TableCell className="vn-num">{b.value.toLocaleString('nl-NL')}</TableCell>
                <TableCell className="vn-num">{b.differencePercent === null ? '–' : `${b.differencePercent > 0 ? '+' : ''}${b.differencePercent.toLocaleString('nl-NL')}%`}</TableCell>
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

function BenchmarkForm({ measure, onSaved }: { measure: Measure; onSaved: () => void }) {
  const [form, setForm] = useState({ period: '', value: '', source: '', note: '' });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('PUT', '/insights/benchmarks', { measure: measure.code, period: form.period, value: Number(form.value.replace(',', '.')), source: form.source, note: form.note });
      setSaved(`Benchmark voor ${form.period} opgeslagen.`);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="vn-insights-panel" aria-labelledby="benchmark-heading">
      <Heading2 id="benchmark-heading">Landelijke benchmark invoeren</Heading2>
      <Paragraph>Voor: {measure.name}. Gebruik dezelfde eenheid en periode als in de tabel (bijvoorbeeld 2021-Q1 of 2021).</Paragraph>
      <form onSubmit={submit} className="vn-form" aria-label="Landelijke benchmark invoeren">
        <TextField id="b-period" label="Periode" value={form.period} onChange={set('period')} required />
        <TextField id="b-value" label="Landelijke waarde" value={form.value} onChange={set('value')} required />
        <TextField id="b-source" label="Bron" value={form.source} onChange={set('source')} required />
        <TextField id="b-note" label="Toelichting (niet verplicht)" value={form.note} onChange={set('note')} />
        <Button type="submit" appearance="secondary-action-button">
          Benchmark opslaan
        </Button>
      </form>
      <ProblemAlert error={error} />
      {saved && (
        <Paragraph className="vn-success" role="status">
          {saved}
        </Paragraph>
      )}
    </section>
  );
}

function ImportForm({ themes, onImported }: { themes: Theme[]; onImported: () => void }) {
  const imported = themes.flatMap((t) => t.measures).filter((m) => m.source === 'import');
  const [measure, setMeasure] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const chosen = measure || imported[0]?.code || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSummary(null);
    if (!file) return;
    try {
      const content = await file.text();
      setSummary(await api<ImportSummary>('POST', '/insights/imports', { measure: chosen, fileName: file.name, content }));
      onImported();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="vn-insights-panel" aria-labelledby="import-heading">
      <Heading2 id="import-heading">Bestand met cijfers inlezen</Heading2>
      <Paragraph>Een CSV-bestand met de kolommen gebied (CBS-code), periode en waarde. Hetzelfde bestand nog eens inlezen verandert niets.</Paragraph>
      <form onSubmit={submit} className="vn-form" aria-label="Bestand inlezen">
        <Select id="u-measure" label="Dataset" value={chosen} onChange={setMeasure} options={imported.map((m) => [m.code, m.name])} />
        <div className="vn-field">
          <label htmlFor="u-file">CSV-bestand</label>
          <input id="u-file" type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <Button type="submit" appearance="secondary-action-button">
          Inlezen
        </Button>
      </form>
      <ProblemAlert error={error} />
      {summary && (
        <div role="status">
          <Paragraph className="vn-success">
            {summary.rows} regels: {summary.accepted} opgeslagen, {summary.duplicates} al bekend, {summary.rejected} afgewezen.
          </Paragraph>
          {summary.rejections.length > 0 && (
            <RejectionsTable rejections={summary.rejections} fieldHeader="Veld" />
          )}
        </div>
      )}
    </section>
  );
}
