import { describe, expect, it } from 'vitest';
import { measureKind } from '../catalogue.ts';
import { formatter } from './dashboard.ts';
import { addAreas, ratioCell, ratioTable, rollUp } from './totals.ts';

const percent = formatter('percent');
const names = new Map([
  ['GM0505', 'Dordrecht'],
  ['GM0482', 'Alblasserdam'],
]);
const periods = ['2026-01', '2026-02'];
const rows = (area: string, values: number[]) => values.map((value, i) => ({ area, period: periods[i]!, value }));

describe('totals of shares and averages', () => {
  it('gives each measure its kind, with the parts of a share', () => {
    expect(measureKind({ code: 'pass.reach_percent', unit: 'percent' })).toEqual({
      kind: 'share',
      numerator: 'pass.holders_low_income',
      denominator: 'pass.target_group_adults',
    });
    expect(measureKind({ code: 'pass.holders', unit: 'count' }).kind).toBe('count');
    expect(measureKind({ code: 'pass.child_budget_spent_cents.sport', unit: 'cents' }).kind).toBe('amount');
    expect(measureKind({ code: 'referrals.first_contact_days', unit: 'days' }).kind).toBe('figure');
  });

  it('rolls a flow up by adding and a stock by its last period', () => {
    expect(rollUp([3, undefined, 4], 'sum')).toBe(7);
    expect(rollUp([3, 4, 9], 'last')).toBe(9);
    expect(rollUp([undefined, undefined], 'sum')).toBeUndefined();
    expect(
      addAreas(
        [
          [1, undefined],
          [2, undefined],
        ],
        2,
      ),
    ).toEqual([3, undefined]);
  });

  it('computes the total of a share from numerator and denominator, never by adding percentages', () => {
    // Dordrecht 100 of 1,000 (10%) and Alblasserdam 90 of 100 (90%): together 190 of 1,100, not 100% nor 50%.
    const table = ratioTable(
      {
        part: { data: [...rows('GM0505', [100, 110]), ...rows('GM0482', [90, 95])], municipal: [], aggregation: 'last' },
        whole: { data: [...rows('GM0505', [1000, 1000]), ...rows('GM0482', [100, 100])], municipal: [], aggregation: 'last' },
        factor: 100,
        level: 'municipality',
        names,
        areaFilter: null,
        periods,
        format: percent,
      },
      10,
    );
    expect(table.rows.map((r) => [r.name, r.cells.map((c) => c.display), r.total?.display])).toEqual([
      ['Alblasserdam', ['90%', '95%'], '95%'],
      ['Dordrecht', ['10%', '11%'], '11%'],
    ]);
    expect(table.totals?.map((c) => c.display)).toEqual(['17,3%', '18,6%']);
    expect(table.totals!.every((c) => c.value! <= 100)).toBe(true);
    expect(table.grandTotal?.display).toBe('18,6%');
  });

  it('adds a flow share over the period before dividing', () => {
    // 1 of 40 and 9 of 160: over both months 10 of 200 = 5%, not the mean of 2.5% and 5.6%.
    const table = ratioTable(
      {
        part: { data: rows('GM0505', [1, 9]), municipal: [], aggregation: 'sum' },
        whole: { data: rows('GM0505', [40, 160]), municipal: [], aggregation: 'sum' },
        factor: 100,
        level: 'municipality',
        names,
        areaFilter: null,
        periods,
        format: percent,
      },
      10,
    );
    expect(table.rows[0]!.cells.map((c) => c.display)).toEqual(['2,5%', '5,6%']);
    expect(table.rows[0]!.total?.display).toBe('5%');
  });

  it("uses the municipality's own parts for the total row at wijk level, and leaves a total empty without a denominator", () => {
    const table = ratioTable(
      {
        part: { data: rows('WK050501', [3, 4]), municipal: rows('GM0505', [5, 6]), aggregation: 'last' },
        whole: { data: [], municipal: [{ area: 'GM0505', period: '2026-01', value: 9795 }], aggregation: 'last' },
        factor: 100,
        level: 'wijk',
        names,
        areaFilter: null,
        periods,
        format: percent,
      },
      10,
    );
    expect(table.rows).toEqual([]);
    // 5 of 9,795 is 0.05%: shown with a decimal, not as 0.
    expect(table.totals?.[0]?.display).toBe('0,1%');
    expect(table.totals?.[0]?.value).toBeCloseTo(0.051, 3);
    expect(table.totals?.[1]).toEqual({ value: null, display: '–', suppressed: null, reason: null });
  });

  it('hides a share of a group smaller than the threshold', () => {
    expect(ratioCell(1, 4, 100, 10, percent)).toEqual({ value: null, display: 'afgeschermd', suppressed: 'primary', reason: 'built_on_hidden' });
    expect(ratioCell(0, 0, 100, 10, percent).value).toBeNull();
    expect(ratioCell(30, 12, 1, 10, formatter('days')).display).toBe('2,5 dagen');
  });
});
