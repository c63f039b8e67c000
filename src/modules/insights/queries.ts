import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { drechtsteden, municipalityName, staffScope } from '../../platform/municipalities.ts';
import { aboutPersons, groupCountOf, measureKind, type MeasureRecord } from './catalogue.ts';
import { notAboutPersonsNote, regionCode, type DashboardQuery, type DashboardResult } from './contract.ts';
import {
  compareBenchmarks,
  countTable,
  formatter,
  periodsBetween,
  plainTable,
  hideWithGroup,
  protectedView,
  rangeCell,
  rangeFigure,
  rangeRatio,
  ratioFromViews,
} from './domain/dashboard.ts';
import { yearOf } from './domain/rates.ts';
import { insightsError } from './messages.ts';
import { defaultAmountRule, type AmountRule } from './suppression.ts';
import { addMonths, finerThan, monthOf, parsePeriod, type Granularity } from './periods.ts';
import { insightsAreas, insightsBenchmarks, insightsMeasures, insightsObservations, insightsPeriods } from './schema.ts';
import { getMeasure, populationOf, toMeasure } from './referenceQueries.ts';
import { dashboardSql, protectedBase, protectedBases, protectedKind, rowsOf } from './baseQueries.ts';
import { releaseHeads } from './frozenBases.ts';

/** The dashboard and the figures for programme, read through the protected base tables (baseQueries.ts). */

async function benchmarksOf(db: Database, measureCode: string, periods: string[]) {
  return db.unaudited((q) =>
    q
      .select()
      .from(insightsBenchmarks)
      .where(and(eq(insightsBenchmarks.measureCode, measureCode), inArray(insightsBenchmarks.periodCode, periods.length ? periods : ['-']))),
  );
}

/** The sentence under the table: how its figures are protected, or that they are not. */
export function protectionNote(measure: MeasureRecord, threshold: number, rule: AmountRule, level: DashboardQuery['level']): string {
  if (!aboutPersons(measure.code)) return notAboutPersonsNote;
  const kind = measureKind(measure);
  if (kind.kind === 'amount' && level === 'buurt')
    return `Bedragen zijn er alleen per wijk, niet per buurt. Bedragen van minder dan ${rule.minContributors} mensen, of die vooral van één of twee mensen komen, zijn verborgen.`;
  if (kind.kind === 'amount')
    return `Bedragen van minder dan ${rule.minContributors} mensen, of die vooral van één of twee mensen komen, zijn verborgen. Zo blijft niemand herkenbaar.`;
  if (kind.kind === 'share' || kind.kind === 'average')
    return `Een percentage is verborgen als het aantal waarop het berekend is verborgen is (minder dan ${threshold}, of afgeschermd).`;
  if (kind.kind === 'count') return `Aantallen van minder dan ${threshold} inwoners zijn verborgen. Zo blijft niemand herkenbaar.`;
  return 'Dit cijfer is door de bron al berekend over een groep; het wordt getoond zoals het is geleverd.';
}

