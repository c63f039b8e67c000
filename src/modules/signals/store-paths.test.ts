import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../../platform/actor.ts';
import { seedDemo } from '../../platform/demo.ts';
import { createTestDatabase } from '../../../test/support/db.ts';
import { importSignalFile, SMALL_BATCH_ROWS, type ImportSummary } from './commands/importSignalFile.ts';
import { validateBatch } from './parse.ts';
import { signalImports } from './schema.ts';
import { inspect, testSettings } from './test-helpers.ts';

/**
 * A small batch is stored by storeSmallBatch (no staging tables), a larger one by storeStagedSignals: the same
 * batches through either path must leave the same signals, cases, persons and counts. Two databases, the same
 * sequence of batches; one forced onto the staged path.
 */
type Row = Record<string, string>;
const row = (referentie: string, datum: string, bedrag: string, postcode: string, huisnummer: string, extra: Row = {}): Row => ({
  referentie,
  datum,
  bedrag,
  achternaam: `Achternaam ${huisnummer}`,
  straat: 'Brouwersdijk',
  postcode,
  huisnummer,
  woonplaats: 'Dordrecht',
  ...extra,
});

// Threshold and window as configured (testSettings): amounts around the threshold, dates inside and outside the window.
const threshold = testSettings.thresholdCents / 100;
const window = testSettings.householdWindowDays;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const euros = (n: number) => n.toFixed(2).replace('.', ',');

const batches: { creditor: string; soort: string; rows: Row[] }[] = [
  {
    creditor: 'TRIVIRE',
    soort: 'huur',
    rows: [
      row('A-1', '2025-03-01', euros(threshold + 10), '3311 AB', '8', { bsn: '111222333' }),
      row('A-2', '2025-03-02', euros(5), '3311 AB', '8', { toevoeging: 'a' }),
      row('A-1', '2025-03-01', euros(threshold + 10), '3311 AB', '8', { bsn: '111222333' }),
      row('A-3', '2025-03-03', euros(threshold / 4), '3316 CD', '4'),
      // One BSN at two addresses in one batch: one household.
      row('A-4', '2025-03-04', euros(20), '3317 EF', '1', { bsn: '123456782' }),
      row('A-5', '2025-03-05', euros(30), '3318 GH', '2', { bsn: '123456782', voorletters: 'J.' }),
      row('A-6', '2025-03-06', euros(threshold / 4), '3319 JK', '10'),
    ],
  },
  {
    creditor: 'EVIDES',
    soort: 'drinkwater',
    rows: [
      // Joins by address, and takes the case over the threshold: its older signal is taken up too.
      row('E-1', '2025-03-10', euros(threshold), '3316 CD', '4'),
      // Joins by BSN from another address.
      row('E-2', '2025-03-11', euros(12), '3320 LM', '3', { bsn: '111222333' }),
      // Same address, outside the window: a new case.
      row('E-3', addDays('2025-03-06', window + 30), euros(15), '3319 JK', '10'),
      row('E-4', '2025-03-12', euros(7), '3321 NP', '5'),
    ],
  },
  {
    creditor: 'TRIVIRE',
    soort: 'huur',
    rows: [
      row('A-1', '2025-03-01', euros(threshold + 10), '3311 AB', '8', { bsn: '111222333' }),
      // A known resident (by BSN) with a new case, long after the first one's window.
      row('A-7', addDays('2025-03-11', window + 60), euros(threshold + 1), '3322 RS', '6', { bsn: '111222333' }),
      row('A-8', '2025-03-12', euros(9), '3321 NP', '5'),
    ],
  },
];

async function runAll(db: Database, smallBatchRows: number): Promise<Omit<ImportSummary, 'importId' | 'municipalityCode'>[]> {
  const out = [];
  for (const batch of batches) {
    const { importId: _id, municipalityCode: _m, ...summary } = await importSignalFile(db, systemActor('test'), {
      creditor: { code: batch.creditor },
      municipalityCode: 'GM0505',
      channel: 'api',
      rows: (today, intake) => validateBatch(batch.rows.map((r) => ({ soort: batch.soort, ...r })), today, intake),
      settings: testSettings,
      smallBatchRows,
    });
    out.push(summary);
  }
  return out;
}

