import { Writable } from 'node:stream';
import { fileHeader, importCsv, recentDate } from '../src/modules/signals/test-helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { buildServer } from '../src/http/server.ts';
import { invalidLogin } from '../src/platform/auth.ts';
import { FakeClock } from '../src/platform/clock.ts';
import { createTestApp, DEMO_PASSWORD, demoEmails, loginAs, type TestApp } from './support/app.ts';

describe('HTTP API conventions (NLGov REST API Design Rules)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers the health check with status ok and an API-Version header', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['api-version']).toBe('1.0.0');
  });

  it('publishes an OpenAPI document generated from the zod schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/health', '/api/v1/session', '/api/v1/audit-events', '/api/v1/persons/{id}']));
    const userBody = doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema;
    expect(userBody.required).toEqual(expect.arrayContaining(['organisationId', 'email', 'roles']));
  });

  it('answers errors as problem+json with the fields that are wrong', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/bestaat-niet' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ status: 404, code: 'not_found' });
    const admin = await loginAs(t.app, demoEmails.admin);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: 'geen-adres', roles: ['koning'] } });
    expect(bad.statusCode).toBe(400);
    const problem = bad.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.email', 'body.organisationId']));
  });

  it('refuses a NUL character anywhere in a request with a 400 naming the field, never a database error', async () => {
    const admin = await loginAs(t.app, demoEmails.admin);
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { organisationId: '00000000-0000-4000-8000-000000000000', email: 'a@example.org', displayName: 'Jan\u0000sen', roles: ['case_worker'] },
    });
    expect(body.statusCode).toBe(400);
    expect(body.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.displayName', reason: expect.stringContaining('NUL') }] });
    const nested = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: ['x', { deep: 'a\u0000' }], password: 'x' } });
    expect(nested.json()).toMatchObject({ status: 400, errors: [{ field: 'body.email.1.deep' }] });
    const query = await t.app.inject({ method: 'GET', url: '/api/v1/directory/services?q=schuld%00hulp' });
    expect(query.statusCode).toBe(400);
    expect(query.json()).toMatchObject({ errors: [{ field: 'querystring.q' }] });
    const page = await t.app.inject({ method: 'GET', url: '/hulp?q=%00' });
    expect(page.statusCode).toBe(400);
  });

  it('sets security headers on every response', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('staff sessions', () => {
  let t: TestApp;
  const clock = new FakeClock('2026-03-02T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  it('logs in with an HttpOnly, SameSite session cookie and tells the roles and permissions', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: demoEmails.signal_officer, password: DEMO_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'vangnet_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const body = response.json();
    expect(body.user.roles).toEqual(['signal_officer']);
    expect(body.permissions).toContain('signals:work');
    expect(body.permissions).not.toContain('audit:read');
  });

  it('refuses a wrong password with the same message as an unknown account', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: demoEmails.analyst, password: 'niet-goed-123' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'niemand@example.org', password: 'niet-goed-123' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('locks an account after repeated failures, until the lockout has passed, without saying so', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: demoEmails.programme_manager, password: `fout-${i}-abcdef` } });
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: demoEmails.programme_manager, password: DEMO_PASSWORD } });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().detail).toBe(invalidLogin);
    clock.advance({ minutes: 16 });
    const later = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: demoEmails.programme_manager, password: DEMO_PASSWORD } });
    expect(later.statusCode).toBe(200);
  });

  it('refuses changes without the CSRF token, and accepts them with it', async () => {
    const admin = await loginAs(t.app, demoEmails.admin);
    const orgs = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: admin.headers })).json();
    const trivire = orgs.find((o: { code: string }) => o.code === 'TRIVIRE');
    const withoutToken = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${trivire.id}/api-keys`,
      headers: { cookie: admin.headers.cookie! },
      payload: { name: 'Zonder token' },
    });
    expect(withoutToken.statusCode).toBe(403);
    const withToken = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${trivire.id}/api-keys`,
      headers: admin.headers,
      payload: { name: 'Met token' },
    });
    expect(withToken.statusCode).toBe(201);
  });

  it('refuses a login posted as a form (login CSRF)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(demoEmails.admin)}&password=${DEMO_PASSWORD}`,
    });
    expect(response.statusCode).toBe(415);
  });

  it('ends a session after 30 idle minutes, and on logout', async () => {
    const session = await loginAs(t.app, demoEmails.case_worker);
    clock.advance({ minutes: 29 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: session.headers })).statusCode).toBe(200);
    clock.advance({ minutes: 31 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: session.headers })).statusCode).toBe(401);
    const again = await loginAs(t.app, demoEmails.case_worker);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: again.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: again.headers })).statusCode).toBe(401);
  });

  it('ends the sessions of a deactivated user at once', async () => {
    const admin = await loginAs(t.app, demoEmails.admin);
    const analyst = await loginAs(t.app, demoEmails.signal_officer);
    const users = (await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })).json();
    const target = users.find((u: { email: string }) => u.email === demoEmails.signal_officer);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${target.id}`, headers: admin.headers, payload: { active: false } });
    expect(patch.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: analyst.headers })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: demoEmails.signal_officer, password: DEMO_PASSWORD } });
    expect(login.statusCode).toBe(401);
  });
});

describe('login rate limit per address', () => {
  it('answers 429 in Dutch once an address has tried too often in a minute', async () => {
    const t = await createTestApp({ env: { VANGNET_LOGIN_RATE_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: `x${i}@example.org`, password: 'niet-goed-123' } });
        statuses.push(r.statusCode);
        if (r.statusCode === 429) expect(r.json()).toMatchObject({ code: 'too_many_requests', detail: expect.stringContaining('Te veel pogingen') });
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });
});

describe('API keys for machine clients', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows a new key once, stores only its hash, and stops accepting it when revoked', async () => {
    const admin = await loginAs(t.app, demoEmails.admin);
    const orgs = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: admin.headers })).json();
    const trivire = orgs.find((o: { code: string }) => o.code === 'TRIVIRE');
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${trivire.id}/api-keys`,
      headers: admin.headers,
      payload: { name: 'Batch' },
    });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^vn_/);
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${trivire.id}/api-keys`, headers: admin.headers });
    expect(listed.body).not.toContain(key);
    expect(listed.json()[0]).not.toHaveProperty('keyHash');
    const { apiKeys } = await import('../src/platform/schema.ts');
    const stored = await t.db.unaudited((q) => q.select().from(apiKeys));
    expect(JSON.stringify(stored)).not.toContain(key);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${id}`, headers: admin.headers })).statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { authorization: `Bearer ${key}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toContain('ingetrokken');
  });

  it('refuses keys for organisations that are not creditors or providers', async () => {
    const admin = await loginAs(t.app, demoEmails.admin);
    const orgs = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: admin.headers })).json();
    const swt = orgs.find((o: { code: string }) => o.code === 'SWT');
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/organisations/${swt.id}/api-keys`, headers: admin.headers, payload: { name: 'Nee' } });
    expect(response.statusCode).toBe(400);
  });
});

