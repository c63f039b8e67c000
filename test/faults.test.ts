import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restorePglite } from '../src/db/backup.ts';
import { Database } from '../src/db/database.ts';
import { lockPath } from '../src/db/owner.ts';
import { systemActor, type Actor } from '../src/platform/actor.ts';
import { newApiKeySecret } from '../src/platform/auth.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { apiKeys, auditEvents, organisations, users } from '../src/platform/schema.ts';
import { decideApplication, submitApplication } from '../src/modules/pass/applications.ts';
import { seedPassDemo } from '../src/modules/pass/demo.ts';
import { childBudgets, passTransactions } from '../src/modules/pass/schema.ts';
import { generateSignalCsv } from '../src/modules/signals/generate.ts';
import { freePort } from './support/ports.ts';
import { signals } from '../src/modules/signals/schema.ts';
import { inspect } from '../src/modules/signals/test-helpers.ts';
import { createTestDatabase } from './support/db.ts';

/**
 * Faults: the server process is killed (SIGKILL) in the middle of a signal import and in the middle of pass
 * charges. After a restart and a retry, every record is there exactly once: none lost, none doubled.
 * And a second process on one embedded data folder: it can never corrupt it.
 */
const auditor = systemActor('fault-test');

async function startServer(databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.resolve('bin/vangnet.js'), 'serve'], {
    // A long retention term: the generated signals go back up to 330 days, and older than the term are refused.
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      VANGNET_LOG_LEVEL: 'silent',
      VANGNET_DEMO: 'false',
      VANGNET_SIGNALS_RETENTION_MONTHS: '120',
      ...env,
    },
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
    const caseWorker: Actor = {
      kind: 'user',
      userId: worker!.id,
      displayName: 't',
      organisationId: swt,
      organisationKind: 'neighbourhood_team',
      roles: ['case_worker'],
      municipalities: ['GM0505'],
      origin: null,
    };
    const outcome = await submitApplication(db, caseWorker, {
      municipalityCode: 'GM0505',
      route: 'income',
      applicant: { initials: 'F.', surname: 'Fout', birthDate: '1985-01-01', street: 'Foutstraat', houseNumber: '1', postcode: '3315 AA', city: 'Dordrecht' },
      children: [{ initials: 'K.', surname: 'Fout', birthDate: '2012-06-01' }],
      monthlyNetIncomeCents: 120_000,
      assetsCents: 0,
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
    const inFlight = keys.map((key) =>
      charge(port, key)
        .then((r) => r.status)
        .catch(() => 0),
    );
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
        .select({
          n: sql<number>`count(*)::int`,
          distinctKeys: sql<number>`count(distinct ${passTransactions.idempotencyKey})::int`,
          cents: sql<number>`sum(${passTransactions.amountCents})::int`,
        })
        .from(passTransactions)
        .where(sql`${passTransactions.idempotencyKey} like 'fault-charge-%'`),
    );
    expect(summary).toEqual({ n: total, distinctKeys: total, cents: total * 100 });
    const [budget] = await db.audited(auditor, { action: 'read', objectType: 'child_budget' }, (tx) =>
      tx.select().from(childBudgets).where(eq(childBudgets.id, budgetId)),
    );
    expect(budget!.grantedCents - budget!.balanceCents).toBe(total * 100);
  }, 180_000);

  it('locks an account hit by ten parallel wrong passwords over real HTTP, and keeps it locked across a crash', async () => {
    const login = (port: number, password: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'analist@ocd.example', password }),
      });
    // The per-address limit would stop the burst on its own; this is about the per-account count.
    const env = { VANGNET_LOGIN_RATE_PER_MINUTE: '1000' };
    const port = await freePort();
    const first = await startServer(url, port, env);
    try {
      const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => login(port, `parallel-fout-${i}`)));
      expect(burst.map((r) => r.status)).toEqual(Array(10).fill(401));
      const right = await login(port, 'Test-wachtwoord-123');
      expect(right.status).toBe(401);
      expect(right.headers.get('set-cookie')).toBeNull();
    } finally {
      await killed(first);
    }
    const second = await startServer(url, port, env);
    try {
      expect((await login(port, 'Test-wachtwoord-123')).status).toBe(401);
    } finally {
      await killed(second);
    }
    const [row] = await db.unaudited((q) => q.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.email, 'analist@ocd.example')));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  }, 120_000);
});

