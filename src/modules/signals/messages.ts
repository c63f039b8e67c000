import { ConflictError, ValidationError, type AppError } from '../../platform/errors.ts';
import { contactKindLabels, finalResultLabels, type ContactKind, type FinalResult } from './ddas.ts';

/**
 * What the signals module's acts refuse, by code: per code its HTTP status and the plain Dutch sentences (the
 * message, and for a field its reason). The commands throw `signalProblem(code)`; nothing compares these texts.
 */
export interface ProblemVars {
  result?: FinalResult;
  kind?: ContactKind;
}

interface Entry {
  status: 400 | 409;
  message: (v: ProblemVars) => string;
  /** The field the problem is about, with the sentence shown next to it. */
  field?: { name: string; reason: string };
}

const result = (v: ProblemVars) => (v.result ? finalResultLabels[v.result] : 'dit resultaat');

export const signalMessages = {
  worker_not_eligible: {
    status: 400,
    message: () => 'Deze medewerker kan de zaak niet oppakken.',
    field: { name: 'assignedUserId', reason: 'Kies een medewerker vroegsignalering van uw team.' },
  },
  contact_in_future: {
    status: 400,
    message: () => 'Een contactpoging kan niet in de toekomst liggen.',
    field: { name: 'date', reason: 'De datum ligt in de toekomst.' },
  },
  kind_never_reaches: {
    status: 400,
    message: (v) => `Bij "${v.kind ? contactKindLabels[v.kind] : 'deze soort contact'}" is er geen contact met de inwoner.`,
    field: { name: 'reached', reason: 'Kies "niet bereikt", of een andere soort contact.' },
  },
  case_closed: { status: 409, message: () => 'Deze zaak is afgesloten.' },
  case_already_closed: { status: 409, message: () => 'Deze zaak is al afgesloten.' },
  referral_target_required: {
    status: 400,
    message: () => 'Kies naar welke organisatie u heeft doorverwezen.',
    field: { name: 'referralOrganisationId', reason: 'Verplicht bij een doorverwijzing.' },
  },
  chain_needs_referral: {
    status: 400,
    message: () => 'Doorgeven in de keten kan alleen bij een doorverwijzing.',
    field: { name: 'chainConsent', reason: 'Kies een resultaat met doorverwijzing.' },
  },
  chain_theme_required: {
    status: 400,
    message: () => 'Kies het onderwerp van de hulpvraag voor de overdracht.',
    field: { name: 'theme', reason: 'Verplicht bij een niet-financiële doorverwijzing in de keten.' },
  },
  help_accepted_mismatch: {
    status: 400,
    message: () => 'Hulp aangenomen past niet bij dit resultaat.',
    field: { name: 'helpResponse', reason: 'Kies advies/snelle oplossing of een doorverwijzing.' },
  },
  contact_was_made: {
    status: 400,
    message: (v) => `Er is al contact geweest met de inwoner, dus "${result(v)}" klopt niet. Kies een ander resultaat.`,
    field: { name: 'result', reason: 'Het resultaat past niet bij de contactpogingen.' },
  },
  no_earlier_contact: {
    status: 400,
    message: (v) => `"${result(v)}" kan alleen als er eerder contact was, en er is nog geen contactpoging waarbij de inwoner is bereikt.`,
    field: { name: 'result', reason: 'Het resultaat past niet bij de contactpogingen.' },
  },
  no_resident_for_handover: {
    status: 400,
    message: () => 'Bij deze zaak hoort geen inwoner meer.',
    field: { name: 'chainConsent', reason: 'Geen inwoner om door te geven.' },
  },
} as const satisfies Record<string, Entry>;

export type SignalProblemCode = keyof typeof signalMessages;

/** The error to throw for a code: a 400 with the field's sentence, or a 409; `details.reason` carries the code. */
export function signalProblem(code: SignalProblemCode, vars: ProblemVars = {}): AppError {
  const entry: Entry = signalMessages[code];
  const message = entry.message(vars);
  if (entry.status === 409) return new ConflictError(message, { reason: code });
  const error = new ValidationError(message, entry.field ? [{ field: entry.field.name, reason: entry.field.reason }] : []);
  error.details.reason = code;
  return error;
}
