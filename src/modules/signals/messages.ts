import { ConflictError, ForbiddenError, ValidationError, type AppError, type FieldProblem } from '../../platform/errors.ts';
import { contactKindLabels, finalResultLabels, type ContactKind, type FinalResult } from './ddas.ts';
import type { SignalColumn } from './columns.ts';
import { threatLabels, type Threat } from './parseFields.ts';

/**
 * What the signals module refuses, by code, in one place: per code its HTTP status and the plain Dutch sentences (the
 * message, and for a field its reason). The commands, the reader and the checks name a code (`signalProblem(code)`,
 * `signalFileProblem(code)`, `fieldProblem(code)`); only this file says it to people, and nothing compares texts.
 */
export interface ProblemVars {
  result?: FinalResult;
  kind?: ContactKind;
  /** A creditor's name. */
  creditor?: string;
  /** A municipality's code. */
  municipality?: string;
  municipalities?: string[];
  count?: number;
}

interface Entry {
  status: 400 | 403 | 409;
  message: (v: ProblemVars) => string;
  /** The field the problem is about, with the sentence shown next to it. */
  field?: { name: string; reason: string | ((v: ProblemVars) => string) };
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
  // Creditors and their column mappings (creditors.ts, mapping.ts, access.ts).
  creditor_not_managed: { status: 403, message: () => 'U beheert deze schuldeiser niet.' },
  creditor_types_required: {
    status: 400,
    message: () => 'Kies minstens één soort.',
    field: { name: 'creditorTypes', reason: 'Kies minstens één soort schuldeiser.' },
  },
  not_a_creditor: {
    status: 400,
    message: (v) => `${v.creditor ?? 'Deze organisatie'} is geen schuldeiser.`,
    field: { name: 'creditor', reason: 'Alleen schuldeisers leveren signalen aan.' },
  },
  column_mapping_invalid: { status: 400, message: () => 'De kolomkoppeling klopt niet.' },
  // Who may deliver signals where (access.ts).
  municipality_required: {
    status: 400,
    message: () => 'Kies voor welke gemeente de signalen zijn.',
    field: { name: 'municipalityCode', reason: (v) => `Deze schuldeiser levert aan meerdere gemeenten: ${(v.municipalities ?? []).join(', ')}.` },
  },
  creditor_not_for_municipality: {
    status: 403,
    message: (v) => `${v.creditor ?? 'Deze schuldeiser'} levert geen signalen aan gemeente ${v.municipality ?? ''}.`,
  },
  creditor_not_for_your_municipalities: {
    status: 403,
    message: (v) => `${v.creditor ?? 'Deze schuldeiser'} levert geen signalen aan een gemeente waarvoor u mag aanleveren.`,
  },
  referral_target_invalid: {
    status: 400,
    message: () => 'Deze organisatie kan geen doorverwijzing ontvangen.',
    field: { name: 'referralOrganisationId', reason: 'Kies een hulporganisatie in de gemeente.' },
  },
  // The upload of a signal file (routes/imports.ts).
  signal_file_not_sent: {
    status: 400,
    message: () => 'Stuur het bestand als CSV of XLSX.',
    field: { name: 'bestand', reason: 'Geen bestand ontvangen.' },
  },
  // The postcode table (postcodeAreas.ts, routes/settings.ts); the problems per line come from fieldReasons.
  postcode_table_no_header: {
    status: 400,
    message: () => 'Het bestand heeft geen kopregel met de kolommen postcode en gemeente (en eventueel wijk, wijknaam, buurt, buurtnaam).',
  },
  postcode_table_not_sent: {
    status: 400,
    message: () => 'Stuur de postcodetabel als CSV.',
    field: { name: 'bestand', reason: 'Geen bestand ontvangen.' },
  },
  postcode_table_too_long: { status: 400, message: (v) => `Het bestand heeft meer dan ${v.count} regels.` },
  postcode_table_invalid: { status: 400, message: () => 'De postcodetabel is niet geladen: er staan fouten in het bestand.' },
  postcode_table_empty: { status: 400, message: () => 'Het bestand bevat geen postcodes.' },
  postcode_table_foreign: {
    status: 403,
    message: (v) =>
      `U beheert niet alle gemeenten in de postcodetabel (${(v.municipalities ?? []).join(', ')}); laat de tabel laden door een beheerder van die gemeenten of met vangnet postcode-areas load.`,
  },
  // The monitor and the DDAS delivery (monitor.ts, ddasExport.ts).
  period_invalid: {
    status: 400,
    message: () => 'Geef een periode als 2025-Q1 (kwartaal), 2025-03 (maand) of 2025 (jaar).',
    field: { name: 'period', reason: 'Onbekende periode.' },
  },
  period_reversed: {
    status: 400,
    message: () => 'De begindatum ligt na de einddatum.',
    field: { name: 'from', reason: 'Kies een begindatum op of voor de einddatum.' },
  },
  page_out_of_range: {
    status: 400,
    message: (v) => `Deze periode heeft ${v.count} pagina('s).`,
    field: { name: 'page', reason: (v) => `Kies een pagina van 1 tot en met ${v.count}.` },
  },
  // The command line (cli.ts).
  letter_batch_size_invalid: {
    status: 400,
    message: () => 'Kies een stapelgrootte van 1 tot en met 1000.',
    field: { name: '--batch-size', reason: 'Geen geheel getal van 1 tot en met 1000.' },
  },
  no_letters_ready: { status: 409, message: () => 'Er staan geen brieven klaar om te versturen.' },
} as const satisfies Record<string, Entry>;

