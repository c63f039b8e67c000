import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { newApiKeySecret } from '../../platform/auth.ts';
import { apiKeys, organisations } from '../../platform/schema.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { FINE_LOCK_ROWS, importSignalFile } from './commands/importSignalFile.ts';
import { readSignalFile } from './parse.ts';
import { fileHeader, inspect, testSettings } from './test-helpers.ts';

/**
 * Parallel deliveries (issue 12): API calls of two creditors for the same ten households at the same moment, with
 * repeats, and a file alongside them. On PostgreSQL (TEST_DATABASE_URL) they really run side by side, on a pool of
 * connections; on PGlite one after the other. Either way: every signal once, one open case per household, and each
 * case's count and total are those of its signals.
 */
const households = Array.from({ length: 10 }, (_, i) => ({ postcode: `3315 A${String.fromCharCode(65 + i)}`, huisnummer: String(10 + i) }));
const creditors = [
  { code: 'TRIVIRE', soort: 'huur' },
  { code: 'EVIDES', soort: 'drinkwater' },
] as const;

describe('signals posted in parallel', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp({ env: {} });
    for (const c of creditors) {
      const [org] = await t.db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, c.code)));
      const secret = newApiKeySecret();
      await t.db.unaudited((q) =>
        q.insert(apiKeys).values({ organisationId: org!.id, name: 'test', prefix: secret.prefix, keyHash: secret.hash, roles: ['creditor'] }),
      );
      keys[c.code] = secret.key;
    }
  });
  afterAll(() => t?.close());

  const signal = (creditor: (typeof creditors)[number], n: number, household: number) => ({
    referentie: `PAR-${creditor.code}-${n}`,
    datum: '2026-11-02',
    soort: creditor.soort,
    bedrag: `${10 + n},00`,
    achternaam: `Parallel ${household}`,
    straat: 'Lastweg',
    ...households[household]!,
    woonplaats: 'Dordrecht',
  });

  it('stores every signal once and makes one case per household, whoever reports it first', async () => {
    // 50 calls: each of 2 creditors, 1 to 3 signals for the ten households; every reference is sent twice.
    const calls = Array.from({ length: 50 }, (_, i) => {
      const creditor = creditors[i % 2]!;
      const round = Math.floor(i / 2) % 13;
      const rows = Array.from({ length: 1 + (i % 3) }, (_, j) => signal(creditor, round * 3 + j, (round + j + i) % 10));
      return { creditor, rows };
    });
    // A file from a third creditor for the same households, longer than a small batch (it takes the exclusive lock).
    const fileRows = Array.from({ length: FINE_LOCK_ROWS + 20 }, (_, i) =>
      [
        `VGZ-PAR-${i}`,
        '2026-11-02',
        'zorgverzekering',
        '15,00',
        '',
        `Parallel ${i % 10}`,
        'Lastweg',
        households[i % 10]!.postcode,
        households[i % 10]!.huisnummer,
        '',
        'Dordrecht',
      ].join(';'),
    );
    const file = importSignalFile(t.db, systemActor('test'), {
      creditor: { code: 'VGZ' },
      municipalityCode: 'GM0505',
      channel: 'cli',
      rows: (today, intake) => readSignalFile(Readable.from([Buffer.from([fileHeader, ...fileRows].join('\n'))]), { today, intake }),
      settings: testSettings,
    });
    const answers = await Promise.all(
      calls.map((c) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/signals',
          headers: { authorization: `Bearer ${keys[c.creditor.code]}` },
          payload: { municipalityCode: 'GM0505', signals: c.rows },
        }),
      ),
    );
    const fileSummary = await file;
    expect(answers.map((a) => a.statusCode)).toEqual(calls.map(() => 201));
    const results = answers.map((a) => a.json() as { rows: number; accepted: number; duplicates: number; rejected: number });
    const sent = new Set(calls.flatMap((c) => c.rows.map((r) => r.referentie)));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(sent.size);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(calls.reduce((n, c) => n + c.rows.length, 0) - sent.size);
    expect(fileSummary).toMatchObject({ accepted: FINE_LOCK_ROWS + 20, duplicates: 0 });

    const stored = await inspect(t.db, async (tx) => {
      const rows = (await tx.execute(sql`
        select (select count(*)::int from signals where reference like 'PAR-%' or reference like 'VGZ-PAR-%') as signals,
          (select count(distinct reference)::int from signals where reference like 'PAR-%' or reference like 'VGZ-PAR-%') as distinct_refs,
          (select count(*)::int from signal_cases where household_key like '3315A%') as cases,
          (select count(distinct household_key)::int from signal_cases where household_key like '3315A%') as households,
          (select count(*)::int from signal_cases c where household_key like '3315A%'
            and (c.signal_count <> (select count(*) from signals s where s.case_id = c.id)
              or c.total_cents <> (select coalesce(sum(s.amount_cents), 0) from signals s where s.case_id = c.id
                -- A repeat (same creditor, arrears not grown) adds no arrears to the case's total.
                and s.status not in ('repeated', 'known_to_debt_help')))) as wrong_totals,
          (select count(*)::int from signals s where (reference like 'PAR-%' or reference like 'VGZ-PAR-%')
            and not exists (select 1 from signal_cases c where c.id = s.case_id)) as orphans`)) as unknown as { rows: Record<string, number>[] };
      return rows.rows[0]!;
    });
    expect(stored).toEqual({
      signals: sent.size + FINE_LOCK_ROWS + 20,
      distinct_refs: sent.size + FINE_LOCK_ROWS + 20,
      cases: 10,
      households: 10,
      wrong_totals: 0,
      orphans: 0,
    });
  });

  it('makes one case when two creditors report a new household at the same moment', async () => {
    // Twenty rounds, each a new household reported by both creditors at once.
    for (let round = 0; round < 20; round++) {
      const address = { postcode: '3316 BB', huisnummer: String(100 + round) };
      const answers = await Promise.all(
        creditors.map((c) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/signals',
            headers: { authorization: `Bearer ${keys[c.code]}` },
            payload: { municipalityCode: 'GM0505', signals: [{ ...signal(c, 1000 + round, 0), ...address }] },
          }),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
      expect(answers.map((a) => (a.json() as { accepted: number }).accepted)).toEqual([1, 1]);
    }
    const perHousehold = await inspect(t.db, async (tx) => {
      const rows = (await tx.execute(sql`
        select household_key, count(*)::int as cases, sum(signal_count)::int as signals from signal_cases
        where household_key like '3316BB|%' group by household_key order by household_key`)) as unknown as { rows: { cases: number; signals: number }[] };
      return rows.rows;
    });
    expect(perHousehold).toHaveLength(20);
    expect(perHousehold.every((h) => Number(h.cases) === 1 && Number(h.signals) === 2)).toBe(true);
  });
});
