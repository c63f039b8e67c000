/**
 * Counts that add up to another count, such as the four Geldfit outcomes and the completed tests: each is a table
 * (areas × periods) of its own, and per cell the parts add up to the total. Protected one by one, three shown parts
 * and the total would give away a hidden fourth; so they are protected as one system of lines: every table's rows
 * and columns, and per entry the line "total = parts + the rest" (the rest, completions without a part, is never
 * published and counts as hidden from the start). Pure.
 */
import { flatten, isSmallCount, layout, protectLines, type CellState, type Line } from './lines.ts';
import type { ProtectedCell, ProtectedTable } from './suppression.ts';

export interface LinkedTables {
  total: ProtectedTable;
  parts: ProtectedTable[];
}

/** `total` and every table in `parts` have the same shape; a part larger than the total in a cell counts as the total. */
export function protectLinkedTables(total: number[][], parts: number[][][], threshold: number): LinkedTables {
  const rows = total.length;
  const cols = total[0]?.length ?? 0;
  const shape = layout(rows, cols);
  const size = shape.size;
  const rest = total.map((row, r) => row.map((v, c) => Math.max(0, v - parts.reduce((sum, p) => sum + (p[r]?.[c] ?? 0), 0))));
  const tables = [total, ...parts, rest];
  const values = tables.flatMap((t) => flatten(t).values);
  const lines: Line[] = [];
  tables.forEach((_, t) => {
    for (const line of shape.lines) lines.push({ parts: line.parts.map((e) => t * size + e), total: line.total + t * size });
  });
  // Per entry (a cell, a row or column total, the grand total): the total table's entry is its parts' and the rest's.
  for (let e = 0; e < size; e++) lines.push({ parts: tables.slice(1).map((_, k) => (k + 1) * size + e), total: e });
  const linesOf: number[][] = Array.from({ length: values.length }, () => []);
  lines.forEach((line, i) => [...line.parts, line.total].forEach((e) => linesOf[e]!.push(i)));
  const restFrom = (tables.length - 1) * size;
  // The rest is hidden from the start. A small rest is stated as small (primary): more than an outsider knows, so
  // the protection errs on the safe side; a larger one as any other hidden entry (0 or at least the threshold).
  const initial: CellState[] = values.map((_, i) => (i >= restFrom ? 'secondary' : 'shown'));
  const states = protectLines({ values, lines, linesOf, isTotal: (i) => i % size >= rows * cols, initial, unpublished: (i) => i >= restFrom }, threshold);
  const tableAt = (t: number): ProtectedTable => {
    const at = (e: number): ProtectedCell => ({ value: values[t * size + e]!, state: states[t * size + e]! });
    return {
      cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => at(shape.cell(r, c)))),
      rowTotals: Array.from({ length: rows }, (_, r) => at(shape.rowTotal(r))),
      colTotals: Array.from({ length: cols }, (_, c) => at(shape.colTotal(c))),
      grandTotal: at(shape.grand),
    };
  };
  return { total: tableAt(0), parts: parts.map((_, k) => tableAt(k + 1)) };
}

/** Every entry of the linked tables with its state, and the lines an outsider knows: to attack the result in tests. */
export function linkedSystem(linked: LinkedTables, threshold: number): { values: number[]; states: CellState[]; lines: Line[] } {
  const rows = linked.total.cells.length;
  const cols = linked.total.cells[0]?.length ?? 0;
  const shape = layout(rows, cols);
  const size = shape.size;
  const entries = (t: ProtectedTable) => [...t.cells.flat(), ...t.rowTotals, ...t.colTotals, t.grandTotal];
  const published = [linked.total, ...linked.parts].map(entries);
  const tables = published.length;
  // The rest (never published) as hidden entries, stated as the protection states them (a small one as small).
  const rest: ProtectedCell[] = published[0]!.map((e, i) => {
    const value = Math.max(0, e.value - published.slice(1).reduce((s, p) => s + p[i]!.value, 0));
    return { value, state: isSmallCount(value, threshold) ? 'primary' : 'secondary' };
  });
  const all = [...published, rest].flat();
  const lines: Line[] = [];
  for (let t = 0; t <= tables; t++) for (const line of shape.lines) lines.push({ parts: line.parts.map((e) => t * size + e), total: line.total + t * size });
  for (let e = 0; e < size; e++) lines.push({ parts: Array.from({ length: tables }, (_, k) => (k + 1) * size + e), total: e });
  return { values: all.map((c) => c.value), states: all.map((c) => c.state), lines };
}
