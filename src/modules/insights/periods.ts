/** Calendar periods of the dashboard: months (2021-03), quarters (2021-Q1) and years (2021). Pure. */
export type PeriodKind = 'month' | 'quarter' | 'year';
export type Granularity = PeriodKind;

export interface Period {
  code: string;
  kind: PeriodKind;
  startsOn: string;
  endsOn: string;
  quarterCode: string | null;
  yearCode: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Reads 2021-03, 2021-Q1 (or 2021-K1, Dutch "kwartaal") and 2021; null when it is none of these. */
export function parsePeriod(text: string): Period | null {
  const value = text.trim().toUpperCase();
  let m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12 || year < 1900 || year > 2200) return null;
    return {
      code: `${year}-${pad(month)}`,
      kind: 'month',
      startsOn: `${year}-${pad(month)}-01`,
      endsOn: `${year}-${pad(month)}-${pad(lastDay(year, month))}`,
      quarterCode: `${year}-Q${Math.ceil(month / 3)}`,
      yearCode: String(year),
    };
  }
  m = /^(\d{4})-[QK]([1-4])$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    if (year < 1900 || year > 2200) return null;
    const endMonth = q * 3;
    return {
      code: `${year}-Q${q}`,
      kind: 'quarter',
      startsOn: `${year}-${pad(endMonth - 2)}-01`,
      endsOn: `${year}-${pad(endMonth)}-${pad(lastDay(year, endMonth))}`,
      quarterCode: `${year}-Q${q}`,
      yearCode: String(year),
    };
  }
  m = /^(\d{4})$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    if (year < 1900 || year > 2200) return null;
    return { code: String(year), kind: 'year', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, quarterCode: null, yearCode: String(year) };
  }
  return null;
}

/** Every month from `from` to `to` (YYYY-MM), inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${pad(m)}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    if (out.length > 2400) break;
  }
  return out;
}

export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
}

/** The code of the period of the given granularity that a month falls in. */
export function periodOfMonth(month: string, granularity: Granularity): string {
  const p = parsePeriod(month)!;
  return granularity === 'month' ? p.code : granularity === 'quarter' ? p.quarterCode! : p.yearCode;
}

const rank: Record<PeriodKind, number> = { month: 0, quarter: 1, year: 2 };
/** A figure that comes per quarter cannot be shown per month. */
export function finerThan(a: PeriodKind, b: PeriodKind): boolean {
  return rank[a] < rank[b];
}

/** A half-year reporting period of the programme (2021-H1) as a month range. */
export function halfYearMonths(period: string): { fromMonth: string; toMonth: string } | null {
  const m = /^(\d{4})-H([12])$/.exec(period);
  if (!m) return null;
  return m[2] === '1' ? { fromMonth: `${m[1]}-01`, toMonth: `${m[1]}-06` } : { fromMonth: `${m[1]}-07`, toMonth: `${m[1]}-12` };
}
