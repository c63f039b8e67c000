import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { eq } from 'drizzle-orm';
import { FakeClock } from '../../platform/clock.ts';
import { auditEvents } from '../../platform/schema.ts';
import type { ModuleDefinition } from '../contracts.ts';
import { refreshFromModules } from './commands.ts';

const csv = [
  'gebied;periode;waarde',
  'WK050504;2021-01;120',
  'WK050504;2021-02;130',
  'WK050505;2021-01;4', // a small count
  'WK050505;2021-02;60',
  'WK050503;2021-01;45',
  'WK050503;2021-02;50',
  'WK050503;2021-02;50', // exact repeat
  'WK050510;2021-13;9', // bad period
  'WK050510;2021-03;twaalf', // bad value
  'WK999999;2021-01;5', // unknown municipality
].join('\n');

describe('insights API', () => {
  let t: TestApp;
  let analyst: Session;
  let manager: Session;
  let caseWorker: Session;
  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2021-07-15T10:00:00Z') });
    analyst = await loginAs(t.app, demoEmails.analyst);
    manager = await loginAs(t.app, demoEmails.programme_manager);
    caseWorker = await loginAs(t.app, demoEmails.case_worker);
  });
  afterAll(() => t?.close());

  const importFile = (s: Session, content = csv) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/imports',
      headers: s.headers,
      payload: { measure: 'sdd.debt_help_trajectories', fileName: 'trajecten.csv', content },
    });

  it('imports a dataset: every row stored or rejected with its line, and a second import changes nothing', async () => {
    const first = await importFile(analyst);
    expect(first.statusCode).toBe(200);
    const summary = first.json();
    expect(summary).toMatchObject({ rows: 10, accepted: 6, duplicates: 1, rejected: 3 });
    expect(summary.rows).toBe(summary.accepted + summary.duplicates + summary.rejected);
    expect(summary.rejections.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [9, 'periode'],
      [10, 'waarde'],
      [11, 'gebied'],
    ]);
    const again = (await importFile(analyst)).json();
    expect(again).toMatchObject({ rows: 10, accepted: 0, duplicates: 7, rejected: 3 });
    // A corrected figure is taken over.
    const corrected = (await importFile(analyst, 'gebied;periode;waarde\nWK050504;2021-01;125\n')).json();
    expect(corrected).toMatchObject({ rows: 1, accepted: 1, duplicates: 0, rejected: 0 });
  });

  it('accepts the raw CSV file from a machine client too', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/imports?measure=taxes.remissions&fileName=kwijtschelding.csv',
      headers: { ...analyst.headers, 'content-type': 'text/csv' },
      payload: 'gebied,periode,waarde\nGM0505,2021-01,300\n',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ rows: 1, accepted: 1 });
  });

  it('lets only an analyst import, and refuses a file whose header lacks a column', async () => {
    expect((await importFile(manager)).statusCode).toBe(403);
    expect((await importFile(caseWorker)).statusCode).toBe(403);
    const bad = await importFile(analyst, 'wijk;waarde\nWK050504;3\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'periode' });
  });

  it('shows the dashboard per wijk and quarter with small counts hidden and their complements too', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insights/dashboard?measure=sdd.debt_help_trajectories&municipality=GM0505&level=wijk&granularity=month&from=2021-01&to=2021-02',
      headers: manager.headers,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.periods).toEqual(['2021-01', '2021-02']);
    const crabbehof = body.rows.find((r: { name: string }) => r.name === 'Crabbehof');
    expect(crabbehof.cells[0]).toMatchObject({ value: null, display: '< 10', suppressed: 'primary', reason: 'small_count' });
    // The small count cannot be worked out from its column total: that column holds a second hidden entry.
    const column = [...body.rows.map((r: { cells: { suppressed: string | null }[] }) => r.cells[0]), body.totals[0]];
    expect(column.filter((c: { suppressed: string | null }) => c.suppressed).length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(body)).not.toMatch(/"value":4[,}]/);
    const wielwijk = body.rows.find((r: { name: string }) => r.name === 'Wielwijk');
    expect(wielwijk.cells.map((c: { value: number }) => c.value)).toEqual([125, 130]);

    const quarter = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/insights/dashboard?measure=sdd.debt_help_trajectories&granularity=quarter&from=2021-01&to=2021-06',
        headers: manager.headers,
      })
    ).json();
    expect(quarter.periods).toEqual(['2021-Q1', '2021-Q2']);
    expect(quarter.rows.find((r: { name: string }) => r.name === 'Wielwijk').cells[0].value).toBe(255);

    const filtered = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/insights/dashboard?measure=sdd.debt_help_trajectories&granularity=month&from=2021-01&to=2021-02&areas=WK050504',
        headers: manager.headers,
      })
    ).json();
    expect(filtered.rows.map((r: { areaCode: string }) => r.areaCode)).toEqual(['WK050504']);

    const municipalities = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/insights/dashboard?measure=taxes.remissions&level=municipality&granularity=year&from=2021&to=2021',
        headers: analyst.headers,
      })
    ).json();
    expect(municipalities.rows).toEqual([
      expect.objectContaining({ areaCode: 'GM0505', cells: [expect.objectContaining({ value: 300, display: '300', suppressed: null, reason: null })] }),
    ]);
  });

  it('hides the same cells in every view, so one view cannot be subtracted from another', async () => {
    const view = async (params: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/insights/dashboard?measure=sdd.debt_help_trajectories&municipality=GM0505&level=wijk&${params}`,
          headers: manager.headers,
        })
      ).json();
    const crabbehof = (body: { rows: { name: string; cells: { value: number | null }[]; total: { value: number | null } }[] }) =>
      body.rows.find((r) => r.name === 'Crabbehof')!;
    // Every published number for Crabbehof that contains January (4) is hidden: the month, the quarter, the
    // year, and the totals over any range that includes January.
    for (const params of [
      'granularity=month&from=2021-01&to=2021-01',
      'granularity=month&from=2021-01&to=2021-02',
      'granularity=quarter&from=2021-01&to=2021-03',
      'granularity=year&from=2021&to=2021',
    ]) {
      const row = crabbehof(await view(params));
      expect(row.cells[0]!.value, params).toBeNull();
      expect(row.total.value, params).toBeNull();
    }
    // February alone is hidden too (its complement), so "January to February" minus "February" gives nothing.
    expect(crabbehof(await view('granularity=month&from=2021-02&to=2021-02')).cells[0]!.value).toBeNull();
    // The live figure for the programme comes from the same protected table.
    const { figuresFor } = await import('./queries.ts');
    const figures = await figuresFor(
      t.db,
      { measureCodes: ['sdd.debt_help_trajectories'], municipalityCode: 'GM0505', fromMonth: '2021-01', toMonth: '2021-01' },
      10,
    );
    expect(figures[0]).toMatchObject({ value: 174 });
  });

  it('keeps each user to their own municipalities, and staff without the permission out', async () => {
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insights/dashboard?measure=sdd.debt_help_trajectories&municipality=GM0642',
      headers: manager.headers,
    });
    expect(other.statusCode).toBe(403);
    const caseWorkerView = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insights/dashboard?measure=sdd.debt_help_trajectories',
      headers: caseWorker.headers,
    });
    expect(caseWorkerView.statusCode).toBe(403);
  });

  it('exports the table as CSV with exactly what the screen shows', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insights/dashboard.csv?measure=sdd.debt_help_trajectories&granularity=month&from=2021-01&to=2021-02',
      headers: manager.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('sdd.debt_help_trajectories-2021-01-2021-02.csv');
    const lines = response.body.split('\n');
    expect(lines[1]).toBe('gebied;naam;2021-01;2021-02;totaal');
    expect(lines.find((l) => l.startsWith('WK050505'))).toBe('WK050505;Crabbehof;< 10;afgeschermd;afgeschermd');
    expect(lines.find((l) => l.startsWith('WK050504'))).toBe('WK050504;Wielwijk;125;130;255');
    expect(response.body).not.toMatch(/;4;/);
  });

  it('writes a measure name with a formula in it as text in the CSV', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/measures',
      headers: analyst.headers,
      payload: { code: 'test.hostile', name: 'Trajecten;=HYPERLINK("https://evil.example","klik")', unit: 'count', owner: 'OCD', theme: 'schulden' },
    });
    expect(created.statusCode).toBeLessThan(300);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insights/dashboard.csv?measure=test.hostile&granularity=month&from=2021-01&to=2021-02',
      headers: manager.headers,
    });
    expect(response.statusCode).toBe(200);
    const cells = (parseCsv(response.body.replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true }) as string[][]).flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells[0]).toContain('HYPERLINK');
  });

  it('lets an analyst enter a national benchmark that the dashboard compares with', async () => {
    const denied = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/insights/benchmarks',
      headers: manager.headers,
      payload: { measure: 'taxes.remissions', period: '2021', value: 250, source: 'CBS' },
    });
    expect(denied.statusCode).toBe(403);
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/insights/benchmarks',
      headers: analyst.headers,
      payload: { measure: 'taxes.remissions', period: '2021', value: 250, source: 'Landelijk gemiddelde vergelijkbare gemeenten (CBS)' },
    });
    expect(saved.statusCode).toBe(200);
    const body = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/insights/dashboard?measure=taxes.remissions&level=wijk&granularity=year&from=2021&to=2021',
        headers: manager.headers,
      })
    ).json();
    expect(body.benchmarks).toEqual([expect.objectContaining({ periodCode: '2021', value: 250, differencePercent: 20 })]);
    // A benchmark belongs to every municipality the analyst's organisation (OCD) serves: its audit line is scoped to all seven.
    const audit = await t.db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.objectType, 'insights_benchmark')));
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0]!.municipalityCodes).toHaveLength(7);
  });

  it('pulls every module’s metrics: figures without a wijk count towards the municipality only, and a second pull replaces', async () => {
    let values = [
      { measure: 'demo.visits', municipalityCode: 'GM0505', areaCode: 'WK050504', month: '2021-03', value: 30 },
      { measure: 'demo.visits', municipalityCode: 'GM0505', areaCode: null, month: '2021-03', value: 12 },
      { measure: 'demo.visits', municipalityCode: 'GM0505', areaCode: 'WK050503', month: '2021-03', value: 20 },
    ];
    const fake: ModuleDefinition = {
      name: 'demo',
      metrics: {
        measures: [{ code: 'demo.visits', name: 'Bezoeken', unit: 'count', description: 'Demo', owner: 'demo' }],
        collect: async (_db, range) => values.filter((v) => v.month >= range.fromMonth && v.month <= range.toMonth),
      },
    };
    const summary = await refreshFromModules(t.db, [fake, { name: 'silent' }], { fromMonth: '2021-01', toMonth: '2021-06' });
    expect(summary.modules).toEqual([{ name: 'demo', measures: 1, values: 3, skipped: 0 }]);
    const get = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/insights/dashboard?measure=demo.visits&granularity=month&from=2021-03&to=2021-03',
          headers: manager.headers,
        })
      ).json();
    let body = await get();
    expect(body.totals[0].value).toBe(62);
    expect(body.rows.map((r: { name: string; cells: { value: number }[] }) => [r.name, r.cells[0]!.value])).toEqual([
      ['Krispijn', 20],
      ['Wielwijk', 30],
      ['Niet toe te wijzen aan een wijk', 12],
    ]);
    values = [{ measure: 'demo.visits', municipalityCode: 'GM0505', areaCode: 'WK050504', month: '2021-03', value: 31 }];
    await refreshFromModules(t.db, [fake], { fromMonth: '2021-01', toMonth: '2021-06' });
    body = await get();
    expect(body.rows.map((r: { name: string }) => r.name)).toEqual(['Wielwijk']);
    expect(body.totals[0].value).toBe(31);
    const themes = (await t.app.inject({ method: 'GET', url: '/api/v1/insights/themes', headers: manager.headers })).json();
    expect(themes.find((th: { code: string }) => th.code === 'schulden').measures.map((m: { code: string }) => m.code)).toContain('demo.visits');
  });
  it('shows names, never keys: a measure delivered with its key as name gets a Dutch label, and no response text holds a key', async () => {
    const fake: ModuleDefinition = {
      name: 'pass',
      metrics: {
        measures: [
          { code: 'pass.child_budget_spent_cents.sport', name: 'pass.child_budget_spent_cents.sport', unit: 'cents', description: 'Demo', owner: 'pass' },
        ],
        collect: async () => [
          {
            measure: 'pass.child_budget_spent_cents.sport',
            municipalityCode: 'GM0505',
            areaCode: 'WK050504',
            month: '2021-03',
            value: 1250,
            contributors: 5,
            largest: [300, 250],
          },
        ],
      },
    };
    await refreshFromModules(t.db, [fake], { fromMonth: '2021-03', toMonth: '2021-03' });
    // A key of a module's measure or a snake_case code anywhere in the text, or a text that is a key altogether.
    const isKey = (text: string) => /\b(?:pass|selftest|referrals|signals|demo)\.[a-z_.]+|\b[a-z]+_[a-z_]+\b|^[a-z]+$/.test(text);
    const themes = (await t.app.inject({ url: '/api/v1/insights/themes', headers: manager.headers })).json() as {
      name: string;
      measures: { code: string; name: string; owner: string; description: string }[];
    }[];
    const shown = themes.flatMap((th) => [th.name, ...th.measures.flatMap((m) => [m.name, m.owner, m.description])]);
    expect(shown.length).toBeGreaterThan(3);
    expect(shown.filter((text) => isKey(text))).toEqual([]);
    const body = (
      await t.app.inject({
        url: '/api/v1/insights/dashboard?measure=pass.child_budget_spent_cents.sport&granularity=month&from=2021-03&to=2021-03',
        headers: manager.headers,
      })
    ).json() as { measure: { name: string; owner: string }; totalLabel: string; rows: { name: string; cells: { display: string }[] }[] };
    expect(body.measure.name).toBe('Dordtpas: besteed kindtegoed: sport');
    const texts = [body.measure.name, body.measure.owner, body.totalLabel, ...body.rows.flatMap((r) => [r.name, ...r.cells.map((c) => c.display)])];
    expect(texts.filter((text) => isKey(text))).toEqual([]);
  });
});
