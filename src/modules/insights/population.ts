import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan } from '../../platform/authz.ts';
import { ValidationError, type FieldProblem } from '../../platform/errors.ts';
import { ensureAreas } from './commands.ts';
import type { PopulationSummary } from './contract.ts';
import { areaCodePattern, parseNumber, readCsvRows, type Rejection } from './parse.ts';
import { insightsImports, insightsPopulation } from './schema.ts';

/**
 * Inhabitants per area and year, for rates per 1,000 inhabitants: the file format (pure parser), the import
 * (audited) and the lookup the dashboard uses. The figures are public (CBS kerncijfers wijken en buurten); they
 * hold no personal data.
 *
 * Columns (header names, any order, case-insensitive): `gebied` (GM0505, WK050504, BU05050401), `jaar` (2021),
 * `inwoners` (a whole number), optionally `huishoudens`.
 */

export interface PopulationRecord {
  line: number;
  areaCode: string;
  year: number;
  inhabitants: number;
  households: number | null;
}

export interface ParsedPopulation {
  rows: number;
  records: PopulationRecord[];
  duplicateLines: number[];
  rejections: Rejection[];
  /** False when the file has no households column: the households already stored are kept. */
  hasHouseholds: boolean;
}

/** The pseudo measure code under which population files are listed among the imports. */
export const populationImportCode = 'population';

const aliases = {
  gebied: ['gebied', 'gebiedscode', 'area', 'area_code', 'code', 'wijk', 'buurt', 'gemeente'],
  jaar: ['jaar', 'year', 'peiljaar', 'periode', 'period'],
  inwoners: ['inwoners', 'aantal_inwoners', 'aantal inwoners', 'inhabitants', 'population', 'bevolking'],
  huishoudens: ['huishoudens', 'aantal_huishoudens', 'aantal huishoudens', 'households'],
} as const;

function wholeNumber(text: string, field: string, line: number, label: string, problems: Rejection[]): number | null {
  const value = parseNumber(text);
  if (value === null) problems.push({ line, field, reason: `"${text}" is geen getal.` });
  else if (value < 0) problems.push({ line, field, reason: `Het aantal ${label} kan niet negatief zijn.` });
  else if (!Number.isInteger(value)) problems.push({ line, field, reason: `Het aantal ${label} moet een geheel getal zijn; "${text}" is dat niet.` });
  else if (value > 100_000_000) problems.push({ line, field, reason: `${text} ${label} is te veel voor één gebied.` });
  else return value;
  return null;
}

/** A population file → records, each data row either a record or rejected with its line, field and a Dutch reason. */
export function parsePopulation(input: Uint8Array | string): ParsedPopulation {
  const raw = readCsvRows(input);
  const header = raw[0]!.record.map((h) => h.trim().toLowerCase());
  const find = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const index = { gebied: find(aliases.gebied), jaar: find(aliases.jaar), inwoners: find(aliases.inwoners), huishoudens: find(aliases.huishoudens) };
  const missing: FieldProblem[] = (['gebied', 'jaar', 'inwoners'] as const)
    .filter((column) => index[column] < 0)
    .map((column) => ({ field: column, reason: `De kolom "${column}" ontbreekt in de kopregel.`, line: raw[0]!.info.lines }));
  if (missing.length) throw new ValidationError('De kopregel van het bestand mist verplichte kolommen.', missing);

  const result: ParsedPopulation = { rows: 0, records: [], duplicateLines: [], rejections: [], hasHouseholds: index.huishoudens >= 0 };
  const seen = new Map<string, PopulationRecord>();
  for (const { record, info } of raw.slice(1)) {
    const line = info.lines;
    if (record.every((cell) => cell.trim() === '')) continue;
    result.rows += 1;
    const problems: Rejection[] = [];
    const cellOf = (i: number) => (i < 0 ? '' : (record[i] ?? '').trim());
    const areaCode = cellOf(index.gebied).toUpperCase();
    const yearText = cellOf(index.jaar);
    const inhabitantsText = cellOf(index.inwoners);
    const householdsText = cellOf(index.huishoudens);
    if (!areaCode) problems.push({ line, field: 'gebied', reason: 'Het gebied ontbreekt.' });
    else if (!areaCodePattern.test(areaCode))
      problems.push({ line, field: 'gebied', reason: `"${areaCode}" is geen CBS-gebiedscode (GM0505, WK050504 of BU05050401).` });
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
    if (!yearText) problems.push({ line, field: 'jaar', reason: 'Het jaar ontbreekt.' });
    else if (year === null || year < 1900 || year > 2100) problems.push({ line, field: 'jaar', reason: `"${yearText}" is geen jaar (schrijf het als 2021).` });
    let inhabitants: number | null = null;
    if (!inhabitantsText) problems.push({ line, field: 'inwoners', reason: 'Het aantal inwoners ontbreekt.' });
    else inhabitants = wholeNumber(inhabitantsText, 'inwoners', line, 'inwoners', problems);
    let households: number | null = null;
    if (householdsText) {
      households = wholeNumber(householdsText, 'huishoudens', line, 'huishoudens', problems);
      if (households !== null && inhabitants !== null && households > inhabitants)
        problems.push({ line, field: 'huishoudens', reason: `Er kunnen niet meer huishoudens (${households}) dan inwoners (${inhabitants}) zijn.` });
    }
    if (problems.length) {
      result.rejections.push(...problems);
      continue;
    }
    const rec: PopulationRecord = { line, areaCode, year: year!, inhabitants: inhabitants!, households };
    const key = `${areaCode}|${year}`;
    const earlier = seen.get(key);
    if (earlier) {
      if (earlier.inhabitants === rec.inhabitants && earlier.households === rec.households) result.duplicateLines.push(line);
      else
        result.rejections.push({
          line,
          field: 'inwoners',
          reason: `Gebied ${areaCode} en jaar ${year} staan al op regel ${earlier.line} met andere aantallen.`,
        });
      continue;
    }
    seen.set(key, rec);
    result.records.push(rec);
  }
  return result;
}

