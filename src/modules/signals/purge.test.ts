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
import { purgeExpiredCases, subtractMonths } from './commands/purgeExpiredCases.ts';
import { recordOutcome } from './commands/workCase.ts';
import { collectSignalMetrics } from './metrics.ts';
import { signalsModule } from './module.ts';
import { monitorFigures } from './queries.ts';
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

describe('retention: erasing cases that led to no help', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  const clock = new FakeClock('2025-03-10T10:00:00Z');
  const caseIds: Record<string, string> = {};

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
    const rows = await inspect(db, (tx) => tx.select({ reference: signals.reference, caseId: signals.caseId }).from(signals));
    for (const r of rows) caseIds[r.reference] = r.caseId!;
    await recordOutcome(db, officer, caseIds['P-1']!, { result: 'quick_fix' });
    await recordOutcome(db, officer, caseIds['P-2']!, { result: 'no_help_needed', helpResponse: 'declined' });
  });
  afterAll(() => cleanup?.());

  const remaining = () => inspect(db, async (tx) => (await tx.select({ id: signalCases.id }).from(signalCases)).map((c) => c.id));

  it('computes the cut-off in calendar months', () => {
    expect(subtractMonths('2025-09-02', 6)).toBe('2025-03-02');
    expect(subtractMonths('2025-08-31', 6)).toBe('2025-02-28');
  });

  it('keeps everything until the term has passed', async () => {
    clock.set('2025-09-01T10:00:00Z');
    const summary = await purgeExpiredCases(db, testSettings);
    expect(summary).toMatchObject({ cutoff: '2025-03-01', casesPurged: 0 });
    expect(await remaining()).toHaveLength(4);
  });

  it('erases the personal data of cases without help after the term, and the counts survive', async () => {
    const before = await monitorFigures(db, systemActor('test'), { period: '2025-Q1' });
    const metricsBefore = await collectSignalMetrics(db, { fromMonth: '2025-03', toMonth: '2025-03' });
    const received = metricsBefore.filter((m) => m.measure === 'signals.received');
    expect(received.reduce((sum, m) => sum + m.value, 0)).toBe(4);
    expect(received.find((m) => m.areaCode === 'WK050504')).toEqual({ measure: 'signals.received', municipalityCode: 'GM0505', areaCode: 'WK050504', month: '2025-03', value: 1 });
    expect(metricsBefore.find((m) => m.measure === 'signals.help_accepted' && m.value === 1)?.areaCode).toBe('WK050504');
    const personIds = await inspect(db, async (tx) => (await tx.select({ id: signalCases.personId }).from(signalCases)).map((c) => c.id!));
    clock.set('2025-09-02T10:00:00Z');
    const summary = await purgeExpiredCases(db, testSettings);
    // P-4's last signal (5 March) is still within the term.
    expect(summary).toMatchObject({ cutoff: '2025-03-02', casesPurged: 2, signalsPurged: 2, personsErased: 2 });
    expect((await remaining()).sort()).toEqual([caseIds['P-1'], caseIds['P-4']].sort());
    const left = await inspect(db, async (tx) => tx.select({ surname: persons.surname }).from(persons).where(inArray(persons.id, personIds)));
    expect(left.map((p) => p.surname).sort()).toEqual(['Helped', 'Small']);
    const stillThere = await inspect(db, async (tx) => tx.select({ n: count() }).from(signals).where(inArray(signals.reference, ['P-2', 'P-3'])));
    expect(stillThere[0]!.n).toBe(0);

    expect(await monitorFigures(db, systemActor('test'), { period: '2025-Q1' })).toEqual(before);
    expect(await collectSignalMetrics(db, { fromMonth: '2025-03', toMonth: '2025-03' })).toEqual(metricsBefore);
    const archive = await db.unaudited((q) => q.select().from(signalArchive));
    expect(archive).toHaveLength(2);
    expect(archive.map((a) => a.result).sort()).toEqual(['no_help_needed', null]);
    expect(JSON.stringify(archive)).not.toContain(caseIds['P-2']);

    const [line] = await db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.actorKind, 'system:signals-retention')).orderBy(auditEvents.id));
    expect(line).toBeDefined();
    const deletes = await db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.action, 'delete')));
    expect(deletes.at(-1)!.subjectIds).toHaveLength(2);
  });

  it('runs daily in the server as a job; a second run erases nothing more', async () => {
    const job = signalsModule.jobs?.find((j) => j.name === 'signals-retention');
    expect(job?.everyMs).toBe(24 * 60 * 60 * 1000);
    // Another module still refers to P-4's resident: the case goes, the person stays for that module.
    const small = await inspect(db, async (tx) => (await tx.select({ personId: signalCases.personId }).from(signalCases).where(eq(signalCases.id, caseIds['P-4']!)))[0]!.personId!);
    await inspect(db, (tx) => tx.execute(sql.raw('create table purge_test_reference (person_id uuid not null references persons(id))')));
    await inspect(db, (tx) => tx.execute(sql.raw(`insert into purge_test_reference values ('${small}')`)));
    clock.set('2025-09-06T10:00:00Z');
    await job!.run(db, loadConfig({}));
    // Now P-4 (5 March, no help) has expired too; the helped case stays.
    expect(await remaining()).toEqual([caseIds['P-1']]);
    const kept = await inspect(db, (tx) => tx.select({ surname: persons.surname }).from(persons).where(eq(persons.id, small)));
    expect(kept).toEqual([{ surname: 'Small' }]);
    const lastDelete = (await db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.action, 'delete')))).at(-1)!;
    expect(lastDelete.details).toMatchObject({ casesPurged: 1, personsErased: 0 });
    expect((await purgeExpiredCases(db, testSettings)).casesPurged).toBe(0);
  });
});
