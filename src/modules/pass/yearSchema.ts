// The tables of a pass year: eligibility as data per municipality and year, and the renewal of each pass into it.
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { personal } from '../../db/personal.ts';
import { municipalities, users } from '../../platform/schema.ts';
import type { HouseholdType } from './contract.ts';
import type { UnspentBudgetRule } from './passYear.ts';
import { passes } from './schema.ts';

/** The eligibility rules for one pass year (edited by the pass office; every change audited). Not personal data. */
export const passEligibilityRules = pgTable(
  'pass_eligibility_rules',
  {
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    passYear: integer('pass_year').notNull(),
    incomeLimitPercent: integer('income_limit_percent').notNull(),
    assetsLimitCents: jsonb('assets_limit_cents').$type<Record<HouseholdType, number>>().notNull(),
    carerRouteOpen: boolean('carer_route_open').notNull(),
    volunteerRouteOpen: boolean('volunteer_route_open').notNull(),
    countPartner: boolean('count_partner').notNull(),
    childrenUpToAge: integer('children_up_to_age').notNull(),
    countAdultCoResidents: boolean('count_adult_co_residents').notNull(),
    proofs: jsonb('proofs').$type<string[]>().notNull(),
    /** What happens to unspent child budget when this pass year starts. */
    unspentBudgetRule: text('unspent_budget_rule').$type<UnspentBudgetRule>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.municipalityCode, t.passYear] })],
);

/**
 * What a new pass year did to one pass: renewed (from the benefits file, or confirmed by the resident), invited to
 * confirm before a deadline, or lapsed after it. One row per pass and year: running the year again changes nothing.
 */
export const passYearRenewals = personal(
  pgTable(
    'pass_year_renewals',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      municipalityCode: text('municipality_code')
        .notNull()
        .references(() => municipalities.code),
      passId: uuid('pass_id')
        .notNull()
        .references(() => passes.id),
      year: integer('year').notNull(),
      /** invited | renewed | lapsed */
      status: text('status').notNull(),
      /** benefits (the social service's file) | confirmed (the resident on Mijn Dordtpas); null while invited or lapsed. */
      renewedBy: text('renewed_by'),
      deadline: date('deadline', { mode: 'string' }),
      byUserId: uuid('by_user_id').references(() => users.id),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
      decidedAt: timestamp('decided_at', { withTimezone: true }),
    },
    (t) => [
      uniqueIndex('pass_year_renewals_pass_year_key').on(t.passId, t.year),
      index('pass_year_renewals_year_idx').on(t.municipalityCode, t.year, t.status),
    ],
  ),
);
