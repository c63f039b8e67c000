import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { buildServer, type App } from '../src/http/server.ts';
import { createTestDatabase } from './support/db.ts';
import type { Database } from '../src/db/database.ts';

/**
 * The database goes away under a running server (restart, fail-over): requests fail cleanly with a 503
 * problem, the process stays up, and it serves again as soon as the database is back.
 */
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('PostgreSQL connections lost while the server runs', () => {
  let db: Database;
  let url: string;
  let cleanup: () => Promise<void>;
  let app: App;
  beforeAll(async () => {
    ({ db, url, cleanup } = (await createTestDatabase()) as { db: Database; url: string; cleanup: () => Promise<void> });
    app = await buildServer({ db, config: loadConfig({ VANGNET_LOG_LEVEL: 'silent' }) });
  });
  afterAll(async () => {
    await app.close();
    await cleanup();
  });

  it('answers 503 problem+json while connections are cut, then recovers', async () => {
    // Open several pooled connections, so that the cut hits idle ones as a restart would.
    await Promise.all(Array.from({ length: 5 }, () => app.inject({ method: 'GET', url: '/api/v1/health' })));
    const name = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    // Refuse new connections and terminate the existing ones: the database is "down".
    await admin.query(`alter database ${name} allow_connections false`);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/health' });
      statuses.push(response.statusCode);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 503, code: 'unavailable' });
    }
    expect(statuses.every((s) => s === 503)).toBe(true);
    await admin.query(`alter database ${name} allow_connections true`);
    await admin.end();
    const back = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual({ status: 'ok' });
  });
});
