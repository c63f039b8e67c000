import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Db, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { dordrechtWijken } from '../../platform/areas.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { drechtsteden } from '../../platform/demo.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { MetricValue, ModuleDefinition } from '../contracts.ts';
import { aggregationForModuleMeasure, importedMeasures, themeCodes, themeForModuleMeasure, themes, type Aggregation, type MeasureRecord } from './catalogue.ts';
import { areaCodePattern, parseDataset, type Rejection } from './parse.ts';
import { addMonths, finerThan, monthOf, parsePeriod, type Granularity, type Period, type PeriodKind } from './periods.ts';
import { derived, displayCell, protectTable, type ProtectedCell } from './suppression.ts';
import { addSeries, buildView, combine, type BaseSeries, type View, type ViewPeriod } from './views.ts';
import { insightsAreas, insightsBenchmarks, insightsImports, insightsMeasures, insightsObservations, insightsPeriods } from './schema.ts';
import type { benchmarkInput, Cell, DashboardQuery, DashboardResult, measureInput, measurePatch } from './contract.ts';
import { writeCsv, type CsvCell } from '../../platform/csv.ts';

type Q = Db | Tx;

// ---------------------------------------------------------------------------------------------------------------
// Reference data: areas, periods, the imported datasets' measures

/** The Drechtsteden municipalities and Dordrecht's wijken; running it again changes nothing. */
export async function ensureInsightsReferenceData(db: Database): Promise<void> {
  await db.unauditedTransaction(async (tx) => {
    await tx
      .insert(insightsAreas)
      .values(drechtsteden.map((m) => ({ code: m.code, name: m.name, kind: 'municipality', municipalityCode: m.code, parentCode: null })))
      .onConflictDoNothing();
    await tx
      .insert(insightsAreas)
      .values(dordrechtWijken.map((w) => ({ code: w.code, name: w.name, kind: 'wijk', municipalityCode: w.municipalityCode, parentCode: w.municipalityCode })))
      .onConflictDoNothing();
    await tx.insert(insightsMeasures).values(importedMeasures).onConflictDoNothing();
  });
}

export async function ensurePeriods(q: Q, codes: Iterable<string>): Promise<void> {
  const periods = [...new Set(codes)].map((c) => parsePeriod(c)).filter((p): p is Period => p !== null);
  for (let i = 0; i < periods.length; i += 500) {
    await q.insert(insightsPeriods).values(periods.slice(i, i + 500)).onConflictDoNothing();
  }
}

/**
 * A well-formed CBS code of a wijk or buurt in a known municipality is registered on first use (named by its
 * code until someone names it); anything else is refused. Returns the codes that are (now) known.
 */
async function ensureAreas(q: Q, codes: Iterable<string>): Promise<Set<string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Set();
  const known = new Set((await q.select({ code: insightsAreas.code }).from(insightsAreas)).map((r) => r.code));
  const add: (typeof insightsAreas.$inferInsert)[] = [];
  for (const code of wanted) {
    if (known.has(code) || !areaCodePattern.test(code)) continue;
    const municipalityCode = `GM${code.slice(2, 6)}`;
    if (!known.has(municipalityCode)) continue;
    const parentCode = code.startsWith('BU') ? `WK${code.slice(2, 8)}` : municipalityCode;
    if (code.startsWith('BU') && !known.has(parentCode)) {
      add.push({ code: parentCode, name: parentCode, kind: 'wijk', municipalityCode, parentCode: municipalityCode });
      known.add(parentCode);
    }
    add.push({ code, name: code, kind: code.startsWith('BU') ? 'buurt' : 'wijk', municipalityCode, parentCode });
    known.add(code);
  }
  if (add.length) await q.insert(insightsAreas).values(add).onConflictDoNothing();
  return new Set(wanted.filter((c) => known.has(c)));
}

/** Municipality totals computed from wijk figures, where no explicit municipality figure was delivered. */
export async function deriveMunicipalityTotals(q: Q, measureCode: string, periodCodes: string[]): Promise<void> {
  if (periodCodes.length === 0) return;
  await q.execute(sql`
    insert into insights_observations (measure_code, area_code, period_code, value, derived, updated_at)
    select o.measure_code, a.municipality_code, o.period_code, sum(o.value), true, now()
    from insights_observations o join insights_areas a on a.code = o.area_code
    where a.kind = 'wijk' and o.measure_code = ${measureCode} and o.period_code in (${sql.join(
      periodCodes.map((p) => sql`${p}`),
      sql`, `,
    )})
    group by o.measure_code, a.municipality_code, o.period_code
    on conflict (measure_code, area_code, period_code)
    do update set value = excluded.value, updated_at = excluded.updated_at where insights_observations.derived`);
}

