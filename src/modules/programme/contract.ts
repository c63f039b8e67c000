import { z } from 'zod';
import { isoDate as isoDay, timestamp } from '../../platform/contract.ts';
import { municipalityCode } from '../../platform/municipalities.ts';
import { patchSchema } from '../../platform/validation.ts';

/**
 * The contract of the programme Samen tegen Armoede and its council letter: what the routes take and answer, and
 * the Dutch names of its codes. Imports only zod and other contract files, so the web app reads it too.
 */

export const periodPattern = /^\d{4}-H[12]$/;
export const reportingPeriod = z.string().regex(periodPattern, 'Schrijf het halfjaar als 2021-H1 (januari tot en met juni) of 2021-H2.');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Kies een datum.');

export const commitmentStates = ['open', 'in_progress', 'fulfilled', 'cancelled'] as const;
export type CommitmentState = (typeof commitmentStates)[number];

export const letterStatuses = ['draft', 'approved', 'sent'] as const;
export type LetterStatus = (typeof letterStatuses)[number];

// ---------------------------------------------------------------------------------------------------------------
// Labels

export const commitmentStateLabels: Record<CommitmentState, string> = {
  open: 'Open',
  in_progress: 'In behandeling',
  fulfilled: 'Afgedaan',
  cancelled: 'Vervallen',
};

export const letterStatusLabels: Record<LetterStatus, string> = {
  draft: 'Concept',
  approved: 'Vastgesteld',
  sent: 'Verstuurd naar de raad',
};

/** `2021-H1` → "eerste helft 2021". */
export function periodLabel(period: string): string {
  const [year, half] = period.split('-H');
  return `${half === '1' ? 'eerste' : 'tweede'} helft ${year}`;
}

