import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { Database } from '../src/db/database.ts';
import { buildServer } from '../src/http/server.ts';
import { systemActor } from '../src/platform/actor.ts';
import { newApiKeySecret } from '../src/platform/auth.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { apiKeys, organisations } from '../src/platform/schema.ts';
import { createScratchDatabase } from '../test/support/db.ts';
import { benchDatabaseUrl, forDuration, type LoadRun } from './_support.ts';

/**
 * Single signals through `POST /api/v1/signals` under load (issue 12): 50 concurrent clients in a load process of
 * their own post one signal per request, for two creditors over a few hundred households (so signals join cases
 * too), against a server in another process. In the same run, in five turns that alternate with the signals, the
 * same clients hit `GET /api/v1/health`, which does one `select 1`. The figures that count are the ratios per turn
 * (the medians are reported): signal rate / health rate (target ≥ 0.2) and signal p95 / health p95 (target ≤ 3), on
 * PostgreSQL (the target) and on PGlite (one connection). Alternating turns keep the comparison fair on a machine
 * shared with other work. Afterwards the stored signals are counted: every 201 must be exactly one stored signal,
 * and no household may have two open cases.
 *
 * BENCH_SCALE scales the 30 s per scenario (minimum 3 s). BENCH_SIGNALS_API_DATABASES=postgres,pglite picks the
 * databases; BENCH_SIGNALS_API_PORT the server's port (default: a free one); BENCH_CPU_PROF=DIR writes a CPU
 * profile of the server process into DIR (node --cpu-prof).
 */
const self = fileURLToPath(import.meta.url);
const clients = 50;
/** Turns of health then signals in one run. */
const ROUNDS = 5;