export async function dashboard(
  db: Database,
  actor: Actor,
  query: DashboardQuery,
  threshold: number,
  rule: AmountRule = defaultAmountRule,
): Promise<DashboardResult> {
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
  const region = query.municipality === regionCode;
  if (region && query.level !== 'wijk') throw insightsError('region_level');
  if (query.level !== 'municipality' && !region) {
    assertMunicipality(actor, query.municipality);
    municipalityCodes = [query.municipality];
  } else {
    // The municipality level and the region: every Drechtsteden municipality the reader works for.
    municipalityCodes = staffScope(actor)?.municipalities ?? drechtsteden.map((m) => m.code);
  }
  const areaFilter = query.areas ? new Set(query.areas.split(',').map((a) => a.trim().toUpperCase())) : null;
  const head = {
    measure,
    municipalityCode: query.municipality,
    level: query.level,
    granularity,
    from: from.code,
    to: to.code,
    threshold,
    protection: protectionNote(measure, threshold, rule, query.level),
    release: null,
  };
  const subLevel = query.level === 'buurt' ? 'buurt' : 'wijk';
  const basesOf = (m: MeasureRecord) =>
    subLevel === 'wijk'
      ? protectedBases(db, m, municipalityCodes, threshold, rule)
      : Promise.all(
          municipalityCodes.map(async (code) => ({
            code,
            name: municipalityName(code),
            base: await protectedBase(db, m, code, threshold, { level: subLevel, rule }),
          })),
        );

  // Every count and every amount, whatever its aggregation, comes from the protected base tables: no way around them.
  // A rate per 1,000 inhabitants only for counts of persons (visits to a website are not per inhabitant).
  if (protectedKind(measure)) {
    const periods = periodsBetween(from, to, granularity);
    const [bases, population, benchmarks] = await Promise.all([
      basesOf(measure),
      measure.unit === 'count' && measure.aboutPersons ? populationOf(db, municipalityCodes, [...new Set(periods.map(yearOf))]) : Promise.resolve(undefined),
      benchmarksOf(db, measure.code, periods),
    ]);
    const table = countTable(
      { level: query.level, bases, areaFilter, aggregation: measure.aggregation, granularity, from, to, unit: measure.unit, population },
      threshold,
    );
    return { ...head, ...table, benchmarks: compareBenchmarks(benchmarks, table.periods, table.totals) };
  }

  const kind = measureKind(measure);
  if (kind.kind === 'share' || kind.kind === 'average') {
    // From the protected views of its parts: hidden wherever a part is hidden (see domain/dashboard.ts ratioFromViews).
    const [partCode, wholeCode] = kind.kind === 'share' ? [kind.numerator, kind.denominator] : [kind.sum, kind.count];
    const [partMeasure, wholeMeasure] = await db.unaudited((q) => Promise.all([getMeasure(q, partCode), getMeasure(q, wholeCode)]));
    const viewOf = async (m: MeasureRecord) =>
      protectedView({ level: query.level, bases: await basesOf(m), areaFilter, aggregation: m.aggregation, granularity, from, to, unit: m.unit });
    const table = ratioFromViews(
      { part: await viewOf(partMeasure!), whole: await viewOf(wholeMeasure!), factor: kind.kind === 'share' ? 100 : 1, format: formatter(measure.unit) },
      threshold,
    );
    return { ...head, ...table, benchmarks: compareBenchmarks(await benchmarksOf(db, measure.code, table.periods), table.periods, table.totals) };
  }

  // A figure delivered as it is (a median, a percentage without its parts): shown as delivered.
  if (region) throw insightsError('region_counts_only');
  const span = { granularity, startsOn: from.startsOn, endsOn: to.endsOn, municipalityCodes };
  const periods = periodsBetween(from, to, granularity);
  const areas = await db.unaudited((q) => q.select().from(insightsAreas).where(inArray(insightsAreas.municipalityCode, municipalityCodes)));
  const names = new Map(areas.map((a) => [a.code, a.name]));
  const base = { ...span, measure: measure.code, aggregation: measure.aggregation };
  const [data, municipal] = await Promise.all([
    db.maintenance(dashboardSql({ ...base, areaKind: query.level })).then(rowsOf),
    query.level !== 'municipality' ? db.maintenance(dashboardSql({ ...base, areaKind: 'municipality' })).then(rowsOf) : Promise.resolve([]),
  ]);
  let table = plainTable({
    data,
    municipal,
    names,
    level: query.level,
    municipalityCode: query.municipality,
    areaFilter,
    aggregation: measure.aggregation,
    additive: false,
    periods,
    unit: measure.unit,
  });
  const groupCode = groupCountOf(measure.code);
  const [groupRow] = groupCode ? await db.unaudited((q) => q.select().from(insightsMeasures).where(eq(insightsMeasures.code, groupCode))) : [];
  if (groupRow) {
    // Hidden wherever the count of its group is hidden: a median of a handful is their own figure.
    const group = toMeasure(groupRow);
    const { view } = protectedView({
      level: query.level,
      bases: await basesOf(group),
      areaFilter,
      aggregation: 'sum',
      granularity,
      from,
      to,
      unit: group.unit,
    });
    table = hideWithGroup(table, view);
  }
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
 * average), protected exactly as on the dashboard: counts and amounts from the same protected base tables, shares
 * from the protected figures of their parts. Measures that do not exist (yet) are left out.
 */