// ---------------------------------------------------------------------------------------------------------------
// Measures

function toMeasure(row: typeof insightsMeasures.$inferSelect): MeasureRecord {
  return {
    code: row.code,
    name: row.name,
    unit: row.unit,
    description: row.description,
    source: row.source,
    owner: row.owner,
    theme: row.theme,
    periodKind: row.periodKind as PeriodKind,
    aggregation: row.aggregation as Aggregation,
  };
}

export async function listMeasures(db: Database): Promise<MeasureRecord[]> {
  const rows = await db.unaudited((q) => q.select().from(insightsMeasures).orderBy(asc(insightsMeasures.theme), asc(insightsMeasures.name)));
  return rows.map(toMeasure);
}

export async function listThemes(db: Database) {
  const measures = await listMeasures(db);
  return themes.map((t) => ({ ...t, measures: measures.filter((m) => m.theme === t.code) }));
}


/** An analyst adds a dataset that will be delivered as a file. */
export async function createMeasure(db: Database, actor: Actor, input: z.infer<typeof measureInput>): Promise<MeasureRecord> {
  assertCan(actor, 'insights:manage');
  return db.audited(actor, { action: 'create', objectType: 'insights_measure', objectId: input.code }, async (tx) => {
    const [row] = await tx
      .insert(insightsMeasures)
      .values({ ...input, source: 'import' })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ValidationError('Deze maat bestaat al.', [{ field: 'code', reason: `De code ${input.code} is al in gebruik.` }]);
    return toMeasure(row);
  });
}

export async function updateMeasure(db: Database, actor: Actor, code: string, patch: z.infer<typeof measurePatch>): Promise<MeasureRecord> {
  assertCan(actor, 'insights:manage');
  return db.audited(actor, { action: 'update', objectType: 'insights_measure', objectId: code, details: { fields: Object.keys(patch) } }, async (tx) => {
    const [row] = await tx.update(insightsMeasures).set(patch).where(eq(insightsMeasures.code, code)).returning();
    if (!row) throw new NotFoundError('De maat');
    return toMeasure(row);
  });
}

