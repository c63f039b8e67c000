// Staff log in with the municipality's identity provider: a real OpenID Provider (oidc-provider) on a local port.
import { desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/http/server.ts';
import { auditEvents, users } from '../src/platform/schema.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { confirmLogoutAtProvider, followCallback, loginAtProvider, PUBLIC_URL, startTestProvider, type TestProvider } from './support/oidcProvider.ts';

const mapping = JSON.stringify({
  'vangnet-signalering': { roles: ['signal_officer'], organisation: 'GEM-DORDRECHT' },
  'vangnet-beheer': { roles: ['admin'], organisation: 'GEM-DORDRECHT' },
});

let provider: TestProvider;
let t: TestApp;

beforeAll(async () => {
  provider = await startTestProvider();
  provider.accounts.set('mw-0001', {
    email: 'nieuw.medewerker@dordrecht.example',
    email_verified: true,
    name: 'Nieuwe Medewerker',
    groups: ['vangnet-signalering', 'personeel'],
  });
  provider.accounts.set('mw-0002', { email: 'buiten@dordrecht.example', email_verified: true, name: 'Geen Groep', groups: ['personeel'] });
  t = await createTestApp({ env: provider.staffEnv({ VANGNET_OIDC_ROLE_MAPPING: mapping, VANGNET_OIDC_PROVISION: 'true' }) });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});
afterEach(() => {
  provider.tamper = null;
});

async function lastLoginAudit() {
  const [line] = await t.db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.action, 'login')).orderBy(desc(auditEvents.id)).limit(1));
  return line!;
}

async function me(cookie: string | undefined) {
  return t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `${SESSION_COOKIE}=${cookie ?? ''}` } });
}

