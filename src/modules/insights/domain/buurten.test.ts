import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../periods.ts';
import { deriveBounds, type CellState } from '../suppression.ts';
import { protectBuurten } from './buurten.ts';
import { countTable, protectBase, type ProtectedBase, type RawDashboardRow } from './dashboard.ts';

const T = 10;
const months = ['2021-01', '2021-02', '2021-03'];
const names = new Map([
  ['WK050504', 'Wielwijk'],
  ['WK050505', 'Crabbehof'],
  ['BU05050401', 'Wielwijk-Noord'],
  ['BU05050402', 'Wielwijk-Zuid'],
]);

/** Wijk and municipality rows from buurt figures per wijk (the wijk is the sum of its buurten plus `extra`). */
function figures(buurten: Record<string, number[]>, wijken: Record<string, number[]>) {
  const rows = (area: string, values: number[]): RawDashboardRow[] => values.map((value, i) => ({ area, period: months[i]!, value }));
  const buurtRows = Object.entries(buurten).flatMap(([code, v]) => rows(code, v));
  const wijkRows = Object.entries(wijken).flatMap(([code, v]) => rows(code, v));
  const municipal = rows(
    'GM0505',
    months.map((_, i) => Object.values(wijken).reduce((a, v) => a + v[i]!, 0)),
  );
  const wijkBase = protectBase({ wijken: wijkRows, municipal, names, municipalityCode: 'GM0505', municipalityName: 'Dordrecht' }, T);
  return { wijkBase, buurtBase: protectBuurten({ buurten: buurtRows, wijkBase, names }, T) };
}

const stateOf = (base: ProtectedBase, code: string, period: string) => base.series.find((s) => s.code === code)!.cells.get(period)!;

/**
 * The outsider's view of one wijk at buurt level: its buurt entries as published, with the wijk's own figures as
 * the wijk view publishes them as column totals. Returns the small counts they can pin down exactly.
 */
function pinned(wijkBase: ProtectedBase, buurtBase: ProtectedBase, wijk: string): string[] {
  const series = buurtBase.series.filter((s) => s.code.startsWith(`BU${wijk.slice(2)}`) || s.code === `${wijk}-OVERIG`);
  const periods = buurtBase.periods;
  const rows = series.length;
  const cols = periods.length;
  const cells = series.flatMap((s) => periods.map((p) => s.cells.get(p)!));
  const rowTotals = series.map((s) => [...s.cells.values()].reduce((a, c) => a + c.value, 0));
  const wijkRow = wijkBase.series.find((s) => s.code === wijk)!;
  const colTotals = periods.map((p) => wijkRow.cells.get(p)!);
  const values = [...cells.map((c) => c.value), ...rowTotals, ...colTotals.map((c) => c.value), colTotals.reduce((a, c) => a + c.value, 0)];
  // Row totals are published only when every entry in them is (views.ts); the grand total when every column is.
  // A hidden row total reads "afgeschermd" whatever its size; the outsider is granted more than that: whether it
  // is small (1 to 9) or not. Only true facts, so the attack stays consistent and is at least as strong as real.
  const hiddenTotal = (v: number): CellState => (v >= 1 && v < T ? 'primary' : 'secondary');
  const states: CellState[] = [
    ...cells.map((c) => c.state),
    ...series.map((s, r) => ([...s.cells.values()].every((c) => c.state === 'shown') ? 'shown' : hiddenTotal(rowTotals[r]!))),
    ...colTotals.map((c) => c.state),
    colTotals.every((c) => c.state === 'shown') ? 'shown' : hiddenTotal(values[values.length - 1]!),
  ];
  const bounds = deriveBounds(values, states, rows, cols, T);
  return cells.flatMap((c, i) =>
    c.state === 'primary' && bounds[i]!.lo === bounds[i]!.hi ? [`${series[Math.floor(i / cols)]!.code} ${periods[i % cols]}`] : [],
  );
}

