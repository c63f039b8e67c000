import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, organisations, users } from '../src/platform/schema.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from './support/app.ts';
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
const hostileValue = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 5 }), fc.dictionary(hostileString, hostileString, { maxKeys: 4 }));
const hostileBody = fc.oneof(
  fc.dictionary(fc.constantFrom('email', 'password', 'surname', 'bsn', 'municipalityCode', 'organisationId', 'roles', 'displayName', 'name', 'code', 'kind', 'municipalities', 'postcode', 'birthDate', 'active', '__proto__', 'constructor'), hostileValue, { maxKeys: 8 }),
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
      fc.asyncProperty(fc.constantFrom(...targets), hostileBody, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'), async (target, body, type) => {
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
      }),
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
        const response = await t.app.inject({ method: 'POST', url: target.url, headers: { ...(target.session?.().headers ?? {}), 'content-type': hostile.contentType }, payload: hostile.payload });
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
        const response = await t.app.inject({ method: 'POST', url: target.url, headers: { ...(target.session?.().headers ?? {}), 'content-type': hostile.contentType }, payload: hostile.payload });
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
      fc.asyncProperty(fc.constantFrom(...paths), fc.dictionary(fc.constantFrom('action', 'subjectId', 'from', 'to', 'limit', 'before', 'municipalityCode', 'bsn', 'surname', 'postcode', 'organisationId', 'x'), hostileString, { maxKeys: 5 }), hostileString, async (path, params, tail) => {
        tried++;
        const query = new URLSearchParams(params).toString();
        const url = `${path}${path.endsWith('/') ? encodeURIComponent(tail) : ''}?${query}`;
        const session = path.includes('persons') ? officer : admin;
        const response = await t.app.inject({ method: 'GET', url, headers: session.headers });
        expect(response.statusCode, `${url} → ${response.body}`).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
      }),
      { numRuns: RUNS },
    );
  });
});
