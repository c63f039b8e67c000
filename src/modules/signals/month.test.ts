import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { systemActor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { organisationMunicipalities, organisations, persons } from '../../platform/schema.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { importSignalFile } from './commands/importSignalFile.ts';
import { readSignalFileBatches } from './parse.ts';
import { signalSettings } from './settings.ts';
import { uitwisselmodelSchema, type Uitwisselmodel } from './ddasModel.ts';
import { signalCases, signals } from './schema.ts';
import { inspect, pdfText } from './test-helpers.ts';

/**
 * A month of Vroeg Eropaf as it really goes (March 2026), through the HTTP API: five creditor types each send their
 * file the way their systems export it, messy as it is, and the team works the cases. At the end the cases, letters,
 * statuses and the DDAS delivery for CBS must be what the law and the model say.
 *
 * - Trivire (rent): Excel's CSV export, Windows-1252, CRLF, house numbers as written, an eviction warning, a bad row.
 * - VGZ (health insurance, all of Drechtsteden): .xlsx with a title and a date row above the DDAS column names,
 *   residents of several municipalities and one from outside.
 * - Evides (drinking water): UTF-8 with a byte-order mark, LF, the DDAS names, a crisis signal.
 * - An energy supplier: its own column names, read through the mapping the signal officer sets once.
 * - Municipal taxes: refused until the admin switches the experiment on (Wgs art. 10), then accepted.
 */
describe('a month of early signals from five creditor types, as they really send them', () => {
  let t: TestApp;
  let officer: Session;
  let admin: Session;
  const clock = new FakeClock('2026-03-02T08:30:00+01:00');
  const orgs: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock });
    officer = await loginAs(t.app, demoEmails.signal_officer);
    admin = await loginAs(t.app, demoEmails.admin);
    // Two creditors the demo does not have: an energy supplier and the municipal tax office (both for Dordrecht).
    await t.db.unaudited(async (q) => {
      for (const o of [
        { code: 'ENERGIE-DR', name: 'Energie Drechtsteden (test)', creditorTypes: ['energy'] },
        { code: 'BELASTING-DR', name: 'Gemeentebelastingen Dordrecht (test)', creditorTypes: ['municipal_taxes'] },
      ]) {
        const [row] = await q
          .insert(organisations)
          .values({ code: o.code, name: o.name, kind: 'creditor', creditorTypes: o.creditorTypes })
          .returning({ id: organisations.id });
        await q.insert(organisationMunicipalities).values({ organisationId: row!.id, municipalityCode: 'GM0505' });
      }
    });
    const list = await t.db.unaudited((q) => q.select({ id: organisations.id, code: organisations.code }).from(organisations));
    for (const o of list) orgs[o.code] = o.id;
  });
  afterAll(() => t?.close());

  /** The next working day: the clock moves on and the team logs in again (a session does not last overnight). */
  const day = async (at: string) => {
    clock.set(at);
    officer = await loginAs(t.app, demoEmails.signal_officer);
    admin = await loginAs(t.app, demoEmails.admin);
  };
  const api = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: session.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const upload = (creditor: string, body: Buffer, contentType: string, fileName: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/signals/imports?creditorOrganisationId=${orgs[creditor]}`,
      headers: { ...officer.headers, 'content-type': contentType, 'x-file-name': fileName },
      payload: body,
    });
  const signalOf = (reference: string) => inspect(t.db, async (tx) => (await tx.select().from(signals).where(eq(signals.reference, reference)))[0]!);
  const caseOf = async (reference: string) => {
    const s = await signalOf(reference);
    return inspect(t.db, async (tx) => (await tx.select().from(signalCases).where(eq(signalCases.id, s.caseId!)))[0]!);
  };
  const residentOf = async (reference: string) => {
    const c = await caseOf(reference);
    return inspect(t.db, async (tx) => (await tx.select().from(persons).where(eq(persons.id, c.personId!)))[0]!);
  };

  it('Monday: the housing corporation’s Excel CSV (Windows-1252, CRLF) with house numbers as written and an eviction warning', async () => {
    const csv = iconv.encode(
      `${[
        'Referentie;Datum;Soort;Bedrag;BSN;Achternaam;Straat;Postcode;Huisnummer;Toevoeging;Woonplaats;Dreiging',
        'R-1;02-03-2026;huur;450,00;;Jansen;Brouwersdijk;3315 AB;12-A;;Dordrecht;ontruiming',
        'R-2;02-03-2026;huur;25,00;;de Vries;Krispijnseweg;3317AA;8 a;;Dordrecht;',
        'R-3;01-03-2026;huur;310,50;111222333;Öztürk;Bosboom Toussaintplein;3314CD;5;;Dordrecht;',
        'R-4;02-03-2026;huur;99,00;;Bos;Wielwijkstraat;33XX;4;;Dordrecht;',
      ].join('\r\n')}\r\n`,
      'win1252',
    );
    const res = await upload('TRIVIRE', csv, 'text/csv', 'trivire-maart.csv');
    expect(res.statusCode).toBe(201);
    // Four lines, one bad postcode named by its line and field; no false rejection after the last line.
    expect(res.json()).toMatchObject({ rows: 4, accepted: 3, rejected: 1, rejections: [{ line: 5, field: 'postcode' }] });
    expect(await signalOf('R-1')).toMatchObject({ houseNumber: 12, houseNumberSuffix: 'A', threat: 'eviction', surname: 'Jansen' });
    expect(await signalOf('R-2')).toMatchObject({ houseNumber: 8, houseNumberSuffix: 'A', surname: 'de Vries' });
    expect((await signalOf('R-3')).surname).toBe('Öztürk');
    // The eviction warning puts the case on the urgent route: first contact within 3 working days (Thursday).
    expect(await caseOf('R-1')).toMatchObject({ urgent: true, dueDate: '2026-03-05', status: 'awaiting_letter' });
    // Exactly EUR 25: no offer (the threshold is "hoger dan €25").
    expect(await caseOf('R-2')).toMatchObject({ status: 'below_threshold', urgent: false });
  });

  it('Tuesday: the health insurer’s .xlsx for all of Drechtsteden, with a title row and the DDAS column names', async () => {
    await day('2026-03-03T09:00:00+01:00');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Signalen');
    sheet.addRow(['VGZ betalingsachterstanden Drechtsteden']);
    sheet.addRow(['Aangemaakt op', '03-03-2026']);
    sheet.addRow([
      'referentie',
      'Burgerservicenummer',
      'Voorletters',
      'Voorvoegsel',
      'Achternaam',
      'Geboortedatum',
      'Straatnaam',
      'Huisnummer',
      'Huisnummertoevoeging',
      'Postcode',
      'Plaatsnaam',
      'bedrag',
      'ontstaansdatum',
      'signaaldatum',
      'crisissignaal',
      'warmeOverdracht',
    ]);
    // Öztürk moved: the insurer knows the new address (and the same BSN), with a newer signal date.
    sheet.addRow([
      'Z-1',
      '111222333',
      'A.',
      '',
      'Öztürk',
      '1980-05-01',
      'Singel',
      '9',
      '',
      '3316EF',
      'Dordrecht',
      180,
      '2025-12-01',
      '2026-03-03',
      'nee',
      'nee',
    ]);
    sheet.addRow(['Z-2', '', 'M.', '', 'Visser', '', 'Kerkstraat', '4', '', '3331AB', 'Zwijndrecht', 220, '', '2026-03-03', 'nee', 'nee']);
    sheet.addRow(['Z-3', '123456782', 'P.', '', 'Amsterdammer', '', 'Damrak', '1', '', '1011AB', 'Amsterdam', 130, '', '2026-03-03', 'nee', 'nee']);
    sheet.addRow(['Z-4', '', 'J.', '', 'Jansen', '', 'Brouwersdijk', '12', 'A', '3315AB', 'Dordrecht', 95, '2026-01-15', '2026-03-03', 'nee', 'ja']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    // The Dordrecht officer uploads it: Dordrecht's rows are taken, the Amsterdam resident is no resident, and the
    // Zwijndrecht resident is refused by name (not lost as a "non-resident"), to be sent where it belongs.
    const byOfficer = await upload('VGZ', bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'vgz-drechtsteden.xlsx');
    expect(byOfficer.statusCode).toBe(201);
    const summary = byOfficer.json();
    expect(summary).toMatchObject({
      rows: 4,
      accepted: 3,
      rejected: 1,
      notResident: 1,
      rejections: [{ line: 5, field: 'postcode', reason: expect.stringContaining('Zwijndrecht') }],
    });
    expect(summary.municipalities).toMatchObject({ GM0505: { accepted: 2 } });
    // The regional social service's data team loads the same file for all of Drechtsteden (the CLI): the rows already
    // received are duplicates, the Zwijndrecht resident goes to Zwijndrecht.
    const regional = await importSignalFile(t.db, systemActor('cli'), {
      creditor: { code: 'VGZ' },
      channel: 'cli',
      fileName: 'vgz-drechtsteden.xlsx',
      rows: (today, intake) => readSignalFileBatches(Readable.from([bytes]), { today, intake }),
      settings: signalSettings({}),
    });
    expect(regional).toMatchObject({ rows: 4, accepted: 1, duplicates: 3, rejected: 0, municipalities: { GM0642: { accepted: 1 } } });

    // Öztürk's two signals are one household, at the newest address; each signal keeps its own address.
    expect((await caseOf('Z-1')).id).toBe((await caseOf('R-3')).id);
    expect(await residentOf('R-3')).toMatchObject({ postcode: '3316EF', houseNumber: '9', street: 'Singel' });
    const shown = (await api(officer, 'GET', `/signals/cases/${(await caseOf('R-3')).id}`)).json() as { signals: { reference: string; postcode: string }[] };
    expect(shown.signals.map((s) => [s.reference, s.postcode]).sort()).toEqual([
      ['R-3', '3314CD'],
      ['Z-1', '3316EF'],
    ]);
    // Jansen's health insurance joins the rent case; the warm handover and ontstaansdatum are stored.
    expect((await caseOf('Z-4')).id).toBe((await caseOf('R-1')).id);
    expect(await signalOf('Z-4')).toMatchObject({ warmHandover: true, arisenOn: '2026-01-15' });
    // Zwijndrecht's resident goes to Zwijndrecht; the Amsterdam resident is no resident: no case, no person, no letter.
    expect((await caseOf('Z-2')).municipalityCode).toBe('GM0642');
    expect(await signalOf('Z-3')).toMatchObject({ status: 'not_resident', caseId: null, bsn: null });
  });

  it('Wednesday: the water company’s UTF-8 file with a byte-order mark, LF and a crisis signal', async () => {
    await day('2026-03-04T09:00:00+01:00');
    const csv = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        ['referentie;Achternaam;Straatnaam;Postcode;Huisnummer;bedrag;signaaldatum;crisissignaal', 'W-1;Bakker;Vest;3312GH;3;60;2026-03-04;ja', ''].join('\n'),
      ),
    ]);
    const res = await upload('EVIDES', csv, 'text/csv', 'evides.csv');
    expect(res.json()).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });
    // Crisis: due on Monday the 9th (three working days after Wednesday, over the weekend).
    expect(await caseOf('W-1')).toMatchObject({ urgent: true, dueDate: '2026-03-09' });
  });

  it('Thursday: the energy supplier’s own column names, read through the mapping the signal officer sets once', async () => {
    await day('2026-03-05T09:00:00+01:00');
    const file = Buffer.from(['Klantnummer,Peildatum,Openstaand,Naam,PC,Nr', 'E-1,05-03-2026,"140,00",Bakker,3312 GH,3', ''].join('\n'));
    const unmapped = await upload('ENERGIE-DR', file, 'text/csv', 'energie.csv');
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json().detail).toContain('kolomkoppeling');
    const mapped = await api(officer, 'PUT', `/signals/mappings/${orgs['ENERGIE-DR']}`, {
      columns: { referentie: 'Klantnummer', datum: 'Peildatum', bedrag: 'Openstaand', achternaam: 'Naam', postcode: 'PC', huisnummer: 'Nr' },
    });
    expect(mapped.statusCode).toBe(200);
    const res = await upload('ENERGIE-DR', file, 'text/csv', 'energie.csv');
    expect(res.json()).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });
    expect(await signalOf('E-1')).toMatchObject({ creditorType: 'energy', amountCents: 14000 });
    expect((await caseOf('E-1')).id).toBe((await caseOf('W-1')).id);
  });

  it('Friday: municipal taxes refused until the admin switches the experiment on, then accepted', async () => {
    await day('2026-03-06T09:00:00+01:00');
    const file = Buffer.from(['referentie;datum;bedrag;achternaam;postcode;huisnummer', 'B-1;2026-03-06;75,00;Smit;3318JK;2', ''].join('\n'));
    const refused = (await upload('BELASTING-DR', file, 'text/csv', 'belastingen.csv')).json();
    expect(refused).toMatchObject({
      rows: 1,
      accepted: 0,
      rejected: 1,
      rejections: [{ line: 2, field: 'soort', reason: expect.stringContaining('Wgs artikel 10') }],
    });
    expect((await api(admin, 'PUT', '/signals/municipalities/GM0505/settings', { municipalTaxes: true })).statusCode).toBe(200);
    expect((await upload('BELASTING-DR', file, 'text/csv', 'belastingen.csv')).json()).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });
    expect(await caseOf('B-1')).toMatchObject({ status: 'awaiting_letter' });
  });

  it('Monday: the offer letters, after a confirmation that states the number, at each household’s newest address', async () => {
    await day('2026-03-09T09:00:00+01:00');
    const selection = { kind: 'awaiting' };
    const preview = (await api(officer, 'POST', '/signals/letters/preview', { selection })).json() as { count: number };
    // Jansen, Öztürk, Bakker, Smit: not de Vries (EUR 25), not the Amsterdammer, not Zwijndrecht's resident.
    expect(preview.count).toBe(4);
    const run = await api(officer, 'POST', '/signals/letters', { selection, confirmCount: 4 });
    expect(run.statusCode).toBe(201);
    const batches = (run.json() as { batches: { id: string; letters: number }[] }).batches;
    expect(batches.reduce((n, b) => n + b.letters, 0)).toBe(4);
    const texts: string[] = [];
    for (const b of batches) {
      const pdf = await api(officer, 'GET', `/signals/letters/batches/${b.id}`);
      expect(pdf.statusCode).toBe(200);
      texts.push(pdfText(pdf.rawPayload));
    }
    const text = texts.join(' ');
    for (const name of ['Jansen', 'Öztürk', 'Bakker', 'Smit']) expect(text).toContain(`Beste ${name}`);
    expect(text).not.toContain('de Vries');
    expect(text).not.toContain('Amsterdammer');
    // Öztürk's letter goes to the new address.
    expect(text).toContain('Singel 9');
    expect(text).not.toContain('Bosboom Toussaintplein');
    // The urgent case keeps its earlier due date; an ordinary one is due ten days after the letter.
    expect(await caseOf('R-1')).toMatchObject({ status: 'letter_sent', dueDate: '2026-03-05' });
    expect(await caseOf('B-1')).toMatchObject({ status: 'letter_sent', dueDate: '2026-03-19' });
  });

  it('the team works the cases: contact attempts that cannot contradict the outcome, help, and a handover into the chain', async () => {
    await day('2026-03-11T10:00:00+01:00');
    const jansen = (await caseOf('R-1')).id;
    const bakker = (await caseOf('W-1')).id;
    expect(
      (await api(officer, 'POST', `/signals/cases/${jansen}/contact-attempts`, { kind: 'phone', reached: true, date: '2026-03-04', partOfDay: 'morning' }))
        .statusCode,
    ).toBe(201);
    // Reached by phone, so "no contact" would be a contradiction: refused.
    expect((await api(officer, 'POST', `/signals/cases/${jansen}/outcome`, { result: 'no_contact' })).statusCode).toBe(400);
    expect((await api(officer, 'POST', `/signals/cases/${jansen}/outcome`, { result: 'quick_fix', helpResponse: 'accepted' })).statusCode).toBe(200);
    expect(
      (await api(officer, 'POST', `/signals/cases/${bakker}/contact-attempts`, { kind: 'home_visit', reached: true, date: '2026-03-10', partOfDay: 'evening' }))
        .statusCode,
    ).toBe(201);
    const handover = await api(officer, 'POST', `/signals/cases/${bakker}/outcome`, {
      result: 'referral_financial',
      helpResponse: 'accepted',
      referralOrganisationId: orgs.SDD,
      chainConsent: true,
      theme: 'money_debts',
    });
    expect(handover.statusCode).toBe(200);
    expect((await caseOf('W-1')).chainReferralId).not.toBeNull();
  });

  it('the next deliveries: a repeat without higher arrears and a household already in help get no new letter', async () => {
    await day('2026-03-16T09:00:00+01:00');
    // Trivire reports Öztürk again, same arrears: a repeat.
    const rent = iconv.encode(
      ['Referentie;Datum;Soort;Bedrag;BSN;Achternaam;Postcode;Huisnummer', 'R-5;16-03-2026;huur;310,50;111222333;Öztürk;3316EF;9'].join('\r\n'),
      'win1252',
    );
    expect((await upload('TRIVIRE', rent, 'text/csv', 'trivire-2.csv')).json()).toMatchObject({ accepted: 1, casesCreated: 0 });
    expect(await signalOf('R-5')).toMatchObject({ status: 'repeated', caseId: (await caseOf('R-3')).id });
    // Evides reports Bakker again, who is now in the chain: already known to debt help.
    const water = Buffer.from(['referentie;Achternaam;Postcode;Huisnummer;bedrag;signaaldatum', 'W-2;Bakker;3312GH;3;75;2026-03-16', ''].join('\n'));
    expect((await upload('EVIDES', water, 'text/csv', 'evides-2.csv')).json()).toMatchObject({ accepted: 1, casesCreated: 0 });
    expect(await signalOf('W-2')).toMatchObject({ status: 'known_to_debt_help' });
    // Nothing new awaits a letter.
    expect((await api(officer, 'POST', '/signals/letters/preview', { selection: { kind: 'awaiting' } })).json()).toMatchObject({ count: 0 });
  });

  it('the end of the month: the DDAS delivery validates, uses the model’s strings, names nobody; the monitor adds up', async () => {
    await day('2026-04-01T09:00:00+02:00');
    const res = await api(officer, 'GET', '/signals/ddas?from=2026-03-01&to=2026-03-31&municipalityCode=GM0505');
    expect(res.statusCode).toBe(200);
    const document = res.json() as Uitwisselmodel;
    expect(uitwisselmodelSchema.safeParse(document).success).toBe(true);
    const delivery = document.leveringen![0]!;
    expect(delivery.gemeentecode).toBe('0505');
    const statusOf = async (reference: string) => {
      const id = (await signalOf(reference)).id;
      return delivery.vroegsignalen!.find((v) => v.ID === id)?.status;
    };
    expect(await statusOf('Z-3')).toBe('Persoon is geen inwoner (meer) in de gemeente');
    expect(await statusOf('R-5')).toBe('Niet opgepakt: herhaalde melding');
    expect(await statusOf('W-2')).toBe('Inwoner al bekend bij schuldhulpverlening');
    expect(await statusOf('R-1')).toBe('Opgepakt');
    expect(await statusOf('R-2')).toBe('Niet opgepakt: onterecht signaal');
    // Whole euros; no names, streets or places in the document (v1.2 minimises the client).
    const json = JSON.stringify(document);
    for (const word of ['Öztürk', 'Jansen', 'Bakker', 'Brouwersdijk', 'Singel', 'Damrak', 'Amsterdammer', '"achternaam"', '"plaatsnaam"', '"straatnaam"'])
      expect(json).not.toContain(word);
    expect(delivery.vroegsignalen!.every((v) => Number.isInteger(v.bedrag))).toBe(true);
    // Zwijndrecht's resident is in Zwijndrecht's delivery, not Dordrecht's.
    expect(delivery.vroegsignalen!.some((v) => v.client && 'postcode' in v.client && v.client.postcode === '3331AB')).toBe(false);

    const monitor = (await api(officer, 'GET', '/signals/monitor?period=2026-03&municipalityCode=GM0505')).json() as {
      creditorType: string;
      households: number;
      signals: number;
      notResident: number;
      lettersSent: number;
      accepted: number;
    }[];
    const all = monitor.find((r) => r.creditorType === 'all')!;
    // Households once over all types: Jansen, de Vries, Öztürk, Bakker, Smit.
    expect(all).toMatchObject({ households: 5, lettersSent: 4, notResident: 1 });
    // Help accepted: Jansen (quick fix) and Bakker (handed over into the chain).
    expect(all.accepted).toBe(2);
    expect(
      monitor
        .filter((r) => r.creditorType !== 'all')
        .map((r) => r.creditorType)
        .sort(),
    ).toEqual(['energy', 'health_insurance', 'municipal_taxes', 'rent', 'water']);
  });
});
