import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { seedDemo } from '../../platform/demo.ts';
import { auditEvents, persons } from '../../platform/schema.ts';
import { FakeClock } from '../../platform/clock.ts';
import { createTestDatabase } from '../../../test/support/db.ts';
import { signalCases, signals, signalImports } from './schema.ts';
import { fileHeader, importCsv, inspect, testSettings } from './test-helpers.ts';

const line = (ref: string, date: string, soort: string, bedrag: string, bsn: string, surname: string, postcode: string, nr: string, suffix = '') =>
  [ref, date, soort, bedrag, bsn, surname, 'Brouwersdijk', postcode, nr, suffix, 'Dordrecht'].join(';');

describe('importing signal files into households’ cases', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    // A fixed day, so the files' fixed 2025 dates lie within the retention term (older signals are refused).
    ({ db, cleanup } = await createTestDatabase({ clock: new FakeClock('2025-08-01T10:00:00Z') }));
    await seedDemo(db, 'Test-wachtwoord-123');
  });
  afterAll(() => cleanup?.());

  const caseOf = async (reference: string) =>
    inspect(db, async (tx) => {
      const [s] = await tx.select().from(signals).where(eq(signals.reference, reference));
      const [c] = await tx.select().from(signalCases).where(eq(signalCases.id, s!.caseId!));
      return c!;
    });

  it('stores every valid row once, rejects the rest with reasons, and a re-import stores nothing new', async () => {
    const csv = [
      fileHeader,
      line('T-1', '2025-03-01', 'huur', '1.234,56', '111222333', 'Jansen', '3315 AB', '12'),
      line('T-2', '2025-03-02', 'huur', '12,50', '', 'Bakker', '3316CD', '4'),
      line('T-3', '2025-03-02', 'huur', 'veel', '', 'Visser', '3316CD', '6'),
      line('T-1', '2025-03-01', 'huur', '1.234,56', '111222333', 'Jansen', '3315 AB', '12'),
    ].join('\n');
    const first = await importCsv(db, 'TRIVIRE', csv);
    expect(first).toMatchObject({ rows: 4, accepted: 2, duplicates: 1, rejected: 1, casesCreated: 2 });
    expect(first.rejections).toEqual([{ line: 4, field: 'bedrag', reason: expect.stringContaining('geen geldig bedrag') }]);
    expect(first.rows).toBe(first.accepted + first.duplicates + first.rejected);

    const again = await importCsv(db, 'TRIVIRE', csv);
    expect(again).toMatchObject({ rows: 4, accepted: 0, duplicates: 3, rejected: 1, casesCreated: 0 });
    const stored = await inspect(db, (tx) => tx.select({ n: count() }).from(signals).where(sql`${signals.reference} like 'T-%'`));
    expect(stored[0]!.n).toBe(2);

    // One audit line per import, naming the import and its counts (and the residents of a small import).
    const [line1] = await db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.objectId, first.importId)));
    expect(line1).toMatchObject({ action: 'create', objectType: 'signal_import', result: 'success', municipalityCode: 'GM0505' });
    expect(line1!.details).toMatchObject({ rows: 4, accepted: 2, duplicates: 1, rejected: 1 });
    expect(line1!.subjectIds).toHaveLength(2);
    const [imp] = await db.unaudited((q) => q.select().from(signalImports).where(eq(signalImports.id, first.importId)));
    expect(imp).toMatchObject({ rows: 4, accepted: 2, rejected: 1, channel: 'cli' });
  });

  it('keeps one creditor’s references apart from another’s', async () => {
    const result = await importCsv(db, 'VGZ', [fileHeader, line('T-1', '2025-03-05', 'zorgverzekering', '80,00', '', 'Jansen', '3315AB', '12')].join('\n'));
    expect(result).toMatchObject({ accepted: 1, duplicates: 0, casesCreated: 0 });
  });

  it('joins signals for the same household (address or BSN) into one case, within the window', async () => {
    const rent = await caseOf('T-1');
    const insurance = await caseOf('T-1').then(async () =>
      inspect(
        db,
        async (tx) => (await tx.select().from(signals).where(sql`${signals.reference} = 'T-1' and ${signals.creditorType} = 'health_insurance'`))[0]!,
      ),
    );
    expect(insurance.caseId).toBe(rent.id);
    expect(rent).toMatchObject({ signalCount: 2, totalCents: 123456 + 8000, status: 'awaiting_letter', areaCode: 'WK050504' });

    // Same BSN at another address (moved house): the same household.
    await importCsv(db, 'EVIDES', [fileHeader, line('E-1', '2025-04-01', 'drinkwater', '45,00', '111222333', 'Jansen', '3325XY', '1')].join('\n'));
    expect((await caseOf('E-1')).id).toBe(rent.id);

    // Same address, but long after the window: a new case.
    const late = new Date(Date.parse('2025-04-01') + (testSettings.householdWindowDays + 5) * 86_400_000).toISOString().slice(0, 10);
    await importCsv(db, 'EVIDES', [fileHeader, line('E-2', late, 'drinkwater', '45,00', '', 'Jansen', '3315AB', '12')].join('\n'));
    expect((await caseOf('E-2')).id).not.toBe(rent.id);

    // The same BSN twice in one file, at two addresses: one household.
    await importCsv(
      db,
      'EVIDES',
      [
        fileHeader,
        line('E-3', '2025-05-01', 'drinkwater', '30,00', '123456782', 'Smit', '3317AA', '1'),
        line('E-4', '2025-05-02', 'drinkwater', '30,00', '123456782', 'Smit', '3318BB', '2'),
      ].join('\n'),
    );
    expect((await caseOf('E-3')).id).toBe((await caseOf('E-4')).id);
  });

  it('registers the resident once in persons and reuses a known BSN', async () => {
    const rent = await caseOf('T-1');
    const people = await inspect(db, (tx) => tx.select().from(persons).where(eq(persons.bsn, '111222333')));
    expect(people).toHaveLength(1);
    expect(rent.personId).toBe(people[0]!.id);
    // The household moved (E-1, 2025-04-01, at 3325XY 1): the newest signal's address is the resident's.
    expect(people[0]).toMatchObject({ surname: 'Jansen', postcode: '3325XY', houseNumber: '1', municipalityCode: 'GM0505' });
  });

  it('keeps a case below the threshold out of the letters until a new signal lifts it over', async () => {
    await importCsv(db, 'TRIVIRE', [fileHeader, line('S-1', '2025-05-01', 'huur', '20,00', '', 'Vos', '3319AA', '9')].join('\n'));
    expect(await caseOf('S-1')).toMatchObject({ status: 'below_threshold', totalCents: 2000 });
    const signal = await inspect(db, async (tx) => (await tx.select().from(signals).where(eq(signals.reference, 'S-1')))[0]!);
    expect(signal.status).toBe('unjustified');
    // (Another creditor: the same landlord reporting lower arrears again would be a repeat, see routing.test.ts.)
    await importCsv(db, 'VGZ', [fileHeader, line('S-2', '2025-05-09', 'zorgverzekering', '6,00', '', 'Vos', '3319AA', '9')].join('\n'));
    expect(await caseOf('S-1')).toMatchObject({ status: 'awaiting_letter', totalCents: 2600, signalCount: 2 });
  });

  it('stores text exactly as sent, with backslashes, tabs and line breaks in quoted cells', async () => {
    const csv = [fileHeader, 'Q-1\\a;2025-05-03;huur;40,00;;"Jan\tsen \\ de Wit";"Brouwersdijk\n(achterom)";3312AA;3;;Dordrecht'].join('\n');
    expect(await importCsv(db, 'TRIVIRE', csv)).toMatchObject({ accepted: 1, rejected: 0 });
    const [stored] = await inspect(db, (tx) => tx.select().from(signals).where(eq(signals.reference, 'Q-1\\a')));
    expect(stored).toMatchObject({ surname: 'Jan\tsen \\ de Wit', street: 'Brouwersdijk\n(achterom)', amountCents: 4000 });
    const largest = [fileHeader, line('Q-2', '2025-05-03', 'huur', '€ 10.000.000,00', '', 'Groot', '3312AB', '5')].join('\n');
    expect(await importCsv(db, 'TRIVIRE', largest)).toMatchObject({ accepted: 1 });
    expect(await caseOf('Q-2')).toMatchObject({ totalCents: 1_000_000_000 });
    // (A NUL in the first kilobytes means a binary file; further on it is one bad row.)
    const padding = Array.from({ length: 100 }, (_, i) => line(`Q-P${i}`, '2025-05-03', 'huur', '40,00', '', 'Bos', '3312AD', String(i + 1)));
    const nul = [fileHeader, ...padding, line('Q-3', '2025-05-03', 'huur', '40,00', '', 'Jan\u0000sen', '3312AC', '5')].join('\n');
    expect(await importCsv(db, 'TRIVIRE', nul)).toMatchObject({
      accepted: 100,
      rejected: 1,
      rejections: [{ line: 102, field: 'achternaam', reason: expect.stringContaining('NUL') }],
    });
    expect(await importCsv(db, 'TRIVIRE', csv)).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('gives every stored signal a case that exists, and every case the number of signals it shows', async () => {
    const [orphans] = await inspect(db, (tx) =>
      tx
        .execute(sql`select count(*)::int as n from signals s left join signal_cases c on c.id = s.case_id where c.id is null`)
        .then((r) => (r as unknown as { rows: { n: number }[] }).rows),
    );
    expect(orphans!.n).toBe(0);
    const mismatched = await inspect(db, (tx) =>
      tx
        .execute(
          sql`select c.id from signal_cases c left join signals s on s.case_id = c.id group by c.id, c.signal_count having count(s.id) <> c.signal_count`,
        )
        .then((r) => (r as unknown as { rows: unknown[] }).rows),
    );
    expect(mismatched).toEqual([]);
  });

  it('stores nothing of a file that turns out unreadable halfway, and the next import goes through', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => line(`H-${i}`, '2025-05-04', 'huur', '30,00', '', 'Dekker', '3312BB', String(1 + (i % 300))));
    const broken = [fileHeader, ...rows, 'H-x;2025-05-04;huur;"30,00;;Dekker;;3312BB;1;;Dordrecht', ...rows].join('\n');
    await expect(importCsv(db, 'TRIVIRE', broken)).rejects.toThrow(/aanhalingsteken|gelezen/);
    const stored = await inspect(db, (tx) => tx.select({ n: count() }).from(signals).where(sql`${signals.reference} like 'H-%'`));
    expect(stored[0]!.n).toBe(0);
    expect(await importCsv(db, 'TRIVIRE', [fileHeader, ...rows.slice(0, 10)].join('\n'))).toMatchObject({ accepted: 10 });
  });

  it('lets a file without a usable header fail as a whole, storing nothing', async () => {
    const before = await db.unaudited((q) => q.select({ n: count() }).from(signalImports));
    await expect(importCsv(db, 'TRIVIRE', 'dit;is;geen;signaalbestand\n1;2;3;4\n')).rejects.toThrow(/kopregel/);
    const after = await db.unaudited((q) => q.select({ n: count() }).from(signalImports));
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
