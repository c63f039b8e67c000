import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { systemActor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { seedDemo } from '../../platform/demo.ts';
import { users } from '../../platform/schema.ts';
import { createTestDatabase } from '../../../test/support/db.ts';
import { purgeExpiredCases } from './commands/purgeExpiredCases.ts';
import { sendOfferLetters } from './commands/sendOfferLetters.ts';
import { recordContactAttempt, recordOutcome } from './commands/workCase.ts';
import { signals } from './schema.ts';
import { importCsv, inspect, testSettings } from './test-helpers.ts';

/**
 * The hostile tester's finding: after a purge the BSN and surname were still readable in the data files, the indexes,
 * the planner statistics, the WAL and the next backup. These tests purge for real and then look at the bytes.
 */
const exec = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-erasure-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

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

interface Resident {
  bsn: string;
  initials: string;
  surname: string;
  birthDate: string;
  street: string;
  postcode: string;
  phone: string;
  email: string;
}

/** Erased by the purge: no help after the term. */
const erased: Resident = {
  bsn: '736159241',
  initials: 'Q.X.',
  surname: 'Wolkenkrabberveen',
  birthDate: '1961-04-27',
  street: 'Zeldzaamheidsgracht',
  postcode: '3319ZQ',
  phone: '0612983746',
  email: 'w.wolkenkrabber@wegwijzer-erase.example',
};
/** Kept: the case led to help. Finding these proves the scan finds what is there. */
const kept: Resident = {
  bsn: '219487352',
  initials: 'J.K.',
  surname: 'Standvastigheidsma',
  birthDate: '1958-11-03',
  street: 'Blijvendheidskade',
  postcode: '3314XJ',
  phone: '0687451290',
  email: 'j.standvastig@blijft-bewaard.example',
};

const header = 'referentie;datum;soort;bedrag;bsn;voorletters;achternaam;geboortedatum;straat;huisnummer;postcode;woonplaats;telefoon;email';
const line = (reference: string, r: Resident, houseNumber: string) =>
  [reference, '2025-03-01', 'huur', '812,40', r.bsn, r.initials, r.surname, r.birthDate, r.street, houseNumber, r.postcode, 'Dordrecht', r.phone, r.email].join(
    ';',
  );
/** Neighbours without help, purged as well: enough rows for real pages, indexes and statistics. */
const fillers = Array.from({ length: 300 }, (_, i) => `V-${i};2025-03-01;huur;${100 + i},00;;;Buurman${i};;Vulstraat;${i + 1};3317AB;Dordrecht;;`);

/** A `date` as PostgreSQL stores it: a little-endian int32 of days since 2000-01-01. */
function storedDate(iso: string): Buffer {
  const days = (Date.parse(`${iso}T00:00:00Z`) - Date.parse('2000-01-01T00:00:00Z')) / 86_400_000;
  const b = Buffer.alloc(4);
  b.writeInt32LE(days);
  return b;
}

/** Every form in which a resident's values can sit in the files: UTF-8 text, and dates as stored and as typed. */
function needles(r: Resident): [string, Buffer][] {
  const [y, m, d] = r.birthDate.split('-');
  return [
    ['bsn', Buffer.from(r.bsn)],
    ['surname', Buffer.from(r.surname)],
    ['street', Buffer.from(r.street)],
    ['postcode', Buffer.from(r.postcode)],
    ['phone', Buffer.from(r.phone)],
    ['email', Buffer.from(r.email)],
    ['birth date (stored)', storedDate(r.birthDate)],
    ['birth date (ISO text)', Buffer.from(r.birthDate)],
    ['birth date (Dutch text)', Buffer.from(`${d}-${m}-${y}`)],
  ];
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** For each value: which of the blobs (file name → bytes) contain it. */
function findIn(blobs: [string, Buffer][], r: Resident): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [what, needle] of needles(r)) found[what] = blobs.filter(([, bytes]) => bytes.includes(needle)).map(([name]) => name);
  return found;
}
const folderBlobs = (dir: string): [string, Buffer][] => filesUnder(dir).map((f) => [path.relative(dir, f), fs.readFileSync(f)]);
const nowhere = (r: Resident) => Object.fromEntries(needles(r).map(([what]) => [what, []]));

async function fillDatabase(db: Database, clock: FakeClock): Promise<void> {
  await seedDemo(db, 'Test-wachtwoord-123');
  const summary = await importCsv(db, 'TRIVIRE', [header, line('E-1', erased, '17'), line('K-1', kept, '23'), ...fillers].join('\n'));
  expect(summary.rejected).toBe(0);
  const caseOf = async (reference: string) =>
    (await inspect(db, (tx) => tx.select({ caseId: signals.caseId }).from(signals).where(eq(signals.reference, reference))))[0]!.caseId!;
  // The offer letters go out (printed, with names and addresses), the team calls, and one resident accepts help.
  clock.set('2025-03-03T09:00:00Z');
  const letters = await sendOfferLetters(db, systemActor('test'), { municipalityCode: 'GM0505', settings: testSettings, compress: false });
  expect(letters.count).toBeGreaterThan(2);
  const [user] = await db.unaudited((q) => q.select({ id: users.id }).from(users).where(eq(users.email, 'signalering@dordrecht.example')));
  await recordContactAttempt(db, { ...officer, userId: user!.id } as Actor, await caseOf('E-1'), {
    kind: 'phone',
    reached: false,
    date: '2025-03-03',
    partOfDay: 'morning',
    note: `Gebeld naar ${erased.phone}, geen gehoor`,
  });
  await recordOutcome(db, officer, await caseOf('K-1'), { result: 'quick_fix' });
  // Statistics as a busy server would have them (on PostgreSQL autovacuum analyzes by itself).
  await inspect(db, (tx) => tx.execute(sql.raw('analyze signals, signal_cases, persons, signal_contact_attempts')));
  // And written to the table and index files, as after any checkpoint.
  await db.maintenance(sql`checkpoint`);
}

