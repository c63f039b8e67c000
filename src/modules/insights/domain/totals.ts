/**
 * Totals that mean something. A share's total is its numerator's total over its denominator's total (never the
 * sum or the mean of percentages); an average's total is its sum's total over its count's total. Cells, the
 * total row and the total column of a share or an average are all computed from its parts here. Pure.
 */
import type { Aggregation } from '../catalogue.ts';
import type { Cell, DashboardResult } from '../contract.ts';
import type { RawDashboardRow } from './dashboard.ts';

type Table = Pick<DashboardResult, 'periods' | 'rows' | 'totals' | 'grandTotal' | 'totalLabel'>;

/** The figures of one part (numerator, denominator, sum or count) per area and period, with how it rolls up. */
export interface PartRows {
  /** rows at the level shown (wijken, or municipalities) */
  data: RawDashboardRow[];
  /** at wijk level: the municipality's own figures, for the total row */
  municipal: RawDashboardRow[];
  aggregation: Aggregation;
}

/** One figure for a range from its figures per period in order: a flow added up, a stock at its last period. */
export function rollUp(values: (number | undefined)[], aggregation: Aggregation): number | undefined {
  if (aggregation === 'last') return values[values.length - 1];
  const present = values.filter((v): v is number => v !== undefined);
  if (!present.length) return undefined;
  const sum = present.reduce((a, b) => a + b, 0);
  return aggregation === 'avg' ? sum / present.length : sum;
}

/** Adds figures per period over areas; a period no area has stays undefined. */
export function addAreas(series: (number | undefined)[][], length: number): (number | undefined)[] {
  return Array.from({ length }, (_, i) => {
    const present = series.map((s) => s[i]).filter((v): v is number => v !== undefined);
    return present.length ? present.reduce((a, b) => a + b, 0) : undefined;
  });
}

/**
 * A ratio as a published cell: `factor` × part / whole (100 for a share in percent, 1 for an average). Empty when
 * the whole is missing or zero; hidden when the whole is a group smaller than the threshold, so a share never
 * tells about a handful of people.
 */
export function ratioCell(part: number | undefined, whole: number | undefined, factor: number, threshold: number, format: (v: number) => string): Cell {
  if (whole === undefined || whole === 0) return { value: null, display: '–', suppressed: null, reason: null };
  if (whole > 0 && whole < threshold) return { value: null, display: 'afgeschermd', suppressed: 'primary', reason: 'built_on_hidden' };
  const value = (factor * (part ?? 0)) / whole;
  return { value, display: format(value), suppressed: null, reason: null };
}

function byArea(rows: RawDashboardRow[], periods: string[], areaFilter: Set<string> | null): Map<string, (number | undefined)[]> {
  const index = new Map(periods.map((p, i) => [p, i]));
  const out = new Map<string, (number | undefined)[]>();
  for (const r of rows) {
    const i = index.get(r.period);
    if (i === undefined || (areaFilter && !areaFilter.has(r.area))) continue;
    if (!out.has(r.area)) out.set(r.area, new Array(periods.length).fill(undefined));
    out.get(r.area)![i] = r.value;
  }
  return out;
}

/**
 * The table of a share or an average, from its two parts. Each area's cells are its own part / whole; its total
 * is the part over the range / the whole over the range (each rolled up its own way: a flow added up, a stock at
 * the end); the total row is the parts added over the areas (at wijk level: the municipality's own parts), then
 * divided; the grand total likewise. The line chart draws the same total row.
 */
export function ratioTable(
  input: {
    part: PartRows;
    whole: PartRows;
    factor: number;
    level: 'wijk' | 'municipality';
    names: Map<string, string>;
    areaFilter: Set<string> | null;
    periods: string[];
    format: (v: number) => string;
  },
  threshold: number,
): Table {
  const { part, whole, periods, factor, format } = input;
  const n = periods.length;
  const parts = byArea(part.data, periods, input.areaFilter);
  const wholes = byArea(whole.data, periods, input.areaFilter);
  const cell = (p: number | undefined, w: number | undefined) => ratioCell(p, w, factor, threshold, format);
  const empty = new Array<number | undefined>(n).fill(undefined);
  const rows = [...wholes.keys()].sort().map((code) => {
    const p = parts.get(code) ?? empty;
    const w = wholes.get(code)!;
    return {
      areaCode: code,
      name: input.names.get(code) ?? code,
      cells: periods.map((_, i) => cell(p[i], w[i])),
      total: cell(rollUp(p, part.aggregation), rollUp(w, whole.aggregation)),
      sharePercent: null,
    };
  });
  let partTotals: (number | undefined)[];
  let wholeTotals: (number | undefined)[];
  if (input.level === 'wijk') {
    partTotals = byArea(part.municipal, periods, null).values().next().value ?? empty;
    wholeTotals = byArea(whole.municipal, periods, null).values().next().value ?? empty;
  } else {
    partTotals = addAreas([...parts.values()], n);
    wholeTotals = addAreas([...wholes.values()], n);
  }
  const hasTotals = wholeTotals.some((v) => v !== undefined);
  return {
    periods,
    rows,
    totals: hasTotals ? periods.map((_, i) => cell(partTotals[i], wholeTotals[i])) : null,
    grandTotal: hasTotals ? cell(rollUp(partTotals, part.aggregation), rollUp(wholeTotals, whole.aggregation)) : null,
    totalLabel: 'Over de hele periode',
  };
}
