// The PC4 centre points in the database: loading a CSV (audited) and turning a resident's postcode into a position.
// Configuration, no personal data: reads are unaudited.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan } from '../../platform/authz.ts';
import { parsePostcode } from './geo.ts';
import { directoryProblem } from './messages.ts';
import { builtInPostcodeCentres, parsePostcodeCentres, type PostcodeCentre } from './postcodeCentres.ts';
import { directoryPostcodeCentres } from './schema.ts';

const builtIn = new Map(builtInPostcodeCentres.map((c) => [c.pc4, c]));

async function areaCount(db: Database): Promise<number> {
  const [row] = await db.unaudited((q) => q.select({ n: sql<number>`count(*)::int` }).from(directoryPostcodeCentres));
  return Number(row?.n ?? 0);
}

/**
 * The centre of the area of a postcode a resident typed (`3311`, `3311 AB`: a full postcode is searched by its four
 * digits). The loaded table when it has rows, else the built-in Drechtsteden set. Throws `postcode_malformed` or
 * `postcode_unknown` (a Dutch sentence for the field `postcode`).
 */
export async function centreForPostcode(db: Database, text: string): Promise<PostcodeCentre> {
  const parsed = parsePostcode(text);
  if (!parsed) throw directoryProblem('postcode_malformed');
  const [row] = await db.unaudited((q) => q.select().from(directoryPostcodeCentres).where(eq(directoryPostcodeCentres.pc4, parsed.pc4)));
  if (row) return row;
  const fallback = (await areaCount(db)) === 0 ? builtIn.get(parsed.pc4) : undefined;
  if (!fallback) throw directoryProblem('postcode_unknown');
  return fallback;
}

/** How many areas the loaded table has, and whether the built-in set is used instead. */
export async function postcodeCentresView(db: Database): Promise<{ areas: number; builtIn: boolean }> {
  const areas = await areaCount(db);
  return areas ? { areas, builtIn: false } : { areas: builtInPostcodeCentres.length, builtIn: true };
}

/**
 * Replaces the whole table of PC4 centre points by a CSV (directory staff, or the operator's CLI), in one transaction,
 * audited as an update of `directory_postcode_centres` with the number of areas. A file with any bad row changes nothing.
 */
export async function loadPostcodeCentresCsv(db: Database, actor: Actor, text: string): Promise<{ areas: number }> {
  if (actor.kind !== 'system') assertCan(actor, 'directory:edit');
  const rows = parsePostcodeCentres(text);
  return db.audited(actor, { action: 'update', objectType: 'directory_postcode_centres', details: { areas: rows.length } }, async (tx) => {
    await tx.delete(directoryPostcodeCentres);
    for (let i = 0; i < rows.length; i += 2000) await tx.insert(directoryPostcodeCentres).values(rows.slice(i, i + 2000));
    return { areas: rows.length };
  });
}
