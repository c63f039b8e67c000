import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Database, Db, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { drechtsteden, municipalityName, staffScope } from '../../platform/municipalities.ts';
import { measureKind, measureLabel, ownerLabel, themes, type Aggregation, type MeasureRecord } from './catalogue.ts';
import type { DashboardQuery, DashboardResult } from './contract.ts';
import {
  compareBenchmarks,
  countTable,
  formatter,
  periodsBetween,
  plainTable,
  protectBase,
  rangeFigure,
  type ProtectedBase,
  type RawDashboardRow,
} from './domain/dashboard.ts';
import { protectBuurten } from './domain/buurten.ts';
import { yearOf, type Population } from './domain/rates.ts';
import { ratioCell, ratioTable, rollUp } from './domain/totals.ts';
import { insightsError } from './messages.ts';
import { addMonths, finerThan, monthOf, parsePeriod, type Granularity, type PeriodKind } from './periods.ts';
import { insightsAreas, insightsBenchmarks, insightsImports, insightsMeasures, insightsObservations, insightsPeriods, insightsPopulation } from './schema.ts';

/** The reads of the insights module: measures, areas, imports, benchmarks, the dashboard and figures for programme. */

type Q = Db | Tx;

export function toMeasure(row: typeof insightsMeasures.$inferSelect): MeasureRecord {
  return {
    code: row.code,
    name: measureLabel(row),
    unit: row.unit,
    description: row.description,
    source: row.source,
    owner: ownerLabel(row.owner),
    theme: row.theme,
    periodKind: row.periodKind as PeriodKind,
    aggregation: row.aggregation as Aggregation,
  };
}

export async function getMeasure(q: Q, code: string): Promise<MeasureRecord> {
  const [row] = await q.select().from(insightsMeasures).where(eq(insightsMeasures.code, code));
  if (!row) throw insightsError('measure_not_found', { code });
  return toMeasure(row);
}

export async function listMeasures(db: Database): Promise<MeasureRecord[]> {
  const rows = await db.unaudited((q) => q.select().from(insightsMeasures).orderBy(asc(insightsMeasures.theme), asc(insightsMeasures.name)));
  return rows.map(toMeasure);
}

export async function listThemes(db: Database) {
  const measures = await listMeasures(db);
  return themes.map((t) => ({ ...t, measures: measures.filter((m) => m.theme === t.code) }));
}

export async function listAreas(db: Database, municipalityCode?: string) {
  return db.unaudited((q) =>
    q
      .select()
      .from(insightsAreas)
      .where(municipalityCode ? eq(insightsAreas.municipalityCode, municipalityCode) : undefined)
      .orderBy(asc(insightsAreas.municipalityCode), asc(insightsAreas.kind), asc(insightsAreas.code)),
  );
}

export async function listImports(db: Database) {
  return db.unaudited((q) => q.select().from(insightsImports).orderBy(desc(insightsImports.id)).limit(100));
}

