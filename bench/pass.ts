import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { Database } from '../src/db/database.ts';
import { buildServer } from '../src/http/server.ts';
import { decideApplication, submitApplication } from '../src/modules/pass/applications.ts';
import { seedPassDemo } from '../src/modules/pass/demo.ts';
import { systemActor, type Actor } from '../src/platform/actor.ts';
import { newApiKeySecret } from '../src/platform/auth.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { apiKeys, organisations, users } from '../src/platform/schema.ts';
import { createScratchDatabase } from '../test/support/db.ts';
import { benchDatabaseUrl, forDuration, type LoadRun } from './_support.ts';

/**
 * Dordtpas: charges through the HTTP API (the provider's API key, POST /api/v1/pass/charges) from 50 concurrent
 * clients in a load process of their own, against a server in another process on PostgreSQL (a scratch database on
 * BENCH_DATABASE_URL, default postgres://root@127.0.0.1:5432/test, dropped afterwards). In the same run, in ten
 * turns that alternate with the charges, the same clients hit `GET /api/v1/health` (one `select 1`). The figure
 * that counts is the median over the turns of charge rate / health rate (target ≥ 0.2). Afterwards every child
 * budget is checked: granted minus balance equals the sum of its charges, and all of them together equal the number
 * of 201 answers times the amount, exactly. BENCH_SCALE scales the 20 s per scenario (minimum 3 s); BENCH_CPU_PROF=DIR
 * writes a CPU profile of the server process into DIR.
 */
const self = fileURLToPath(import.meta.url);
const clients = 50;
/** Turns of health then charges; short turns, many of them, so both see the same load from the rest of a shared machine. */
const ROUNDS = 10;
/** Cents per charge: EUR 500 per child leaves room for 50,000 charges per till. */
const amount = 1;

interface LoadInput {
  origin: string;
  key: string;
  passNumbers: string[];
  seconds: number;
}

/** The load process: a warm-up, then turns of health and charges. */
async function loadProcess(): Promise<void> {
  const { origin, key, passNumbers, seconds } = JSON.parse(process.env.BENCH_PASS_LOAD!) as LoadInput;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const charge = (i: number, prefix: string) =>
    fetch(`${origin}/api/v1/pass/charges`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        passNumber: passNumbers[i % clients],
        memberNumber: 2,
        category: 'sport',
        amountCents: amount,
        idempotencyKey: `bench-${prefix}-${String(i).padStart(7, '0')}`,
      }),
    });
  const health = () => fetch(`${origin}/api/v1/health`);
  const probe = await charge(0, 'probe');
  if (probe.status !== 201) throw new Error(`a charge failed: ${probe.status} ${await probe.text()}`);
  // A repeated request with the same key: answered with the first receipt, not charged again.
  const again = await charge(0, 'probe');
  if (again.status !== 200 || !((await again.json()) as { replayed: boolean }).replayed) throw new Error('a repeated charge was not a replay');
  const warmHealth = await forDuration(clients, 1, 200, health);
  const warm = await forDuration(clients, 1, 201, (i) => charge(i, 'warm'));
  const rounds: { health: LoadRun; charges: LoadRun }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const h = await forDuration(clients, seconds / ROUNDS / 2, 200, health);
    const c = await forDuration(clients, seconds / ROUNDS, 201, (i) => charge(i, `r${round}`));
    rounds.push({ health: h, charges: c });
  }
  process.stdout.write(`${JSON.stringify({ warm, warmHealth, rounds })}\n`);
}

/** The server process: the real HTTP server on the prepared database, until SIGTERM. */
async function serverProcess(): Promise<void> {
  const { url } = JSON.parse(process.env.BENCH_PASS_SERVER!) as { url: string };
  const db = await Database.open({ url, poolSize: 20 });
  const config = loadConfig({ VANGNET_LOG_LEVEL: 'silent', PORT: '0' });
  const app = await buildServer({ db, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  process.on('SIGTERM', () => {
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

/** The demo, and one household per till, each with one child of secondary-school age: 50 tills never wait for each other's row. */
async function prepare(db: Database): Promise<{ key: string; passNumbers: string[] }> {
  await seedDemo(db, 'Bench-wachtwoord-123');
  await seedPassDemo(db);
  const [swt] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, 'SWT')));
  const [worker] = await db.unaudited((q) => q.select().from(users).where(eq(users.email, 'consulent@wijkteam.example')));
  const caseWorker: Actor = {
    kind: 'user',
    userId: worker!.id,
    displayName: 'bench',
    organisationId: swt!.id,
    organisationKind: 'neighbourhood_team',
    roles: ['case_worker'],
    municipalities: ['GM0505'],
    origin: null,
  };
  const passNumbers: string[] = [];
  for (let i = 0; i < clients; i++) {
    const outcome = await submitApplication(db, caseWorker, {
      municipalityCode: 'GM0505',
      route: 'income',
      applicant: {
        initials: 'B.',
        surname: `Bench ${i}`,
        birthDate: '1985-01-01',
        street: 'Benchstraat',
        houseNumber: String(i + 1),
        postcode: '3315 AA',
        city: 'Dordrecht',
      },
      children: [{ initials: 'K.', surname: `Bench ${i}`, birthDate: '2012-06-01' }],
      monthlyNetIncomeCents: 120_000,
      assetsCents: 0,
    });
    passNumbers.push((await decideApplication(db, caseWorker, outcome.applicationId, { approve: true })).pass!.number);
  }
  const [provider] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, 'DEMO-AANBIEDER')));
  const secret = newApiKeySecret();
  await db.unaudited((q) =>
    q.insert(apiKeys).values({ organisationId: provider!.id, name: 'bench', prefix: secret.prefix, keyHash: secret.hash, roles: ['provider_cashier'] }),
  );
  return { key: secret.key, passNumbers };
}

