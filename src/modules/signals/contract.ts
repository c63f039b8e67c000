import { z } from 'zod';
import { fileResponse, id, isoDate, noContent, timestamp } from '../../platform/contract.ts';
import { caseStatuses, contactKinds, creditorFeedbacks, creditorTypes, finalResults, helpResponses, partsOfDay, signalStatuses } from './ddas.ts';
import { uitwisselmodelSchema } from './ddasModel.ts';

/**
 * The contract of the signals module (Vroeg Eropaf): what each route answers. `ddas.ts` (the national code lists and
 * their Dutch labels) and `ddasModel.ts` (the DDAS document) import nothing but zod, so they count as contract
 * files: the pages import the labels from there, and the types of the answers from here.
 */

export {
  caseStatusLabels,
  contactKindLabels,
  creditorFeedbackLabels,
  creditorTypeLabels,
  finalResultLabels,
  helpResponseLabels,
  partOfDayLabels,
  signalStatusLabels,
} from './ddas.ts';
export { fileResponse, noContent };

const nullableDate = isoDate.nullable();
const count = z.number().int();

/** A row of a file that was refused: its line, column and the Dutch reason. */
export const rejection = z.object({ line: count, field: z.string(), reason: z.string() });

/** What the early-signal team is told about a delivery (with the number of new cases). */
export const importSummary = z.object({
  importId: id,
  municipalityCode: z.string(),
  rows: count,
  accepted: count,
  duplicates: count,
  rejected: count,
  casesCreated: count,
  notResident: count,
  municipalities: z.record(z.string(), z.object({ accepted: count, casesCreated: count })),
  rejections: z.array(rejection),
  rejectionsTruncated: z.boolean(),
});

/** What a creditor is told about its own delivery: nothing about cases. */
export const creditorImportResult = importSummary.omit({ casesCreated: true }).extend({ municipalities: z.record(z.string(), z.object({ accepted: count })) });

/** The answer to a delivery: the team's view first (a creditor's lacks `casesCreated`, so it falls to the second). */
export const importResult = z.union([importSummary, creditorImportResult]);

/** One delivery in the list of deliveries. */
export const signalImport = z.object({
  id,
  creditorOrganisationId: id,
  creditorName: z.string(),
  municipalityCode: z.string(),
  channel: z.enum(['upload', 'cli', 'api']),
  fileName: z.string().nullable(),
  rows: count,
  accepted: count,
  duplicates: count,
  rejected: count,
  rejections: z.array(rejection),
  createdAt: timestamp,
});
export const signalImportList = z.array(signalImport);

export const columnMappingView = z.object({
  creditorOrganisationId: id,
  creditorCode: z.string(),
  creditorName: z.string(),
  columns: z.record(z.string(), z.string()),
  updatedAt: timestamp.nullable(),
});

export const creditorTypesView = z.object({ id, code: z.string(), creditorTypes: z.array(z.enum(creditorTypes)) });

export const municipalSettingsView = z.object({
  municipalityCode: z.string(),
  municipalityName: z.string(),
  municipalTaxes: z.boolean(),
  /** Whether the offer of help may go by e-mail where a creditor's signal carries an address (off by default). */
  offerByMail: z.boolean(),
  updatedAt: timestamp.nullable(),
});

/** The postcode table after loading it: how many postcodes, per municipality. */
export const postcodeAreasLoaded = z.object({ postcodes: count, municipalities: z.record(z.string(), count) });
export const postcodeAreasView = z.object({ municipalities: z.record(z.string(), count) });

export const feedbackItem = z.object({
  reference: z.string(),
  signalDate: isoDate,
  creditorType: z.enum(creditorTypes),
  amountCents: count,
  creditorName: z.string(),
  feedback: z.enum(creditorFeedbacks),
  feedbackLabel: z.string(),
});
export const feedbackPage = z.object({ total: count, items: z.array(feedbackItem) });

