import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { createScratchDatabase } from '../test/support/db.ts';
import { benchDatabaseUrl, forDuration } from './_support.ts';
import { buildServer } from '../src/http/server.ts';
import type { Actor } from '../src/platform/actor.ts';
import { newApiKeySecret } from '../src/platform/auth.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { apiKeys, organisations, users } from '../src/platform/schema.ts';
import { modules } from '../src/modules/registry.ts';
import { decideApplication, submitApplication } from '../src/modules/pass/applications.ts';
import residents from '../src/modules/selftest/questionnaires/residents.json' with { type: 'json' };

/**
 * Load: the early-signal API, the self-test and the pass charge, each under 50 concurrent clients for a minute
 * (BENCH_SCALE scales the minute) on PostgreSQL, through a real server on a free port. Reports requests per second,
 * latency percentiles and the number of errors (any answer other than the expected status), which must be zero.
 */
const clients = 50;

export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const seconds = Math.max(3, Math.round(60 * scale));
  const { db, cleanup } = await createScratchDatabase(benchDatabaseUrl, { poolSize: 20, prefix: 'vangnet_bench_load' });
  const config = loadConfig({ VANGNET_LOG_LEVEL: 'silent', PORT: '0', VANGNET_PUBLIC_URL: 'http://127.0.0.1' });
  const app = await buildServer({ db, config });
  try {
    await seedDemo(db, 'Bench-wachtwoord-123');
    for (const module of modules) await module.seedDemo?.(db, config, modules);

    const orgId = async (code: string) => (await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, code))))[0]!.id;
    const creditorKey = newApiKeySecret();
    const providerKey = newApiKeySecret();
    const trivire = await orgId('TRIVIRE');
    const provider = await orgId('DEMO-AANBIEDER');
    await db.unaudited((q) =>
      q.insert(apiKeys).values([
        { organisationId: trivire, name: 'load', prefix: creditorKey.prefix, keyHash: creditorKey.hash, roles: ['creditor'] },
        { organisationId: provider, name: 'load', prefix: providerKey.prefix, keyHash: providerKey.hash, roles: ['provider_cashier'] },
      ]),
    );

    // One household per client for the till, so 50 tills do not queue on one budget row.
    const swt = await orgId('SWT');
    const [worker] = await db.unaudited((q) => q.select().from(users).where(eq(users.email, 'consulent@wijkteam.example')));
    const caseWorker: Actor = {
      kind: 'user',
      userId: worker!.id,
      displayName: 'load',
      organisationId: swt,
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
          initials: 'L.',
          surname: `Last ${i}`,
          birthDate: '1985-01-01',
          street: 'Lastweg',
          houseNumber: String(i + 1),
          postcode: '3316 AA',
          city: 'Dordrecht',
        },
        children: [{ initials: 'K.', surname: `Last ${i}`, birthDate: '2012-06-01' }],
        monthlyNetIncomeCents: 120_000,
        assetsCents: 0,
      });
      passNumbers.push((await decideApplication(db, caseWorker, outcome.applicationId, { approve: true })).pass!.number);
    }

    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const json = (secret: string) => ({ authorization: `Bearer ${secret}`, 'content-type': 'application/json' });

    const signal = (i: number) =>
      fetch(`${origin}/api/v1/signals`, {
        method: 'POST',
        headers: json(creditorKey.key),
        body: JSON.stringify({
          signals: [
            {
              referentie: `LOAD-${i}`,
              datum: '2026-11-02',
              soort: 'huur',
              bedrag: `${100 + (i % 900)},50`,
              maanden: '2',
              voorletters: 'A.',
              achternaam: `Load${i}`,
              straat: 'Lastweg',
              huisnummer: String(1 + (i % 500)),
              postcode: '3315 AB',
              woonplaats: 'Dordrecht',
            },
          ],
        }),
      });
    const answers = new URLSearchParams(Object.fromEntries(residents.questions.map((q, n) => [q.id, q.options[n % q.options.length]!.value])));
    answers.set('lang', 'nl');
    const selftest = () =>
      fetch(`${origin}/geldfit/inwoners`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': 'same-origin' },
        body: answers.toString(),
      });
    const charge = (i: number) =>
      fetch(`${origin}/api/v1/pass/charges`, {
        method: 'POST',
        headers: json(providerKey.key),
        body: JSON.stringify({
          passNumber: passNumbers[i % clients],
          memberNumber: 2,
          category: 'sport',
          amountCents: 1,
          idempotencyKey: `load-charge-${String(i).padStart(8, '0')}`,
        }),
      });

    for (const [probe, expected] of [
      [signal(9_999_999), 201],
      [selftest(), 200],
      [charge(9_999_999), 201],
    ] as const) {
      const response = await probe;
      if (response.status !== expected) throw new Error(`probe ${response.url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    }
    const health = await forDuration(clients, Math.max(2, Math.round(seconds / 6)), 200, () => fetch(`${origin}/api/v1/health`));
    const signals = await forDuration(clients, seconds, 201, (i) => signal(i));
    const selftests = await forDuration(clients, seconds, 200, () => selftest());
    const charges = await forDuration(clients, seconds, 201, (i) => charge(i));
    return {
      database: 'postgres',
      clients,
      secondsPerScenario: seconds,
      health,
      signalApi: signals,
      selftest: selftests,
      passCharge: charges,
      totalErrors: signals.errors + selftests.errors + charges.errors,
    };
  } finally {
    await app.close();
    await cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
