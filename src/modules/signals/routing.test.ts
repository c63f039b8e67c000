import { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { hashPassword } from '../../platform/secrets.ts';
import { organisations, persons, users } from '../../platform/schema.ts';
import { createTestApp, DEMO_PASSWORD, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { createIntakeForPerson } from '../referrals/index.ts';
import { importSignalFile } from './commands/importSignalFile.ts';
import { purgeExpiredCases } from './commands/purgeExpiredCases.ts';
import { readSignalFile } from './parse.ts';
import { defaultPostcodeAreas, defaultPostcodeAreasSql, replacePostcodeAreas } from './postcodeAreas.ts';
import { monitorFigures } from './queries/monitor.ts';
import { exportDdas } from './ddasExport.ts';
import { signalCases, signals } from './schema.ts';
import { inspect, makeLettersThroughApi, testSettings } from './test-helpers.ts';
import type { SignalSettings } from './settings.ts';
import fs from 'node:fs';

const header = 'referentie;datum;soort;bedrag;bsn;achternaam;straat;postcode;huisnummer;woonplaats;crisissignaal;dreiging';
const row = (o: {
  ref: string;
  date?: string;
  soort: string;
  bedrag?: string;
  bsn?: string;
  name?: string;
  street?: string;
  pc: string;
  nr: string;
  crisis?: string;
  threat?: string;
}) =>
  [
    o.ref,
    o.date ?? '2025-12-22',
    o.soort,
    o.bedrag ?? '120,00',
    o.bsn ?? '',
    o.name ?? 'Jansen',
    o.street ?? 'Straat',
    o.pc,
    o.nr,
    'Plaats',
    o.crisis ?? '',
    o.threat ?? '',
  ].join(';');

/**
 * Routing by postcode and the household rules of the issue, on the Drechtsteden: a health insurer's file for
 * several municipalities, non-residents, the newest address, repeats, households already in help, the threshold
 * strictly above EUR 25, and the urgent route (3 working days, over Christmas and a weekend).
 */
describe('routing signals by postcode, and the household rules', () => {
  let t: TestApp;
  let officer: Session;
  let orgs: Record<string, string>;
  // Wednesday 24 December 2025: Christmas and Boxing Day, then a weekend, follow.
  const clock = new FakeClock('2025-12-24T09:00:00+01:00');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    officer = await loginAs(t.app, demoEmails.signal_officer);
    const list = await t.db.unaudited((q) => q.select({ id: organisations.id, code: organisations.code }).from(organisations));
    orgs = Object.fromEntries(list.map((o) => [o.code, o.id]));
  });
  afterAll(() => t?.close());

  const importRows = (creditor: string, lines: string[], options: { municipalityCode?: string; settings?: Partial<SignalSettings> } = {}) =>
    importSignalFile(t.db, systemActor('test'), {
      creditor: { code: creditor },
      municipalityCode: options.municipalityCode,
      channel: 'cli',
      fileName: 'test.csv',
      rows: (today, intake) => readSignalFile(Readable.from([Buffer.from([header, ...lines].join('\n'))]), { today, intake }),
      settings: { ...testSettings, ...options.settings },
    });
  const signalOf = (reference: string, creditor: string) =>
    inspect(
      t.db,
      async (tx) =>
        (
          await tx
            .select()
            .from(signals)
            .where(and(eq(signals.reference, reference), eq(signals.creditorOrganisationId, orgs[creditor]!)))
        )[0]!,
    );
  const caseOf = async (reference: string, creditor: string) => {
    const s = await signalOf(reference, creditor);
    return inspect(t.db, async (tx) => (await tx.select().from(signalCases).where(eq(signalCases.id, s.caseId!)))[0]!);
  };

  it('seeds the default Drechtsteden table by migration, the same as the code’s default', async () => {
    const migration = fs.readFileSync(new URL('../../../drizzle/0006_signals_routing.sql', import.meta.url), 'utf8');
    expect(migration).toContain(defaultPostcodeAreasSql());
    const stored = await t.db.unaudited((q) =>
      q.execute(sql`select municipality_code, count(*)::int as n from postcode_areas group by municipality_code order by 1`),
    );
    const counts = Object.fromEntries((stored as unknown as { rows: { municipality_code: string; n: number }[] }).rows.map((r) => [r.municipality_code, r.n]));
    expect(Object.keys(counts).sort()).toEqual(['GM0482', 'GM0505', 'GM0523', 'GM0531', 'GM0590', 'GM0610', 'GM0642']);
    expect(counts.GM0505).toBe(defaultPostcodeAreas.filter((a) => a.municipalityCode === 'GM0505').length);
  });

  it('routes a Drechtsteden health insurer’s file to each row’s municipality; a row outside them is a non-resident', async () => {
    const summary = await importRows('VGZ', [
      row({ ref: 'D-1', soort: 'zorgverzekering', bsn: '111222333', pc: '3315AB', nr: '12' }),
      row({ ref: 'D-2', soort: 'zorgverzekering', name: 'Visser', pc: '3331CD', nr: '4' }),
      row({ ref: 'D-3', soort: 'zorgverzekering', name: 'de Boer', pc: '3352EF', nr: '8' }),
      row({ ref: 'D-4', soort: 'zorgverzekering', bsn: '123456782', name: 'Amsterdammer', pc: '1011AB', nr: '1' }),
    ]);
    expect(summary).toMatchObject({ rows: 4, accepted: 4, rejected: 0, notResident: 1, casesCreated: 3, municipalityCode: 'GM0505' });
    expect(summary.municipalities).toEqual({
      GM0505: { accepted: 1, casesCreated: 1 },
      GM0642: { accepted: 1, casesCreated: 1 },
      GM0590: { accepted: 1, casesCreated: 1 },
    });
    expect((await caseOf('D-1', 'VGZ')).municipalityCode).toBe('GM0505');
    expect((await caseOf('D-1', 'VGZ')).areaCode).toBe('WK050504');
    expect((await caseOf('D-2', 'VGZ')).municipalityCode).toBe('GM0642');
    expect((await caseOf('D-3', 'VGZ')).municipalityCode).toBe('GM0590');

    // The non-resident: the DDAS status, no case (so no letter), nothing kept of the person but the address key.
    const outsider = await signalOf('D-4', 'VGZ');
    expect(outsider).toMatchObject({
      status: 'not_resident',
      caseId: null,
      municipalityCode: 'GM0505',
      bsn: null,
      surname: '',
      street: null,
      postcode: '1011AB',
    });
    const outsiderPerson = await inspect(t.db, (tx) => tx.select().from(persons).where(eq(persons.bsn, '123456782')));
    expect(outsiderPerson).toEqual([]);
    // Counted in the monitor of the receiving municipality, and in its CSV column.
    const monitor = await monitorFigures(t.db, systemActor('test'), { period: '2025-12', municipalityCode: 'GM0505' });
    expect(monitor.find((r) => r.creditorType === 'health_insurance')).toMatchObject({ signals: 1, households: 1, notResident: 1 });
    expect(monitor.find((r) => r.creditorType === 'all')).toMatchObject({ notResident: 1 });
    const zwijndrecht = await monitorFigures(t.db, systemActor('test'), { period: '2025-12', municipalityCode: 'GM0642' });
    expect(zwijndrecht.find((r) => r.creditorType === 'health_insurance')).toMatchObject({ signals: 1, notResident: 0 });
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/signals/monitor?period=2025-12&format=csv', headers: officer.headers });
    const [head, ...lines] = csv.body.trim().split(/\r?\n/);
    expect(head!.split(';').at(-1)).toBe('geen_inwoner');
    expect(
      lines
        .find((l) => l.startsWith('GM0505;2025-12;health_insurance'))!
        .split(';')
        .at(-1),
    ).toBe('1');

    // Zwijndrecht's team sees the delivery that brought it a row, though Dordrecht received it.
    await t.db.unaudited(async (q) =>
      q.insert(users).values({
        organisationId: orgs['GEM-ZWIJNDRECHT']!,
        email: 'signalen@zwijndrecht.example',
        displayName: 'Zoë Zwijndrecht',
        roles: ['signal_officer'],
        passwordHash: await hashPassword(DEMO_PASSWORD),
      }),
    );
    const zwijndrechtOfficer = await loginAs(t.app, 'signalen@zwijndrecht.example');
    const seen = (await t.app.inject({ method: 'GET', url: '/api/v1/signals/imports', headers: zwijndrechtOfficer.headers })).json() as { id: string }[];
    expect(seen.map((i) => i.id)).toEqual([summary.importId]);

    // In the DDAS delivery for CBS: the model's exact status, the client by address only.
    const ddas = await exportDdas(t.db, systemActor('test'), { from: '2025-12-01', to: '2025-12-31', municipalityCode: 'GM0505' }, testSettings);
    const delivered = (
      ddas.document as { leveringen: { vroegsignalen: { ID: string; status: string; client: Record<string, unknown> }[] }[] }
    ).leveringen[0]!.vroegsignalen.find((v) => v.ID === outsider.id);
    expect(delivered).toMatchObject({ status: 'Persoon is geen inwoner (meer) in de gemeente', client: { postcode: '1011AB', huisnummer: '1' } });

    // A landlord serving only Dordrecht: a Sliedrecht address is not its municipality's resident.
    const trivire = await importRows('TRIVIRE', [row({ ref: 'D-5', soort: 'huur', pc: '3361AA', nr: '3' })]);
    expect(trivire).toMatchObject({ accepted: 1, notResident: 1, casesCreated: 0, municipalities: {} });
    // Named municipality: only that one. A Zwijndrecht address in a file for Dordrecht is no resident of Dordrecht.
    const named = await importRows(
      'VGZ',
      [row({ ref: 'D-6', soort: 'zorgverzekering', pc: '3332AA', nr: '5' }), row({ ref: 'D-7', soort: 'zorgverzekering', name: 'Bos', pc: '3312AA', nr: '5' })],
      { municipalityCode: 'GM0505' },
    );
    expect(named).toMatchObject({ accepted: 2, notResident: 1, municipalities: { GM0505: { accepted: 1, casesCreated: 1 } } });
  });

  it('refuses a row with a malformed postcode, naming the line and the field', async () => {
    const summary = await importRows('VGZ', [
      row({ ref: 'P-1', soort: 'zorgverzekering', pc: '33151AB', nr: '1' }),
      row({ ref: 'P-2', soort: 'zorgverzekering', pc: '3315 A', nr: '1' }),
    ]);
    expect(summary).toMatchObject({ rows: 2, accepted: 0, rejected: 2 });
    expect(summary.rejections).toEqual([
      { line: 2, field: 'postcode', reason: 'Een postcode is vier cijfers en twee letters, bijvoorbeeld 3311 AB.' },
      { line: 3, field: 'postcode', reason: 'Een postcode is vier cijfers en twee letters, bijvoorbeeld 3311 AB.' },
    ]);
  });

  it('follows the household’s newest address, and shows every signal’s own address on the case', async () => {
    await importRows('TRIVIRE', [
      row({ ref: 'A-1', date: '2025-12-01', soort: 'huur', bsn: '100000009', name: 'Yilmaz', street: 'Oudeweg', pc: '3311AA', nr: '1' }),
    ]);
    const before = await caseOf('A-1', 'TRIVIRE');
    expect(before.householdKey).toBe('3311AA|1|');
    // They moved within Dordrecht: the same BSN at another address, newer.
    await importRows('EVIDES', [
      row({ ref: 'A-2', date: '2025-12-10', soort: 'drinkwater', bsn: '100000009', name: 'Yilmaz', street: 'Nieuweweg', pc: '3316BB', nr: '5' }),
    ]);
    const moved = await caseOf('A-2', 'EVIDES');
    expect(moved.id).toBe(before.id);
    expect(moved).toMatchObject({ householdKey: '3316BB|5|', areaCode: 'WK050505' });
    // An older signal at the old address joins the case but does not move it back.
    await importRows('VGZ', [
      row({ ref: 'A-3', date: '2025-11-20', soort: 'zorgverzekering', bsn: '100000009', name: 'Yilmaz', street: 'Oudeweg', pc: '3311AA', nr: '1' }),
    ]);
    expect((await caseOf('A-3', 'VGZ')).id).toBe(before.id);
    expect((await caseOf('A-3', 'VGZ')).householdKey).toBe('3316BB|5|');

    const page = (await t.app.inject({ method: 'GET', url: `/api/v1/signals/cases/${before.id}`, headers: officer.headers })).json();
    expect(page).toMatchObject({ street: 'Nieuweweg', postcode: '3316BB', houseNumber: '5' });
    expect(
      page.signals.map((s: { reference: string; street: string; postcode: string; houseNumber: number }) => [s.reference, s.street, s.postcode, s.houseNumber]),
    ).toEqual([
      ['A-2', 'Nieuweweg', '3316BB', 5],
      ['A-1', 'Oudeweg', '3311AA', 1],
      ['A-3', 'Oudeweg', '3311AA', 1],
    ]);
    // The letter goes to the newest address.
    const letter = await makeLettersThroughApi(t.app, officer.headers, { kind: 'cases', caseIds: [before.id] });
    expect(letter.count).toBe(1);
    expect(letter.text).toContain('Nieuweweg');
    expect(letter.text).not.toContain('Oudeweg');
    const resident = await inspect(t.db, async (tx) => (await tx.select().from(persons).where(eq(persons.bsn, '100000009')))[0]!);
    expect(resident).toMatchObject({ street: 'Nieuweweg', postcode: '3316BB', houseNumber: '5' });
  });

  it('marks a repeated signal (the same creditor, arrears not grown within the window): on the case, no new letter', async () => {
    await importRows('VGZ', [row({ ref: 'H-1', date: '2025-12-01', soort: 'zorgverzekering', bedrag: '200,00', name: 'Kramer', pc: '3317AA', nr: '3' })]);
    const first = await caseOf('H-1', 'VGZ');
    expect(first).toMatchObject({ totalCents: 20000, signalCount: 1 });
    await importRows('VGZ', [row({ ref: 'H-2', date: '2025-12-15', soort: 'zorgverzekering', bedrag: '180,00', name: 'Kramer', pc: '3317AA', nr: '3' })]);
    expect(await signalOf('H-2', 'VGZ')).toMatchObject({ status: 'repeated', caseId: first.id });
    expect(await caseOf('H-2', 'VGZ')).toMatchObject({ totalCents: 20000, signalCount: 2 });
    // Grown arrears are news: counted.
    await importRows('VGZ', [row({ ref: 'H-3', date: '2025-12-20', soort: 'zorgverzekering', bedrag: '260,00', name: 'Kramer', pc: '3317AA', nr: '3' })]);
    expect(await signalOf('H-3', 'VGZ')).toMatchObject({ status: 'taken_up', caseId: first.id });

    // A repeat for a household whose case was closed goes to that case: no new case, so no new letter.
    await inspect(t.db, (tx) =>
      tx.update(signalCases).set({ status: 'closed', result: 'no_help_needed', closedOn: '2025-12-21' }).where(eq(signalCases.id, first.id)),
    );
    const again = await importRows('VGZ', [
      row({ ref: 'H-4', date: '2025-12-23', soort: 'zorgverzekering', bedrag: '260,00', name: 'Kramer', pc: '3317AA', nr: '3' }),
    ]);
    expect(again.casesCreated).toBe(0);
    expect(await signalOf('H-4', 'VGZ')).toMatchObject({ status: 'repeated', caseId: first.id });
    expect(await caseOf('H-4', 'VGZ')).toMatchObject({ status: 'closed', signalCount: 4 });
    // Outside the window it is a new signal again.
    const later = await importRows(
      'VGZ',
      [row({ ref: 'H-5', date: '2025-12-24', soort: 'zorgverzekering', bedrag: '150,00', name: 'Kramer', pc: '3317AA', nr: '3' })],
      { settings: { repeatWindowDays: 0 } },
    );
    expect(later.casesCreated).toBe(1);
  });

  it('sends no new offer to a household already in help: a recent case with help, or an open handover in the chain', async () => {
    await importRows('TRIVIRE', [row({ ref: 'K-1', date: '2025-12-01', soort: 'huur', bsn: '100000010', name: 'Peters', pc: '3318AA', nr: '7' })]);
    const helped = await caseOf('K-1', 'TRIVIRE');
    const outcome = await t.app.inject({
      method: 'POST',
      url: `/api/v1/signals/cases/${helped.id}/outcome`,
      headers: officer.headers,
      payload: { result: 'quick_fix' },
    });
    expect(outcome.statusCode).toBe(200);
    const known = await importRows('EVIDES', [row({ ref: 'K-2', date: '2025-12-22', soort: 'drinkwater', name: 'Peters', pc: '3318AA', nr: '7' })]);
    expect(known.casesCreated).toBe(0);
    expect(await signalOf('K-2', 'EVIDES')).toMatchObject({ status: 'known_to_debt_help', caseId: helped.id });
    expect(await caseOf('K-2', 'EVIDES')).toMatchObject({ status: 'closed', totalCents: helped.totalCents });
    // Once the help window has passed, a new signal makes a new case with its own offer.
    const fresh = await importRows('EVIDES', [row({ ref: 'K-3', date: '2025-12-22', soort: 'drinkwater', name: 'Peters', pc: '3318AA', nr: '7' })], {
      settings: { helpWindowDays: 0, repeatWindowDays: 0 },
    });
    expect(fresh.casesCreated).toBe(0); // (closed today: still within a window of 0 days)
    await inspect(t.db, (tx) => tx.update(signalCases).set({ closedOn: '2024-06-01' }).where(eq(signalCases.id, helped.id)));
    const afterWindow = await importRows('EVIDES', [row({ ref: 'K-4', date: '2025-12-23', soort: 'drinkwater', name: 'Peters', pc: '3318AA', nr: '7' })], {
      settings: { repeatWindowDays: 0 },
    });
    expect(afterWindow.casesCreated).toBe(1);
    expect(await caseOf('K-4', 'EVIDES')).toMatchObject({ status: 'awaiting_letter' });

    // An open handover in the chain (from whatever route) for the resident: the new case is made closed, "already
    // known to debt help", and its signal says so.
    await importRows('TRIVIRE', [row({ ref: 'K-5', date: '2025-07-01', soort: 'huur', bsn: '100000022', name: 'Dekker', pc: '3319AA', nr: '2' })]);
    const old = await caseOf('K-5', 'TRIVIRE');
    await inspect(t.db, (tx) =>
      tx.update(signalCases).set({ status: 'closed', result: 'no_help_needed', closedOn: '2025-07-10' }).where(eq(signalCases.id, old.id)),
    );
    await createIntakeForPerson(
      t.db,
      systemActor('test'),
      {
        municipalityCode: 'GM0505',
        route: 'walk_in',
        targetOrganisationCode: 'SWT',
        theme: 'money_debts',
        question: 'Hulp bij rekeningen',
        contact: { name: 'Dekker' },
        consent: { given: true, text: 'Mondeling gegeven aan de balie.' },
      },
      old.personId!,
    );
    const inChain = await importRows('EVIDES', [
      row({ ref: 'K-6', date: '2025-12-22', soort: 'drinkwater', bsn: '100000022', name: 'Dekker', pc: '3312CC', nr: '9' }),
    ]);
    expect(inChain.casesCreated).toBe(1);
    expect(await caseOf('K-6', 'EVIDES')).toMatchObject({
      status: 'closed',
      result: 'known_to_debt_help',
      helpResponse: 'already_in_help',
      personId: old.personId,
    });
    expect(await signalOf('K-6', 'EVIDES')).toMatchObject({ status: 'known_to_debt_help' });
  });

  it('offers help strictly above EUR 25: 25,00 makes no offer, 25,01 does', async () => {
    await importRows('TRIVIRE', [
      row({ ref: 'T-1', soort: 'huur', bedrag: '25,00', name: 'Smit', pc: '3314AA', nr: '1' }),
      row({ ref: 'T-2', soort: 'huur', bedrag: '25,01', name: 'Bakker', pc: '3314AA', nr: '2' }),
    ]);
    expect(await caseOf('T-1', 'TRIVIRE')).toMatchObject({ status: 'below_threshold' });
    expect(await signalOf('T-1', 'TRIVIRE')).toMatchObject({ status: 'unjustified' });
    expect(await caseOf('T-2', 'TRIVIRE')).toMatchObject({ status: 'awaiting_letter' });
  });

  it('puts a crisis, or an eviction or cut-off near, on the urgent route: first contact within 3 working days, first in the queue', async () => {
    const summary = await importRows('TRIVIRE', [
      row({ ref: 'U-1', soort: 'huur', name: 'Brouwer', pc: '3313AA', nr: '1', threat: 'ontruiming' }),
      row({ ref: 'U-2', soort: 'huur', name: 'Mulder', pc: '3313AA', nr: '2', crisis: 'ja' }),
      row({ ref: 'U-3', soort: 'huur', name: 'Meijer', pc: '3313AA', nr: '3' }),
      row({ ref: 'U-4', soort: 'huur', name: 'Vos', pc: '3313AA', nr: '4', threat: 'misschien' }),
    ]);
    expect(summary.rejections).toEqual([{ line: 5, field: 'dreiging', reason: expect.stringContaining('ontruiming, afsluiting, beëindiging, ja of nee') }]);
    // Wednesday 24 December: 25 and 26 December are holidays, 27 and 28 a weekend, so the third working day is the 31st.
    expect(await caseOf('U-1', 'TRIVIRE')).toMatchObject({ urgent: true, dueDate: '2025-12-31' });
    expect(await signalOf('U-1', 'TRIVIRE')).toMatchObject({ threat: 'eviction' });
    expect(await caseOf('U-2', 'TRIVIRE')).toMatchObject({ urgent: true, dueDate: '2025-12-31' });
    expect(await caseOf('U-3', 'TRIVIRE')).toMatchObject({ urgent: false, dueDate: null });
    // A water company's "ja" is a cut-off; a health insurer's the end of the insurance; an energy company cannot evict.
    const water = await importRows('EVIDES', [row({ ref: 'U-5', soort: 'drinkwater', name: 'Bos', pc: '3313AA', nr: '3', threat: 'ja' })]);
    expect(water.rejected).toBe(0);
    expect(await signalOf('U-5', 'EVIDES')).toMatchObject({ threat: 'cut_off' });
    expect(await caseOf('U-5', 'EVIDES')).toMatchObject({ urgent: true, dueDate: '2025-12-31' });
    const insurer = await importRows('VGZ', [
      row({ ref: 'U-6', soort: 'zorgverzekering', name: 'Bos', pc: '3313AA', nr: '9', threat: 'Beëindiging' }),
      row({ ref: 'U-7', soort: 'zorgverzekering', name: 'Bos', pc: '3313AA', nr: '11', threat: 'ontruiming' }),
    ]);
    expect(insurer.rejections).toEqual([
      { line: 3, field: 'dreiging', reason: 'Bij deze soort schuldeiser past alleen beëindiging van de zorgverzekering als dreiging.' },
    ]);
    expect(await caseOf('U-6', 'VGZ')).toMatchObject({ urgent: true });
    const noThreat = await importRows('EVIDES', [row({ ref: 'U-8', soort: 'drinkwater', name: 'Bos', pc: '3313AA', nr: '13', threat: 'nee' })]);
    expect(noThreat.rejected).toBe(0);
    expect(await caseOf('U-8', 'EVIDES')).toMatchObject({ urgent: false });

    const queue = (await t.app.inject({ method: 'GET', url: '/api/v1/signals/cases?limit=500', headers: officer.headers })).json() as {
      items: { urgent: boolean }[];
    };
    const firstCalm = queue.items.findIndex((c) => !c.urgent);
    expect(queue.items.slice(0, firstCalm).length).toBeGreaterThanOrEqual(3);
    expect(queue.items.slice(firstCalm).some((c) => c.urgent)).toBe(false);
  });

  it('lets an admin of the municipalities load another postcode table, and routing follows it', async () => {
    const put = (session: Session, csv: string) =>
      t.app.inject({ method: 'PUT', url: '/api/v1/admin/postcode-areas', headers: { ...session.headers, 'content-type': 'text/csv' }, payload: csv });
    const table = [
      'postcode;gemeente;wijk;wijknaam;buurt;buurtnaam',
      '3316;GM0642;WK064201;Walburg;;',
      '3316ZZ;GM0590;WK059001;Oost;BU05900101;Kern',
      '3320;GM0505;WK050501;Binnenstad;;',
    ].join('\n');
    // Dordrecht's admin does not administer the other six: refused.
    const dordrecht = await loginAs(t.app, demoEmails.admin);
    expect((await put(dordrecht, table)).statusCode).toBe(403);
    // An admin of all seven (at the social service SDD).
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await t.db.unaudited((q) =>
      q.insert(users).values({ organisationId: orgs.SDD!, email: 'beheer@sdd.example', displayName: 'Regio Beheer', roles: ['admin'], passwordHash }),
    );
    const region = await loginAs(t.app, 'beheer@sdd.example');
    const bad = await put(region, ['postcode;gemeente', '33;GM0505', '3311;GM9999'].join('\n'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { line: 2, field: 'postcode', reason: expect.stringContaining('vier cijfers') },
      { line: 3, field: 'gemeente', reason: 'Gemeente GM9999 is niet bekend in Vangnet.' },
    ]);
    const loaded = await put(region, table);
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json()).toEqual({ postcodes: 3, municipalities: { GM0642: 1, GM0590: 1, GM0505: 1 } });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/postcode-areas', headers: region.headers })).json()).toEqual({
      municipalities: { GM0642: 1, GM0590: 1, GM0505: 1 },
    });

    const summary = await importRows('VGZ', [
      row({ ref: 'N-1', soort: 'zorgverzekering', name: 'Jansen', pc: '3316AA', nr: '1' }),
      row({ ref: 'N-2', soort: 'zorgverzekering', name: 'Visser', pc: '3316ZZ', nr: '1' }),
      row({ ref: 'N-3', soort: 'zorgverzekering', name: 'Bos', pc: '3320AA', nr: '1' }),
      row({ ref: 'N-4', soort: 'zorgverzekering', name: 'Smit', pc: '3315AA', nr: '1' }),
    ]);
    expect(summary).toMatchObject({
      notResident: 1,
      municipalities: { GM0642: { accepted: 1, casesCreated: 1 }, GM0590: { accepted: 1, casesCreated: 1 }, GM0505: { accepted: 1, casesCreated: 1 } },
    });
    expect(await caseOf('N-1', 'VGZ')).toMatchObject({ municipalityCode: 'GM0642', areaCode: 'WK064201' });
    expect(await caseOf('N-2', 'VGZ')).toMatchObject({ municipalityCode: 'GM0590', areaCode: 'WK059001' });
    expect(await signalOf('N-4', 'VGZ')).toMatchObject({ status: 'not_resident', caseId: null });
    await replacePostcodeAreas(t.db, systemActor('test'), defaultPostcodeAreas);
  });

  it('erases a non-resident signal when its own term has passed since receipt, and the monitor still counts it', async () => {
    const before = await monitorFigures(t.db, systemActor('test'), { period: '2025-12', municipalityCode: 'GM0505' });
    const counted = before.find((r) => r.creditorType === 'health_insurance')!.notResident;
    expect(counted).toBeGreaterThan(0);
    clock.advance({ days: 31 * (testSettings.retentionMonths + 1) });
    const purged = await purgeExpiredCases(t.db, testSettings);
    expect(purged.signalsPurged).toBeGreaterThan(0);
    const left = await inspect(t.db, (tx) => tx.select({ id: signals.id }).from(signals).where(eq(signals.status, 'not_resident')));
    expect(left).toEqual([]);
    const after = await monitorFigures(t.db, systemActor('test'), { period: '2025-12', municipalityCode: 'GM0505' });
    expect(after.find((r) => r.creditorType === 'health_insurance')!.notResident).toBe(counted);
    // The archive keeps counts only, and the households of December are still counted once (not as non-residents).
    expect(after.find((r) => r.creditorType === 'health_insurance')!.households).toBe(before.find((r) => r.creditorType === 'health_insurance')!.households);
  });
});
