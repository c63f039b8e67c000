/**
 * Issue 15, "Protection without a way around it": seed a small count (6 referrals in Crabbehof in March 2021, 3 of
 * them with help in place) and a one-child amount (Krispijn, € 139,99 of child budget on sport), then try to get
 * them back through every figure endpoint and view, as every role that may read figures: directly, from the
 * difference of totals, the same figure asked two ways (per month, per quarter, per year, over ranges, per wijk
 * filter, per municipality), a share times its denominator, and CSV against JSON. Every attempt must fail.
 *
 * The figure endpoints (grep figures|dashboard|export|csv|monitor|letter in src/modules/*\/routes*):
 * - GET /insights/dashboard and /insights/dashboard.csv: per wijk or municipality, tested here;
 * - GET /programmes/:id?period= (live figures per initiative) and /programmes/:id/letters/:period/:format: the
 *   municipality's figure over a half year, tested here;
 * - GET /selftest/figures: Geldfit's anonymous counters, whole months only, small counts hidden: tested here (a
 *   hidden month's contact requests cannot be had from the difference of two ranges);
 * - GET /signals/monitor and /signals/ddas: per municipality and creditor type for the national monitor and CBS,
 *   no area, behind signals:monitor / signals:ddas (the CBS protects its own publication).
 * GET /pass/figures and /referrals/figures no longer exist (checked below).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModuleDefinition } from '../src/modules/contracts.ts';
import { refreshFromModules } from '../src/modules/insights/commands.ts';
import { amountSensitivity, defaultAmountRule, deriveAmountBounds, deriveBounds, type CellState } from '../src/modules/insights/suppression.ts';
import { seedProgrammeDemo } from '../src/modules/programme/demo.ts';
import { selftestModule } from '../src/modules/selftest/module.ts';
import { selftestDailyCounts } from '../src/modules/selftest/schema.ts';
import { hashPassword } from '../src/platform/secrets.ts';
import { FakeClock } from '../src/platform/clock.ts';
import { organisations, users } from '../src/platform/schema.ts';
import { createTestApp, DEMO_PASSWORD, demoEmails, loginAs, type Session, type TestApp } from './support/app.ts';
import { solvable } from './support/solve.ts';

const T = 10;
const CRABBEHOF = 'WK050505';
const KRISPIJN = 'WK050503';
const SECRET_COUNT = 6;
const SECRET_AMOUNT = 13999;
const months = ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06'];
const big = ['WK050501', 'WK050504', 'WK050510'];

type Cell = { value: number | null; display: string; suppressed: string | null; reason: string | null; rate?: { value: number | null; display: string } };
type Dashboard = {
  periods: string[];
  rows: { areaCode: string; name: string; cells: Cell[]; total: Cell | null; sharePercent: number | null }[];
  totals: Cell[] | null;
  grandTotal: Cell | null;
  protection: string;
};

const referrals: ModuleDefinition = {
  name: 'referrals',
  metrics: {
    measures: [
      { code: 'referrals.sent', name: 'Verwijzingen', unit: 'count', description: 'Verstuurd.', owner: 'Ketenaanpak' },
      { code: 'referrals.help_in_place', name: 'Hulp op gang', unit: 'count', description: 'Hulp loopt.', owner: 'Ketenaanpak' },
      { code: 'referrals.help_in_place_share', name: 'Aandeel met hulp op gang', unit: 'percent', description: 'Deel.', owner: 'Ketenaanpak' },
      { code: 'referrals.first_contact_days', name: 'Werkdagen tot eerste contact (mediaan)', unit: 'days', description: 'Mediaan.', owner: 'Ketenaanpak' },
      { code: 'referrals.first_contacts', name: 'Eerste contacten', unit: 'count', description: 'Eerste contacten.', owner: 'Ketenaanpak' },
    ],
    collect: async () =>
      months.flatMap((month, i) => [
        ...big.map((areaCode, j) => ({ measure: 'referrals.sent', municipalityCode: 'GM0505', areaCode, month, value: 40 + 3 * i + j })),
        ...big.map((areaCode, j) => ({ measure: 'referrals.help_in_place', municipalityCode: 'GM0505', areaCode, month, value: 20 + i + j })),
        { measure: 'referrals.sent', municipalityCode: 'GM0505', areaCode: CRABBEHOF, month, value: month === '2021-03' ? SECRET_COUNT : 30 + i },
        {
          measure: 'referrals.help_in_place',
          municipalityCode: 'GM0505',
          areaCode: CRABBEHOF,
          month,
          value: month === '2021-03' ? 3 : month === '2021-05' ? 4 : 12 + i,
        },
        // A median over one first contact in March is that one resident's own lead time.
        ...big.map((areaCode) => ({ measure: 'referrals.first_contact_days', municipalityCode: 'GM0505', areaCode, month, value: 5 })),
        ...big.map((areaCode) => ({ measure: 'referrals.first_contacts', municipalityCode: 'GM0505', areaCode, month, value: 25 })),
        { measure: 'referrals.first_contact_days', municipalityCode: 'GM0505', areaCode: CRABBEHOF, month, value: month === '2021-03' ? 17 : 4 },
        { measure: 'referrals.first_contacts', municipalityCode: 'GM0505', areaCode: CRABBEHOF, month, value: month === '2021-03' ? 1 : 20 },
        // The module's own percentage (3 of 6 = 50%) must never reach anyone: shares come from their parts.
        { measure: 'referrals.help_in_place_share', municipalityCode: 'GM0505', areaCode: CRABBEHOF, month, value: month === '2021-03' ? 50 : 40 },
      ]),
  },
};

/** Child budget on sport: many children in three wijken every month, one child in Krispijn in March. */
const pass: ModuleDefinition = {
  name: 'pass',
  metrics: {
    measures: [
      {
        code: 'pass.child_budget_spent_cents.sport',
        name: 'pass.child_budget_spent_cents.sport',
        unit: 'cents',
        description: 'Besteed aan sport.',
        owner: 'pass',
      },
    ],
    collect: async () => [
      ...months.flatMap((month, i) =>
        big.map((areaCode, j) => ({
          measure: 'pass.child_budget_spent_cents.sport',
          municipalityCode: 'GM0505',
          areaCode,
          month,
          value: 300000 + 1000 * i + 500 * j,
          contributors: 30,
          largest: [20000, 18000],
        })),
      ),
      {
        measure: 'pass.child_budget_spent_cents.sport',
        municipalityCode: 'GM0505',
        areaCode: KRISPIJN,
        month: '2021-03',
        value: SECRET_AMOUNT,
        contributors: 1,
        largest: [SECRET_AMOUNT],
      },
      // In the second half of 2020 only that one child spent anything in the whole municipality.
      {
        measure: 'pass.child_budget_spent_cents.sport',
        municipalityCode: 'GM0505',
        areaCode: KRISPIJN,
        month: '2020-10',
        value: 4500,
        contributors: 1,
        largest: [4500],
      },
    ],
  },
};

