import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Database } from '../src/db/database.ts';
import { claimDataDir } from '../src/db/owner.ts';
import { createScratchDatabase } from '../test/support/db.ts';
import { benchDatabaseUrl } from './_support.ts';
import { systemActor } from '../src/platform/actor.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { importSignalFile } from '../src/modules/signals/commands/importSignalFile.ts';
import { generatedHeader, generateSignalLines } from '../src/modules/signals/generate.ts';
import { readSignalFileBatches } from '../src/modules/signals/parse.ts';
import { signalSettings } from '../src/modules/signals/settings.ts';

/**
 * Vroeg Eropaf import: a generated national load of signals (1,000,000 rows of the last five months at BENCH_SCALE=1) imported with
 * `importSignalFile` (parse, validate, stage, household matching, cases, persons, one transaction) on PostgreSQL and
 * on PGlite, each in a process of its own, against a plain COPY of the same file into an unindexed text table on
 * the same database in the same run. Reports rows/s, the ratio import/COPY (target ≥ 0.33) and the peak RSS of the
 * process during the import (target < 300 MB).
 *
 * `floor` measures what any import must do at least, on rows already parsed and checked, with one INSERT … SELECT
 * (no parsing, no cases, no persons): `signalsTable` writes them into a table shaped like `signals` (primary key,
 * the creditor's reference as idempotency key, case, BSN); `keyOnly` into a table with the idempotency key alone.
 * Their ratios to COPY bound what an import that keeps each signal once can reach.
 * PostgreSQL: a scratch database on BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test), dropped afterwards.
 */
const self = fileURLToPath(import.meta.url);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function writeFile(file: string, rows: number): Promise<number> {
  const out = fs.createWriteStream(file);
  // The signals of the last five months up to yesterday: within the retention term, so the import refuses none of
  // them for their date (a year of dates would be half refused: docs/signals.md "Retention").
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const lines = generateSignalLines({
    rows,
    endDate: yesterday,
    days: 150,
    seed: 2025,
    referencePrefix: 'N-',
    householdShare: 0.7,
    kinds: ['zorgverzekering'],
  });
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
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRssMb: mb(peak) };
  } finally {
    clearInterval(timer);
  }
}

