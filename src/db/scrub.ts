import fs from 'node:fs';
import path from 'node:path';

/**
 * "Scrub after erasure": a deleted row is only marked dead. Its bytes stay in the table's pages, in every index
 * (btree pages keep deleted keys), in TOAST, in the planner statistics (`pg_statistic`: most-common values and
 * histograms, also those ANALYZE took from temporary staging tables), and in the write-ahead log (whose segments
 * are recycled, not wiped). This step rewrites what holds them, so the erased values are gone from the data
 * folder and from every backup made afterwards:
 *
 * 1. `VACUUM FULL` of the tables the erasure touched: a fresh copy of the live rows, with TOAST and every index
 *    rebuilt; the old files are truncated at commit and unlinked at the next checkpoint.
 * 2. `ANALYZE` of those tables: statistics from the live rows only.
 * 3. `VACUUM FULL pg_statistic`: the dead statistics rows (old histograms) are dropped.
 * 4. `CHECKPOINT`, then a switch to a new WAL segment and a second `CHECKPOINT`: every segment that held the
 *    erased rows (inserts, full-page images) lies before the redo point and is removed. `wal_recycle` is off, so a
 *    segment is unlinked rather than renamed for reuse, and segments recycled before (which hold old records and
 *    would become the next segment) are removed before the switch, so the new segment starts as zeros.
 *
 * Embedded PGlite runs as superuser: every step runs. On a PostgreSQL server with a normal role only steps 1 and 2
 * are allowed; the others are tried and, when refused, reported as skipped (docs/security.md says what the DBA does).
 */
export interface ScrubReport {
  tables: string[];
  /** The steps that ran, in order. */
  done: string[];
  /** Steps the role may not run (PostgreSQL server), with the server's reason. */
  skipped: { step: string; reason: string }[];
  ms: number;
}

export interface ScrubTarget {
  kind: 'pglite' | 'postgres';
  /** Runs one statement outside any transaction (VACUUM cannot run inside one). */
  execute(statement: string): Promise<{ rows?: Record<string, unknown>[] }>;
  /** PGlite's data folder on disk (absent for an in-memory database). */
  dataDir?: string;
}

const tableName = /^[a-z_][a-z0-9_]*$/;

/** The setting that makes a checkpoint unlink old WAL segments instead of renaming them for reuse. */
export const noWalRecycle = 'set wal_recycle = off';

export async function scrubAfterErasure(target: ScrubTarget, tables: string[]): Promise<ScrubReport> {
  const started = Date.now();
  for (const t of tables) if (!tableName.test(t)) throw new Error(`Not a table name: ${t}`);
  const list = tables.map((t) => `"${t}"`).join(', ');
  const report: ScrubReport = { tables: [...tables], done: [], skipped: [], ms: 0 };
  const step = async (name: string, statement: string, optional: boolean) => {
    try {
      await target.execute(statement);
      report.done.push(name);
    } catch (error) {
      if (!optional) throw error;
      report.skipped.push({ step: name, reason: error instanceof Error ? error.message : String(error) });
    }
  };
  // Session setting: PGlite is one backend that also runs the checkpoints, so this applies to them. (A server's
  // checkpointer is another process: there `wal_recycle` is the DBA's setting.)
  if (target.kind === 'pglite') await step('wal_recycle off', noWalRecycle, false);
  if (tables.length) {
    await step('vacuum full', `vacuum (full) ${list}`, false);
    await step('analyze', `analyze ${list}`, false);
  }
  if (target.kind === 'postgres') {
    // A normal role gets a warning and nothing happens; only a superuser (or pg_maintain) rewrites the catalog.
    const superuser = await target.execute('select rolsuper from pg_roles where rolname = current_user');
    if (superuser.rows?.[0]?.rolsuper !== true) {
      for (const name of ['vacuum full pg_statistic', 'checkpoint', 'switch wal']) report.skipped.push({ step: name, reason: 'geen superuser' });
      report.ms = Date.now() - started;
      return report;
    }
  }
  await step('vacuum full pg_statistic', 'vacuum (full) pg_catalog.pg_statistic', target.kind === 'postgres');
  await step('checkpoint', 'checkpoint', target.kind === 'postgres');
  if (target.kind === 'pglite' && target.dataDir) removeRecycledSegments(target.dataDir, await currentWalFile(target));
  await step('switch wal', 'select pg_switch_wal()', target.kind === 'postgres');
  await step('checkpoint', 'checkpoint', target.kind === 'postgres');
  report.ms = Date.now() - started;
  return report;
}

async function currentWalFile(target: ScrubTarget): Promise<string> {
  const result = await target.execute('select pg_walfile_name(pg_current_wal_insert_lsn()) as name');
  return String(result.rows?.[0]?.name);
}

/**
 * WAL segments named after the one being written are recycled old segments waiting for reuse: their contents are
 * old records. PGlite has no background writer that could open them; the next switch creates a fresh one instead.
 */
function removeRecycledSegments(dataDir: string, current: string): void {
  const walDir = path.join(dataDir, 'pg_wal');
  if (!fs.existsSync(walDir)) return;
  for (const name of fs.readdirSync(walDir)) {
    if (/^[0-9A-F]{24}$/.test(name) && name > current) fs.rmSync(path.join(walDir, name), { force: true });
  }
}
