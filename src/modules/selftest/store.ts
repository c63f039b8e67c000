// Anonymous daily counts of the self-test. Not personal data: no answers, no ids, no IP addresses.
import { and, asc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { selftestDailyCounts, selftestVisits } from './schema.ts';

export type QuestionnaireKey = 'residents' | 'entrepreneurs' | 'all';

export interface CountIncrement {
  questionnaire: QuestionnaireKey;
  counter: string;
  by?: number;
}

/** Adds to today's counters (Europe/Amsterdam date from db.clock), in one statement per counter. */
export async function count(db: Database, municipalityCode: string, increments: CountIncrement[]): Promise<void> {
  const day = amsterdamDate(db.clock.now());
  const rows = increments
    .filter((i) => (i.by ?? 1) > 0)
    .map((i) => ({ day, municipalityCode, questionnaire: i.questionnaire, counter: i.counter, value: i.by ?? 1 }));
  if (!rows.length) return;
  await db.unaudited((q) =>
    q
      .insert(selftestDailyCounts)
      .values(rows)
      .onConflictDoUpdate({
        target: [selftestDailyCounts.day, selftestDailyCounts.municipalityCode, selftestDailyCounts.questionnaire, selftestDailyCounts.counter],
        set: { value: sql`${selftestDailyCounts.value} + excluded.value` },
      }),
  );
}

export interface CountRow {
  day: string;
  municipalityCode: string;
  questionnaire: string;
  counter: string;
  value: number;
}

export async function countsBetween(db: Database, from: string, to: string): Promise<CountRow[]> {
  return db.unaudited((q) =>
    q
      .select()
      .from(selftestDailyCounts)
      .where(and(gte(selftestDailyCounts.day, from), lte(selftestDailyCounts.day, to)))
      .orderBy(asc(selftestDailyCounts.day), asc(selftestDailyCounts.questionnaire), asc(selftestDailyCounts.counter)),
  );
}

/** How long a visit's token is kept: long enough to finish a test another day, then gone. */
const visitDays = 14;

/** Opens an anonymous visit (after its visit was counted) and returns its random token for the test's form. */
export async function openVisit(db: Database): Promise<string> {
  const day = amsterdamDate(db.clock.now());
  const token = crypto.randomUUID();
  const cutoff = new Date(Date.parse(`${day}T12:00:00Z`) - visitDays * 86_400_000).toISOString().slice(0, 10);
  await db.unaudited(async (q) => {
    await q.delete(selftestVisits).where(lt(selftestVisits.day, cutoff));
    await q.insert(selftestVisits).values({ token, day });
  });
  return token;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Marks a visit's test as completed: `first` the first time, `again` for a resubmitted form of the same visit,
 * `unknown` for a form without a (still kept) token of a counted visit.
 */
export async function completeVisit(db: Database, token: unknown): Promise<'first' | 'again' | 'unknown'> {
  if (typeof token !== 'string' || !uuidPattern.test(token)) return 'unknown';
  return db.unaudited(async (q) => {
    const marked = await q
      .update(selftestVisits)
      .set({ completed: true })
      .where(and(eq(selftestVisits.token, token), eq(selftestVisits.completed, false)))
      .returning({ token: selftestVisits.token });
    if (marked.length) return 'first';
    const [seen] = await q.select({ token: selftestVisits.token }).from(selftestVisits).where(eq(selftestVisits.token, token));
    return seen ? 'again' : 'unknown';
  });
}