export type SignalProblemCode = keyof typeof signalMessages;

/**
 * The error to throw for a code: a 400 with the field's sentence (or the field problems given, each with its line),
 * a 403 or a 409; `details.reason` carries the code.
 */
export function signalProblem(code: SignalProblemCode, vars: ProblemVars = {}, fields?: FieldProblem[]): AppError {
  const entry: Entry = signalMessages[code];
  const message = entry.message(vars);
  if (entry.status === 409) return new ConflictError(message, { reason: code });
  if (entry.status === 403) {
    const forbidden = new ForbiddenError(message);
    forbidden.details.reason = code;
    return forbidden;
  }
  const reason = entry.field?.reason;
  const own = entry.field ? [{ field: entry.field.name, reason: typeof reason === 'function' ? reason(vars) : reason! }] : [];
  const error = new ValidationError(message, fields ?? own);
  error.details.reason = code;
  return error;
}

/** The file itself cannot be read (not CSV or XLSX, no header, a required column missing). */
export class SignalFileError extends ValidationError {}

export interface FileProblemVars {
  line?: number;
  missing?: SignalColumn[];
  /** No column of the header is known at all. */
  noneKnown?: boolean;
  /** How many rows are searched for the header of a spreadsheet. */
  rows?: number;
}

const missingColumnsText = (v: FileProblemVars) => {
  const missing = v.missing ?? [];
  return (
    (v.noneKnown ? 'Het bestand heeft geen kopregel met bekende kolomnamen (zoals referentie, datum, soort, bedrag). ' : '') +
    `Verplichte kolom${missing.length > 1 ? 'men ontbreken' : ' ontbreekt'}: ${missing.join(', ')}. Heet de kolom in dit bestand anders, ` +
    'leg dan bij de schuldeiser een kolomkoppeling vast (Vroeg Eropaf, Kolomkoppeling).'
  );
};

