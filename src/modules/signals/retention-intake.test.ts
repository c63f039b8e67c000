import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock.ts';
import { auditEvents, organisations } from '../../platform/schema.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { purgeExpiredCases } from './commands/purgeExpiredCases.ts';
import { intakeRules } from './intakeRules.ts';
import type { RowResult } from './parse.ts';
import { signals } from './schema.ts';
import { fileHeader, importCsv, inspect, testSettings } from './test-helpers.ts';

const header = 'referentie;datum;soort;bedrag;achternaam;postcode;huisnummer';

describe('the intake rules on their own', () => {
  const dordrecht = { code: 'GM0505', name: 'Dordrecht', municipalTaxes: false };
  const rules = intakeRules({ today: '2025-09-11', settings: testSettings, municipalities: [dordrecht] });
  const row = (signalDate: string, creditorType: 'rent' | 'municipal_taxes' = 'rent', postcode = '3311AB') =>
    ({ line: 7, ok: true, record: { reference: 'X', signalDate, creditorType, postcode } }) as unknown as RowResult;

  it('refuses a signal dated before today minus the term, naming the line and the field signaaldatum', async () => {
    expect(rules.earliestSignalDate).toBe('2025-03-11');
    expect((await rules.check(row('2025-03-11'))).ok).toBe(true);
    const refused = await rules.check(row('2025-03-10'));
    expect(refused).toEqual({
      line: 7,
      ok: false,
      rejections: [
        {
          line: 7,
          field: 'signaaldatum',
          reason: 'De signaaldatum 10-03-2025 ligt meer dan 6 maanden terug (de bewaartermijn): signalen van vóór 11-03-2025 worden niet aangenomen.',
        },
      ],
    });
  });

  it('refuses municipal taxes unless the municipality switched them on', async () => {
    const refused = await rules.check(row('2025-09-01', 'municipal_taxes'));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.rejections[0]).toMatchObject({
      line: 7,
      field: 'soort',
      reason: expect.stringContaining('gemeentelijke belastingen neemt de gemeente Dordrecht niet aan'),
    });
    const on = intakeRules({ today: '2025-09-11', settings: testSettings, municipalities: [{ ...dordrecht, municipalTaxes: true }] });
    expect((await on.check(row('2025-09-01', 'municipal_taxes'))).ok).toBe(true);
  });

  it('in a file for several municipalities, the municipality of the postcode decides on municipal taxes', async () => {
    const mixed = intakeRules({
      today: '2025-09-11',
      settings: testSettings,
      municipalities: [
        { ...dordrecht, municipalTaxes: true },
        { code: 'GM0642', name: 'Zwijndrecht', municipalTaxes: false },
      ],
      municipalityOfPostcode: (postcode) => (postcode.startsWith('333') ? 'GM0642' : postcode.startsWith('331') ? 'GM0505' : null),
    });
    expect((await mixed.check(row('2025-09-01', 'municipal_taxes', '3311AB'))).ok).toBe(true);
    const zwijndrecht = await mixed.check(row('2025-09-01', 'municipal_taxes', '3331AA'));
    expect(!zwijndrecht.ok && zwijndrecht.rejections[0]).toMatchObject({ field: 'soort', reason: expect.stringContaining('de gemeente Zwijndrecht niet aan') });
    // Outside every municipality of the file: not refused here, the routing makes it a non-resident.
    expect((await mixed.check(row('2025-09-01', 'municipal_taxes', '9999ZZ'))).ok).toBe(true);
  });

  it('in a file routed by postcode, refuses a resident of a municipality the sender may not deliver for, naming it', () => {
    const routed = intakeRules({
      today: '2025-09-11',
      settings: testSettings,
      municipalities: [dordrecht],
      unreachable: [{ code: 'GM0642', name: 'Zwijndrecht' }],
      municipalityOfPostcode: (postcode) => (postcode.startsWith('333') ? 'GM0642' : postcode.startsWith('331') ? 'GM0505' : null),
    });
    expect(routed.check(row('2025-09-01', 'rent', '3311AB')).ok).toBe(true);
    const other = routed.check(row('2025-09-01', 'rent', '3331AA'));
    expect(other).toEqual({
      line: 7,
      ok: false,
      rejections: [{ line: 7, field: 'postcode', reason: expect.stringContaining('ligt in de gemeente Zwijndrecht') }],
    });
    // Outside every municipality the creditor serves: not refused here; the routing makes it a non-resident.
    expect(routed.check(row('2025-09-01', 'rent', '1011AB')).ok).toBe(true);
  });
});

