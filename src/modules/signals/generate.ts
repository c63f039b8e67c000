import { dordrechtWijken } from '../../platform/areas.ts';

/**
 * Deterministic synthetic signal files for the demo, tests and the benchmark. Every row is valid; households
 * repeat (several creditors report the same address) in the proportion `householdShare`.
 */
export interface GenerateOptions {
  rows: number;
  seed?: number;
  /** Distinct households as a share of rows (0..1]. */
  householdShare?: number;
  /** Dates are spread over the days before this date (YYYY-MM-DD). */
  endDate: string;
  days?: number;
  referencePrefix?: string;
  delimiter?: string;
  /** The `soort` values to draw from (a creditor reports only its own types); default: a mix. */
  kinds?: readonly string[];
}

export const generatedHeader = [
  'referentie',
  'datum',
  'soort',
  'bedrag',
  'maanden',
  'bsn',
  'voorletters',
  'tussenvoegsel',
  'achternaam',
  'geboortedatum',
  'straat',
  'huisnummer',
  'toevoeging',
  'postcode',
  'woonplaats',
  'telefoon',
  'email',
];

const surnames = [
  'Jansen',
  'de Vries',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'Yilmaz',
  'El Amrani',
  'Öztürk',
  'Kramer',
];
const streets = [
  'Brouwersdijk',
  'Wielwijkpark',
  'Krispijnseweg',
  'Karel Doormanweg',
  'Admiraal de Ruyterweg',
  'Dubbeldamseweg',
  'Vrieseweg',
  'Nieuwe Haven',
  'Spuiweg',
  'Laan der Verenigde Naties',
];
const kinds = ['huur', 'zorgverzekering', 'drinkwater', 'energie', 'gemeentelijke_belastingen', 'overig'];

/** A small, fast pseudo-random generator (mulberry32) so the same seed gives the same file. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A BSN that passes the eleven test, derived from a number. */
export function syntheticBsn(n: number): string {
  for (let k = 0; ; k++) {
    const base = String((100_000_00 + ((n * 7919 + k * 104_729) % 89_999_999)) % 100_000_000).padStart(8, '1');
    const digits = [...base].map(Number);
    const sum = digits.reduce((acc, d, i) => acc + d * (9 - i), 0);
    const check = sum % 11;
    if (check < 10) return base + String(check);
  }
}

function splitName(surname: string): [string, string] {
  const parts = surname.split(' ');
  return parts.length > 1 ? [parts.slice(0, -1).join(' '), parts.at(-1)!] : ['', surname];
}

/** Yields the lines of a CSV file (header first), `;`-separated with Dutch amounts and dates. */
export function* generateSignalLines(options: GenerateOptions): Generator<string> {
  const rnd = random(options.seed ?? 42);
  const d = options.delimiter ?? ';';
  const households = Math.max(1, Math.round(options.rows * (options.householdShare ?? 0.7)));
  const end = Date.parse(`${options.endDate}T00:00:00Z`);
  const days = options.days ?? 330;
  const prefix = options.referencePrefix ?? 'R';
  yield generatedHeader.join(d);
  for (let i = 0; i < options.rows; i++) {
    const h = i < households ? i : Math.floor(rnd() * households);
    const wijk = dordrechtWijken[h % dordrechtWijken.length]!;
    const pc4 = wijk.pc4[h % wijk.pc4.length]!;
    const letters = String.fromCharCode(65 + (h % 26)) + String.fromCharCode(65 + (Math.floor(h / 26) % 26));
    const houseNumber = 1 + (Math.floor(h / 676) % 300);
    const [tussenvoegsel, achternaam] = splitName(surnames[h % surnames.length]!);
    const date = new Date(end - Math.floor(rnd() * days) * 86_400_000);
    const dd = String(date.getUTCDate()).padStart(2, '0');
    const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
    const cents = 2000 + Math.floor(rnd() * 250_000);
    const euros = Math.floor(cents / 100);
    const amount = `${euros >= 1000 ? `${Math.floor(euros / 1000)}.${String(euros % 1000).padStart(3, '0')}` : euros},${String(cents % 100).padStart(2, '0')}`;
    yield [
      `${prefix}${i + 1}`,
      i % 2 ? `${dd}-${mm}-${date.getUTCFullYear()}` : `${date.getUTCFullYear()}-${mm}-${dd}`,
      (options.kinds ?? kinds)[Math.floor(rnd() * (options.kinds ?? kinds).length)],
      amount,
      String(1 + Math.floor(rnd() * 6)),
      h % 3 === 0 ? '' : syntheticBsn(h),
      'A.B.',
      tussenvoegsel,
      achternaam,
      `${1950 + (h % 50)}-0${1 + (h % 9)}-1${h % 10}`,
      streets[h % streets.length],
      String(houseNumber),
      h % 7 === 0 ? 'a' : '',
      `${pc4} ${letters}`,
      'Dordrecht',
      h % 2 ? `06${String(10_000_000 + h).slice(-8)}` : '',
      h % 4 === 0 ? `inwoner${h}@example.org` : '',
    ].join(d);
  }
}

export function generateSignalCsv(options: GenerateOptions): string {
  return `${[...generateSignalLines(options)].join('\n')}\n`;
}
