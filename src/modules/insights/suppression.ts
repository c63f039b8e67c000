/**
 * Statistical disclosure control for the dashboard: small counts are hidden ("< 10"), and enough other cells
 * are hidden as well that the small ones cannot be worked out again from the row and column totals.
 *
 * Pure functions over plain numbers, so the protection can be tested (and attacked) without a database.
 */

export type CellState = 'shown' | 'primary' | 'secondary';

export interface ProtectedCell {
  value: number;
  state: CellState;
}

export interface ProtectedTable {
  cells: ProtectedCell[][];
  rowTotals: ProtectedCell[];
  colTotals: ProtectedCell[];
  grandTotal: ProtectedCell;
}

/** Bounds an outsider can derive for every entry of a published table. */
export interface Bounds {
  lo: number;
  hi: number;
}

/** A count in 1..threshold-1 is too small to publish. Zero is published: it describes no one. */
export function isSmallCount(value: number, threshold: number): boolean {
  return value > 0 && value < threshold;
}

/**
 * The table as a flat list of entries (cells, then row totals, column totals, the grand total) and the
 * additive lines that tie them together: every row, every column, the totals row and the totals column.
 */
function layout(rows: number, cols: number) {
  const cell = (r: number, c: number) => r * cols + c;
  const rowTotal = (r: number) => rows * cols + r;
  const colTotal = (c: number) => rows * cols + rows + c;
  const grand = rows * cols + rows + cols;
  const lines: { parts: number[]; total: number }[] = [];
  for (let r = 0; r < rows; r++) lines.push({ parts: Array.from({ length: cols }, (_, c) => cell(r, c)), total: rowTotal(r) });
  for (let c = 0; c < cols; c++) lines.push({ parts: Array.from({ length: rows }, (_, r) => cell(r, c)), total: colTotal(c) });
  lines.push({ parts: Array.from({ length: cols }, (_, c) => colTotal(c)), total: grand });
  lines.push({ parts: Array.from({ length: rows }, (_, r) => rowTotal(r)), total: grand });
  const linesOf: number[][] = Array.from({ length: grand + 1 }, () => []);
  lines.forEach((line, i) => [...line.parts, line.total].forEach((e) => linesOf[e]!.push(i)));
  return { cell, rowTotal, colTotal, grand, size: grand + 1, lines, linesOf };
}

function flatten(cells: number[][]): { values: number[]; rows: number; cols: number } {
  const rows = cells.length;
  const cols = cells[0]?.length ?? 0;
  const values: number[] = [];
  for (const row of cells) for (const v of row) values.push(v);
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = Array.from({ length: cols }, (_, c) => cells.reduce((a, row) => a + row[c]!, 0));
  return { values: [...values, ...rowTotals, ...colTotals, rowTotals.reduce((a, b) => a + b, 0)], rows, cols };
}

/**
 * What an outsider learns about each entry from what is published: shown values, the rule that a primary
 * cell lies in 1..threshold-1, and the rule that any other hidden cell is 0 or at least the threshold.
 * Interval propagation over every line until nothing changes. Used by `protectTable` to check its own work.
 */
export function deriveBounds(values: number[], states: CellState[], rows: number, cols: number, threshold: number): Bounds[] {
  const { lines } = layout(rows, cols);
  const bounds: Bounds[] = values.map((v, i) =>
    states[i] === 'shown' ? { lo: v, hi: v } : states[i] === 'primary' ? { lo: 1, hi: threshold - 1 } : { lo: 0, hi: Infinity },
  );
  for (let pass = 0; pass < 200; pass++) {
    let changed = false;
    const tighten = (i: number, lo: number, hi: number) => {
      const b = bounds[i]!;
      let nlo = Math.max(b.lo, Math.ceil(lo));
      let nhi = Math.min(b.hi, Math.floor(hi));
      if (states[i] === 'secondary') {
        // Hidden but not small: 0 or >= threshold.
        if (nlo >= 1 && nlo < threshold) nlo = threshold;
        if (nhi < threshold && nhi >= 1) nhi = 0;
      }
      if (nlo !== b.lo || nhi !== b.hi) {
        b.lo = nlo;
        b.hi = nhi;
        changed = true;
      }
    };
    for (const line of lines) {
      const sumLo = line.parts.reduce((a, p) => a + bounds[p]!.lo, 0);
      const sumHi = line.parts.reduce((a, p) => a + bounds[p]!.hi, 0);
      tighten(line.total, sumLo, sumHi);
      const total = bounds[line.total]!;
      for (const p of line.parts) {
        const b = bounds[p]!;
        const othersLo = sumLo - b.lo;
        const othersHi = sumHi === Infinity && b.hi === Infinity ? line.parts.reduce((a, q) => (q === p ? a : a + bounds[q]!.hi), 0) : sumHi - b.hi;
        tighten(p, total.lo - othersHi, total.hi - othersLo);
      }
    }
    if (!changed) break;
  }
  return bounds;
}