/** The load process: health, signals, health again (the two health runs bracket the signals run). */
async function loadProcess(): Promise<void> {
  const { origin, keys, seconds } = JSON.parse(process.env.BENCH_SIGNALS_API_LOAD!) as { origin: string; keys: string[]; seconds: number };
  const signal = (i: number) => {
    const creditor = i % 2;
    return fetch(`${origin}/api/v1/signals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys[creditor]}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        municipalityCode: 'GM0505',
        signals: [
          {
            referentie: `API-${i}`,
            datum: '2026-11-02',
            soort: creditor === 0 ? 'huur' : 'drinkwater',
            bedrag: `${100 + (i % 900)},50`,
            maanden: '2',
            voorletters: 'A.',
            achternaam: `Load${i % 400}`,
            straat: 'Lastweg',
            huisnummer: String(1 + (i % 400)),
            postcode: '3315 AB',
            woonplaats: 'Dordrecht',
          },
        ],
      }),
    });
  };
  const health = () => fetch(`${origin}/api/v1/health`);
  const warm = await forDuration(clients, 1, 201, (i) => signal(1_000_000 + i));
  // Short turns of health and signals, alternating, so that both see the same load from the rest of the machine.
  const rounds: { health: LoadRun; signals: LoadRun }[] = [];
  let offset = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const h = await forDuration(clients, seconds / ROUNDS / 2, 200, health);
    const base = offset;
    const sg = await forDuration(clients, seconds / ROUNDS, 201, (i) => signal(base + i));
    offset += sg.requests + 1;
    rounds.push({ health: h, signals: sg });
  }
  process.stdout.write(`${JSON.stringify({ warm, rounds })}\n`);
}

/** The server process: the real HTTP server on the prepared database, until SIGTERM. */
async function serverProcess(): Promise<void> {
  const target = JSON.parse(process.env.BENCH_SIGNALS_API_SERVER!) as { url?: string; dataDir?: string; port: number };
  const db = await Database.open(target.url ? { url: target.url, poolSize: 10 } : { dataDir: target.dataDir! });
  const config = loadConfig({ VANGNET_LOG_LEVEL: 'silent', PORT: String(target.port), VANGNET_PUBLIC_URL: 'http://127.0.0.1' });
  const app = await buildServer({ db, config });
  await app.listen({ port: target.port, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  process.on('SIGTERM', () => {
    const used = process.cpuUsage(cpu);
    process.stderr.write(
      `server: event loop utilisation ${performance.eventLoopUtilization(elu).utilization.toFixed(2)}, cpu user ${(used.user / 1e6).toFixed(1)} s system ${(used.system / 1e6).toFixed(1)} s\n`,
    );
    void app
      .close()
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
}

function child(args: string[], env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, ...process.execArgv, self, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
}

function firstLine(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += String(chunk);
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        proc.stdout!.off('data', onData);
        resolve(out.slice(0, newline));
      }
    };
    proc.stdout!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`process exited with ${code} before answering: ${out.slice(-300)}`)));
  });
}

async function prepare(db: Database): Promise<string[]> {
  await seedDemo(db, 'Bench-wachtwoord-123');
  const keys: string[] = [];
  for (const code of ['TRIVIRE', 'EVIDES']) {
    const [org] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, code)));
    const key = newApiKeySecret();
    await db.unaudited((q) => q.insert(apiKeys).values({ organisationId: org!.id, name: 'bench', prefix: key.prefix, keyHash: key.hash, roles: ['creditor'] }));
    keys.push(key.key);
  }
  return keys;
}

async function stored(db: Database): Promise<{ signals: number; cases: number; casesPerHousehold: number }> {
  return db.audited(systemActor('bench'), { action: 'read', objectType: 'signal_import', details: { bench: 'signals-api' } }, async (tx) => {
    const [row] = (
      (await tx.execute(sql`select (select count(*)::int from signals) as signals, (select count(*)::int from signal_cases) as cases,
        (select coalesce(max(n), 0)::int from (select count(*) as n from signal_cases where status <> 'closed' group by municipality_code, household_key) h) as per_household`)) as unknown as {
        rows: { signals: number; cases: number; per_household: number }[];
      }
    ).rows;
    return { signals: Number(row!.signals), cases: Number(row!.cases), casesPerHousehold: Number(row!.per_household) };
  });
}

async function measure(kind: 'postgres' | 'pglite', seconds: number): Promise<Record<string, unknown>> {
  let target: { url?: string; dataDir?: string };
  let db: Database;
  let cleanup: () => Promise<void>;
  let tmp: string | undefined;
  if (kind === 'postgres') {
    const scratch = await createScratchDatabase(benchDatabaseUrl, { prefix: 'vangnet_bench_api' });
    ({ db, cleanup } = scratch);
    target = { url: scratch.url };
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-bench-api-'));
    const dataDir = path.join(tmp, 'data');
    db = await Database.open({ dataDir });
    cleanup = async () => fs.rmSync(tmp!, { recursive: true, force: true });
    target = { dataDir };
  }
  let server: ChildProcess | undefined;
  try {
    const keys = await prepare(db);
    const before = await stored(db);
    // PGlite's folder belongs to one process: the server's, while it runs.
    if (kind === 'pglite') await db.close();
    const profile = process.env.BENCH_CPU_PROF;
    server = child(
      ['--server'],
      { BENCH_SIGNALS_API_SERVER: JSON.stringify({ ...target, port: Number(process.env.BENCH_SIGNALS_API_PORT ?? 0) }) },
      profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, `--cpu-prof-name=signals-api-${kind}.cpuprofile`] : [],
    );
    const { port } = JSON.parse(await firstLine(server)) as { port: number };
    const load = child(['--load'], { BENCH_SIGNALS_API_LOAD: JSON.stringify({ origin: `http://127.0.0.1:${port}`, keys, seconds }) });
    const result = JSON.parse(await firstLine(load)) as { warm: LoadRun; rounds: { health: LoadRun; signals: LoadRun }[] };
    await new Promise((resolve) => (load.exitCode !== null ? resolve(null) : load.on('exit', resolve)));
    const exited = new Promise((resolve) => server!.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    server = undefined;
    if (kind === 'pglite') db = await Database.open({ dataDir: target.dataDir! });
    const after = await stored(db);
    if (kind === 'pglite') await db.close();
    const created = result.rounds.reduce((n, r) => n + (r.signals.statuses[201] ?? 0), result.warm.statuses[201] ?? 0);
    const r2 = (n: number) => Math.round(n * 100) / 100;
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const perRound = result.rounds.map((r) => ({
      healthPerSecond: r.health.perSecond,
      healthP95: r.health.latencyMs.p95,
      signalsPerSecond: r.signals.perSecond,
      signalsP95: r.signals.latencyMs.p95,
      rateRatio: r2(r.signals.perSecond / r.health.perSecond),
      p95Ratio: r2(r.signals.latencyMs.p95 / r.health.latencyMs.p95),
    }));
    return {
      database: kind,
      clients,
      seconds,
      rounds: perRound,
      /** Median over the rounds of signal rate / health rate (target ≥ 0.2). */
      rateRatio: median(perRound.map((r) => r.rateRatio)),
      /** Median over the rounds of signal p95 / health p95 (target ≤ 3). */
      p95Ratio: median(perRound.map((r) => r.p95Ratio)),
      signalsPerSecond: median(perRound.map((r) => r.signalsPerSecond)),
      signalsP95Ms: median(perRound.map((r) => r.signalsP95)),
      healthPerSecond: median(perRound.map((r) => r.healthPerSecond)),
      healthP95Ms: median(perRound.map((r) => r.healthP95)),
      storedSignals: after.signals - before.signals,
      answered201: created,
      storedOncePer201: after.signals - before.signals === created,
      maxOpenCasesPerHousehold: after.casesPerHousehold,
      errors: result.rounds.reduce((n, r) => n + r.signals.errors + r.health.errors, result.warm.errors),
      firstError: result.rounds.map((r) => r.signals.firstError ?? r.health.firstError).find(Boolean),
    };
  } finally {
    server?.kill('SIGTERM');
    await cleanup();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const seconds = Math.max(3, Math.round(30 * scale));
  const databases = (process.env.BENCH_SIGNALS_API_DATABASES ?? 'postgres,pglite').split(',').map((d) => d.trim()) as ('postgres' | 'pglite')[];
  const out: Record<string, unknown> = { clients, secondsPerScenario: seconds, targets: { rateRatio: '>= 0.2', p95Ratio: '<= 3', on: 'postgres' } };
  for (const kind of databases) out[kind] = await measure(kind, seconds);
  return out;
}

if (process.argv[2] === '--server') await serverProcess();
else if (process.argv[2] === '--load') {
  await loadProcess();
  process.exit(0);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await run(), null, 2)}\n`);
  process.exit(0);
}
