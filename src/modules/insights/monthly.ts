/**
 * A municipality's protected figure per month of some measures, taken from the very protected base tables the
 * dashboard shows (baseQueries.ts): a module that shows its own figures to people (Geldfit in cijfers) reads them
 * here, so its page and the dashboard hide the same months and no difference between the two gives a hidden count.
 */
import { inArray } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { protectedBase } from './baseQueries.ts';
import { releaseHeads } from './frozenBases.ts';
import { toMeasure } from './referenceQueries.ts';
import { insightsMeasures } from './schema.ts';
import type { AmountRule, ProtectedCell } from './suppression.ts';

const monthCode = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Per measure (by code) the municipality's protected cell per month (YYYY-MM) that has figures: the dashboard's
 * total of that month. A measure that is not in the catalogue (never refreshed) is left out.
 */
export async function protectedMonths(
  db: Database,
  input: { measureCodes: string[]; municipalityCode: string },
  threshold: number,
  rule: AmountRule,
): Promise<Map<string, Map<string, ProtectedCell>>> {
  const out = new Map<string, Map<string, ProtectedCell>>();
  if (input.measureCodes.length === 0) return out;
  const rows = await db.unaudited((q) => q.select().from(insightsMeasures).where(inArray(insightsMeasures.code, input.measureCodes)));
  const heads = (await releaseHeads(db, [input.municipalityCode])).get(input.municipalityCode) ?? [];
  for (const row of rows) {
    const base = await protectedBase(db, toMeasure(row), input.municipalityCode, threshold, { rule, heads });
    out.set(row.code, new Map([...base.totals].filter(([period]) => monthCode.test(period))));
  }
  return out;
}
