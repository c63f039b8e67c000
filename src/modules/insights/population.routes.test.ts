import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { auditEvents } from '../../platform/schema.ts';

const population = [
  'gebied;jaar;inwoners;huishoudens',
  'GM0505;2021;119000;56000',
  'WK050504;2021;9500;4500',
  'WK050505;2021;7500;3600',
  'BU05050401;2021;5200;2500',
  'BU05050402;2021;4300;2000',
  'WK050503;2021;veel', // bad number
  'WK999999;2021;100', // unknown municipality
].join('\n');

// Wielwijk in two buurten (one with a small count), Crabbehof without buurten; the municipality total derives from the wijken.
const figures = [
  'gebied;periode;waarde',
  'WK050504;2021-01;120',
  'WK050504;2021-02;130',
  'BU05050401;2021-01;116',
  'BU05050401;2021-02;70',
  'BU05050402;2021-01;4',
  'BU05050402;2021-02;60',
  'WK050505;2021-01;75',
  'WK050505;2021-02;80',
  'WK050504;2021-03;130',
  'BU05050401;2021-03;80',
  'BU05050402;2021-03;50',
  'WK050505;2021-03;85',
].join('\n');

describe('population and rates in the API', () => {
  let t: TestApp;
  let analyst: Session;
  let manager: Session;
  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2021-07-15T10:00:00Z') });
    analyst = await loginAs(t.app, demoEmails.analyst);
    manager = await loginAs(t.app, demoEmails.programme_manager);
  });
  afterAll(() => t?.close());

  const importPopulation = (s: Session, content = population) =>
    t.app.inject({ method: 'POST', url: '/api/v1/insights/population', headers: s.headers, payload: { fileName: 'inwoners.csv', content } });
  const dashboard = async (s: Session, params: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/insights/dashboard?measure=sdd.debt_help_trajectories&${params}`, headers: s.headers });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('imports inhabitants: every row stored or rejected with its line, re-import changes nothing, audited, analyst only', async () => {
    expect((await importPopulation(manager)).statusCode).toBe(403);
    const first = (await importPopulation(analyst)).json();
    expect(first).toMatchObject({ rows: 7, accepted: 5, duplicates: 0, rejected: 2 });
    expect(first.rejections.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [7, 'inwoners'],
      [8, 'gebied'],
    ]);
    expect((await importPopulation(analyst)).json()).toMatchObject({ rows: 7, accepted: 0, duplicates: 5, rejected: 2 });
    const raw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/population?fileName=correctie.csv',
      headers: { ...analyst.headers, 'content-type': 'text/csv' },
      payload: 'gebied,jaar,inwoners\nWK050504,2021,10000\n',
    });
    expect(raw.json()).toMatchObject({ rows: 1, accepted: 1 });
    const audit = await t.db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.objectType, 'insights_population_import')));
    expect(audit).toHaveLength(3);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/insights/population?municipality=GM0505', headers: manager.headers })).json();
    // A file without the households column keeps the households already known.
    expect(listed).toContainEqual({ areaCode: 'WK050504', name: 'Wielwijk', year: 2021, inhabitants: 10000, households: 4500 });
    const bad = await importPopulation(analyst, 'gebied;inwoners\nGM0505;3\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'jaar' });
  });

  it('shows a rate per 1,000 inhabitants next to each count, hidden with a hidden count, "geen inwonertal" without population', async () => {
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/imports',
      headers: analyst.headers,
      payload: { measure: 'sdd.debt_help_trajectories', fileName: 'trajecten.csv', content: figures },
    });
    expect(imported.json()).toMatchObject({ accepted: 12, rejected: 0 });
    const body = await dashboard(manager, 'level=wijk&granularity=month&from=2021-01&to=2021-02');
    const wielwijk = body.rows.find((r: { areaCode: string }) => r.areaCode === 'WK050504');
    expect(wielwijk.cells[0]).toMatchObject({ value: 120, rate: { value: 12, display: '12,0', inhabitants: 10000 } });
    expect(wielwijk.total.rate).toMatchObject({ value: 25 });
    const crabbehof = body.rows.find((r: { areaCode: string }) => r.areaCode === 'WK050505');
    expect(crabbehof.cells[1].rate).toMatchObject({ value: 10.7, display: '10,7' });
    // The municipality total row: 195 / 119,000 × 1,000.
    expect(body.totals[0]).toMatchObject({ value: 195, rate: { value: 1.6 } });
    // The CSV file holds the rates too, as a second block below the counts.
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insights/dashboard.csv?measure=sdd.debt_help_trajectories&level=wijk&granularity=month&from=2021-01&to=2021-02',
      headers: manager.headers,
    });
    const block = csv.body.split('# per 1.000 inwoners')[1]!;
    expect(block.split('\n').find((l) => l.startsWith('WK050504'))).toBe('WK050504;Wielwijk;12;13;25');
    expect(block.split('\n').find((l) => l.startsWith('GM0505-OVERIG') || l.startsWith('totaal'))).toMatch(/^totaal;Totaal;1,6;/);
    const year2020 = await dashboard(manager, 'level=wijk&granularity=month&from=2020-12&to=2021-01');
    expect(year2020.rows.find((r: { areaCode: string }) => r.areaCode === 'WK050504').cells[0].rate).toMatchObject({ display: 'geen inwonertal', value: null });
  });

  it('shows the buurten with their names and rates; a small buurt count and what would give it back are hidden, with their rates', async () => {
    const body = await dashboard(manager, 'level=buurt&granularity=month&from=2021-01&to=2021-02');
    expect(body.level).toBe('buurt');
    expect(body.rows.map((r: { areaCode: string; name: string }) => r.areaCode)).toEqual(['BU05050401', 'BU05050402', 'WK050505']);
    expect(body.rows[2].name).toBe('Crabbehof (geen buurtcijfers)');
    const [noord, zuid] = body.rows;
    expect(zuid.cells[0]).toMatchObject({ value: null, display: '< 10', suppressed: 'primary', rate: { value: null, suppressed: 'primary' } });
    // Wielwijk shows 120 in January at wijk level: 120 - 116 would give the 4 back, so Wielwijk-Noord is hidden there.
    expect(noord.cells[0]).toMatchObject({ value: null, suppressed: 'secondary', rate: { value: null, suppressed: 'secondary' } });
    expect(noord.cells[1]).toMatchObject({ value: 70, rate: { value: 13.5 } });
    expect(JSON.stringify(body)).not.toMatch(/"value":(4|116)[,}]/);
    // The wijk filter at buurt level shows the buurten of that wijk.
    const filtered = await dashboard(manager, 'level=buurt&granularity=month&from=2021-01&to=2021-02&areas=WK050504');
    expect(filtered.rows.map((r: { areaCode: string }) => r.areaCode)).toEqual(['BU05050401', 'BU05050402']);
    // Another municipality's buurten stay out of reach.
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/insights/dashboard?measure=sdd.debt_help_trajectories&level=buurt&municipality=GM0642',
      headers: manager.headers,
    });
    expect(other.statusCode).toBe(403);
  });
});
