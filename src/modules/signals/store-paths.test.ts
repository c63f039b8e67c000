import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../../platform/actor.ts';
import { seedDemo } from '../../platform/demo.ts';
import { FakeClock } from '../../platform/clock.ts';
import { createTestDatabase } from '../../../test/support/db.ts';
import { importSignalFile, SMALL_BATCH_ROWS, type ImportSummary } from './commands/importSignalFile.ts';
import { validateBatch } from './parse.ts';
import { signalImports } from './schema.ts';
import { inspect, testSettings } from './test-helpers.ts';

/**
 * A small batch (up to SMALL_BATCH_ROWS rows) is staged with one INSERT into work tables kept per connection and not
 * analysed, a larger one with COPY into the same tables, then analysed: the same batches through either path must
 * leave the same signals, cases, persons and counts. Two databases, the same sequence of batches; one forced onto
 * the file path. The dates are of 2025, so the clock stands within the retention term of all of them.
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
      row('E-2', '2025-03-11', euros(12), '3323 LM', '3', { bsn: '111222333' }),
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

async function runAll(
  db: Database,
  smallBatchRows: number,
  list: { creditor: string; soort: string; rows: Row[]; municipalityCode?: string; before?: (db: Database) => Promise<void> }[] = batches,
): Promise<Omit<ImportSummary, 'importId'>[]> {
  const out = [];
  for (const batch of list) {
    await batch.before?.(db);
    const { importId: _id, ...summary } = await importSignalFile(db, systemActor('test'), {
      creditor: { code: batch.creditor },
      municipalityCode: list === batches ? 'GM0505' : batch.municipalityCode,
      channel: 'api',
      rows: (today, intake) =>
        validateBatch(
          batch.rows.map((r) => ({ soort: batch.soort, ...r })),
          today,
          intake,
        ),
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
    const persons = (await tx.execute(sql`select bsn, surname, count(*)::int as n from persons group by bsn, surname order by bsn, surname`)) as unknown as {
      rows: unknown[];
    };
    const orphans = (await tx.execute(
      sql`select count(*)::int as n from signals s where not exists (select 1 from signal_cases c where c.id = s.case_id)`,
    )) as unknown as { rows: { n: number }[] };
    return { cases: result.rows, persons: persons.rows, orphans: Number(orphans.rows[0]!.n) };
  });
}

describe('the small path and the staged path store the same', () => {
  let small: Database;
  let staged: Database;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    for (const target of ['small', 'staged'] as const) {
      const { db, cleanup } = await createTestDatabase({ clock: new FakeClock('2025-08-20T09:00:00+02:00') });
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
    // The BSN joined E-2 to the case at 3311 AB 8, and the case followed it to its newer address.
    expect(byKey('3311AB|8|')).toEqual([]);
    expect(byKey('3323LM|3|')[0]).toMatchObject({ signal_count: 2, bsn: '111222333' });
    expect(byKey('3319JK|10|')).toHaveLength(2);
    // The known resident's second case points at the same person: one person for that BSN.
    expect(a.persons.filter((p) => (p as { bsn: string }).bsn === '111222333')).toEqual([expect.objectContaining({ n: 1 })]);
  });

  it('writes the import’s row with its counts on both paths', async () => {
    for (const db of [small, staged]) {
      const rows = await db.unaudited((q) =>
        q.execute(sql`select rows, accepted, duplicates, rejected, cases_created from signal_imports where channel = 'api' order by created_at, accepted desc`),
      );
      const list = (rows as unknown as { rows: Record<string, number>[] }).rows.map((r) => [r.rows, r.accepted, r.duplicates, r.cases_created].map(Number));
      expect(list).toEqual(
        expect.arrayContaining([
          [7, 6, 1, 5],
          [4, 4, 0, 2],
          [3, 2, 1, 1],
        ]),
      );
    }
  });

  it('stores nothing twice when the same batch comes again, on either path', async () => {
    for (const [db, limit] of [
      [small, SMALL_BATCH_ROWS],
      [staged, 0],
    ] as const) {
      const before = await state(db);
      const again = await runAll(db, limit);
      expect(again.map((s) => s.accepted)).toEqual([0, 0, 0]);
      expect(await state(db)).toEqual(before);
    }
    const [imports] = await small.unaudited((q) => q.select({ n: sql<number>`count(*)::int` }).from(signalImports).where(eq(signalImports.channel, 'api')));
    expect(Number(imports!.n)).toBe(6);
  });
});

/**
 * The routing and household rules on both paths: a health insurer's file for the Drechtsteden routed by postcode
 * (three municipalities and a non-resident), the threshold strictly above EUR 25 (25,00 and 25,01), the urgent route,
 * one BSN at two addresses (the newest wins), then a repeat, a household already in help, a move by BSN, and a case
 * taken over the threshold by another creditor.
 */
