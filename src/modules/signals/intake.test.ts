import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { seedDemo } from '../../platform/demo.ts';
import { auditEvents, organisations, users } from '../../platform/schema.ts';
import { FakeClock } from '../../platform/clock.ts';
import { createTestDatabase } from '../../../test/support/db.ts';
import { importSignalFile } from './commands/importSignalFile.ts';
import { getColumnMapping, setColumnMapping } from './mapping.ts';
import { validateBatch } from './parse.ts';
import { getCase } from './queries/case.ts';
import { signals } from './schema.ts';
import { importCsv, inspect, testSettings } from './test-helpers.ts';

/** What creditors really send, end to end into the database (PGlite, or PostgreSQL with TEST_DATABASE_URL). */
describe('intake: files as creditors send them', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let officer: Actor;
  let creditorIds: Record<string, string>;
  beforeAll(async () => {
    // A fixed day, so the files' fixed 2025 dates lie within the retention term (older signals are refused).
    ({ db, cleanup } = await createTestDatabase({ clock: new FakeClock('2025-05-15T10:00:00Z') }));
    await seedDemo(db, 'Test-wachtwoord-123');
    const [user] = await db.unaudited((q) => q.select().from(users).where(eq(users.email, 'signalering@dordrecht.example')));
    officer = {
      kind: 'user',
      userId: user!.id,
      displayName: user!.displayName,
      organisationId: user!.organisationId,
      organisationKind: 'municipal_team',
      roles: ['signal_officer'],
      municipalities: ['GM0505'],
      origin: null,
    };
    const orgs = await db.unaudited((q) => q.select({ id: organisations.id, code: organisations.code }).from(organisations));
    creditorIds = Object.fromEntries(orgs.map((o) => [o.code, o.id]));
  });
  afterAll(() => cleanup?.());

  const stored = (reference: string) => inspect(db, async (tx) => (await tx.select().from(signals).where(eq(signals.reference, reference)))[0]!);

  it('imports a Windows-1252 Excel export with CRLF line endings without a false rejection after its last line', async () => {
    const csv = iconv.encode(
      'referentie;datum;soort;bedrag;achternaam;postcode;huisnummer\r\nW-1;2025-03-01;huur;12,50;Müller;3315AB;12\r\nW-2;2025-03-01;huur;80,00;Çelik;3315AB;14\r\n',
      'win1252',
    );
    const result = await importCsv(db, 'TRIVIRE', csv);
    expect(result).toMatchObject({ rows: 2, accepted: 2, rejected: 0, rejections: [] });
    expect((await stored('W-2')).surname).toBe('Çelik');
  });

  it('stores house numbers as written as a number and an addition, and one address as one household', async () => {
    const csv = [
      'referentie;datum;soort;bedrag;achternaam;postcode;huisnummer;toevoeging',
      'HN-1;2025-03-01;huur;30,00;Smit;3317AA;8a;',
      'HN-2;2025-03-02;huur;30,00;Smit;3317AA;8 A;',
      'HN-3;2025-03-02;huur;30,00;Bos;3317AA;200-01;',
      'HN-4;2025-03-02;huur;30,00;Bos;3317AA;12 bis;',
      'HN-5;2025-03-02;huur;30,00;Vos;3317AA;14;hs',
    ].join('\n');
    const result = await importCsv(db, 'TRIVIRE', csv);
    expect(result).toMatchObject({ rows: 5, accepted: 5, rejected: 0 });
    const rows = await Promise.all(['HN-1', 'HN-2', 'HN-3', 'HN-4', 'HN-5'].map(stored));
    expect(rows.map((r) => [r.houseNumber, r.houseNumberSuffix])).toEqual([
      [8, 'A'],
      [8, 'A'],
      [200, '01'],
      [12, 'BIS'],
      [14, 'HS'],
    ]);
    expect(rows[0]!.caseId).toBe(rows[1]!.caseId);
  });

  it('imports an .xlsx file whose header row is below a title and a date row, reporting sheet row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Export');
    sheet.addRow(['Achterstanden Evides maart 2025']);
    sheet.addRow(['Datum export', '31-03-2025']);
    sheet.addRow(['Referentie', 'Datum', 'Bedrag', 'Achternaam', 'Postcode', 'Huisnummer']);
    sheet.addRow(['XL-1', '2025-03-01', 45, 'Dekker', '3312BB', '3']);
    sheet.addRow(['XL-2', '2025-03-01', 'veel', 'Dekker', '3312BB', '5']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    // Evides reports one type only (drinkwater), so its file may leave `soort` out.
    const result = await importCsv(db, 'EVIDES', bytes);
    expect(result).toMatchObject({ rows: 2, accepted: 1, rejected: 1, rejections: [{ line: 5, field: 'bedrag' }] });
    expect(await stored('XL-1')).toMatchObject({ creditorType: 'water', amountCents: 4500 });
  });

  it('accepts the DDAS field names, stores ontstaansdatum, crisissignaal and warmeOverdracht, and shows them in the case API', async () => {
    const csv = [
      'referentie;Burgerservicenummer;Voorletters;Voorvoegsel;Achternaam;Geboortedatum;Straatnaam;Huisnummer;Huisnummertoevoeging;Postcode;Plaatsnaam;bedrag;ontstaansdatum;signaaldatum;crisissignaal;warmeOverdracht;soort',
      'DD-1;123456782;P.;de;Wit;1975-02-03;Voorstraat;21;b;3311 AC;Dordrecht;412;2024-12-01;2025-03-04;ja;j;huur',
    ].join('\r\n');
    expect(await importCsv(db, 'TRIVIRE', csv)).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });
    const signal = await stored('DD-1');
    expect(signal).toMatchObject({
      bsn: '123456782',
      initials: 'P.',
      prefix: 'de',
      surname: 'Wit',
      street: 'Voorstraat',
      houseNumber: 21,
      houseNumberSuffix: 'B',
      postcode: '3311AC',
      city: 'Dordrecht',
      amountCents: 41200,
      signalDate: '2025-03-04',
      arisenOn: '2024-12-01',
      crisis: true,
      warmHandover: true,
    });
    const shown = await getCase(db, officer, signal.caseId!);
    expect(shown.signals).toEqual([expect.objectContaining({ reference: 'DD-1', arisenOn: '2024-12-01', crisis: true, warmHandover: true })]);
  });

  it('reads a creditor’s own column names through the mapping the signal officer set, audited as configuration', async () => {
    const own = 'Dossiernummer;Peildatum;Saldo;Naam huurder;PC;Huisnr\n' + 'MP-1;2025-03-05;150,00;Meijer;3314 AB;7-2\n';
    // Without a mapping: refused, naming every unmapped required column and the way out.
    const refused = (await importCsv(db, 'TRIVIRE', own).catch((e: unknown) => e)) as Error & { details: { errors: { field: string }[] } };
    expect(refused.message).toContain('kolomkoppeling');
    // (Trivire reports rent only, so its files may leave `soort` out.)
    expect(refused.details.errors.map((e) => e.field)).toEqual(['referentie', 'datum', 'bedrag', 'achternaam', 'huisnummer', 'postcode']);

    const view = await setColumnMapping(
      db,
      officer,
      { id: creditorIds.TRIVIRE },
      { columns: { referentie: 'Dossiernummer', datum: 'Peildatum', bedrag: 'Saldo', achternaam: 'Naam huurder', postcode: 'PC', huisnummer: 'Huisnr' } },
    );
    expect(view).toMatchObject({ creditorCode: 'TRIVIRE', columns: { bedrag: 'Saldo' } });
    expect((await getColumnMapping(db, officer, { id: creditorIds.TRIVIRE })).columns.referentie).toBe('Dossiernummer');
    const [audit] = await db.unaudited((q) =>
      q
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectType, 'signal_column_mapping'), eq(auditEvents.objectId, creditorIds.TRIVIRE!))),
    );
    expect(audit).toMatchObject({
      action: 'update',
      result: 'success',
      actorKind: 'user',
      actorUserId: officer.kind === 'user' ? officer.userId : null,
      details: expect.objectContaining({ creditor: 'TRIVIRE' }),
    });

    expect(await importCsv(db, 'TRIVIRE', own)).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });
    expect(await stored('MP-1')).toMatchObject({ surname: 'Meijer', amountCents: 15000, houseNumber: 7, houseNumberSuffix: '2', creditorType: 'rent' });
    // The API batch of the same creditor uses the mapping too.
    const batch = await importSignalFile(db, officer, {
      creditor: { id: creditorIds.TRIVIRE },
      municipalityCode: 'GM0505',
      channel: 'api',
      rows: (today, intake) =>
        validateBatch([{ Dossiernummer: 'MP-2', Peildatum: '2025-03-05', Saldo: 99, 'Naam huurder': 'Meijer', PC: '3314AB', Huisnr: '7' }], today, intake),
      settings: testSettings,
    });
    expect(batch).toMatchObject({ accepted: 1, rejected: 0 });
    await setColumnMapping(db, officer, { id: creditorIds.TRIVIRE }, { columns: {} });
  });

  it('refuses a mapping for a creditor outside the officer’s municipality, and a mapping with an unknown field', async () => {
    const [other] = await db.unaudited((q) =>
      q
        .insert(organisations)
        .values({ code: 'ELDERS', name: 'Woningbouw Elders', kind: 'creditor', creditorTypes: ['rent'] })
        .returning(),
    );
    await expect(setColumnMapping(db, officer, { id: other!.id }, { columns: { bedrag: 'Saldo' } })).rejects.toMatchObject({ status: 403 });
    await expect(setColumnMapping(db, officer, { id: creditorIds.TRIVIRE }, { columns: { saldo: 'Saldo' } })).rejects.toThrow(/kolomkoppeling klopt niet/);
  });

  it('rejects a row whose type is not one of the creditor’s types, with line, field and a Dutch reason', async () => {
    const csv = [
      'referentie;datum;soort;bedrag;achternaam;postcode;huisnummer',
      'CT-1;2025-03-01;zorgverzekering;80,00;Jansen;3315AB;12',
      'CT-2;2025-03-01;huur;80,00;Jansen;3315AB;12',
    ].join('\n');
    const vgz = await importCsv(db, 'VGZ', csv);
    expect(vgz).toMatchObject({
      rows: 2,
      accepted: 1,
      rejected: 1,
      rejections: [{ line: 3, field: 'soort', reason: expect.stringContaining('levert geen signalen van deze soort (wel: zorgverzekering)') }],
    });
  });
});