export async function figuresFor(
  db: Database,
  input: { measureCodes: string[]; municipalityCode: string; fromMonth: string; toMonth: string; releasePeriod?: string },
  threshold: number,
  rule: AmountRule = defaultAmountRule,
): Promise<MeasureFigure[]> {
  if (input.measureCodes.length === 0) return [];
  const measures = await db.unaudited((q) => q.select().from(insightsMeasures).where(inArray(insightsMeasures.code, input.measureCodes)));
  const from = parsePeriod(input.fromMonth);
  const to = parsePeriod(input.toMonth);
  if (!from || !to) return [];
  // For a release the protection runs on the range's own table only, with months other releases hold as published.
  const span = input.releasePeriod ? { startsOn: from.startsOn, endsOn: to.endsOn } : undefined;
  const releasePeriod = input.releasePeriod;
  // The municipality's releases, read once for all measures.
  const heads = (await releaseHeads(db, [input.municipalityCode])).get(input.municipalityCode) ?? [];
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
      // Over a range: the part over the range divided by the whole over the range, each from its protected table.
      const [partCode, wholeCode] = kind.kind === 'share' ? [kind.numerator, kind.denominator] : [kind.sum, kind.count];
      const parts = await db.unaudited((q) =>
        q
          .select()
          .from(insightsMeasures)
          .where(inArray(insightsMeasures.code, [partCode, wholeCode])),
      );
      const part = parts.find((p) => p.code === partCode);
      const whole = parts.find((p) => p.code === wholeCode);
      if (!part || !whole || (await valuesOf(wholeCode)).length === 0) {
        out.push({ code, name: m.name, unit: m.unit, value: null, display: 'geen cijfers' });
        continue;
      }
      const cellOf = async (r: typeof part) => {
        const pm = toMeasure(r);
        return rangeCell(await protectedBase(db, pm, input.municipalityCode, threshold, { span, rule, releasePeriod, heads }), pm.aggregation, from, to);
      };
      const figure = rangeRatio(await cellOf(part), await cellOf(whole), kind.kind === 'share' ? 100 : 1, m.unit, threshold);
      out.push({ code, name: m.name, unit: m.unit, ...figure });
      continue;
    }
    const rows = await valuesOf(code);
    if (rows.length === 0) {
      out.push({ code, name: m.name, unit: m.unit, value: null, display: 'geen cijfers' });
      continue;
    }
    const groupCode = groupCountOf(code);
    const [groupRow] = groupCode ? await db.unaudited((q) => q.select().from(insightsMeasures).where(eq(insightsMeasures.code, groupCode))) : [];
    if (groupRow) {
      const group = toMeasure(groupRow);
      const cell = rangeCell(await protectedBase(db, group, input.municipalityCode, threshold, { span, rule, releasePeriod, heads }), 'sum', from, to);
      if (cell.state !== 'shown' || cell.value === 0) {
        out.push({ code, name: m.name, unit: m.unit, value: null, display: 'afgeschermd' });
        continue;
      }
    }
    // A count or an amount comes from the same protected base table as the dashboard.
    const base = protectedKind(m) ? await protectedBase(db, m, input.municipalityCode, threshold, { span, rule, releasePeriod, heads }) : null;
    out.push({
      code,
      name: m.name,
      unit: m.unit,
      ...rangeFigure({ unit: m.unit, aggregation: m.aggregation, base, values: rows.map((r) => r.value), from, to }, threshold),
    });
  }
  return out;
}