/**
 * Stores every valid row of a population file and reports every other row with its line, field and reason. A
 * row that repeats what is stored is a duplicate (importing the same file again changes nothing); a row with new
 * figures for a stored area and year corrects them. Audited as an import.
 */
export async function importPopulation(db: Database, actor: Actor, input: { fileName: string; content: Uint8Array | string }): Promise<PopulationSummary> {
  if (actor.kind !== 'system') assertCan(actor, 'insights:manage');
  const parsed = parsePopulation(input.content);
  const bytes = typeof input.content === 'string' ? Buffer.from(input.content) : input.content;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return db.audited(
    actor,
    { action: 'create', objectType: 'insights_population_import', objectId: input.fileName, details: { file: input.fileName, sha256 } },
    async (tx, trail) => {
      const rejections = [...parsed.rejections];
      let accepted = 0;
      let duplicates = parsed.duplicateLines.length;
      const known = await ensureAreas(
        tx,
        parsed.records.map((r) => r.areaCode),
      );
      const existing = new Map<string, { inhabitants: number; households: number | null }>();
      const codes = [...new Set(parsed.records.map((r) => r.areaCode))];
      for (let i = 0; i < codes.length; i += 500) {
        const rows = await tx
          .select()
          .from(insightsPopulation)
          .where(inArray(insightsPopulation.areaCode, codes.slice(i, i + 500)));
        for (const r of rows) existing.set(`${r.areaCode}|${r.year}`, r);
      }
      const [record] = await tx
        .insert(insightsImports)
        .values({
          measureCode: populationImportCode,
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
      const writes: (typeof insightsPopulation.$inferInsert)[] = [];
      for (const parsedRecord of parsed.records) {
        const r = parsed.hasHouseholds
          ? parsedRecord
          : { ...parsedRecord, households: existing.get(`${parsedRecord.areaCode}|${parsedRecord.year}`)?.households ?? null };
        if (!known.has(r.areaCode)) {
          rejections.push({ line: r.line, field: 'gebied', reason: `Het gebied ${r.areaCode} ligt niet in een bekende gemeente.` });
          continue;
        }
        const before = existing.get(`${r.areaCode}|${r.year}`);
        if (before && before.inhabitants === r.inhabitants && before.households === r.households) {
          duplicates += 1;
          continue;
        }
        accepted += 1;
        writes.push({
          areaCode: r.areaCode,
          year: r.year,
          inhabitants: r.inhabitants,
          households: r.households,
          importId: record!.id,
          updatedAt: db.clock.now(),
        });
      }
      for (let i = 0; i < writes.length; i += 1000) {
        await tx
          .insert(insightsPopulation)
          .values(writes.slice(i, i + 1000))
          .onConflictDoUpdate({
            target: [insightsPopulation.areaCode, insightsPopulation.year],
            set: {
              inhabitants: sql`excluded.inhabitants`,
              households: sql`excluded.households`,
              importId: sql`excluded.import_id`,
              updatedAt: sql`excluded.updated_at`,
            },
          });
      }
      rejections.sort((a, b) => a.line - b.line);
      const rejected = new Set(rejections.map((r) => r.line)).size;
      await tx.update(insightsImports).set({ accepted, duplicates, rejected, rejections }).where(eq(insightsImports.id, record!.id));
      trail.details = { ...trail.details, rows: parsed.rows, accepted, duplicates, rejected };
      return { importId: record!.id, rows: parsed.rows, accepted, duplicates, rejected, rejections };
    },
  );
}
