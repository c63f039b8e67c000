import { formatDate } from '../../platform/dutch.ts';
import { AppError, ConflictError, ValidationError, type FieldProblem } from '../../platform/errors.ts';
import type { LetterSkipCode } from './contract.ts';
import type { TemplateField, TemplateProblem } from './letterTemplate.ts';

/**
 * The letter side of the signals module (offer letters, print batches, the letter text) by code: per code its HTTP
 * status and its plain Dutch sentences. The commands throw `letterProblem(code)`, say why a case is skipped with a
 * `LetterSkipCode` and why a letter text is refused with `TemplateProblem`s; only this file words them. Nothing
 * compares these texts. (The case work's codes are in `messages.ts`.)
 */
export interface LetterVars {
  /** How many letters the selection makes now, and how many the officer confirmed. */
  count?: number;
  confirmed?: number;
  /** How many cases were skipped. */
  skipped?: number;
  /** How many letters a produced batch had. */
  produced?: number | null;
}

interface Entry {
  status: 400 | 409 | 499;
  message: (v: LetterVars) => string;
  /** The field the problem is about, with the sentence shown next to it. */
  field?: { name: string; reason: string };
}

export const letterMessages = {
  municipality_required: {
    status: 400,
    message: () => 'Kies een gemeente.',
    field: { name: 'municipalityCode', reason: 'Geen gemeente gekozen.' },
  },
  municipality_ambiguous: {
    status: 400,
    message: () => 'Kies een gemeente.',
    field: { name: 'municipalityCode', reason: 'U werkt voor meerdere gemeenten.' },
  },
  no_letters_in_selection: { status: 409, message: () => 'Er zijn geen brieven te maken voor deze selectie.' },
  no_letters_waiting: { status: 409, message: () => 'Er staan geen brieven klaar om te versturen.' },
  letter_count_changed: {
    status: 409,
    message: (v) => `Het aantal brieven is veranderd: het zijn er nu ${v.count ?? 0}, niet ${v.confirmed ?? 0}. Bekijk het aantal opnieuw en bevestig dan.`,
  },
  batch_already_produced: {
    status: 409,
    message: (v) =>
      `Deze stapel is al gemaakt (${v.produced ?? 0} brieven). Wilt u hem nog eens, kies dan “opnieuw afdrukken”: dat is een herdruk en verandert niets aan de zaken.`,
  },
  batch_nothing_to_make: { status: 409, message: () => 'Geen enkele zaak van deze stapel wacht nog op een brief: er is niets te maken.' },
  no_letter_sent_yet: { status: 409, message: () => 'Voor deze zaak is nog geen brief verstuurd.' },
  delivery_aborted: {
    status: 499,
    message: () => 'De verbinding is verbroken voordat de stapel helemaal was ontvangen. Er is niets als verstuurd vastgelegd; maak de stapel opnieuw.',
  },
} as const satisfies Record<string, Entry>;

export type LetterProblemCode = keyof typeof letterMessages;

/** The details a refusal carries for a program (the page re-reads the count), besides its code in `reason`. */
function detailsOf(code: LetterProblemCode, vars: LetterVars): Record<string, unknown> {
  if (code === 'letter_count_changed') return { count: vars.count };
  if (code === 'no_letters_in_selection') return { skipped: vars.skipped };
  return {};
}

/** The error to throw for a code: a 400 with the field's sentence, a 409, or 499 (the client went away). */
export function letterProblem(code: LetterProblemCode, vars: LetterVars = {}): AppError {
  const entry: Entry = letterMessages[code];
  const message = entry.message(vars);
  if (entry.status === 409) return new ConflictError(message, { ...detailsOf(code, vars), reason: code });
  if (entry.status === 499) return new AppError(code, 499, message, { reason: code });
  const error = new ValidationError(message, entry.field ? [{ field: entry.field.name, reason: entry.field.reason }] : []);
  error.details.reason = code;
  return error;
}

/** Why a case of a selection gets no letter, in a sentence for the list under the preview. */
export function skipReason(code: LetterSkipCode, vars: { letterSentOn?: string | null } = {}): string {
  switch (code) {
    case 'letter_already_sent':
      return `Deze zaak kreeg al een brief op ${vars.letterSentOn ? formatDate(vars.letterSentOn) : 'een eerdere datum'}. Kies “herdruk” om die brief opnieuw te maken.`;
    case 'below_threshold':
      return 'Het bedrag van deze zaak is lager dan de drempel: zij krijgt (nog) geen brief.';
    case 'closed_without_letter':
      return 'Deze zaak is afgesloten zonder brief.';
    case 'not_awaiting_letter':
      return 'Deze zaak wacht niet op een brief.';
    case 'case_not_found':
      return 'Deze zaak is niet gevonden bij deze gemeente.';
  }
}

/** The template's fields as the page and the sentences name them (the field of a problem is its Dutch name). */
const templateFields: Record<TemplateField, { name: string; the: string }> = {
  subject: { name: 'onderwerp', the: 'het onderwerp' },
  heading: { name: 'kop', the: 'de kop' },
  body: { name: 'brieftekst', the: 'de brieftekst' },
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function templateReason(p: TemplateProblem): string {
  const f = templateFields[p.field].the;
  const where = p.line === undefined ? `In ${f}` : `Regel ${p.line} van ${f}`;
  const example = 'Schrijf een plaatshouder als {naam}.';
  switch (p.code) {
    case 'empty':
      return `Vul ${f} in.`;
    case 'too_long':
      return `${capital(f)} is te lang: ten hoogste ${p.limit} tekens.`;
    case 'too_many_lines':
      return `De brieftekst heeft ${p.lines} regels: ten hoogste ${p.limit}, zodat de brief op één bladzijde past.`;
    case 'closing_brace_alone':
      return `${where}: een sluitende accolade } zonder openende {. ${example}`;
    case 'opening_brace_alone':
      return `${where}: een openende accolade { zonder sluitende }. ${example}`;
    case 'unknown_placeholder':
      return `${where}: de plaatshouder {${p.name}} bestaat niet. Gebruik alleen ${p.known.map((k) => `{${k}}`).join(', ')}.`;
    case 'required_placeholder_missing':
      return `De plaatshouder {${p.name}} ontbreekt: die moet in de brief staan (${p.meaning}).`;
  }
}

/** The refusal of a letter text: one sentence per problem next to its field (and line), a summary on top. */
export function templateRefused(problems: TemplateProblem[]): AppError {
  const errors: FieldProblem[] = problems.map((p) => ({
    field: templateFields[p.field].name,
    ...(p.line ? { line: p.line } : {}),
    reason: templateReason(p),
  }));
  const error = new ValidationError(
    errors.length === 1 ? `De brieftekst klopt niet. ${errors[0]!.reason}` : `De brieftekst klopt niet op ${errors.length} punten.`,
    errors,
  );
  error.details.reason = 'template_invalid';
  return error;
}