/** Per bench budget: granted − balance against the sum of its charges (and refunds back), read after the run. */
async function balances(db: Database, passNumbers: string[]): Promise<{ budgets: number; spentCents: number; chargedCents: number; mismatched: number }> {
  return db.audited(systemActor('bench'), { action: 'read', objectType: 'child_budget', details: { bench: 'pass' } }, async (tx) => {
    const result = (await tx.execute(sql`
      select b.id, (b.granted_cents - b.balance_cents)::int as spent,
        coalesce((select sum(case when t.kind = 'charge' then t.amount_cents when t.kind = 'refund' then -t.amount_cents else 0 end)
          from pass_transactions t where t.budget_id = b.id and t.kind in ('charge', 'refund')), 0)::int as charged
      from pass_child_budgets b join passes p on p.id = b.pass_id
      where p.number in (${sql.join(
        passNumbers.map((n) => sql`${n}`),
        sql`, `,
      )})`)) as unknown as { rows: { spent: number; charged: number }[] };
    const rows = result.rows;
    return {
      budgets: rows.length,
      spentCents: rows.reduce((s, r) => s + Number(r.spent), 0),
      chargedCents: rows.reduce((s, r) => s + Number(r.charged), 0),
      mismatched: rows.filter((r) => Number(r.spent) !== Number(r.charged)).length,
    };
  });
}

export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const seconds = Math.max(3, Math.round(20 * scale));
  const { db, url, cleanup } = await createScratchDatabase(benchDatabaseUrl, { poolSize: 5, prefix: 'vangnet_bench_pass' });
  let server: ChildProcess | undefined;
  try {
    const { key, passNumbers } = await prepare(db);
    const profile = process.env.BENCH_CPU_PROF;
    server = child(['--server'], { BENCH_PASS_SERVER: JSON.stringify({ url }) }, profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
    const { port } = JSON.parse(await firstLine(server)) as { port: number };
    const load = child(['--load'], { BENCH_PASS_LOAD: JSON.stringify({ origin: `http://127.0.0.1:${port}`, key, passNumbers, seconds } satisfies LoadInput) });
    const result = JSON.parse(await firstLine(load)) as { warm: LoadRun; warmHealth: LoadRun; rounds: { health: LoadRun; charges: LoadRun }[] };
    await new Promise((resolve) => (load.exitCode !== null ? resolve(null) : load.on('exit', resolve)));
    const exited = new Promise((resolve) => server!.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    server = undefined;
    const after = await balances(db, passNumbers);
    const r3 = (n: number) => Math.round(n * 1000) / 1000;
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const perRound = result.rounds.map((r) => ({
      healthPerSecond: r.health.perSecond,
      chargesPerSecond: r.charges.perSecond,
      rateRatio: r3(r.charges.perSecond / r.health.perSecond),
      chargeP95: r.charges.latencyMs.p95,
      healthP95: r.health.latencyMs.p95,
    }));
    // The probe (its replay charged nothing), the warm-up and every turn's 201s.
    const accepted = result.rounds.reduce((n, r) => n + (r.charges.statuses[201] ?? 0), 1 + (result.warm.statuses[201] ?? 0));
    const charges = result.rounds.map((r) => r.charges);
    return {
      database: 'postgres',
      clients,
      auth: 'api_key',
      processes: 'server and load generator each in their own process',
      secondsPerScenario: seconds,
      rounds: perRound,
      /** Median over the turns of charge rate / health rate (target ≥ 0.2). */
      chargesToHealthRatio: median(perRound.map((r) => r.rateRatio)),
      target: '>= 0.2',
      /** All turns together: charges per second over health per second. */
      pooledRatio: r3(
        result.rounds.reduce((n, r) => n + r.charges.requests, 0) / seconds / (result.rounds.reduce((n, r) => n + r.health.requests, 0) / (seconds / 2)),
      ),
      chargesPerSecond: median(perRound.map((r) => r.chargesPerSecond)),
      healthPerSecond: median(perRound.map((r) => r.healthPerSecond)),
      chargeLatencyMs: {
        p50: median(charges.map((c) => c.latencyMs.p50)),
        p95: median(charges.map((c) => c.latencyMs.p95)),
        p99: median(charges.map((c) => c.latencyMs.p99)),
      },
      errors: result.rounds.reduce((n, r) => n + r.charges.errors + r.health.errors, result.warm.errors),
      firstError: result.rounds.map((r) => r.charges.firstError ?? r.health.firstError).find(Boolean),
      accepted,
      balances: after,
      // Every budget's spending is exactly the sum of its charges, and all of them are the 201s, no more and no less.
      balancesConsistent:
        after.budgets === clients && after.mismatched === 0 && after.spentCents === after.chargedCents && after.chargedCents === accepted * amount,
    };
  } finally {
    server?.kill('SIGTERM');
    await cleanup();
  }
}

if (process.argv[2] === '--server') await serverProcess();
else if (process.argv[2] === '--load') {
  await loadProcess();
  process.exit(0);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await run(), null, 2)}\n`);
  process.exit(0);
}
