import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derived, deriveBounds, displayCell, protectSeries, protectTable, type CellState, type ProtectedTable } from './suppression.ts';

const T = 10;

/** Everything an outsider sees: shown numbers, "< 10" for primary cells, "afgeschermd" for the others. */
function published(table: ProtectedTable) {
  const rows = table.cells.length;
  const cols = table.cells[0]!.length;
  const entries = [...table.cells.flat(), ...table.rowTotals, ...table.colTotals, table.grandTotal];
  return { rows, cols, entries, states: entries.map((e) => e.state), values: entries.map((e) => e.value) };
}

/**
 * The attacker: tries every assignment of the hidden inner cells that fits what is published (primary cells in
 * 1..9, other hidden cells 0 or >= 10, every shown total exact) and collects the values each hidden entry can take.
 */
function bruteForce(table: ProtectedTable, maxValue: number): Map<number, Set<number>> {
  const { rows, cols, entries } = published(table);
  const n = rows * cols;
  const domains = { primary: range(1, T - 1), secondary: [0, ...range(T, maxValue)], shown: [] as number[] };
  const domain = (state: CellState): number[] => domains[state];
  const allowed = (state: CellState, v: number) => (state === 'primary' ? v >= 1 && v < T : v === 0 || (v >= T && v <= maxValue));
  const assignment: number[] = entries.slice(0, n).map((e) => e.value);
  const hidden = entries
    .slice(0, n)
    .map((e, i) => (e.state === 'shown' ? -1 : i))
    .filter((i) => i >= 0);
  const seen = new Map<number, Set<number>>();
  entries.forEach((e, i) => e.state !== 'shown' && seen.set(i, new Set()));
  const fits = (value: number, entry: { value: number; state: CellState }) =>
    entry.state === 'shown' ? value === entry.value : entry.state === 'primary' ? value >= 1 && value < T : value === 0 || value >= T;
  const rowOk = (r: number) => fits(sum(assignment.slice(r * cols, r * cols + cols)), table.rowTotals[r]!);
  const visit = (k: number) => {
    if (k === hidden.length) {
      const colSums = range(0, cols - 1).map((c) => sum(range(0, rows - 1).map((r) => assignment[r * cols + c]!)));
      if (!colSums.every((s, c) => fits(s, table.colTotals[c]!))) return;
      if (!fits(sum(colSums), table.grandTotal)) return;
      const all = [...assignment, ...range(0, rows - 1).map((r) => sum(assignment.slice(r * cols, r * cols + cols))), ...colSums, sum(colSums)];
      for (const [i, set] of seen) set.add(all[i]!);
      return;
    }
    const i = hidden[k]!;
    const r0 = Math.floor(i / cols);
    const lastInRow = !hidden.slice(k + 1).some((h) => Math.floor(h / cols) === r0);
    const rowTotal = table.rowTotals[r0]!;
    // The last hidden cell of a row with a shown total is forced: no need to try every value.
    const candidates =
      lastInRow && rowTotal.state === 'shown'
        ? [rowTotal.value - sum(assignment.slice(r0 * cols, r0 * cols + cols).map((v, c) => (r0 * cols + c === i ? 0 : v)))].filter((v) =>
            allowed(entries[i]!.state, v),
          )
        : domain(entries[i]!.state);
    for (const v of candidates) {
      assignment[i] = v;
      const r = Math.floor(i / cols);
      // Prune: once a row is complete, its total must fit.
      const rowComplete = !hidden.slice(k + 1).some((h) => Math.floor(h / cols) === r);
      if (rowComplete && !rowOk(r)) continue;
      visit(k + 1);
    }
  };
  visit(0);
  return seen;
}