describe('staff login through the municipality’s OpenID provider', () => {
  it('shows the button on the login page, next to the password form', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/login' });
    expect(page.body).toContain('Inloggen met Dordrecht Account');
    expect(page.body).toContain('href="/login/oidc"');
    expect(page.body).toContain('name="password"');
  });

  it('logs a new staff member in with the mapped role, creates the account once, and links it by issuer and subject', async () => {
    const { callback, cookies } = await loginAtProvider(t.app, '/login/oidc?terug=/medewerkers/signalen', 'mw-0001');
    const url = new URL(callback, PUBLIC_URL);
    expect(url.pathname).toBe('/login/oidc/terug');
    expect(url.searchParams.get('code')).toBeTruthy();
    const landed = await followCallback(t.app, callback, cookies);
    expect(landed.statusCode).toBe(200);
    expect(landed.body).toContain('href="/medewerkers/signalen"');
    const session = await me(cookies.get(SESSION_COOKIE));
    expect(session.statusCode).toBe(200);
    const view = session.json() as { user: { displayName: string; roles: string[] }; permissions: string[] };
    expect(view.user.displayName).toBe('Nieuwe Medewerker');
    expect(view.user.roles).toEqual(['signal_officer']);
    expect(view.permissions).toContain('signals:work');

    const [account] = await t.db.unaudited((q) => q.select().from(users).where(eq(users.email, 'nieuw.medewerker@dordrecht.example')));
    expect(account).toMatchObject({ oidcIssuer: provider.issuer, oidcSubject: 'mw-0001', roles: ['signal_officer'] });
    const login = await lastLoginAudit();
    expect(login).toMatchObject({ result: 'success', objectType: 'session', actorUserId: account!.id, details: { method: 'oidc' } });

    // A second login finds the same account (no second one), now with the role the provider gives today.
    provider.accounts.set('mw-0001', { ...provider.accounts.get('mw-0001'), groups: ['vangnet-beheer'] });
    const again = await loginAtProvider(t.app, '/login/oidc', 'mw-0001');
    await followCallback(t.app, again.callback, again.cookies);
    const view2 = (await me(again.cookies.get(SESSION_COOKIE))).json() as { user: { id: string; roles: string[] } };
    expect(view2.user.id).toBe(account!.id);
    expect(view2.user.roles).toEqual(['admin']);
    provider.accounts.set('mw-0001', { ...provider.accounts.get('mw-0001'), groups: ['vangnet-signalering'] });
  });

  it('refuses someone the mapping gives no role, in plain Dutch, without an account or session', async () => {
    const { callback, cookies } = await loginAtProvider(t.app, '/login/oidc', 'mw-0002');
    const refused = await followCallback(t.app, callback, cookies);
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toContain('geen toegang tot Vangnet');
    expect(cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await t.db.unaudited((q) => q.select().from(users).where(eq(users.email, 'buiten@dordrecht.example')))).toEqual([]);
    expect(await lastLoginAudit()).toMatchObject({ result: 'denied', details: { method: 'oidc', reason: 'no_matching_role' } });
  });

  for (const tamper of ['wrong-key', 'wrong-audience', 'expired'] as const) {
    it(`refuses an ID token ${tamper === 'wrong-key' ? 'signed with a wrong key' : tamper === 'wrong-audience' ? 'for another audience' : 'that has expired'}`, async () => {
      const { callback, cookies } = await loginAtProvider(t.app, '/login/oidc', 'mw-0001');
      provider.tamper = tamper;
      const refused = await followCallback(t.app, callback, cookies);
      expect(refused.statusCode).toBe(401);
      expect(refused.body).toContain('We konden niet controleren wie u bent');
      expect(cookies.has(SESSION_COOKIE)).toBe(false);
      const line = await lastLoginAudit();
      expect(line).toMatchObject({ result: 'denied', details: { method: 'oidc', reason: 'token_invalid' } });
      expect(String((line.details as { detail?: string }).detail)).toMatch(/^OAUTH_/);
    });
  }

  it('refuses a replayed answer (the same state and code a second time)', async () => {
    const { callback, cookies } = await loginAtProvider(t.app, '/login/oidc', 'mw-0001');
    const pendingKey = cookies.get('vangnet_oidc')!;
    expect((await followCallback(t.app, callback, cookies)).statusCode).toBe(200);
    // The attacker sends the same answer again, with the same pending-login cookie.
    const replay = new Map([['vangnet_oidc', pendingKey]]);
    const refused = await followCallback(t.app, callback, replay);
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toContain('al een keer gebruikt');
    expect(replay.has(SESSION_COOKIE)).toBe(false);
    expect(await lastLoginAudit()).toMatchObject({ result: 'denied', details: { method: 'oidc', reason: 'login_expired' } });
  });

  it('refuses an answer whose state belongs to another login', async () => {
    const first = await loginAtProvider(t.app, '/login/oidc', 'mw-0001');
    const second = await loginAtProvider(t.app, '/login/oidc', 'mw-0001');
    // The first login's answer arrives in the browser that started the second login.
    const refused = await followCallback(t.app, first.callback, second.cookies);
    expect(refused.statusCode).toBe(401);
    expect(second.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await lastLoginAudit()).toMatchObject({ result: 'denied', details: { method: 'oidc', reason: 'token_invalid' } });
  });

  it('logs out here and at the provider (RP-initiated logout with id_token_hint)', async () => {
    const { callback, cookies, jar } = await loginAtProvider(t.app, '/login/oidc', 'mw-0001');
    await followCallback(t.app, callback, cookies);
    const token = cookies.get(SESSION_COOKIE)!;
    const { csrfToken } = (await me(token)).json() as { csrfToken: string };
    const out = await t.app.inject({
      method: 'POST',
      url: '/uitloggen',
      headers: { cookie: `${SESSION_COOKIE}=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${encodeURIComponent(csrfToken)}`,
    });
    expect(out.statusCode).toBe(303);
    const endSession = new URL(String(out.headers.location));
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/login`);
    expect((await me(token)).statusCode).toBe(401);
    expect(await lastLoginAuditOf('logout')).toMatchObject({ result: 'success' });
    // The provider accepts the hint and, once confirmed, sends the browser back to Vangnet's login page.
    const back = await confirmLogoutAtProvider(endSession.href, jar);
    expect(back).toBe(`${PUBLIC_URL}/login`);
    expect(provider.seen).toContain('/session/end/confirm');
  });

  it('does not log out on a post without the session’s form code', async () => {
    const { callback, cookies } = await loginAtProvider(t.app, '/login/oidc', 'mw-0001');
    await followCallback(t.app, callback, cookies);
    const token = cookies.get(SESSION_COOKIE)!;
    const out = await t.app.inject({
      method: 'POST',
      url: '/uitloggen',
      headers: { cookie: `${SESSION_COOKIE}=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'csrf=fout',
    });
    expect(out.statusCode).toBe(403);
    expect((await me(token)).statusCode).toBe(200);
  });
});

async function lastLoginAuditOf(action: 'logout') {
  const [line] = await t.db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(desc(auditEvents.id)).limit(1));
  return line!;
}

describe('staff login without provisioning', () => {
  it('refuses a first login when the configuration does not create accounts, and links an existing account by verified e-mail', async () => {
    const p = await startTestProvider();
    p.accounts.set('x-1', { email: 'onbekend@dordrecht.example', email_verified: true, groups: ['vangnet-signalering'] });
    p.accounts.set('x-2', { email: 'signalering@dordrecht.example', email_verified: true, groups: ['vangnet-signalering'] });
    const app = await createTestApp({ env: p.staffEnv({ VANGNET_OIDC_ROLE_MAPPING: mapping }) });
    try {
      const unknown = await loginAtProvider(app.app, '/login/oidc', 'x-1');
      const refused = await followCallback(app.app, unknown.callback, unknown.cookies);
      expect(refused.statusCode).toBe(401);
      expect(refused.body).toContain('Er is in Vangnet geen account voor u');
      const known = await loginAtProvider(app.app, '/login/oidc', 'x-2');
      expect((await followCallback(app.app, known.callback, known.cookies)).statusCode).toBe(200);
      const [linked] = await app.db.unaudited((q) => q.select().from(users).where(eq(users.email, 'signalering@dordrecht.example')));
      expect(linked).toMatchObject({ oidcIssuer: p.issuer, oidcSubject: 'x-2' });
    } finally {
      await app.close();
      await p.close();
    }
  });
});
