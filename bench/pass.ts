import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { createScratchDatabase } from '../test/support/db.ts';
import { benchDatabaseUrl, latencySummary } from './_support.ts';
import { buildServer } from '../src/http/server.ts';
import { systemActor, type Actor } from '../src/platform/actor.ts';
import { newApiKeySecret } from '../src/platform/auth.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { apiKeys, organisations, users } from '../src/platform/schema.ts';
import { decideApplication, submitApplication } from '../src/modules/pass/applications.ts';
import { seedPassDemo } from '../src/modules/pass/demo.ts';
import { childBudgets } from '../src/modules/pass/schema.ts';

/**
 * Dordtpas: charges per second through the HTTP API (the provider's API key, POST /api/v1/pass/charges) with 50
 * concurrent clients on PostgreSQL, against a bare GET /api/v1/health in the same run, with p50/p95/p99 latencies.
 * A real server on a free port; a scratch database on BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test),
 * dropped afterwards. BENCH_SCALE scales the number of requests (default 1: 4,000 of each).
 */
const clients = 50;

async function load(
  total: number,
  request: (i: number) => Promise<Response>,
): Promise<{ perSecond: number; p50: number; p95: number; p99: number; statuses: Record<number, number> }> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        const response = await request(i);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { p50, p95, p99 } = latencySummary(latencies);
  return { perSecond: Math.round(total / seconds), p50, p95, p99, statuses };
}

export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const total = Math.max(200, Math.round(4_000 * scale));
  const { db, cleanup } = await createScratchDatabase(benchDatabaseUrl, { poolSize: 20, prefix: 'vangnet_bench_pass' });
  const config = loadConfig({ VANGNET_LOG_LEVEL: 'silent', PORT: '0' });
  const app = await buildServer({ db, config });
  try {
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
    // One household per till, each with one child of secondary-school age: 50 tills never wait for each other's row.
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
      });
      const decided = await decideApplication(db, caseWorker, outcome.applicationId, { approve: true });
      passNumbers.push(decided.pass!.number);
    }
    const [provider] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, 'DEMO-AANBIEDER')));
    const secret = newApiKeySecret();
    await db.unaudited((q) =>
      q.insert(apiKeys).values({ organisationId: provider!.id, name: 'bench', prefix: secret.prefix, keyHash: secret.hash, roles: ['provider_cashier'] }),
    );

    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
    const headers = { authorization: `Bearer ${secret.key}`, 'content-type': 'application/json' };
    // EUR 500 per child; 1 cent per charge leaves room for 50,000 charges per till.
    const amount = 1;
    const charge = (i: number, prefix: string) =>
      fetch(`${base}/pass/charges`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          passNumber: passNumbers[i % clients],
          memberNumber: 2,
          category: 'sport',
          amountCents: amount,
          idempotencyKey: `bench-${prefix}-${String(i).padStart(6, '0')}`,
        }),
      });
    const health = () => fetch(`${base}/health`);

    const probe = await charge(0, 'probe');
    if (probe.status !== 201) throw new Error(`a charge failed: ${probe.status} ${await probe.text()}`);
    // Warm up both paths (connections, JIT), then measure health and charges in the same run.
    await load(Math.min(500, total), () => health());
    const warmRun = await load(Math.min(500, total), (i) => charge(i, 'warm'));
    const healthRun = await load(total, () => health());
    const chargeRun = await load(total, (i) => charge(i, 'run'));
    const [check] = await db.audited(systemActor('bench'), { action: 'read', objectType: 'child_budget' }, (tx) =>
      tx
        .select({ spent: sql<number>`coalesce(sum(${childBudgets.grantedCents} - ${childBudgets.balanceCents}), 0)::int` })
        .from(childBudgets)
        .where(
          sql`${childBudgets.childPersonId} in (select child_person_id from pass_child_budgets b join pass_members m on m.pass_id = b.pass_id and m.member_number = b.member_number where m.initials = 'K.')`,
        ),
    );
    const ok = chargeRun.statuses[201] ?? 0;
    const warm = (warmRun.statuses[201] ?? 0) + 1; // the warm-up and the probe
    return {
      database: 'postgres',
      clients,
      requests: total,
      auth: 'api_key',
      healthPerSecond: healthRun.perSecond,
      healthLatencyMs: { p50: healthRun.p50, p95: healthRun.p95, p99: healthRun.p99 },
      chargesPerSecond: chargeRun.perSecond,
      chargeLatencyMs: { p50: chargeRun.p50, p95: chargeRun.p95, p99: chargeRun.p99 },
      chargeStatuses: chargeRun.statuses,
      chargesToHealthRatio: Math.round((chargeRun.perSecond / healthRun.perSecond) * 1000) / 1000,
      // Every accepted charge (warm-up included) is on the budgets, no more and no less.
      balancesConsistent: check!.spent === (ok + warm) * amount,
    };
  } finally {
    await app.close();
    await cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
