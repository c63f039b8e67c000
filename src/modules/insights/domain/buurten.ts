/**
 * The protected base table at buurt level, built on the protected wijk table (domain/dashboard.ts `protectBase`),
 * so that the buurt view and the wijk view together tell no more than each alone. Pure.
 *
 * Per wijk, its buurten (and what the wijk holds beyond its buurten, as its own row) × every period form one
 * table whose column totals are the wijk's figures. Three rules:
 * 1. The table is protected as usual (`protectTable`): small counts hidden, complements hidden.
 * 2. Where the wijk's own figure is hidden in the wijk table, every buurt entry of that wijk and period is hidden
 *    too; otherwise adding up the buurten would give the hidden wijk figure back.
 * 3. Where the wijk's figure is shown in the wijk table, an outsider knows it, whatever rule 1 decided. The table
 *    is attacked again with the wijk figures as published there (`deriveBounds`), and while a small count can be
 *    pinned down, one more buurt entry on a line through it is hidden.
 * When no choice of hidden buurt entries keeps every small count safe against the shown wijk figures (a shown
 * wijk figure of 11 over a hidden "0 or at least 10" and a "< 10" can only be 10 + 1), the wijk is shown as one
 * row, as in the wijk table ("buurtcijfers afgeschermd"). Wijken without buurt figures keep their row of the wijk
 * table, and so does the part of the municipality that is in no wijk; the totals are the wijk table's. So rows
 * still add up to the municipality total.
 */
import { deriveBounds, protectTable, type CellState, type ProtectedCell } from '../suppression.ts';
import type { BaseSeries } from '../views.ts';
import type { ProtectedBase, RawDashboardRow } from './dashboard.ts';

/** The wijk a buurt code lies in: BU05050401 → WK050504. */
export const wijkOfBuurt = (code: string) => `WK${code.slice(2, 8)}`;

export function protectBuurten(input: { buurten: RawDashboardRow[]; wijkBase: ProtectedBase; names: Map<string, string> }, threshold: number): ProtectedBase {
  const { wijkBase, names } = input;
  const periods = [...new Set([...wijkBase.periods, ...input.buurten.map((r) => r.period)])].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const byWijk = new Map<string, Map<string, number[]>>();
  for (const r of input.buurten) {
    const w = wijkOfBuurt(r.area);
    if (!byWijk.has(w)) byWijk.set(w, new Map());
    const rows = byWijk.get(w)!;
    if (!rows.has(r.area)) rows.set(r.area, new Array(periods.length).fill(0));
    rows.get(r.area)![index.get(r.period)!] = r.value;
  }
  const wijkSeries = new Map(wijkBase.series.map((s) => [s.code, s]));
  const series: BaseSeries[] = [];
  for (const s of wijkBase.series) {
    const buurten = byWijk.get(s.code);
    const protectedBuurten = buurten ? protectWijk(s.code, buurten, s, periods, names, threshold) : null;
    if (protectedBuurten) series.push(...protectedBuurten);
    else if (buurten) series.push({ ...s, name: `${s.name} (buurtcijfers afgeschermd)` });
    else series.push({ ...s, name: s.code.startsWith('GM') ? s.name : `${s.name} (geen buurtcijfers)` });
  }
  // Buurten of a wijk without figures of its own: protected as if their sum were published.
  for (const [w, buurten] of [...byWijk].sort((a, b) => a[0].localeCompare(b[0])))
    if (!wijkSeries.has(w)) series.push(...(protectWijk(w, buurten, undefined, periods, names, threshold) ?? []));
  // What is in no wijk stays last.
  series.sort((a, b) => (a.code.startsWith('GM') ? 1 : 0) - (b.code.startsWith('GM') ? 1 : 0));
  return { periods, series, totals: wijkBase.totals };
}

