// The tables of the selftest module. Only anonymous counts per day: the answers are never stored.
import { boolean, date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

export const selftestDailyCounts = pgTable(
  'selftest_daily_counts',
  {
    /** Local date in Europe/Amsterdam. */
    day: date('day', { mode: 'string' }).notNull(),
    municipalityCode: text('municipality_code').notNull(),
    /** residents | entrepreneurs | all (the start page, before a test is chosen). */
    questionnaire: text('questionnaire').notNull(),
    /** visit, started, completed, completed_after_visit (tied to a counted visit, see selftestVisits), profile:<profile>, referrals_shown, referral_followed, contact_requested */
    counter: text('counter').notNull(),
    value: integer('value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.municipalityCode, t.questionnaire, t.counter] })],
);

/**
 * One anonymous visit to a test: a random token in the test's form, nothing else (no answers, no IP address). It
 * ties a completed test to the counted visit it came from, so a resubmitted form counts once and the completion
 * rate cannot pass 100%. Kept two weeks.
 */
export const selftestVisits = pgTable(
  'selftest_visits',
  {
    token: uuid('token').primaryKey(),
    /** Local date in Europe/Amsterdam of the visit. */
    day: date('day', { mode: 'string' }).notNull(),
    completed: boolean('completed').notNull().default(false),
  },
  (t) => [index('selftest_visits_day_idx').on(t.day)],
);
