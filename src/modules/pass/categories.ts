import type { Database } from '../../db/database.ts';
import { passCategories } from './schema.ts';

/**
 * The categories change a few times a year and are read on every charge: kept for a few seconds per database.
 * A change through `setCategoryAllowed` clears it at once in this process.
 */
const categoryCache = new WeakMap<Database, { at: number; byCode: Map<string, typeof passCategories.$inferSelect> }>();
const categoryCacheMs = 5_000;
export async function categoriesOf(db: Database) {
  const cached = categoryCache.get(db);
  if (cached && Date.now() - cached.at < categoryCacheMs) return cached.byCode;
  const rows = await db.unaudited((q) => q.select().from(passCategories));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  categoryCache.set(db, { at: Date.now(), byCode });
  return byCode;
}
export function forgetCategories(db: Database): void {
  categoryCache.delete(db);
}
