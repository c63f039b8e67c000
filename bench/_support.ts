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

/** What `forDuration` reports: requests, rate, latency percentiles, answers other than the expected status. */
export interface LoadRun {
  requests: number;
  perSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  errors: number;
  statuses: Record<number, number>;
  firstError?: string;
}

/**
 * `clients` concurrent clients, each sending `request(i)` and awaiting its whole answer, again and again for
 * `seconds`. An answer with another status than `expected`, or a failed request, counts as an error.
 */
export async function forDuration(clients: number, seconds: number, expected: number, request: (i: number) => Promise<Response>): Promise<LoadRun> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const t0 = performance.now();
        try {
          const response = await request(i);
          const body = await response.text();
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status !== expected) {
            errors++;
            firstError ??= `${response.status} ${body.slice(0, 300)}`;
          }
        } catch (error) {
          errors++;
          firstError ??= String(error);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    perSecond: Math.round(latencies.length / elapsed),
    latencyMs: latencySummary(latencies),
    errors,
    statuses,
    ...(firstError ? { firstError } : {}),
  };
}