async function getMeasure(q: Q, code: string): Promise<MeasureRecord> {
  const [row] = await q.select().from(insightsMeasures).where(eq(insightsMeasures.code, code));
  if (!row) throw new NotFoundError(`De maat ${code}`);
  return toMeasure(row);
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

// ---------------------------------------------------------------------------------------------------------------
// Pulling every module's metrics

export interface RefreshSummary {
  fromMonth: string;
  toMonth: string;
  modules: { name: string; measures: number; values: number; skipped: number }[];
}

/**
 * Pulls the anonymised figures of every module that publishes metrics and replaces what insights held for
 * those measures in the month range. Values without a wijk count towards the municipality total only.
 */
export async function refreshFromModules(db: Database, modules: readonly ModuleDefinition[], range: { fromMonth: string; toMonth: string }): Promise<RefreshSummary> {
  const summary: RefreshSummary = { ...range, modules: [] };
  for (const module of modules) {
    if (!module.metrics) continue;
    const { measures, collect } = module.metrics;
    const values: MetricValue[] = await collect(db, range);
    let skipped = 0;
    await db.unauditedTransaction(async (tx) => {
      for (const m of measures) {
        await tx
          .insert(insightsMeasures)
          .values({
            code: m.code,
            name: m.name,
            unit: m.unit,
            description: m.description,
            owner: m.owner,
            source: `module:${module.name}`,
            theme: themeForModuleMeasure(module.name, m.code),
            aggregation: aggregationForModuleMeasure(m),
            periodKind: 'month',
          })
          // Name and description follow the module; theme and aggregation stay as an analyst set them.
          .onConflictDoUpdate({ target: insightsMeasures.code, set: { name: m.name, unit: m.unit, description: m.description, owner: m.owner } });
      }
      const codes = measures.map((m) => m.code);
      if (codes.length === 0) return;
      const months = monthsIn(range.fromMonth, range.toMonth);
      await ensurePeriods(tx, months);
      await tx
        .delete(insightsObservations)
        .where(and(inArray(insightsObservations.measureCode, codes), inArray(insightsObservations.periodCode, months)));
      const known = new Set(codes);
      const inRange = values.filter((v) => {
        const ok = known.has(v.measure) && v.month >= range.fromMonth && v.month <= range.toMonth && Number.isFinite(v.value) && v.value >= 0;
        if (!ok) skipped += 1;
        return ok;
      });
      const areaCodes = await ensureAreas(tx, [...inRange.map((v) => v.municipalityCode), ...inRange.flatMap((v) => (v.areaCode ? [v.areaCode] : []))]);
      const cells = new Map<string, { measureCode: string; areaCode: string; periodCode: string; value: number }>();
      const add = (measureCode: string, areaCode: string, periodCode: string, value: number) => {
        const key = `${measureCode}|${areaCode}|${periodCode}`;
        const cell = cells.get(key);
        if (cell) cell.value += value;
        else cells.set(key, { measureCode, areaCode, periodCode, value });
      };
      for (const v of inRange) {
        if (!areaCodes.has(v.municipalityCode)) {
          skipped += 1;
          continue;
        }
        add(v.measure, v.municipalityCode, v.month, v.value);
        if (v.areaCode && areaCodes.has(v.areaCode) && v.areaCode.startsWith('WK')) add(v.measure, v.areaCode, v.month, v.value);
        else if (v.areaCode && areaCodes.has(v.areaCode) && v.areaCode.startsWith('BU')) {
          add(v.measure, v.areaCode, v.month, v.value);
          const wijk = `WK${v.areaCode.slice(2, 8)}`;
          if (areaCodes.has(wijk) || (await ensureAreas(tx, [wijk])).has(wijk)) add(v.measure, wijk, v.month, v.value);
        }
      }
      const rows = [...cells.values()].map((c) => ({ ...c, derived: false, updatedAt: db.clock.now() }));
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(insightsObservations).values(rows.slice(i, i + 1000));
      summary.modules.push({ name: module.name, measures: measures.length, values: inRange.length, skipped });
    });
  }
  return summary;
}

function monthsIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 2400; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function defaultRefreshRange(now: Date, monthsBack = 36): { fromMonth: string; toMonth: string } {
  const toMonth = monthOf(now);
  return { fromMonth: addMonths(toMonth, -(monthsBack - 1)), toMonth };
}

// ---------------------------------------------------------------------------------------------------------------
// Importing a dataset file

export interface ImportSummary {
  importId: number | null;
  measure: string;
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rejections: Rejection[];
}

/**
 * Stores every valid row of a dataset file and reports every other row with its line, field and reason.
 * A row that repeats what is stored is a duplicate, so importing the same file again changes nothing.
 * A row with a new value for a stored area and period corrects it.
 */
export async function importDataset(
  db: Database,
  actor: Actor,
  input: { measureCode: string; fileName: string; content: Uint8Array | string },
): Promise<ImportSummary> {
  // The command line runs as a system actor: whoever may run it on the server may import.
  if (actor.kind !== 'system') assertCan(actor, 'insights:manage');
  const measure = await db.unaudited((q) => getMeasure(q, input.measureCode));
  if (measure.source !== 'import') {
    throw new ValidationError('Deze maat komt uit een module en kan niet met een bestand worden gevuld.', [
      { field: 'measure', reason: `${measure.code} wordt gevuld door ${measure.source}.` },
    ]);
  }
  const parsed = parseDataset(input.content, measure);
  const bytes = typeof input.content === 'string' ? Buffer.from(input.content) : input.content;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return db.audited(
    actor,
    { action: 'create', objectType: 'insights_import', objectId: measure.code, details: { file: input.fileName, sha256 } },
    async (tx, trail) => {
      const rejections = [...parsed.rejections];
      let accepted = 0;
      let duplicates = parsed.duplicateLines.length;
      const known = await ensureAreas(tx, parsed.records.map((r) => r.areaCode));
      await ensurePeriods(tx, parsed.records.map((r) => r.periodCode));
      const existing = new Map<string, { value: number; derived: boolean }>();
      const codes = [...new Set(parsed.records.map((r) => r.periodCode))];
      for (let i = 0; i < codes.length; i += 500) {
        const rows = await tx
          .select({ area: insightsObservations.areaCode, period: insightsObservations.periodCode, value: insightsObservations.value, derived: insightsObservations.derived })
          .from(insightsObservations)
          .where(and(eq(insightsObservations.measureCode, measure.code), inArray(insightsObservations.periodCode, codes.slice(i, i + 500))));
        for (const r of rows) existing.set(`${r.area}|${r.period}`, { value: r.value, derived: r.derived });
      }
      const [record] = await tx
        .insert(insightsImports)
        .values({
          measureCode: measure.code,
          fileName: input.fileName,
          sha256,
          importedAt: db.clock.now(),
          importedBy: actor.kind === 'user' ? actor.userId : actor.kind === 'api_key' ? actor.apiKeyId : `system:${actor.job}`,
          rows: parsed.rows,
          accepted: 0,
          duplicates: 0,
          rejected: 0,
        })
        .returning({ id: insightsImports.id });
      const writes: (typeof insightsObservations.$inferInsert)[] = [];
      for (const r of parsed.records) {
        if (!known.has(r.areaCode)) {
          rejections.push({ line: r.line, field: 'gebied', reason: `Het gebied ${r.areaCode} ligt niet in een bekende gemeente.` });
          continue;
        }
        const before = existing.get(`${r.areaCode}|${r.periodCode}`);
        if (before && !before.derived && before.value === r.value) {
          duplicates += 1;
          continue;
        }
        accepted += 1;
        writes.push({ measureCode: measure.code, areaCode: r.areaCode, periodCode: r.periodCode, value: r.value, derived: false, importId: record!.id, updatedAt: db.clock.now() });
      }
      for (let i = 0; i < writes.length; i += 1000) {
        await tx
          .insert(insightsObservations)
          .values(writes.slice(i, i + 1000))
          .onConflictDoUpdate({
            target: [insightsObservations.measureCode, insightsObservations.areaCode, insightsObservations.periodCode],
            set: { value: sql`excluded.value`, derived: false, importId: sql`excluded.import_id`, updatedAt: sql`excluded.updated_at` },
          });
      }
      await deriveMunicipalityTotals(tx, measure.code, [...new Set(writes.map((w) => w.periodCode))]);
      rejections.sort((a, b) => a.line - b.line);
      const rejected = new Set(rejections.map((r) => r.line)).size;
      await tx.update(insightsImports).set({ accepted, duplicates, rejected, rejections }).where(eq(insightsImports.id, record!.id));
      trail.details = { ...trail.details, rows: parsed.rows, accepted, duplicates, rejected };
      return { importId: record!.id, measure: measure.code, rows: parsed.rows, accepted, duplicates, rejected, rejections };
    },
  );
}

export async function listImports(db: Database) {
  return db.unaudited((q) => q.select().from(insightsImports).orderBy(desc(insightsImports.id)).limit(100));
}

// ---------------------------------------------------------------------------------------------------------------
// Benchmarks (national reference figures)


export async function saveBenchmark(db: Database, actor: Actor, input: z.infer<typeof benchmarkInput>) {
  assertCan(actor, 'insights:manage');
  const period = parsePeriod(input.period);
  if (!period) throw new ValidationError('De periode is niet geldig.', [{ field: 'period', reason: 'Gebruik JJJJ-MM, JJJJ-Q1 of JJJJ.' }]);
  return db.audited(actor, { action: 'update', objectType: 'insights_benchmark', objectId: `${input.measure} ${period.code}` }, async (tx) => {
    await getMeasure(tx, input.measure);
    await ensurePeriods(tx, [period.code]);
    const values = {
      measureCode: input.measure,
      periodCode: period.code,
      value: input.value,
      source: input.source,
      note: input.note,
      enteredBy: actor.kind === 'user' ? actor.userId : null,
      enteredAt: db.clock.now(),
    };
    const [row] = await tx
      .insert(insightsBenchmarks)
      .values(values)
      .onConflictDoUpdate({ target: [insightsBenchmarks.measureCode, insightsBenchmarks.periodCode], set: values })
      .returning();
    return row!;
  });
}

export async function deleteBenchmark(db: Database, actor: Actor, id: string): Promise<void> {
  assertCan(actor, 'insights:manage');
  await db.audited(actor, { action: 'delete', objectType: 'insights_benchmark', objectId: id }, async (tx) => {
    const rows = await tx.delete(insightsBenchmarks).where(eq(insightsBenchmarks.id, id)).returning({ id: insightsBenchmarks.id });
    if (rows.length === 0) throw new NotFoundError('Het vergelijkingscijfer');
  });
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



export interface RawDashboardRow {
  area: string;
  period: string;
  value: number;
}

/** The main query of the dashboard: one measure, its figures per area and period of the chosen granularity. */
export function dashboardSql(p: { measure: string; aggregation: Aggregation; granularity: Granularity; startsOn: string; endsOn: string; areaKind: string; municipalityCodes: string[] }) {
  const periodColumn = p.granularity === 'month' ? sql`p.code` : p.granularity === 'quarter' ? sql`p.quarter_code` : sql`p.year_code`;
  const aggregate =
    p.aggregation === 'sum'
      ? sql`sum(o.value)`
      : p.aggregation === 'avg'
        ? sql`avg(o.value)`
        : sql`(array_agg(o.value order by p.ends_on desc))[1]`;
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

function periodsBetween(from: Period, to: Period, granularity: Granularity): string[] {
  const out: string[] = [];
  for (let m = from.startsOn.slice(0, 7); m <= to.endsOn.slice(0, 7) && out.length < 2400; m = addMonths(m, 1)) {
    const p = parsePeriod(m)!;
    const code = granularity === 'month' ? p.code : granularity === 'quarter' ? p.quarterCode! : p.yearCode;
    if (out[out.length - 1] !== code) out.push(code);
  }
  return out;
}

/**
 * The protected base table of a count measure in one municipality: every wijk (and what could not be placed in a
 * wijk) × every period the measure has, with the municipality totals as margins, over all time. Views are built
 * from it (see views.ts), so every view hides the same cells.
 */
export async function protectedBase(db: Database, measure: MeasureRecord, municipalityCode: string, threshold: number) {
  const base = { measure: measure.code, aggregation: 'sum' as Aggregation, granularity: measure.periodKind, startsOn: '1900-01-01', endsOn: '2999-12-31', municipalityCodes: [municipalityCode] };
  const [wijken, municipal, areas] = await Promise.all([
    db.maintenance(dashboardSql({ ...base, areaKind: 'wijk' })).then(rowsOf),
    db.maintenance(dashboardSql({ ...base, areaKind: 'municipality' })).then(rowsOf),
    db.unaudited((q) => q.select({ code: insightsAreas.code, name: insightsAreas.name }).from(insightsAreas).where(eq(insightsAreas.municipalityCode, municipalityCode))),
  ]);
  const periods = [...new Set([...wijken, ...municipal].map((r) => r.period))].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const names = new Map(areas.map((a) => [a.code, a.name]));
  const byArea = new Map<string, number[]>();
  for (const r of wijken) {
    if (!byArea.has(r.area)) byArea.set(r.area, new Array(periods.length).fill(0));
    byArea.get(r.area)![index.get(r.period)!] = r.value;
  }
  const codes = [...byArea.keys()].sort();
  const matrix = codes.map((c) => byArea.get(c)!);
  const labels = codes.map((c) => names.get(c) ?? c);
  const rest = new Array(periods.length).fill(0);
  for (const r of municipal) {
    const i = index.get(r.period)!;
    rest[i] = Math.max(0, r.value - matrix.reduce((a, row) => a + row[i]!, 0));
  }
  if (rest.some((v) => v > 0) || matrix.length === 0) {
    codes.push(`${municipalityCode}-OVERIG`);
    labels.push(matrix.length === 0 ? (names.get(municipalityCode) ?? municipalityCode) : 'Niet toe te wijzen aan een wijk');
    matrix.push(rest);
  }
  const table = periods.length ? protectTable(matrix, threshold) : { cells: matrix.map(() => []), colTotals: [] };
  const series: BaseSeries[] = codes.map((code, r) => ({ code, name: labels[r]!, cells: new Map(periods.map((p, i) => [p, table.cells[r]![i]!])) }));
  const totals = new Map(periods.map((p, i) => [p, table.colTotals[i]!]));
  return { periods, series, totals };
}

function viewPeriods(basePeriods: string[], granularity: Granularity, from: Period, to: Period, wanted: string[]): ViewPeriod[] {
  const groups = new Map<string, string[]>(wanted.map((w) => [w, []]));
  for (const b of basePeriods) {
    const p = parsePeriod(b);
    if (!p || p.startsOn < from.startsOn || p.endsOn > to.endsOn) continue;
    const code = granularity === 'month' ? p.code : granularity === 'quarter' ? (p.quarterCode ?? p.code) : p.yearCode;
    groups.get(code)?.push(b);
  }
  return wanted.map((code) => ({ code, base: groups.get(code) ?? [] }));
}

async function countDashboard(
  db: Database,
  query: DashboardQuery,
  measure: MeasureRecord,
  municipalityCodes: string[],
  granularity: Granularity,
  from: Period,
  to: Period,
  threshold: number,
): Promise<Pick<DashboardResult, 'periods' | 'rows' | 'totals' | 'grandTotal' | 'totalLabel'> & { raw: View }> {
  const aggregation = measure.aggregation === 'last' ? 'last' : 'sum';
  const periods = periodsBetween(from, to, granularity);
  let view: View;
  if (query.level === 'wijk') {
    const base = await protectedBase(db, measure, query.municipality, threshold);
    const areaFilter = query.areas ? new Set(query.areas.split(',').map((a) => a.trim().toUpperCase())) : null;
    const series = base.series.filter((s) => !areaFilter || areaFilter.has(s.code));
    view = buildView(series, base.totals, viewPeriods(base.periods, granularity, from, to, periods), aggregation);
  } else {
    const bases = [];
    for (const code of municipalityCodes) bases.push({ code, base: await protectedBase(db, measure, code, threshold) });
    const withData = bases.filter((b) => b.base.periods.length > 0);
    const names = new Map(drechtsteden.map((m) => [m.code as string, m.name as string]));
    const series: BaseSeries[] = withData.map((b) => ({ code: b.code, name: names.get(b.code) ?? b.code, cells: b.base.totals }));
    const basePeriods = [...new Set(withData.flatMap((b) => b.base.periods))].sort();
    view = buildView(series, addSeries(withData.map((b) => b.base.totals)), viewPeriods(basePeriods, granularity, from, to, periods), aggregation);
  }
  // Rows without any figure in the chosen range are left out.
  const rows = view.rows.filter((r) => r.cells.some((c) => c.value !== 0 || c.state !== 'shown'));
  return {
    periods,
    raw: view,
    rows: rows.map((r) => ({ areaCode: r.code, name: r.name, cells: r.cells as never, total: r.total as never, sharePercent: null })),
    totals: view.totals as never,
    grandTotal: view.grandTotal as never,
    totalLabel: aggregation === 'last' ? 'Laatste periode' : 'Totaal',
  };
}

async function benchmarksFor(db: Database, measure: MeasureRecord, periods: string[], totals: Cell[] | null): Promise<DashboardResult['benchmarks']> {
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const benchmarkRows = await db.unaudited((q) =>
    q
      .select()
      .from(insightsBenchmarks)
      .where(and(eq(insightsBenchmarks.measureCode, measure.code), inArray(insightsBenchmarks.periodCode, periods.length ? periods : ['-']))),
  );
  return benchmarkRows
    .sort((a, b) => a.periodCode.localeCompare(b.periodCode))
    .map((b) => {
      const i = periodIndex.get(b.periodCode)!;
      const total = totals?.[i] ?? null;
      const differencePercent = total && total.value !== null && b.value > 0 ? round1((100 * (total.value - b.value)) / b.value) : null;
      return { periodCode: b.periodCode, value: b.value, source: b.source, note: b.note, total, differencePercent };
    });
}

export async function dashboard(db: Database, actor: Actor, query: DashboardQuery, threshold: number): Promise<DashboardResult> {
  assertCan(actor, 'insights:read');
  const measure = await db.unaudited((q) => getMeasure(q, query.measure));
  let granularity: Granularity = query.granularity;
  if (finerThan(granularity, measure.periodKind)) granularity = measure.periodKind;
  const nowMonth = monthOf(db.clock.now());
  const to = parsePeriod(query.to ?? nowMonth);
  const from = parsePeriod(query.from ?? addMonths(nowMonth, -23));
  if (!to || !from) throw new ValidationError('De periode is niet geldig.', [{ field: !from ? 'from' : 'to', reason: 'Gebruik JJJJ-MM, JJJJ-Q1 of JJJJ.' }]);
  if (from.startsOn > to.endsOn) throw new ValidationError('De periode is niet geldig.', [{ field: 'from', reason: 'Het begin ligt na het einde.' }]);

  let municipalityCodes: string[];
  if (query.level === 'wijk') {
    assertMunicipality(actor, query.municipality);
    municipalityCodes = [query.municipality];
  } else {
    municipalityCodes = actor.kind === 'user' || actor.kind === 'api_key' ? actor.municipalities : drechtsteden.map((m) => m.code);
  }
  const format = formatter(measure.unit);
  const show = (c: ProtectedCell): Cell =>
    c.state === 'shown' ? { value: c.value, display: format(c.value), suppressed: null } : { value: null, display: displayCell(c, threshold), suppressed: c.state };

  if (measure.unit === 'count' && measure.aggregation !== 'avg') {
    const v = await countDashboard(db, query, measure, municipalityCodes, granularity, from, to, threshold);
    const last = v.periods.length - 1;
    const rawRows = v.rows as unknown as { areaCode: string; name: string; cells: ProtectedCell[]; total: ProtectedCell }[];
    const rawTotals = v.totals as unknown as ProtectedCell[];
    const grand = v.grandTotal as unknown as ProtectedCell | null;
    const result = {
      periods: v.periods,
      totalLabel: v.totalLabel,
      rows: rawRows.map((r) => ({
        areaCode: r.areaCode,
        name: r.name,
        cells: r.cells.map(show),
        total: show(r.total),
        sharePercent:
          measure.aggregation === 'last'
            ? derived([r.cells[last]!, rawTotals[last]!], (a, b) => (b ? round1((100 * a!) / b!) : null))
            : derived([r.total, grand!], (a, b) => (b ? round1((100 * a!) / b!) : null)),
      })),
      totals: rawTotals.map(show),
      grandTotal: grand ? show(grand) : null,
    };
    return { measure, municipalityCode: query.municipality, level: query.level, granularity, from: from.code, to: to.code, threshold, ...result, benchmarks: await benchmarksFor(db, measure, v.periods, result.totals) };
  }

  const base = { measure: measure.code, aggregation: measure.aggregation, granularity, startsOn: from.startsOn, endsOn: to.endsOn, municipalityCodes };
  const areaFilter = query.areas ? new Set(query.areas.split(',').map((a) => a.trim().toUpperCase())) : null;
  const [data, municipal, areas] = await Promise.all([
    db.maintenance(dashboardSql({ ...base, areaKind: query.level === 'wijk' ? 'wijk' : 'municipality' })).then(rowsOf),
    query.level === 'wijk' ? db.maintenance(dashboardSql({ ...base, areaKind: 'municipality' })).then(rowsOf) : Promise.resolve([]),
    db.unaudited((q) => q.select().from(insightsAreas).where(inArray(insightsAreas.municipalityCode, municipalityCodes))),
  ]);
  const periods = periodsBetween(from, to, granularity);
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const names = new Map(areas.map((a) => [a.code, a.name]));
  const byArea = new Map<string, number[]>();
  for (const r of data) {
    if (areaFilter && !areaFilter.has(r.area)) continue;
    const i = periodIndex.get(r.period);
    if (i === undefined) continue;
    if (!byArea.has(r.area)) byArea.set(r.area, new Array(periods.length).fill(0));
    byArea.get(r.area)![i] = r.value;
  }
  const areaCodes = [...byArea.keys()].sort();
  const matrix = areaCodes.map((a) => byArea.get(a)!);
  const labels = areaCodes.map((a) => names.get(a) ?? a);
  // What the municipality counted but could not place in a wijk: shown as its own row so the totals add up.
  if (query.level === 'wijk' && !areaFilter && measure.aggregation !== 'avg') {
    const rest = new Array(periods.length).fill(0);
    for (const r of municipal) {
      const i = periodIndex.get(r.period);
      if (i === undefined) continue;
      rest[i] = Math.max(0, r.value - matrix.reduce((a, row) => a + row[i]!, 0));
    }
    if (rest.some((v) => v > 0)) {
      areaCodes.push(`${query.municipality}-OVERIG`);
      labels.push('Niet toe te wijzen aan een wijk');
      matrix.push(rest);
    }
  }

  const plain = (v: number): Cell => ({ value: v, display: format(v), suppressed: null });

  // Not counts (percentages, durations, amounts): shown as delivered, no totals that would mean nothing.
  const totalLabel = measure.aggregation === 'avg' ? 'Gemiddeld' : 'Totaal';
  const grandTotal: Cell | null = null;
  const rows: DashboardResult['rows'] = areaCodes.map((code, r) => {
    const row = matrix[r]!;
    const summary = measure.aggregation === 'avg' ? row.reduce((a, b) => a + b, 0) / Math.max(1, row.length) : measure.aggregation === 'last' ? row[row.length - 1]! : row.reduce((a, b) => a + b, 0);
    return { areaCode: code, name: labels[r]!, cells: row.map(plain), total: plain(round1(summary)), sharePercent: null };
  });
  let totals: Cell[] | null = null;
  if (measure.aggregation !== 'avg' && matrix.length) totals = periods.map((_, i) => plain(matrix.reduce((a, row) => a + row[i]!, 0)));
  else if (query.level === 'wijk' && municipal.length) totals = periods.map((p) => plain(municipal.find((m) => m.period === p)?.value ?? 0));

  const benchmarks = await benchmarksFor(db, measure, periods, totals);

  return {
    measure,
    municipalityCode: query.municipality,
    level: query.level,
    granularity,
    from: from.code,
    to: to.code,
    threshold,
    periods,
    rows,
    totals,
    grandTotal,
    totalLabel,
    benchmarks,
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

function formatter(unit: string): (v: number) => string {
  const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
  if (unit === 'percent') return (v) => `${nl.format(v)}%`;
  if (unit === 'cents') return (v) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(v / 100);
  if (unit === 'days') return (v) => `${nl.format(v)} dagen`;
  return (v) => nl.format(v);
}

/** The dashboard table as a CSV file (semicolons, for Dutch spreadsheet programs), with exactly what the screen shows. */
export function dashboardCsv(result: DashboardResult): string {
  // A suppressed cell ("< 10") stays text; a figure is a number.
  const cell = (c: Cell | null): CsvCell => (c === null ? null : c.value === null ? c.display : c.value);
  const rows: CsvCell[][] = [
    [`# ${result.measure.name} (${result.measure.code}), kleine aantallen (< ${result.threshold}) zijn afgeschermd`],
    ['gebied', 'naam', ...result.periods, result.totalLabel.toLowerCase()],
    ...result.rows.map((r) => [r.areaCode, r.name, ...r.cells.map(cell), cell(r.total)]),
  ];
  if (result.totals) rows.push(['totaal', 'Totaal', ...result.totals.map(cell), cell(result.grandTotal)]);
  return writeCsv(rows, { bom: true, newline: '\n' });
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
  input: { measureCodes: string[]; municipalityCode: string; fromMonth: string; toMonth: string },
  threshold: number,
): Promise<MeasureFigure[]> {
  if (input.measureCodes.length === 0) return [];
  const measures = await db.unaudited((q) => q.select().from(insightsMeasures).where(inArray(insightsMeasures.code, input.measureCodes)));
  const from = parsePeriod(input.fromMonth);
  const to = parsePeriod(input.toMonth);
  if (!from || !to) return [];
  const out: MeasureFigure[] = [];
  for (const code of input.measureCodes) {
    const row = measures.find((m) => m.code === code);
    if (!row) continue;
    const m = toMeasure(row);
    const rows = await db.unaudited((q) =>
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
    if (rows.length === 0) {
      out.push({ code, name: m.name, unit: m.unit, value: null, display: 'geen cijfers' });
      continue;
    }
    if (m.unit === 'count' && m.aggregation !== 'avg') {
      // From the same protected base table as the dashboard, so the two can never be played off against each other.
      const base = await protectedBase(db, m, input.municipalityCode, threshold);
      const parts = base.periods.filter((p) => {
        const period = parsePeriod(p)!;
        return period.startsOn >= from.startsOn && period.endsOn <= to.endsOn;
      });
      const cell = combine(parts.map((p) => base.totals.get(p)!), m.aggregation === 'last' ? 'last' : 'sum');
      out.push({
        code,
        name: m.name,
        unit: m.unit,
        value: cell.state === 'shown' ? cell.value : null,
        display: cell.state === 'shown' ? formatter(m.unit)(cell.value) : displayCell(cell, threshold),
      });
      continue;
    }
    const values = rows.map((r) => r.value);
    const value = m.aggregation === 'sum' ? values.reduce((a, b) => a + b, 0) : m.aggregation === 'last' ? values[values.length - 1]! : round1(values.reduce((a, b) => a + b, 0) / values.length);
    const hidden = m.unit === 'count' && value > 0 && value < threshold;
    out.push({ code, name: m.name, unit: m.unit, value: hidden ? null : value, display: hidden ? `< ${threshold}` : formatter(m.unit)(value) });
  }
  return out;
}

export { deriveMunicipalityTotals as deriveTotalsForDemo };
