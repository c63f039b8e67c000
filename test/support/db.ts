import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Database } from '../../src/db/database.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { ensureReferenceData } from '../../src/platform/demo.ts';

export interface ScratchDatabase {
  db: Database;
  /** The scratch database's own connection string (PostgreSQL only). */
  url?: string;
  cleanup: () => Promise<void>;
}

/**
 * A new, migrated database on the PostgreSQL server at `serverUrl`, named `<prefix>_<random>`, dropped again by
 * `cleanup`. Tests and benchmarks use it so that runs never see each other's data.
 */
export async function createScratchDatabase(
  serverUrl: string,
  options: { clock?: Clock; poolSize?: number; prefix?: string } = {},
): Promise<ScratchDatabase & { url: string }> {
  const name = `${options.prefix ?? 'vangnet_t'}_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await Database.open({ url: url.toString(), clock: options.clock, poolSize: options.poolSize });
  await ensureReferenceData(db);
  return {
    db,
    url: url.toString(),
    cleanup: async () => {
      await db.close();
      await withClient(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withClient(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped again afterwards).
 */
export async function createTestDatabase(options: { clock?: Clock; poolSize?: number } = {}): Promise<ScratchDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return createScratchDatabase(serverUrl, options);
  const db = await Database.open({ dataDir: 'memory', clock: options.clock });
  await ensureReferenceData(db);
  return { db, cleanup: () => db.close() };
}
