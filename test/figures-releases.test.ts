/**
 * Issue 15, "A published figure never moves", for the live dashboard next to a release of the same period: a count
 * per wijk with a small count in February, published for 2021-H1; then a correction of June and a small count in
 * July come in. The live views of the published months must stay exactly as the release froze them, and no hidden
 * count of the first half or of July can be worked out from the release and every live view together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricValue, ModuleDefinition } from '../src/modules/contracts.ts';
import { refreshFromModules } from '../src/modules/insights/commands.ts';
import { parsePeriod } from '../src/modules/insights/periods.ts';
import { FakeClock } from '../src/platform/clock.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from './support/app.ts';
import { solvable } from './support/solve.ts';

const wijken = ['WK050501', 'WK050503', 'WK050504'];
const months = ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06', '2021-07'];
const firstHalf: Record<string, number[]> = {
  WK050501: [20, 22, 25, 21, 24, 23],
  WK050503: [15, 3, 18, 16, 14, 17],
  WK050504: [30, 31, 29, 33, 28, 32],
};
const later: Record<string, number[]> = {
  WK050501: [20, 22, 25, 21, 24, 30, 25],
  WK050503: [15, 3, 18, 16, 14, 17, 2],
  WK050504: [30, 31, 29, 33, 28, 32, 40],
};

type Cell = { value: number | null; display: string; reason: string | null };
type Dashboard = { periods: string[]; rows: { areaCode: string; cells: Cell[]; total: Cell | null }[]; totals: Cell[] | null; grandTotal: Cell | null };

describe('a published period in the live dashboard', () => {
  let t: TestApp;
  let analyst: Session;
  let figures: Record<string, number[]> = firstHalf;
  const contacts: ModuleDefinition = {
    name: 'contacts',
    metrics: {
      measures: [{ code: 'contacts.talks', name: 'Gesprekken', unit: 'count', description: 'Gesprekken met inwoners.', owner: 'Ketenaanpak' }],
      collect: async (_db, range) =>
        Object.entries(figures).flatMap(([areaCode, values]) =>
          values.flatMap((value, i): MetricValue[] =>
            months[i]! >= range.fromMonth && months[i]! <= range.toMonth
              ? [{ measure: 'contacts.talks', municipalityCode: 'GM0505', areaCode, month: months[i]!, value }]
              : [],
          ),
        ),
    },
  };
  const dashboard = async (query: string): Promise<Dashboard> => {
    const response = await t.app.inject({ url: `/api/v1/insights/dashboard?measure=contacts.talks&level=wijk&${query}`, headers: analyst.headers });
    expect(response.statusCode, query).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2021-08-15T10:00:00Z') });
    analyst = await loginAs(t.app, demoEmails.analyst);
    await refreshFromModules(t.db, [contacts], { fromMonth: '2021-01', toMonth: '2021-06' });
  });
  afterAll(() => t?.close());

  it('keeps the published months as frozen after later data, and gives no hidden count from the release and the live views', async () => {
    const published = await t.app.inject({ method: 'POST', url: '/api/v1/insights/releases', headers: analyst.headers, payload: { period: '2021-H1' } });
    expect(published.statusCode).toBe(201);
    const releaseTotal = published.json().cells.find((c: { measureCode: string }) => c.measureCode === 'contacts.talks') as { value: number | null };
    const before = await dashboard('granularity=month&from=2021-01&to=2021-06');
    // February's 3 in WK050503 is hidden, with complements.
    expect(before.rows.find((r) => r.areaCode === 'WK050503')!.cells[1]).toMatchObject({ value: null, display: '< 10', reason: 'small_count' });

    // A correction of June (WK050501 23 → 30) and July with a small count (2 in WK050503).
    figures = later;
    await refreshFromModules(t.db, [contacts], { fromMonth: '2021-01', toMonth: '2021-07' });
    const after = await dashboard('granularity=month&from=2021-01&to=2021-06');
    expect(after.rows, 'the live wijk figures of the published half year').toEqual(before.rows);
    expect(after.totals, 'the live month totals of the published half year').toEqual(before.totals);

    // Every number published about these figures: the release, and the live views per month, quarter and year over
    // several ranges, per wijk and for the municipality. Unknowns: wijk × month.
    const unknown = (wijk: string, month: string) => wijken.indexOf(wijk) * months.length + months.indexOf(month);
    const equation = (areas: string[], ms: string[]) => {
      const row = new Array(wijken.length * months.length).fill(0);
      for (const a of areas) for (const m of ms) row[unknown(a, m)] = 1;
      return row;
    };
    // The months of a month, quarter or year column.
    const monthsOf = (period: string) => {
      const p = parsePeriod(period)!;
      return months.filter((m) => m >= p.startsOn.slice(0, 7) && m <= p.endsOn.slice(0, 7));
    };
    const equations: number[][] = [];
    if (releaseTotal.value !== null) equations.push(equation(wijken, months.slice(0, 6)));
    // The year, published now, keeps the first half's months as 2021-H1 published them and adds July's.
    const year = await t.app.inject({ method: 'POST', url: '/api/v1/insights/releases', headers: analyst.headers, payload: { period: '2021' } });
    expect(year.statusCode).toBe(201);
    const yearTotal = year.json().cells.find((c: { measureCode: string }) => c.measureCode === 'contacts.talks') as { value: number | null };
    const july = await dashboard('granularity=month&from=2021-07&to=2021-07');
    expect(yearTotal.value).toBe(before.totals!.reduce((sum, c) => sum + c.value!, 0) + july.totals![0]!.value!);
    equations.push(equation(wijken, months));
    // After the year's publication the live views are the same as before it.
    expect((await dashboard('granularity=month&from=2021-01&to=2021-06')).rows).toEqual(before.rows);
    const hidden: { what: string; row: number[] }[] = [];
    for (const granularity of ['month', 'quarter', 'year'])
      for (const [from, to] of [
        ['2021-01', '2021-07'],
        ['2021-01', '2021-06'],
        ['2021-07', '2021-07'],
        ['2021-04', '2021-07'],
      ]) {
        const d = await dashboard(`granularity=${granularity}&from=${from}&to=${to}`);
        const inRange = months.filter((m) => m >= from! && m <= to!);
        d.periods.forEach((period, i) => {
          const ms = monthsOf(period).filter((m) => inRange.includes(m));
          for (const r of d.rows) {
            const row = equation([r.areaCode], ms);
            if (r.cells[i]!.value !== null) equations.push(row);
            else if (r.cells[i]!.reason === 'small_count') hidden.push({ what: `${r.areaCode} ${period}`, row });
          }
          const total = equation(wijken, ms);
          if (d.totals![i]!.value !== null) equations.push(total);
          else hidden.push({ what: `Dordrecht ${period}`, row: total });
        });
        for (const r of d.rows) if (r.total?.value != null) equations.push(equation([r.areaCode], inRange));
        if (d.grandTotal?.value != null) equations.push(equation(wijken, inRange));
      }
    expect(hidden.map((h) => h.what)).toEqual(expect.arrayContaining(['WK050503 2021-02', 'WK050503 2021-07']));
    for (const h of hidden) {
      const target = h.row.indexOf(1);
      // A hidden figure of one wijk and month is one unknown; a hidden total is a sum, attacked as one more equation.
      const single = h.row.filter((v) => v === 1).length === 1;
      expect(single ? solvable(equations, target) : solvableSum(equations, h.row), h.what).toBe(false);
    }
  });
});

/** Whether the sum `row` is fixed by the equations: add it as an unknown of its own and solve for that. */
function solvableSum(equations: number[][], row: number[]): boolean {
  const extended = equations.map((e) => [...e, 0]);
  extended.push([...row, -1]);
  return solvable(extended, row.length);
}