/** Everything a person would see, without the generated ids: cases by household, signals by reference. */
async function state(db: Database) {
  return inspect(db, async (tx) => {
    const result = (await tx.execute(sql`
      select c.household_key, c.status, c.area_code, c.total_cents, c.signal_count, c.first_signal_date::text as f, c.last_signal_date::text as l,
        p.bsn, p.surname, p.postcode, p.initials,
        (select string_agg(s.reference || ':' || s.status || ':' || s.household_key || ':' || s.amount_cents, ',' order by s.reference) from signals s where s.case_id = c.id) as signals
      from signal_cases c left join persons p on p.id = c.person_id
      order by c.household_key, c.first_signal_date`)) as unknown as { rows: Record<string, unknown>[] };
    const persons = (await tx.execute(sql`select bsn, surname, count(*)::int as n from persons group by bsn, surname order by bsn, surname`)) as unknown as { rows: unknown[] };
    const orphans = (await tx.execute(sql`select count(*)::int as n from signals s where not exists (select 1 from signal_cases c where c.id = s.case_id)`)) as unknown as { rows: { n: number }[] };
    return { cases: result.rows, persons: persons.rows, orphans: Number(orphans.rows[0]!.n) };
  });
}

describe('the small path and the staged path store the same', () => {
  let small: Database;
  let staged: Database;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    for (const target of ['small', 'staged'] as const) {
      const { db, cleanup } = await createTestDatabase();
      cleanups.push(cleanup);
      await seedDemo(db, 'Test-wachtwoord-123');
      if (target === 'small') small = db;
      else staged = db;
    }
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('gives the same counts, cases, statuses, totals and residents for the same batches', async () => {
    expect(Math.max(...batches.map((b) => b.rows.length))).toBeLessThanOrEqual(SMALL_BATCH_ROWS);
    const viaSmall = await runAll(small, SMALL_BATCH_ROWS);
    const viaStaged = await runAll(staged, 0);
    expect(viaSmall).toEqual(viaStaged);
    // What the batches must give at all (so that two equally wrong paths do not pass).
    expect(viaSmall.map((s) => [s.accepted, s.duplicates, s.casesCreated])).toEqual([
      [6, 1, 5],
      [4, 0, 2],
      [2, 1, 1],
    ]);
    const a = await state(small);
    const b = await state(staged);
    expect(a).toEqual(b);
    expect(a.orphans).toBe(0);
    const byKey = (key: string) => a.cases.filter((c) => c.household_key === key);
    // A-3 (below the threshold) and E-1 crossed it together: both signals taken up.
    expect(byKey('3316CD|4|')).toMatchObject([{ status: 'awaiting_letter', signal_count: 2, signals: expect.stringMatching(/A-3:taken_up.*E-1:taken_up/) }]);
    // The BSN joined E-2 to the case at 3311 AB 8.
    expect(byKey('3311AB|8|')[0]).toMatchObject({ signal_count: 2, bsn: '111222333' });
    expect(byKey('3319JK|10|')).toHaveLength(2);
    // The known resident's second case points at the same person: one person for that BSN.
    expect(a.persons.filter((p) => (p as { bsn: string }).bsn === '111222333')).toEqual([expect.objectContaining({ n: 1 })]);
  });

  it('writes the import’s row with its counts on both paths', async () => {
    for (const db of [small, staged]) {
      const rows = await db.unaudited((q) => q.execute(sql`select rows, accepted, duplicates, rejected, cases_created from signal_imports where channel = 'api' order by created_at, accepted desc`));
      const list = (rows as unknown as { rows: Record<string, number>[] }).rows.map((r) => [r.rows, r.accepted, r.duplicates, r.cases_created].map(Number));
      expect(list).toEqual(expect.arrayContaining([[7, 6, 1, 5], [4, 4, 0, 2], [3, 2, 1, 1]]));
    }
  });

  it('stores nothing twice when the same batch comes again, on either path', async () => {
    for (const [db, limit] of [[small, SMALL_BATCH_ROWS], [staged, 0]] as const) {
      const before = await state(db);
      const again = await runAll(db, limit);
      expect(again.map((s) => s.accepted)).toEqual([0, 0, 0]);
      expect(await state(db)).toEqual(before);
    }
    const [imports] = await small.unaudited((q) => q.select({ n: sql<number>`count(*)::int` }).from(signalImports).where(eq(signalImports.channel, 'api')));
    expect(Number(imports!.n)).toBe(6);
  });
});
