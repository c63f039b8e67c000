// The tables of the selftest module. Only anonymous counts per day: the answers are never stored.
import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export const selftestDailyCounts = pgTable(
  'selftest_daily_counts',
  {
    /** Local date in Europe/Amsterdam. */
    day: date('day', { mode: 'string' }).notNull(),
    municipalityCode: text('municipality_code').notNull(),
    /** residents | entrepreneurs | all (the start page, before a test is chosen). */
    questionnaire: text('questionnaire').notNull(),
    /** visit, started, completed, profile:<profile>, referrals_shown, referral_followed, contact_requested */
    counter: text('counter').notNull(),
    value: integer('value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.municipalityCode, t.questionnaire, t.counter] })],
);
