import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { auditEvents } from '../../platform/schema.ts';
import type { MetricValue, ModuleDefinition } from '../contracts.ts';
import { refreshFromModules } from './commands.ts';
import { initiativeFigures } from './index.ts';
import { figuresFor } from './queries.ts';

/** Geldfit-like visits without a wijk: 1.093 in the first half of 2021 (the number of seed 002). */
const firstHalf: MetricValue[] = [180, 170, 190, 175, 188, 190].map((value, i) => ({
  measure: 'geldfit.visits',
  municipalityCode: 'GM0505',
  areaCode: null,
  month: `2021-0${i + 1}`,
  value,
}));

describe('frozen releases', () => {
  let t: TestApp;
  let analyst: Session;
  let manager: Session;
  let values: MetricValue[] = firstHalf;
  const fake: ModuleDefinition = {
    name: 'geldfit',
    metrics: {
      measures: [{ code: 'geldfit.visits', name: 'Bezoeken Geldfit', unit: 'count', description: 'Bezoeken van de website', owner: 'selftest' }],
      collect: async (_db, range) => values.filter((v) => v.month >= range.fromMonth && v.month <= range.toMonth),
    },
  };
  const live = async () =>
    (await figuresFor(t.db, { measureCodes: ['geldfit.visits'], municipalityCode: 'GM0505', fromMonth: '2021-01', toMonth: '2021-06' }, 10))[0]!;
  const published = async () => (await initiativeFigures(t.db, { measureCodes: ['geldfit.visits'], municipalityCode: 'GM0505', period: '2021-H1' }))[0]!;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2021-07-15T10:00:00Z') });
    analyst = await loginAs(t.app, demoEmails.analyst);
    manager = await loginAs(t.app, demoEmails.programme_manager);
    await refreshFromModules(t.db, [fake], { fromMonth: '2021-01', toMonth: '2021-07' });
  });
  afterAll(() => t?.close());

  it('keeps the published 2021-H1 figures after a new visit and a refresh', async () => {
    expect(await live()).toMatchObject({ value: 1093, display: '1.093' });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/insights/releases', headers: analyst.headers, payload: { period: '2021-H1' } });
    expect(response.statusCode).toBe(201);
    const release = response.json();
    expect(release).toMatchObject({ period: '2021-H1', version: 1, municipalityCode: 'GM0505', publishedBy: expect.any(String) });
    expect(release.cells.find((c: { measureCode: string }) => c.measureCode === 'geldfit.visits')).toMatchObject({
      name: 'Bezoeken Geldfit',
      value: 1093,
      state: 'shown',
      display: '1.093',
    });

    // One visit in July: over all time the lone small count would take a complement in the first half with it. The
    // published months are read from the release, also in the live figures, so nothing of the first half moves.
    values = [...firstHalf, { measure: 'geldfit.visits', municipalityCode: 'GM0505', areaCode: null, month: '2021-07', value: 1 }];
    await refreshFromModules(t.db, [fake], { fromMonth: '2021-01', toMonth: '2021-07' });
    expect(await live()).toMatchObject({ value: 1093, display: '1.093' });
    expect(await published()).toMatchObject({ name: 'Bezoeken Geldfit', value: 1093, display: '1.093' });

    // The audit log says who published which version.
    const audit = await t.db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.objectType, 'insights_release')));
    expect(audit.map((a) => [a.action, a.result, (a.details as { version?: number }).version])).toContainEqual(['create', 'success', 1]);
  });

  it('shows a release on the dashboard and in its CSV exactly as frozen, naming it, while the live figures moved on', async () => {
    const [release] = (await t.app.inject({ url: '/api/v1/insights/releases?period=2021-H1', headers: manager.headers })).json();
    const q = 'measure=geldfit.visits&level=municipality&granularity=month&from=2021-01&to=2021-06';
    const live = (await t.app.inject({ url: `/api/v1/insights/dashboard?${q.replace('2021-06', '2021-07')}`, headers: manager.headers })).json();
    const liveDordrecht = live.rows.find((r: { areaCode: string }) => r.areaCode === 'GM0505');
    // The live table: the published months as frozen, the lone July visit hidden, and no complement in the first half.
    expect(liveDordrecht.cells.map((c: { value: number | null }) => c.value)).toEqual([180, 170, 190, 175, 188, 190, null]);
    expect(liveDordrecht.cells[6]).toMatchObject({ display: '< 10', reason: 'small_count' });
    expect(live.release).toBeNull();
    for (const choice of [release.id, 'latest']) {
      const response = await t.app.inject({ url: `/api/v1/insights/dashboard?${q}&release=${choice}`, headers: manager.headers });
      expect(response.statusCode, choice).toBe(200);
      const frozen = response.json();
      expect(frozen.release).toMatchObject({ id: release.id, period: '2021-H1', version: 1, publishedBy: release.publishedBy });
      expect(frozen.periods).toEqual(['2021-H1']);
      expect(frozen.rows).toEqual([expect.objectContaining({ areaCode: 'GM0505', cells: [expect.objectContaining({ value: 1093, display: '1.093' })] })]);
      const csv = await t.app.inject({ url: `/api/v1/insights/dashboard.csv?${q}&release=${choice}`, headers: manager.headers });
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain('GM0505;Dordrecht;1093');
      expect(csv.body).toContain('# Gepubliceerde cijfers van 2021-H1, versie 1, gepubliceerd op');
    }
    // A release of a municipality one does not work for, and the region, are refused with the field named.
    const unknown = await t.app.inject({ url: `/api/v1/insights/dashboard?${q}&release=${crypto.randomUUID()}`, headers: manager.headers });
    expect(unknown.statusCode).toBe(404);
    const region = await t.app.inject({
      url: `/api/v1/insights/dashboard?${q.replace('level=municipality', 'level=wijk')}&municipality=drechtsteden&release=latest`,
      headers: manager.headers,
    });
    expect(region.statusCode).toBe(400);
    expect(region.json().errors[0]).toMatchObject({ field: 'release' });
  });

  it('makes a new version only when asked, computed on the period’s own table, and leaves the old one alone', async () => {
    const again = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/insights/releases',
        headers: analyst.headers,
        payload: { period: '2021-H1', again: true, note: 'Correctie juni' },
      });
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/insights/releases', headers: analyst.headers, payload: { period: '2021-H1' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'again' });
    expect(refused.json().errors[0].reason).toContain('versie 1');

    // A correction of June comes in; version 1 keeps 1.093, version 2 has the new number.
    values = values.map((v) => (v.month === '2021-06' ? { ...v, value: 191 } : v));
    await refreshFromModules(t.db, [fake], { fromMonth: '2021-01', toMonth: '2021-07' });
    expect((await published()).value).toBe(1093);
    // Until the new version, the live figures of the published half year do not move either.
    expect((await live()).value).toBe(1093);
    const second = await again();
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ version: 2, note: 'Correctie juni' });
    // The July visit is outside the period's own table, so it hides nothing of the first half.
    expect(second.json().cells.find((c: { measureCode: string }) => c.measureCode === 'geldfit.visits')).toMatchObject({ value: 1094, state: 'shown' });
    expect((await published()).value).toBe(1094);
    // The live figures now show the new version's months.
    expect((await live()).value).toBe(1094);

    const list = (await t.app.inject({ url: '/api/v1/insights/releases?period=2021-H1', headers: manager.headers })).json();
    expect(list.map((r: { version: number }) => r.version)).toEqual([1, 2]);
    const first = (await t.app.inject({ url: `/api/v1/insights/releases/${list[0].id}`, headers: manager.headers })).json();
    expect(first.cells.find((c: { measureCode: string }) => c.measureCode === 'geldfit.visits')).toMatchObject({ value: 1093 });
    expect(
      (await initiativeFigures(t.db, { measureCodes: ['geldfit.visits'], municipalityCode: 'GM0505', period: '2021-H1', releaseId: list[0].id }))[0],
    ).toMatchObject({ value: 1093 });
  });

  it('stores no hidden value, names a small count, and lets only analysts publish through the API', async () => {
    values = [...values, { measure: 'geldfit.visits', municipalityCode: 'GM0505', areaCode: null, month: '2021-08', value: 4 }];
    await refreshFromModules(t.db, [fake], { fromMonth: '2021-01', toMonth: '2021-08' });
    const august = await t.app.inject({ method: 'POST', url: '/api/v1/insights/releases', headers: analyst.headers, payload: { period: '2021-08' } });
    expect(august.statusCode).toBe(201);
    expect(august.json().cells.find((c: { measureCode: string }) => c.measureCode === 'geldfit.visits')).toMatchObject({
      value: null,
      state: 'primary',
      display: '< 10',
    });
    const byManager = await t.app.inject({ method: 'POST', url: '/api/v1/insights/releases', headers: manager.headers, payload: { period: '2021-H2' } });
    expect(byManager.statusCode).toBe(403);
    // A month is frozen once: a period over published months takes them as they were published. May gets 12 late
    // visits; the second quarter, published now, still has April to June of 2021-H1 version 2 (175 + 188 + 191).
    values = values.map((v) => (v.month === '2021-05' ? { ...v, value: 200 } : v));
    await refreshFromModules(t.db, [fake], { fromMonth: '2021-01', toMonth: '2021-08' });
    const quarter = await t.app.inject({ method: 'POST', url: '/api/v1/insights/releases', headers: analyst.headers, payload: { period: '2021-Q2' } });
    expect(quarter.statusCode).toBe(201);
    expect(quarter.json().cells.find((c: { measureCode: string }) => c.measureCode === 'geldfit.visits')).toMatchObject({ value: 554, state: 'shown' });
    // A correction of the half year after that is a new table of its own months, not the quarter's copy of them: the
    // late May visits count in version 3, and the live figures show it.
    const third = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/releases',
      headers: analyst.headers,
      payload: { period: '2021-H1', again: true },
    });
    expect(third.statusCode).toBe(201);
    expect(third.json()).toMatchObject({ version: 3 });
    expect(third.json().cells.find((c: { measureCode: string }) => c.measureCode === 'geldfit.visits')).toMatchObject({ value: 1106, state: 'shown' });
    expect((await live()).value).toBe(1106);
    const badPeriod = await t.app.inject({ method: 'POST', url: '/api/v1/insights/releases', headers: analyst.headers, payload: { period: '2021-H3' } });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().errors[0]).toMatchObject({ field: 'body.period' });
    const otherMunicipality = await t.app.inject({ url: '/api/v1/insights/releases?municipality=GM0642', headers: manager.headers });
    expect(otherMunicipality.statusCode).toBe(403);
  });
});
