// The tables of the programme module. Programme data are about policy, never about residents: no table is personal.
import type { CommitmentState, LetterStatus } from './contract.ts';
import { boolean, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Raw bytes (PostgreSQL bytea): the PDF and DOCX exactly as they were sent. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** A programme of the municipality, e.g. "Samen tegen Armoede 2018-2022", with the letter's fixed header data. */
export const programmes = pgTable('programme_programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityCode: text('municipality_code').notNull(),
  name: text('name').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  portfolioHolder: text('portfolio_holder').notNull().default(''),
  budgetProgramme: text('budget_programme').notNull().default(''),
  pillar: text('pillar').notNull().default(''),
  coreTeam: text('core_team').notNull().default(''),
  author: text('author').notNull().default(''),
  authorEmail: text('author_email').notNull().default(''),
  responsible: text('responsible').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const programmeLines = pgTable(
  'programme_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
  },
  (t) => [uniqueIndex('programme_lines_number_key').on(t.programmeId, t.number)],
);

export const programmeInitiatives = pgTable(
  'programme_initiatives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => programmeLines.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Measure codes in `insights` whose figures show this initiative's reach (e.g. signals.received). */
    measureCodes: text('measure_codes').array().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('programme_initiatives_line_idx').on(t.lineId, t.position)],
);

/** The progress of one initiative in one reporting period (2021-H1). */
export const programmeUpdates = pgTable(
  'programme_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    initiativeId: uuid('initiative_id')
      .notNull()
      .references(() => programmeInitiatives.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    progress: text('progress').notNull(),
    /** The programme manager highlights it in this period's letter, under "Wat is de te delen informatie?". */
    highlighted: boolean('highlighted').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('programme_updates_initiative_period_key').on(t.initiativeId, t.period)],
);

/** A commitment to the council (toezegging 191015/T1), its due date and state. */
export const programmeCommitments = pgTable(
  'programme_commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    dueOn: date('due_on'),
    /** open | in_progress | fulfilled | cancelled */
    state: text('state').$type<CommitmentState>().notNull().default('open'),
    /** The reporting period whose letter answers it. */
    answeredInPeriod: text('answered_in_period'),
    answer: text('answer').notNull().default(''),
  },
  (t) => [uniqueIndex('programme_commitments_code_key').on(t.programmeId, t.code)],
);

/** Related council decisions and letters, by RIS dossier number. */
export const programmeDecisions = pgTable(
  'programme_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    risNumber: text('ris_number').notNull(),
    title: text('title').notNull(),
    decidedOn: date('decided_on').notNull(),
  },
  (t) => [uniqueIndex('programme_decisions_ris_key').on(t.programmeId, t.risNumber)],
);

/**
 * One version of a half-yearly council information letter (raadsinformatiebrief): its texts and its lifecycle
 * draft → approved (by whom, when; its figures frozen in an insights release) → sent (by whom, when, with the
 * zaaknummer, the PDF and DOCX stored as sent with their SHA-256). A correction is version n+1 with its note.
 */
export const programmeLetters = pgTable(
  'programme_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    version: integer('version').notNull().default(1),
    /** draft | approved | sent */
    status: text('status').$type<LetterStatus>().notNull().default('draft'),
    letterDate: date('letter_date').notNull(),
    /** "Vergadering van": the council meeting the letter is for, when known. */
    meetingDate: date('meeting_date'),
    caseNumber: text('case_number').notNull().default(''),
    reasonText: text('reason_text').notNull().default(''),
    informationText: text('information_text').notNull().default(''),
    nextStepsText: text('next_steps_text').notNull().default(''),
    costsText: text('costs_text').notNull().default('Niet van toepassing.'),
    /** "Wat is er veranderd": why this version corrects the one before (empty for version 1). */
    correctionNote: text('correction_note').notNull().default(''),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** The insights release whose frozen figures the letter shows (set on approval). */
    releaseId: uuid('release_id'),
    sentBy: text('sent_by'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    pdf: bytea('pdf'),
    pdfSha256: text('pdf_sha256'),
    docx: bytea('docx'),
    docxSha256: text('docx_sha256'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('programme_letters_version_key').on(t.programmeId, t.period, t.version)],
);