const routed = (referentie: string, postcode: string, huisnummer: string, extra: Row = {}): Row => ({
  referentie,
  datum: '2025-12-22',
  bedrag: '120,00',
  achternaam: `Achternaam ${referentie}`,
  straat: 'Straat',
  postcode,
  huisnummer,
  woonplaats: 'Plaats',
  ...extra,
});
const routedBatches: { creditor: string; soort: string; rows: Row[]; municipalityCode?: string; before?: (db: Database) => Promise<void> }[] = [
  {
    creditor: 'VGZ',
    soort: 'zorgverzekering',
    rows: [
      routed('R-1', '3315 AB', '12', { bsn: '111222333' }),
      routed('R-2', '3331 CD', '4'),
      routed('R-3', '3352 EF', '8'),
      routed('R-4', '1011 AB', '1', { bsn: '123456782' }),
      routed('R-5', '3317 AA', '3', { bedrag: '25,00' }),
      routed('R-6', '3318 AA', '3', { bedrag: '25,01' }),
      routed('R-7', '3319 AA', '1', { crisissignaal: 'ja' }),
      routed('R-8', '3311 AA', '1', { bsn: '100000009', datum: '2025-12-01' }),
      routed('R-9', '3316 BB', '5', { bsn: '100000009', datum: '2025-12-10' }),
    ],
  },
  {
    creditor: 'VGZ',
    soort: 'zorgverzekering',
    // Zwijndrecht's household at 3331 CD 4 was helped (closed with a help result) since.
    before: (db) =>
      inspect(db, async (tx) => {
        await tx.execute(sql`update signal_cases set status = 'closed', result = 'quick_fix', closed_on = '2025-12-23' where household_key = '3331CD|4|'`);
      }),
    rows: [
      // The same household, the same type, lower arrears, within the window: a repeat.
      routed('R-10', '3315 AB', '12', { bedrag: '100,00', datum: '2025-12-23' }),
      // Arrears grown (no repeat), but the household was helped: already in help, no new letter.
      routed('R-11', '3331 CD', '4', { bedrag: '150,00', datum: '2025-12-23' }),
      // The resident of R-1 moved, arrears grown: the case follows to the newest address.
      routed('R-12', '3323 LM', '3', { bsn: '111222333', bedrag: '130,00', datum: '2025-12-23' }),
    ],
  },
  {
    creditor: 'TRIVIRE',
    soort: 'huur',
    municipalityCode: 'GM0505',
    rows: [
      // Takes R-5's case over the threshold.
      routed('T-1', '3317 AA', '3', { bedrag: '10,00', datum: '2025-12-23' }),
      // Sliedrecht: not a resident of the landlord's municipality.
      routed('T-2', '3361 AA', '3', { datum: '2025-12-23' }),
    ],
  },
];

async function routedState(db: Database) {
  return inspect(db, async (tx) => {
    const rows = (statement: ReturnType<typeof sql>) => tx.execute(statement).then((r) => (r as unknown as { rows: Record<string, unknown>[] }).rows);
    return {
      cases: await rows(sql`
        select c.municipality_code, c.household_key, c.area_code, c.status, c.result, c.total_cents, c.signal_count, c.urgent, c.due_date::text as due,
          p.bsn, p.surname, p.postcode, p.house_number
        from signal_cases c left join persons p on p.id = c.person_id order by c.municipality_code, c.household_key`),
      signals: await rows(sql`
        select s.reference, s.status, s.municipality_code, s.household_key, s.bsn, s.surname, c.household_key as case_key
        from signals s left join signal_cases c on c.id = s.case_id order by s.reference`),
      imports: await rows(
        sql`select rows, accepted, duplicates, not_resident, cases_created, municipalities from signal_imports order by created_at, accepted desc`,
      ),
    };
  });
}

