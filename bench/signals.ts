import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Database } from '../src/db/database.ts';
import { createScratchDatabase } from '../test/support/db.ts';
import { benchDatabaseUrl } from './_support.ts';
import { systemActor } from '../src/platform/actor.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { importSignalFile } from '../src/modules/signals/commands/importSignalFile.ts';
import { generatedHeader, generateSignalLines } from '../src/modules/signals/generate.ts';
import { readSignalFileBatches } from '../src/modules/signals/parse.ts';
import { signalSettings } from '../src/modules/signals/settings.ts';

/**
 * Vroeg Eropaf import: a generated national year of signals (1,000,000 rows at BENCH_SCALE=1) imported with
 * `importSignalFile` (parse, validate, stage, household matching, cases, persons, one transaction) on PGlite and
 * on PostgreSQL, against a plain COPY of the same file into an unindexed text table on the same database in the
 * same run. Reports rows/s, the ratio import/COPY (target ≥ 0.33) and the peak RSS during the import (target < 300 MB).
 * PostgreSQL: a scratch database on BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test), dropped afterwards.
 */
const serverUrl = benchDatabaseUrl;

async function writeFile(file: string, rows: number): Promise<number> {
  const out = fs.createWriteStream(file);
  const lines = generateSignalLines({ rows, endDate: '2025-12-31', days: 365, seed: 2025, referencePrefix: 'N-', householdShare: 0.7 });
  await pipeline(
    (function* () {
      let chunk = '';
      for (const line of lines) {
        chunk += `${line}\n`;
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    })(),
    out,
  );
  return fs.statSync(file).size;
}

/** Samples RSS while `work` runs; returns the peak in MB. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRssMb: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

async function importFile(db: Database, file: string, rows: number) {
  global.gc?.();
  const baseRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const t0 = performance.now();
  const { result, peakRssMb } = await withPeakRss(() =>
    importSignalFile(db, systemActor('bench'), {
      creditor: { code: 'VGZ' },
      municipalityCode: 'GM0505',
      channel: 'cli',
      fileName: path.basename(file),
      rows: (today) => readSignalFileBatches(fs.createReadStream(file, { highWaterMark: 1 << 20 }), { today }),
      settings: signalSettings({}),
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  if (result.accepted !== rows) throw new Error(`import stored ${result.accepted} of ${rows} rows`);
  return { seconds, rowsPerSecond: Math.round(rows / seconds), cases: result.casesCreated, peakRssMb, rssBeforeMb: baseRssMb };
}

const baselineTable = `create table copy_baseline (${generatedHeader.map((c) => `${c} text`).join(', ')})`;
const copyStatement = "copy copy_baseline from stdin with (format csv, delimiter ';', header true)";

async function benchPglite(file: string, rows: number, dir: string) {
  const dataDir = path.join(dir, 'pglite');
  const db = await Database.open({ dataDir });
  await seedDemo(db, 'Bench-wachtwoord-1');
  const imported = await importFile(db, file, rows);
  await db.close();
  // The same database, opened directly, for COPY FROM '/dev/blob' (PGlite's way to feed COPY).
  const client = new PGlite(dataDir);
  await client.exec(baselineTable);
  const blob = new Blob([fs.readFileSync(file)]);
  const t0 = performance.now();
  await client.query(copyStatement.replace('stdin', "'/dev/blob'"), [], { blob });
  const copySeconds = (performance.now() - t0) / 1000;
  const copied = await client.query<{ n: number }>('select count(*)::int as n from copy_baseline');
  await client.close();
  if (copied.rows[0]!.n !== rows) throw new Error(`COPY loaded ${copied.rows[0]!.n} rows`);
  const copyRowsPerSecond = Math.round(rows / copySeconds);
  return { import: imported, copy: { seconds: copySeconds, rowsPerSecond: copyRowsPerSecond }, ratio: Math.round((imported.rowsPerSecond / copyRowsPerSecond) * 1000) / 1000 };
}

async function benchPostgres(file: string, rows: number) {
  const { db, url, cleanup } = await createScratchDatabase(serverUrl, { prefix: 'vangnet_bench_signals' });
  try {
    await seedDemo(db, 'Bench-wachtwoord-1');
    const imported = await importFile(db, file, rows);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(baselineTable);
    const t0 = performance.now();
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), client.query(copyFrom(copyStatement)));
    const copySeconds = (performance.now() - t0) / 1000;
    const copied = await client.query<{ n: number }>('select count(*)::int as n from copy_baseline');
    await client.end();
    if (copied.rows[0]!.n !== rows) throw new Error(`COPY loaded ${copied.rows[0]!.n} rows`);
    const copyRowsPerSecond = Math.round(rows / copySeconds);
    return { import: imported, copy: { seconds: copySeconds, rowsPerSecond: copyRowsPerSecond }, ratio: Math.round((imported.rowsPerSecond / copyRowsPerSecond) * 1000) / 1000 };
  } finally {
    await cleanup();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const rows = Math.max(100, Math.round(1_000_000 * scale));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-bench-signals-'));
  try {
    const file = path.join(dir, 'signalen.csv');
    const bytes = await writeFile(file, rows);
    const postgres = await benchPostgres(file, rows);
    const pglite = await benchPglite(file, rows, dir);
    return {
      rows,
      fileMb: Math.round(bytes / 2 ** 20),
      postgres,
      pglite,
      target: { ratioAtLeast: 0.33, peakRssMbBelow: 300 },
      maxRssMbWholeRun: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
