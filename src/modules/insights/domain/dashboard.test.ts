import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../periods.ts';
import {
  compareBenchmarks,
  countTable,
  dashboardCsv,
  defaultRefreshRange,
  formatter,
  monthsIn,
  periodsBetween,
  plainTable,
  protectBase,
  rangeFigure,
  sharePercent,
} from './dashboard.ts';

const p = (code: string) => parsePeriod(code)!;
const names = new Map([
  ['WK050501', 'Binnenstad'],
  ['WK050503', 'Crabbehof'],
]);

// Two wijken over three months; the municipality counted 5 more in March that no wijk holds.
const wijken = [
  { area: 'WK050501', period: '2021-01', value: 40 },
  { area: 'WK050501', period: '2021-02', value: 50 },
  { area: 'WK050501', period: '2021-03', value: 60 },
  { area: 'WK050503', period: '2021-01', value: 120 },
  { area: 'WK050503', period: '2021-02', value: 130 },
  { area: 'WK050503', period: '2021-03', value: 140 },
];
const municipal = [
  { area: 'GM0505', period: '2021-01', value: 160 },
  { area: 'GM0505', period: '2021-02', value: 180 },
  { area: 'GM0505', period: '2021-03', value: 205 },
];

describe('dashboard arithmetic', () => {
  it('lists the periods of a view and the months of a range', () => {
    expect(periodsBetween(p('2020-11'), p('2021-04'), 'quarter')).toEqual(['2020-Q4', '2021-Q1', '2021-Q2']);
    expect(periodsBetween(p('2020-11'), p('2021-02'), 'month')).toEqual(['2020-11', '2020-12', '2021-01', '2021-02']);
    expect(periodsBetween(p('2020-11'), p('2021-02'), 'year')).toEqual(['2020', '2021']);
    expect(monthsIn('2020-12', '2021-02')).toEqual(['2020-12', '2021-01', '2021-02']);
    expect(defaultRefreshRange(new Date('2026-03-15T12:00:00Z'), 3)).toEqual({ fromMonth: '2026-01', toMonth: '2026-03' });
  });

  it('puts what no wijk holds in its own row, so the wijken add up to the municipality', () => {
    const base = protectBase({ wijken, municipal, names, municipalityCode: 'GM0505', municipalityName: 'Dordrecht' }, 10);
    expect(base.periods).toEqual(['2021-01', '2021-02', '2021-03']);
    expect(base.series.map((s) => [s.code, s.name])).toEqual([
      ['WK050501', 'Binnenstad'],
      ['WK050503', 'Crabbehof'],
      ['GM0505-OVERIG', 'Niet toe te wijzen aan een wijk'],
    ]);
    // 205 - 60 - 140 = 5 in March: a small count, hidden.
    expect(base.series[2]!.cells.get('2021-03')).toMatchObject({ value: 5, state: 'primary' });
    expect(base.totals.get('2021-03')).toMatchObject({ value: 205, state: 'shown' });
  });

  it('adds months into a quarter, with totals, shares and every small count hidden with its complement', () => {
    const base = protectBase({ wijken, municipal, names, municipalityCode: 'GM0505', municipalityName: 'Dordrecht' }, 10);
    const table = countTable(
      {
        level: 'wijk',
        bases: [{ code: 'GM0505', name: 'Dordrecht', base }],
        areaFilter: null,
        aggregation: 'sum',
        granularity: 'quarter',
        from: p('2021-01'),
        to: p('2021-03'),
        unit: 'count',
      },
      10,
    );
    expect(table.periods).toEqual(['2021-Q1']);
    expect(table.totalLabel).toBe('Totaal');
    expect(table.totals).toEqual([{ value: 545, display: '545', suppressed: null, reason: null }]);
    const row = (code: string) => table.rows.find((r) => r.areaCode === code)!;
    // The small 5 is hidden; so is one other cell of March (else 205 - 60 - 140 would give it away), and every sum with a hidden part.
    expect(row('GM0505-OVERIG').total).toMatchObject({ value: null });
    const hiddenWijk = [row('WK050501'), row('WK050503')].filter((r) => r.total!.value === null);
    expect(hiddenWijk).toHaveLength(1);
    expect(row('GM0505-OVERIG').sharePercent).toBeNull();
    const shown = [row('WK050501'), row('WK050503')].find((r) => r.total!.value !== null)!;
    expect(shown.sharePercent).toBe(shown.areaCode === 'WK050501' ? 27.5 : 71.6);
    // Nothing in the published table lets you compute the 5.
    expect(JSON.stringify(table)).not.toMatch(/"value":5\b/);
  });

  it('shows a stock at the end of the period, with its share of the last total', () => {
    const base = protectBase({ wijken: wijken.slice(0, 3), municipal: [], names, municipalityCode: 'GM0505', municipalityName: 'Dordrecht' }, 10);
    const table = countTable(
      {
        level: 'wijk',
        bases: [{ code: 'GM0505', name: 'Dordrecht', base }],
        areaFilter: null,
        aggregation: 'last',
        granularity: 'quarter',
        from: p('2021-01'),
        to: p('2021-03'),
        unit: 'count',
      },
      10,
    );
    expect(table.totalLabel).toBe('Laatste periode');
    expect(table.rows[0]).toMatchObject({ areaCode: 'WK050501', total: { value: 60, display: '60' }, sharePercent: 100 });
    expect(table.grandTotal).toBeNull();
  });

  it('adds municipalities into the region, and leaves out rows without figures', () => {
    const base = (v: number) =>
      protectBase(
        { wijken: [], municipal: [{ area: 'X', period: '2021-01', value: v }], names: new Map(), municipalityCode: 'GM0505', municipalityName: 'Dordrecht' },
        10,
      );
    const empty = protectBase({ wijken: [], municipal: [], names: new Map(), municipalityCode: 'GM0590', municipalityName: 'Papendrecht' }, 10);
    const table = countTable(
      {
        level: 'municipality',
        bases: [
          { code: 'GM0505', name: 'Dordrecht', base: base(1200) },
          { code: 'GM0482', name: 'Alblasserdam', base: base(300) },
          { code: 'GM0590', name: 'Papendrecht', base: empty },
        ],
        areaFilter: null,
        aggregation: 'sum',
        granularity: 'month',
        from: p('2021-01'),
        to: p('2021-01'),
        unit: 'count',
      },
      10,
    );
    expect(table.rows.map((r) => [r.name, r.total!.display, r.sharePercent])).toEqual([
      ['Dordrecht', '1.200', 80],
      ['Alblasserdam', '300', 20],
    ]);
    expect(table.grandTotal).toEqual({ value: 1500, display: '1.500', suppressed: null, reason: null });
  });

  it('shows every wijk of several municipalities in one region table, each protected as in its own table, under the region totals', () => {
    const dordrecht = protectBase({ wijken, municipal, names, municipalityCode: 'GM0505', municipalityName: 'Dordrecht' }, 10);
    // Zwijndrecht: one wijk with 4 in February (hidden, and its complement with it).
    const zwijndrecht = protectBase(
      {
        wijken: [
          { area: 'WK064201', period: '2021-01', value: 30 },
          { area: 'WK064201', period: '2021-02', value: 4 },
          { area: 'WK064201', period: '2021-03', value: 35 },
          { area: 'WK064202', period: '2021-01', value: 50 },
          { area: 'WK064202', period: '2021-02', value: 55 },
          { area: 'WK064202', period: '2021-03', value: 60 },
        ],
        municipal: [],
        names: new Map([
          ['WK064201', 'Kort Ambacht'],
          ['WK064202', 'Heerjansdam'],
        ]),
        municipalityCode: 'GM0642',
        municipalityName: 'Zwijndrecht',
      },
      10,
    );
    const input = (level: 'wijk', bases: { code: string; name: string; base: typeof dordrecht }[]) => ({
      level,
      bases,
      areaFilter: null,
      aggregation: 'sum' as const,
      granularity: 'month' as const,
      from: p('2021-01'),
      to: p('2021-03'),
      unit: 'count',
    });
    const region = countTable(
      input('wijk', [
        { code: 'GM0505', name: 'Dordrecht', base: dordrecht },
        { code: 'GM0642', name: 'Zwijndrecht', base: zwijndrecht },
      ]),
      10,
    );
    const own = countTable(input('wijk', [{ code: 'GM0642', name: 'Zwijndrecht', base: zwijndrecht }]), 10);
    expect(region.rows.map((r) => r.areaCode)).toEqual(['WK050501', 'WK050503', 'GM0505-OVERIG', 'WK064201', 'WK064202']);
    // Zwijndrecht's rows read exactly as in Zwijndrecht's own table: the 4 and its complement hidden.
    for (const row of own.rows) expect(region.rows.find((r) => r.areaCode === row.areaCode)!.cells).toEqual(row.cells);
    expect(region.rows.find((r) => r.areaCode === 'WK064201')!.cells[1]).toMatchObject({ value: null, display: '< 10', reason: 'small_count' });
    // A region total is the municipalities' own totals added, shown only when each of them is shown.
    const dordrechtOwn = countTable(input('wijk', [{ code: 'GM0505', name: 'Dordrecht', base: dordrecht }]), 10);
    region.totals!.forEach((c, i) => {
      const parts = [dordrechtOwn.totals![i]!.value, own.totals![i]!.value];
      expect(c.value).toBe(parts.includes(null) ? null : parts[0]! + parts[1]!);
    });
    expect(region.totals![0]!.value).toBe(160 + 80);
    // Hiding a municipality's total hides the region's: the region never shows a sum with a hidden part.
    const hiddenTotal = { ...zwijndrecht, totals: new Map([...zwijndrecht.totals].map(([k, c]) => [k, { ...c, state: 'secondary' as const }])) };
    const withHidden = countTable(
      input('wijk', [
        { code: 'GM0505', name: 'Dordrecht', base: dordrecht },
        { code: 'GM0642', name: 'Zwijndrecht', base: hiddenTotal },
      ]),
      10,
    );
    expect(withHidden.totals!.map((c) => c.display)).toEqual(['afgeschermd', 'afgeschermd', 'afgeschermd']);
  });

  it("shows a figure without parts as delivered: no total column, and at wijk level the municipality's own figure as total row", () => {
    const data = [
      { area: 'WK050501', period: '2021-01', value: 10 },
      { area: 'WK050501', period: '2021-02', value: 15 },
      { area: 'WK050503', period: '2021-01', value: 90 },
    ];
    const table = plainTable({
      data,
      municipal: [{ area: 'GM0505', period: '2021-01', value: 30 }],
      names,
      level: 'wijk',
      municipalityCode: 'GM0505',
      areaFilter: null,
      aggregation: 'avg',
      additive: false,
      periods: ['2021-01', '2021-02'],
      unit: 'percent',
    });
    expect(table.rows.map((r) => r.cells.map((c) => c.display))).toEqual([
      ['10%', '15%'],
      ['90%', '–'],
    ]);
    expect(table.rows.map((r) => r.total)).toEqual([null, null]);
    // Not 100% (the sum of the wijken) nor 50% (their mean): the municipality's own figure, or nothing.
    expect(table.totals?.map((c) => c.display)).toEqual(['30%', '–']);
    expect(table.grandTotal).toBeNull();
  });

  it('adds up an amount over wijken and months', () => {
    const table = plainTable({
      data: [
        { area: 'WK050501', period: '2021-01', value: 1000 },
        { area: 'WK050503', period: '2021-01', value: 2550 },
        { area: 'WK050503', period: '2021-02', value: 450 },
      ],
      municipal: [],
      names,
      level: 'municipality',
      municipalityCode: 'GM0505',
      areaFilter: null,
      aggregation: 'sum',
      additive: true,
      periods: ['2021-01', '2021-02'],
      unit: 'cents',
    });
    expect(table.totals?.map((c) => c.value)).toEqual([3550, 450]);
    expect(table.rows.map((r) => r.total?.value)).toEqual([1000, 3000]);
  });

  it('compares totals with national benchmarks', () => {
    const totals = [
      { value: 110, display: '110', suppressed: null, reason: null },
      { value: null, display: 'afgeschermd', suppressed: 'secondary' as const, reason: 'secondary' as const },
    ];
    const out = compareBenchmarks(
      [
        { periodCode: '2021-Q2', value: 90, source: 'CBS', note: '' },
        { periodCode: '2021-Q1', value: 100, source: 'CBS', note: 'voorlopig' },
      ],
      ['2021-Q1', '2021-Q2'],
      totals,
    );
    expect(out.map((b) => [b.periodCode, b.differencePercent])).toEqual([
      ['2021-Q1', 10],
      ['2021-Q2', null],
    ]);
  });

  it('formats figures in Dutch and computes shares only of shown cells', () => {
    expect(formatter('count')(12345)).toBe('12.345');
    expect(formatter('percent')(12.5)).toBe('12,5%');
    expect(formatter('cents')(123456)).toMatch(/€\s?1\.234,56/);
    expect(formatter('days')(3)).toBe('3 dagen');
    expect(sharePercent({ value: 1, state: 'shown' }, { value: 3, state: 'shown' })).toBe(33.3);
    expect(sharePercent({ value: 1, state: 'primary' }, { value: 3, state: 'shown' })).toBeNull();
  });

  it('gives the programme a figure from the protected base: hidden when any part is hidden', () => {
    const base = protectBase({ wijken, municipal, names, municipalityCode: 'GM0505', municipalityName: 'Dordrecht' }, 10);
    expect(rangeFigure({ unit: 'count', aggregation: 'sum', base, values: [], from: p('2021-01'), to: p('2021-02') }, 10)).toEqual({
      value: 340,
      display: '340',
    });
    expect(rangeFigure({ unit: 'count', aggregation: 'last', base, values: [], from: p('2021-01'), to: p('2021-03') }, 10)).toEqual({
      value: 205,
      display: '205',
    });
    expect(rangeFigure({ unit: 'percent', aggregation: 'avg', base: null, values: [10, 15], from: p('2021-01'), to: p('2021-02') }, 10)).toEqual({
      value: 12.5,
      display: '12,5%',
    });
    expect(rangeFigure({ unit: 'count', aggregation: 'sum', base: null, values: [3, 4], from: p('2021-01'), to: p('2021-02') }, 10)).toEqual({
      value: null,
      display: '< 10',
    });
  });

  it('writes the CSV with hidden cells as their text', () => {
    const csv = dashboardCsv({
      measure: {
        code: 'x.y',
        name: 'Trajecten',
        unit: 'count',
        description: '',
        source: 'import',
        owner: 'SDD',
        theme: 'schulden',
        periodKind: 'month',
        aggregation: 'sum',
        aboutPersons: true,
      },
      municipalityCode: 'GM0505',
      level: 'wijk',
      granularity: 'month',
      from: '2021-01',
      to: '2021-01',
      threshold: 10,
      periods: ['2021-01'],
      rows: [
        {
          areaCode: 'WK050501',
          name: 'Binnenstad',
          cells: [{ value: null, display: '< 10', suppressed: 'primary', reason: 'small_count' }],
          total: { value: null, display: '< 10', suppressed: 'primary', reason: 'small_count' },
          sharePercent: null,
        },
      ],
      totals: [{ value: 160, display: '160', suppressed: null, reason: null }],
      grandTotal: { value: 160, display: '160', suppressed: null, reason: null },
      totalLabel: 'Totaal',
      benchmarks: [],
      protection: 'Aantallen van minder dan 10 inwoners zijn verborgen.',
      release: null,
    });
    expect(csv.split('\n').slice(1, 4)).toEqual(['gebied;naam;2021-01;totaal', 'WK050501;Binnenstad;< 10;< 10', 'totaal;Totaal;160;160']);
    // Why a cell is hidden, as on the screen.
    expect(csv).toContain('# Verborgen: minder dan 10 inwoners, zo blijft niemand herkenbaar.');
  });
});