/** The fixed headings of Dordrecht's raadsinformatiebrief (seed 000), in order. */
export const letterHeadings = {
  reason: 'Wat is de aanleiding om deze informatie kenbaar te maken?',
  information: 'Wat is de te delen informatie?',
  nextSteps: 'Hoe verder na deze raadsinformatiebrief?',
  costs: 'Welke kosten zijn verbonden aan het proces?',
  decisions: 'Wat zijn de belangrijkste gerelateerde besluiten?',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Requests

const name = z.string().trim().min(2, 'Schrijf een naam van minstens 2 tekens.').max(200, 'Een naam heeft hoogstens 200 tekens.');

export const programmeInput = z.object({
  name,
  municipalityCode,
  startsOn: isoDate,
  endsOn: isoDate,
  portfolioHolder: z.string().trim().max(200).default(''),
  budgetProgramme: z.string().trim().max(200).default(''),
  pillar: z.string().trim().max(200).default(''),
  coreTeam: z.string().trim().max(200).default(''),
  author: z.string().trim().max(200).default(''),
  authorEmail: z.string().trim().max(200).default(''),
  responsible: z.string().trim().max(200).default(''),
});
// Patches list their fields without defaults: a default would silently reset a field the client did not send.
export const programmePatch = patchSchema({
  name: name.optional(),
  startsOn: isoDate.optional(),
  endsOn: isoDate.optional(),
  portfolioHolder: z.string().trim().max(200).optional(),
  budgetProgramme: z.string().trim().max(200).optional(),
  pillar: z.string().trim().max(200).optional(),
  coreTeam: z.string().trim().max(200).optional(),
  author: z.string().trim().max(200).optional(),
  authorEmail: z.string().trim().max(200).optional(),
  responsible: z.string().trim().max(200).optional(),
});
export const lineInput = z.object({
  number: z
    .number('Schrijf het nummer van de programmalijn als getal, bijvoorbeeld 5.')
    .int('Het nummer is een heel getal.')
    .min(1, 'Het nummer is minstens 1.')
    .max(99, 'Het nummer is hoogstens 99.'),
  title: z.string().trim().min(2, 'Schrijf een titel van minstens 2 tekens.').max(200, 'Een titel heeft hoogstens 200 tekens.'),
});
export const linePatch = patchSchema(lineInput.partial().shape);
export const initiativeInput = z.object({
  name: z.string().trim().min(2, 'Schrijf de naam van het initiatief, minstens 2 tekens.').max(200, 'Een naam heeft hoogstens 200 tekens.'),
  description: z.string().trim().max(5000).default(''),
  position: z.number().int().min(0).max(999).optional(),
  measureCodes: z.array(z.string().max(100)).max(20).optional(),
});
export const initiativePatch = patchSchema({
  name: initiativeInput.shape.name.optional(),
  description: z.string().trim().max(5000).optional(),
  position: z.number().int().min(0).max(999).optional(),
  measureCodes: z.array(z.string().max(100)).max(20).optional(),
  lineId: z.string().uuid().optional(),
});
export const updateInput = z.object({
  progress: z.string().trim().min(1, 'Schrijf de voortgang in deze periode.').max(20000, 'De voortgang heeft hoogstens 20.000 tekens.'),
  /** Highlight the initiative in the letter of this period; left out keeps what was set. */
  highlighted: z.boolean().optional(),
});
const commitmentCode = z
  .string()
  .trim()
  .min(2, 'Schrijf het nummer van de toezegging, bijvoorbeeld 191015/T1.')
  .max(50, 'Het nummer heeft hoogstens 50 tekens.');
const commitmentTitle = z.string().trim().min(2, 'Schrijf wat er is toegezegd, minstens 2 tekens.').max(500, 'De omschrijving heeft hoogstens 500 tekens.');
export const commitmentInput = z.object({
  code: commitmentCode,
  title: commitmentTitle,
  description: z.string().trim().max(5000).default(''),
  dueOn: isoDate.nullable().default(null),
  state: z.enum(commitmentStates).default('open'),
  answeredInPeriod: reportingPeriod.nullable().default(null),
  answer: z.string().trim().max(10000).default(''),
});
export const commitmentPatch = patchSchema({
  code: commitmentCode.optional(),
  title: commitmentTitle.optional(),
  description: z.string().trim().max(5000).optional(),
  dueOn: isoDate.nullable().optional(),
  state: z.enum(commitmentStates).optional(),
  answeredInPeriod: reportingPeriod.nullable().optional(),
  answer: z.string().trim().max(10000).optional(),
});
export const decisionInput = z.object({
  risNumber: z
    .string()
    .trim()
    .regex(/^\d{5,9}$/, 'Een RIS-dossiernummer bestaat uit 5 tot 9 cijfers, bijvoorbeeld 2657422.'),
  title: z.string().trim().min(2, 'Schrijf de titel van het besluit, minstens 2 tekens.').max(500, 'De titel heeft hoogstens 500 tekens.'),
  decidedOn: isoDate,
});
export const letterInput = z.object({
  letterDate: isoDate,
  meetingDate: isoDate.nullable().default(null),
  caseNumber: z.string().trim().max(200, 'Het zaaknummer heeft hoogstens 200 tekens.').default(''),
  reasonText: z.string().trim().max(20000, 'Deze tekst heeft hoogstens 20.000 tekens.').default(''),
  informationText: z.string().trim().max(50000, 'Deze tekst heeft hoogstens 50.000 tekens.').default(''),
  nextStepsText: z.string().trim().max(20000, 'Deze tekst heeft hoogstens 20.000 tekens.').default(''),
  costsText: z.string().trim().max(20000, 'Deze tekst heeft hoogstens 20.000 tekens.').default('Niet van toepassing.'),
});

export const approveInput = z.object({
  /** For a correction: freeze the figures of now as a new release version instead of keeping the published ones. */
  newFigures: z.boolean().default(false),
});
export const sendInput = z.object({
  caseNumber: z
    .string()
    .trim()
    .min(2, 'Schrijf het zaaknummer van de brief, bijvoorbeeld InProces BBV: 2021-0024615.')
    .max(200, 'Het zaaknummer heeft hoogstens 200 tekens.'),
});
export const correctionInput = z.object({
  note: z.string().trim().min(2, 'Schrijf wat er veranderd is ten opzichte van de verstuurde brief.').max(5000, 'Deze tekst heeft hoogstens 5.000 tekens.'),
});

// ---------------------------------------------------------------------------------------------------------------
// Responses

export const programme = z.object({
  id: z.uuid(),
  municipalityCode: z.string(),
  name: z.string(),
  startsOn: isoDay,
  endsOn: isoDay,
  portfolioHolder: z.string(),
  budgetProgramme: z.string(),
  pillar: z.string(),
  coreTeam: z.string(),
  author: z.string(),
  authorEmail: z.string(),
  responsible: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const programmeList = z.array(programme);

export const line = z.object({ id: z.uuid(), programmeId: z.uuid(), number: z.number().int(), title: z.string() });

export const initiative = z.object({
  id: z.uuid(),
  lineId: z.uuid(),
  position: z.number().int(),
  name: z.string(),
  description: z.string(),
  measureCodes: z.array(z.string()),
  updatedAt: timestamp,
});

export const progressUpdate = z.object({
  id: z.uuid(),
  initiativeId: z.uuid(),
  period: z.string(),
  progress: z.string(),
  highlighted: z.boolean(),
  updatedAt: timestamp,
});

export const commitment = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  dueOn: isoDay.nullable(),
  state: z.enum(commitmentStates),
  answeredInPeriod: z.string().nullable(),
  answer: z.string(),
});

export const decision = z.object({ id: z.uuid(), programmeId: z.uuid(), risNumber: z.string(), title: z.string(), decidedOn: isoDay });

export const letter = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  period: z.string(),
  version: z.number().int(),
  status: z.enum(letterStatuses),
  letterDate: isoDay,
  meetingDate: isoDay.nullable(),
  caseNumber: z.string(),
  reasonText: z.string(),
  informationText: z.string(),
  nextStepsText: z.string(),
  costsText: z.string(),
  correctionNote: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: timestamp.nullable(),
  releaseId: z.uuid().nullable(),
  sentBy: z.string().nullable(),
  sentAt: timestamp.nullable(),
  pdfSha256: z.string().nullable(),
  docxSha256: z.string().nullable(),
  updatedAt: timestamp,
});

/** A live figure from insights for an initiative; the value is null when it is hidden (small count) or missing. */
export const measureFigure = z.object({ code: z.string(), name: z.string(), unit: z.string(), value: z.number().nullable(), display: z.string() });

export const initiativeView = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  position: z.number().int(),
  measureCodes: z.array(z.string()),
  progress: z.string().nullable(),
  highlighted: z.boolean(),
  figures: z.array(measureFigure),
});

export const overview = z.object({
  programme,
  period: z.string(),
  periods: z.array(z.string()),
  lines: z.array(z.object({ id: z.uuid(), number: z.number().int(), title: z.string(), initiatives: z.array(initiativeView) })),
  commitments: z.array(commitment),
  decisions: z.array(decision),
  letter: letter.nullable(),
  /** Every version of this period's letter, oldest first (the last is `letter`). */
  letterVersions: z.array(letter),
});

export type ProgrammeOverview = z.infer<typeof overview>;
export type InitiativeView = z.infer<typeof initiativeView>;