/**
 * The hostile tester's finding "one embedded database, one owner": two imports of one file at once stored it
 * twice, a CLI import next to the server broke the folder, a backup next to the server lost its audit line.
 * Now one process owns the folder; commands started while the server owns it run inside the server.
 */
describe('a second process on one embedded data folder', () => {
  const root = path.resolve(import.meta.dirname, '..');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vf-'));
  const dataDir = path.join(dir, 'data');
  // A long retention, so that `vangnet purge` keeps the generated signals (up to 330 days old) the test counts.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VANGNET_DATA_DIR: dataDir,
    VANGNET_LOG_LEVEL: 'silent',
    VANGNET_DEMO: 'false',
    VANGNET_SIGNALS_RETENTION_MONTHS: '120',
  };
  delete env.DATABASE_URL;
  const rows = 20_000;

  interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
  }

  /** `vangnet ...` as its own process, started in `dir` (relative file names are the caller's). */
  function vangnet(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Run> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(root, 'bin/vangnet.js'), ...args], { cwd: dir, env: { ...env, ...extra } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      // A process that never stops (a second server that did start) fails the test instead of hanging it.
      const limit = setTimeout(() => child.kill('SIGKILL'), 240_000);
      child.on('close', (code) => {
        clearTimeout(limit);
        resolve({ code, stdout, stderr });
      });
    });
  }

  async function serve(port: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, [path.join(root, 'bin/vangnet.js'), 'serve'], { cwd: dir, env: { ...env, PORT: String(port) }, stdio: 'ignore' });
    for (let i = 0; i < 1800; i++) {
      if (child.exitCode !== null) throw new Error(`server stopped with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return child;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    throw new Error('server did not start');
  }

  function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
    });
  }

  async function inFolder<T>(folder: string, work: (db: Database) => Promise<T>): Promise<T> {
    const db = await Database.open({ dataDir: folder });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }

  const signalsLike = (db: Database, prefix: string) =>
    inspect(db, async (tx) => {
      const [row] = await tx
        .select({ n: count(), distinct: sql<number>`count(distinct ${signals.reference})::int` })
        .from(signals)
        .where(like(signals.reference, `${prefix}%`));
      return { signals: row!.n, references: row!.distinct };
    });

  beforeAll(async () => {
    await inFolder(dataDir, (db) => seedDemo(db, 'Test-wachtwoord-123'));
    fs.writeFileSync(
      path.join(dir, 'twintigduizend.csv'),
      generateSignalCsv({ rows, endDate: '2026-10-31', referencePrefix: 'TWEE-', seed: 11, kinds: ['drinkwater'] }),
    );
    fs.writeFileSync(
      path.join(dir, 'tijdens-server.csv'),
      generateSignalCsv({ rows: 500, endDate: '2026-10-31', referencePrefix: 'SRV-', seed: 12, kinds: ['drinkwater'] }),
    );
  }, 300_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs import, letters, monitor, purge and backup through the running server, which keeps answering; a second server stops', async () => {
    const port = await freePort();
    const server = await serve(port);
    // Each check on a connection of its own, so a kept-alive socket closing at the wrong moment cannot count as an error.
    const health = () =>
      new Promise<number | string>((resolve) => {
        const request = http.get({ host: '127.0.0.1', port, path: '/api/v1/health', agent: false, timeout: 120_000 }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        });
        request.on('timeout', () => request.destroy(new Error('timeout')));
        request.on('error', (error) => resolve(error.message));
      });
    const statuses: (number | string)[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        statuses.push(await health());
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    try {
      const imported = await vangnet(['signals', 'import', 'tijdens-server.csv', '--creditor', 'EVIDES', '--municipality', 'GM0505', '--json']);
      expect(imported.code, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 500, accepted: 500, rejected: 0 });

      const letters = await vangnet(['signals', 'letters', '--municipality', 'GM0505', '--output', 'brieven.pdf']);
      expect(letters.code, letters.stderr).toBe(0);
      expect(letters.stdout).toMatch(/^\d+ brieven geschreven naar brieven\.pdf \(1 stapel voor de drukkerij\)\./);
      expect(fs.readFileSync(path.join(dir, 'brieven.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

      const monitor = await vangnet(['signals', 'monitor', '--period', '2026']);
      expect(monitor.code, monitor.stderr).toBe(0);
      expect(monitor.stdout).toMatch(/^gemeente;periode;/);

      const purge = await vangnet(['purge', '--json']);
      expect(purge.code, purge.stderr).toBe(0);
      expect(JSON.parse(purge.stdout)).toHaveProperty('signals');

      const backup = await vangnet(['backup', '--out', 'tijdens-server.tar.gz']);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toContain('Back-up geschreven naar tijdens-server.tar.gz');

      // A command error arrives with its own exit code and message.
      const missing = await vangnet(['signals', 'import', 'bestaat-niet.csv', '--creditor', 'EVIDES']);
      expect({ code: missing.code, stderr: missing.stderr }).toEqual({
        code: 2,
        stderr: 'Het bestand bestaat-niet.csv bestaat niet of kan niet worden gelezen.\n',
      });

      const second = await vangnet(['serve'], { PORT: String(await freePort()) });
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`is in gebruik door de server vangnet serve (proces ${server.pid}`);
      const restore = await vangnet(['restore', 'tijdens-server.tar.gz', '--force']);
      expect(restore.code).toBe(2);
      expect(restore.stderr).toContain('is in gebruik door de server');
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(200);
    } finally {
      polling = false;
      await poll;
      expect(await stopped(server, 'SIGTERM')).toBe(0);
    }
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    // After the server stopped, the folder opens with everything in it, the backup's audit line included.
    await inFolder(dataDir, async (db) => {
      expect(await signalsLike(db, 'SRV-')).toEqual({ signals: 500, references: 500 });
      const exports = await db.unaudited((q) =>
        q
          .select({ actor: auditEvents.actorKind, objectId: auditEvents.objectId })
          .from(auditEvents)
          .where(and(eq(auditEvents.objectType, 'backup'), eq(auditEvents.action, 'export'))),
      );
      expect(exports).toEqual([{ actor: `system:backup:${os.userInfo().username}`, objectId: 'tijdens-server.tar.gz' }]);
    });
    // The backup taken while the server ran is a whole, consistent database.
    const restored = path.join(dir, 'teruggezet');
    await restorePglite(path.join(dir, 'tijdens-server.tar.gz'), restored);
    await inFolder(restored, async (db) => {
      expect(await signalsLike(db, 'SRV-')).toEqual({ signals: 500, references: 500 });
    });
  }, 900_000);

  it('stores a file once when two imports of it start at the same moment (one stops, or finds only duplicates)', async () => {
    const args = ['signals', 'import', 'twintigduizend.csv', '--creditor', 'EVIDES', '--municipality', 'GM0505', '--json'];
    const runs = await Promise.all([vangnet(args), vangnet(args)]);
    let accepted = 0;
    for (const run of runs) {
      expect([0, 2], run.stderr).toContain(run.code);
      if (run.code === 0) accepted += JSON.parse(run.stdout).accepted;
      else expect(run.stderr).toMatch(/^De gegevensmap .* is in gebruik door vangnet signals import \(proces \d+, sinds [^)]*\)\. Wacht tot dat klaar is/);
    }
    console.log(JSON.stringify({ concurrentImportExitCodes: runs.map((r) => r.code) }));
    expect(accepted).toBe(rows);
    expect(await inFolder(dataDir, (db) => signalsLike(db, 'TWEE-'))).toEqual({ signals: rows, references: rows });
    expect(fs.existsSync(lockPath(dataDir)), 'both gave the folder up').toBe(false);
  }, 600_000);

  it('lets the next server start at once after the owner was killed with SIGKILL', async () => {
    const port = await freePort();
    const first = await serve(port);
    await stopped(first, 'SIGKILL');
    expect(fs.readdirSync(lockPath(dataDir)), 'the killed server left its claim behind').toHaveLength(2);
    const next = await serve(port);
    expect(await stopped(next, 'SIGTERM')).toBe(0);
    expect(fs.existsSync(lockPath(dataDir))).toBe(false);
    expect(await inFolder(dataDir, (db) => signalsLike(db, 'SRV-'))).toEqual({ signals: 500, references: 500 });
  }, 600_000);
});