describe('the small path and the staged path route and apply the household rules the same', () => {
  const dbs: Database[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      // Wednesday 24 December 2025: the urgent route's third working day is the 31st.
      const { db, cleanup } = await createTestDatabase({ clock: new FakeClock('2025-12-24T09:00:00+01:00') });
      cleanups.push(cleanup);
      await seedDemo(db, 'Test-wachtwoord-123');
      dbs.push(db);
    }
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('gives the same summaries, cases, signals and import rows', async () => {
    const viaSmall = await runAll(dbs[0]!, SMALL_BATCH_ROWS, routedBatches);
    const viaStaged = await runAll(dbs[1]!, 0, routedBatches);
    expect(viaSmall).toEqual(viaStaged);
    const a = await routedState(dbs[0]!);
    expect(a).toEqual(await routedState(dbs[1]!));

    // What the rules must give at all (so that two equally wrong paths do not pass).
    expect(viaSmall[0]).toMatchObject({ accepted: 9, notResident: 1, casesCreated: 7, municipalityCode: 'GM0505' });
    expect(viaSmall[0]!.municipalities).toEqual({
      GM0505: { accepted: 6, casesCreated: 5 },
      GM0642: { accepted: 1, casesCreated: 1 },
      GM0590: { accepted: 1, casesCreated: 1 },
    });
    expect(viaSmall[2]).toMatchObject({ accepted: 2, notResident: 1, casesCreated: 0 });
    const signal = (ref: string) => a.signals.find((s) => s.reference === ref)!;
    const caseAt = (key: string) => a.cases.filter((c) => c.household_key === key);
    expect(signal('R-4')).toMatchObject({ status: 'not_resident', municipality_code: 'GM0505', case_key: null, bsn: null, surname: '' });
    expect(signal('T-2')).toMatchObject({ status: 'not_resident', case_key: null });
    expect(signal('R-2')).toMatchObject({ municipality_code: 'GM0642' });
    expect(signal('R-3')).toMatchObject({ municipality_code: 'GM0590' });
    // 25,00 is not above the threshold, 25,01 is; T-1 then takes the first case over it.
    expect(caseAt('3317AA|3|')).toMatchObject([{ status: 'awaiting_letter', total_cents: 3500, signal_count: 2 }]);
    expect(signal('R-5')).toMatchObject({ status: 'taken_up' });
    expect(caseAt('3318AA|3|')).toMatchObject([{ status: 'awaiting_letter', total_cents: 2501 }]);
    expect(caseAt('3319AA|1|')).toMatchObject([{ urgent: true, due: '2025-12-31' }]);
    expect(caseAt('3331CD|4|')).toMatchObject([{ municipality_code: 'GM0642', status: 'closed' }]);
    // One BSN at two addresses in one file: one case at the newest.
    expect(caseAt('3311AA|1|')).toEqual([]);
    expect(caseAt('3316BB|5|')).toMatchObject([{ signal_count: 2, bsn: '100000009', postcode: '3316BB' }]);
    expect(signal('R-10')).toMatchObject({ status: 'repeated', case_key: '3323LM|3|' });
    expect(signal('R-11')).toMatchObject({ status: 'known_to_debt_help', case_key: '3331CD|4|' });
    // R-1's case moved with its resident to R-12's address; the repeat added no arrears.
    expect(caseAt('3315AB|12|')).toEqual([]);
    expect(caseAt('3323LM|3|')).toMatchObject([{ total_cents: 25000, signal_count: 3, bsn: '111222333', postcode: '3323LM', house_number: '3' }]);
  });
});