describe('audit trail and the application log', () => {
  it('logs requests without personal data, while the audit trail holds who did what', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const base = await createTestApp();
    const config = loadConfig({ VANGNET_LOG_LEVEL: 'info' });
    const app = await buildServer({ db: base.db, config, logStream: sink });
    try {
      const officer = await loginAs(app, demoEmails.signal_officer);
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers: officer.headers,
        payload: { municipalityCode: 'GM0505', surname: 'Bijzondernaam', bsn: '123456782', email: 'inwoner@example.org' },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      // The team's case for this resident is what lets the officer find and read them (need-to-know).
      await importCsv(base.db, 'TRIVIRE', `${fileHeader}\nL-1;${recentDate()};huur;450,00;123456782;Bijzondernaam;Brouwersdijk;3315AB;12;;Dordrecht\n`);
      await app.inject({ method: 'GET', url: `/api/v1/persons?municipalityCode=GM0505&surname=Bijzondernaam`, headers: officer.headers });
      await app.inject({ method: 'GET', url: `/api/v1/persons/${id}`, headers: officer.headers });
      const log = lines.join('');
      expect(log).toContain('/api/v1/persons');
      for (const secret of ['Bijzondernaam', '123456782', 'inwoner@example.org', DEMO_PASSWORD, officer.csrfToken, officer.cookie]) {
        expect(log).not.toContain(secret);
      }
      const admin = await loginAs(app, demoEmails.admin);
      const trail = (await app.inject({ method: 'GET', url: `/api/v1/persons/${id}/audit-events`, headers: admin.headers })).json();
      expect(trail.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['create', 'search', 'read']));
      expect(
        trail
          .filter((e: { objectType: string }) => e.objectType === 'person')
          .every((e: { actorUserId: string; origin: string }) => e.actorUserId === officer.userId && e.origin),
      ).toBe(true);
      const filtered = (await app.inject({ method: 'GET', url: `/api/v1/audit-events?action=login&result=success`, headers: admin.headers })).json().items;
      expect(filtered.length).toBeGreaterThanOrEqual(2);
      expect(filtered.every((e: { action: string }) => e.action === 'login')).toBe(true);
    } finally {
      await app.close();
      await base.close();
    }
  });
});
