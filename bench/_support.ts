import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/database.ts';
import { createTestDatabase } from '../test/support/db.ts';

/** Shared by the benchmarks (files starting with `_` are not benchmarks themselves). */
export const benchDatabaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** p50/p95/p99/max of a list of latencies in milliseconds, rounded to 0.1 ms. */
export function latencySummary(latencies: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return { p50: r(percentile(sorted, 50)), p95: r(percentile(sorted, 95)), p99: r(percentile(sorted, 99)), max: r(sorted.at(-1) ?? 0) };
}

export function elapsedSeconds(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}

/**
 * Runs `measure` on a fresh embedded PGlite database, then (when `serverUrl` is given) on a fresh database on that
 * PostgreSQL server, one after the other; each is dropped afterwards. Returns `{ pglite, postgres? }`.
 */
export async function measureOnEachDatabase<T>(serverUrl: string | undefined, measure: (db: Database) => Promise<T>): Promise<{ pglite: T; postgres?: T }> {
  const saved = process.env.TEST_DATABASE_URL;
  delete process.env.TEST_DATABASE_URL;
  try {
    const results: { pglite?: T; postgres?: T } = {};
    const pglite = await createTestDatabase();
    try {
      results.pglite = await measure(pglite.db);
    } finally {
      await pglite.cleanup();
    }
    if (serverUrl) {
      process.env.TEST_DATABASE_URL = serverUrl;
      const pg = await createTestDatabase();
      try {
        results.postgres = await measure(pg.db);
      } finally {
        await pg.cleanup();
      }
    }
    return results as { pglite: T; postgres?: T };
  } finally {
    if (saved === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = saved;
  }
}
