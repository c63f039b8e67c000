import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { systemActor, type Actor } from '../src/platform/actor.ts';
import { newApiKeySecret } from '../src/platform/auth.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { apiKeys, organisations, users } from '../src/platform/schema.ts';
import { decideApplication, submitApplication } from '../src/modules/pass/applications.ts';
import { seedPassDemo } from '../src/modules/pass/demo.ts';
import { childBudgets, passTransactions } from '../src/modules/pass/schema.ts';
import { generateSignalCsv } from '../src/modules/signals/generate.ts';
import { signals } from '../src/modules/signals/schema.ts';
import { createTestDatabase } from './support/db.ts';

/**
 * Faults: the server process is killed (SIGKILL) in the middle of a signal import and in the middle of pass
 * charges. After a restart and a retry, every record is there exactly once: none lost, none doubled.
 */
const auditor = systemActor('fault-test');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.resolve('bin/vangnet.js'), 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), VANGNET_LOG_LEVEL: 'silent', VANGNET_DEMO: 'false' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (response.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('the server killed mid-work', () => {
  let db: Database;
  let url: string;
  let cleanup: () => Promise<void>;
  let creditorKey: string;
  let providerKey: string;
  let passNumber: string;
  let budgetId: string;

  beforeAll(async () => {
    ({ db, url, cleanup } = (await createTestDatabase()) as { db: Database; url: string; cleanup: () => Promise<void> });
    await seedDemo(db, 'Test-wachtwoord-123');
    await seedPassDemo(db);
    const org = async (code: string) => (await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, code))))[0]!.id;
    const creditor = newApiKeySecret();
    const provider = newApiKeySecret();
    const trivire = await org('TRIVIRE');
    const aanbieder = await org('DEMO-AANBIEDER');
    await db.unaudited((q) =>
      q.insert(apiKeys).values([
        { organisationId: trivire, name: 'fault', prefix: creditor.prefix, keyHash: creditor.hash, roles: ['creditor'] },
        { organisationId: aanbieder, name: 'fault', prefix: provider.prefix, keyHash: provider.hash, roles: ['provider_cashier'] },
      ]),
    );
    creditorKey = creditor.key;
    providerKey = provider.key;
    const swt = await org('SWT');
    const [worker] = await db.unaudited((q) => q.select().from(users).where(eq(users.email, 'consulent@wijkteam.example')));
    const caseWorker: Actor = { kind: 'user', userId: worker!.id, displayName: 't', organisationId: swt, organisationKind: 'neighbourhood_team', roles: ['case_worker'], municipalities: ['GM0505'], origin: null };
    const outcome = await submitApplication(db, caseWorker, {
      municipalityCode: 'GM0505',
      route: 'income',
      applicant: { initials: 'F.', surname: 'Fout', birthDate: '1985-01-01', street: 'Foutstraat', houseNumber: '1', postcode: '3315 AA', city: 'Dordrecht' },
      children: [{ initials: 'K.', surname: 'Fout', birthDate: '2012-06-01' }],
      monthlyNetIncomeCents: 120_000,
    });
    const decided = await decideApplication(db, caseWorker, outcome.applicationId, { approve: true });
    passNumber = decided.pass!.number;
    const [budget] = await db.audited(auditor, { action: 'read', objectType: 'child_budget' }, (tx) =>
      tx.select().from(childBudgets).where(eq(childBudgets.passId, decided.pass!.id)),
    );
    budgetId = budget!.id;
  });
  afterAll(() => cleanup());

  async function countSignals(): Promise<number> {
    const [row] = await db.audited(auditor, { action: 'read', objectType: 'signal' }, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(signals));
    return row!.n;
  }

  it('keeps exactly one copy of a file whose upload was cut off by a crash', async () => {
    const rows = 60_000;
    const csv = generateSignalCsv({ rows, endDate: '2026-11-20', referencePrefix: 'FAULT', kinds: ['huur'] });
    const upload = (port: number) =>
      fetch(`http://127.0.0.1:${port}/api/v1/signals/imports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${creditorKey}`, 'content-type': 'text/csv', 'x-file-name': 'fault.csv' },
        body: csv,
      });
    const port = await freePort();
    const first = await startServer(url, port);
    const attempt = upload(port).catch((error: unknown) => error);
    // Kill while the import runs: after the request is in, before it can have finished.
    await new Promise((r) => setTimeout(r, 700));
    await killed(first);
    const outcome = await attempt;
    expect(outcome, 'the kill should cut the import off').toBeInstanceOf(Error);
    expect(await countSignals()).toBe(0); // all or nothing: no part of the file stayed

    const second = await startServer(url, port);
    try {
      const started = Date.now();
      const retry = await upload(port);
      console.log(JSON.stringify({ faultImportRows: rows, seconds: (Date.now() - started) / 1000 }));
      expect(retry.status).toBe(201);
      const summary = await retry.json();
      expect(summary.rows).toBe(rows);
      expect(summary.accepted + summary.duplicates + summary.rejected).toBe(rows);
      expect(await countSignals()).toBe(rows);
      const again = await (await upload(port)).json();
      expect(again).toMatchObject({ accepted: 0, duplicates: rows });
      expect(await countSignals()).toBe(rows);
    } finally {
      await killed(second);
    }
  }, 180_000);

  it('charges each till request exactly once across a crash and the retries', async () => {
    const total = 300;
    const keys = Array.from({ length: total }, (_, i) => `fault-charge-${String(i).padStart(6, '0')}`);
    const charge = (port: number, key: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/pass/charges`, {
        method: 'POST',
        headers: { authorization: `Bearer ${providerKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ passNumber, memberNumber: 2, category: 'sport', amountCents: 100, idempotencyKey: key }),
      });
    const port = await freePort();
    const first = await startServer(url, port);
    const inFlight = keys.map((key) => charge(port, key).then((r) => r.status).catch(() => 0));
    await new Promise((r) => setTimeout(r, 250));
    await killed(first);
    const firstStatuses = await Promise.all(inFlight);
    expect(firstStatuses.filter((s) => s === 201).length).toBeLessThan(total); // the crash really cut some off

    const second = await startServer(url, port);
    try {
      // The till retries every request it did not get a receipt for, and some it did.
      const retried = await Promise.all(keys.map(async (key) => (await charge(port, key)).status));
      expect(retried.every((s) => s === 201 || s === 200)).toBe(true);
    } finally {
      await killed(second);
    }
    const [summary] = await db.audited(auditor, { action: 'read', objectType: 'pass_transaction' }, (tx) =>
      tx
        .select({ n: sql<number>`count(*)::int`, distinctKeys: sql<number>`count(distinct ${passTransactions.idempotencyKey})::int`, cents: sql<number>`sum(${passTransactions.amountCents})::int` })
        .from(passTransactions)
        .where(sql`${passTransactions.idempotencyKey} like 'fault-charge-%'`),
    );
    expect(summary).toEqual({ n: total, distinctKeys: total, cents: total * 100 });
    const [budget] = await db.audited(auditor, { action: 'read', objectType: 'child_budget' }, (tx) => tx.select().from(childBudgets).where(eq(childBudgets.id, budgetId)));
    expect(budget!.grantedCents - budget!.balanceCents).toBe(total * 100);
  }, 180_000);
});