/** A case in the queue (a household): its resident's name and address, the amount and where it stands. */
export const caseListItem = z.object({
  id,
  municipalityCode: z.string(),
  status: z.enum(caseStatuses),
  urgent: z.boolean(),
  areaCode: z.string().nullable(),
  areaName: z.string(),
  totalCents: count,
  signalCount: count,
  firstSignalDate: isoDate,
  lastSignalDate: isoDate,
  dueDate: nullableDate,
  letterSentOn: nullableDate,
  reached: z.boolean().nullable(),
  helpResponse: z.enum(helpResponses).nullable(),
  result: z.enum(finalResults).nullable(),
  assignedUserId: id.nullable(),
  assignedName: z.string().nullable(),
  personId: id.nullable(),
  initials: z.string().nullable(),
  prefix: z.string().nullable(),
  surname: z.string().nullable(),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  houseNumberSuffix: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  creditorTypes: z.array(z.enum(creditorTypes)).nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const casePage = z.object({ total: count, limit: count, offset: count, items: z.array(caseListItem) });

export const caseHistoryEntry = z.object({
  at: z.string(),
  kind: z.enum(['handed_over', 'reopened', 'offer_mailed']),
  text: z.string(),
  referralId: id.nullable(),
  previousResult: z.string().nullable().optional(),
});

export const caseSignal = z.object({
  id,
  reference: z.string(),
  signalDate: isoDate,
  creditorType: z.enum(creditorTypes),
  creditorName: z.string(),
  amountCents: count,
  months: count.nullable(),
  arisenOn: nullableDate,
  crisis: z.boolean(),
  warmHandover: z.boolean(),
  threat: z.enum(['eviction', 'cut_off', 'termination']).nullable(),
  street: z.string().nullable(),
  houseNumber: count,
  houseNumberSuffix: z.string().nullable(),
  postcode: z.string(),
  city: z.string().nullable(),
  status: z.enum(signalStatuses),
  importId: id,
  receivedAt: timestamp,
  /** Arrived after the offer letter: new to the team. */
  isNew: z.boolean(),
});

export const contactAttempt = z.object({
  id,
  kind: z.enum(contactKinds),
  reached: z.boolean(),
  date: isoDate,
  partOfDay: z.enum(partsOfDay),
  note: z.string().nullable(),
  userName: z.string().nullable(),
  createdAt: timestamp,
});

/** One case with its resident, signals, contact attempts, outcome and history. */
export const caseDetail = caseListItem.extend({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  bsn: z.string().nullable(),
  birthDate: nullableDate,
  referralOrganisationId: id.nullable(),
  referralOrganisationName: z.string().nullable(),
  referralNote: z.string().nullable(),
  chainReferralId: id.nullable(),
  history: z.array(caseHistoryEntry),
  closedOn: nullableDate,
  takenUpOn: nullableDate,
  signals: z.array(caseSignal),
  contactAttempts: z.array(contactAttempt),
});

export const caseAssigned = z.object({ id, assignedUserId: id.nullable(), dueDate: nullableDate, status: z.enum(caseStatuses) });

export const contactAttemptRecorded = z.object({
  id,
  caseId: id,
  kind: z.enum(contactKinds),
  reached: z.boolean(),
  date: isoDate,
  partOfDay: z.enum(partsOfDay),
  note: z.string().nullable(),
  userId: id.nullable(),
  createdAt: timestamp,
});

/** A case after its outcome was recorded (no address key, no archive token: those never leave the server). */
export const caseClosed = z.object({
  id,
  municipalityCode: z.string(),
  status: z.enum(caseStatuses),
  result: z.enum(finalResults).nullable(),
  helpResponse: z.enum(helpResponses).nullable(),
  reached: z.boolean().nullable(),
  referralOrganisationId: id.nullable(),
  referralNote: z.string().nullable(),
  chainReferralId: id.nullable(),
  history: z.array(caseHistoryEntry),
  closedOn: nullableDate,
  takenUpOn: nullableDate,
  dueDate: nullableDate,
  updatedAt: timestamp,
});

/** Why a case of a letter selection gets no letter (the sentence for each is in `letterMessages.ts`). */
export const letterSkipCodes = ['letter_already_sent', 'below_threshold', 'closed_without_letter', 'not_awaiting_letter', 'case_not_found'] as const;
export type LetterSkipCode = (typeof letterSkipCodes)[number];
export const skippedCases = z.object({ count, items: z.array(z.object({ caseId: id, code: z.enum(letterSkipCodes), reason: z.string() })) });

export const letterPreview = z.object({
  municipalityCode: z.string(),
  /** Offers the selection makes, letters and e-mails together: the number to confirm. */
  count,
  /** Of those, offers by e-mail (the municipality allows it and a creditor's signal carries an address). */
  byMail: count,
  firstLetters: count,
  reprints: count,
  batchSize: count,
  batches: count,
  templateVersion: count,
  skipped: skippedCases,
});

export const letterBatch = z.object({
  id,
  number: count,
  letters: count,
  postcodeFrom: z.string().nullable(),
  postcodeTo: z.string().nullable(),
  status: z.enum(['pending', 'produced']),
  producedLetters: count.nullable(),
  producedAt: timestamp.nullable(),
});

export const letterRunView = z.object({
  runId: id,
  municipalityCode: z.string(),
  date: isoDate,
  count,
  templateVersion: count,
  reprint: z.boolean(),
  batches: z.array(letterBatch),
});
/** A planned run: `count` letters in its batches, and `mailed` offers that went into the outbox as e-mail. */
export const letterRunPlanned = letterRunView.extend({ mailed: count, skipped: skippedCases });

export const letterTemplateView = z.object({
  municipalityCode: z.string(),
  current: z.object({
    version: count,
    subject: z.string(),
    heading: z.string(),
    body: z.string(),
    createdAt: timestamp.nullable(),
    createdBy: z.string().nullable(),
  }),
  versions: z.array(z.object({ version: count, createdAt: timestamp.nullable(), createdBy: z.string().nullable() })),
  placeholders: z.record(z.string(), z.string()),
  required: z.array(z.string()).readonly(),
});

export const workerList = z.array(z.object({ id, displayName: z.string() }));

/** One row of the monitor: a municipality, a period and a creditor type (or `all`). */
export const monitorRow = z.object({
  municipalityCode: z.string(),
  period: z.string(),
  creditorType: z.string(),
  signals: count,
  households: count,
  lettersSent: count,
  reached: count,
  accepted: count,
  reachedPct: z.number().nullable(),
  acceptedPct: z.number().nullable(),
  notResident: count,
  outcomes: z.partialRecord(z.enum(finalResults), count),
  medianDays: z.object({ toLetter: z.number().nullable(), toFirstAttempt: z.number().nullable(), toContact: z.number().nullable() }),
});
export const monitorFiguresList = z.array(monitorRow);

/** The monitor as JSON, or as the CSV for the national monitor. */
export const monitorResponse = {
  description: 'De cijfers van de monitor: JSON, of CSV met format=csv.',
  content: { 'application/json': { schema: monitorFiguresList }, 'text/csv': { schema: z.string().meta({ format: 'binary' }) } },
};

/** The DDAS 1.2 exchange document, as a JSON file. */
export const ddasResponse = {
  description: 'Het DDAS-uitwisselbestand (versie 1.2) als JSON-bestand.',
  content: { 'application/json': { schema: uitwisselmodelSchema } },
};

export const letterPdf = fileResponse('De brief als PDF.', 'application/pdf');
export const letterBatchPdf = fileResponse('Eén stapel brieven als PDF (voorblad en brieven op postcode).', 'application/pdf');
export const letterPreviewPdf = fileResponse('Een voorbeeldbrief als PDF.', 'application/pdf');