function protectWijk(
  wijkCode: string,
  buurten: Map<string, number[]>,
  wijk: BaseSeries | undefined,
  periods: string[],
  names: Map<string, string>,
  threshold: number,
): BaseSeries[] | null {
  const codes = [...buurten.keys()].sort();
  const matrix = codes.map((c) => buurten.get(c)!);
  const labels = codes.map((c) => names.get(c) ?? c);
  const margin = periods.map((p) => wijk?.cells.get(p));
  const rest = periods.map((_, i) => Math.max(0, (margin[i]?.value ?? 0) - matrix.reduce((a, row) => a + row[i]!, 0)));
  if (rest.some((v) => v > 0)) {
    codes.push(`${wijkCode}-OVERIG`);
    labels.push(`${wijk?.name ?? names.get(wijkCode) ?? wijkCode}: niet toe te wijzen aan een buurt`);
    matrix.push(rest);
  }
  const rows = matrix.length;
  const cols = periods.length;
  const table = protectTable(matrix, threshold);
  // The flat layout deriveBounds reads: cells row by row, row totals, column totals, the grand total.
  const values = [...matrix.flat(), ...table.rowTotals.map((c) => c.value), ...table.colTotals.map((c) => c.value), table.grandTotal.value];
  const states: CellState[] = [
    ...table.cells.flat().map((c) => c.state),
    ...table.rowTotals.map((c) => c.state),
    // Rule 3: the column totals are the wijk's figures as the wijk table publishes them.
    ...margin.map((m) => m?.state ?? 'shown'),
    table.grandTotal.state,
  ];
  const cell = (r: number, c: number) => r * cols + c;
  const colTotal = (c: number) => rows * cols + rows + c;
  // Rule 2: under a hidden wijk figure every buurt entry is hidden.
  for (let c = 0; c < cols; c++) {
    if (states[colTotal(c)] === 'shown') continue;
    for (let r = 0; r < rows; r++) if (states[cell(r, c)] === 'shown') states[cell(r, c)] = 'secondary';
  }
  if (!repair(values, states, rows, cols, threshold)) return null;
  return codes.map((code, r) => ({
    code,
    name: labels[r]!,
    cells: new Map(periods.map((p, c): [string, ProtectedCell] => [p, { value: values[cell(r, c)]!, state: states[cell(r, c)]! }])),
  }));
}

/**
 * Rule 3: while a small count can be pinned down, hide the smallest shown buurt entry on a line through it.
 * False when a small count stays exposed with nothing left to hide.
 */
function repair(values: number[], states: CellState[], rows: number, cols: number, threshold: number): boolean {
  const cell = (r: number, c: number) => r * cols + c;
  const inner = rows * cols;
  const coordinates = (i: number): { r?: number; c?: number } =>
    i < inner ? { r: Math.floor(i / cols), c: i % cols } : i < inner + rows ? { r: i - inner } : i < inner + rows + cols ? { c: i - inner - rows } : {};
  const rowCells = (r: number) => Array.from({ length: cols }, (_, c) => cell(r, c));
  const colCells = (c: number) => Array.from({ length: rows }, (_, r) => cell(r, c));
  for (let guard = 0; guard < inner; guard++) {
    const bounds = deriveBounds(values, states, rows, cols, threshold);
    const exposed = states.findIndex((s, i) => s === 'primary' && bounds[i]!.lo === bounds[i]!.hi);
    if (exposed < 0) return true;
    const { r, c } = coordinates(exposed);
    let candidates = [...(r !== undefined ? rowCells(r) : []), ...(c !== undefined ? colCells(c) : [])].filter((i) => states[i] === 'shown');
    // A total with nothing shown on its lines: look at every entry of the table.
    if (candidates.length === 0) candidates = Array.from({ length: inner }, (_, i) => i).filter((i) => states[i] === 'shown');
    if (candidates.length === 0) return false;
    candidates.sort((a, b) => (values[a] === 0 ? 1 : 0) - (values[b] === 0 ? 1 : 0) || values[a]! - values[b]! || a - b);
    states[candidates[0]!] = 'secondary';
  }
  return false;
}