/**
 * Hides small counts (primary suppression) and then, while any hidden small count could still be pinned down
 * exactly from the published totals, hides one more cell on a line through it (secondary suppression).
 * The complement chosen is the smallest shown cell on that line (least information lost), preferring
 * inner cells over totals and non-zero cells over zeros.
 */
export function protectTable(cells: number[][], threshold: number): ProtectedTable {
  const { values, rows, cols } = flatten(cells);
  const { lines, linesOf, cell, rowTotal, colTotal, grand } = layout(rows, cols);
  const states: CellState[] = values.map((v) => (isSmallCount(v, threshold) ? 'primary' : 'shown'));
  const isTotal = (i: number) => i >= rows * cols;

  // Cheap first round: no line may have exactly one hidden entry.
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const members = [...line.parts, line.total];
      const hidden = members.filter((m) => states[m] !== 'shown');
      if (hidden.length === 1) {
        const pick = pickComplement(members, values, states, isTotal);
        if (pick !== undefined) {
          states[pick] = 'secondary';
          changed = true;
        }
      }
    }
  }

  // Then attack the table as an outsider would, and hide more while a small count can be recovered.
  for (let guard = 0; guard < values.length; guard++) {
    const bounds = deriveBounds(values, states, rows, cols, threshold);
    const exposed = states.findIndex((s, i) => s === 'primary' && bounds[i]!.lo === bounds[i]!.hi);
    if (exposed < 0) break;
    // Look for a shown entry on the lines through the exposed cell, then further out through hidden entries.
    let pick: number | undefined;
    const seenLines = new Set<number>();
    const queue = [...linesOf[exposed]!];
    while (queue.length > 0 && pick === undefined) {
      const li = queue.shift()!;
      if (seenLines.has(li)) continue;
      seenLines.add(li);
      const members = [...lines[li]!.parts, lines[li]!.total];
      pick = pickComplement(members, values, states, isTotal);
      if (pick === undefined) for (const m of members) queue.push(...linesOf[m]!);
    }
    if (pick === undefined) break; // everything is hidden already
    states[pick] = 'secondary';
  }

  const at = (i: number): ProtectedCell => ({ value: values[i]!, state: states[i]! });
  return {
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => at(cell(r, c)))),
    rowTotals: Array.from({ length: rows }, (_, r) => at(rowTotal(r))),
    colTotals: Array.from({ length: cols }, (_, c) => at(colTotal(c))),
    grandTotal: at(grand),
  };
}

function pickComplement(members: number[], values: number[], states: CellState[], isTotal: (i: number) => boolean): number | undefined {
  const candidates = members.filter((m) => states[m] === 'shown');
  if (candidates.length === 0) return undefined;
  const rank = (m: number) => [isTotal(m) ? 1 : 0, values[m] === 0 ? 1 : 0, values[m]!, m];
  candidates.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return 0;
  });
  return candidates[0];
}

/** A one-dimensional series (no totals published beside it): only the small counts themselves are hidden. */
export function protectSeries(values: number[], threshold: number): ProtectedCell[] {
  return values.map((value) => ({ value, state: isSmallCount(value, threshold) ? 'primary' : 'shown' }));
}

/**
 * A derived figure (a share, a percentage, a difference) is only shown when every count it is computed from
 * is shown; otherwise it would give away the hidden count.
 */
export function derived(parts: ProtectedCell[], compute: (...values: number[]) => number | null): number | null {
  if (parts.some((p) => p.state !== 'shown')) return null;
  return compute(...parts.map((p) => p.value));
}

/** What a person sees in a table cell. */
export function displayCell(cell: ProtectedCell, threshold: number, format: (v: number) => string = (v) => String(v)): string {
  if (cell.state === 'primary') return `< ${threshold}`;
  if (cell.state === 'secondary') return 'afgeschermd';
  return format(cell.value);
}
