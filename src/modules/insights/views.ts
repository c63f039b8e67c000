/**
 * Views of one protected base table. Small-count protection is done once per measure and municipality, on the
 * base table of all its figures (areas × the measure's own periods, with the municipality totals as margins).
 * Every number a view shows (a quarter, a year, a total over a chosen range, a regional sum) is a sum of base
 * entries, and it is shown only when every base entry in it is shown. So no view, and no combination of
 * views with different filters, tells more than the protected base table itself: subtracting one view from
 * another only ever yields sums of shown entries. Pure.
 */
import type { ProtectedCell } from './suppression.ts';

export interface BaseSeries {
  code: string;
  name: string;
  /** base period code → protected cell */
  cells: Map<string, ProtectedCell>;
}

/** One view period (e.g. 2021-Q1) and the base periods (months) in it that fall in the chosen range. */
export interface ViewPeriod {
  code: string;
  base: string[];
}

/**
 * Combines base entries into one published number. A single entry keeps its own state (so a lone small count
 * still reads "< 10"); a sum is shown only when all its parts are, and is otherwise "afgeschermd".
 */
export function combine(parts: ProtectedCell[], aggregation: 'sum' | 'last'): ProtectedCell {
  if (parts.length === 0) return { value: 0, state: 'shown' };
  if (aggregation === 'last' || parts.length === 1) return parts[parts.length - 1]!;
  const value = parts.reduce((a, p) => a + p.value, 0);
  return parts.every((p) => p.state === 'shown') ? { value, state: 'shown' } : { value, state: 'secondary' };
}

export interface View {
  rows: { code: string; name: string; cells: ProtectedCell[]; total: ProtectedCell }[];
  totals: ProtectedCell[];
  grandTotal: ProtectedCell | null;
}

/** The combined cell of some base entries of one series (as `combine` over the entries it has), without arrays. */
function combineOf(cells: Map<string, ProtectedCell>, base: string[], aggregation: 'sum' | 'last'): ProtectedCell {
  let count = 0;
  let value = 0;
  let shown = true;
  let last: ProtectedCell | undefined;
  for (const b of base) {
    const c = cells.get(b);
    if (!c) continue;
    count++;
    value += c.value;
    if (c.state !== 'shown') shown = false;
    last = c;
  }
  if (count === 0) return { value: 0, state: 'shown' };
  if (aggregation === 'last' || count === 1) return last!;
  return shown ? { value, state: 'shown' } : { value, state: 'secondary' };
}

/** Builds the table a person sees from protected base series and the protected base totals. */
export function buildView(series: BaseSeries[], totals: Map<string, ProtectedCell>, periods: ViewPeriod[], aggregation: 'sum' | 'last'): View {
  const allBase = periods.flatMap((p) => p.base);
  const rows = series.map((s) => {
    const cells = periods.map((p) => combineOf(s.cells, p.base, aggregation));
    const total = aggregation === 'last' ? (cells[cells.length - 1] ?? { value: 0, state: 'shown' as const }) : combineOf(s.cells, allBase, 'sum');
    return { code: s.code, name: s.name, cells, total };
  });
  const totalCells = periods.map((p) => combineOf(totals, p.base, aggregation));
  const grandTotal = aggregation === 'last' ? null : combineOf(totals, allBase, 'sum');
  return { rows, totals: totalCells, grandTotal };
}

/** Adds base series entry-wise (municipalities into a region): a sum with a hidden part is hidden. */
export function addSeries(series: Map<string, ProtectedCell>[]): Map<string, ProtectedCell> {
  const out = new Map<string, ProtectedCell[]>();
  for (const s of series) for (const [k, c] of s) out.set(k, [...(out.get(k) ?? []), c]);
  return new Map([...out].map(([k, parts]) => [k, parts.length === 1 ? parts[0]! : combine(parts, 'sum')]));
}