describe('buurt level', () => {
  it('shows buurten with names, what the wijk holds beyond its buurten as its own row, and wijken without buurten as they are', () => {
    const { buurtBase } = figures({ BU05050401: [60, 70, 80], BU05050402: [40, 45, 50] }, { WK050504: [100, 115, 140], WK050505: [90, 95, 100] });
    expect(buurtBase.series.map((s) => [s.code, s.name])).toEqual([
      ['BU05050401', 'Wielwijk-Noord'],
      ['BU05050402', 'Wielwijk-Zuid'],
      ['WK050504-OVERIG', 'Wielwijk: niet toe te wijzen aan een buurt'],
      ['WK050505', 'Crabbehof (geen buurtcijfers)'],
    ]);
    expect(stateOf(buurtBase, 'BU05050401', '2021-01')).toEqual({ value: 60, state: 'shown' });
    // 140 - 80 - 50 = 10 in March, shown; January and February add up exactly, so the rest row is 0 there.
    expect(stateOf(buurtBase, 'WK050504-OVERIG', '2021-03')).toEqual({ value: 10, state: 'shown' });
    expect(buurtBase.totals.get('2021-03')).toMatchObject({ value: 240, state: 'shown' });
  });

  it('hides a small buurt count and enough beside it that the shown wijk figure does not give it back', () => {
    const { wijkBase, buurtBase } = figures({ BU05050401: [95, 100, 105], BU05050402: [4, 30, 30] }, { WK050504: [99, 130, 135], WK050505: [90, 95, 100] });
    // The wijk itself is shown in January (99): 99 - 95 would give the 4 back unless Wielwijk-Noord is hidden too.
    expect(stateOf(wijkBase, 'WK050504', '2021-01').state).toBe('shown');
    expect(stateOf(buurtBase, 'BU05050402', '2021-01').state).toBe('primary');
    expect(stateOf(buurtBase, 'BU05050401', '2021-01').state).not.toBe('shown');
    expect(pinned(wijkBase, buurtBase, 'WK050504')).toEqual([]);
  });

  it('hides every buurt of a wijk in a period where the wijk figure itself is hidden', () => {
    const { wijkBase, buurtBase } = figures({ BU05050401: [3, 50, 60], BU05050402: [2, 40, 45] }, { WK050504: [5, 90, 105], WK050505: [90, 95, 100] });
    expect(stateOf(wijkBase, 'WK050504', '2021-01').state).toBe('primary');
    expect(stateOf(buurtBase, 'BU05050401', '2021-01').state).toBe('primary');
    expect(stateOf(buurtBase, 'BU05050402', '2021-01').state).toBe('primary');
    // A complement of the wijk table (another wijk's or another month's figure) is hidden among the buurten too.
    for (const s of wijkBase.series.filter((x) => x.code === 'WK050504'))
      for (const [p, c] of s.cells)
        if (c.state !== 'shown') for (const b of ['BU05050401', 'BU05050402']) expect(stateOf(buurtBase, b, p).state, `${b} ${p}`).not.toBe('shown');
  });

  it('never lets a small buurt count be pinned down from the buurt view and the wijk view together (random tables)', () => {
    const count = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 10, max: 80 }));
    fc.assert(
      fc.property(
        fc.array(fc.array(count, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(12), { minLength: 3, maxLength: 3 }),
        (buurtValues, extra) => {
          const buurten = Object.fromEntries(buurtValues.map((v, i) => [`BU0505040${i + 1}`, v]));
          const wielwijk = months.map((_, m) => buurtValues.reduce((a, v) => a + v[m]!, 0) + extra[m]!);
          const { wijkBase, buurtBase } = figures(buurten, { WK050504: wielwijk, WK050505: [90, 95, 100] });
          expect(pinned(wijkBase, buurtBase, 'WK050504')).toEqual([]);
          // Every published buurt figure under a hidden wijk figure is hidden.
          const wijkRow = wijkBase.series.find((s) => s.code === 'WK050504')!;
          for (const s of buurtBase.series.filter((x) => x.code.startsWith('BU')))
            for (const p of months) if (wijkRow.cells.get(p)!.state !== 'shown') expect(s.cells.get(p)!.state).not.toBe('shown');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives the dashboard table at buurt level, filtered by wijk, with the municipality total', () => {
    const { buurtBase } = figures({ BU05050401: [60, 70, 80], BU05050402: [40, 45, 50] }, { WK050504: [100, 115, 140], WK050505: [90, 95, 100] });
    const table = countTable(
      {
        level: 'buurt',
        bases: [{ code: 'GM0505', name: 'Dordrecht', base: buurtBase }],
        areaFilter: new Set(['WK050504']),
        aggregation: 'sum',
        granularity: 'quarter',
        from: parsePeriod('2021-01')!,
        to: parsePeriod('2021-03')!,
        unit: 'count',
      },
      T,
    );
    expect(table.rows.map((r) => [r.areaCode, r.total?.display])).toEqual([
      ['BU05050401', '210'],
      ['BU05050402', '135'],
      ['WK050504-OVERIG', '10'],
    ]);
    expect(table.grandTotal?.display).toBe('640');
  });
});