const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('protectTable', () => {
  it('shows counts of 10 and more, hides 1..9 as "< 10", and shows zero', () => {
    const table = protectTable(
      [
        [120, 45, 0],
        [80, 60, 33],
      ],
      T,
    );
    expect(table.cells.flat().every((c) => c.state === 'shown')).toBe(true);
    const small = protectSeries([0, 3, 9, 10], T);
    expect(small.map((c) => displayCell(c, T))).toEqual(['0', '< 10', '< 10', '10']);
  });

  it('hides a second cell in the row and column of a small count, so subtraction from the totals gives nothing', () => {
    // Wijk × quarter: 4 in the top-left cell. Row total 4+50+61=115 and column total 4+70=74 are published.
    const table = protectTable(
      [
        [4, 50, 61],
        [70, 80, 90],
      ],
      T,
    );
    expect(table.cells[0]![0]!.state).toBe('primary');
    const hiddenInRow = table.cells[0]!.filter((c) => c.state !== 'shown').length + (table.rowTotals[0]!.state !== 'shown' ? 1 : 0);
    const hiddenInCol = [table.cells[0]![0]!, table.cells[1]![0]!, table.colTotals[0]!].filter((c) => c.state !== 'shown').length;
    expect(hiddenInRow).toBeGreaterThanOrEqual(2);
    expect(hiddenInCol).toBeGreaterThanOrEqual(2);
    // The naive attack: row total minus the shown cells of the row.
    const rowTotal = table.rowTotals[0]!;
    const shownInRow = table.cells[0]!.filter((c) => c.state === 'shown').reduce((a, c) => a + c.value, 0);
    const hiddenSum = rowTotal.value - shownInRow;
    expect(hiddenSum).not.toBe(4); // what is left over covers more than the small cell
  });

  it('cannot be reversed: an exhaustive attacker finds at least two possible values for every hidden small count', () => {
    const tables = [
      [
        [4, 50, 61],
        [70, 80, 90],
      ],
      [
        [1, 12, 30],
        [14, 2, 25],
        [40, 33, 3],
      ],
      [
        [9, 10, 10],
        [10, 10, 10],
      ],
      [
        [5, 0, 0],
        [0, 0, 40],
      ],
      [
        [3, 11],
        [11, 3],
      ],
      [
        [2, 7],
        [12, 40],
      ],
    ];
    for (const cells of tables) {
      const table = protectTable(cells, T);
      const result = bruteForce(table, table.grandTotal.value + 10);
      const { states } = published(table);
      for (const [i, values] of result) {
        expect(values.size, `table ${JSON.stringify(cells)} entry ${i}`).toBeGreaterThan(0); // the truth fits
        if (states[i] === 'primary') expect(values.size, `small count at entry ${i} of ${JSON.stringify(cells)} was recovered`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('holds for random tables (property test with the exhaustive attacker)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((rows) =>
          fc.integer({ min: 2, max: 3 }).chain((cols) =>
            fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 10, max: 16 })), { minLength: cols, maxLength: cols }), {
              minLength: rows,
              maxLength: rows,
            }),
          ),
        ),
        (cells) => {
          const table = protectTable(cells, T);
          const { states, values } = published(table);
          // What is shown is the truth.
          states.forEach((s, i) => s === 'shown' && expect(values[i]).toBe(published(protectTable(cells, T)).values[i]));
          const grand = table.grandTotal.value;
          const result = bruteForce(table, Math.max(grand, T) + 3);
          for (const [i, set] of result) if (states[i] === 'primary') expect(set.size).toBeGreaterThanOrEqual(2);
        },
      ),
      { numRuns: 40, seed: 20210601 },
    );
  });

  it('agrees with its own interval attack: no hidden small count has an exact bound', () => {
    const table = protectTable(
      [
        [1, 12, 30],
        [14, 2, 25],
        [40, 33, 3],
      ],
      T,
    );
    const { rows, cols, states, values } = published(table);
    const bounds = deriveBounds(values, states, rows, cols, T);
    states.forEach((s, i) => s === 'primary' && expect(bounds[i]!.hi).toBeGreaterThan(bounds[i]!.lo));
  });

  it('would be recovered without secondary suppression (the attack works on a naive table)', () => {
    // Only the small cell hidden: the attacker gets it back exactly. This proves the attacker is real.
    const naive: ProtectedTable = {
      cells: [
        [
          { value: 4, state: 'primary' },
          { value: 50, state: 'shown' },
        ],
        [
          { value: 70, state: 'shown' },
          { value: 80, state: 'shown' },
        ],
      ],
      rowTotals: [
        { value: 54, state: 'shown' },
        { value: 150, state: 'shown' },
      ],
      colTotals: [
        { value: 74, state: 'shown' },
        { value: 130, state: 'shown' },
      ],
      grandTotal: { value: 204, state: 'shown' },
    };
    expect([...bruteForce(naive, 60).get(0)!]).toEqual([4]);
  });
});

describe('derived figures', () => {
  it('suppresses a percentage computed from a hidden count', () => {
    const shown = { value: 40, state: 'shown' as const };
    const hidden = { value: 4, state: 'primary' as const };
    expect(derived([shown, { value: 200, state: 'shown' }], (a, b) => (100 * a!) / b!)).toBe(20);
    expect(derived([hidden, { value: 200, state: 'shown' }], (a, b) => (100 * a!) / b!)).toBeNull();
    expect(derived([shown, { value: 200, state: 'secondary' }], (a, b) => (100 * a!) / b!)).toBeNull();
  });
});