/** A half year in which only 6 referrals were sent in the whole municipality, 3 with help: the share must not show. */
const referrals2020: ModuleDefinition = {
  name: 'referrals',
  metrics: {
    measures: referrals.metrics!.measures,
    collect: async () => [
      { measure: 'referrals.sent', municipalityCode: 'GM0505', areaCode: CRABBEHOF, month: '2020-09', value: SECRET_COUNT },
      { measure: 'referrals.help_in_place', municipalityCode: 'GM0505', areaCode: CRABBEHOF, month: '2020-09', value: 3 },
    ],
  },
};

describe('no figure endpoint gives back a hidden count or a hidden amount', () => {
  let t: TestApp;
  let readers: [string, Session][];
  let caseWorker: Session;
  let programmeId: string;
  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2021-07-15T10:00:00Z') });
    await refreshFromModules(t.db, [referrals, pass], { fromMonth: '2021-01', toMonth: '2021-06' });
    await refreshFromModules(t.db, [referrals2020], { fromMonth: '2020-07', toMonth: '2020-09' });
    await refreshFromModules(
      t.db,
      [
        {
          ...pass,
          metrics: {
            ...pass.metrics!,
            collect: async () => (await pass.metrics!.collect(t.db, { fromMonth: '', toMonth: '' })).filter((v) => v.month === '2020-10'),
          },
        },
      ],
      {
        fromMonth: '2020-10',
        toMonth: '2020-12',
      },
    );
    programmeId = await seedProgrammeDemo(t.db);
    readers = [
      ['analyst', await loginAs(t.app, demoEmails.analyst)],
      ['programme manager', await loginAs(t.app, demoEmails.programme_manager)],
      ['admin', await loginAs(t.app, demoEmails.admin)],
    ];
    caseWorker = await loginAs(t.app, demoEmails.case_worker);
  });
  afterAll(() => t?.close());

  const dashboard = async (s: Session, query: string): Promise<Dashboard> => {
    const response = await t.app.inject({ url: `/api/v1/insights/dashboard?${query}`, headers: s.headers });
    expect(response.statusCode, query).toBe(200);
    return response.json();
  };
  /** Every number the dashboard publishes for one area in one view, with the months it covers. */
  const shownNumbers = (d: Dashboard, area: string, monthsOf: (period: string) => string[]) => {
    const row = d.rows.find((r) => r.areaCode === area);
    if (!row) return [];
    const out = row.cells.flatMap((c, i) => (c.value === null ? [] : [{ value: c.value, months: monthsOf(d.periods[i]!) }]));
    if (row.total?.value != null) out.push({ value: row.total.value, months: d.periods.flatMap(monthsOf) });
    return out;
  };
  const monthsOf = (period: string): string[] => {
    if (/^\d{4}-\d{2}$/.test(period)) return [period];
    const q = /^(\d{4})-Q(\d)$/.exec(period);
    if (q) return [0, 1, 2].map((k) => `${q[1]}-${String((Number(q[2]) - 1) * 3 + k + 1).padStart(2, '0')}`);
    return Array.from({ length: 12 }, (_, k) => `${period}-${String(k + 1).padStart(2, '0')}`);
  };

  /** The outsider's attack on a published wijk × month table: interval propagation over rows, columns and totals. */
  const attack = (d: Dashboard, kind: 'count' | 'amount') => {
    const rows = d.rows.length;
    const cols = d.periods.length;
    const entries = [...d.rows.flatMap((r) => r.cells), ...d.rows.map((r) => r.total!), ...d.totals!, d.grandTotal!];
    const states: CellState[] = entries.map((c) => (c.value !== null ? 'shown' : c.reason === 'small_count' ? 'primary' : 'secondary'));
    const values = entries.map((c) => c.value ?? 0);
    return kind === 'count' ? deriveBounds(values, states, rows, cols, T) : deriveAmountBounds(values, states, rows, cols);
  };

  it('hides the small count and the one-child amount, says why, and the table cannot be solved for them', async () => {
    for (const [who, s] of readers) {
      const counts = await dashboard(s, 'measure=referrals.sent&granularity=month&from=2021-01&to=2021-06');
      const crabbehof = counts.rows.findIndex((r) => r.areaCode === CRABBEHOF);
      const hidden = counts.rows[crabbehof]!.cells[2]!;
      expect(hidden, who).toMatchObject({ value: null, display: '< 10', suppressed: 'primary', reason: 'small_count' });
      // The rate per 1,000 inhabitants goes with it: rate × inhabitants would give the count back.
      expect(hidden.rate, who).toMatchObject({ value: null, display: 'afgeschermd' });
      const bounds = attack(counts, 'count');
      const b = bounds[crabbehof * counts.periods.length + 2]!;
      expect(b.hi - b.lo, `${who}: the outsider pins Crabbehof's March count`).toBeGreaterThan(0);

      const amounts = await dashboard(s, 'measure=pass.child_budget_spent_cents.sport&granularity=month&from=2021-01&to=2021-06');
      const krispijn = amounts.rows.findIndex((r) => r.areaCode === KRISPIJN);
      expect(amounts.rows[krispijn]!.cells[2], who).toMatchObject({ value: null, display: 'afgeschermd', reason: 'few_contributors' });
      const { protection } = amountSensitivity({ value: SECRET_AMOUNT, contributors: 1, largest: [SECRET_AMOUNT] }, defaultAmountRule);
      const a = attack(amounts, 'amount')[krispijn * amounts.periods.length + 2]!;
      expect(a.hi, `${who}: upper bound on Krispijn's amount`).toBeGreaterThanOrEqual(SECRET_AMOUNT + protection);
      expect(a.lo).toBeLessThanOrEqual(SECRET_AMOUNT - protection);
      expect(amounts.protection).toContain('Bedragen van minder dan 3 mensen');
      expect(JSON.stringify(amounts)).not.toContain(String(SECRET_AMOUNT));
    }
  });

  it('gives no number covering the hidden month, whatever the granularity, range, wijk filter or level', async () => {
    const [, s] = readers[0]!;
    const views: string[] = [];
    for (const granularity of ['month', 'quarter', 'year'])
      for (const from of ['2021-01', '2021-02', '2021-03'])
        for (const to of ['2021-03', '2021-04', '2021-06']) views.push(`granularity=${granularity}&from=${from}&to=${to}`);
    views.push('granularity=quarter&from=2021-01&to=2021-06&areas=WK050505', 'granularity=month&from=2021-03&to=2021-03&areas=WK050505,WK050501');
    // The region view (every Drechtsteden wijk in one table) too.
    for (const granularity of ['month', 'quarter', 'year']) views.push(`municipality=drechtsteden&granularity=${granularity}&from=2021-01&to=2021-06`);
    views.push('municipality=drechtsteden&granularity=month&from=2021-03&to=2021-03&areas=WK050505');
    for (const [measure, area] of [
      ['referrals.sent', CRABBEHOF],
      ['pass.child_budget_spent_cents.sport', KRISPIJN],
    ] as const) {
      // Every published number of the area that covers March, in any view: none may exist (else subtracting the
      // other months, each shown elsewhere, gives March back).
      for (const v of views) {
        const d = await dashboard(s, `measure=${measure}&${v}`);
        const covering = shownNumbers(d, area, monthsOf).filter((n) => n.months.includes('2021-03'));
        expect(covering, `${measure} ${v}`).toEqual([]);
      }
      // Per municipality: the municipality's March figure is either hidden or comes with enough of its wijken
      // hidden; checked by differencing: Dordrecht's March minus every shown wijk never isolates the area.
      const perWijk = await dashboard(s, `measure=${measure}&granularity=month&from=2021-03&to=2021-03`);
      const perMunicipality = await dashboard(s, `measure=${measure}&level=municipality&granularity=month&from=2021-03&to=2021-03`);
      const total = perMunicipality.rows.find((r) => r.areaCode === 'GM0505')?.cells[0]?.value ?? null;
      const otherWijken = perWijk.rows.filter((r) => r.areaCode !== area);
      if (total !== null)
        expect(
          otherWijken.some((r) => r.cells[0]!.value === null),
          `${measure}: Dordrecht minus the other wijken`,
        ).toBe(true);
      expect(total === null ? null : total).toBe(perWijk.totals![0]!.value);
    }
  });

  it('hides the same cells in the region view (all Drechtsteden wijken) as in the municipality’s own view, and it cannot be solved either', async () => {
    for (const [who, s] of readers) {
      for (const [measure, kind, area] of [
        ['referrals.sent', 'count', CRABBEHOF],
        ['pass.child_budget_spent_cents.sport', 'amount', KRISPIJN],
      ] as const) {
        const q = `measure=${measure}&granularity=month&from=2021-01&to=2021-06`;
        const own = await dashboard(s, q);
        const region = await dashboard(s, `${q}&municipality=drechtsteden&level=wijk`);
        // Dordrecht's rows read exactly as in Dordrecht's own table, hidden cells and reasons alike.
        for (const row of own.rows)
          expect(
            region.rows.find((r) => r.areaCode === row.areaCode)?.cells.map((c) => [c.value, c.display, c.reason]),
            `${who} ${measure} ${row.name}`,
          ).toEqual(row.cells.map((c) => [c.value, c.display, c.reason]));
        const i = region.rows.findIndex((r) => r.areaCode === area);
        expect(region.rows[i]!.cells[2], `${who} ${measure}`).toMatchObject({ value: null });
        const b = attack(region, kind)[i * region.periods.length + 2]!;
        if (kind === 'count') expect(b.hi - b.lo, `${who}: the outsider pins Crabbehof's March count in the region`).toBeGreaterThan(0);
        else
          expect(b.hi).toBeGreaterThanOrEqual(
            SECRET_AMOUNT + amountSensitivity({ value: SECRET_AMOUNT, contributors: 1, largest: [SECRET_AMOUNT] }, defaultAmountRule).protection,
          );
        expect(JSON.stringify(region)).not.toContain(String(SECRET_AMOUNT));
      }
      // The region is per wijk only: per buurt it says so next to the level.
      const buurt = await t.app.inject({ url: '/api/v1/insights/dashboard?measure=referrals.sent&municipality=drechtsteden&level=buurt', headers: s.headers });
      expect(buurt.statusCode).toBe(400);
      expect(buurt.json().errors[0]).toMatchObject({ field: 'level' });
    }
  });

  it('hides a share whose count is hidden (share × denominator gives nothing), in the total row too', async () => {
    for (const [who, s] of readers) {
      const share = await dashboard(s, 'measure=referrals.help_in_place_share&granularity=month&from=2021-01&to=2021-06');
      const sent = await dashboard(s, 'measure=referrals.sent&granularity=month&from=2021-01&to=2021-06');
      const help = await dashboard(s, 'measure=referrals.help_in_place&granularity=month&from=2021-01&to=2021-06');
      const crabbehof = share.rows.find((r) => r.areaCode === CRABBEHOF)!;
      expect(crabbehof.cells[2], who).toMatchObject({ value: null, display: 'afgeschermd', reason: 'built_on_hidden' });
      // May: 4 of 34 with help. The 34 shows, so 11,8% would give the 4 back.
      expect(crabbehof.cells[4], who).toMatchObject({ value: null, reason: 'built_on_hidden' });
      // Not the module's own 50%, nor 3 ÷ 6 worked out here.
      expect(crabbehof.cells.map((c) => c.display)).not.toContain('50%');
      // Wherever a share shows, both its parts show too: share × denominator only ever gives a shown number.
      const cellOf = (d: Dashboard, area: string, i: number) => d.rows.find((r) => r.areaCode === area)?.cells[i];
      for (const row of share.rows)
        row.cells.forEach((c, i) => {
          if (c.value === null) return;
          expect(cellOf(sent, row.areaCode, i)?.value, `${who} ${row.name} ${share.periods[i]}`).not.toBeNull();
          expect(cellOf(help, row.areaCode, i)?.value ?? 0).not.toBeNull();
        });
      share.totals!.forEach((c, i) => {
        if (c.value === null) return;
        expect(sent.totals![i]!.value).not.toBeNull();
        expect(help.totals![i]!.value).not.toBeNull();
      });
      if (share.grandTotal?.value != null) expect([sent.grandTotal!.value, help.grandTotal!.value]).not.toContain(null);
    }
  });

  it('hides a median delivered by the module wherever the count of its group is hidden', async () => {
    for (const [who, s] of readers) {
      const d = await dashboard(s, 'measure=referrals.first_contact_days&granularity=month&from=2021-01&to=2021-06');
      const crabbehof = d.rows.find((r) => r.areaCode === CRABBEHOF)!;
      expect(crabbehof.cells[2], who).toMatchObject({ value: null, reason: 'built_on_hidden' });
      expect(crabbehof.cells.map((c) => c.display)).not.toContain('17 dagen');
      // The others show where their count shows (a complement of March may be hidden with it).
      expect(d.rows.find((r) => r.areaCode === 'WK050501')!.cells.filter((c) => c.value === 5).length).toBeGreaterThanOrEqual(4);
    }
  });

  it('writes exactly the same numbers to the CSV as to the JSON, with the reason for each hidden cell', async () => {
    for (const [who, s] of readers) {
      for (const measure of ['referrals.sent', 'pass.child_budget_spent_cents.sport', 'referrals.help_in_place_share']) {
        const q = `measure=${measure}&granularity=month&from=2021-01&to=2021-06`;
        const json = await dashboard(s, q);
        const response = await t.app.inject({ url: `/api/v1/insights/dashboard.csv?${q}`, headers: s.headers });
        expect(response.statusCode, who).toBe(200);
        const text = response.body.replace(/^\uFEFF/, '');
        expect(text).not.toContain(String(SECRET_AMOUNT));
        expect(text).not.toMatch(/139,99/);
        const rows = parseCsv(text, { delimiter: ';', relax_column_count: true, comment: '#' }) as string[][];
        for (const r of json.rows) {
          const line = rows.find((l) => l[0] === r.areaCode)!;
          expect(
            line.slice(2, 2 + r.cells.length).map((v) => v.replace(',', '.')),
            `${who} ${measure} ${r.name}`,
          ).toEqual(r.cells.map((c) => (c.value === null ? c.display : String(c.value))));
        }
        if (json.rows.some((r) => r.cells.some((c) => c.reason))) expect(text).toContain('# Verborgen:');
      }
    }
  });

  it("hides the programme's figure over a half year built on the one child or the handful of referrals, in the overview and the letter", async () => {
    const [, manager] = readers[1]!;
    const overview = (await t.app.inject({ url: `/api/v1/programmes/${programmeId}?period=2021-H1`, headers: manager.headers })).json();
    const line = overview.lines[0];
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programme-lines/${line.id}/initiatives`,
      headers: manager.headers,
      payload: { name: 'Sport voor kinderen', measureCodes: ['pass.child_budget_spent_cents.sport', 'referrals.help_in_place_share', 'referrals.sent'] },
    });
    expect(created.statusCode).toBe(201);
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/programme-initiatives/${created.json().id}/updates/2020-H2`,
      headers: manager.headers,
      payload: { progress: 'Gestart.' },
    });
    for (const [who, s] of readers) {
      const body = (await t.app.inject({ url: `/api/v1/programmes/${programmeId}?period=2020-H2`, headers: s.headers })).json();
      const initiative = body.lines[0].initiatives.find((i: { name: string }) => i.name === 'Sport voor kinderen');
      const figures = Object.fromEntries(initiative.figures.map((f: { code: string; value: number | null; display: string }) => [f.code, f]));
      expect(figures['pass.child_budget_spent_cents.sport'], who).toMatchObject({ value: null, display: 'afgeschermd' });
      expect(figures['referrals.sent'], who).toMatchObject({ value: null, display: '< 10' });
      expect(figures['referrals.help_in_place_share'], who).toMatchObject({ value: null, display: 'afgeschermd' });
      // In the first half of 2021 the figures are large: shown, and the same as the dashboard's total for the range.
      const h1 = (await t.app.inject({ url: `/api/v1/programmes/${programmeId}?period=2021-H1`, headers: s.headers })).json();
      const sport = h1.lines[0].initiatives
        .find((i: { name: string }) => i.name === 'Sport voor kinderen')
        .figures.find((f: { code: string }) => f.code === 'pass.child_budget_spent_cents.sport');
      const d = await dashboard(s, 'measure=pass.child_budget_spent_cents.sport&level=municipality&granularity=month&from=2021-01&to=2021-06');
      expect(sport.value).toBe(d.rows.find((r) => r.areaCode === 'GM0505')!.total!.value);
    }
    const docx = await t.app.inject({ url: `/api/v1/programmes/${programmeId}/letters/2020-H2/docx`, headers: readers[1]![1].headers });
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).not.toMatch(/45,00|50%|50,0%/);
  });

  it("gives no Geldfit range from which a hidden month's contact requests can be worked out, and hides the dashboard's months", async () => {
    // Contact requests after the test: many every month, but only 4 in March 2021 (on one day).
    const perMonth: [string, number, number][] = [
      ['2021-01', 20, 12],
      ['2021-02', 25, 11],
      ['2021-03', 4, 0],
      ['2021-04', 30, 13],
    ];
    await t.db.unaudited((q) =>
      q.insert(selftestDailyCounts).values(
        perMonth.flatMap(([month, residents, entrepreneurs]) => [
          { day: `${month}-10`, municipalityCode: 'GM0505', questionnaire: 'residents', counter: 'contact_requested', value: residents },
          { day: `${month}-10`, municipalityCode: 'GM0505', questionnaire: 'entrepreneurs', counter: 'contact_requested', value: entrepreneurs },
        ]),
      ),
    );
    await refreshFromModules(t.db, [selftestModule], { fromMonth: '2021-01', toMonth: '2021-04' });
    type Count = { value: number | null; display: string; reason: string | null };
    const monthList = perMonth.map(([m]) => m);
    for (const [who, s] of readers) {
      // Days are no choice any more: the old way to one day's figure (from and to the same day) is refused.
      expect((await t.app.inject({ url: '/api/v1/selftest/figures?from=2021-03-10&to=2021-03-10', headers: s.headers })).statusCode).toBe(400);
      const onDashboard = await dashboard(s, 'measure=selftest.contact_requests&granularity=month&from=2021-01&to=2021-04');
      // Unknowns: the months. Every shown number is an equation over them.
      const equations: number[][] = [];
      for (const from of monthList)
        for (const to of monthList.filter((m) => m >= from)) {
          const response = await t.app.inject({ url: `/api/v1/selftest/figures?from=${from}&to=${to}`, headers: s.headers });
          expect(response.statusCode, `${who} ${from}..${to}`).toBe(200);
          const body = response.json() as { totals: { counter: string; all: Count }[] };
          const contact = body.totals.find((x) => x.counter === 'contact_requested')!;
          if (from === to) {
            // One protected table: a month is hidden on this page exactly when the dashboard hides it.
            const i = monthList.indexOf(from);
            expect(contact.all.value, `${who} ${from}: Geldfit page and dashboard`).toBe(onDashboard.totals![i]!.value);
            if (from === '2021-03') expect(contact.all, who).toMatchObject({ value: null, display: '< 10', reason: 'small_count' });
          }
          if (contact.all.value === null) continue;
          equations.push(monthList.map((m) => (m >= from && m <= to ? 1 : 0)));
        }
      // The outsider subtracts ranges from each other (any combination of the equations): is March's 4 among them?
      expect(solvable(equations, monthList.indexOf('2021-03')), `${who}: March from the difference of ranges`).toBe(false);
      // Months without small counts are shown (but for one complement), so the check is not empty.
      expect(monthList.filter((m) => solvable(equations, monthList.indexOf(m))).length, who).toBe(2);
    }
  });

  it('gives no hidden Geldfit outcome from the completed tests minus the three other outcomes on the dashboard', async () => {
    // The four outcomes add up to the completed tests; "direct hulp nodig" is 3 in February 2021.
    const outcomes: Record<string, number[]> = {
      'profile:in_order': [40, 35, 42, 38],
      'profile:watch_out': [25, 30, 28, 22],
      'profile:act_now': [18, 20, 15, 17],
      'profile:urgent': [12, 3, 11, 14],
    };
    const months2021 = ['2021-01', '2021-02', '2021-03', '2021-04'];
    await t.db.unaudited((q) =>
      q.insert(selftestDailyCounts).values(
        months2021.flatMap((month, i) => [
          ...Object.entries(outcomes).map(([counter, values]) => ({
            day: `${month}-12`,
            municipalityCode: 'GM0505',
            questionnaire: 'residents',
            counter,
            value: values[i]!,
          })),
          {
            day: `${month}-12`,
            municipalityCode: 'GM0505',
            questionnaire: 'residents',
            counter: 'completed',
            value: Object.values(outcomes).reduce((sum, v) => sum + v[i]!, 0),
          },
        ]),
      ),
    );
    await refreshFromModules(t.db, [selftestModule], { fromMonth: '2021-01', toMonth: '2021-04' });
    const codes = ['selftest.completed', 'selftest.profile_in_order', 'selftest.profile_watch_out', 'selftest.profile_act_now', 'selftest.profile_urgent'];
    for (const [who, s] of readers) {
      const views = await Promise.all(codes.map((code) => dashboard(s, `measure=${code}&granularity=month&from=2021-01&to=2021-04`)));
      const perMonth = (i: number) => views.map((d) => d.totals![i]!);
      const february = perMonth(1);
      expect(february[4], who).toMatchObject({ value: null, display: '< 10', reason: 'small_count' });
      for (const [i, month] of months2021.entries()) {
        const [completed, ...parts] = perMonth(i);
        const hiddenParts = parts.filter((c) => c!.value === null).length;
        // Completed minus the shown outcomes is the sum of the hidden ones: never one hidden outcome alone.
        if (completed!.value !== null) expect(hiddenParts, `${who} ${month}: completed minus three shown outcomes`).not.toBe(1);
        // The same figure at the wijk row (the municipality's row) as in the totals.
        for (const d of views) expect(d.rows.at(-1)!.cells[i]!.value).toBe(d.totals![i]!.value);
      }
      // Months without a small count stay shown, so the check is not empty.
      expect(perMonth(0).map((c) => c!.value)).toEqual([95, 40, 25, 18, 12]);
      // The Geldfit page shows the same cells as the dashboard, month by month: one protected table for both.
      const counters = ['completed', 'profile:in_order', 'profile:watch_out', 'profile:act_now', 'profile:urgent'];
      for (const [i, month] of months2021.entries()) {
        const page = (await t.app.inject({ url: `/api/v1/selftest/figures?from=${month}&to=${month}`, headers: s.headers })).json() as {
          totals: { counter: string; all: { value: number | null } }[];
        };
        const onPage = counters.map((c) => page.totals.find((x) => x.counter === c)!.all.value);
        expect(onPage, `${who} ${month}: Geldfit page and dashboard`).toEqual(perMonth(i).map((c) => c!.value));
      }
    }
  });

  it('lets no other role read figures, and the old per-module figure routes are gone', async () => {
    expect((await t.app.inject({ url: '/api/v1/selftest/figures?from=2021-03&to=2021-03', headers: caseWorker.headers })).statusCode).toBe(403);
    // An analyst who works for Zwijndrecht only reads Dordrecht's Geldfit figures no more than its dashboard.
    const [zwijndrecht] = await t.db.unaudited((q) => q.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, 'GEM-ZWIJNDRECHT')));
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await t.db.unaudited((q) =>
      q
        .insert(users)
        .values({ organisationId: zwijndrecht!.id, email: 'analist@zwijndrecht.example', displayName: 'Zoë Zwijndrecht', roles: ['analyst'], passwordHash }),
    );
    const elsewhere = await loginAs(t.app, 'analist@zwijndrecht.example');
    expect((await t.app.inject({ url: '/api/v1/selftest/figures?from=2021-03&to=2021-03', headers: elsewhere.headers })).statusCode).toBe(403);
    const dordrecht = 'measure=selftest.visits&granularity=month&from=2021-01&to=2021-06&municipality=GM0505';
    expect((await t.app.inject({ url: `/api/v1/insights/dashboard?${dordrecht}`, headers: elsewhere.headers })).statusCode).toBe(403);
    const q = 'measure=referrals.sent&granularity=month&from=2021-01&to=2021-06';
    expect((await t.app.inject({ url: `/api/v1/insights/dashboard?${q}`, headers: caseWorker.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/insights/dashboard.csv?${q}`, headers: caseWorker.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/insights/dashboard?${q}` })).statusCode).toBe(401);
    for (const url of ['/api/v1/pass/figures', '/api/v1/referrals/figures'])
      expect([403, 404]).toContain((await t.app.inject({ url, headers: readers[0]![1].headers })).statusCode);
  });
});
