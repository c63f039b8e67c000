import { describe, expect, it } from 'vitest';
import { addSeries, buildView, combine } from './views.ts';
import { protectTable } from './suppression.ts';

describe('views of one protected base table', () => {
  it('shows a sum only when every part is shown; a single part keeps its own state', () => {
    expect(
      combine(
        [
          { value: 12, state: 'shown' },
          { value: 30, state: 'shown' },
        ],
        'sum',
      ),
    ).toEqual({ value: 42, state: 'shown' });
    expect(
      combine(
        [
          { value: 4, state: 'primary' },
          { value: 30, state: 'shown' },
        ],
        'sum',
      ).state,
    ).toBe('secondary');
    expect(combine([{ value: 4, state: 'primary' }], 'sum').state).toBe('primary');
    expect(
      combine(
        [
          { value: 40, state: 'shown' },
          { value: 4, state: 'primary' },
        ],
        'last',
      ),
    ).toEqual({ value: 4, state: 'primary' });
  });

  it('never publishes a number that contains a hidden base cell, whatever the grouping', () => {
    // Two wijken × three months; wijk A has 4 in January.
    const table = protectTable(
      [
        [4, 50, 60],
        [70, 80, 90],
      ],
      10,
    );
    const months = ['2021-01', '2021-02', '2021-03'];
    const series = ['A', 'B'].map((code, r) => ({ code, name: code, cells: new Map(months.map((m, i) => [m, table.cells[r]![i]!])) }));
    const totals = new Map(months.map((m, i) => [m, table.colTotals[i]!]));
    const hiddenBase = new Set(series.flatMap((s) => [...s.cells].filter(([, c]) => c.state !== 'shown').map(([m]) => `${s.code}${m}`)));
    const groupings = [[['2021-01', '2021-02', '2021-03']], [['2021-01'], ['2021-02', '2021-03']], [['2021-01', '2021-02'], ['2021-03']]];
    for (const grouping of groupings) {
      const view = buildView(
        series,
        totals,
        grouping.map((base, i) => ({ code: `P${i}`, base })),
        'sum',
      );
      view.rows.forEach((row) =>
        grouping.forEach((base, i) => {
          const containsHidden = base.some((m) => hiddenBase.has(`${row.code}${m}`));
          if (containsHidden) expect(row.cells[i]!.state).not.toBe('shown');
        }),
      );
      expect(view.rows[0]!.total.state).not.toBe('shown');
    }
  });

  it('adds municipalities into a region entry-wise, hiding a sum with a hidden part', () => {
    const a = new Map([
      ['2021-01', { value: 120, state: 'shown' as const }],
      ['2021-02', { value: 6, state: 'primary' as const }],
    ]);
    const b = new Map([
      ['2021-01', { value: 80, state: 'shown' as const }],
      ['2021-02', { value: 90, state: 'shown' as const }],
    ]);
    const region = addSeries([a, b]);
    expect(region.get('2021-01')).toEqual({ value: 200, state: 'shown' });
    expect(region.get('2021-02')!.state).toBe('secondary');
  });
});
