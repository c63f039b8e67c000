// Residents log in with DigiD through the municipality's OIDC broker: a real OpenID Provider (oidc-provider) on a
// local port issues the `bsn` claim (and `kvk` for eHerkenning). The anonymous ways stay; see the module tests.
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/actor.ts';
import { FakeClock } from '../src/platform/clock.ts';
import { insertPerson } from '../src/platform/persons.ts';
import { RESIDENT_COOKIE } from '../src/platform/residentSession.ts';
import { auditEvents, persons, residentSessions } from '../src/platform/schema.ts';
import { seedPassDemo } from '../src/modules/pass/demo.ts';
import { passApplications } from '../src/modules/pass/schema.ts';
import { referralIntakes } from '../src/modules/referrals/schema.ts';
import { questionnaireBySlug } from '../src/modules/selftest/scoring.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import {
  confirmLogoutAtProvider,
  followCallback,
  loginAtProvider,
  PUBLIC_URL,
  startTestProvider,
  type AppCookies,
  type TestProvider,
} from './support/oidcProvider.ts';

/** Made-up numbers that pass the eleven test, and one that does not. */
const BSN_JANSEN = '111222333';
const BSN_NEW = '123456782';
const BSN_OTHER = '999990019';
const BSN_WRONG = '123456789';

const residents = questionnaireBySlug('inwoners')!;
const clock = new FakeClock('2026-03-10T09:00:00Z');
let provider: TestProvider;
let t: TestApp;

const system = systemActor('test');
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };
const cookieHeader = (cookies: AppCookies) => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');

beforeAll(async () => {
  provider = await startTestProvider();
  provider.accounts.set('jansen', { bsn: BSN_JANSEN });
  provider.accounts.set('nieuw', { bsn: BSN_NEW });
  provider.accounts.set('ander', { bsn: BSN_OTHER });
  provider.accounts.set('fout', { bsn: BSN_WRONG });
  provider.accounts.set('leeg', {});
  provider.accounts.set('bedrijf', { kvk: '12345678' });
  t = await createTestApp({ clock, env: provider.digidEnv({ VANGNET_DIGID_KVK_CLAIM: 'kvk', VANGNET_RESIDENT_SESSION_MINUTES: '15' }) });
  await seedPassDemo(t.db);
  // The register knows the demo pass holder Jansen by this BSN (as after an earlier application with DigiD).
  await t.db.audited(system, { action: 'update', objectType: 'person' }, async (tx) => {
    const [app] = await tx.select().from(passApplications).where(eq(passApplications.reference, 'DP-DEMO0001'));
    await tx.update(persons).set({ bsn: BSN_JANSEN, phone: '06 11112222', email: 'jansen@voorbeeld.example' }).where(eq(persons.id, app!.applicantPersonId));
    await insertPerson(tx, { municipalityCode: 'GM0505', bsn: BSN_OTHER, surname: 'Ander' });
  });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});
afterEach(() => {
  provider.tamper = null;
});

/** Logs in at the broker as `account` and comes back to Vangnet; answers the browser's cookies and the landing. */
async function loginAs(account: string, start = '/inloggen/digid?terug=/dordtpas') {
  const done = await loginAtProvider(t.app, start, account);
  const landed = await followCallback(t.app, done.callback, done.cookies);
  return { ...done, landed };
}

const get = (url: string, cookies: AppCookies) => t.app.inject({ url, headers: { cookie: cookieHeader(cookies) } });

async function lastAudit(action: 'login' | 'logout') {
  const [line] = await t.db.unaudited((q) =>
    q
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.objectType, 'resident_session')))
      .orderBy(desc(auditEvents.id))
      .limit(1),
  );
  return line!;
}

