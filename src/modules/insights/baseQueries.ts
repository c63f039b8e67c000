import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { municipalityName } from '../../platform/municipalities.ts';
import { aboutPersons, partitionOf, type Aggregation, type MeasureRecord } from './catalogue.ts';
import { protectAmountBase, protectBase, type ProtectedBase, type RawAmountRow, type RawDashboardRow } from './domain/dashboard.ts';
import { protectPartitionBases } from './domain/protectedBase.ts';
import { protectBuurten } from './domain/buurten.ts';
import { mergeFrozen, withinAny, type ReleaseHead } from './domain/frozen.ts';
import { frozenOf, releaseHeads } from './frozenBases.ts';
import { defaultAmountRule, type AmountRule } from './suppression.ts';
import { parsePeriod, type Granularity } from './periods.ts';
import { insightsAreas, insightsObservations } from './schema.ts';

/** The dashboard's base read and its protected tables (memoised until data change), of counts and of amounts. */

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

export function rowsOf(result: unknown): RawDashboardRow[] {
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

/**
 * The base read of `baseSql` for several municipalities at once (the region view: every wijk of the
 * Drechtsteden, and the municipality level), with each area's municipality: one query instead of one per
 * municipality, giving the same series.
 */
export function regionBaseSql(measureCode: string, municipalityCodes: string[], kinds: string[]) {
  const list = (xs: string[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    );
  // Per area one primary-key range (lateral), ordered within it: twice as quick as grouping the whole region.
  return sql`
    select a.code as area, a.kind as kind, a.name as name, a.municipality_code as municipality, o.periods, o.values
    from insights_areas a
    cross join lateral (
      select array_agg(period_code order by period_code) as periods, array_agg(value order by period_code) as values
      from insights_observations
      where measure_code = ${measureCode} and area_code = a.code) o
    where a.municipality_code in (${list(municipalityCodes)}) and a.kind in (${list(kinds)}) and o.periods is not null
    order by 1`;
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

/** Whether a base period is in the table asked: wholly within the span (when given), and in no excluded span. */
function keepPeriod(code: string, options: Pick<BaseOptions, 'span' | 'exclude'>): boolean {
  if (!options.span && !options.exclude?.length) return true;
  if (parsePeriod(code) === null) return false;
  return (!options.span || withinAny(code, [options.span])) && !withinAny(code, options.exclude ?? []);
}

/** Only the figures of the periods asked (see keepPeriod); an area left without figures is left out. */
function inTable(read: AreaSeries[], options: Pick<BaseOptions, 'span' | 'exclude'>): AreaSeries[] {
  if (!options.span && !options.exclude?.length) return read;
  return read
    .map((s) => {
      const keep = s.periods.map((code) => keepPeriod(code, options));
      return { ...s, periods: s.periods.filter((_, i) => keep[i]), values: s.values.filter((_, i) => keep[i]) };
    })
    .filter((s) => s.periods.length > 0);
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

/** Whether a measure's figures go through the protection of counts or amounts (a count or an amount about persons). */
export function protectedKind(m: MeasureRecord): 'count' | 'amount' | null {
  if (m.unit === 'cents') return 'amount';
  if (m.unit === 'count') return 'count';
  return null;
}

/** Which protected base table to make: the level under the municipality, a span, the rule for amounts. */
export interface BaseOptions {
  /** `buurt`: the buurt table built on the wijk table (domain/buurten.ts); an amount stays at wijk level. */
  level?: 'wijk' | 'buurt';
  /** Only the figures of periods wholly within it: a release protects the table of its own period (releases.ts). */
  span?: { startsOn: string; endsOn: string };
  /** Leave out the periods wholly within these (the months releases hold; see withFrozen). */
  exclude?: { startsOn: string; endsOn: string }[];
  /** The period of a release being made: months other releases hold are taken as published, its own earlier versions not. */
  releasePeriod?: string;
  /** The municipality's releases when the caller has read them already (`releaseHeads`, once for many measures). */
  heads?: ReleaseHead[];
  rule?: AmountRule;
}

/**
 * The protected base table of a count (or, see protectedAmountBase, an amount) in one municipality, over all time
 * or over a span (see domain/dashboard.ts); at buurt level the buurt table built on it. A measure that counts no
 * persons is "protected" with a threshold of one: nothing hidden. One read of the database.
 */
export async function protectedBase(
  db: Database,
  measure: MeasureRecord,
  municipalityCode: string,
  threshold: number,
  options: BaseOptions = {},
): Promise<ProtectedBase> {
  const heads = options.heads ?? (await releaseHeads(db, [municipalityCode])).get(municipalityCode) ?? [];
  // A release being made is a new table of its period: its earlier versions, and copies of their months in later
  // releases, are not taken as published (frozenOf's releasePeriod).
  return withFrozen(db, heads, measure, options.level ?? 'wijk', options, (exclude) =>
    tableBase(db, measure, municipalityCode, threshold, { ...options, exclude }),
  );
}

/**
 * The base with the published months as their releases froze them (domain/frozen.ts): the months no release holds
 * are protected as a table of their own (`make` with the spans to leave out), the rest is read from the releases;
 * with a span (a release being made), only within it. Without releases, simply `make()`.
 */
async function withFrozen<T extends ProtectedBase | Promise<ProtectedBase>>(
  db: Database,
  heads: ReleaseHead[],
  measure: MeasureRecord,
  level: 'wijk' | 'buurt',
  table: Pick<BaseOptions, 'span' | 'releasePeriod'>,
  make: (exclude?: { startsOn: string; endsOn: string }[]) => T,
): Promise<ProtectedBase> {
  const frozen = heads.length > 0 ? await frozenOf(db, heads, measure.code, measure.unit === 'cents' ? 'wijk' : level, table.span, table.releasePeriod) : null;
  if (!frozen) return await make();
  const live = await make(frozen.spans);
  // The live part is the memo's own object while its figures are unchanged: the merge is kept with it.
  const kept = mergedCache.get(live)?.get(frozen.key);
  if (kept) return kept;
  const merged = mergeFrozen(live, frozen.entries);
  if (!mergedCache.has(live)) mergedCache.set(live, new Map());
  mergedCache.get(live)!.set(frozen.key, merged);
  return merged;
}
const mergedCache = new WeakMap<ProtectedBase, Map<string, ProtectedBase>>();

/** The protected base of the table asked (all time, a span, or without some spans), before published months go in. */
async function tableBase(db: Database, measure: MeasureRecord, municipalityCode: string, threshold: number, options: BaseOptions): Promise<ProtectedBase> {
  const { level = 'wijk', rule = defaultAmountRule } = options;
  if (measure.unit === 'cents') return protectedAmountBase(db, measure, municipalityCode, rule, options);
  const partition = partitionOf(measure.code);
  if (partition) return protectedPartBase(db, measure, partition, municipalityCode, threshold, options);
  const read = await baseSeries(db, measure.code, municipalityCode, level === 'buurt' ? ['municipality', 'wijk', 'buurt'] : ['municipality', 'wijk']);
  return protectRead(read, measure, municipalityCode, threshold, options);
}

/**
 * A count of a partition (see catalogue.ts): every member read, their wijk tables protected as one system, this
 * measure's taken. At buurt level the buurt figures stay hidden: a buurt table per member would again let the total
 * minus the shown parts give a hidden one away.
 */
async function protectedPartBase(
  db: Database,
  measure: MeasureRecord,
  partition: { total: string; parts: string[] },
  municipalityCode: string,
  threshold: number,
  options: BaseOptions,
): Promise<ProtectedBase> {
  const codes = [partition.total, ...partition.parts];
  const reads = await Promise.all(codes.map((code) => baseSeries(db, code, municipalityCode, ['municipality', 'wijk'])));
  const inSpan = reads.map((read) => inTable(read, options));
  const names = new Map(reads.flat().map((s) => [s.area, s.name]));
  const bases = memoPartition(['partition', threshold, municipalityCode, codes, inSpan], () =>
    protectPartitionBases(
      codes.map((code, k) => ({
        code,
        input: {
          wijken: expand(inSpan[k]!, 'wijk'),
          municipal: expand(inSpan[k]!, 'municipality'),
          names,
          municipalityCode,
          municipalityName: names.get(municipalityCode) ?? municipalityName(municipalityCode),
        },
      })),
      partition.total,
      threshold,
    ),
  );
  const base = bases.get(measure.code)!;
  if ((options.level ?? 'wijk') === 'wijk') return base;
  return { ...base, series: base.series.map((s) => (s.code.startsWith('GM') ? s : { ...s, name: `${s.name} (buurtcijfers afgeschermd)` })) };
}

const partitionCache = new Map<string, Map<string, ProtectedBase>>();
function memoPartition(parts: unknown[], make: () => Map<string, ProtectedBase>): Map<string, ProtectedBase> {
  const key = createHash('sha256').update(JSON.stringify(parts)).digest('base64');
  const hit = partitionCache.get(key);
  if (hit) return hit;
  const made = make();
  partitionCache.set(key, made);
  if (partitionCache.size > 8) partitionCache.delete(partitionCache.keys().next().value!);
  return made;
}

/** Protects one municipality's base read (see protectedBase): the same table, whichever query read it. */
function protectRead(read: AreaSeries[], measure: MeasureRecord, municipalityCode: string, threshold: number, options: BaseOptions): ProtectedBase {
  const { level = 'wijk' } = options;
  const limit = aboutPersons(measure.code) ? threshold : 1;
  const series = inTable(read, options);
  const names = new Map(read.map((s) => [s.area, s.name]));
  const wijkSeries = series.filter((s) => s.kind !== 'buurt');
  const wijkBase = memoProtect(['wijk', limit, municipalityCode, wijkSeries], () =>
    protectBase(
      {
        wijken: expand(wijkSeries, 'wijk'),
        municipal: expand(wijkSeries, 'municipality'),
        names,
        municipalityCode,
        municipalityName: names.get(municipalityCode) ?? municipalityName(municipalityCode),
      },
      limit,
    ),
  );
  if (level === 'wijk') return wijkBase;
  return memoProtect(['buurt', limit, municipalityCode, series], () => protectBuurten({ buurten: expand(series, 'buurt'), wijkBase, names }, limit));
}

/**
 * The protected wijk tables of a count in several municipalities from ONE read (the region view): each
 * municipality's table is protected on its own, exactly as `protectedBase` protects it, so the region shows no
 * cell that a municipality's own view hides. Amounts read per municipality (their contributors come along).
 */
export async function protectedBases(
  db: Database,
  measure: MeasureRecord,
  municipalityCodes: string[],
  threshold: number,
  rule: AmountRule = defaultAmountRule,
): Promise<{ code: string; name: string; base: ProtectedBase }[]> {
  if (measure.unit === 'cents' || municipalityCodes.length === 1 || partitionOf(measure.code))
    return Promise.all(
      municipalityCodes.map(async (code) => ({ code, name: municipalityName(code), base: await protectedBase(db, measure, code, threshold, { rule }) })),
    );
  const result = await db.maintenance(regionBaseSql(measure.code, municipalityCodes, ['municipality', 'wijk']));
  const read = ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as (AreaSeries & { municipality: string })[];
  const byMunicipality = new Map<string, AreaSeries[]>(municipalityCodes.map((c) => [c, []]));
  for (const { municipality, ...s } of read) byMunicipality.get(municipality)?.push(s);
  const heads = await releaseHeads(db, municipalityCodes);
  return Promise.all(
    municipalityCodes.map(async (code) => ({
      code,
      name: municipalityName(code),
      base: await withFrozen(db, heads.get(code) ?? [], measure, 'wijk', {}, (exclude) =>
        protectRead(byMunicipality.get(code)!, measure, code, threshold, { level: 'wijk', rule, exclude }),
      ),
    })),
  );
}

async function areaNames(db: Database, municipalityCode: string): Promise<Map<string, string>> {
  const areas = await db.unaudited((q) =>
    q.select({ code: insightsAreas.code, name: insightsAreas.name }).from(insightsAreas).where(eq(insightsAreas.municipalityCode, municipalityCode)),
  );
  return new Map(areas.map((a) => [a.code, a.name]));
}

/**
 * The protected base table of an amount in one municipality, with the contributors of every figure (see
 * protectAmountBase); with a span, of the periods wholly within it only.
 */
export async function protectedAmountBase(
  db: Database,
  measure: MeasureRecord,
  municipalityCode: string,
  rule: AmountRule,
  options: Pick<BaseOptions, 'span' | 'exclude'> = {},
): Promise<ProtectedBase> {
  const rows = await db.unaudited((q) =>
    q
      .select({
        area: insightsObservations.areaCode,
        kind: insightsAreas.kind,
        period: insightsObservations.periodCode,
        value: insightsObservations.value,
        contributors: insightsObservations.contributors,
        largest: insightsObservations.largest,
      })
      .from(insightsObservations)
      .innerJoin(insightsAreas, eq(insightsAreas.code, insightsObservations.areaCode))
      .where(and(eq(insightsObservations.measureCode, measure.code), eq(insightsAreas.municipalityCode, municipalityCode))),
  );
  const names = await areaNames(db, municipalityCode);
  const of = (kind: string): RawAmountRow[] =>
    rows
      .filter((r) => r.kind === kind && keepPeriod(r.period, options))
      .map((r) => ({ area: r.area, period: r.period, value: Number(r.value), contributors: r.contributors, largest: r.largest }));
  return protectAmountBase(
    {
      wijken: of('wijk'),
      municipal: of('municipality'),
      names,
      municipalityCode,
      municipalityName: names.get(municipalityCode) ?? municipalityName(municipalityCode),
    },
    rule,
  );
}
