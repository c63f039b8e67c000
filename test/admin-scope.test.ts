import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/actor.ts';
import { invalidLogin } from '../src/platform/auth.ts';
import { apiKeys, organisationMunicipalities, organisations, users, type Role } from '../src/platform/schema.ts';
import { hashPassword } from '../src/platform/secrets.ts';
import { createTestApp, DEMO_PASSWORD, demoEmails, loginAs, type Session, type TestApp } from './support/app.ts';

/**
 * The hostile tester's findings, reproduced over the HTTP API: an admin of one municipality escalating through an
 * organisation that serves several, roles that do not fit the organisation, a lockout beaten by parallel
 * attempts, a login answer that tells accounts apart, and audit lines shown to the admins of every municipality.
 */
const sevenMunicipalities = ['GM0482', 'GM0505', 'GM0523', 'GM0531', 'GM0590', 'GM0610', 'GM0642'];

interface Organisation {
  id: string;
  code: string;
  kind: string;
  municipalities: string[];
  manageable: boolean;
}

describe('admin scope: every admin action stays wholly within the municipalities the admin administers', () => {
  let t: TestApp;
  let dordrecht: Session;
  let zwijndrecht: Session;
  let sddAdmin: Session;
  const org = new Map<string, string>();

  async function addUser(email: string, organisationCode: string, roles: Role[]) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await t.db.unaudited((q) => q.insert(users).values({ organisationId: org.get(organisationCode)!, email, displayName: email, roles, passwordHash }));
  }
  async function userByEmail(email: string) {
    const [row] = await t.db.unaudited((q) => q.select().from(users).where(sql`lower(${users.email}) = ${email}`));
    return row;
  }
  async function servedBy(code: string) {
    const rows = await t.db.unaudited((q) =>
      q
        .select({ m: organisationMunicipalities.municipalityCode })
        .from(organisationMunicipalities)
        .where(eq(organisationMunicipalities.organisationId, org.get(code)!)),
    );
    return rows.map((r) => r.m).sort();
  }

  beforeAll(async () => {
    t = await createTestApp();
    for (const row of await t.db.unaudited((q) => q.select({ id: organisations.id, code: organisations.code }).from(organisations))) org.set(row.code, row.id);
    await addUser('beheer@zwijndrecht.example', 'GEM-ZWIJNDRECHT', ['admin']);
    await addUser('beheer@sdd.example', 'SDD', ['admin']);
    await addUser('consulent@sdd.example', 'SDD', ['case_worker']);
    dordrecht = await loginAs(t.app, demoEmails.admin);
    zwijndrecht = await loginAs(t.app, 'beheer@zwijndrecht.example');
    sddAdmin = await loginAs(t.app, 'beheer@sdd.example');
  });
  afterAll(() => t.close());

  it('refuses the SDD escalation: an admin of GM0505 cannot create an admin in an organisation that serves all seven, and nothing is created', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: dordrecht.headers,
      payload: {
        organisationId: org.get('SDD'),
        email: 'stiekem@sdd.example',
        displayName: 'Stiekeme Beheerder',
        roles: ['admin'],
        password: 'Een-lang-wachtwoord-2026',
      },
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toMatch(/U beheert niet alle gemeenten waarvoor deze organisatie werkt: .*GM0642/);
    expect(await userByEmail('stiekem@sdd.example')).toBeUndefined();
    // The attempt is on record, for the admins of the municipalities it reached for.
    const trail = (
      await t.app.inject({ method: 'GET', url: '/api/v1/audit-events?objectType=user&action=create&result=denied', headers: sddAdmin.headers })
    ).json().items;
    expect(trail).toEqual([expect.objectContaining({ actorUserId: dordrecht.userId, municipalityCodes: sevenMunicipalities })]);
  });

  it('refuses an admin of GM0505 editing, listing or keying anything of an organisation that also serves other municipalities', async () => {
    const sddWorker = (await userByEmail('consulent@sdd.example'))!;
    const promote = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${sddWorker.id}`, headers: dordrecht.headers, payload: { roles: ['admin'] } });
    expect(promote.statusCode).toBe(403);
    expect((await userByEmail('consulent@sdd.example'))!.roles).toEqual(['case_worker']);

    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: dordrecht.headers })).json();
    expect(listed.map((u: { email: string }) => u.email)).not.toContain('consulent@sdd.example');
    expect(listed.map((u: { email: string }) => u.email)).toContain(demoEmails.signal_officer);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/users?organisationId=${org.get('SDD')}`, headers: dordrecht.headers })).statusCode).toBe(403);

    const key = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${org.get('VGZ')}/api-keys`,
      headers: dordrecht.headers,
      payload: { name: 'Stiekem' },
    });
    expect(key.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${org.get('VGZ')}/api-keys`, headers: dordrecht.headers })).statusCode).toBe(403);
    expect(
      await t.db.unaudited((q) =>
        q
          .select()
          .from(apiKeys)
          .where(eq(apiKeys.organisationId, org.get('VGZ')!)),
      ),
    ).toEqual([]);

    const organisationsSeen: Organisation[] = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: dordrecht.headers })).json();
    expect(organisationsSeen.find((o) => o.code === 'SDD')).toMatchObject({ manageable: false });
    expect(organisationsSeen.find((o) => o.code === 'TRIVIRE')).toMatchObject({ manageable: true });
  });

  it('refuses adding a municipality the admin does not administer, to a new organisation or an existing one (their own included)', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: dordrecht.headers,
      payload: { code: 'BREED', name: 'Breed Team', kind: 'municipal_team', municipalities: ['GM0505', 'GM0642'] },
    });
    expect(created.statusCode).toBe(403);
    expect(await t.db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, 'BREED')))).toEqual([]);

    for (const code of ['GEM-DORDRECHT', 'TRIVIRE']) {
      const widened = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/organisations/${org.get(code)}`,
        headers: dordrecht.headers,
        payload: { municipalities: ['GM0505', 'GM0642'] },
      });
      expect(widened.statusCode, code).toBe(403);
      expect(await servedBy(code)).toEqual(['GM0505']);
    }
    // Within their own municipality the admin may still change an organisation.
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${org.get('TRIVIRE')}`,
      headers: dordrecht.headers,
      payload: { name: 'Trivire Woningcorporatie' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Trivire Woningcorporatie', municipalities: ['GM0505'] });
  });

  it('holds the same rule for an admin of an organisation serving several municipalities and for one of another municipality', async () => {
    // The SDD admin administers all seven: SDD and Zwijndrecht's team are theirs to manage.
    const inSdd = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: sddAdmin.headers,
      payload: {
        organisationId: org.get('SDD'),
        email: 'nieuw@sdd.example',
        displayName: 'Nieuwe Consulent',
        roles: ['case_worker'],
        password: 'Een-lang-wachtwoord-2026',
      },
    });
    expect(inSdd.statusCode).toBe(201);
    const widened = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${org.get('GEM-ZWIJNDRECHT')}`,
      headers: sddAdmin.headers,
      payload: { municipalities: ['GM0642', 'GM0590'] },
    });
    expect(widened.statusCode).toBe(200);
    expect(await servedBy('GEM-ZWIJNDRECHT')).toEqual(['GM0590', 'GM0642']);
    const narrowed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${org.get('GEM-ZWIJNDRECHT')}`,
      headers: sddAdmin.headers,
      payload: { municipalities: ['GM0642'] },
    });
    expect(narrowed.statusCode).toBe(200);
    // The scope of Zwijndrecht's staff changed with their organisation: their sessions ended, they log in again.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: zwijndrecht.headers })).statusCode).toBe(401);
    zwijndrecht = await loginAs(t.app, 'beheer@zwijndrecht.example');

    // The Zwijndrecht admin cannot reach Dordrecht's organisations (not even see them) nor SDD (serves more than theirs).
    const dordrechtTeam = await t.app.inject({ method: 'GET', url: `/api/v1/users?organisationId=${org.get('GEM-DORDRECHT')}`, headers: zwijndrecht.headers });
    expect(dordrechtTeam.statusCode).toBe(404);
    const sddUser = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: zwijndrecht.headers,
      payload: {
        organisationId: org.get('SDD'),
        email: 'zw@sdd.example',
        displayName: 'Zwijndrechtse Beheerder',
        roles: ['admin'],
        password: 'Een-lang-wachtwoord-2026',
      },
    });
    expect(sddUser.statusCode).toBe(403);
    expect(await userByEmail('zw@sdd.example')).toBeUndefined();
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: zwijndrecht.headers })).json();
    expect(mine.map((u: { email: string }) => u.email)).toEqual(['beheer@zwijndrecht.example']);
  });

  it('refuses roles that do not fit the kind of organisation, with a Dutch 400 naming the field', async () => {
    const cases: { organisation: string; roles: Role[] }[] = [
      { organisation: 'TRIVIRE', roles: ['signal_officer'] },
      { organisation: 'TRIVIRE', roles: ['admin'] },
      { organisation: 'SWT', roles: ['provider_cashier'] },
      { organisation: 'DEMO-AANBIEDER', roles: ['case_worker'] },
      { organisation: 'HUMANITAS', roles: ['creditor'] },
    ];
    for (const [i, c] of cases.entries()) {
      const email = `misfit${i}@example.org`;
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: dordrecht.headers,
        payload: { organisationId: org.get(c.organisation), email, displayName: 'Past Niet', roles: c.roles, password: 'Een-lang-wachtwoord-2026' },
      });
      expect(response.statusCode, `${c.roles} at ${c.organisation}`).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'validation_failed',
        detail: expect.stringMatching(/^De rol .+ kan niet worden gegeven aan een medewerker van een .+\.$/),
        errors: [{ field: 'body.roles' }],
      });
      expect(await userByEmail(email)).toBeUndefined();
    }
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: dordrecht.headers,
          payload: {
            organisationId: org.get('TRIVIRE'),
            email: 'incasso2@trivire.example',
            displayName: 'Tweede Crediteur',
            roles: ['creditor'],
            password: 'Een-lang-wachtwoord-2026',
          },
        })
      ).statusCode,
    ).toBe(201);

    const creditor = (await userByEmail(demoEmails.creditor))!;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${creditor.id}`,
      headers: dordrecht.headers,
      payload: { roles: ['creditor', 'signal_officer'] },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().detail).toContain('medewerker vroegsignalering');
    expect((await userByEmail(demoEmails.creditor))!.roles).toEqual(['creditor']);

    // A provider with a cashier cannot become a creditor: its cashier's role would no longer fit.
    const kind = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${org.get('DEMO-AANBIEDER')}`,
      headers: dordrecht.headers,
      payload: { kind: 'creditor' },
    });
    expect(kind.statusCode).toBe(409);
    const [provider] = await t.db.unaudited((q) =>
      q
        .select()
        .from(organisations)
        .where(eq(organisations.id, org.get('DEMO-AANBIEDER')!)),
    );
    expect(provider!.kind).toBe('provider');
  });

  it('shows an admin only audit lines of municipalities they administer, and lines of no municipality to none', async () => {
    await loginAs(t.app, 'consulent@sdd.example');
    await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'niemand@example.org', password: 'niet-goed-123' } });
    await t.db.recordAuditEvent(systemActor('nightly'), { action: 'delete', objectType: 'signal_case', details: { purged: 3 } }, 'success');

    const read = async (s: Session) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events?limit=500', headers: s.headers })).json().items as {
        municipalityCodes: string[];
        actorUserId: string | null;
        actorKind: string;
        details: { reason?: string } | null;
      }[];
    const sddWorker = (await userByEmail('consulent@sdd.example'))!;

    const seenByDordrecht = await read(dordrecht);
    expect(seenByDordrecht.length).toBeGreaterThan(0);
    expect(seenByDordrecht.every((e) => e.municipalityCodes.length > 0 && e.municipalityCodes.every((m) => m === 'GM0505'))).toBe(true);
    expect(seenByDordrecht.some((e) => e.actorUserId === sddWorker.id)).toBe(false);
    expect(seenByDordrecht.some((e) => e.actorKind === 'system:nightly')).toBe(false);
    expect(seenByDordrecht.some((e) => e.details?.reason === 'unknown_user')).toBe(false);

    const seenByZwijndrecht = await read(zwijndrecht);
    expect(seenByZwijndrecht.every((e) => e.municipalityCodes.every((m) => m === 'GM0642'))).toBe(true);
    expect(seenByZwijndrecht.some((e) => e.actorUserId === dordrecht.userId)).toBe(false);

    const seenBySdd = await read(sddAdmin);
    expect(seenBySdd.some((e) => e.actorUserId === sddWorker.id)).toBe(true);
    expect(seenBySdd.some((e) => e.actorUserId === dordrecht.userId)).toBe(true);
    expect(seenBySdd.some((e) => e.actorKind === 'system:nightly' || e.details?.reason === 'unknown_user')).toBe(false);
  });
});

