import { Readable } from 'node:stream';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { isValidBsn, normalisePostcode } from '../../platform/bsn.ts';
import { ValidationError, type FieldProblem } from '../../platform/errors.ts';
import {
  assertSpreadsheetIsBounded,
  boundedRows,
  collectSpreadsheet,
  spreadsheetLimits,
  SpreadsheetRefusedError,
  type SpreadsheetLimits,
} from '../../platform/spreadsheet.ts';
import { creditorTypeAliases, type CreditorType } from './ddas.ts';
import { signalColumns, type SignalColumn } from './columns.ts';
export { signalColumns, signalColumnLabels, type SignalColumn } from './columns.ts';

/**
 * A creditor's file → signal records, pure and streaming: every row comes out either as a record or as the
 * reasons (line, field, Dutch text) why it was rejected. Nothing is dropped silently.
 */
export interface SignalRecord {
  reference: string;
  signalDate: string;
  creditorType: CreditorType;
  amountCents: number;
  months: number | null;
  bsn: string | null;
  initials: string | null;
  prefix: string | null;
  surname: string;
  birthDate: string | null;
  street: string | null;
  houseNumber: number;
  houseNumberSuffix: string | null;
  postcode: string;
  city: string | null;
  phone: string | null;
  email: string | null;
  /** DDAS `ontstaansdatum`: the date the arrears arose. */
  arisenOn: string | null;
  /** DDAS `crisissignaal`: the creditor reports a crisis (for example an eviction date). */
  crisis: boolean;
  /** DDAS `warmeOverdracht`: the creditor already spoke to the resident and asks the municipality to take over. */
  warmHandover: boolean;
  /** Not in DDAS (column `dreiging`): an eviction, a cut-off of energy or water, or the end of the health insurance is near. */
  threat: Threat | null;
}

export type Threat = 'eviction' | 'cut_off' | 'termination';
export const threatLabels: Record<Threat, string> = { eviction: 'ontruiming', cut_off: 'afsluiting', termination: 'beëindiging van de zorgverzekering' };

export type Rejection = Required<FieldProblem>;
export type RowResult = { line: number; ok: true; record: SignalRecord } | { line: number; ok: false; rejections: Rejection[] };

export type RawRow = Partial<Record<SignalColumn, string>>;
export const signalColumnNames = Object.keys(signalColumns) as SignalColumn[];
export const requiredSignalColumns = signalColumnNames.filter((c) => signalColumns[c]);

/**
 * The field names of the national exchange model (DDAS vroegsignalering: the client's and the signal's names),
 * accepted as column names beside the file format's own. `signaaldatum` is the date the creditor sent the
 * signal, our `datum`; `ID` is the signal's identifier, our `referentie`; `signaalpartner` its type, our `soort`.
 */
export const ddasColumnNames: Record<string, SignalColumn> = {
  id: 'referentie',
  burgerservicenummer: 'bsn',
  voorletters: 'voorletters',
  voorvoegsel: 'tussenvoegsel',
  achternaam: 'achternaam',
  geboortedatum: 'geboortedatum',
  straatnaam: 'straat',
  huisnummer: 'huisnummer',
  huisnummertoevoeging: 'toevoeging',
  postcode: 'postcode',
  plaatsnaam: 'woonplaats',
  bedrag: 'bedrag',
  ontstaansdatum: 'ontstaansdatum',
  signaaldatum: 'datum',
  signaalpartner: 'soort',
  crisissignaal: 'crisissignaal',
  warmeoverdracht: 'warme_overdracht',
};

