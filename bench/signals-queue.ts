import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { Database } from '../src/db/database.ts';
import { claimDataDir } from '../src/db/owner.ts';
import { buildServer, SESSION_COOKIE } from '../src/http/server.ts';
import { amsterdamDate } from '../src/platform/clock.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { caseQuerySql } from '../src/modules/signals/queries/caseList.ts';
import { createScratchDatabase } from '../test/support/db.ts';
import { queueCaseAddress, queueCaseBsn, seedQueueCases } from '../test/support/queue-cases.ts';
import { benchDatabaseUrl, latencySummary } from './_support.ts';

/**
 * The team's queue at real volume: 100,000 cases (BENCH_SCALE=1), made with set-based SQL, on PostgreSQL and on
 * PGlite, each database in a process of its own. Per kind of search (postcode + number, BSN, a creditor's reference,
 * the start of a surname, and the queue without a search) it measures, in the same run and on the same data:
 * - `sql`: the lookup `listCases` runs (the page of 50, and the count when the page is full) as plain SQL through
 *   `pg` or PGlite directly, with the text and parameters `caseQuerySql` gives;
 * - `api`: GET /api/v1/signals/cases?q=… over HTTP from a separate load process, one request at a time, through a
 *   real server (session, access check, validation, the audited transaction with its audit line, JSON).
 * `sqlWithAuditLineMs`: the same lookup with the audit line the API writes, in one transaction (BEGIN, lookup,
 *   INSERT into audit_events, COMMIT), as plain SQL too.
 * `ratio` is api p50 / sql p50; the target is at most 2 for each search; `ratioToAuditedSql` is api p50 / audited p50. `signedInFloorMs` is what the same server
 * takes for any signed-in request (GET /signals/workers: session, access check, one small query), for scale. A different case is looked up in each
 * iteration, the same sequence on both sides. The server listens on 127.0.0.1, port BENCH_QUEUE_PORT (default: any
 * free port). PostgreSQL: a scratch database on BENCH_DATABASE_URL, dropped afterwards.
 */
const self = fileURLToPath(import.meta.url);
const PAGE = 50;
const EMAIL = 'signalering@dordrecht.example';
const PASSWORD = 'Bench-wachtwoord-1';
const round = (n: number) => Math.round(n * 100) / 100;

type Kind = 'address' | 'bsn' | 'reference' | 'name' | 'queue';
const searchKinds: Kind[] = ['address', 'bsn', 'reference', 'name'];

/** The search text of iteration i, for each kind: a different case every time. */
function searchText(kind: Kind, i: number, cases: number): string | undefined {
  const n = 1 + ((i * 7919) % cases);
  const names = ['jans', 'de groot', 'berg', 'visser', 'mul', 'van der meer', 'kok', 'dekk'];
  switch (kind) {
    case 'address': {
      const a = queueCaseAddress(n);
      return `${a.postcode.slice(0, 4)} ${a.postcode.slice(4)} ${a.houseNumber}`;
    }
    case 'bsn':
      return queueCaseBsn(n);
    case 'reference':
      return `Q-${n}`;
    case 'name':
      return names[i % names.length];
    default:
      return undefined;
  }
}

type RawQuery = (text: string, params: unknown[]) => Promise<unknown[]>;

// The audit line every search writes, as plain SQL: what the lookup costs once it is audited in one transaction.
const auditInsert =
  "insert into audit_events (occurred_at, actor_kind, municipality_code, municipality_codes, action, object_type, result, details) values (now(), 'user', 'GM0505', '{GM0505}', 'search', 'signal_case', 'success', '{}'::jsonb)";

async function measureSql(query: RawQuery, cases: number, iterations: number, today: string, audited = false) {
  const out: Record<string, { latencies: number[]; rows: number }> = {};
  for (const kind of [...searchKinds, 'queue'] as Kind[]) {
    const latencies: number[] = [];
    let rows = 0;
    for (let i = -5; i < iterations; i++) {
      const lookup = caseQuerySql({ q: searchText(kind, Math.max(i, 0), cases), limit: PAGE }, ['GM0505'], today);
      const t0 = performance.now();
      if (audited) await query('begin', []);
      const page = await query(lookup.page.sql, lookup.page.params);
      if (page.length === lookup.limit) await query(lookup.count.sql, lookup.count.params);
      if (audited) {
        await query(auditInsert, []);
        await query('commit', []);
      }
      if (i >= 0) latencies.push(performance.now() - t0);
      rows += page.length;
    }
    out[kind] = { latencies, rows };
  }
  return out;
}

