import { randomUUID } from 'node:crypto';
import { count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { loadConfig } from '../../config.ts';
import type { Actor } from '../../platform/actor.ts';
import { systemActor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { seedDemo } from '../../platform/demo.ts';
import { auditEvents, persons } from '../../platform/schema.ts';
import { createTestDatabase } from '../../../test/support/db.ts';
import { amsterdamMidnight, purgeExpiredCases, subtractMonths } from './commands/purgeExpiredCases.ts';
import { recordOutcome } from './commands/workCase.ts';
import { collectSignalMetrics } from './metrics.ts';
import { signalsModule } from './module.ts';
import { monitorFigures } from './queries/monitor.ts';
import { signalArchive, signalCases, signals } from './schema.ts';
import { fileHeader, importCsv, inspect, testSettings } from './test-helpers.ts';

const officer: Actor = {
  kind: 'user',
  userId: randomUUID(),
  displayName: 'Test',
  organisationId: randomUUID(),
  organisationKind: 'municipal_team',
  roles: ['signal_officer'],
  municipalities: ['GM0505'],
  origin: null,
};

/**
 * Retention per signal, from its receipt (the day its import reached the municipality): the first file is received on
 * 10 March 2025, the second (one more signal for P-3's household) on 1 June 2025. Term 6 months; a case that led to
 * help is kept for 12 months from its closing.
 */
describe('retention: each signal without help erased after its own term, helped cases after theirs', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  const clock = new FakeClock('2025-03-10T10:00:00Z');
  const caseIds: Record<string, string> = {};
  const personIds: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, cleanup } = await createTestDatabase({ clock }));
    await seedDemo(db, 'Test-wachtwoord-123');
    await importCsv(
      db,
      'TRIVIRE',
      [
        fileHeader,
        'P-1;2025-03-01;huur;300,00;111222333;Helped;Straat;3315AA;1;;Dordrecht',
        'P-2;2025-03-01;huur;300,00;123456782;Declined;Straat;3316AA;2;;Dordrecht',
        'P-3;2025-03-01;huur;300,00;;Unreached;Straat;3317AA;3;;Dordrecht',
        'P-4;2025-03-05;huur;10,00;;Small;Straat;3318AA;4;;Dordrecht',
      ].join('\n'),
    );
    const rows = await inspect(db, (tx) =>
      tx
        .select({ reference: signals.reference, caseId: signals.caseId, personId: signalCases.personId })
        .from(signals)
        .innerJoin(signalCases, eq(signalCases.id, signals.caseId)),
    );
    for (const r of rows) {
      caseIds[r.reference] = r.caseId!;
      personIds[r.reference] = r.personId!;
    }
    await recordOutcome(db, officer, caseIds['P-1']!, { result: 'quick_fix' });
    await recordOutcome(db, officer, caseIds['P-2']!, { result: 'no_help_needed', helpResponse: 'declined' });
    // Received on 1 June: a newer signal for P-3's household joins its open case.
    clock.set('2025-06-01T10:00:00Z');
    await importCsv(db, 'EVIDES', [fileHeader, 'P-3b;2025-05-28;drinkwater;45,50;;Unreached;Straat;3317AA;3;;Dordrecht'].join('\n'));
  });
  afterAll(() => cleanup?.());

  const remaining = () => inspect(db, async (tx) => (await tx.select({ id: signalCases.id }).from(signalCases)).map((c) => c.id));
  const caseOf = (id: string) => inspect(db, async (tx) => (await tx.select().from(signalCases).where(eq(signalCases.id, id)))[0]);
  const monitorYear = () => monitorFigures(db, systemActor('test'), { period: '2025' });

  it('computes the cut-off in calendar months, and the first instant of a day in Amsterdam', () => {
    expect(subtractMonths('2025-09-02', 6)).toBe('2025-03-02');
    expect(subtractMonths('2025-08-31', 6)).toBe('2025-02-28');
    expect(amsterdamMidnight('2025-03-10').toISOString()).toBe('2025-03-09T23:00:00.000Z');
    expect(amsterdamMidnight('2025-07-01').toISOString()).toBe('2025-06-30T22:00:00.000Z');
  });

  it('joins the newer signal to the open case of the same household', async () => {
    const c = await caseOf(caseIds['P-3']!);
    expect(c).toMatchObject({ signalCount: 2, totalCents: 34_550, firstSignalDate: '2025-03-01', lastSignalDate: '2025-05-28' });
  });

  it('keeps everything until six months after the receipt', async () => {
    clock.set('2025-09-10T10:00:00Z');
    const summary = await purgeExpiredCases(db, testSettings);
    expect(summary).toMatchObject({ cutoff: '2025-03-10', casesPurged: 0, signalsPurged: 0 });
    expect(await remaining()).toHaveLength(4);
  });

  it('then erases each old signal without help: a case with an old and a new signal keeps only the new, its totals recomputed', async () => {
    const before = await monitorYear();
    const metricsBefore = await collectSignalMetrics(db, { fromMonth: '2025-03', toMonth: '2025-05' });
    clock.set('2025-09-11T10:00:00Z');
    const summary = await purgeExpiredCases(db, testSettings);
    expect(summary).toMatchObject({ cutoff: '2025-03-11', casesPurged: 2, helpedCasesPurged: 0, casesRecomputed: 1, signalsPurged: 3, personsErased: 2 });
    expect((await remaining()).sort()).toEqual([caseIds['P-1'], caseIds['P-3']].sort());

    const p3 = await caseOf(caseIds['P-3']!);
    expect(p3).toMatchObject({ signalCount: 1, totalCents: 4550, firstSignalDate: '2025-05-28', lastSignalDate: '2025-05-28' });
    const left = await inspect(db, (tx) => tx.select({ reference: signals.reference }).from(signals).orderBy(signals.reference));
    expect(left.map((s) => s.reference)).toEqual(['P-1', 'P-3b']);
    const residents = await inspect(db, (tx) =>
      tx
        .select({ surname: persons.surname })
        .from(persons)
        .where(inArray(persons.id, Object.values(personIds))),
    );
    expect(residents.map((p) => p.surname).sort()).toEqual(['Helped', 'Unreached']);

    // The counts survive, and P-3's household (one signal archived, one live) is still one household in the year.
    expect(await monitorYear()).toEqual(before);
    const all = (await monitorYear()).find((r) => r.creditorType === 'all')!;
    expect(all).toMatchObject({ signals: 5, households: 4 });
    expect(await collectSignalMetrics(db, { fromMonth: '2025-03', toMonth: '2025-05' })).toEqual(metricsBefore);
    const archive = await db.unaudited((q) => q.select().from(signalArchive));
    expect(archive).toHaveLength(3);
    expect(archive.map((a) => a.result).sort()).toEqual(['no_help_needed', null, null]);
    for (const id of Object.values(caseIds)) expect(JSON.stringify(archive)).not.toContain(id);

    // One audit line names the three residents whose data was erased or changed.
    const deletes = await db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.action, 'delete')));
    const line = deletes.at(-1)!;
    expect(line.actorKind).toBe('system:signals-retention');
    expect([...line.subjectIds].sort()).toEqual([personIds['P-2'], personIds['P-3'], personIds['P-4']].sort());
    expect(line.details).toMatchObject({ signalsPurged: 3, casesPurged: 2, casesRecomputed: 1 });
  });

  it('erases the remaining signal six months after its own receipt, and with it the case', async () => {
    clock.set('2025-12-01T10:00:00Z');
    expect(await purgeExpiredCases(db, testSettings)).toMatchObject({ cutoff: '2025-06-01', signalsPurged: 0 });
    const before = await monitorYear();
    clock.set('2025-12-02T10:00:00Z');
    expect(await purgeExpiredCases(db, testSettings)).toMatchObject({ signalsPurged: 1, casesPurged: 1, casesRecomputed: 0, personsErased: 1 });
    expect(await remaining()).toEqual([caseIds['P-1']]);
    expect(await monitorYear()).toEqual(before);
  });

  it('keeps the helped case for its own term after closing, then the daily job erases it too, counts kept', async () => {
    const job = signalsModule.jobs?.find((j) => j.name === 'signals-retention');
    expect(job?.everyMs).toBe(24 * 60 * 60 * 1000);
    // Another module still refers to the helped resident: the case goes, the person stays for that module.
    const helped = personIds['P-1']!;
    await inspect(db, (tx) => tx.execute(sql.raw('create table purge_test_reference (person_id uuid not null references persons(id))')));
    await inspect(db, (tx) => tx.execute(sql.raw(`insert into purge_test_reference values ('${helped}')`)));
    const closedOn = (await caseOf(caseIds['P-1']!))!.closedOn;
    expect(closedOn).toBe('2025-03-10');
    clock.set('2026-03-10T10:00:00Z');
    expect(await purgeExpiredCases(db, testSettings)).toMatchObject({ helpedCutoff: '2025-03-10', casesPurged: 0 });
    const before = await monitorYear();
    const metricsBefore = await collectSignalMetrics(db, { fromMonth: '2025-03', toMonth: '2025-03' });
    expect(metricsBefore.find((m) => m.measure === 'signals.help_accepted' && m.value === 1)).toBeDefined();

    clock.set('2026-03-11T10:00:00Z');
    await job!.run(db, loadConfig({}));
    expect(await remaining()).toEqual([]);
    const stillThere = await inspect(db, async (tx) => tx.select({ n: count() }).from(signals));
    expect(stillThere[0]!.n).toBe(0);
    const kept = await inspect(db, (tx) => tx.select({ surname: persons.surname }).from(persons).where(eq(persons.id, helped)));
    expect(kept).toEqual([{ surname: 'Helped' }]);
    const lastDelete = (await db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.action, 'delete')))).at(-1)!;
    expect(lastDelete.details).toMatchObject({ casesPurged: 1, helpedCasesPurged: 1, personsErased: 0 });
    expect(await monitorYear()).toEqual(before);
    expect(await collectSignalMetrics(db, { fromMonth: '2025-03', toMonth: '2025-03' })).toEqual(metricsBefore);
    const archived = await db.unaudited((q) => q.select().from(signalArchive).where(eq(signalArchive.result, 'quick_fix')));
    expect(archived).toMatchObject([{ accepted: true, signals: 1, month: '2025-03', creditorType: 'rent' }]);
    expect(await purgeExpiredCases(db, testSettings)).toMatchObject({ casesPurged: 0, signalsPurged: 0 });
  });
});