/** Why a creditor's file cannot be read at all: the message, and the problems (line, field, reason) under it. */
const signalFileMessages = {
  file_empty: { message: () => 'Het bestand is leeg.', problems: () => [{ line: 1, field: 'bestand', reason: 'Leeg bestand.' }] },
  file_not_csv_or_xlsx: {
    message: () => 'Dit is geen CSV- of XLSX-bestand.',
    problems: () => [{ line: 1, field: 'bestand', reason: 'Onbekend bestandsformaat.' }],
  },
  csv_no_header: { message: () => 'Het bestand heeft geen kopregel.', problems: () => [{ line: 1, field: 'kopregel', reason: 'Geen kopregel gevonden.' }] },
  csv_unclosed_quote: {
    message: () => 'Het CSV-bestand kan niet worden gelezen.',
    problems: (v) => [{ line: v.line ?? 1, field: 'bestand', reason: 'Ongeldige CSV-opmaak: een aanhalingsteken wordt niet gesloten.' }],
  },
  xlsx_unreadable: {
    message: () => 'Het XLSX-bestand kan niet worden gelezen.',
    problems: () => [{ line: 0, field: 'bestand', reason: 'Ongeldig of beschadigd XLSX-bestand.' }],
  },
  xlsx_no_header: {
    message: (v) => `Het bestand heeft geen kopregel met kolomnamen in de eerste ${v.rows} rijen (zoals referentie, datum, soort, bedrag).`,
    problems: () => [{ line: 1, field: 'kopregel', reason: 'Geen kopregel gevonden.' }],
  },
  columns_missing: {
    message: missingColumnsText,
    problems: (v) =>
      (v.missing ?? []).map((field) => ({
        line: v.line ?? 1,
        field,
        reason: `De kolom ${field} ontbreekt in de kopregel en is niet gekoppeld aan een kolom van dit bestand.`,
      })),
  },
} satisfies Record<string, { message: (v: FileProblemVars) => string; problems: (v: FileProblemVars) => FieldProblem[] }>;

export type SignalFileProblemCode = keyof typeof signalFileMessages;

/** The error for a file that cannot be read; `details.reason` carries the code. */
export function signalFileProblem(code: SignalFileProblemCode, vars: FileProblemVars = {}): SignalFileError {
  const entry = signalFileMessages[code];
  const error = new SignalFileError(entry.message(vars), entry.problems(vars));
  error.details.reason = code;
  return error;
}

export interface ReasonVars {
  /** A threat that fits the creditor's type. */
  threat?: Threat;
  /** The creditor's own types, as a Dutch list. */
  types?: string;
  /** Dates written out in Dutch (`1 maart 2025`), and a term (`6 maanden`). */
  date?: string;
  earliest?: string;
  term?: string;
  /** A municipality's name or code. */
  municipality?: string | null;
  /** A field or column of a mapping, the fields one may map, the line a postcode stood on before. */
  field?: string;
  fields?: string;
  column?: string;
  line?: number;
}

const notAFlag = 'is geen ja of nee (gebruik ja/nee, j/n, 1/0, true/false of x/leeg).';
const dateForm = '(gebruik JJJJ-MM-DD of DD-MM-JJJJ)';

/**
 * The sentence next to one field of one line: a row of a signal file or batch that cannot be stored (signalRow.ts,
 * intakeRules.ts, the import's own check of the creditor's types), a column mapping, a line of the postcode table.
 */
