import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { personal } from '../../db/personal.ts';
import { municipalities, organisations, persons, users } from '../../platform/schema.ts';

/**
 * The tables of the signals module (Vroeg Eropaf). `signal_imports` and `signal_archive` hold no personal data;
 * signals, cases and contact attempts do and are reachable only through audited units of work.
 */

/** One file or API batch from a creditor: only counts and the reasons rows were rejected (never their content). */
export const signalImports = pgTable(
  'signal_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    creditorOrganisationId: uuid('creditor_organisation_id')
      .notNull()
      .references(() => organisations.id),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    channel: text('channel').$type<'upload' | 'cli' | 'api'>().notNull(),
    fileName: text('file_name'),
    rows: integer('rows').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    casesCreated: integer('cases_created').notNull().default(0),
    /** The first rejections (line, field, reason); `rejected` counts them all. */
    rejections: jsonb('rejections').$type<{ line: number; field: string; reason: string }[]>().notNull().default([]),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('signal_imports_creditor_idx').on(t.creditorOrganisationId, t.createdAt)],
);

/** A household's case: one or more signals handled together, with the offer letter, contact and outcome. */
export const signalCases = personal(
  pgTable(
    'signal_cases',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      municipalityCode: text('municipality_code')
        .notNull()
        .references(() => municipalities.code),
      /** Postcode, house number and addition: the household's address key. */
      householdKey: text('household_key').notNull(),
      areaCode: text('area_code'),
      personId: uuid('person_id').references(() => persons.id),
      status: text('status').notNull(),
      totalCents: integer('total_cents').notNull().default(0),
      signalCount: integer('signal_count').notNull().default(0),
      firstSignalDate: date('first_signal_date').notNull(),
      lastSignalDate: date('last_signal_date').notNull(),
      createdByImportId: uuid('created_by_import_id'),
      assignedUserId: uuid('assigned_user_id').references(() => users.id),
      dueDate: date('due_date'),
      /**
       * The urgent route: a crisis signal, or a rent/energy/water signal that says eviction or cut-off is near. First
       * contact is then due within 3 working days (Wgs art. 4), and urgent cases come first in the queue.
       */
      urgent: boolean('urgent').notNull().default(false),
      letterSentOn: date('letter_sent_on'),
      takenUpOn: date('taken_up_on'),
      reached: boolean('reached'),
      helpResponse: text('help_response'),
      result: text('result'),
      referralOrganisationId: uuid('referral_organisation_id').references(() => organisations.id),
      referralNote: text('referral_note'),
      /** The handover in the chain (`referrals`) made when the resident accepted help and agreed to it. */
      chainReferralId: uuid('chain_referral_id'),
      closedOn: date('closed_on'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    },
    (t) => [
      index('signal_cases_household_idx').on(t.municipalityCode, t.householdKey, t.lastSignalDate),
      index('signal_cases_queue_idx').on(t.municipalityCode, t.status, t.dueDate),
      // The queue: its default order (urgent first, then due date), the search by postcode (+ number) as a
      // prefix of the address key, and the name search through the case's resident.
      index('signal_cases_urgent_idx').on(t.municipalityCode, t.urgent.desc(), t.dueDate.asc().nullsLast(), t.createdAt, t.id),
      index('signal_cases_household_search_idx').on(t.municipalityCode, t.householdKey.op('text_pattern_ops')),
      index('signal_cases_person_idx').on(t.personId),
    ],
  ),
);

/**
 * One signal of arrears as the creditor sent it. (creditor, reference) is the idempotency key.
 * `import_id` and `case_id` have no foreign keys: only the import writes them, in the same transaction that creates
 * the import and the cases, and a million-row file would otherwise pay two trigger calls per row (7.6 s on
 * PostgreSQL). Purge deletes a case's signals before the case; `signals.test` checks that no signal lacks its case.
 */
export const signals = personal(
  pgTable(
    'signals',
    {
      id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
      /** The import that brought it (no foreign key: see below). */
      importId: uuid('import_id').notNull(),
      creditorOrganisationId: uuid('creditor_organisation_id').notNull(),
      municipalityCode: text('municipality_code').notNull(),
      reference: text('reference').notNull(),
      signalDate: date('signal_date').notNull(),
      creditorType: text('creditor_type').notNull(),
      amountCents: integer('amount_cents').notNull(),
      months: integer('months'),
      bsn: text('bsn'),
      initials: text('initials'),
      prefix: text('prefix'),
      surname: text('surname').notNull(),
      birthDate: date('birth_date'),
      street: text('street'),
      /** The number alone; letters and other additions (`8a`, `12 bis`) are in `house_number_suffix`. */
      houseNumber: integer('house_number').notNull(),
      houseNumberSuffix: text('house_number_suffix'),
      postcode: text('postcode').notNull(),
      city: text('city'),
      phone: text('phone'),
      email: text('email'),
      /** DDAS ontstaansdatum: when the arrears arose. */
      arisenOn: date('arisen_on'),
      /** DDAS crisissignaal. */
      crisis: boolean('crisis').notNull().default(false),
      /** DDAS warmeOverdracht: the creditor spoke to the resident and asks the municipality to take over. */
      warmHandover: boolean('warm_handover').notNull().default(false),
      householdKey: text('household_key').notNull(),
      status: text('status').notNull().default('not_yet_taken_up'),
      caseId: uuid('case_id'),
    },
    (t) => [
      uniqueIndex('signals_creditor_reference_key').on(t.creditorOrganisationId, t.reference),
      index('signals_case_idx').on(t.caseId),
      index('signals_bsn_idx').on(t.municipalityCode, t.bsn).where(sql`${t.bsn} is not null`),
      // The queue's search by a creditor's reference, across creditors.
      index('signals_reference_idx').on(t.reference),
    ],
  ),
);

/**
 * Configuration, no personal data: per creditor, the name of the column in its files for each field of the file
 * format (for a creditor whose export uses its own names). Set by a signal officer; used for every file and batch
 * of that creditor.
 */
export const signalColumnMappings = pgTable('signal_column_mappings', {
  creditorOrganisationId: uuid('creditor_organisation_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  columns: jsonb('columns').$type<Record<string, string>>().notNull(),
  updatedByUserId: uuid('updated_by_user_id').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** A contact attempt (DDAS contactpoging): kind, reached or not, date and part of day. */
export const signalContactAttempts = personal(
  pgTable(
    'signal_contact_attempts',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      caseId: uuid('case_id')
        .notNull()
        .references(() => signalCases.id, { onDelete: 'cascade' }),
      kind: text('kind').notNull(),
      reached: boolean('reached').notNull(),
      date: date('date').notNull(),
      partOfDay: text('part_of_day').notNull(),
      note: text('note'),
      userId: uuid('user_id').references(() => users.id),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    },
    (t) => [index('signal_contact_attempts_case_idx').on(t.caseId)],
  ),
);

/**
 * What survives a purge: per purged case and creditor type and month, anonymous counts. `caseToken` is a fresh
 * random id (not the case id) so the monitor can count households once, and nobody can trace it back.
 */
export const signalArchive = pgTable(
  'signal_archive',
  {
    caseToken: uuid('case_token').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    areaCode: text('area_code'),
    month: text('month').notNull(),
    creditorType: text('creditor_type').notNull(),
    signals: integer('signals').notNull(),
    letterSent: boolean('letter_sent').notNull(),
    reached: boolean('reached').notNull(),
    accepted: boolean('accepted').notNull(),
    result: text('result'),
    purgedOn: date('purged_on').notNull(),
  },
  (t) => [index('signal_archive_month_idx').on(t.municipalityCode, t.month)],
);
