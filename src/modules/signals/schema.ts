import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { personal } from '../../db/personal.ts';
import { municipalities, organisations, persons, users } from '../../platform/schema.ts';
import type { CaseStatus, ContactKind, CreditorType, FinalResult, HelpResponse, PartOfDay, SignalStatus } from './ddas.ts';

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
    /** Rows whose address lies outside every municipality this import may route to (DDAS "geen inwoner"). */
    notResident: integer('not_resident').notNull().default(0),
    /**
     * Where the rows went: per municipality the stored signals and new cases, and the non-residents under
     * `notResident`. A file routed by postcode holds several municipalities; `municipality_code` is then the
     * receiving (lead) municipality, which also counts the non-residents.
     */
    municipalities: jsonb('municipalities').$type<Record<string, { accepted: number; casesCreated: number }>>().notNull().default({}),
    /** The first rejections (line, field, reason); `rejected` counts them all. */
    rejections: jsonb('rejections').$type<{ line: number; field: string; reason: string }[]>().notNull().default([]),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('signal_imports_creditor_idx').on(t.creditorOrganisationId, t.createdAt)],
);

/** One line of a case's history: handed over in the chain, back in the team's queue and why, or the offer sent by e-mail. */
export interface CaseHistoryEntry {
  /** ISO instant. */
  at: string;
  kind: 'handed_over' | 'reopened' | 'offer_mailed';
  /** What the team reads, in Dutch (e.g. "Doorverwijzing geweigerd door Sociale Dienst Drechtsteden: ..."). */
  text: string;
  referralId: string | null;
  /** The outcome the case had before it was reopened (kept here; the case itself has none until a new one). */
  previousResult?: string | null;
}

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
      status: text('status').$type<CaseStatus>().notNull(),
      totalCents: integer('total_cents').notNull().default(0),
      signalCount: integer('signal_count').notNull().default(0),
      firstSignalDate: date('first_signal_date').notNull(),
      lastSignalDate: date('last_signal_date').notNull(),
      createdByImportId: uuid('created_by_import_id'),
      assignedUserId: uuid('assigned_user_id').references(() => users.id),
      dueDate: date('due_date'),
      /**
       * The urgent route: a crisis signal, or a signal that says eviction, cut-off or the end of the health insurance is near. First
       * contact is then due within 3 working days (Wgs art. 4), and urgent cases come first in the queue.
       */
      urgent: boolean('urgent').notNull().default(false),
      letterSentOn: date('letter_sent_on'),
      /** The version of the municipality's letter template the offer letter used (0: the built-in standard text). */
      letterTemplateVersion: integer('letter_template_version'),
      /** The print batch that produced the offer letter. */
      letterBatchId: uuid('letter_batch_id'),
      takenUpOn: date('taken_up_on'),
      reached: boolean('reached'),
      helpResponse: text('help_response').$type<HelpResponse>(),
      result: text('result').$type<FinalResult>(),
      referralOrganisationId: uuid('referral_organisation_id').references(() => organisations.id),
      referralNote: text('referral_note'),
      /** The handover in the chain (`referrals`) made when the resident accepted help and agreed to it. */
      chainReferralId: uuid('chain_referral_id'),
      /** Handovers, reopenings and offers by e-mail, oldest first (shown on the case page; erased with the case). */
      history: jsonb('history').$type<CaseHistoryEntry[]>().notNull().default([]),
      closedOn: date('closed_on'),
      /**
       * A random token, never shown and never audited, under which the retention purge archives this case's erased
       * signals (some now, the rest later) and which the monitor counts the live case by: so a household whose old
       * signals were erased while newer ones remain is still one household. It goes with the case.
       */
      archiveToken: uuid('archive_token').notNull().defaultRandom(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    },
    (t) => [
      index('signal_cases_household_idx').on(t.municipalityCode, t.householdKey, t.lastSignalDate),
      index('signal_cases_queue_idx').on(t.municipalityCode, t.status, t.dueDate),
      // The foreign key persons → signal_cases: without it every person the purge deletes made PostgreSQL read the
      // whole table to check that no case still refers to it (425 s for 28,018 persons, docs/signals.md "Retention").
      // Also the queue's name search through the case's resident.
      index('signal_cases_person_idx').on(t.personId),
      index('signal_cases_chain_referral_idx').on(t.chainReferralId).where(sql`${t.chainReferralId} is not null`),
      // The queue: its default order (urgent first, then due date), the search by postcode (+ number) as a
      // prefix of the address key, and the name search through the case's resident.
      index('signal_cases_urgent_idx').on(t.municipalityCode, t.urgent.desc(), t.dueDate.asc().nullsLast(), t.createdAt, t.id),
      index('signal_cases_household_search_idx').on(t.municipalityCode, t.householdKey.op('text_pattern_ops')),
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
      creditorType: text('creditor_type').$type<CreditorType>().notNull(),
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
      /**
       * Not in DDAS: the creditor says an eviction (`eviction`), a cut-off of energy or water (`cut_off`) or the end
       * of the health insurance (`termination`) is near (column `dreiging`; the reader accepts only the threat that
       * fits the creditor type). It puts the case on the urgent route (Wgs art. 4).
       */
      threat: text('threat').$type<'eviction' | 'cut_off' | 'termination'>(),
      householdKey: text('household_key').notNull(),
      status: text('status').$type<SignalStatus>().notNull().default('not_yet_taken_up'),
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

/**
 * Configuration per municipality, no personal data: whether it accepts signals of municipal taxes, an experiment
 * under Wgs art. 10 (Tijdelijke regeling signaal betalingsachterstanden, Stcrt. 2021, 45719), not a standard signal
 * type. Off unless the admin switches it on; no row means off.
 */
export const signalMunicipalitySettings = pgTable('signal_municipality_settings', {
  municipalityCode: text('municipality_code')
    .primaryKey()
    .references(() => municipalities.code),
  municipalTaxes: boolean('municipal_taxes').notNull().default(false),
  /**
   * Whether the offer of help may go by e-mail to the address a creditor's signal carries, instead of a letter (see
   * docs/signals.md "Offer by e-mail"). Off unless the admin switches it on; no row means off.
   */
  offerByMail: boolean('offer_by_mail').notNull().default(false),
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
      kind: text('kind').$type<ContactKind>().notNull(),
      reached: boolean('reached').notNull(),
      date: date('date').notNull(),
      partOfDay: text('part_of_day').$type<PartOfDay>().notNull(),
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

/**
 * Configuration, no personal data: which municipality, wijk and buurt a postcode lies in. `postcode` is a four-digit
 * area (`3311`) or a full postcode (`3311AB`); a full postcode wins over its four digits. Seeded by migration with
 * the Drechtsteden; an admin replaces it for another region (`PUT /api/v1/admin/postcode-areas`,
 * `vangnet postcode-areas load FILE`). The import routes each row to the municipality of its postcode.
 */
export const postcodeAreas = pgTable('postcode_areas', {
  postcode: text('postcode').primaryKey(),
  municipalityCode: text('municipality_code')
    .notNull()
    .references(() => municipalities.code),
  wijkCode: text('wijk_code'),
  wijkName: text('wijk_name'),
  buurtCode: text('buurt_code'),
  buurtName: text('buurt_name'),
});

/**
 * The municipality's offer-letter text, versioned: every change is a new row (version 1, 2, ...); the highest version
 * is used for new letters. Version 0 is the built-in standard text (`defaultLetterTemplate`), never stored.
 * No personal data: text with placeholders.
 */
export const signalLetterTemplates = pgTable(
  'signal_letter_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    version: integer('version').notNull(),
    subject: text('subject').notNull(),
    heading: text('heading').notNull(),
    body: text('body').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('signal_letter_templates_version_key').on(t.municipalityCode, t.version)],
);

/**
 * A print batch of offer letters (one PDF for the print room, sorted by postcode). Planned after the officer confirmed
 * the count; `produced` once its PDF was completely delivered, in the same transaction that moves its cases to
 * `letter_sent`. Holds case ids, so it is personal; it holds no names, addresses or postcodes (the postcode range on
 * the cover sheet and the page is read from the cases), so a purge of a case leaves nothing of the resident here.
 */
export const signalLetterBatches = personal(
  pgTable(
    'signal_letter_batches',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      runId: uuid('run_id').notNull(),
      municipalityCode: text('municipality_code')
        .notNull()
        .references(() => municipalities.code),
      number: integer('number').notNull(),
      batchCount: integer('batch_count').notNull(),
      caseIds: uuid('case_ids').array().notNull(),
      letters: integer('letters').notNull(),
      letterDate: date('letter_date').notNull(),
      templateVersion: integer('template_version').notNull(),
      reprint: boolean('reprint').notNull().default(false),
      status: text('status').$type<'pending' | 'produced'>().notNull().default('pending'),
      producedLetters: integer('produced_letters'),
      producedAt: timestamp('produced_at', { withTimezone: true }),
      createdByUserId: uuid('created_by_user_id').references(() => users.id),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    },
    (t) => [uniqueIndex('signal_letter_batches_run_key').on(t.runId, t.number)],
  ),
);