/** The HTTP side, in a process of its own so the client's work does not count against the server. */
function measureApi(
  origin: string,
  cookie: string,
  cases: number,
  iterations: number,
): Promise<Record<string, { latencies: number[]; rows: number; errors: number }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, self, '--load', origin, cookie, String(cases), String(iterations)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`load process exited with ${code}`))));
  });
}

async function load(origin: string, cookie: string, cases: number, iterations: number) {
  const out: Record<string, { latencies: number[]; rows: number; errors: number }> = {};
  for (const kind of [...searchKinds, 'queue'] as Kind[]) {
    const latencies: number[] = [];
    let rows = 0;
    let errors = 0;
    for (let i = -5; i < iterations; i++) {
      const q = searchText(kind, Math.max(i, 0), cases);
      const params = new URLSearchParams({ limit: String(PAGE), ...(q ? { q } : {}) });
      const t0 = performance.now();
      const response = await fetch(`${origin}/api/v1/signals/cases?${params}`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
      const body = (await response.json()) as { items?: unknown[] };
      if (i >= 0) latencies.push(performance.now() - t0);
      if (response.status !== 200) errors++;
      rows += body.items?.length ?? 0;
    }
    out[kind] = { latencies, rows, errors };
  }
  // The floor of any signed-in request on this server: the list of workers (session, access check, one small query).
  const floor: number[] = [];
  for (let i = -5; i < iterations; i++) {
    const t0 = performance.now();
    const response = await fetch(`${origin}/api/v1/signals/workers`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
    await response.text();
    if (i >= 0) floor.push(performance.now() - t0);
  }
  out.signedInFloor = { latencies: floor, rows: 0, errors: 0 };
  return out;
}

async function serveAndMeasure(db: Database, cases: number, iterations: number) {
  const config = loadConfig({ VANGNET_LOG_LEVEL: 'silent', PORT: '0', VANGNET_PUBLIC_URL: 'http://127.0.0.1', VANGNET_LOGIN_RATE_PER_MINUTE: '10000' });
  const app = await buildServer({ db, config });
  try {
    await app.listen({ port: Number(process.env.BENCH_QUEUE_PORT ?? 0), host: '127.0.0.1' });
    const address = app.server.address();
    const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${origin}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login answered ${login.status}`);
    const cookie = /vangnet_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!cookie) throw new Error('no session cookie');
    return await measureApi(origin, cookie, cases, iterations);
  } finally {
    await app.close();
  }
}

function compare(
  sqlSide: Awaited<ReturnType<typeof measureSql>>,
  auditedSide: Awaited<ReturnType<typeof measureSql>>,
  apiSide: Awaited<ReturnType<typeof load>>,
) {
  const result: Record<string, unknown> = {};
  let worst = 0;
  for (const kind of [...searchKinds, 'queue'] as Kind[]) {
    const s = latencySummary(sqlSide[kind]!.latencies);
    const a = latencySummary(apiSide[kind]!.latencies);
    const ratio = round(a.p50 / Math.max(s.p50, 0.01));
    if (kind !== 'queue') worst = Math.max(worst, ratio);
    if (apiSide[kind]!.rows !== sqlSide[kind]!.rows) throw new Error(`${kind}: the API showed ${apiSide[kind]!.rows} rows, plain SQL ${sqlSide[kind]!.rows}`);
    const w = latencySummary(auditedSide[kind]!.latencies);
    result[kind] = {
      sqlMs: s,
      sqlWithAuditLineMs: w,
      apiMs: a,
      ratio,
      ratioToAuditedSql: round(a.p50 / Math.max(w.p50, 0.01)),
      rowsPerIteration: round(sqlSide[kind]!.rows / (sqlSide[kind]!.latencies.length + 5)),
      errors: apiSide[kind]!.errors,
    };
  }
  // What any signed-in request costs here (GET /signals/workers): the part of `api` that is not the search.
  return { searches: result, worstSearchRatio: worst, signedInFloorMs: latencySummary(apiSide.signedInFloor!.latencies) };
}

async function partPostgres(cases: number, iterations: number) {
  const { db, url, cleanup } = await createScratchDatabase(benchDatabaseUrl, { prefix: 'vangnet_bench_queue' });
  try {
    await seedDemo(db, PASSWORD);
    const t0 = performance.now();
    await seedQueueCases(db, cases);
    const seedSeconds = round((performance.now() - t0) / 1000);
    const today = amsterdamDate(db.clock.now());
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let sqlSide: Awaited<ReturnType<typeof measureSql>> | undefined;
    let auditedSide: Awaited<ReturnType<typeof measureSql>> | undefined;
    try {
      sqlSide = await measureSql(async (text, params) => (await client.query(text, params)).rows, cases, iterations, today);
      auditedSide = await measureSql(async (text, params) => (await client.query(text, params)).rows, cases, iterations, today, true);
    } finally {
      await client.end();
    }
    const apiSide = await serveAndMeasure(db, cases, iterations);
    return { database: 'postgres', seedSeconds, ...compare(sqlSide!, auditedSide!, apiSide) };
  } finally {
    await cleanup();
  }
}

/** PGlite: one process owns the folder, so plain SQL runs on the folder opened directly, then the server opens it. */
async function partPglite(cases: number, iterations: number, dataDir: string) {
  let db = await Database.open({ dataDir });
  await seedDemo(db, PASSWORD);
  const t0 = performance.now();
  await seedQueueCases(db, cases);
  const seedSeconds = round((performance.now() - t0) / 1000);
  const today = amsterdamDate(db.clock.now());
  await db.close();
  const claim = await claimDataDir(dataDir, { kind: 'command', command: 'bench signals-queue' });
  const client = new PGlite(dataDir);
  let sqlSide: Awaited<ReturnType<typeof measureSql>> | undefined;
  let auditedSide: Awaited<ReturnType<typeof measureSql>> | undefined;
  try {
    sqlSide = await measureSql(async (text, params) => (await client.query(text, params)).rows, cases, iterations, today);
    auditedSide = await measureSql(async (text, params) => (await client.query(text, params)).rows, cases, iterations, today, true);
  } finally {
    await client.close();
    await claim.release();
  }
  db = await Database.open({ dataDir });
  try {
    const apiSide = await serveAndMeasure(db, cases, iterations);
    return { database: 'pglite', seedSeconds, ...compare(sqlSide!, auditedSide!, apiSide) };
  } finally {
    await db.close();
  }
}

function runPart(part: 'postgres' | 'pglite', cases: number, iterations: number, dir: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, self, '--part', part, String(cases), String(iterations), dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`${part} part exited with ${code}`))));
  });
}

export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const cases = Math.max(1000, Math.round(100_000 * scale));
  const iterations = Math.max(20, Math.round(100 * Math.min(1, scale * 10)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-bench-queue-'));
  try {
    const postgres = await runPart('postgres', cases, iterations, dir);
    const pglite = await runPart('pglite', cases, iterations, dir);
    return { cases, iterations, pageSize: PAGE, postgres, pglite, target: { searchRatioAtMost: 2 } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--part') {
  const [part, cases, iterations, dir] = process.argv.slice(3);
  const result =
    part === 'postgres'
      ? await partPostgres(Number(cases), Number(iterations))
      : await partPglite(Number(cases), Number(iterations), path.join(dir!, 'pglite'));
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMbProcess: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  process.exit(0);
} else if (process.argv[2] === '--load') {
  const [origin, cookie, cases, iterations] = process.argv.slice(3);
  process.stdout.write(`${JSON.stringify(await load(origin!, cookie!, Number(cases), Number(iterations)))}\n`);
  process.exit(0);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
