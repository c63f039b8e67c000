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

/**
 * The generated households, in one place for the signal files below and for the queue's seed (test/support/
 * queue-cases.ts, which builds the same households set-based in SQL from these lists): household n (1-based) has a
 * surname from this list (repeating every `householdSurnames.length`), and an address in Dordrecht that is unique up
 * to some 1.8 million households.
 */
export const householdSurnames = [
  'Jansen',
  'de Vries',
  'van den Berg',
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
  'de Wit',
  'Dijkstra',
  'Smits',
  'de Graaf',
  'van der Meer',
  'van der Linden',
  'Kok',
  'Jacobs',
  'de Haan',
  'Vermeulen',
  'van den Heuvel',
  'van der Veen',
  'van den Broek',
  'de Bruijn',
  'de Bruin',
  'van der Heijden',
  'Schouten',
  'van Beek',
  'Willems',
  'van Vliet',
  'van de Ven',
  'Hoekstra',
  'Maas',
  'Verhoeven',
  'Koster',
  'van Dam',
  'van der Wal',
  'Prins',
  'Blom',
  'Huisman',
  'Peeters',
  'de Jong',
  'Kramer',
  'Yilmaz',
  'El Amrani',
  'Öztürk',
];
/** Dordrecht's four-digit areas with their wijk, in the order of the default postcode table. */
export const householdPc4Areas = dordrechtWijken.flatMap((w) => w.pc4.map((pc4) => [pc4, w.code] as const));
/** The letters of the generated postcodes (none that a postcode leaves out, such as I, O, Q, U and Y). */
export const householdPostcodeLetters = 'ABCDEFGHJKLMNPRSTVWXZ';

/** A surname as written (`van den Berg`) → its prefix (tussenvoegsel, or '') and the name itself. */
export function splitSurname(name: string): [prefix: string, surname: string] {
  const m = /^((?:van |de |der |den )+)(.*)$/.exec(name);
  return m ? [m[1]!.trim(), m[2]!] : ['', name];
}

export interface SyntheticHousehold {
  prefix: string;
  surname: string;
  /** `3311AB`, without a space. */
  postcode: string;
  houseNumber: number;
  /** The wijk of the postcode (the default postcode table's). */
  areaCode: string;
}

/** Household n (1-based): its resident's name and its address. */
export function syntheticHousehold(n: number): SyntheticHousehold {
  const i = n - 1;
  const areas = householdPc4Areas.length;
  const letters = householdPostcodeLetters;
  const [pc4, areaCode] = householdPc4Areas[i % areas]!;
  const postcode = `${pc4}${letters[Math.floor(i / areas) % letters.length]}${letters[Math.floor(i / (areas * letters.length)) % letters.length]}`;
  const [prefix, surname] = splitSurname(householdSurnames[i % householdSurnames.length]!);
  return { prefix, surname, postcode, houseNumber: 1 + Math.floor(i / (areas * letters.length * letters.length)), areaCode };
}

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
    const household = syntheticHousehold(h + 1);
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
      household.prefix,
      household.surname,
      `${1950 + (h % 50)}-0${1 + (h % 9)}-1${h % 10}`,
      streets[h % streets.length],
      String(household.houseNumber),
      h % 7 === 0 ? 'a' : '',
      `${household.postcode.slice(0, 4)} ${household.postcode.slice(4)}`,
      'Dordrecht',
      h % 2 ? `06${String(10_000_000 + h).slice(-8)}` : '',
      h % 4 === 0 ? `inwoner${h}@example.org` : '',
    ].join(d);
  }
}

export function generateSignalCsv(options: GenerateOptions): string {
  return `${[...generateSignalLines(options)].join('\n')}\n`;
}