describe('residents log in with DigiD through the broker', () => {
  it('offers the login on the residents’ pages, and the anonymous way stays', async () => {
    const page = await t.app.inject({ url: '/dordtpas/mijn-pas' });
    expect(page.body).toContain('href="/inloggen/digid?terug=%2Fdordtpas%2Fmijn-pas"');
    expect(page.body).toContain('name="accessCode"');
    expect((await t.app.inject({ url: '/geldfit' })).body).toContain('Inloggen met DigiD');
  });

  it('logs in, sets a short HttpOnly SameSite=Lax cookie stored only as a hash, and prefills the application', async () => {
    const { landed, cookies } = await loginAs('jansen');
    expect(landed.statusCode).toBe(200);
    expect(landed.body).toContain('url=/dordtpas');
    const set = landed.cookies.find((c) => c.name === RESIDENT_COOKIE)!;
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 900 });
    expect(set.secure).toBeFalsy();
    const rows = await t.db.audited(system, { action: 'read', objectType: 'resident_session' }, (tx) => tx.select().from(residentSessions));
    expect(rows.some((r) => r.tokenHash === set.value)).toBe(false);
    expect(rows.some((r) => r.bsn === BSN_JANSEN)).toBe(true);

    const apply = await get('/dordtpas', cookies);
    expect(apply.body).toContain('U bent ingelogd met DigiD');
    expect(apply.body).toContain('******333');
    expect(apply.body).not.toContain(BSN_JANSEN);
    expect(apply.body).toContain('value="Jansen"');
    expect(apply.body).not.toContain('<script');

    // The login's audit line names the resident by their id in the register, never by BSN.
    const line = await lastAudit('login');
    expect(line).toMatchObject({ result: 'success', details: { method: 'digid', kind: 'bsn' } });
    expect(line.subjectIds.length).toBe(1);
    expect(JSON.stringify(line)).not.toContain(BSN_JANSEN);
  });

  it('shows Mijn Dordtpas with the pass and balance without reference or code', async () => {
    const { cookies } = await loginAs('jansen', '/inloggen/digid?terug=/dordtpas/mijn-pas');
    const page = await get('/dordtpas/mijn-pas', cookies);
    expect(page.body).toContain('Uw aanvraag: Toegekend');
    expect(page.body).toContain('€ 175,00');
    expect(page.body).not.toContain('name="accessCode"');
    // Someone else logged in sees nothing of Jansen's pass.
    const other = await loginAs('ander');
    const theirs = await get('/dordtpas/mijn-pas', other.cookies);
    expect(theirs.body).toContain('Wij hebben geen aanvraag voor een Dordtpas van u');
    expect(theirs.body).not.toContain('€ 175,00');
  });

  it('applies with the BSN from the token, ignoring a BSN typed into the form', async () => {
    const { cookies } = await loginAs('nieuw');
    const post = await t.app.inject({
      method: 'POST',
      url: '/dordtpas',
      headers: { ...formHeaders, cookie: cookieHeader(cookies) },
      payload: form({
        route: 'income',
        'applicant.initials': 'N.',
        'applicant.surname': 'Nieuwland',
        'applicant.birthDate': '4-3-1990',
        'applicant.street': 'Voorstraat',
        'applicant.houseNumber': '1',
        'applicant.postcode': '3311 AA',
        'applicant.city': 'Dordrecht',
        'applicant.bsn': BSN_OTHER,
        bsn: BSN_OTHER,
        income: '1.200',
        assets: '0',
        kinderen: '1',
      }),
    });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/dordtpas/ontvangen');
    const [applicant] = await t.db.audited(system, { action: 'read', objectType: 'person' }, (tx) =>
      tx.select().from(persons).where(eq(persons.surname, 'Nieuwland')),
    );
    expect(applicant!.bsn).toBe(BSN_NEW);
    // The next visit to Mijn Dordtpas shows this application, and the form is now filled in from the register.
    expect((await get('/dordtpas/mijn-pas', cookies)).body).toContain('Uw aanvraag: In behandeling');
    expect((await get('/dordtpas', cookies)).body).toContain('value="Nieuwland"');
  });

  it('sends a Geldfit contact request with the BSN from the token, prefilled, and shows its state only to its resident', async () => {
    const { cookies } = await loginAs('jansen', '/inloggen/digid?terug=/geldfit');
    const result = await t.app.inject({
      method: 'POST',
      url: '/geldfit/inwoners',
      headers: { ...formHeaders, cookie: cookieHeader(cookies) },
      payload: form({ ...Object.fromEntries(residents.questions.map((q) => [q.id, q.options[0]!.value])), lang: 'nl' }),
    });
    // The result page's contact form knows who is logged in and what the register has of them.
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('value="06 11112222"');
    expect(result.body).toContain('value="jansen@voorbeeld.example"');
    expect(result.body).toContain('******333');
    const sent = await t.app.inject({
      method: 'POST',
      url: '/geldfit/contact',
      headers: { ...formHeaders, cookie: cookieHeader(cookies) },
      payload: form({
        test: 'inwoners',
        profiel: 'urgent',
        lang: 'nl',
        naam: 'A. Jansen',
        telefoon: '06 11112222',
        vraag: 'Ik heb een huurachterstand',
        toestemming: 'ja',
        bsn: BSN_OTHER,
      }),
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Bedankt. Wij nemen contact met u op.');
    const [intake] = await t.db.audited(system, { action: 'read', objectType: 'referral_intake' }, (tx) =>
      tx.select({ personId: referralIntakes.personId }).from(referralIntakes).orderBy(desc(referralIntakes.createdAt)).limit(1),
    );
    const [person] = await t.db.audited(system, { action: 'read', objectType: 'person' }, (tx) =>
      tx.select().from(persons).where(eq(persons.id, intake!.personId)),
    );
    expect(person!.bsn).toBe(BSN_JANSEN);

    const mine = await get('/mijn-aanvragen', cookies);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Doorgestuurd, nog niet opgepakt');
    expect(mine.body).toMatch(/<td>\d{1,2} maart 2026<\/td>/);
    expect(mine.body).not.toContain('huurachterstand');

    const other = await loginAs('ander');
    const theirs = await get('/mijn-aanvragen', other.cookies);
    expect(theirs.body).toContain('Wij hebben geen aanvraag voor hulp van u');
    expect(theirs.body).not.toContain('Doorgestuurd');
    // Without a login the page asks to log in and shows nothing.
    const anonymous = await t.app.inject({ url: '/mijn-aanvragen' });
    expect(anonymous.body).toContain('Log in om te zien hoe het staat');
    expect(anonymous.body).not.toContain('Doorgestuurd');
  });

  it('logs an entrepreneur in with eHerkenning’s KvK number through the same broker', async () => {
    const { landed, cookies } = await loginAs('bedrijf', '/inloggen/digid?terug=/mijn-aanvragen');
    expect(landed.statusCode).toBe(200);
    const page = await get('/mijn-aanvragen', cookies);
    expect(page.body).toContain('U bent ingelogd voor uw bedrijf (KvK 12345678)');
    expect(await lastAudit('login')).toMatchObject({ result: 'success', details: { method: 'digid', kind: 'kvk' } });
  });

  for (const [account, sentence, reason] of [
    ['fout', 'Het burgerservicenummer dat wij kregen klopt niet', 'bsn_invalid'],
    ['leeg', 'Wij hebben uw burgerservicenummer niet gekregen', 'no_bsn'],
  ] as const) {
    it(`refuses a login whose BSN claim is ${reason === 'bsn_invalid' ? 'not a valid BSN' : 'missing'}`, async () => {
      const { landed, cookies } = await loginAs(account);
      expect(landed.statusCode).toBe(401);
      expect(landed.body).toContain(sentence);
      expect(cookies.has(RESIDENT_COOKIE)).toBe(false);
      const line = await lastAudit('login');
      expect(line).toMatchObject({ result: 'denied', details: { method: 'digid', reason } });
      expect(JSON.stringify(line)).not.toContain(BSN_WRONG);
    });
  }

  for (const tamper of ['wrong-key', 'wrong-audience', 'expired'] as const) {
    it(`refuses an ID token ${tamper === 'wrong-key' ? 'signed with a wrong key' : tamper === 'wrong-audience' ? 'for another audience' : 'that has expired'}`, async () => {
      const { callback, cookies } = await loginAtProvider(t.app, '/inloggen/digid', 'jansen');
      provider.tamper = tamper;
      const refused = await followCallback(t.app, callback, cookies);
      expect(refused.statusCode).toBe(401);
      expect(refused.body).toContain('We konden niet controleren wie u bent');
      expect(refused.body).toContain('href="/inloggen/digid"');
      expect(refused.body).toContain('Het kan ook zonder inloggen');
      expect(cookies.has(RESIDENT_COOKIE)).toBe(false);
      const line = await lastAudit('login');
      expect(line).toMatchObject({ result: 'denied', details: { method: 'digid', reason: 'token_invalid' } });
      expect(String((line.details as { detail?: string }).detail)).toMatch(/^OAUTH_/);
    });
  }

  it('refuses a replayed answer (the same state and code a second time)', async () => {
    const { callback, cookies } = await loginAtProvider(t.app, '/inloggen/digid', 'jansen');
    const pendingKey = cookies.get('vangnet_digid')!;
    expect((await followCallback(t.app, callback, cookies)).statusCode).toBe(200);
    const replay = new Map([['vangnet_digid', pendingKey]]);
    const refused = await followCallback(t.app, callback, replay);
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toContain('al een keer gebruikt');
    expect(replay.has(RESIDENT_COOKIE)).toBe(false);
    expect(await lastAudit('login')).toMatchObject({ result: 'denied', details: { method: 'digid', reason: 'login_expired' } });
  });

  it('ends the session after its minutes, without sliding', async () => {
    const { cookies } = await loginAs('jansen');
    clock.advance({ minutes: 14 });
    expect((await get('/dordtpas/mijn-pas', cookies)).body).toContain('€ 175,00');
    clock.advance({ minutes: 2 });
    const later = await get('/dordtpas/mijn-pas', cookies);
    expect(later.body).not.toContain('€ 175,00');
    expect(later.body).toContain('name="accessCode"');
    expect(later.body).toContain('Inloggen met DigiD');
  });

  it('logs out here and at the broker, and audits it', async () => {
    const { cookies, jar } = await loginAs('jansen');
    const out = await t.app.inject({ method: 'POST', url: '/inloggen/uitloggen', headers: { ...formHeaders, cookie: cookieHeader(cookies) }, payload: '' });
    expect(out.statusCode).toBe(303);
    const endSession = new URL(String(out.headers.location));
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/`);
    expect(out.cookies.find((c) => c.name === RESIDENT_COOKIE)?.value).toBe('');
    // The old cookie no longer opens anything.
    expect((await get('/dordtpas/mijn-pas', cookies)).body).not.toContain('€ 175,00');
    const line = await lastAudit('logout');
    expect(line).toMatchObject({ result: 'success', details: { method: 'digid' } });
    expect(line.subjectIds.length).toBe(1);
    expect(await confirmLogoutAtProvider(endSession.href, jar)).toBe(`${PUBLIC_URL}/`);
    // A logout posted from another site is refused.
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/inloggen/uitloggen',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', origin: 'https://kwaad.example' },
      payload: '',
    });
    expect(foreign.statusCode).toBe(403);
  });
});

describe('resident cookie behind https', () => {
  it('is Secure when secure cookies are configured', async () => {
    const secure = await createTestApp({ env: provider.digidEnv({ VANGNET_SECURE_COOKIES: 'true' }) });
    try {
      const done = await loginAtProvider(secure.app, '/inloggen/digid', 'jansen');
      const landed = await followCallback(secure.app, done.callback, done.cookies);
      expect(landed.cookies.find((c) => c.name === RESIDENT_COOKIE)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    } finally {
      await secure.close();
    }
  });
});
