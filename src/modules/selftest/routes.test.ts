import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { createTestApp, demoEmails, loginAs, type TestApp } from '../../../test/support/app.ts';
import { directoryModule } from '../directory/module.ts';
import { selftestModule } from './module.ts';
import type { Figures } from './contract.ts';
import { refreshFromModules } from '../insights/commands.ts';
import type { ProtectedCell } from '../insights/index.ts';
import { counterTotals, figuresFrom, toMetrics } from './figures.ts';
import { questionnaireBySlug } from './scoring.ts';
import { countsBetween } from './store.ts';

const clock = new FakeClock('2026-03-10T09:00:00Z');
const residents = questionnaireBySlug('inwoners')!;
const entrepreneurs = questionnaireBySlug('ondernemers')!;

function form(values: Record<string, string>): string {
  return new URLSearchParams(values).toString();
}
function lightest(q: typeof residents, overrides: Record<string, string> = {}) {
  return { ...Object.fromEntries(q.questions.map((x) => [x.id, x.options[0]!.value])), ...overrides };
}
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: 'null' };

describe('Geldfit over HTTP', () => {
  let t: TestApp;
  /** Today's raw counters (before protection: the counting itself is what these tests check). */
  const todays = async () => counterTotals(await countsBetween(t.db, '2026-03-10', '2026-03-10'));
  const personCount = () =>
    t.db.audited(systemActor('test'), { action: 'read', objectType: 'persons_count' }, async (tx) => {
      const result = await tx.execute(sql`select count(*)::int as n from persons`);
      return Number((result as unknown as { rows: { n: number }[] }).rows?.[0]?.n ?? (result as unknown as { n: number }[])[0]?.n);
    });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await directoryModule.seedDemo!(t.db, t.config);
  });
  afterAll(() => t?.close());

  it('serves the start page and both tests in Dutch and English, without script', async () => {
    const start = await t.app.inject({ url: '/geldfit' });
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('lang="nl"');
    expect(start.body).toContain('Start de test voor ondernemers');
    expect(start.body).not.toContain('<script');
    const en = await t.app.inject({ url: '/geldfit/inwoners?lang=en' });
    expect(en.body).toContain('lang="en"');
    expect(en.body).toContain('See my result');
    expect(en.body).toContain('Do you pay your fixed costs on time?');
    expect(en.body).toContain(`Answer ${residents.questions.length} short questions`);
    const nl = await t.app.inject({ url: '/geldfit/ondernemers?via=start' });
    expect(nl.body).toContain('Bekijk mijn uitslag');
    expect(nl.body).toContain('Heeft u een achterstand bij de Belastingdienst?');
    expect((await t.app.inject({ url: '/geldfit/bestaat-niet' })).statusCode).toBe(404);
  });

  it('counts visits and started tests per day: a direct visit to a test counts as a visit, one via the start page not twice', async () => {
    expect(await todays()).toMatchObject({ visit: 2, started: 2 });
    await t.app.inject({ method: 'HEAD', url: '/geldfit' });
    expect((await todays()).visit).toBe(2);
  });

  it('shows the questions again with the missing ones named, and keeps the given answers', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/geldfit/inwoners', headers: formHeaders, payload: form({ money_left: 'short', lang: 'nl' }) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Nog niet alle vragen zijn beantwoord');
    expect(response.body).toMatch(/value="short" checked/);
    expect((await todays()).completed).toBe(0);
  });

  it('scores an anonymous test, advises, counts, and stores nothing personal', async () => {
    const before = await personCount();
    const response = await t.app.inject({
      method: 'POST',
      url: '/geldfit/inwoners',
      headers: formHeaders,
      payload: form({ ...lightest(residents, { threat: 'eviction', life_event: 'divorce' }), lang: 'nl' }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Uw uitslag: Direct hulp nodig');
    expect(response.body).toContain('Schuldhulpverlening');
    expect(response.body).toContain('Spreekuur Adviespunt scheiding');
    expect(response.body).not.toContain('Ondernemersloket');
    expect(response.body).toContain('Neem contact met mij op');
    const shown = (response.body.match(/href="\/geldfit\/naar\//g) ?? []).length;
    expect(shown).toBeGreaterThanOrEqual(3);
    expect(await personCount()).toBe(before);
    expect(await todays()).toMatchObject({ completed: 1, 'profile:urgent': 1, referrals_shown: shown });
  });

  it('sends entrepreneurs to the Ondernemersloket, in English too', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/geldfit/ondernemers',
      headers: formHeaders,
      payload: form({ ...lightest(entrepreneurs, { tax_arrears: 'yes', creditors: 'many', collection: 'bailiff' }), lang: 'en' }),
    });
    expect(response.body).toContain('lang="en"');
    expect(response.body).toContain('Your result: Act now');
    expect(response.body).toContain('Ondernemersloket');
    expect(response.body).not.toContain('Sociaal Wijkteam: inloopspreekuur');
    expect(response.body).toContain('Contact me');
  });

  it('points only to services that exist on the social map', async () => {
    const codes = new Set(((await t.app.inject({ url: '/api/v1/directory/services' })).json() as { items: { code: string }[] }).items.map((i) => i.code));
    for (const q of [residents, entrepreneurs]) {
      for (const code of Object.values(q.servicesByFlag).flat()) expect(codes, `${q.id}: ${code}`).toContain(code);
    }
    expect(codes).toContain('sdd-ondernemersloket');
  });

  it('counts a followed referral and redirects to the directory page', async () => {
    const [service] = ((await t.app.inject({ url: '/api/v1/directory/services?q=ondernemersloket' })).json() as { items: { id: string }[] }).items;
    const response = await t.app.inject({ url: `/geldfit/naar/${service!.id}?test=ondernemers&profiel=act_now` });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/hulp/${service!.id}`);
    expect((await todays()).referral_followed).toBe(1);
  });

  it('refuses a contact request without consent or without a way to reach the resident, and stores nothing', async () => {
    const before = await personCount();
    const noConsent = await t.app.inject({
      method: 'POST',
      url: '/geldfit/contact',
      headers: formHeaders,
      payload: form({ test: 'inwoners', profiel: 'urgent', lang: 'nl', naam: 'Fatima Yilmaz', telefoon: '06 12345678' }),
    });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.body).toContain('Zet een vinkje bij toestemming');
    expect(noConsent.body).toContain('value="Fatima Yilmaz"');
    const noReach = await t.app.inject({
      method: 'POST',
      url: '/geldfit/contact',
      headers: formHeaders,
      payload: form({ test: 'inwoners', profiel: 'urgent', lang: 'en', naam: 'Fatima', toestemming: 'ja' }),
    });
    expect(noReach.statusCode).toBe(400);
    expect(noReach.body).toContain('Fill in a phone number or an e-mail address.');
    expect(await personCount()).toBe(before);
    expect((await todays()).contact_requested).toBe(0);
  });

  it('refuses a form posted from another site', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/geldfit/contact',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: form({ test: 'inwoners', profiel: 'urgent', naam: 'X', telefoon: '0612345678', toestemming: 'ja' }),
    });
    expect(response.statusCode).toBe(403);
    const noFetchMetadata = await t.app.inject({
      method: 'POST',
      url: '/geldfit/inwoners',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: form(lightest(residents)),
    });
    expect(noFetchMetadata.statusCode).toBe(403);
    const sameSite = await t.app.inject({
      method: 'POST',
      url: '/geldfit/inwoners',
      headers: { ...formHeaders, 'sec-fetch-site': 'same-site' },
      payload: form(lightest(residents)),
    });
    expect(sameSite.statusCode).toBe(403);
  });

  it('accepts a form from this site by Origin when the browser sends no Fetch Metadata', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/geldfit/inwoners',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.config.publicUrl },
      payload: form(lightest(residents)),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Uw uitslag: Op orde');
  });

  it('turns a contact request with consent into an intake at the Sociaal Wijkteam', async () => {
    const before = await personCount();
    const response = await t.app.inject({
      method: 'POST',
      url: '/geldfit/contact',
      headers: formHeaders,
      payload: form({
        test: 'inwoners',
        profiel: 'urgent',
        lang: 'nl',
        naam: 'Fatima Yilmaz',
        telefoon: '06 12345678',
        email: '',
        vraag: 'Ik krijg een brief over ontruiming',
        toestemming: 'ja',
      }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Bedankt. Wij nemen contact met u op.');
    expect(await personCount()).toBe(before + 1);
    expect((await todays()).contact_requested).toBe(1);
    const worker = await loginAs(t.app, demoEmails.case_worker);
    const list = (await t.app.inject({ url: '/api/v1/referrals/worklist', headers: worker.headers })).json() as {
      incoming: { residentName: string; route: string; theme: string }[];
    };
    expect(list.incoming).toEqual(
      expect.arrayContaining([expect.objectContaining({ residentName: 'Fatima Yilmaz', route: 'selftest', theme: 'money_debts' })]),
    );
  });

  it('shows the figures only to roles with selftest:figures', async () => {
    const worker = await loginAs(t.app, demoEmails.case_worker);
    expect((await t.app.inject({ url: '/api/v1/selftest/figures', headers: worker.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/selftest/figures' })).statusCode).toBe(401);
  });

  it('loads the Q1 2021 demo figures of the council letter, once, and publishes them as monthly metrics', async () => {
    await selftestModule.seedDemo!(t.db, t.config);
    await selftestModule.seedDemo!(t.db, t.config);
    // The page shows the dashboard's protected figures: there after the (daily) refresh.
    await refreshFromModules(t.db, [selftestModule], { fromMonth: '2021-01', toMonth: '2021-03' });
    const manager = await loginAs(t.app, demoEmails.programme_manager);
    const response = await t.app.inject({ url: '/api/v1/selftest/figures?from=2021-01&to=2021-03', headers: manager.headers });
    expect(response.statusCode).toBe(200);
    const figures = response.json() as Figures;
    expect(figures.visitors.value).toBe(1093);
    const completed = figures.totals.find((x) => x.counter === 'completed')!;
    expect(completed.all.value).toBe(244);
    expect(figures.totals.find((x) => x.counter === 'started')!.entrepreneurs?.value).toBe(103);
    // Days are not a choice: the figures are there per whole month only, and the field says so.
    const days = await t.app.inject({ url: '/api/v1/selftest/figures?from=2021-01-01&to=2021-03-31', headers: manager.headers });
    expect(days.statusCode).toBe(400);
    expect(days.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'querystring.from', reason: expect.stringContaining('hele maand') })]),
    );
    const metrics = await selftestModule.metrics!.collect(t.db, { fromMonth: '2021-01', toMonth: '2021-03' });
    const sum = (measure: string) => metrics.filter((m) => m.measure === measure).reduce((n, m) => n + m.value, 0);
    expect(sum('selftest.visits')).toBe(1093);
    expect(sum('selftest.completed')).toBe(244);
    expect(sum('selftest.visits_entrepreneurs')).toBe(103);
    expect(metrics.filter((m) => m.measure === 'selftest.visits_entrepreneurs').map((m) => m.month)).toEqual(['2021-03']);
    expect(metrics.every((m) => m.municipalityCode === 'GM0505' && m.areaCode === null)).toBe(true);
  });
  it('ties a completion to its visit: one visit with three resubmits is 100%, a completion without a visit adds nothing to the rate', async () => {
    clock.set('2026-03-12T09:00:00Z');
    // The raw counts of the day (the API gives whole months only, with small counts hidden).
    const figuresOn = async () => {
      // The day's metrics as insights would hold them, unprotected (threshold 1): the rate's logic alone.
      const cells = new Map<string, Map<string, ProtectedCell>>();
      for (const m of toMetrics(await countsBetween(t.db, '2026-03-12', '2026-03-12')))
        cells.set(m.measure, new Map([[m.month, { value: m.value, state: 'shown' }]]));
      return figuresFrom(cells, '2026-03', '2026-03', 1);
    };
    const page = await t.app.inject({ url: '/geldfit/inwoners' });
    const token = /name="bezoek" value="([0-9a-f-]{36})"/.exec(page.body)?.[1];
    expect(token).toBeDefined();
    const answers = { ...lightest(residents), lang: 'nl' };
    for (let i = 0; i < 3; i++) {
      const response = await t.app.inject({ method: 'POST', url: '/geldfit/inwoners', headers: formHeaders, payload: form({ ...answers, bezoek: token! }) });
      expect(response.statusCode).toBe(200);
    }
    let figures = await figuresOn();
    expect(figures.visitors.value).toBe(1);
    expect(figures.completionRate).toBe(100);
    expect(figures.totals.find((x) => x.counter === 'completed')?.all.value).toBe(1);
    // Posted without a visit of its own (a made-up token, or none): a completion, but the rate stays at 100%.
    await t.app.inject({ method: 'POST', url: '/geldfit/inwoners', headers: formHeaders, payload: form({ ...answers, bezoek: crypto.randomUUID() }) });
    await t.app.inject({ method: 'POST', url: '/geldfit/inwoners', headers: formHeaders, payload: form(answers) });
    figures = await figuresOn();
    expect(figures.totals.find((x) => x.counter === 'completed')?.all.value).toBe(3);
    expect(figures.completionRate).toBe(100);
    clock.set('2026-03-10T09:00:00Z');
  });
});
