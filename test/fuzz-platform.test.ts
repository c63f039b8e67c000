import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidLogin } from '../src/platform/auth.ts';
import { auditEvents, organisations, users } from '../src/platform/schema.ts';
import { hashPassword } from '../src/platform/secrets.ts';
import { createTestApp, DEMO_PASSWORD, demoEmails, loginAs, type Session, type TestApp } from './support/app.ts';
import { fixedHostileBodies, hostileShape } from './support/hostile-bodies.ts';

/**
 * Hostile and malformed input against the platform's API surfaces: never a 500, always problem+json for a
 * refusal, and nothing already stored changes unless the request was accepted.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

const hostileString = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    "'; drop table persons; --",
    '<script>alert(1)</script>',
    '../../../../etc/passwd',
    '\u0000\u0001\uFFFF',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    '%00%27%22',
    '9'.repeat(400),
    '{"$ne":null}',
    '111222333',
    'GM0505',
  ),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 4 }),
);
const hostileBody = fc.oneof(
  fc.dictionary(
    fc.constantFrom(
      'email',
      'password',
      'surname',
      'bsn',
      'municipalityCode',
      'organisationId',
      'roles',
      'displayName',
      'name',
      'code',
      'kind',
      'municipalities',
      'postcode',
      'birthDate',
      'active',
      '__proto__',
      'constructor',
    ),
    hostileValue,
    { maxKeys: 8 },
  ),
  fc.array(hostileValue, { maxLength: 4 }),
  hostileString,
);

describe('fuzzing the platform API', () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let tried = 0;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAs(t.app, demoEmails.admin);
    officer = await loginAs(t.app, demoEmails.signal_officer);
  });
  afterAll(async () => {
    console.log(JSON.stringify({ fuzz: 'platform', inputsTried: tried }));
    await t.close();
  });

  async function counts() {
    const [u] = await t.db.unaudited((q) => q.select({ n: sql<number>`count(*)::int` }).from(users));
    const [o] = await t.db.unaudited((q) => q.select({ n: sql<number>`count(*)::int` }).from(organisations));
    const [a] = await t.db.unaudited((q) => q.select({ n: sql<number>`count(*)::int` }).from(auditEvents));
    return { users: u!.n, organisations: o!.n, audit: a!.n };
  }

  it('answers every hostile body with a clean refusal and changes nothing stored', async () => {
    const targets = [
      { url: '/api/v1/session', session: null },
      { url: '/api/v1/users', session: () => admin },
      { url: '/api/v1/organisations', session: () => admin },
      { url: '/api/v1/persons', session: () => officer },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        hostileBody,
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        async (target, body, type) => {
          tried++;
          const before = await counts();
          const payload = type === 'application/json' ? JSON.stringify(body) : String(typeof body === 'string' ? body : JSON.stringify(body));
          const response = await t.app.inject({
            method: 'POST',
            url: target.url,
            headers: { ...(target.session?.().headers ?? {}), 'content-type': type },
            payload,
          });
          expect(response.statusCode, response.body).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.headers['content-type']).toContain('application/problem+json');
            const after = await counts();
            expect(after.users).toBe(before.users);
            expect(after.organisations).toBe(before.organisations);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses bodies too large, too deep, too wide or too long cheaply, and changes nothing stored', async () => {
    const targets = [
      { url: '/api/v1/session', session: null },
      { url: '/api/v1/users', session: () => admin },
      { url: '/api/v1/organisations', session: () => admin },
      { url: '/api/v1/persons', session: () => officer },
    ];
    for (const target of targets) {
      for (const hostile of fixedHostileBodies) {
        tried++;
        const before = await counts();
        const response = await t.app.inject({
          method: 'POST',
          url: target.url,
          headers: { ...(target.session?.().headers ?? {}), 'content-type': hostile.contentType },
          payload: hostile.payload,
        });
        expect([400, 413], `${hostile.name} ${target.url} → ${response.body.slice(0, 200)}`).toContain(response.statusCode);
        expect(response.headers['content-type']).toContain('application/problem+json');
        const after = await counts();
        expect(after.users).toBe(before.users);
        expect(after.organisations).toBe(before.organisations);
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), hostileShape, async (target, hostile) => {
        tried++;
        const before = await counts();
        const response = await t.app.inject({
          method: 'POST',
          url: target.url,
          headers: { ...(target.session?.().headers ?? {}), 'content-type': hostile.contentType },
          payload: hostile.payload,
        });
        expect(response.statusCode, response.body.slice(0, 200)).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toContain('application/problem+json');
          const after = await counts();
          expect(after.users).toBe(before.users);
          expect(after.organisations).toBe(before.organisations);
        }
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 3)) },
    );
  }, 300_000);

  it('answers every hostile query string and path with a clean refusal', async () => {
    const paths = ['/api/v1/audit-events', '/api/v1/persons', '/api/v1/users', '/api/v1/persons/', '/api/v1/organisations/'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.dictionary(
          fc.constantFrom('action', 'subjectId', 'from', 'to', 'limit', 'before', 'municipalityCode', 'bsn', 'surname', 'postcode', 'organisationId', 'x'),
          hostileString,
          { maxKeys: 5 },
        ),
        hostileString,
        async (path, params, tail) => {
          tried++;
          const query = new URLSearchParams(params).toString();
          const url = `${path}${path.endsWith('/') ? encodeURIComponent(tail) : ''}?${query}`;
          const session = path.includes('persons') ? officer : admin;
          const response = await t.app.inject({ method: 'GET', url, headers: session.headers });
          expect(response.statusCode, `${url} → ${response.body}`).toBeLessThan(500);
          if (response.statusCode >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('locks an account under any burst of parallel wrong passwords, and then refuses the right one', async () => {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const [team] = await t.db.unaudited((q) => q.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, 'SWT')));
    const max = t.config.login.maxFailures;
    let account = 0;
    const wrongPassword = fc.string({ minLength: 1, maxLength: 60 }).filter((p) => !p.includes('\u0000') && p !== DEMO_PASSWORD);
    await fc.assert(
      fc.asyncProperty(fc.array(wrongPassword, { minLength: max, maxLength: 2 * max + 2 }), fc.boolean(), async (passwords, shout) => {
        tried++;
        const email = `burst${account++}@wijkteam.example`;
        await t.db.unaudited((q) => q.insert(users).values({ organisationId: team!.id, email, displayName: 'Burst', roles: ['case_worker'], passwordHash }));
        const asSent = shout ? email.toUpperCase() : email;
        const burst = await Promise.all(
          passwords.map((password) => t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: asSent, password } })),
        );
        for (const answer of burst) {
          expect(answer.statusCode).toBe(401);
          expect(answer.json().detail).toBe(invalidLogin);
        }
        const right = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: DEMO_PASSWORD } });
        expect(right.statusCode, `${passwords.length} parallel wrong passwords did not lock the account`).toBe(401);
        expect(right.json().detail).toBe(invalidLogin);
        const [row] = await t.db.unaudited((q) => q.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.email, email)));
        expect(row!.lockedUntil).not.toBeNull();
      }),
      { numRuns: Math.max(3, Math.round(RUNS / 50)) },
    );
  }, 300_000);
});
