// Anonymous daily counts of the self-test. Not personal data: no answers, no ids, no IP addresses.
import { and, asc, gte, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { selftestDailyCounts } from './schema.ts';

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