async function importFile(db: Database, file: string, rows: number) {
  global.gc?.();
  const rssBeforeMb = mb(process.memoryUsage().rss);
  const t0 = performance.now();
  let stagedAt = 0;
  const { result, peakRssMb } = await withPeakRss(() =>
    importSignalFile(db, systemActor('bench'), {
      creditor: { code: 'VGZ' },
      municipalityCode: 'GM0505',
      channel: 'cli',
      fileName: path.basename(file),
      rows: (today, intake) => readSignalFileBatches(fs.createReadStream(file), { today, intake }),
      settings: signalSettings({}),
      onStaged: () => (stagedAt = performance.now()),
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  if (result.accepted !== rows) throw new Error(`import stored ${result.accepted} of ${rows} rows`);
  return {
    seconds: round(seconds),
    rowsPerSecond: Math.round(rows / seconds),
    // Reading, checking and staging the file; then matching households and writing persons, cases and signals.
    readAndStageSeconds: round((stagedAt - t0) / 1000),
    storeSeconds: round(seconds - (stagedAt - t0) / 1000),
    cases: result.casesCreated,
    peakRssMb,
    rssBeforeMb,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
const baselineTable = `create table copy_baseline (${generatedHeader.map((c) => `${c} text`).join(', ')})`;
const copyStatement = "copy copy_baseline from stdin with (format csv, delimiter ';', header true)";
const countCopied = 'select count(*)::int as n from copy_baseline';
// The floor: the import's rows once more, into an empty table with the indexes of `signals`.
const floorTable = 'create table signals_floor (like signals including defaults including indexes)';
const floorInsert = 'insert into signals_floor select * from signals';
// The least of all: the same rows into a table with nothing but the idempotency key (creditor, reference).
const keyFloorTable =
  'create table signals_key_floor (like signals including defaults); create unique index on signals_key_floor (creditor_organisation_id, reference)';
const keyFloorInsert = 'insert into signals_key_floor select * from signals';

type Query = (text: string) => Promise<unknown>;

/** The floors and the COPY baseline on the database just imported into; `copied` counts what COPY loaded. */
async function measure(query: Query, copy: () => Promise<void>, copied: () => Promise<number>, rows: number, imported: Awaited<ReturnType<typeof importFile>>) {
  const timed = async (create: string, insert: string) => {
    await query(create);
    const t0 = performance.now();
    await query(insert);
    return (performance.now() - t0) / 1000;
  };
  const floorSeconds = await timed(floorTable, floorInsert);
  const keyFloorSeconds = await timed(keyFloorTable, keyFloorInsert);
  await query(baselineTable);
  const t0 = performance.now();
  await copy();
  const copySeconds = (performance.now() - t0) / 1000;
  const loaded = await copied();
  if (loaded !== rows) throw new Error(`COPY loaded ${loaded} rows`);
  const copyRowsPerSecond = Math.round(rows / copySeconds);
  const floorRowsPerSecond = Math.round(rows / floorSeconds);
  return {
    import: imported,
    copy: { seconds: round(copySeconds), rowsPerSecond: copyRowsPerSecond },
    ratio: round3(imported.rowsPerSecond / copyRowsPerSecond),
    floor: {
      signalsTable: { seconds: round(floorSeconds), rowsPerSecond: floorRowsPerSecond, ratio: round3(floorRowsPerSecond / copyRowsPerSecond) },
      keyOnly: {
        seconds: round(keyFloorSeconds),
        rowsPerSecond: Math.round(rows / keyFloorSeconds),
        ratio: round3(rows / keyFloorSeconds / copyRowsPerSecond),
      },
    },
  };
}
const round3 = (n: number) => Math.round(n * 1000) / 1000;

async function benchPostgres(file: string, rows: number) {
  const { db, url, cleanup } = await createScratchDatabase(benchDatabaseUrl, { prefix: 'vangnet_bench_signals' });
  try {
    await seedDemo(db, 'Bench-wachtwoord-1');
    const imported = await importFile(db, file, rows);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await measure(
        (text) => client.query(text),
        () => pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), client.query(copyFrom(copyStatement))),
        async () => (await client.query<{ n: number }>(countCopied)).rows[0]!.n,
        rows,
        imported,
      );
    } finally {
      await client.end();
    }
  } finally {
    await cleanup();
  }
}

/** Creating a PGlite database runs initdb in the process (some 500 MB, once); the import then opens it afresh. */
async function preparePglite(dataDir: string) {
  const db = await Database.open({ dataDir });
  await seedDemo(db, 'Bench-wachtwoord-1');
  await db.close();
  return {};
}

async function benchPglite(file: string, rows: number, dataDir: string) {
  const db = await Database.open({ dataDir });
  const imported = await importFile(db, file, rows);
  await db.close();
  // The same database, opened directly, for COPY FROM '/dev/blob' (PGlite's way to feed COPY); claimed like any opener.
  const claim = await claimDataDir(dataDir, { kind: 'command', command: 'bench signals' });
  const client = new PGlite(dataDir);
  try {
    const blob = new Blob([fs.readFileSync(file)]);
    return await measure(
      (text) => client.exec(text),
      async () => {
        await client.query(copyStatement.replace('stdin', "'/dev/blob'"), [], { blob });
      },
      async () => (await client.query<{ n: number }>(countCopied)).rows[0]!.n,
      rows,
      imported,
    );
  } finally {
    await client.close();
    await claim.release();
  }
}

/** Each database in a fresh process, so that one's memory does not count against the other. */
function runPart(part: 'postgres' | 'pglite-prepare' | 'pglite', file: string, rows: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', self, '--part', part, file, String(rows)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${part} part exited with ${code}`));
      resolve({ ...(JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>) });
    });
  });
}

export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const rows = Math.max(100, Math.round(1_000_000 * scale));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-bench-signals-'));
  try {
    const file = path.join(dir, 'signalen.csv');
    const bytes = await writeFile(file, rows);
    const postgres = await runPart('postgres', file, rows);
    await runPart('pglite-prepare', file, rows);
    const pglite = await runPart('pglite', file, rows);
    return { rows, fileMb: mb(bytes), postgres, pglite, target: { ratioAtLeast: 0.33, peakRssMbBelow: 300 } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--part') {
  const [part, file, rows] = process.argv.slice(3);
  const dataDir = path.join(path.dirname(file!), 'pglite');
  const result =
    part === 'postgres'
      ? await benchPostgres(file!, Number(rows))
      : part === 'pglite-prepare'
        ? await preparePglite(dataDir)
        : await benchPglite(file!, Number(rows), dataDir);
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMbProcess: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  process.exit(0);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
