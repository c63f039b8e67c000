import type { CreditorType } from './ddas.ts';

/**
 * The field parsers of the signal reader, pure: a cell's text → its value, or null when it is not one. The rows'
 * rules (what is required, which reason a rejection gives) are in signalRow.ts.
 */

export const MAX_AMOUNT_CENTS = 10_000_000_00;

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

export const optional = (value: string | undefined): string | null => {
  const v = value?.trim();
  return v ? v : null;
};

export type Threat = 'eviction' | 'cut_off' | 'termination';
export const threatLabels: Record<Threat, string> = { eviction: 'ontruiming', cut_off: 'afsluiting', termination: 'beëindiging van de zorgverzekering' };

export const threatWords: Record<string, Threat> = {
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