describe('the intake refuses past-term signals and municipal taxes until the admin switches them on', () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let orgs: Record<string, string>;
  const clock = new FakeClock('2025-03-10T10:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await loginAs(t.app, demoEmails.admin);
    officer = await loginAs(t.app, demoEmails.signal_officer);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: admin.headers })).json() as { id: string; code: string }[];
    orgs = Object.fromEntries(list.map((o) => [o.code, o.id]));
  });
  afterAll(() => t?.close());

  const upload = (session: Session, csv: string, query = '') =>
    t.app.inject({ method: 'POST', url: `/api/v1/signals/imports${query}`, headers: { ...session.headers, 'content-type': 'text/csv' }, payload: csv });
  const references = (prefix: string) =>
    inspect(t.db, async (tx) =>
      (await tx.select({ reference: signals.reference }).from(signals))
        .map((s) => s.reference)
        .filter((r) => r.startsWith(prefix))
        .sort(),
    );

  it('refuses a signal dated past the term on import, with its line and field', async () => {
    const csv = [
      fileHeader,
      'OLD-1;2024-09-09;huur;300,00;;Oud;Straat;3315AA;1;;Dordrecht',
      'OLD-2;2024-09-10;huur;300,00;;Net;Straat;3315AA;2;;Dordrecht',
    ].join('\n');
    const result = await importCsv(t.db, 'TRIVIRE', csv);
    expect(result).toMatchObject({
      rows: 2,
      accepted: 1,
      rejected: 1,
      rejections: [{ line: 2, field: 'signaaldatum', reason: expect.stringContaining('09-09-2024 ligt meer dan 6 maanden terug') }],
    });
    expect(await references('OLD-')).toEqual(['OLD-2']);
  });

  it('does not bring an erased signal back when the creditor sends it again after the purge', async () => {
    const csv = [fileHeader, 'RS-1;2025-03-01;huur;450,00;;Terug;Straat;3316BB;5;;Dordrecht'].join('\n');
    expect(await importCsv(t.db, 'TRIVIRE', csv)).toMatchObject({ accepted: 1 });
    clock.set('2025-09-11T10:00:00Z');
    expect((await purgeExpiredCases(t.db, testSettings)).signalsPurged).toBeGreaterThanOrEqual(1);
    expect(await references('RS-')).toEqual([]);
    const resent = await importCsv(t.db, 'TRIVIRE', csv);
    expect(resent).toMatchObject({ rows: 1, accepted: 0, duplicates: 0, rejected: 1, rejections: [{ line: 2, field: 'signaaldatum' }] });
    expect(await references('RS-')).toEqual([]);
  });

  it('refuses municipal taxes while the switch is off, accepts them once the admin switches it on (audited); only the admin may', async () => {
    // Six months on, the sessions have expired: log in again.
    admin = await loginAs(t.app, demoEmails.admin);
    officer = await loginAs(t.app, demoEmails.signal_officer);
    await t.db.unaudited((q) =>
      q
        .update(organisations)
        .set({ creditorTypes: ['water', 'municipal_taxes'] })
        .where(eq(organisations.code, 'EVIDES')),
    );
    const csv = `${header}\nGB-1;2025-09-01;gemeentelijke_belastingen;120,00;Bos;3316AB;2\nGB-2;2025-09-01;drinkwater;20,00;Bos;3316AB;2\n`;
    const query = `?creditorOrganisationId=${orgs.EVIDES}&municipalityCode=GM0505`;

    const shown = await t.app.inject({ method: 'GET', url: '/api/v1/signals/municipalities/GM0505/settings', headers: admin.headers });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ municipalityCode: 'GM0505', municipalityName: 'Dordrecht', municipalTaxes: false });
    const off = await upload(officer, csv, query);
    expect(off.json()).toMatchObject({
      rows: 2,
      accepted: 1,
      rejected: 1,
      rejections: [
        {
          line: 2,
          field: 'soort',
          reason:
            'Signalen over gemeentelijke belastingen neemt de gemeente Dordrecht niet aan: dat is een proef (Wgs artikel 10) die de beheerder van de gemeente eerst moet aanzetten.',
        },
      ],
    });

    const byOfficer = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/signals/municipalities/GM0505/settings',
      headers: officer.headers,
      payload: { municipalTaxes: true },
    });
    expect(byOfficer.statusCode).toBe(403);
    const otherMunicipality = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/signals/municipalities/GM9999/settings',
      headers: admin.headers,
      payload: { municipalTaxes: true },
    });
    expect(otherMunicipality.statusCode).toBe(403);
    const on = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/signals/municipalities/GM0505/settings',
      headers: admin.headers,
      payload: { municipalTaxes: true },
    });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ municipalTaxes: true });
    const audit = await t.db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.objectType, 'signal_municipality_settings')));
    expect(audit.at(-1)).toMatchObject({ action: 'update', objectId: 'GM0505', result: 'success', details: { municipalTaxes: true } });

    const accepted = await upload(officer, csv.replace('GB-2', 'GB-3'), query);
    expect(accepted.json()).toMatchObject({ rows: 2, accepted: 2, rejected: 0 });
    expect(await references('GB-')).toEqual(['GB-1', 'GB-2', 'GB-3']);

    const switchedOff = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/signals/municipalities/GM0505/settings',
      headers: admin.headers,
      payload: { municipalTaxes: false },
    });
    expect(switchedOff.json()).toMatchObject({ municipalTaxes: false });
    const again = await upload(officer, csv.replace('GB-1', 'GB-4').replace('GB-2', 'GB-5'), query);
    expect(again.json()).toMatchObject({ accepted: 1, rejected: 1 });
  });
});
