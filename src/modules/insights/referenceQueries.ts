import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database, Db, Tx } from '../../db/database.ts';
import { aboutPersons, measureLabel, ownerLabel, themes, type Aggregation, type MeasureRecord } from './catalogue.ts';
import type { Population } from './domain/rates.ts';
import { insightsError } from './messages.ts';
import type { PeriodKind } from './periods.ts';
import { insightsAreas, insightsBenchmarks, insightsImports, insightsMeasures, insightsPopulation } from './schema.ts';

/** The insights module's reference reads: measures, themes, areas, imports, benchmarks and population figures. */

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
    aboutPersons: aboutPersons(row.code),
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
