import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions, type Permission } from '../src/platform/authz.ts';
import { roles, type Role } from '../src/platform/schema.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from './support/app.ts';

const placeholderId = '00000000-0000-4000-8000-00000000abcd';

function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z]+/g, placeholderId);
}

/**
 * Every API route against every role: a role that the permission table does not name gets 403 (role_forbidden),
 * a role it names gets past the gate, and nobody anonymous gets into a protected route.
 */
describe('authorisation matrix: each role against each protected route', () => {
  let t: TestApp;
  const sessions = new Map<Role, Session>();
  beforeAll(async () => {
    t = await createTestApp();
    for (const role of roles) sessions.set(role, await loginAs(t.app, demoEmails[role]));
  });
  afterAll(() => t.close());

  it('has an access rule on every API route, and covers every permission', () => {
    const table = t.app.routeTable;
    expect(table.length).toBeGreaterThan(15);
    for (const route of table) expect(route.access, `${route.method} ${route.url}`).toBeTruthy();
    const used = new Set(table.map((r) => r.access));
    const unknown = [...used].filter((a) => a !== 'public' && a !== 'authenticated' && !(a in permissions));
    expect(unknown).toEqual([]);
  });

  it('refuses anonymous callers on every non-public route with 401', async () => {
    for (const route of t.app.routeTable.filter((r) => r.access !== 'public')) {
      const response = await t.app.inject({ method: route.method as 'GET', url: concreteUrl(route.url), payload: route.method === 'GET' ? undefined : {} });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('lets exactly the roles of the permission table through the gate of each route', async () => {
    const protectedRoutes = t.app.routeTable.filter((r) => r.access !== 'public' && r.access !== 'authenticated');
    const outcomes: string[] = [];
    for (const route of protectedRoutes) {
      const allowed: readonly Role[] = permissions[route.access as Permission];
      for (const role of roles) {
        const session = sessions.get(role)!;
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: session.headers,
          payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
        });
        const gateDenied = response.statusCode === 403 && response.json().code === 'role_forbidden';
        const expected = allowed.includes(role) ? 'allowed' : 'denied';
        const actual = gateDenied ? 'denied' : response.statusCode === 401 ? 'unauthenticated' : 'allowed';
        if (actual !== expected)
          outcomes.push(`${role} ${route.method} ${route.url}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
      }
    }
    expect(outcomes).toEqual([]);
  });
});

describe('cross-municipality and cross-organisation access', () => {
  let t: TestApp;
  let dordrechtOfficer: Session;
  let zwijndrechtOfficer: Session;
  let zwijndrechtAdmin: Session;
  let dordrechtAdmin: Session;
  let personId: string;
  let orgs: { id: string; code: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    dordrechtAdmin = await loginAs(t.app, demoEmails.admin);
    dordrechtOfficer = await loginAs(t.app, demoEmails.signal_officer);
    orgs = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: dordrechtAdmin.headers })).json();
    // A second tenant: Zwijndrecht's team, with its own admin and officer. Only the platform can create its first admin.
    const { seedDemo } = await import('../src/platform/demo.ts');
    await seedDemo(t.db, 'Test-wachtwoord-123');
    const { users, organisations } = await import('../src/platform/schema.ts');
    const { eq } = await import('drizzle-orm');
    const { hashPassword } = await import('../src/platform/secrets.ts');
    const [zw] = await t.db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, 'GEM-ZWIJNDRECHT')));
    const passwordHash = await hashPassword('Test-wachtwoord-123');
    await t.db.unaudited((q) =>
      q.insert(users).values([
        { organisationId: zw!.id, email: 'beheer@zwijndrecht.example', displayName: 'Zwijndrecht Beheer', roles: ['admin'], passwordHash },
        { organisationId: zw!.id, email: 'signaal@zwijndrecht.example', displayName: 'Zwijndrecht Signaal', roles: ['signal_officer'], passwordHash },
      ]),
    );
    zwijndrechtAdmin = await loginAs(t.app, 'beheer@zwijndrecht.example');
    zwijndrechtOfficer = await loginAs(t.app, 'signaal@zwijndrecht.example');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: dordrechtOfficer.headers,
      payload: { municipalityCode: 'GM0505', surname: 'De Vries', bsn: '111222333', postcode: '3315 ab', houseNumber: '12' },
    });
    expect(created.statusCode).toBe(201);
    personId = created.json().id;
    // Registering gives no right to read: the Dordrecht team's case for this household does (need-to-know).
    const { fileHeader, importCsv, recentDate } = await import('../src/modules/signals/test-helpers.ts');
    await importCsv(t.db, 'TRIVIRE', `${fileHeader}\nA-1;${recentDate()};huur;450,00;111222333;De Vries;Brouwersdijk;3315AB;12;;Dordrecht\n`);
  });
  afterAll(() => t.close());

  it('shows a resident to the officer of the same municipality only', async () => {
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${personId}`, headers: dordrechtOfficer.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ surname: 'De Vries', postcode: '3315AB' });
    // Another municipality's resident is not found, exactly like one that does not exist.
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${personId}`, headers: zwijndrechtOfficer.headers });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('De Vries');
    const search = await t.app.inject({ method: 'GET', url: '/api/v1/persons?municipalityCode=GM0505&bsn=111222333', headers: zwijndrechtOfficer.headers });
    expect(search.statusCode).toBe(403);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: zwijndrechtOfficer.headers,
      payload: { municipalityCode: 'GM0505', surname: 'Indringer' },
    });
    expect(create.statusCode).toBe(403);
  });

  it('records the refused look-up in the audit trail of that resident', async () => {
    const trail = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${personId}/audit-events`, headers: dordrechtAdmin.headers });
    expect(trail.statusCode).toBe(200);
    const results = trail.json().map((e: { action: string; result: string }) => `${e.action}:${e.result}`);
    expect(results).toEqual(expect.arrayContaining(['create:success', 'read:success', 'read:denied']));
  });

  it('keeps each admin to the organisations and users of their own municipalities', async () => {
    const zwOrgs = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: zwijndrechtAdmin.headers })).json();
    const codes = zwOrgs.map((o: { code: string }) => o.code);
    expect(codes).toContain('VGZ'); // works for all Drechtsteden
    expect(codes).not.toContain('TRIVIRE'); // Dordrecht only
    const trivire = orgs.find((o) => o.code === 'TRIVIRE')!;
    const key = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${trivire.id}/api-keys`,
      headers: zwijndrechtAdmin.headers,
      payload: { name: 'Inbraak' },
    });
    expect(key.statusCode).toBe(404);
    const zwUsers = (await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: zwijndrechtAdmin.headers })).json();
    expect(zwUsers.map((u: { email: string }) => u.email)).not.toContain(demoEmails.signal_officer);
    const dordrechtUser = (await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: dordrechtAdmin.headers }))
      .json()
      .find((u: { email: string }) => u.email === demoEmails.case_worker);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${dordrechtUser.id}`,
      headers: zwijndrechtAdmin.headers,
      payload: { active: false },
    });
    expect(patch.statusCode).toBe(404);
    const adminAudit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events?limit=500', headers: zwijndrechtAdmin.headers })).json().items;
    expect(adminAudit.every((e: { municipalityCode: string | null }) => e.municipalityCode === null || e.municipalityCode === 'GM0642')).toBe(true);
  });

  it("gives a creditor's API key only its own organisation's view, and none of the residents", async () => {
    const trivire = orgs.find((o) => o.code === 'TRIVIRE')!;
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${trivire.id}/api-keys`,
      headers: dordrechtAdmin.headers,
      payload: { name: 'Incasso' },
    });
    const key = created.json().key as string;
    const bearer = { authorization: `Bearer ${key}` };
    const session = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: bearer });
    expect(session.json().user).toMatchObject({ organisationId: trivire.id, roles: ['creditor'] });
    const person = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${personId}`, headers: bearer });
    expect(person.statusCode).toBe(403);
    const keys = await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${trivire.id}/api-keys`, headers: bearer });
    expect(keys.statusCode).toBe(403);
  });
});