const fieldReasons = {
  // A signal's row.
  nul_character: () => 'Bevat een ongeldig teken (NUL).',
  reference_missing: () => 'De referentie ontbreekt.',
  reference_too_long: () => 'De referentie is langer dan 100 tekens.',
  date_missing: () => 'De datum ontbreekt.',
  date_invalid: () => `De datum is geen geldige datum ${dateForm}.`,
  date_in_future: () => 'De datum ligt in de toekomst.',
  type_missing: () => 'De soort schuldeiser ontbreekt.',
  type_unknown: () => 'Onbekende soort (gebruik bijvoorbeeld huur, zorgverzekering, drinkwater, energie, gemeentelijke_belastingen of overig).',
  type_not_reported: (v) => `Deze schuldeiser levert geen signalen van deze soort (wel: ${v.types}).`,
  amount_missing: () => 'Het bedrag ontbreekt.',
  amount_invalid: () => 'Het bedrag is geen geldig bedrag in euro (bijvoorbeeld 1.234,56).',
  amount_not_positive: () => 'Het bedrag moet groter zijn dan nul.',
  amount_too_high: () => 'Het bedrag is onwaarschijnlijk hoog (meer dan € 10.000.000).',
  months_invalid: () => 'Het aantal maanden is geen heel getal tussen 0 en 240.',
  bsn_invalid: () => 'Het BSN voldoet niet aan de elfproef.',
  surname_missing: () => 'De achternaam ontbreekt.',
  surname_too_long: () => 'De achternaam is langer dan 200 tekens.',
  birth_date_invalid: () => 'De geboortedatum is geen geldige datum.',
  house_number_missing: () => 'Het huisnummer ontbreekt.',
  house_number_invalid: () => 'Het huisnummer is geen huisnummer (een getal van 1 tot 99999, eventueel met een toevoeging zoals 8a of 12 bis).',
  arisen_invalid: () => `De ontstaansdatum is geen geldige datum ${dateForm}.`,
  arisen_in_future: () => 'De ontstaansdatum ligt in de toekomst.',
  arisen_after_signal: () => 'De ontstaansdatum ligt na de signaaldatum.',
  crisis_not_a_flag: () => `Het crisissignaal ${notAFlag}`,
  warm_handover_not_a_flag: () => `De warme overdracht ${notAFlag}`,
  threat_unknown: () => 'De dreiging is onbekend (gebruik ontruiming, afsluiting, beëindiging, ja of nee, of laat het leeg).',
  threat_not_fitting: (v) => `Bij deze soort schuldeiser past alleen ${v.threat ? threatLabels[v.threat] : 'een andere dreiging'} als dreiging.`,
  threat_impossible: () => 'Bij deze soort schuldeiser is geen ontruiming, afsluiting of beëindiging mogelijk; laat dreiging leeg.',
  postcode_missing: () => 'De postcode ontbreekt.',
  postcode_invalid: () => 'Een postcode is vier cijfers en twee letters, bijvoorbeeld 3311 AB.',
  email_invalid: () => 'Het e-mailadres is ongeldig.',
  phone_invalid: () => 'Het telefoonnummer is ongeldig.',
  // The intake rules of the law and the municipality.
  signal_past_term: (v) =>
    `De signaaldatum ${v.date} ligt meer dan ${v.term} terug (de bewaartermijn): signalen van vóór ${v.earliest} worden niet aangenomen.`,
  address_elsewhere: (v) =>
    `Dit adres ligt in de gemeente ${v.municipality}. U mag geen signalen voor die gemeente aanleveren: laat de schuldeiser of de gemeente ${v.municipality} dit signaal aanleveren.`,
  municipal_taxes_off: (v) =>
    `Signalen over gemeentelijke belastingen neemt ${v.municipality ? `de gemeente ${v.municipality}` : 'deze gemeente'} niet aan: dat is een proef (Wgs artikel 10) ` +
    'die de beheerder van de gemeente eerst moet aanzetten.',
  // A creditor's column mapping.
  mapping_unknown_field: (v) => `Onbekend veld ${v.field} (gebruik: ${v.fields}).`,
  mapping_column_taken: (v) => `De kolom "${v.column}" is al gekoppeld aan ${v.field}.`,
  // A line of the postcode table.
  column_missing: () => 'Deze kolom ontbreekt in de kopregel.',
  too_many_lines: () => 'Te veel regels.',
  area_postcode_invalid: () => 'Een postcode is vier cijfers (3311) of vier cijfers en twee letters (3311AB).',
  area_postcode_twice: (v) => `Deze postcode staat al op regel ${v.line}.`,
  municipality_code_invalid: () => 'Een gemeentecode is GM met vier cijfers, bijvoorbeeld GM0505.',
  municipality_unknown: (v) => `Gemeente ${v.municipality} is niet bekend in Vangnet.`,
  wijk_code_invalid: () => 'Een wijkcode is WK met zes cijfers, bijvoorbeeld WK050501.',
  buurt_code_invalid: () => 'Een buurtcode is BU met acht cijfers, bijvoorbeeld BU05050101.',
  no_lines: () => 'Geen regels na de kopregel.',
} satisfies Record<string, (v: ReasonVars) => string>;

export type FieldReasonCode = keyof typeof fieldReasons;

/** The Dutch sentence for a field's code. */
export function fieldReason(code: FieldReasonCode, vars: ReasonVars = {}): string {
  return fieldReasons[code](vars);
}

/** A field problem of one line: where (line, field) and the sentence for the code. */
export function fieldProblem(line: number, field: string, code: FieldReasonCode, vars: ReasonVars = {}): Required<FieldProblem> {
  return { line, field, reason: fieldReasons[code](vars) };
}
