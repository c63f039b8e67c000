/**
 * The lines of a published table and the protection over them, as pure functions over plain numbers: small counts
 * hidden, complements so none can be worked out again (suppression.ts for one table, linkedTables.ts for tables
 * that add up to one another).
 */

/** Whether an entry is shown, hidden for being small, or hidden so that a small one cannot be worked out. */
export type CellState = 'shown' | 'primary' | 'secondary';

/** Bounds an outsider can derive for every entry of a published table. */
export interface Bounds {
  lo: number;
  hi: number;
}

/** A count in 1..threshold-1 is too small to publish. Zero is published: it describes no one. */
export function isSmallCount(value: number, threshold: number): boolean {
  return value > 0 && value < threshold;
}

/** An additive line: the parts add up to the total (entries by index). */
export interface Line {
  parts: number[];
  total: number;
}

/**
 * The table as a flat list of entries (cells, then row totals, column totals, the grand total) and the
 * additive lines that tie them together: every row, every column, the totals row and the totals column.
 */
export function layout(rows: number, cols: number) {
  const cell = (r: number, c: number) => r * cols + c;
  const rowTotal = (r: number) => rows * cols + r;
  const colTotal = (c: number) => rows * cols + rows + c;
  const grand = rows * cols + rows + cols;
  const lines: Line[] = [];
  for (let r = 0; r < rows; r++) lines.push({ parts: Array.from({ length: cols }, (_, c) => cell(r, c)), total: rowTotal(r) });
  for (let c = 0; c < cols; c++) lines.push({ parts: Array.from({ length: rows }, (_, r) => cell(r, c)), total: colTotal(c) });
  lines.push({ parts: Array.from({ length: cols }, (_, c) => colTotal(c)), total: grand });
  lines.push({ parts: Array.from({ length: rows }, (_, r) => rowTotal(r)), total: grand });
  const linesOf: number[][] = Array.from({ length: grand + 1 }, () => []);
  lines.forEach((line, i) => [...line.parts, line.total].forEach((e) => linesOf[e]!.push(i)));
  return { cell, rowTotal, colTotal, grand, size: grand + 1, lines, linesOf };
}

export function flatten(cells: number[][]): { values: number[]; rows: number; cols: number } {
  const rows = cells.length;
  const cols = cells[0]?.length ?? 0;
  const values: number[] = [];
  for (const row of cells) for (const v of row) values.push(v);
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = Array.from({ length: cols }, (_, c) => cells.reduce((a, row) => a + row[c]!, 0));
  return { values: [...values, ...rowTotals, ...colTotals, rowTotals.reduce((a, b) => a + b, 0)], rows, cols };
}

/** `deriveBounds` over any system of additive lines (several linked tables; see linkedTables.ts). */
export function deriveLineBounds(values: number[], states: CellState[], lines: Line[], threshold: number): Bounds[] {
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
 * The protection itself, over any system of additive lines: small counts hidden, then complements until no line has
 * exactly one hidden entry, then (attacking its own work with `deriveLineBounds`) more complements while any small
 * count can be pinned down. `initial` may hide entries from the start (as 'secondary': never published, such as a
 * remainder no one sees). Used by `protectTable` and for tables that add up to one another (linkedTables.ts).
 */
export function protectLines(
  system: {
    values: number[];
    lines: Line[];
    linesOf: number[][];
    isTotal: (i: number) => boolean;
    initial?: CellState[];
    unpublished?: (i: number) => boolean;
  },
  threshold: number,
): CellState[] {
  const { values, lines, linesOf, isTotal, unpublished = () => false } = system;
  const states: CellState[] = values.map((v, i) => (isSmallCount(v, threshold) ? 'primary' : (system.initial?.[i] ?? 'shown')));
  // Cheap first round: no line may have exactly one hidden entry.
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const members = [...line.parts, line.total];
      // An entry never published that is not small may be worked out: it needs no complement.
      const hidden = members.filter((m) => states[m] !== 'shown' && !(states[m] === 'secondary' && unpublished(m)));
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
    const bounds = deriveLineBounds(values, states, lines, threshold);
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

  return states;
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
