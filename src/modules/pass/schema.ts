// The tables of the pass module (Dordtpas, kindtegoed).
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { personal } from '../../db/personal.ts';
import { municipalities, organisations, persons, users } from '../../platform/schema.ts';
import type { OfferAudience, OfferKind, OfferStatus } from './offerContract.ts';

/**
 * The social minimum per household type from a date on (configuration, not personal data). Staff with
 * pass:administer keep it up to date each 1 January and 1 July; the check uses the row valid on the reference date.
 */
export const passNorms = pgTable(
  'pass_norms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    householdType: text('household_type').notNull(),
    validFrom: date('valid_from').notNull(),
    monthlyNormCents: integer('monthly_norm_cents').notNull(),
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pass_norms_key').on(t.municipalityCode, t.householdType, t.validFrom)],
);

/** The pass rules from a date on: the income limit (140%), child budgets per age group, prices. */
export const passRules = pgTable(
  'pass_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    validFrom: date('valid_from').notNull(),
    incomeLimitPercent: integer('income_limit_percent').notNull(),
    primaryBudgetCents: integer('primary_budget_cents').notNull(),
    secondaryBudgetCents: integer('secondary_budget_cents').notNull(),
    primaryFromAge: integer('primary_from_age').notNull(),
    secondaryFromAge: integer('secondary_from_age').notNull(),
    budgetUntilAge: integer('budget_until_age').notNull(),
    purchasePriceCents: integer('purchase_price_cents').notNull(),
    volunteerPriceCents: integer('volunteer_price_cents').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pass_rules_key').on(t.municipalityCode, t.validFrom)],
);

/** Spending categories; only those with childBudgetAllowed may be paid from a child budget. */
export const passCategories = pgTable('pass_categories', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  childBudgetAllowed: boolean('child_budget_allowed').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** The size of the target group (residents up to 140%) per year, from the social service's figures. */
export const passTargetGroups = pgTable(
  'pass_target_groups',
  {
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    year: integer('year').notNull(),
    adults: integer('adults').notNull(),
    children: integer('children').notNull(),
    source: text('source').notNull(),
  },
  (t) => [primaryKey({ columns: [t.municipalityCode, t.year] })],
);

/** An application for a pass: who, household, income, route, the outcome of the check and the decision. */
export const passApplications = personal(
  pgTable(
    'pass_applications',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      reference: text('reference').notNull(),
      municipalityCode: text('municipality_code')
        .notNull()
        .references(() => municipalities.code),
      route: text('route').notNull(),
      status: text('status').notNull(),
      applicantPersonId: uuid('applicant_person_id')
        .notNull()
        .references(() => persons.id),
      household: jsonb('household')
        .$type<{
          partnerPersonId: string | null;
          children: { personId: string; birthDate: string; initials: string }[];
          /** Adults at the address other than the partner, with the income they gave (absent on older rows). */
          adultCoResidents?: { personId: string; monthlyNetIncomeCents: number }[];
        }>()
        .notNull(),
      householdType: text('household_type').notNull(),
      monthlyIncomeCents: integer('monthly_income_cents'),
      year: integer('year').notNull(),
      check: jsonb('check').$type<Record<string, unknown>>().notNull(),
      checkReason: text('check_reason').notNull(),
      decisionReason: text('decision_reason'),
      volunteerOrganisationId: uuid('volunteer_organisation_id').references(() => organisations.id),
      accessCodeHash: text('access_code_hash'),
      areaCode: text('area_code'),
      enteredByUserId: uuid('entered_by_user_id').references(() => users.id),
      decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
      decidedAt: timestamp('decided_at', { withTimezone: true }),
    },
    // The person indexes serve the foreign keys to persons: deleting a person (the signals purge) checks them.
    (t) => [
      uniqueIndex('pass_applications_reference_key').on(t.reference),
      index('pass_applications_status_idx').on(t.municipalityCode, t.status),
      index('pass_applications_applicant_idx').on(t.applicantPersonId),
    ],
  ),
);

/** A pass for one pass year. A lost pass is replaced by a new number; budgets move to the new pass. */
export const passes = personal(
  pgTable(
    'passes',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      number: text('number').notNull(),
      municipalityCode: text('municipality_code')
        .notNull()
        .references(() => municipalities.code),
      applicationId: uuid('application_id')
        .notNull()
        .references(() => passApplications.id),
      holderPersonId: uuid('holder_person_id')
        .notNull()
        .references(() => persons.id),
      route: text('route').notNull(),
      year: integer('year').notNull(),
      validFrom: date('valid_from').notNull(),
      validTo: date('valid_to').notNull(),
      status: text('status').notNull(),
      statusReason: text('status_reason'),
      replacesPassId: uuid('replaces_pass_id'),
      replacedByPassId: uuid('replaced_by_pass_id'),
      areaCode: text('area_code'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    },
    (t) => [
      uniqueIndex('passes_number_key').on(t.number),
      index('passes_application_idx').on(t.applicationId),
      index('passes_year_idx').on(t.municipalityCode, t.year),
      index('passes_holder_idx').on(t.holderPersonId),
    ],
  ),
);

