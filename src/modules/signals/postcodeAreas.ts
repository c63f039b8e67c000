import Papa from 'papaparse';
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { dordrechtWijken } from '../../platform/areas.ts';
import { assertCan } from '../../platform/authz.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { fieldProblem, fieldReason, signalProblem, type FieldReasonCode, type ReasonVars } from './messages.ts';
import { municipalities } from '../../platform/schema.ts';
import { postcodeAreas } from './schema.ts';
import { municipalityCode as cbsCode, ownMunicipalities } from '../../platform/municipalities.ts';

/**
 * The postcode table that routes each signal to its municipality (and gives the case its wijk and buurt):
 * configuration, no personal data. The default covers the seven Drechtsteden municipalities; an admin loads another
 * region's table (CBS "postcode-huisnummer-wijk-buurt", reduced to postcode level) from a CSV file.
 */
export interface PostcodeArea {
  /** `3311` (four digits: the whole area) or `3311AB` (one postcode: wins over its four digits). */
  postcode: string;
  municipalityCode: string;
  wijkCode: string | null;
  wijkName: string | null;
  buurtCode: string | null;
  buurtName: string | null;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/**
 * The default table: PC4 ranges per municipality (`/work/shared/reference/README.md`, "Postcodes of the
 * Drechtsteden": approximate). Dordrecht's wijken are those of `src/platform/areas.ts` (3311-3329, so every area the
 * demo and the insights figures use keeps its wijk); the other six municipalities get no wijk until the admin loads
 * CBS's table. Written into migration 0005 as well (`postcodeAreas.test.ts` checks both agree).
 */
export const defaultPostcodeAreas: PostcodeArea[] = [
  ...dordrechtWijken.flatMap((w) =>
    w.pc4.map((pc) => ({ postcode: pc, municipalityCode: 'GM0505', wijkCode: w.code, wijkName: w.name, buurtCode: null, buurtName: null })),
  ),
  ...(
    [
      ['GM0642', [...range(3330, 3335), '2995']],
      ['GM0531', range(3340, 3344)],
      ['GM0590', range(3350, 3356)],
      ['GM0610', range(3360, 3364)],
      ['GM0523', range(3370, 3373)],
      ['GM0482', range(2950, 2954)],
    ] as const
  ).flatMap(([municipalityCode, pcs]) =>
    pcs.map((postcode) => ({ postcode, municipalityCode, wijkCode: null, wijkName: null, buurtCode: null, buurtName: null })),
  ),
].sort((a, b) => a.postcode.localeCompare(b.postcode));

/** At most this many rows in a loaded table (the CBS file has some 470,000 postcodes). */
export const MAX_POSTCODE_AREAS = 1_000_000;

const columnNames: Record<string, keyof PostcodeArea> = {
  postcode: 'postcode',
  pc4: 'postcode',
  pc6: 'postcode',
  gemeente: 'municipalityCode',
  gemeentecode: 'municipalityCode',
  wijk: 'wijkCode',
  wijkcode: 'wijkCode',
  wijknaam: 'wijkName',
  buurt: 'buurtCode',
  buurtcode: 'buurtCode',
  buurtnaam: 'buurtName',
};

/**
 * A postcode table as CSV (`;`, `,` or tab; a header with `postcode`, `gemeente` and optionally `wijk`, `wijknaam`,
 * `buurt`, `buurtnaam`) → rows, or a ValidationError naming every bad line and field in Dutch. Pure.
 * A municipality code is `GM` + four digits (`0505` alone is accepted), a wijk `WK` + six digits, a buurt `BU` + eight.
 */
export function parsePostcodeAreas(text: string, knownMunicipalities: readonly string[]): PostcodeArea[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t'] });
  const [header, ...lines] = parsed.data;
  const problems: FieldProblem[] = [];
  const columns = (header ?? []).map(
    (h) =>
      columnNames[
        String(h)
          .trim()
          .toLowerCase()
          .replace(/[\s_-]+/g, '')
      ] ?? null,
  );
  const missing = (['postcode', 'municipalityCode'] as const).filter((c) => !columns.includes(c));
  if (!header || missing.length) {
    throw signalProblem('postcode_table_no_header', {}, [fieldProblem(1, missing.includes('postcode') ? 'postcode' : 'gemeente', 'column_missing')]);
  }
  if (lines.length > MAX_POSTCODE_AREAS)
    throw signalProblem('postcode_table_too_long', { count: MAX_POSTCODE_AREAS }, [fieldProblem(1, 'bestand', 'too_many_lines')]);
  const seen = new Map<string, number>();
  const rows: PostcodeArea[] = [];
  const known = new Set(knownMunicipalities);
  lines.forEach((cells, i) => {
    const line = i + 2;
    const cell = (c: keyof PostcodeArea) => {
      const at = columns.indexOf(c);
      const v = at >= 0 ? String(cells[at] ?? '').trim() : '';
      return v || null;
    };
    const reject = (field: string, code: FieldReasonCode, vars?: ReasonVars) =>
      problems.length < 1000 && problems.push({ line, field, reason: fieldReason(code, vars) });
    const postcode = (cell('postcode') ?? '').replace(/\s+/g, '').toUpperCase();
    const municipalityText = (cell('municipalityCode') ?? '').toUpperCase();
    const municipalityCode = /^\d{4}$/.test(municipalityText) ? `GM${municipalityText}` : municipalityText;
    const wijkCode = cell('wijkCode')?.toUpperCase() ?? null;
    const buurtCode = cell('buurtCode')?.toUpperCase() ?? null;
    let ok = true;
    if (!/^[1-9]\d{3}([A-Z]{2})?$/.test(postcode)) ok = !reject('postcode', 'area_postcode_invalid');
    else if (seen.has(postcode)) ok = !reject('postcode', 'area_postcode_twice', { line: seen.get(postcode) });
    if (!cbsCode.safeParse(municipalityCode).success) ok = !reject('gemeente', 'municipality_code_invalid');
    else if (!known.has(municipalityCode)) ok = !reject('gemeente', 'municipality_unknown', { municipality: municipalityCode });
    if (wijkCode && !/^WK\d{6}$/.test(wijkCode)) ok = !reject('wijk', 'wijk_code_invalid');
    if (buurtCode && !/^BU\d{8}$/.test(buurtCode)) ok = !reject('buurt', 'buurt_code_invalid');
    const wijkName = cell('wijkName')?.slice(0, 100) ?? null;
    const buurtName = cell('buurtName')?.slice(0, 100) ?? null;
    if (!ok) return;
    seen.set(postcode, line);
    rows.push({ postcode, municipalityCode, wijkCode, wijkName, buurtCode, buurtName });
  });
  if (problems.length) throw signalProblem('postcode_table_invalid', {}, problems);
  if (!rows.length) throw signalProblem('postcode_table_empty', {}, [fieldProblem(2, 'postcode', 'no_lines')]);
  return rows;
}

/**
 * Replaces the whole postcode table (admin only: `organisations:manage`), in one transaction, audited as an update
 * of `postcode_areas` with the counts per municipality. Imports that run afterwards route by the new table; cases
 * already made keep their municipality.
 */
export async function replacePostcodeAreas(
  db: Database,
  actor: Actor,
  rows: PostcodeArea[],
): Promise<{ postcodes: number; municipalities: Record<string, number> }> {
  if (actor.kind !== 'system') assertCan(actor, 'organisations:manage');
  const perMunicipality: Record<string, number> = {};
  for (const r of rows) perMunicipality[r.municipalityCode] = (perMunicipality[r.municipalityCode] ?? 0) + 1;
  // The table routes every municipality's signals: an admin changes it only for municipalities they administer (the
  // ones in the new table and in the one it replaces). The operator's CLI (system) may always.
  if (actor.kind !== 'system') {
    const current = Object.keys(await postcodeAreaCounts(db));
    const own = ownMunicipalities(actor);
    const foreign = [...new Set([...current, ...Object.keys(perMunicipality)])].filter((m) => !own.includes(m)).sort();
    if (foreign.length) throw signalProblem('postcode_table_foreign', { municipalities: foreign });
  }
  return db.audited(
    actor,
    {
      action: 'update',
      objectType: 'postcode_areas',
      municipalityCodes: Object.keys(perMunicipality).sort(),
      details: { postcodes: rows.length, municipalities: perMunicipality },
    },
    async (tx) => {
      await tx.execute(sql`delete from postcode_areas`);
      for (let i = 0; i < rows.length; i += 5000) await tx.insert(postcodeAreas).values(rows.slice(i, i + 5000));
      return { postcodes: rows.length, municipalities: perMunicipality };
    },
  );
}

/** Parses and loads a CSV postcode table: the route and the CLI command share this. */
export async function loadPostcodeAreasCsv(db: Database, actor: Actor, text: string) {
  if (actor.kind !== 'system') assertCan(actor, 'organisations:manage');
  const known = await db.unaudited((q) => q.select({ code: municipalities.code }).from(municipalities));
  return replacePostcodeAreas(
    db,
    actor,
    parsePostcodeAreas(
      text,
      known.map((m) => m.code),
    ),
  );
}

/** The table as it is now, per municipality: how many postcodes (for the admin's check after a load). */
export async function postcodeAreaCounts(db: Database): Promise<Record<string, number>> {
  const rows = await db.unaudited((q) =>
    q.select({ m: postcodeAreas.municipalityCode, n: sql<number>`count(*)::int` }).from(postcodeAreas).groupBy(postcodeAreas.municipalityCode),
  );
  return Object.fromEntries(rows.map((r) => [r.m, Number(r.n)]));
}

/** The SQL of migration 0005's seed (kept here so a test can compare it with the default table). */
export function defaultPostcodeAreasSql(): string {
  const q = (v: string | null) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
  return (
    'INSERT INTO "postcode_areas" ("postcode", "municipality_code", "wijk_code", "wijk_name", "buurt_code", "buurt_name") VALUES\n' +
    defaultPostcodeAreas.map((r) => `(${[r.postcode, r.municipalityCode, r.wijkCode, r.wijkName, r.buurtCode, r.buurtName].map(q).join(', ')})`).join(',\n') +
    '\nON CONFLICT DO NOTHING;'
  );
}

/** The postcodes (full and four-digit) of these municipalities, each with its municipality. */
export async function postcodeMunicipalities(db: Database, codes: string[]): Promise<Map<string, string>> {
  const rows = await db.unaudited((q) =>
    q
      .select({ postcode: postcodeAreas.postcode, municipalityCode: postcodeAreas.municipalityCode })
      .from(postcodeAreas)
      .where(inArray(postcodeAreas.municipalityCode, codes)),
  );
  return new Map(rows.map((r) => [r.postcode, r.municipalityCode]));
}

/**
 * The municipality a resident's postcode (`3311 AB`, `3311AB`) lies in: the full postcode when the table has it,
 * else its four digits; null when the table knows neither (`9999 ZZ`). Configuration, no personal data: unaudited.
 */
export async function municipalityOfPostcode(db: Database, postcode: string): Promise<string | null> {
  const full = postcode.replace(/\s+/g, '').toUpperCase();
  const rows = await db.unaudited((q) =>
    q
      .select({ postcode: postcodeAreas.postcode, municipalityCode: postcodeAreas.municipalityCode })
      .from(postcodeAreas)
      .where(inArray(postcodeAreas.postcode, [full, full.slice(0, 4)])),
  );
  return (rows.find((r) => r.postcode === full) ?? rows.find((r) => r.postcode === full.slice(0, 4)))?.municipalityCode ?? null;
}
