import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { Database } from '../src/db/database.ts';
import { FakeClock } from '../src/platform/clock.ts';
import { systemActor } from '../src/platform/actor.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { importSignalFile } from '../src/modules/signals/commands/importSignalFile.ts';
import { purgeExpiredCases } from '../src/modules/signals/commands/purgeExpiredCases.ts';
import { generateSignalLines } from '../src/modules/signals/generate.ts';
import { readSignalFileBatches } from '../src/modules/signals/parse.ts';
import { signalSettings } from '../src/modules/signals/settings.ts';
import { createScratchDatabase } from '../test/support/db.ts';
import { benchDatabaseUrl } from './_support.ts';

/**
 * Retention: the purge of a large number of signals (100,000 at BENCH_SCALE=1, in two deliveries three months apart,
 * received on 1 January and 1 April 2025), run on 2 July 2025, when the first delivery's term (6 months from receipt)
 * has passed and the second's has not. Reports the seconds of the purge's own transaction (`purgeSeconds`: archive,
 * deletes, recomputed totals, persons) and of the scrub afterwards, and what was erased.
 *
 * `BENCH_PURGE_WITHOUT_PERSON_INDEX=1` drops `signal_cases_person_idx` before the purge, which reproduces the cause of
 * the 425 s measured on 1 December 2026: every deleted person made PostgreSQL check the foreign key
 * `signal_cases.person_id` by reading all of `signal_cases`. `BENCH_DATABASES=pglite,postgres` (default both).
 */
const round = (n: number) => Math.round(n * 100) / 100;

function csv(rows: number, endDate: string, prefix: string, seed: number): string {
  const lines = generateSignalLines({ rows, endDate, days: 60, seed, referencePrefix: prefix, householdShare: 0.7, kinds: ['zorgverzekering'] });
  return [...lines].join('\n'); // the header comes first
}

async function importAt(db: Database, clock: FakeClock, at: string, text: string) {
  clock.set(at);
  const result = await importSignalFile(db, systemActor('bench'), {
    creditor: { code: 'VGZ' },
    municipalityCode: 'GM0505',
    channel: 'cli',
    fileName: 'bench.csv',
    rows: (today, intake) => readSignalFileBatches(Readable.from([Buffer.from(text)]), { today, intake }),
    settings: signalSettings({}),
  });
  return result.accepted;
}

async function benchOne(db: Database, clock: FakeClock, rows: number) {
  await seedDemo(db, 'Bench-wachtwoord-1');
  const half = Math.round(rows / 2);
  const t0 = performance.now();
  const first = await importAt(db, clock, '2025-01-01T09:00:00Z', csv(half, '2024-12-31', 'A-', 1));
  const second = await importAt(db, clock, '2025-04-01T09:00:00Z', csv(rows - half, '2025-03-31', 'B-', 2));
  const importSeconds = (performance.now() - t0) / 1000;
  if (process.env.BENCH_PURGE_WITHOUT_PERSON_INDEX === '1') {
    await db.audited(systemActor('bench'), { action: 'update', objectType: 'bench' }, (tx) =>
      tx.execute(sql.raw('drop index if exists signal_cases_person_idx')),
    );
  }
  clock.set('2025-07-02T09:00:00Z');
  const t1 = performance.now();
  const summary = await purgeExpiredCases(db, signalSettings({}));
  const totalSeconds = (performance.now() - t1) / 1000;
  const scrubSeconds = (summary.scrub?.ms ?? 0) / 1000;
  const { scrub: _scrub, ...erased } = summary;
  return {
    imported: first + second,
    importSeconds: round(importSeconds),
    purgeSeconds: round(totalSeconds - scrubSeconds),
    scrubSeconds: round(scrubSeconds),
    erased,
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const rows = Math.max(100, Math.round(100_000 * scale));
  const wanted = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
  const out: Record<string, unknown> = { rows, withoutPersonIndex: process.env.BENCH_PURGE_WITHOUT_PERSON_INDEX === '1' };
  if (wanted.includes('pglite')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-bench-purge-'));
    const clock = new FakeClock('2025-01-01T09:00:00Z');
    const db = await Database.open({ dataDir: path.join(dir, 'pglite'), clock });
    try {
      out.pglite = await benchOne(db, clock, rows);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (wanted.includes('postgres')) {
    const clock = new FakeClock('2025-01-01T09:00:00Z');
    const { db, cleanup } = await createScratchDatabase(benchDatabaseUrl, { prefix: 'vangnet_bench_purge', clock });
    try {
      out.postgres = await benchOne(db, clock, rows);
    } finally {
      await cleanup();
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
