import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateAmounts,
  amountSensitivity,
  defaultAmountRule,
  deriveAmountBounds,
  displayCell,
  fewContributorsMargin,
  protectAmountTable,
  reasonOf,
  type AmountInput,
  type CellState,
  type ProtectedTable,
} from './suppression.ts';

const rule = defaultAmountRule;
const many = (value: number, contributors = 10): AmountInput => ({
  value,
  contributors,
  largest: [Math.ceil(value / contributors), Math.ceil(value / contributors)],
});
const one = (value: number): AmountInput => ({ value, contributors: 1, largest: [value] });

function published(table: ProtectedTable) {
  const rows = table.cells.length;
  const cols = table.cells[0]!.length;
  const entries = [...table.cells.flat(), ...table.rowTotals, ...table.colTotals, table.grandTotal];
  return { rows, cols, entries, states: entries.map((e) => e.state), values: entries.map((e) => e.value) };
}

function columnTotals(cells: AmountInput[][]): AmountInput[] {
  return cells[0]!.map((_, c) =>
    aggregateAmounts(
      cells.map((row) => row[c]!),
      rule,
    ),
  );
}

/** The outsider's range for every hidden amount must keep its protection on both sides. */
function assertProtected(cells: AmountInput[][], table: ProtectedTable) {
  const { rows, cols, entries, states, values } = published(table);
  const publishedValues = entries.map((e) => (e.state === 'shown' ? e.value : 0));
  const bounds = deriveAmountBounds(publishedValues, states, rows, cols);
  const inputs = [...cells.flat()];
  inputs.forEach((input, i) => {
    const s = amountSensitivity(input, rule);
    if (!s.reason) return;
    expect(states[i]).not.toBe('shown');
    // The attacker's upper bound leaves room, and so does the lower bound.
    expect(bounds[i]!.hi).toBeGreaterThanOrEqual(values[i]! + s.protection);
    expect(bounds[i]!.lo).toBeLessThanOrEqual(Math.max(0, values[i]! - s.protection));
  });
}

describe('amounts: minimum contributors and dominance', () => {
  it('hides an amount from one or two children, and one that a single family dominates', () => {
    expect(amountSensitivity(one(13999), rule).reason).toBe('few_contributors');
    expect(amountSensitivity({ value: 20000, contributors: 2, largest: [10000, 10000] }, rule).reason).toBe('few_contributors');
    expect(amountSensitivity({ value: 100000, contributors: 3, largest: [90000, 5000, 5000] }, rule).reason).toBe('dominance');
    expect(amountSensitivity({ value: 100000, contributors: 12, largest: [20000, 15000] }, rule).reason).toBeNull();
    // Unknown contributors: never published. Nothing spent by nobody: published.
    expect(amountSensitivity({ value: 5000, contributors: null, largest: [] }, rule).reason).toBe('few_contributors');
    expect(amountSensitivity({ value: 0, contributors: 0, largest: [] }, rule).reason).toBeNull();
  });

  it('follows the configured rule', () => {
    const strict = { minContributors: 5, dominanceN: 1, dominanceK: 50 };
    expect(amountSensitivity({ value: 1000, contributors: 4, largest: [250] }, strict).reason).toBe('few_contributors');
    expect(amountSensitivity({ value: 1000, contributors: 6, largest: [600] }, strict).reason).toBe('dominance');
    expect(amountSensitivity({ value: 1000, contributors: 6, largest: [400] }, strict).reason).toBeNull();
  });

  it('judges a sum of amounts cautiously: the same person may be behind every part', () => {
    // Two months with the same big spender on top: the sum is dominated too.
    const months = [
      { value: 10000, contributors: 3, largest: [8000, 1000] },
      { value: 10000, contributors: 3, largest: [8000, 1000] },
    ];
    expect(amountSensitivity(aggregateAmounts(months, rule), rule).reason).toBe('dominance');
    expect(amountSensitivity(aggregateAmounts([many(50000), one(100)], rule), rule).reason).toBeNull();
  });

  it('shows a hidden amount as "afgeschermd" with its reason, never as a range', () => {
    const cells = [
      [one(13999), many(50000)],
      [many(40000), many(60000)],
    ];
    const table = protectAmountTable(cells, columnTotals(cells), rule);
    expect(table.cells[0]![0]).toMatchObject({ state: 'primary', reason: 'few_contributors' });
    expect(displayCell(table.cells[0]![0]!, 10)).toBe('afgeschermd');
    expect(reasonOf(table.cells[0]![0]!)).toBe('few_contributors');
    const hidden = [...table.cells.flat(), ...table.rowTotals, ...table.colTotals].filter((c) => c.state !== 'shown');
    expect(hidden.length).toBeGreaterThanOrEqual(4);
    assertProtected(cells, table);
  });

  it('picks a complement large enough: a tiny neighbour would pin the hidden amount within cents', () => {
    // Krispijn's one child spent 139,99; Wielwijk spent 2 euro in the same month: hiding Wielwijk is not enough.
    const cells = [
      [one(13999), many(80000), many(90000)],
      [many(200, 3), many(70000), many(85000)],
      [many(60000), many(65000), many(70000)],
    ];
    const table = protectAmountTable(cells, columnTotals(cells), rule);
    assertProtected(cells, table);
  });

  it('the attacker is real: with only the sensitive cell hidden, the totals give it away', () => {
    const cells = [
      [one(13999), many(50000)],
      [many(40000), many(60000)],
    ];
    const values = [13999, 50000, 40000, 60000, 63999, 100000, 53999, 110000, 163999];
    const states: CellState[] = values.map((_, i) => (i === 0 ? 'primary' : 'shown'));
    const bounds = deriveAmountBounds(values, states, 2, 2);
    expect(bounds[0]).toEqual({ lo: 13999, hi: 13999 });
    const table = protectAmountTable(cells, columnTotals(cells), rule);
    expect(published(table).states.filter((s) => s !== 'shown').length).toBeGreaterThan(1);
  });

  it('no hidden amount can be narrowed within its protection range, on random tables', () => {
    const amount = fc.oneof(
      fc.integer({ min: 100, max: 30000 }).map(one),
      fc.record({ value: fc.integer({ min: 1000, max: 200000 }), share: fc.integer({ min: 50, max: 99 }) }).map(({ value, share }) => ({
        value,
        contributors: 4,
        largest: [Math.round((value * share) / 100), Math.round((value * (100 - share)) / 300)],
      })),
      fc.integer({ min: 0, max: 500000 }).map((v) => many(v, 20)),
      fc.constant<AmountInput>({ value: 0, contributors: 0, largest: [] }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((rows) => fc.array(fc.array(amount, { minLength: 3, maxLength: 3 }), { minLength: rows, maxLength: rows })),
        (cells) => {
          const table = protectAmountTable(cells, columnTotals(cells), rule);
          assertProtected(cells, table);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps the margin it promises for an amount from a few people', () => {
    expect(amountSensitivity(one(10000), rule).protection).toBe(Math.ceil(10000 * fewContributorsMargin));
  });
});
