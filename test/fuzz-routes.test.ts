import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/platform/actor.ts';
import { permissions, type Permission } from '../src/platform/authz.ts';
import { roles, type Role } from '../src/platform/schema.ts';
import { modules } from '../src/modules/registry.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from './support/app.ts';
import { fixedHostileBodies, hostileShape } from './support/hostile-bodies.ts';

/**
 * Every route of every module, called by a role that may use it, with generated hostile input: bodies of every
 * shape and content type (also as signal and dataset files), query strings and path parameters. Never a 500;
 * an API refusal is problem+json; and a refused request leaves everything stored exactly as it was.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const nasty = fc.constantFrom(
  "'; drop table persons; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000',
  '\uFEFFreferentie;datum;bedrag\n1;31-02-2025;€ 1.2.3,4',
  'referentie,datum,soort,bedrag\nA,2025-13-01,huur,-5\nA,2025-01-01,huur,abc',
  'gebied;periode;waarde\nWK050599;2025-13;1e309',
  'PK\u0003\u0004garbage',
  '9'.repeat(300),
  '-1',
  '1e400',
  'NaN',
  '2025-02-30',
  '00000000-0000-0000-0000-000000000000',
);
const text = fc.oneof(fc.string({ maxLength: 200 }), nasty);
const value = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(text, text, { maxKeys: 3 }),
);
const keys = fc.constantFrom(
  'passNumber',
  'memberNumber',
  'amountCents',
  'idempotencyKey',
  'category',
  'signals',
  'referentie',
  'bedrag',
  'reason',
  'state',
  'theme',
  'question',
  'name',
  'phone',
  'email',
  'consent',
  'toestemming',
  'test',
  'profiel',
  'lang',
  'municipalityCode',
  'period',
  'measure',
  'value',
  'areaCode',
  'q',
  'wijk',
  'thema',
  'publiek',
  'wanneer',
  'from',
  'to',
  'status',
  'limit',
  'offset',
  'id',
  'surname',
);
const body = fc.oneof(fc.dictionary(keys, value, { maxKeys: 8 }), fc.array(value, { maxLength: 3 }), text);
const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/csv', 'application/octet-stream', 'text/plain');

describe('fuzzing every route', () => {
  let t: TestApp;
  const sessions = new Map<Role, Session>();
  let tried = 0;
  let refused = 0;

  beforeAll(async () => {
    // A small upload limit, so that one oversize body is larger than what any route takes.
    t = await createTestApp({ env: { VANGNET_UPLOAD_MAX_MB: '2' } });
    for (const module of modules) await module.seedDemo?.(t.db, t.config, modules);
    for (const role of roles) sessions.set(role, await loginAs(t.app, demoEmails[role]));
  }, 300_000);
  afterAll(async () => {
    console.log(JSON.stringify({ fuzz: 'all-routes', inputsTried: tried, refused }));
    await t.close();
  });

  /** One fingerprint of every table's contents, to prove a refused request changed nothing. */
  async function fingerprint(): Promise<string> {
    return t.db.audited(systemActor('fuzz'), { action: 'read', objectType: 'fingerprint' }, async (tx) => {
      const tables = await tx.execute(
        sql`select tablename from pg_tables where schemaname = 'public' and tablename not in ('audit_events', 'sessions', 'api_keys', 'users') order by tablename`,
      );
      const names = (tables as { rows: { tablename: string }[] }).rows.map((r) => r.tablename);
      const parts: string[] = [];
      for (const name of names) {
        const result = await tx.execute(
          sql.raw(`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as f from "${name}" t`),
        );
        parts.push(`${name}=${(result as { rows: { f: string }[] }).rows[0]!.f}`);
      }
      return parts.join(';');
    });
  }

  it('never answers 500, refuses cleanly, and a refusal changes nothing', async () => {
    const routes = t.app.routeTable.filter((r) => !(r.url === '/api/v1/session' && r.method === 'DELETE'));
    expect(routes.length).toBeGreaterThan(60);
    // The residents' server-rendered forms are fuzzed too, not only the API.
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['POST /geldfit/contact', 'GET /hulp']));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        body,
        contentType,
        fc.dictionary(keys, text, { maxKeys: 4 }),
        text,
        async (route, payload, type, query, param) => {
          tried++;
          const allowedRole =
            route.access === 'public' ? null : route.access === 'authenticated' ? 'admin' : (permissions[route.access as Permission][0] as Role);
          const headers: Record<string, string> = {
            ...(allowedRole ? sessions.get(allowedRole)!.headers : {}),
            'content-type': type,
            origin: 'http://localhost:3000',
            'sec-fetch-site': 'same-origin',
          };
          const path = route.url.replace(/:[A-Za-z]+/g, () => encodeURIComponent(param) || 'x');
          const url = `${path}?${new URLSearchParams(query).toString()}`;
          const raw =
            typeof payload === 'string'
              ? payload
              : type === 'application/json'
                ? JSON.stringify(payload)
                : new URLSearchParams(Object.entries(payload).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')])).toString();
          const before = route.method === 'GET' ? null : await fingerprint();
          const response = await t.app.inject({ method: route.method as 'POST', url, headers, payload: route.method === 'GET' ? undefined : raw });
          expect(response.statusCode, `${route.method} ${url} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (response.statusCode >= 400) {
            refused++;
            if (url.startsWith('/api/')) expect(response.headers['content-type'], `${route.method} ${url}`).toContain('application/problem+json');
            if (before !== null) expect(await fingerprint(), `${route.method} ${url} changed data while refusing`).toBe(before);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);

  function headersFor(route: { access: string }, type: string): Record<string, string> {
    const allowedRole = route.access === 'public' ? null : route.access === 'authenticated' ? 'admin' : (permissions[route.access as Permission][0] as Role);
    return {
      ...(allowedRole ? sessions.get(allowedRole)!.headers : {}),
      'content-type': type,
      origin: 'http://localhost:3000',
      'sec-fetch-site': 'same-origin',
    };
  }

  it('refuses oversize, deeply nested, wide and long bodies on every route before any handler, storing nothing', async () => {
    const routes = t.app.routeTable.filter((r) => r.method !== 'GET' && !(r.url === '/api/v1/session' && r.method === 'DELETE'));
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const before = await fingerprint();
      for (const hostile of fixedHostileBodies) {
        tried++;
        const url = route.url.replace(/:[A-Za-z]+/g, 'x');
        const response = await t.app.inject({ method: route.method as 'POST', url, headers: headersFor(route, hostile.contentType), payload: hostile.payload });
        const label = `${hostile.name}: ${route.method} ${url} → ${response.statusCode} ${response.body.slice(0, 200)}`;
        // A rate-limited public form may answer 429 first: also a refusal before any handler.
        expect([400, 413, 429], label).toContain(response.statusCode);
        if (hostile.name.startsWith('oversize') && response.statusCode !== 429) expect(response.statusCode, label).toBe(413);
        expect(response.headers['content-type'], label).toContain('application/problem+json');
        if (response.statusCode !== 429)
          expect((response.json() as { detail: string }).detail, label).toMatch(/^Het bericht |^Een (object|lijst) in het bericht /);
        refused++;
      }
      expect(await fingerprint(), `${route.method} ${route.url} changed data while refusing`).toBe(before);
    }
  }, 600_000);

  it('never answers 500 to generated bodies of every depth, width and length, and a refusal changes nothing', async () => {
    const routes = t.app.routeTable.filter((r) => r.method !== 'GET' && !(r.url === '/api/v1/session' && r.method === 'DELETE'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), hostileShape, async (route, hostile) => {
        tried++;
        const url = route.url.replace(/:[A-Za-z]+/g, 'x');
        const before = await fingerprint();
        const response = await t.app.inject({ method: route.method as 'POST', url, headers: headersFor(route, hostile.contentType), payload: hostile.payload });
        const label = `${hostile.name}: ${route.method} ${url} → ${response.statusCode} ${response.body.slice(0, 200)}`;
        expect(response.statusCode, label).toBeLessThan(500);
        if (response.statusCode >= 400) {
          refused++;
          // The residents' pages answer their own refusals (an unknown self-test) as a page; the API always as a problem.
          if (url.startsWith('/api/')) expect(response.headers['content-type'], label).toContain('application/problem+json');
          expect(await fingerprint(), `${label} changed data while refusing`).toBe(before);
        }
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 3)) },
    );
  }, 600_000);
});
