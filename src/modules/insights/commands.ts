import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Db, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { dordrechtWijken } from '../../platform/areas.ts';
import { assertCan } from '../../platform/authz.ts';
import { drechtsteden } from '../../platform/municipalities.ts';
import type { MetricValue, ModuleDefinition } from '../contracts.ts';
import { aggregationForModuleMeasure, importedMeasures, themeForModuleMeasure, type MeasureRecord } from './catalogue.ts';
import type { benchmarkInput, ImportSummary, measureInput, measurePatch, RefreshSummary } from './contract.ts';
import { monthsIn } from './domain/dashboard.ts';
import { insightsError } from './messages.ts';
import { areaCodePattern, parseDataset } from './parse.ts';
import { parsePeriod, type Period } from './periods.ts';
import { getMeasure, toMeasure } from './referenceQueries.ts';
import { insightsAreas, insightsBenchmarks, insightsImports, insightsMeasures, insightsObservations, insightsPeriods } from './schema.ts';

/**
 * Every change of the insights module: reference data, measures, the pull of every module's figures, dataset
 * imports and national benchmarks. Each change by a person goes through `db.audited`.
 */

type Q = Db | Tx;

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
    await q
      .insert(insightsPeriods)
      .values(periods.slice(i, i + 500))
      .onConflictDoNothing();
  }
}

/**
 * A well-formed CBS code of a wijk or buurt in a known municipality is registered on first use (named by its
 * code until someone names it); anything else is refused. Returns the codes that are (now) known.
 */
export async function ensureAreas(q: Q, codes: Iterable<string>): Promise<Set<string>> {
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

export async function createMeasure(db: Database, actor: Actor, input: z.infer<typeof measureInput>): Promise<MeasureRecord> {
  assertCan(actor, 'insights:manage');
  return db.audited(actor, { action: 'create', objectType: 'insights_measure', objectId: input.code }, async (tx) => {
    const [row] = await tx
      .insert(insightsMeasures)
      .values({ ...input, source: 'import' })
      .onConflictDoNothing()
      .returning();
    if (!row) throw insightsError('measure_exists', { code: input.code });
    return toMeasure(row);
  });
}

export async function updateMeasure(db: Database, actor: Actor, code: string, patch: z.infer<typeof measurePatch>): Promise<MeasureRecord> {
  assertCan(actor, 'insights:manage');
  return db.audited(actor, { action: 'update', objectType: 'insights_measure', objectId: code, details: { fields: Object.keys(patch) } }, async (tx) => {
    const [row] = await tx.update(insightsMeasures).set(patch).where(eq(insightsMeasures.code, code)).returning();
    if (!row) throw insightsError('measure_not_found');
    return toMeasure(row);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Pulling every module's metrics

/**
 * Pulls the anonymised figures of every module that publishes metrics and replaces what insights held for
 * those measures in the month range. Values without a wijk count towards the municipality total only.
 */
export async function refreshFromModules(
  db: Database,
  modules: readonly ModuleDefinition[],
  range: { fromMonth: string; toMonth: string },
): Promise<RefreshSummary> {
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
      await tx.delete(insightsObservations).where(and(inArray(insightsObservations.measureCode, codes), inArray(insightsObservations.periodCode, months)));
      const known = new Set(codes);
      const inRange = values.filter((v) => {
        const ok = known.has(v.measure) && v.month >= range.fromMonth && v.month <= range.toMonth && Number.isFinite(v.value) && v.value >= 0;
        if (!ok) skipped += 1;
        return ok;
      });
      const areaCodes = await ensureAreas(tx, [...inRange.map((v) => v.municipalityCode), ...inRange.flatMap((v) => (v.areaCode ? [v.areaCode] : []))]);
      type Cell = { measureCode: string; areaCode: string; periodCode: string; value: number; contributors: number | null; largest: number[] | null };
      const cells = new Map<string, Cell>();
      const add = (v: MetricValue, areaCode: string) => {
        const key = `${v.measure}|${areaCode}|${v.month}`;
        const cell = cells.get(key) ?? { measureCode: v.measure, areaCode, periodCode: v.month, value: 0, contributors: 0, largest: [] };
        cell.value += v.value;
        // The people behind an amount: each figure of a module is about its own people (one area each in a month).
        cell.contributors = cell.contributors === null || v.contributors === undefined ? null : cell.contributors + v.contributors;
        cell.largest = [...(cell.largest ?? []), ...(v.largest ?? [])].sort((a, b) => b - a).slice(0, 5);
        cells.set(key, cell);
      };
      for (const v of inRange) {
        if (!areaCodes.has(v.municipalityCode)) {
          skipped += 1;
          continue;
        }
        add(v, v.municipalityCode);
        if (v.areaCode && areaCodes.has(v.areaCode) && v.areaCode.startsWith('WK')) add(v, v.areaCode);
        else if (v.areaCode && areaCodes.has(v.areaCode) && v.areaCode.startsWith('BU')) {
          add(v, v.areaCode);
          const wijk = `WK${v.areaCode.slice(2, 8)}`;
          if (areaCodes.has(wijk) || (await ensureAreas(tx, [wijk])).has(wijk)) add(v, wijk);
        }
      }
      const unitOf = new Map(measures.map((m) => [m.code, m.unit]));
      for (const c of cells.values()) {
        // Only an amount carries its contributors; for a count the count is the number of people.
        if (unitOf.get(c.measureCode) !== 'cents') {
          c.contributors = null;
          c.largest = null;
        }
      }
      const rows = [...cells.values()].map((c) => ({ ...c, derived: false, updatedAt: db.clock.now() }));
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(insightsObservations).values(rows.slice(i, i + 1000));
      summary.modules.push({ name: module.name, measures: measures.length, values: inRange.length, skipped });
    });
  }
  return summary;
}

// ---------------------------------------------------------------------------------------------------------------
// Importing a dataset file

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
    throw insightsError('measure_from_module', { code: measure.code, source: measure.source });
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
      const known = await ensureAreas(
        tx,
        parsed.records.map((r) => r.areaCode),
      );
      await ensurePeriods(
        tx,
        parsed.records.map((r) => r.periodCode),
      );
      const existing = new Map<string, { value: number; derived: boolean }>();
      const codes = [...new Set(parsed.records.map((r) => r.periodCode))];
      for (let i = 0; i < codes.length; i += 500) {
        const rows = await tx
          .select({
            area: insightsObservations.areaCode,
            period: insightsObservations.periodCode,
            value: insightsObservations.value,
            derived: insightsObservations.derived,
          })
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
        writes.push({
          measureCode: measure.code,
          areaCode: r.areaCode,
          periodCode: r.periodCode,
          value: r.value,
          derived: false,
          importId: record!.id,
          updatedAt: db.clock.now(),
        });
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

// ---------------------------------------------------------------------------------------------------------------
// Benchmarks (national reference figures)

export async function saveBenchmark(db: Database, actor: Actor, input: z.infer<typeof benchmarkInput>) {
  assertCan(actor, 'insights:manage');
  const period = parsePeriod(input.period);
  if (!period) throw insightsError('period_invalid');
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
    if (rows.length === 0) throw insightsError('benchmark_not_found');
  });
}
