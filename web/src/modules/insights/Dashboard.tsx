import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { Json } from '../../../../src/platform/contract.ts';
import { DEFAULT_MUNICIPALITY, municipalityName } from '../../../../src/platform/municipalities.ts';
import { granularityLabels, levelLabels, regionCode, type areaList, type releaseList } from '../../../../src/modules/insights/contract.ts';
import { formatDateTime } from '../../format.ts';
import { query } from '../../api.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ErrorSummary, fieldError, TextInput, type FieldMap } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi } from '../../query.tsx';
import { useSession } from '../../session.tsx';
import { BenchmarkForm } from './BenchmarkForm.tsx';
import { DashboardView } from './DashboardView.tsx';
import { ImportForm } from './ImportForm.tsx';
import { PopulationForm } from './PopulationForm.tsx';
import { Select, type DashboardResult, type Theme } from './insightsShared.tsx';

const filterFields: FieldMap = {
  measure: { id: 'i-measure', label: 'Cijfer' },
  level: { id: 'i-level', label: 'Niveau' },
  municipality: { id: 'i-municipality', label: 'Gemeente' },
  areas: { id: 'i-area', label: 'Gebied' },
  granularity: { id: 'i-granularity', label: 'Periode per' },
  from: { id: 'i-from', label: 'Van' },
  to: { id: 'i-to', label: 'Tot en met' },
  release: { id: 'i-release', label: 'Welke cijfers' },
};

function thisMonth(offset = 0): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The areas to choose from: every wijk; at buurt level the buurten of a wijk together, or one buurt. */
function areaOptions(level: string, areas: Json<typeof areaList>): [string, string][] {
  const wijken = areas.filter((a) => a.kind === 'wijk');
  if (level !== 'buurt') return [['', 'Alle wijken'], ...wijken.map((a): [string, string] => [a.code, a.name])];
  const buurten = areas.filter((a) => a.kind === 'buurt');
  return [
    ['', 'Alle buurten'],
    ...wijken.filter((w) => buurten.some((b) => b.parentCode === w.code)).map((w): [string, string] => [w.code, `Buurten van ${w.name}`]),
    ...buurten.map((b): [string, string] => [b.code, b.name]),
  ];
}

/**
 * The dashboard: filters, and for the chosen figure the charts and tables (`DashboardView.tsx`); for managers the
 * forms to enter a national benchmark (`BenchmarkForm.tsx`) and to read in a file of figures (`ImportForm.tsx`).
 */
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
    release: '',
  });
  const [applied, setApplied] = useState<typeof filters | null>(null);
  const set = (key: keyof typeof filters) => (value: string) =>
    setFilters((f) => ({
      ...f,
      [key]: value,
      ...(key === 'theme' ? { measure: '' } : {}),
      ...(key === 'level' || key === 'municipality' ? { area: '' } : {}),
      ...(key === 'municipality' ? { release: '' } : {}),
      // All Drechtsteden wijken together is a choice at wijk level only.
      ...(key === 'level' && value !== 'wijk' && f.municipality === regionCode ? { municipality: municipalities[0] ?? DEFAULT_MUNICIPALITY } : {}),
    }));
  const theme = themes.data?.find((t) => t.code === filters.theme);
  const measureCode = filters.measure || theme?.measures[0]?.code || '';
  const current = applied ?? (measureCode ? { ...filters, measure: measureCode } : null);
  const region = filters.municipality === regionCode;
  const areas = useApi<Json<typeof areaList>>(`/insights/areas${query({ municipality: region ? undefined : filters.municipality })}`);
  const releases = useApi<Json<typeof releaseList>>(region ? null : `/insights/releases${query({ municipality: filters.municipality })}`);
  const params = current
    ? query({
        measure: current.measure,
        municipality: current.municipality,
        level: current.level,
        granularity: current.granularity,
        from: current.from,
        to: current.to,
        areas: current.area || undefined,
        release: current.release || undefined,
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
        Geanonimiseerde cijfers per gemeente, wijk of buurt en periode, uit de modules van Vangnet en uit ingelezen bestanden. Kleine aantallen (minder dan{' '}
        {data?.threshold ?? 10}) tonen we als “&lt; {data?.threshold ?? 10}”. Bedragen van heel weinig mensen, en andere cijfers waarmee u zo’n cijfer zou
        kunnen terugrekenen, zijn “afgeschermd”. Naast elk verborgen cijfer staat waarom.
      </Paragraph>
      <ProblemAlert error={themes.error} />
      <form onSubmit={submit} className="vn-filters" aria-label="Filters dashboard" noValidate>
        <ErrorSummary error={result.error} fields={filterFields} />
        <Select id="i-theme" label="Thema" value={filters.theme} onChange={set('theme')} options={(themes.data ?? []).map((t) => [t.code, t.name])} />
        <Select
          id="i-measure"
          error={fieldError('measure', result.error)}
          label="Cijfer"
          value={measureCode}
          onChange={set('measure')}
          options={(theme?.measures ?? []).map((m) => [m.code, m.name])}
        />
        <Select
          id="i-level"
          error={fieldError('level', result.error)}
          label="Niveau"
          value={filters.level}
          onChange={set('level')}
          options={Object.entries(levelLabels)}
        />
        {filters.level !== 'municipality' && (
          <Select
            id="i-municipality"
            error={fieldError('municipality', result.error)}
            label="Gemeente"
            value={filters.municipality}
            onChange={set('municipality')}
            options={[
              ...municipalities.map((m): [string, string] => [m, municipalityName(m)]),
              ...(filters.level === 'wijk' && municipalities.length > 1 ? [[regionCode, 'Alle gemeenten van de Drechtsteden'] as [string, string]] : []),
            ]}
          />
        )}
        {filters.level !== 'municipality' && (
          <Select
            id="i-area"
            error={fieldError('areas', result.error)}
            label="Gebied"
            value={filters.area}
            onChange={set('area')}
            options={areaOptions(filters.level, areas.data ?? [])}
          />
        )}
        <Select
          id="i-granularity"
          error={fieldError('granularity', result.error)}
          label="Periode per"
          value={filters.granularity}
          onChange={set('granularity')}
          options={Object.entries(granularityLabels)}
        />
        {!region && (
          <Select
            id="i-release"
            error={fieldError('release', result.error)}
            label="Welke cijfers"
            value={filters.release}
            onChange={set('release')}
            options={[
              ['', 'Actuele cijfers'],
              ...((releases.data ?? []).length ? [['latest', 'Laatst gepubliceerde cijfers'] as [string, string]] : []),
              ...(releases.data ?? []).map((r): [string, string] => [
                r.id,
                `Gepubliceerd: ${r.period}, versie ${r.version} (${formatDateTime(r.publishedAt)})`,
              ]),
            ]}
          />
        )}
        <TextInput id="i-from" label="Van (jjjj-mm)" value={filters.from} onChange={set('from')} error={fieldError('from', result.error)} />
        <TextInput id="i-to" label="Tot en met (jjjj-mm)" value={filters.to} onChange={set('to')} error={fieldError('to', result.error)} />
        <Button type="submit" appearance="primary-action-button">
          Toon cijfers
        </Button>
      </form>
      <Loading loading={result.loading || themes.loading}>{data && <DashboardView data={data} csvUrl={`/api/v1/insights/dashboard.csv${params}`} />}</Loading>
      {data && can('insights:manage') && <BenchmarkForm measure={data.measure} />}
      {can('insights:manage') && <ImportForm themes={themes.data ?? []} />}
      {can('insights:manage') && <PopulationForm />}
    </StaffShell>
  );
}