/**
 * The purge at scale, by behaviour (its timings are in docs/signals.md, "Retention", from bench/purge.ts): thousands of
 * signals in two deliveries, many households in both; afterwards nothing past its term is left, every case adds up,
 * nothing is lost from the counts, and every foreign key to `persons` has the index that keeps the deletes fast.
 */
describe('retention at scale', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  const clock = new FakeClock('2025-01-01T09:00:00Z');
  const rows = 3000;
  beforeAll(async () => {
    ({ db, cleanup } = await createTestDatabase({ clock }));
    await seedDemo(db, 'Test-wachtwoord-123');
    const { generateSignalCsv } = await import('./generate.ts');
    const file = (endDate: string, prefix: string, seed: number) =>
      generateSignalCsv({ rows: rows / 2, endDate, days: 60, seed, referencePrefix: prefix, householdShare: 0.7, kinds: ['huur'] });
    expect((await importCsv(db, 'TRIVIRE', file('2024-12-31', 'A-', 1))).accepted).toBe(rows / 2);
    clock.set('2025-04-01T09:00:00Z');
    expect((await importCsv(db, 'TRIVIRE', file('2025-03-31', 'B-', 2))).accepted).toBe(rows / 2);
  }, 120_000);
  afterAll(() => cleanup?.());

  it('has an index for every foreign key to persons, so deleting a resident looks up rather than scans', async () => {
    const unindexed = await inspect(
      db,
      async (tx) =>
        (
          (await tx.execute(sql`
        select c.conrelid::regclass::text as tbl, a.attname as col
        from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.confrelid = 'persons'::regclass
          and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])
        order by 1, 2`)) as unknown as { rows: { tbl: string; col: string }[] }
        ).rows,
    );
    expect(unindexed).toEqual([]);
    const cases = await inspect(db, async (tx) =>
      (
        (await tx.execute(sql.raw("select indexname from pg_indexes where tablename = 'signal_cases'"))) as unknown as { rows: { indexname: string }[] }
      ).rows.map((r) => r.indexname),
    );
    expect(cases).toContain('signal_cases_person_idx');
  });

  it('erases every signal of the first delivery, keeps the second, and every remaining case adds up', async () => {
    const year = () => monitorFigures(db, systemActor('test'), { period: '2024' });
    const year2025 = () => monitorFigures(db, systemActor('test'), { period: '2025' });
    const before = [await year(), await year2025()];
    clock.set('2025-07-02T09:00:00Z');
    const summary = await purgeExpiredCases(db, testSettings);
    expect(summary.signalsPurged).toBe(rows / 2);
    expect(summary.casesRecomputed).toBeGreaterThan(0); // households in both deliveries keep their newer signals
    expect(summary.casesPurged).toBeGreaterThan(0);
    expect([await year(), await year2025()]).toEqual(before);

    const check = await inspect(db, async (tx) => {
      const one = async (q: string) => Number(((await tx.execute(sql.raw(q))) as unknown as { rows: { n: number }[] }).rows[0]!.n);
      return {
        first: await one("select count(*)::int as n from signals where reference like 'A-%'"),
        second: await one("select count(*)::int as n from signals where reference like 'B-%'"),
        orphans: await one('select count(*)::int as n from signals s where not exists (select 1 from signal_cases c where c.id = s.case_id)'),
        empty: await one('select count(*)::int as n from signal_cases c where not exists (select 1 from signals s where s.case_id = c.id)'),
        wrong: await one(`select count(*)::int as n from signal_cases c join (select case_id, count(*)::int as n, sum(amount_cents)::int as total,
            min(signal_date) as f, max(signal_date) as l from signals group by case_id) s on s.case_id = c.id
          where c.signal_count <> s.n or c.total_cents <> s.total or c.first_signal_date <> s.f or c.last_signal_date <> s.l`),
        archived: await one('select coalesce(sum(signals), 0)::int as n from signal_archive'),
      };
    });
    expect(check).toEqual({ first: 0, second: rows / 2, orphans: 0, empty: 0, wrong: 0, archived: rows / 2 });
  }, 120_000);
});