/** The household members on a pass; memberNumber is printed on the card ("kind 1"). */
export const passMembers = personal(
  pgTable(
    'pass_members',
    {
      passId: uuid('pass_id')
        .notNull()
        .references(() => passes.id),
      memberNumber: integer('member_number').notNull(),
      personId: uuid('person_id')
        .notNull()
        .references(() => persons.id),
      relation: text('relation').notNull(),
      initials: text('initials').notNull(),
      birthDate: date('birth_date'),
    },
    (t) => [primaryKey({ columns: [t.passId, t.memberNumber] }), index('pass_members_person_idx').on(t.personId)],
  ),
);

/** A child's budget for one year. The balance can never go below zero (checked by the database, too). */
export const childBudgets = personal(
  pgTable(
    'pass_child_budgets',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      municipalityCode: text('municipality_code')
        .notNull()
        .references(() => municipalities.code),
      passId: uuid('pass_id')
        .notNull()
        .references(() => passes.id),
      memberNumber: integer('member_number').notNull(),
      childPersonId: uuid('child_person_id')
        .notNull()
        .references(() => persons.id),
      year: integer('year').notNull(),
      ageGroup: text('age_group').notNull(),
      grantedCents: integer('granted_cents').notNull(),
      balanceCents: integer('balance_cents').notNull(),
      areaCode: text('area_code'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    },
    (t) => [
      uniqueIndex('pass_child_budgets_child_year_key').on(t.childPersonId, t.year),
      index('pass_child_budgets_pass_idx').on(t.passId, t.memberNumber),
      check('pass_child_budgets_balance_not_negative', sql`${t.balanceCents} >= 0`),
    ],
  ),
);

/** Providers (shops, sports clubs, music schools): an organisation of kind provider that joined the pass. */
export const passProviders = pgTable(
  'pass_providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    active: boolean('active').notNull().default(true),
    /** Where the payouts go (electronic format, checked mod 97); null until the pass office sets it. */
    iban: text('iban'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pass_providers_organisation_key').on(t.organisationId)],
);

/**
 * An offer or a discount of a provider. A provider registers it (`submitted`); the pass office approves it or
 * rejects it with a reason; an approved offer can be withdrawn, and ends by itself after `validUntil`. Only
 * approved, current offers are public (/dordtpas/aanbod). Offers from before the review were approved.
 */
export const passOffers = pgTable(
  'pass_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => passProviders.id),
    title: text('title').notNull(),
    category: text('category')
      .notNull()
      .references(() => passCategories.code),
    /** `offer` (something with a price) or `discount` (a discount text, e.g. "25% korting"). */
    kind: text('kind').$type<OfferKind>().notNull().default('offer'),
    priceCents: integer('price_cents'),
    discountText: text('discount_text'),
    description: text('description'),
    /** For whom: `children` (within minAge–maxAge), `adults`, or `everyone`. */
    audience: text('audience').$type<OfferAudience>().notNull().default('everyone'),
    minAge: integer('min_age'),
    maxAge: integer('max_age'),
    /** The wijken (area codes) it is for; empty is the whole city. */
    areaCodes: jsonb('area_codes').$type<string[]>().notNull().default([]),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    status: text('status').$type<OfferStatus>().notNull().default('approved'),
    rejectionReason: text('rejection_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByUserId: uuid('decided_by_user_id').references(() => users.id),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('pass_offers_provider_idx').on(t.providerId), index('pass_offers_status_idx').on(t.status)],
);

/**
 * Every movement on a child budget: a charge at a provider, a refund, a campaign credit. A charge carries the
 * provider's idempotency key, unique per provider, so a retried request cannot charge twice.
 */
export const passTransactions = personal(
  pgTable(
    'pass_transactions',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      receiptNumber: text('receipt_number').notNull(),
      municipalityCode: text('municipality_code').notNull(),
      kind: text('kind').notNull(),
      budgetId: uuid('budget_id')
        .notNull()
        .references(() => childBudgets.id),
      passId: uuid('pass_id')
        .notNull()
        .references(() => passes.id),
      providerId: uuid('provider_id').references(() => passProviders.id),
      offerId: uuid('offer_id').references(() => passOffers.id),
      category: text('category'),
      /** What the budget paid (a charge) or got back (a refund). */
      amountCents: integer('amount_cents').notNull(),
      /**
       * A charge: the price the till asked. Higher than `amount_cents` in a split payment (the budget paid what it had,
       * the rest was paid another way). Null on refunds, campaign credits and charges from before the column.
       */
      priceCents: integer('price_cents'),
      balanceAfterCents: integer('balance_after_cents'),
      idempotencyKey: text('idempotency_key'),
      refundOfId: uuid('refund_of_id'),
      description: text('description'),
      areaCode: text('area_code'),
      actorUserId: uuid('actor_user_id'),
      actorApiKeyId: uuid('actor_api_key_id'),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
      /** The payout run that paid this charge or refund out to the provider: at most one, so nothing is paid twice. */
      payoutId: uuid('payout_id').references(() => passPayouts.id),
      /** A charge (or refund): what it took from (gave back to) campaign credits with an end date, per credit. */
      creditUses: jsonb('credit_uses').$type<{ campaignId: string; childPersonId: string; cents: number }[]>(),
    },
    (t) => [
      uniqueIndex('pass_transactions_receipt_key').on(t.receiptNumber),
      uniqueIndex('pass_transactions_idempotency_key').on(t.providerId, t.idempotencyKey),
      index('pass_transactions_provider_idx').on(t.providerId, t.occurredAt),
      index('pass_transactions_budget_idx').on(t.budgetId),
      index('pass_transactions_refund_idx').on(t.refundOfId),
      index('pass_transactions_unpaid_idx').on(t.providerId, t.occurredAt).where(sql`${t.payoutId} is null`),
      check('pass_transactions_amount_positive', sql`${t.amountCents} > 0`),
    ],
  ),
);

/**
 * A one-off credit (the EUR 25 child gift), to every child or to a target group (an age range, a wijk), possibly
 * spendable until an end date. Running it again credits nobody twice.
 */
export const passCampaigns = pgTable(
  'pass_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    amountCents: integer('amount_cents').notNull(),
    /** The target group: children of this age range on the run date (both null: every child with a budget). */
    targetMinAge: integer('target_min_age'),
    targetMaxAge: integer('target_max_age'),
    /** Only children in this wijk (null: the whole city). */
    targetAreaCode: text('target_area_code'),
    /** After this day the unused part of the credit can no longer be spent (null: as long as the budget). */
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('pass_campaigns_code_key').on(t.municipalityCode, t.code)],
);