export async function listBenchmarks(db: Database, measureCode?: string) {
  return db.unaudited((q) =>
    q
      .select()
      .from(insightsBenchmarks)
      .where(measureCode ? eq(insightsBenchmarks.measureCode, measureCode) : undefined)
      .orderBy(asc(insightsBenchmarks.measureCode), asc(insightsBenchmarks.periodCode)),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The dashboard

/** The main query of the dashboard: one measure, its figures per area and period of the chosen granularity. */
export function dashboardSql(p: {
  measure: string;
  aggregation: Aggregation;
  granularity: Granularity;
  startsOn: string;
  endsOn: string;
  areaKind: string;
  municipalityCodes: string[];
}) {
  const periodColumn = p.granularity === 'month' ? sql`p.code` : p.granularity === 'quarter' ? sql`p.quarter_code` : sql`p.year_code`;
  const aggregate =
    p.aggregation === 'sum' ? sql`sum(o.value)` : p.aggregation === 'avg' ? sql`avg(o.value)` : sql`(array_agg(o.value order by p.ends_on desc))[1]`;
  return sql`
    select o.area_code as area, ${periodColumn} as period, ${aggregate}::float8 as value
    from insights_observations o
    join insights_periods p on p.code = o.period_code
    join insights_areas a on a.code = o.area_code
    where o.measure_code = ${p.measure}
      and p.starts_on >= ${p.startsOn} and p.ends_on <= ${p.endsOn}
      and a.kind = ${p.areaKind}
      and a.municipality_code in (${sql.join(
        p.municipalityCodes.map((c) => sql`${c}`),
        sql`, `,
      )})
      and ${periodColumn} is not null
    group by 1, 2
    order by 1, 2`;
}

function rowsOf(result: unknown): RawDashboardRow[] {
  const rows = (result as { rows?: unknown[] }).rows ?? (result as unknown[]);
  return (rows as { area: string; period: string; value: number | string }[]).map((r) => ({ area: r.area, period: r.period, value: Number(r.value) }));
}

/**
 * Every figure of a measure in one municipality at its own periods, for the kinds of area asked, as one row per
 * area with its periods and values in two arrays (three times quicker to hand over than a row per figure). The
 * areas come first (a few dozen), then one primary-key range per area (the key starts with measure and area), so
 * the read grows with the municipality's figures, not with the measure's. No sum is needed: the key makes every
 * measure, area and period unique.
 */
export function baseSql(measureCode: string, municipalityCode: string, kinds: string[]) {
  return sql`
    select o.area_code as area, a.kind as kind, a.name as name,
           array_agg(o.period_code order by o.period_code) as periods, array_agg(o.value order by o.period_code) as values
    from insights_observations o
    join insights_areas a on a.code = o.area_code
    where o.measure_code = ${measureCode}
      and o.area_code = any(array(
        select code from insights_areas
        where municipality_code = ${municipalityCode} and kind in (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})))
    group by 1, 2, 3
    order by 1`;
}

/** One area's figures as the base read returns them. */
interface AreaSeries {
  area: string;
  kind: string;
  name: string;
  periods: string[];
  values: (number | string)[];
}

async function baseSeries(db: Database, measureCode: string, municipalityCode: string, kinds: string[]): Promise<AreaSeries[]> {
  const result = await db.maintenance(baseSql(measureCode, municipalityCode, kinds));
  return ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as AreaSeries[];
}

function expand(series: AreaSeries[], kind: string): RawDashboardRow[] {
  const out: RawDashboardRow[] = [];
  for (const s of series) if (s.kind === kind) s.periods.forEach((period, i) => out.push({ area: s.area, period, value: Number(s.values[i]) }));
  return out;
}

/** Only the figures of periods that lie wholly within the span (as the dashboard query filters them). */
function withinSpan(s: AreaSeries, span: { startsOn: string; endsOn: string }): AreaSeries {
  const keep = s.periods.map((code) => {
    const p = parsePeriod(code);
    return p !== null && p.startsOn >= span.startsOn && p.endsOn <= span.endsOn;
  });
  return { ...s, periods: s.periods.filter((_, i) => keep[i]), values: s.values.filter((_, i) => keep[i]) };
}

/**
 * Protecting a base table is pure and the same figures give the same protected table, so a protected table is
 * kept (a few per process) under a digest of everything it was made from. The figures are read every time, so
 * a changed figure always gives a new digest: nothing stale is ever shown.
 */
const protectedCache = new Map<string, ProtectedBase>();
/** Forgets every kept protected table (the benchmark measures the first view after a change with it). */
export function forgetProtectedTables(): void {
  protectedCache.clear();
}
function memoProtect(parts: unknown[], make: () => ProtectedBase): ProtectedBase {
  const key = createHash('sha256').update(JSON.stringify(parts)).digest('base64');
  const hit = protectedCache.get(key);
  if (hit) {
    protectedCache.delete(key);
    protectedCache.set(key, hit);
    return hit;
  }
  const made = make();
  protectedCache.set(key, made);
  if (protectedCache.size > 32) protectedCache.delete(protectedCache.keys().next().value!);
  return made;
}

/**
 * The protected base table of a count measure in one municipality, over all time (see domain/dashboard.ts); at
 * buurt level the buurt table built on it (domain/buurten.ts). With a span, over that span only: a release
 * protects the table of its own period (releases.ts). One read of the database.
 */
export async function protectedBase(
  db: Database,
  measure: MeasureRecord,
  municipalityCode: string,
  threshold: number,
  level: 'wijk' | 'buurt' = 'wijk',
  span?: { startsOn: string; endsOn: string },
): Promise<ProtectedBase> {
  const read = await baseSeries(db, measure.code, municipalityCode, level === 'buurt' ? ['municipality', 'wijk', 'buurt'] : ['municipality', 'wijk']);
  const series = span ? read.map((s) => withinSpan(s, span)).filter((s) => s.periods.length > 0) : read;
  const names = new Map(read.map((s) => [s.area, s.name]));
  const wijkSeries = series.filter((s) => s.kind !== 'buurt');
  const wijkBase = memoProtect(['wijk', threshold, municipalityCode, wijkSeries], () =>
    protectBase(
      {
        wijken: expand(wijkSeries, 'wijk'),
        municipal: expand(wijkSeries, 'municipality'),
        names,
        municipalityCode,
        municipalityName: names.get(municipalityCode) ?? municipalityName(municipalityCode),
      },
      threshold,
    ),
  );
  if (level === 'wijk') return wijkBase;
  return memoProtect(['buurt', threshold, municipalityCode, series], () => protectBuurten({ buurten: expand(series, 'buurt'), wijkBase, names }, threshold));
}

/** Inhabitants by `area|year` for the areas of some municipalities in some years (domain/rates.ts). */
export async function populationOf(db: Database, municipalityCodes: string[], years: number[]): Promise<Population> {
  if (municipalityCodes.length === 0 || years.length === 0) return new Map();
  const rows = await db.unaudited((q) =>
    q
      .select({ area: insightsPopulation.areaCode, year: insightsPopulation.year, inhabitants: insightsPopulation.inhabitants })
      .from(insightsPopulation)
      .innerJoin(insightsAreas, eq(insightsAreas.code, insightsPopulation.areaCode))
      .where(and(inArray(insightsAreas.municipalityCode, municipalityCodes), inArray(insightsPopulation.year, years))),
  );
  return new Map(rows.map((r) => [`${r.area}|${r.year}`, r.inhabitants]));
}

/** Population figures (for the analyst's overview), newest year first. */
export async function listPopulation(db: Database, municipalityCode?: string) {
  return db.unaudited((q) =>
    q
      .select({
        areaCode: insightsPopulation.areaCode,
        name: insightsAreas.name,
        year: insightsPopulation.year,
        inhabitants: insightsPopulation.inhabitants,
        households: insightsPopulation.households,
      })
      .from(insightsPopulation)
      .innerJoin(insightsAreas, eq(insightsAreas.code, insightsPopulation.areaCode))
      .where(municipalityCode ? eq(insightsAreas.municipalityCode, municipalityCode) : undefined)
      .orderBy(desc(insightsPopulation.year), asc(insightsAreas.kind), asc(insightsPopulation.areaCode))
      .limit(5000),
  );
}

async function benchmarksOf(db: Database, measureCode: string, periods: string[]) {
  return db.unaudited((q) =>
    q
      .select()
      .from(insightsBenchmarks)
      .where(and(eq(insightsBenchmarks.measureCode, measureCode), inArray(insightsBenchmarks.periodCode, periods.length ? periods : ['-']))),
  );
}

export async function dashboard(db: Database, actor: Actor, query: DashboardQuery, threshold: number): Promise<DashboardResult> {
  assertCan(actor, 'insights:read');
  const measure = await db.unaudited((q) => getMeasure(q, query.measure));
  let granularity: Granularity = query.granularity;
  if (finerThan(granularity, measure.periodKind)) granularity = measure.periodKind;
  const nowMonth = monthOf(db.clock.now());
  const to = parsePeriod(query.to ?? nowMonth);
  const from = parsePeriod(query.from ?? addMonths(nowMonth, -23));
  if (!to || !from) throw insightsError('period_invalid', {}, !from ? 'from' : 'to');
  if (from.startsOn > to.endsOn) throw insightsError('period_reversed');

  let municipalityCodes: string[];
  if (query.level !== 'municipality') {
    assertMunicipality(actor, query.municipality);
    municipalityCodes = [query.municipality];
  } else {
    municipalityCodes = staffScope(actor)?.municipalities ?? drechtsteden.map((m) => m.code);
  }
  const areaFilter = query.areas ? new Set(query.areas.split(',').map((a) => a.trim().toUpperCase())) : null;
  const head = { measure, municipalityCode: query.municipality, level: query.level, granularity, from: from.code, to: to.code, threshold };

  if (measure.unit === 'count' && measure.aggregation !== 'avg') {
    const periods = periodsBetween(from, to, granularity);
    const subLevel = query.level === 'buurt' ? 'buurt' : 'wijk';
    const [bases, population, benchmarks] = await Promise.all([
      Promise.all(
        municipalityCodes.map(async (code) => ({ code, name: municipalityName(code), base: await protectedBase(db, measure, code, threshold, subLevel) })),
      ),
      populationOf(db, municipalityCodes, [...new Set(periods.map(yearOf))]),
      benchmarksOf(db, measure.code, periods),
    ]);
    const table = countTable(
      { level: query.level, bases, areaFilter, aggregation: measure.aggregation, granularity, from, to, unit: measure.unit, population },
      threshold,
    );
    return { ...head, ...table, benchmarks: compareBenchmarks(benchmarks, table.periods, table.totals) };
  }

  const kind = measureKind(measure);
  const span = { granularity, startsOn: from.startsOn, endsOn: to.endsOn, municipalityCodes };
  const periods = periodsBetween(from, to, granularity);
  const areas = await db.unaudited((q) => q.select().from(insightsAreas).where(inArray(insightsAreas.municipalityCode, municipalityCodes)));
  const names = new Map(areas.map((a) => [a.code, a.name]));
  /** A measure's figures at the level shown and, at wijk level, the municipality's own. */
  const figuresOf = async (code: string, aggregation: Aggregation) => {
    const base = { ...span, measure: code, aggregation };
    const [data, municipal] = await Promise.all([
      db.maintenance(dashboardSql({ ...base, areaKind: query.level })).then(rowsOf),
      query.level !== 'municipality' ? db.maintenance(dashboardSql({ ...base, areaKind: 'municipality' })).then(rowsOf) : Promise.resolve([]),
    ]);
    return { data, municipal, aggregation };
  };

  if (kind.kind === 'share' || kind.kind === 'average') {
    // Computed from its parts, so that every total is a total of the parts (see domain/totals.ts).
    const [partCode, wholeCode] = kind.kind === 'share' ? [kind.numerator, kind.denominator] : [kind.sum, kind.count];
    const [partMeasure, wholeMeasure] = await db.unaudited((q) => Promise.all([getMeasure(q, partCode), getMeasure(q, wholeCode)]));
    const [part, whole] = await Promise.all([figuresOf(partCode, partMeasure!.aggregation), figuresOf(wholeCode, wholeMeasure!.aggregation)]);
    const table = ratioTable(
      {
        part,
        whole,
        factor: kind.kind === 'share' ? 100 : 1,
        level: query.level === 'municipality' ? 'municipality' : 'wijk',
        names,
        areaFilter,
        periods,
        format: formatter(measure.unit),
      },
      threshold,
    );
    return { ...head, ...table, benchmarks: compareBenchmarks(await benchmarksOf(db, measure.code, periods), periods, table.totals) };
  }

  const { data, municipal } = await figuresOf(measure.code, measure.aggregation);
  const table = plainTable({
    data,
    municipal,
    names,
    level: query.level,
    municipalityCode: query.municipality,
    areaFilter,
    aggregation: measure.aggregation,
    additive: kind.kind === 'amount' || kind.kind === 'count',
    periods,
    unit: measure.unit,
  });
  return { ...head, ...table, benchmarks: compareBenchmarks(await benchmarksOf(db, measure.code, periods), periods, table.totals) };
}

// ---------------------------------------------------------------------------------------------------------------
// Figures for other modules (programme)

export interface MeasureFigure {
  code: string;
  name: string;
  unit: string;
  value: number | null;
  display: string;
}

/**
 * One figure per measure for a municipality over a month range (a flow added up, a stock at the end, an
 * average), with small counts hidden. Measures that do not exist (yet) are left out.
 */
export async function figuresFor(
  db: Database,
  input: { measureCodes: string[]; municipalityCode: string; fromMonth: string; toMonth: string; ownTable?: boolean },
  threshold: number,
): Promise<MeasureFigure[]> {
  if (input.measureCodes.length === 0) return [];
  const measures = await db.unaudited((q) => q.select().from(insightsMeasures).where(inArray(insightsMeasures.code, input.measureCodes)));
  const from = parsePeriod(input.fromMonth);
  const to = parsePeriod(input.toMonth);
  if (!from || !to) return [];
  const valuesOf = (code: string) =>
    db.unaudited((q) =>
      q
        .select({ value: insightsObservations.value, endsOn: insightsPeriods.endsOn })
        .from(insightsObservations)
        .innerJoin(insightsPeriods, eq(insightsPeriods.code, insightsObservations.periodCode))
        .where(
          and(
            eq(insightsObservations.measureCode, code),
            eq(insightsObservations.areaCode, input.municipalityCode),
            gte(insightsPeriods.startsOn, from.startsOn),
            lte(insightsPeriods.endsOn, to.endsOn),
          ),
        )
        .orderBy(asc(insightsPeriods.endsOn)),
    );
  const out: MeasureFigure[] = [];
  for (const code of input.measureCodes) {
    const row = measures.find((m) => m.code === code);
    if (!row) continue;
    const m = toMeasure(row);
    const kind = measureKind(m);
    if (kind.kind === 'share' || kind.kind === 'average') {
      // Over a range: the part over the range divided by the whole over the range, as on the dashboard.
      const [partCode, wholeCode] = kind.kind === 'share' ? [kind.numerator, kind.denominator] : [kind.sum, kind.count];
      const parts = await db.unaudited((q) =>
        q
          .select()
          .from(insightsMeasures)
          .where(inArray(insightsMeasures.code, [partCode, wholeCode])),
      );
      const aggregationOf = (c: string) => (parts.find((p) => p.code === c)?.aggregation ?? 'sum') as Aggregation;
      const [part, whole] = await Promise.all([valuesOf(partCode), valuesOf(wholeCode)]);
      const cell = ratioCell(
        rollUp(
          part.map((r) => r.value),
          aggregationOf(partCode),
        ),
        rollUp(
          whole.map((r) => r.value),
          aggregationOf(wholeCode),
        ),
        kind.kind === 'share' ? 100 : 1,
        threshold,
        formatter(m.unit),
      );
      out.push({ code, name: m.name, unit: m.unit, value: cell.value, display: cell.value === null && !whole.length ? 'geen cijfers' : cell.display });
      continue;
    }
    const rows = await valuesOf(code);
    if (rows.length === 0) {
      out.push({ code, name: m.name, unit: m.unit, value: null, display: 'geen cijfers' });
      continue;
    }
    // A count comes from the same protected base table as the dashboard.
    // With ownTable (a release) the protection runs on the range's own table only.
    const span = input.ownTable ? { startsOn: from.startsOn, endsOn: to.endsOn } : undefined;
    const base = m.unit === 'count' && m.aggregation !== 'avg' ? await protectedBase(db, m, input.municipalityCode, threshold, 'wijk', span) : null;
    out.push({
      code,
      name: m.name,
      unit: m.unit,
      ...rangeFigure({ unit: m.unit, aggregation: m.aggregation, base, values: rows.map((r) => r.value), from, to }, threshold),
    });
  }
  return out;
}