describe('a purge really erases (PGlite on a real data folder)', () => {
  it('leaves none of the erased values in any file of the folder or in a backup made afterwards', async () => {
    const dataDir = path.join(tmp, 'data');
    const clock = new FakeClock('2025-03-02T10:00:00Z');
    const db = await Database.open({ dataDir, clock });
    try {
      await fillDatabase(db, clock);
      // Before: the values are there (also proof that the scan looks in the right forms).
      // (A date is stored as a number: its text forms could only come from a copy of the raw input.)
      const before = findIn(folderBlobs(dataDir), erased);
      for (const [what, files] of Object.entries(before)) if (!what.includes('text')) expect(files, what).not.toEqual([]);

      clock.set('2025-09-03T10:00:00Z'); // the term (6 months) has passed since the receipt on 2 March
      const summary = await purgeExpiredCases(db, testSettings);
      expect(summary).toMatchObject({ casesPurged: 301, personsErased: 301 });

      // While the server keeps running: no file holds an erased value, every kept value is still found.
      const folder = folderBlobs(dataDir);
      expect(findIn(folder, erased)).toEqual(nowhere(erased));
      for (const [what, files] of Object.entries(findIn(folder, kept))) if (!what.includes('text')) expect(files, `kept ${what}`).not.toEqual([]);

      // A backup made after the purge: the tarball, decompressed.
      const file = path.join(tmp, 'after-purge.tar.gz');
      await db.backup(systemActor('test'), file);
      const tar: [string, Buffer][] = [['backup', gunzipSync(fs.readFileSync(file))]];
      expect(findIn(tar, erased)).toEqual(nowhere(erased));
      for (const [what, files] of Object.entries(findIn(tar, kept))) if (!what.includes('text')) expect(files, `kept ${what} in backup`).toEqual(['backup']);

      // Embedded PGlite runs as superuser: every step of the scrub ran.
      expect(summary.scrub?.skipped).toEqual([]);
      // The database still works: the kept case is there, and new work goes on.
      const left = await inspect(db, (tx) => tx.select({ surname: signals.surname }).from(signals));
      expect(left).toEqual([{ surname: kept.surname }]);
      expect((await importCsv(db, 'TRIVIRE', [header, line('N-1', { ...kept, bsn: '' }, '25').replace('2025-03-01', '2025-09-01')].join('\n'))).accepted).toBe(
        1,
      );
    } finally {
      await db.close();
    }
    // And after the shutdown checkpoint.
    expect(findIn(folderBlobs(dataDir), erased)).toEqual(nowhere(erased));
  }, 240_000);
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('a purge really erases (PostgreSQL)', () => {
  it('leaves none of the erased values in a pg_dump backup made afterwards', async () => {
    const clock = new FakeClock('2025-03-02T10:00:00Z');
    const { db, cleanup } = await createTestDatabase({ clock });
    try {
      await fillDatabase(db, clock);
      const dumpText = async (name: string) => {
        const file = path.join(tmp, name);
        await db.backup(systemActor('test'), file);
        // The custom format compresses the table data: pg_restore turns it back into the SQL script it stands for.
        const { stdout } = await exec('pg_restore', ['--file=-', file], { maxBuffer: 256 << 20, encoding: 'buffer' });
        return [['backup', stdout as unknown as Buffer]] as [string, Buffer][];
      };
      const before = findIn(await dumpText('before.pgdump'), erased);
      for (const what of ['bsn', 'surname', 'street', 'postcode', 'phone', 'email', 'birth date (ISO text)']) expect(before[what], what).toEqual(['backup']);

      clock.set('2025-09-03T10:00:00Z'); // the term (6 months) has passed since the receipt on 2 March
      const summary = await purgeExpiredCases(db, testSettings);
      expect(summary).toMatchObject({ casesPurged: 301, personsErased: 301 });
      expect(summary.scrub?.done).toEqual(expect.arrayContaining(['vacuum full', 'analyze']));

      const after = await dumpText('after.pgdump');
      expect(findIn(after, erased)).toEqual(nowhere(erased));
      for (const what of ['bsn', 'surname', 'street', 'postcode', 'phone', 'email', 'birth date (ISO text)'])
        expect(findIn(after, kept)[what], `kept ${what}`).toEqual(['backup']);
    } finally {
      await cleanup();
    }
  }, 240_000);
});
