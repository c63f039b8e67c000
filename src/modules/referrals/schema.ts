import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { personal } from '../../db/personal.ts';
import { municipalities, organisations, persons, users } from '../../platform/schema.ts';

/**
 * The tables of the referrals module (Ketenaanpak). A resident is a row in the platform's `persons` register;
 * everything here that is about a resident is personal and therefore only reachable through `db.audited`.
 */

/**
 * Consent: what the resident allows to be shared with which organisation. A consent is given once and may be
 * withdrawn once; giving it again makes a new row, so the history stays complete.
 */
export const referralConsents = personal(
  pgTable(
    'referral_consents',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      municipalityCode: text('municipality_code')
        .notNull()
        .references(() => municipalities.code),
      personId: uuid('person_id')
        .notNull()
        .references(() => persons.id),
      organisationId: uuid('organisation_id')
        .notNull()
        .references(() => organisations.id),
      /** What may be shared: codes from `consentScopes` (contact, question, progress). */
      scopes: text('scopes').array().notNull(),
      /** The wording the resident agreed to, as shown to them. */
      text: text('text').notNull(),
      /** How it was recorded: selftest, early_signal, gp, walk_in, referral, staff. */
      recordedVia: text('recorded_via').notNull(),
      givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
      givenByUserId: uuid('given_by_user_id').references(() => users.id),
      givenByOrganisationId: uuid('given_by_organisation_id').references(() => organisations.id),
      withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
      withdrawnByUserId: uuid('withdrawn_by_user_id').references(() => users.id),
      withdrawnByOrganisationId: uuid('withdrawn_by_organisation_id').references(() => organisations.id),
      withdrawalNote: text('withdrawal_note'),
    },
    (t) => [index('referral_consents_person_idx').on(t.personId, t.organisationId)],
  ),
);

/** A signal of arrears handed over with an early-signal intake (no BSN, no creditor reference or name). */
export interface SignalFact {
  creditorType: string;
  creditorTypeLabel: string;
  amountCents: number;
  months: number | null;
  arisenOn: string | null;
  signalDate: string;
}

/** An intake: how a resident's question entered the chain (self-test, early signal, GP, walk-in). */
export const referralIntakes = personal(
  pgTable(
    'referral_intakes',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      municipalityCode: text('municipality_code')
        .notNull()
        .references(() => municipalities.code),
      personId: uuid('person_id')
        .notNull()
        .references(() => persons.id),
      route: text('route').notNull(),
      theme: text('theme').notNull(),
      question: text('question').notNull(),
      contactName: text('contact_name').notNull(),
      contactPhone: text('contact_phone'),
      contactEmail: text('contact_email'),
      /** The self-test profile or the GP's short assessment, when there is one. */
      profile: text('profile'),
      /** Early signal: the signals of arrears handed over with the resident's consent. */
      signalFacts: jsonb('signal_facts').$type<SignalFact[]>(),
      consentText: text('consent_text').notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
      createdByUserId: uuid('created_by_user_id').references(() => users.id),
      createdByOrganisationId: uuid('created_by_organisation_id').references(() => organisations.id),
    },
    (t) => [index('referral_intakes_person_idx').on(t.personId)],
  ),
);

/** A referral from one organisation (or an intake route) to another, with its state and service-level dates. */
export const referrals = personal(
  pgTable(
    'referrals',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      municipalityCode: text('municipality_code')
        .notNull()
        .references(() => municipalities.code),
      personId: uuid('person_id')
        .notNull()
        .references(() => persons.id),
      intakeId: uuid('intake_id').references(() => referralIntakes.id),
      /** Null when the resident came in without a sending organisation (self-test). */
      fromOrganisationId: uuid('from_organisation_id').references(() => organisations.id),
      toOrganisationId: uuid('to_organisation_id')
        .notNull()
        .references(() => organisations.id),
      route: text('route').notNull(),
      theme: text('theme').notNull(),
      question: text('question').notNull(),
      /** CBS wijk of the resident's postcode, kept for anonymised figures. */
      areaCode: text('area_code'),
      state: text('state').notNull(),
      declineReason: text('decline_reason'),
      closeReason: text('close_reason'),
      sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
      sentByUserId: uuid('sent_by_user_id').references(() => users.id),
      answerDueDate: date('answer_due_date').notNull(),
      firstContactDueDate: date('first_contact_due_date').notNull(),
      /** When the receiving organisation's team lead was mailed that the answer is overdue (once per referral). */
      overdueMailedAt: timestamp('overdue_mailed_at', { withTimezone: true }),
      acceptedAt: timestamp('accepted_at', { withTimezone: true }),
      declinedAt: timestamp('declined_at', { withTimezone: true }),
      firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
      helpInPlaceAt: timestamp('help_in_place_at', { withTimezone: true }),
      closedAt: timestamp('closed_at', { withTimezone: true }),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    },
    (t) => [
      index('referrals_to_idx').on(t.toOrganisationId, t.state),
      index('referrals_from_idx').on(t.fromOrganisationId, t.state),
      index('referrals_person_idx').on(t.personId),
      index('referrals_month_idx').on(t.municipalityCode, t.sentAt),
    ],
  ),
);

/** What happened to a referral, by whom and when: the resident's timeline is made of these. */
export const referralEvents = personal(
  pgTable(
    'referral_events',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      referralId: uuid('referral_id').references(() => referrals.id),
      personId: uuid('person_id')
        .notNull()
        .references(() => persons.id),
      municipalityCode: text('municipality_code').notNull(),
      kind: text('kind').notNull(),
      organisationId: uuid('organisation_id').references(() => organisations.id),
      userId: uuid('user_id').references(() => users.id),
      note: text('note'),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
      seq: integer('seq').generatedAlwaysAsIdentity(),
    },
    (t) => [index('referral_events_person_idx').on(t.personId, t.occurredAt), index('referral_events_referral_idx').on(t.referralId)],
  ),
);

/** Service levels per theme and municipality (configuration, not personal): working days to answer and to first contact. */
export const referralServiceLevels = pgTable(
  'referral_service_levels',
  {
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    theme: text('theme').notNull(),
    answerWorkingDays: integer('answer_working_days').notNull(),
    firstContactWorkingDays: integer('first_contact_working_days').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.municipalityCode, t.theme] })],
);

/** The other members of the resident's household a referral is also about (partner, children). */
export const referralHouseholdMembers = personal(
  pgTable(
    'referral_household_members',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      referralId: uuid('referral_id')
        .notNull()
        .references(() => referrals.id),
      personId: uuid('person_id')
        .notNull()
        .references(() => persons.id),
      municipalityCode: text('municipality_code').notNull(),
      /** partner, child, other */
      relation: text('relation').notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    },
    (t) => [index('referral_household_members_referral_idx').on(t.referralId), index('referral_household_members_person_idx').on(t.personId)],
  ),
);