describe('login: atomic lockout, one answer for every refusal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });

  it('locks the account when ten wrong passwords arrive in parallel, and refuses the right one afterwards', async () => {
    const wrong = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(demoEmails.analyst, `parallel-fout-${i}`)));
    expect(wrong.map((r) => r.statusCode)).toEqual(Array(10).fill(401));
    const right = await attempt(demoEmails.analyst, DEMO_PASSWORD);
    expect(right.statusCode).toBe(401);
    expect(right.cookies.find((c) => c.name === 'vangnet_session')).toBeUndefined();
    const [row] = await t.db.unaudited((q) => q.select().from(users).where(eq(users.email, demoEmails.analyst)));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it('answers an unknown account, a wrong password and a locked account identically', async () => {
    for (let i = 0; i < 5; i++) await attempt(demoEmails.programme_manager, `fout-${i}-abcdef`);
    const answers = [
      await attempt('niemand@example.org', DEMO_PASSWORD),
      await attempt(demoEmails.case_worker, 'niet-goed-123'),
      await attempt(demoEmails.programme_manager, DEMO_PASSWORD),
      await attempt(demoEmails.programme_manager, 'niet-goed-123'),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toEqual(answers[0]!.json());
      expect(answer.json().detail).toBe(invalidLogin);
    }
  });
});
