import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Database } from '../../src/db/database.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { ensureReferenceData } from '../../src/platform/demo.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped again afterwards).
 */
export async function createTestDatabase(options: { clock?: Clock; poolSize?: number } = {}): Promise<{ db: Database; url?: string; cleanup: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = await Database.open({ dataDir: 'memory', clock: options.clock });
    await ensureReferenceData(db);
    return { db, cleanup: () => db.close() };
  }
  const name = `vangnet_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await Database.open({ url: url.toString(), clock: options.clock, poolSize: options.poolSize });
  await ensureReferenceData(db);
  return {
    db,
    url: url.toString(),
    cleanup: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
