import { describe, expect, it } from 'vitest';
import { linkedSystem, protectLinkedTables, type LinkedTables } from './linkedTables.ts';
import { deriveLineBounds, protectTable, type CellState } from './suppression.ts';

const T = 10;

/** Every hidden small count an outsider can pin down from everything published, across the linked tables. */
function recovered(linked: LinkedTables): number[] {
  const { values, states, lines } = linkedSystem(linked, T);
  const bounds = deriveLineBounds(values, states, lines, T);
  return states.flatMap((s, i) => (s === 'primary' && bounds[i]!.lo === bounds[i]!.hi ? [values[i]!] : []));
}

// One area (the municipality), three months: completed tests and the four outcomes they add up to.
const parts = [[[3, 22, 25]], [[20, 21, 30]], [[30, 12, 14]], [[40, 15, 11]]];
const total = [[93, 70, 80]];

describe('counts that add up to another count', () => {
  it('lets the total minus three shown parts give away a small fourth when each is protected alone', () => {
    const alone: LinkedTables = { total: protectTable(total, T), parts: parts.map((p) => protectTable(p, T)) };
    expect(recovered(alone)).toContain(3);
  });

  it('hides enough when they are protected as one system, and shows every other figure as it is', () => {
    const linked = protectLinkedTables(total, parts, T);
    expect(recovered(linked)).toEqual([]);
    expect(linked.parts[0]!.cells[0]![0]!.state).toBe('primary');
    // In the month of the small count, at least one more figure on the line total = parts is hidden.
    const month0 = [linked.total.cells[0]![0]!, ...linked.parts.map((p) => p.cells[0]![0]!)];
    expect(month0.filter((c) => c.state !== 'shown').length).toBeGreaterThanOrEqual(2);
    for (const [k, p] of linked.parts.entries())
      for (const [c, cell] of p.cells[0]!.entries()) if (cell.state === 'shown') expect(cell.value).toBe(parts[k]![0]![c]);
  });

  it('never leaves a small count recoverable, over many random tables with a rest that is never published', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const count = () => (random() < 0.3 ? Math.floor(random() * 10) : Math.floor(random() * 60));
    for (let run = 0; run < 200; run++) {
      const rows = 1 + Math.floor(random() * 3);
      const cols = 1 + Math.floor(random() * 5);
      const ps = Array.from({ length: 4 }, () => Array.from({ length: rows }, () => Array.from({ length: cols }, count)));
      const tot = Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c) => ps.reduce((s, p) => s + p[r]![c]!, 0) + (random() < 0.2 ? count() : 0)),
      );
      const linked = protectLinkedTables(tot, ps, T);
      expect(recovered(linked), `run ${run}`).toEqual([]);
      const states: CellState[] = [linked.total, ...linked.parts].flatMap((t) => t.cells.flat().map((c) => c.state));
      expect(states.every((s) => s === 'shown' || s === 'primary' || s === 'secondary')).toBe(true);
    }
  });
});