/** A column name compared as people write it: any case, spaces, hyphens and underscores ignored, BOM dropped. */
export function columnKey(name: unknown): string {
  return String(name ?? '')
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

const knownColumns = new Map<string, SignalColumn>([
  ...signalColumnNames.map((c) => [columnKey(c), c] as const),
  ...Object.entries(ddasColumnNames).map(([name, c]) => [columnKey(name), c] as const),
]);

/** A creditor's own column names: for an internal field, the name of the column in that creditor's files. */
export type ColumnMapping = Partial<Record<SignalColumn, string>>;

/** What the reader knows about the creditor whose file it reads (set by the signal officer and the admin). */
export interface IntakeContext {
  mapping?: ColumnMapping;
  /** The creditor's types: with exactly one, a file may leave out `soort`. */
  creditorTypes?: readonly CreditorType[];
}

/** The file itself cannot be read (not CSV or XLSX, no header, a required column missing). */
export class SignalFileError extends ValidationError {}

// ---------------------------------------------------------------------------------------------------------------
// Field parsers (pure)

const MAX_AMOUNT_CENTS = 10_000_000_00;

const commonAmount = /^(\d{1,3}(?:\.\d{3})+|\d{1,12})(?:,(\d{1,2}))?$/;

/** `€ 1.234,56`, `1234,56`, `1,234.56`, `12.50`, `1.234` (thousands) → cents; null when not an amount. */
export function parseEuroAmount(text: string): number | null {
  // The usual Dutch form (`1.234,56`, `12,50`, `25`) in one step; everything else below.
  const common = commonAmount.exec(text);
  if (common) {
    const whole = common[1]!.includes('.') ? common[1]!.replaceAll('.', '') : common[1]!;
    const fraction = common[2] === undefined ? 0 : common[2].length === 1 ? Number(common[2]) * 10 : Number(common[2]);
    return Number(whole) * 100 + fraction;
  }
  let s = text
    .replace(/\u00a0/g, ' ')
    .replace(/€|eur(o)?/gi, '')
    .replace(/\s+/g, '');
  if (!s) return null;
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let whole: string;
  let fraction = '';
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    const [w, f, ...rest] = s.split(decimal);
    if (rest.length || f === undefined) return null;
    if (!/^\d{1,3}([.,]\d{3})*$/.test(w!) || w!.includes(decimal)) return null;
    whole = w!.split(thousands).join('');
    fraction = f;
  } else if (lastComma >= 0) {
    // Dutch: the comma is the decimal separator; several commas can only be thousands.
    const parts = s.split(',');
    if (parts.length === 2 && parts[1]!.length <= 2) [whole, fraction] = [parts[0]!, parts[1]!];
    else if (parts.length > 2 && /^\d{1,3}(,\d{3})+$/.test(s)) whole = parts.join('');
    else return null;
  } else if (lastDot >= 0) {
    // `1.234` and `1.234.567` are thousands (a Dutch file); `12.50` or `12.5` is a decimal point.
    if (/^\d{1,3}(\.\d{3})+$/.test(s)) whole = s.split('.').join('');
    else {
      const parts = s.split('.');
      if (parts.length !== 2 || parts[1]!.length > 2) return null;
      [whole, fraction] = [parts[0]!, parts[1]!];
    }
  } else whole = s;
  if (!/^\d*$/.test(whole) || !/^\d{0,2}$/.test(fraction) || (!whole && !fraction)) return null;
  const cents = Number(whole || '0') * 100 + Number(`${fraction}00`.slice(0, 2));
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** `YYYY-MM-DD` or `DD-MM-YYYY` (also with `/` or `.`) → `YYYY-MM-DD`; null when not a real date. */
export function parseDutchDate(text: string): string | null {
  // `YYYY-MM-DD` and `DD-MM-YYYY`, as nearly every file has them, without a regular expression or a Date.
  if (text.length === 10) {
    const c = text.charCodeAt.bind(text);
    if (c(4) === 45 && c(7) === 45) return checkedDate(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
    if (c(2) === 45 && c(5) === 45) return checkedDate(digits(text, 6, 4), digits(text, 3, 2), digits(text, 0, 2));
  }
  const s = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The number written by `length` ASCII digits from `start`, or -1. */
function digits(text: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function checkedDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth[m - 1]!) return null;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * A house number as people write it → the number and the addition (huisletter and/or toevoeging, upper case):
 * `8a`, `8 A`, `12-A`, `12 bis`, `200-01`, `14 hs`, `2 I`. An addition in its own column is added to one written
 * in the number (once, if both say the same). Null when it does not start with a number from 1 to 99999 or the
 * addition is not letters and digits.
 */
export function parseHouseNumber(text: string, additionColumn?: string | null): { number: number; addition: string | null } | null {
  // The number, then either a separator (space, hyphen, slash, dot) and an addition, or a letter straight after it.
  const match = /^0*(\d{1,5})(?:(?:\s*[-/.,]\s*|\s+)([\p{L}\d]+(?:[\s/-]+[\p{L}\d]+)*)|(\p{L}[\p{L}\d]*(?:[\s/-]+[\p{L}\d]+)*))?$/u.exec(text.trim());
  if (!match) return null;
  const number = Number(match[1]);
  if (number < 1) return null;
  const clean = (value: string | null | undefined) => (value ? value.trim().replace(/\s+/g, ' ').toUpperCase() : '');
  const inNumber = clean(match[2] ?? match[3]);
  const inColumn = clean(additionColumn).replace(/^[-/.,]\s*/, '');
  if (inColumn && !/^[\p{L}\d]+(?:[\s/-]+[\p{L}\d]+)*$/u.test(inColumn)) return null;
  const addition = inNumber && inColumn && inNumber !== inColumn ? `${inNumber}-${inColumn}` : inNumber || inColumn;
  if (addition.length > 10) return null;
  return { number, addition: addition || null };
}

const yes = new Set(['ja', 'j', 'true', 'waar', 'yes', 'y', '1', 'x']);
const no = new Set(['', 'nee', 'n', 'false', 'onwaar', 'no', '0']);

/** A yes/no cell as creditors write it: ja/nee, j/n, true/false, 1/0, x or empty. Null when it is neither. */
export function parseFlag(text: string | undefined): boolean | null {
  const v = (text ?? '').trim().toLowerCase();
  if (yes.has(v)) return true;
  if (no.has(v)) return false;
  return null;
}

const optional = (value: string | undefined): string | null => {
  const v = value?.trim();
  return v ? v : null;
};

const threatWords: Record<string, Threat> = {
  ontruiming: 'eviction',
  ontruimingsdatum: 'eviction',
  uitzetting: 'eviction',
  huisuitzetting: 'eviction',
  eviction: 'eviction',
  afsluiting: 'cut_off',
  afsluiten: 'cut_off',
  afgesloten: 'cut_off',
  afsluitingsdatum: 'cut_off',
  cutoff: 'cut_off',
  cut_off: 'cut_off',
  beeindiging: 'termination',
  beëindiging: 'termination',
  opzegging: 'termination',
  royement: 'termination',
  termination: 'termination',
};
/**
 * The threats of Wgs art. 4 (first conversation within 3 working days) and the creditor types that can carry them:
 * the landlord or bank evicts, the utility cuts off, the health insurer ends the insurance. A plain "ja" means the
 * threat of the creditor's kind.
 */
export const threatsOfType: Partial<Record<CreditorType, Threat>> = {
  rent: 'eviction',
  mortgage: 'eviction',
  energy: 'cut_off',
  water: 'cut_off',
  health_insurance: 'termination',
  cak_health_insurance: 'termination',
};

/**
 * The `dreiging` cell: `ontruiming` (also uitzetting), `afsluiting` (also afsluiten), `beëindiging` (of the health
 * insurance; also opzegging), or yes/no as `crisissignaal`. Null when there is none; undefined when it cannot be
 * read or does not fit the creditor's type (an energy company cannot evict).
 */
export function parseThreat(text: string | undefined, creditorType: CreditorType | undefined): Threat | null | undefined {
  const v = (text ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (['geen', 'nvt', 'n.v.t.'].includes(v)) return null;
  const flag = threatWords[v] ? true : parseFlag(text);
  if (flag === false) return null;
  if (flag === null || !creditorType) return undefined;
  const fitting = threatsOfType[creditorType];
  if (!fitting) return undefined;
  if (threatWords[v] && threatWords[v] !== fitting) return undefined;
  return fitting;
}

/** One row of raw cells → a record or every reason it cannot be stored. `today` keeps dates out of the future. */
export function validateSignalRow(raw: RawRow, line: number, today: string, intake: IntakeContext = {}): RowResult {
  const rejections: Rejection[] = [];
  const reject = (field: SignalColumn, reason: string) => rejections.push({ line, field, reason });
  // A NUL character cannot be stored in a text column: such a row is reported, never allowed to fail the import.
  for (const column in raw) {
    if (raw[column as SignalColumn]!.includes('\u0000')) reject(column as SignalColumn, 'Bevat een ongeldig teken (NUL).');
  }
  if (rejections.length) return { line, ok: false, rejections };

  const reference = optional(raw.referentie);
  if (!reference) reject('referentie', 'De referentie ontbreekt.');
  else if (reference.length > 100) reject('referentie', 'De referentie is langer dan 100 tekens.');

  const dateText = optional(raw.datum);
  const signalDate = dateText ? parseDutchDate(dateText) : null;
  if (!dateText) reject('datum', 'De datum ontbreekt.');
  else if (!signalDate) reject('datum', 'De datum is geen geldige datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).');
  else if (signalDate > today) reject('datum', 'De datum ligt in de toekomst.');

  // A creditor of one type may leave `soort` out: its type is known.
  const onlyType = intake.creditorTypes?.length === 1 ? intake.creditorTypes[0] : undefined;
  const kindText = optional(raw.soort);
  const creditorType = kindText ? creditorTypeAliases[kindText.toLowerCase().replace(/[\s-]+/g, '_')] : onlyType;
  if (!kindText && !onlyType) reject('soort', 'De soort schuldeiser ontbreekt.');
  else if (!creditorType)
    reject('soort', 'Onbekende soort (gebruik bijvoorbeeld huur, zorgverzekering, drinkwater, energie, gemeentelijke_belastingen of overig).');

  const amountText = optional(raw.bedrag);
  const amountCents = amountText ? parseEuroAmount(amountText) : null;
  if (!amountText) reject('bedrag', 'Het bedrag ontbreekt.');
  else if (amountCents === null) reject('bedrag', 'Het bedrag is geen geldig bedrag in euro (bijvoorbeeld 1.234,56).');
  else if (amountCents <= 0) reject('bedrag', 'Het bedrag moet groter zijn dan nul.');
  // Ten million euros is far beyond any household's arrears, and keeps every amount within the database's integer.
  else if (amountCents > MAX_AMOUNT_CENTS) reject('bedrag', 'Het bedrag is onwaarschijnlijk hoog (meer dan € 10.000.000).');

  let months: number | null = null;
  const monthsText = optional(raw.maanden);
  if (monthsText) {
    if (!/^\d{1,3}$/.test(monthsText) || Number(monthsText) > 240) reject('maanden', 'Het aantal maanden is geen heel getal tussen 0 en 240.');
    else months = Number(monthsText);
  }

  let bsn = optional(raw.bsn)?.replace(/[\s.]/g, '') ?? null;
  if (bsn) {
    // Spreadsheets drop the leading zero of an eight-digit BSN.
    if (/^\d{8}$/.test(bsn)) bsn = `0${bsn}`;
    if (!isValidBsn(bsn)) reject('bsn', 'Het BSN voldoet niet aan de elfproef.');
  }

  const surname = optional(raw.achternaam);
  if (!surname) reject('achternaam', 'De achternaam ontbreekt.');
  else if (surname.length > 200) reject('achternaam', 'De achternaam is langer dan 200 tekens.');

  const birthText = optional(raw.geboortedatum);
  const birthDate = birthText ? parseDutchDate(birthText) : null;
  if (birthText && (!birthDate || birthDate > today)) reject('geboortedatum', 'De geboortedatum is geen geldige datum.');

  const houseNumberText = optional(raw.huisnummer);
  const house = houseNumberText ? parseHouseNumber(houseNumberText, raw.toevoeging) : null;
  if (!houseNumberText) reject('huisnummer', 'Het huisnummer ontbreekt.');
  else if (!house) reject('huisnummer', 'Het huisnummer is geen huisnummer (een getal van 1 tot 99999, eventueel met een toevoeging zoals 8a of 12 bis).');

  const arisenText = optional(raw.ontstaansdatum);
  const arisenOn = arisenText ? parseDutchDate(arisenText) : null;
  if (arisenText && !arisenOn) reject('ontstaansdatum', 'De ontstaansdatum is geen geldige datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ).');
  else if (arisenOn && arisenOn > today) reject('ontstaansdatum', 'De ontstaansdatum ligt in de toekomst.');
  else if (arisenOn && signalDate && arisenOn > signalDate) reject('ontstaansdatum', 'De ontstaansdatum ligt na de signaaldatum.');

  const crisis = parseFlag(raw.crisissignaal);
  if (crisis === null) reject('crisissignaal', 'Het crisissignaal is geen ja of nee (gebruik ja/nee, j/n, 1/0, true/false of x/leeg).');
  const warmHandover = parseFlag(raw.warme_overdracht);
  if (warmHandover === null) reject('warme_overdracht', 'De warme overdracht is geen ja of nee (gebruik ja/nee, j/n, 1/0, true/false of x/leeg).');

  const threat = parseThreat(raw.dreiging, creditorType);
  if (threat === undefined && creditorType) {
    const readable =
      !!threatWords[
        (raw.dreiging ?? '')
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      ] || parseFlag(raw.dreiging) === true;
    const fitting = threatsOfType[creditorType];
    reject(
      'dreiging',
      !readable
        ? 'De dreiging is onbekend (gebruik ontruiming, afsluiting, beëindiging, ja of nee, of laat het leeg).'
        : fitting
          ? `Bij deze soort schuldeiser past alleen ${threatLabels[fitting]} als dreiging.`
          : 'Bij deze soort schuldeiser is geen ontruiming, afsluiting of beëindiging mogelijk; laat dreiging leeg.',
    );
  }

  const postcodeText = optional(raw.postcode);
  const postcode = postcodeText ? normalisePostcode(postcodeText) : null;
  if (!postcodeText) reject('postcode', 'De postcode ontbreekt.');
  else if (!postcode) reject('postcode', 'Een postcode is vier cijfers en twee letters, bijvoorbeeld 3311 AB.');

  const email = optional(raw.email);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) reject('email', 'Het e-mailadres is ongeldig.');
  const phone = optional(raw.telefoon);
  if (phone && !/^[+\d][\d\s()-]{5,19}$/.test(phone)) reject('telefoon', 'Het telefoonnummer is ongeldig.');

  if (rejections.length) return { line, ok: false, rejections };
  return {
    line,
    ok: true,
    record: {
      reference: reference!,
      signalDate: signalDate!,
      creditorType: creditorType!,
      amountCents: amountCents!,
      months,
      bsn,
      initials: optional(raw.voorletters)?.slice(0, 20) ?? null,
      prefix: optional(raw.tussenvoegsel)?.slice(0, 20) ?? null,
      surname: surname!,
      birthDate,
      street: optional(raw.straat)?.slice(0, 200) ?? null,
      houseNumber: house!.number,
      houseNumberSuffix: house!.addition,
      postcode: postcode!,
      city: optional(raw.woonplaats)?.slice(0, 100) ?? null,
      phone,
      email,
      arisenOn,
      crisis: crisis!,
      warmHandover: warmHandover!,
      threat: threat ?? null,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// File reading (streaming)

/**
 * Which column each cell is in: the creditor's own mapping first (for the fields it maps), then the file format's
 * names and the DDAS names, any case, any order; unknown columns are ignored. `missing` names the required fields
 * that no column fills.
 */
export function resolveHeader(cells: unknown[], intake: IntakeContext = {}): { columns: (SignalColumn | null)[]; missing: SignalColumn[]; known: number } {
  const mapped = new Map<string, SignalColumn>();
  for (const [field, name] of Object.entries(intake.mapping ?? {}) as [SignalColumn, string][]) if (name) mapped.set(columnKey(name), field);
  const columns = cells.map((cell) => {
    const key = columnKey(cell);
    if (!key) return null;
    const own = mapped.get(key);
    if (own) return own;
    const standard = knownColumns.get(key);
    // A field the creditor maps to another column is read from that column only.
    return standard && !intake.mapping?.[standard] ? standard : null;
  });
  const optionalType = intake.creditorTypes?.length === 1;
  const missing = requiredSignalColumns.filter((c) => !columns.includes(c) && !(c === 'soort' && optionalType));
  return { columns, missing, known: columns.filter(Boolean).length };
}

/** The header row → which column each cell is in; throws a Dutch message naming each missing column. */
export function mapHeader(cells: unknown[], line: number, intake: IntakeContext = {}): (SignalColumn | null)[] {
  const { columns, missing, known } = resolveHeader(cells, intake);
  if (missing.length) throw missingColumns(missing, line, !known);
  return columns;
}

function missingColumns(missing: SignalColumn[], line: number, noneKnown = false): SignalFileError {
  return new SignalFileError(
    (noneKnown ? 'Het bestand heeft geen kopregel met bekende kolomnamen (zoals referentie, datum, soort, bedrag). ' : '') +
      `Verplichte kolom${missing.length > 1 ? 'men ontbreken' : ' ontbreekt'}: ${missing.join(', ')}. Heet de kolom in dit bestand anders, ` +
      'leg dan bij de schuldeiser een kolomkoppeling vast (Vroeg Eropaf, Kolomkoppeling).',
    missing.map((field) => ({ line, field, reason: `De kolom ${field} ontbreekt in de kopregel en is niet gekoppeld aan een kolom van dit bestand.` })),
  );
}

export function rowFromCells(header: (SignalColumn | null)[], cells: unknown[]): RawRow {
  const row: RawRow = {};
  header.forEach((column, i) => {
    if (column) row[column] = cellText(cells[i]);
  });
  return row;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: string; result?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return String(v.text);
  }
  return String(value);
}

/** Invalid UTF-8 in the first bytes means the creditor's system wrote Windows-1252 (the usual Excel export). */
export function detectEncoding(head: Uint8Array): 'utf8' | 'win1252' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf8';
  } catch {
    return 'win1252';
  }
}

/** The delimiter that occurs most in the header line, outside quotes: `;` (Dutch Excel), `,` or tab. */
export function sniffDelimiter(text: string): ';' | ',' | '\t' {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as [keyof typeof counts, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ';';
}

export interface ReadOptions {
  today: string;
  /** The creditor's column mapping and types. */
  intake?: IntakeContext;
  /** Called with the number of bytes read so far (for a progress bar). */
  onBytes?: (bytes: number) => void;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Reads a CSV (any of the accepted encodings and delimiters) or XLSX file as a stream of validated rows.
 * Throws `SignalFileError` when the file cannot be read at all.
 */
export async function* readSignalFile(input: AsyncIterable<Uint8Array>, options: ReadOptions): AsyncGenerator<RowResult> {
  for await (const batch of readSignalFileBatches(input, options)) yield* batch;
}

/** As `readSignalFile`, a few thousand rows at a time: a million rows need not pass one by one through a generator. */
export async function* readSignalFileBatches(input: AsyncIterable<Uint8Array>, options: ReadOptions): AsyncGenerator<RowResult[]> {
  const iterator = input[Symbol.asyncIterator]();
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let bytes = 0;
  let done = false;
  while (headLength < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.from(next.value);
    headChunks.push(chunk);
    headLength += chunk.length;
  }
  const head = Buffer.concat(headChunks);
  if (head.length === 0) throw new SignalFileError('Het bestand is leeg.', [{ line: 1, field: 'bestand', reason: 'Leeg bestand.' }]);
  async function* allChunks(): AsyncGenerator<Buffer> {
    bytes += head.length;
    options.onBytes?.(bytes);
    yield head;
    while (!done) {
      const next = await iterator.next();
      if (next.done) break;
      bytes += next.value.length;
      options.onBytes?.(bytes);
      yield Buffer.from(next.value);
    }
  }
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (isZip) {
    // A zip can expand to far more than it weighs: checked whole before exceljs expands anything.
    const limits = spreadsheetLimits();
    const file = await collectSpreadsheet(allChunks(), limits);
    await assertSpreadsheetIsBounded(file, limits);
    yield* readXlsx(Readable.from([file]), options.today, options.intake ?? {}, limits);
    return;
  }
  if (head.subarray(0, 4096).includes(0)) {
    throw new SignalFileError('Dit is geen CSV- of XLSX-bestand.', [{ line: 1, field: 'bestand', reason: 'Onbekend bestandsformaat.' }]);
  }
  yield* readCsv(allChunks(), head, options.today, options.intake ?? {});
}

async function* readCsv(chunks: AsyncGenerator<Buffer>, head: Buffer, today: string, intake: IntakeContext): AsyncGenerator<RowResult[]> {
  const encoding = detectEncoding(head);
  const decoder = iconv.getDecoder(encoding); // also drops a UTF-8 byte order mark
  const delimiter = sniffDelimiter(iconv.decode(head.subarray(0, 8192), encoding));
  // Line breaks as Windows, Unix or old Mac write them, even mixed in one file, all become \n (a \r at the end
  // of a chunk waits for the next chunk, in case a \n follows). DOS programs end a text file with Ctrl-Z (0x1A):
  // a run of them at the very end is the end of the file, not a row (it waits too, until the file ends).
  async function* decoded(): AsyncGenerator<string> {
    let carry = '';
    for await (const chunk of chunks) {
      let text = carry + (decoder.write(chunk) ?? '');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: Ctrl-Z (0x1A) is the end-of-file mark old Windows exports append
      const held = /[\r\x1a]+$/.exec(text);
      carry = held ? held[0] : '';
      if (held) text = text.slice(0, held.index);
      if (text) yield* pieces(text.replace(/\r\n?/g, '\n'));
    }
    // A single-byte decoder (Windows-1252) returns undefined at its end, not '': never let that become text.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: Ctrl-Z (0x1A) is the end-of-file mark old Windows exports append
    const rest = (carry + (decoder.end() ?? '')).replace(/\x1a+$/, '').replace(/\r\n?/g, '\n');
    if (rest) yield* pieces(rest);
  }
  let header: (SignalColumn | null)[] | null = null;
  // The line each record starts on: records are counted with the line breaks inside quoted cells.
  let line = 1;
  let carried = '';
  const texts = decoded();
  for (let done = false; !done; ) {
    const next = await texts.next();
    done = !!next.done;
    const input = carried + (next.done ? '' : next.value);
    if (!input) continue;
    const parsed = parsePiece(input, delimiter, done);
    carried = parsed.rest;
    const batch: RowResult[] = [];
    const firstLine = line;
    let startLine = line;
    for (const record of parsed.data) {
      startLine = line;
      line += 1;
      for (const cell of record) if (cell.includes('\n')) line += cell.split('\n').length - 1;
      if (record.length === 1 && !record[0]!.trim()) continue; // an empty line
      if (!header) {
        header = mapHeader(record, startLine, intake);
        continue;
      }
      if (record.every((cell) => !cell.trim())) continue;
      batch.push(validateSignalRow(rowFromCells(header, record), startLine, today, intake));
    }
    // Only the last record can lack its closing quote: it then runs to the end of the file.
    if (parsed.errors.some((e) => e.code === 'MissingQuotes')) throw unclosedQuote(parsed.data.length ? startLine : firstLine);
    if (batch.length) yield batch;
    if (carried.length > MAX_RECORD_CHARS) throw unclosedQuote(line);
  }
  if (!header) throw new SignalFileError('Het bestand heeft geen kopregel.', [{ line: 1, field: 'kopregel', reason: 'Geen kopregel gevonden.' }]);
}

function unclosedQuote(line: number): SignalFileError {
  return new SignalFileError('Het CSV-bestand kan niet worden gelezen.', [
    { line, field: 'bestand', reason: 'Ongeldige CSV-opmaak: een aanhalingsteken wordt niet gesloten.' },
  ]);
}

/**
 * Text in pieces of at most 64 K characters, whatever the size of the chunks read: a few hundred records at a time
 * are checked and passed on before the next are parsed, so they die young (twice as fast as megabyte chunks, and
 * the process grows by some 25 MB instead of 140 MB over a million rows).
 */
const PIECE_CHARS = 1 << 16;
function* pieces(text: string): Generator<string> {
  if (text.length <= PIECE_CHARS) {
    yield text;
    return;
  }
  for (let i = 0; i < text.length; i += PIECE_CHARS) yield text.slice(i, i + PIECE_CHARS);
}

/** A record longer than this is not a signal: most likely a quote that is never closed. */
const MAX_RECORD_CHARS = 1 << 20;

/**
 * Papa Parse's parser over one piece of text: its complete records, and the unfinished last one (`rest`) to put in
 * front of the next piece. The pieces are pulled one at a time, so a large file never sits in memory.
 */
function parsePiece(text: string, delimiter: string, last: boolean): { data: string[][]; errors: Papa.ParseError[]; rest: string } {
  const parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
  const results = parser.parse(text, 0, !last) as Papa.ParseResult<string[]>;
  return { data: results.data, errors: results.errors, rest: last ? '' : text.slice(results.meta.cursor) };
}

/** A spreadsheet's header row is looked for in its first rows (a title or date row may stand above it). */
export const HEADER_SEARCH_ROWS = 20;

async function* readXlsx(stream: Readable, today: string, intake: IntakeContext, limits: SpreadsheetLimits): AsyncGenerator<RowResult[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let header: (SignalColumn | null)[] | null = null;
  // The header row is the first row that holds every required column; the best candidate explains a refusal.
  let best: { line: number; missing: SignalColumn[]; known: number } | null = null;
  try {
    for await (const worksheet of reader) {
      for await (const row of boundedRows(worksheet as AsyncIterable<ExcelJS.Row>, limits)) {
        const cells = (row.values as unknown[]).slice(1);
        if (cells.every((c) => cellText(c).trim() === '')) continue;
        if (!header) {
          const found = resolveHeader(cells.map(cellText), intake);
          if (found.known && !found.missing.length) {
            header = found.columns;
            continue;
          }
          if (found.known > (best?.known ?? 0)) best = { line: row.number, missing: found.missing, known: found.known };
          if (row.number >= HEADER_SEARCH_ROWS) break;
          continue;
        }
        yield [validateSignalRow(rowFromCells(header, cells), row.number, today, intake)];
      }
      break; // only the first worksheet holds signals
    }
  } catch (error) {
    if (error instanceof SignalFileError || error instanceof SpreadsheetRefusedError) throw error;
    throw new SignalFileError('Het XLSX-bestand kan niet worden gelezen.', [{ line: 0, field: 'bestand', reason: 'Ongeldig of beschadigd XLSX-bestand.' }]);
  }
  if (!header && best) throw missingColumns(best.missing, best.line);
  if (!header) {
    throw new SignalFileError(
      `Het bestand heeft geen kopregel met kolomnamen in de eerste ${HEADER_SEARCH_ROWS} rijen (zoals referentie, datum, soort, bedrag).`,
      [{ line: 1, field: 'kopregel', reason: 'Geen kopregel gevonden.' }],
    );
  }
}

/** The JSON batch of `POST /signals`: the same column names as the file, so one validation serves both. */
export function validateBatch(rows: Record<string, unknown>[], today: string, intake: IntakeContext = {}): RowResult[] {
  return rows.map((row, i) => validateSignalRow(stringify(row, intake), i + 1, today, intake));
}

/** A JSON signal's keys are column names too: the same names, DDAS names and the creditor's mapping as a file. */
function stringify(row: Record<string, unknown>, intake: IntakeContext): RawRow {
  const out: RawRow = {};
  const keys = Object.keys(row);
  const { columns } = resolveHeader(keys, intake);
  keys.forEach((key, i) => {
    const column = columns[i];
    const value = row[key];
    if (column && value !== null && value !== undefined) {
      out[column] = typeof value === 'number' && column === 'bedrag' ? value.toFixed(2) : typeof value === 'boolean' ? (value ? 'ja' : 'nee') : String(value);
    }
  });
  return out;
}