export const passCampaignCredits = personal(
  pgTable(
    'pass_campaign_credits',
    {
      campaignId: uuid('campaign_id')
        .notNull()
        .references(() => passCampaigns.id),
      childPersonId: uuid('child_person_id')
        .notNull()
        .references(() => persons.id),
      budgetId: uuid('budget_id')
        .notNull()
        .references(() => childBudgets.id),
      amountCents: integer('amount_cents').notNull(),
      /** How much of this credit charges used (a charge uses the credit that ends first); the rest expires after the end date. */
      usedCents: integer('used_cents').notNull().default(0),
      creditedAt: timestamp('credited_at', { withTimezone: true }).notNull(),
    },
    (t) => [primaryKey({ columns: [t.campaignId, t.childPersonId] }), index('pass_campaign_credits_child_idx').on(t.childPersonId)],
  ),
);

/**
 * A payout run: per period, the charges minus refunds of each provider not yet paid out, as one SEPA credit-transfer
 * file (pain.001.001.03) for the municipality's bank. Organisations and amounts only, no personal data. `prepared`
 * until finance confirms the bank took it (`paid`).
 */
export const passPayouts = pgTable(
  'pass_payouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    executionDate: date('execution_date', { mode: 'string' }).notNull(),
    /** The message id in the file (GrpHdr/MsgId), unique. */
    messageId: text('message_id').notNull(),
    debtorName: text('debtor_name').notNull(),
    debtorIban: text('debtor_iban').notNull(),
    status: text('status').notNull().default('prepared'),
    totalCents: integer('total_cents').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('pass_payouts_message_key').on(t.messageId)],
);

/** One provider's part of a payout run: what it is paid, to which IBAN, under which end-to-end id. */
export const passPayoutLines = pgTable(
  'pass_payout_lines',
  {
    payoutId: uuid('payout_id')
      .notNull()
      .references(() => passPayouts.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => passProviders.id),
    providerName: text('provider_name').notNull(),
    iban: text('iban').notNull(),
    charges: integer('charges').notNull(),
    refunds: integer('refunds').notNull(),
    amountCents: integer('amount_cents').notNull(),
    endToEndId: text('end_to_end_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.payoutId, t.providerId] }), check('pass_payout_lines_amount_positive', sql`${t.amountCents} > 0`)],
);
