import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKeySecret } from '../../platform/auth.ts';
import { FakeClock } from '../../platform/clock.ts';
import { apiKeys } from '../../platform/schema.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { fileHeader, pdfPageCount, pdfText } from './test-helpers.ts';

const row = (ref: string, date: string, soort: string, bedrag: string, bsn: string, surname: string, postcode: string, nr: string) =>
  [ref, date, soort, bedrag, bsn, surname, 'Brouwersdijk', postcode, nr, '', 'Dordrecht'].join(';');

describe('from creditor file to outcome, through the HTTP API', () => {
  let t: TestApp;
  let officer: Session;
  let creditor: Session;
  let admin: Session;
  let orgs: Record<string, string>;
  const clock = new FakeClock('2025-04-15T09:00:00+02:00');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    officer = await loginAs(t.app, demoEmails.signal_officer);
    creditor = await loginAs(t.app, demoEmails.creditor);
    admin = await loginAs(t.app, demoEmails.admin);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: admin.headers })).json() as { id: string; code: string }[];
    orgs = Object.fromEntries(list.map((o) => [o.code, o.id]));
  });
  afterAll(() => t?.close());

  const upload = (session: Session, csv: string, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/signals/imports${query}`,
      headers: { ...session.headers, 'content-type': 'text/csv', 'x-file-name': 'maart.csv' },
      payload: csv,
    });

  it('lets a creditor upload a file and see only its own import results', async () => {
    const csv = [
      fileHeader,
      row('H-1', '2025-03-01', 'huur', '450,00', '111222333', 'Jansen', '3315AB', '12'),
      row('H-2', '2025-03-03', 'huur', '€ 1.200,00', '', 'de Groot', '3316AB', '1'),
      row('H-3', '2025-03-04', 'huur', '10,00', '', 'Kramer', '3314AA', '3'),
      row('H-4', '2025-03-04', 'huur', '90,00', '', '', '3314AA', '5'),
    ].join('\r\n');
    const response = await upload(creditor, csv);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ rows: 4, accepted: 3, duplicates: 0, rejected: 1, rejections: [{ line: 5, field: 'achternaam' }] });
    const again = await upload(creditor, csv);
    expect(again.json()).toMatchObject({ rows: 4, accepted: 0, duplicates: 3, rejected: 1 });

    const imports = (await t.app.inject({ method: 'GET', url: '/api/v1/signals/imports', headers: creditor.headers })).json() as {
      creditorName: string;
      fileName: string;
    }[];
    expect(imports).toHaveLength(2);
    expect(imports.every((i) => i.creditorName === 'Trivire' && i.fileName === 'maart.csv')).toBe(true);
    expect(JSON.stringify(imports)).not.toContain('Jansen');
  });

  it('refuses a creditor another creditor’s signals, imports and the team’s cases', async () => {
    const forOther = await upload(
      creditor,
      [fileHeader, row('X-1', '2025-03-01', 'huur', '50,00', '', 'Bos', '3315AB', '1')].join('\n'),
      `?creditorOrganisationId=${orgs.VGZ}`,
    );
    expect(forOther.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/signals/cases', headers: creditor.headers })).statusCode).toBe(403);
    // A signal officer's upload on behalf of VGZ is not visible to Trivire.
    const vgz = await upload(
      officer,
      [fileHeader, row('V-1', '2025-03-10', 'zorgverzekering', '€ 75,00', '', 'Jansen', '3315AB', '12')].join('\n'),
      `?creditorOrganisationId=${orgs.VGZ}&municipalityCode=GM0505`,
    );
    expect(vgz.statusCode).toBe(201);
    const vgzImport = vgz.json() as { importId: string };
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/signals/imports/${vgzImport.importId}`, headers: creditor.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/signals/imports/${vgzImport.importId}`, headers: officer.headers })).statusCode).toBe(200);
  });

  it('accepts a JSON batch with a creditor API key', async () => {
    // Evides serves all seven municipalities, so only an admin of all seven may key it: put the key in directly.
    const secret = newApiKeySecret();
    await t.db.unaudited((q) =>
      q.insert(apiKeys).values({ organisationId: orgs.EVIDES!, name: 'Incasso', prefix: secret.prefix, keyHash: secret.hash, roles: ['creditor'] }),
    );
    const key = { key: secret.key };
    const headers = { authorization: `Bearer ${key.key}` };
    const signals = [
      {
        referentie: 'W-1',
        datum: '2025-03-20',
        soort: 'drinkwater',
        bedrag: 61.5,
        bsn: '111222333',
        achternaam: 'Jansen',
        postcode: '3315 AB',
        huisnummer: '12',
      },
      { referentie: 'W-2', datum: '20-03-2025', soort: 'drinkwater', bedrag: '€ 30,00', achternaam: 'Dekker', postcode: '3316ZZ', huisnummer: 8 },
    ];
    // Without a municipality each row goes to the municipality of its postcode (Evides serves all seven).
    const routed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers,
      payload: {
        signals: [{ referentie: 'W-0', datum: '2025-03-20', soort: 'drinkwater', bedrag: '40,00', achternaam: 'Visser', postcode: '3331 AB', huisnummer: '7' }],
      },
    });
    expect(routed.statusCode).toBe(201);
    expect(routed.json()).toMatchObject({ rows: 1, accepted: 1, notResident: 0, municipalities: { GM0642: { accepted: 1 } } });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/signals', headers, payload: { municipalityCode: 'GM0505', signals } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ rows: 2, accepted: 2, duplicates: 0, rejected: 0 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/signals/cases', headers })).statusCode).toBe(403);
    const otherMunicipality = await t.app.inject({ method: 'POST', url: '/api/v1/signals', headers, payload: { municipalityCode: 'GM9999', signals } });
    expect(otherMunicipality.statusCode).toBe(403);
  });

  let caseId: string;
  it('shows the team a queue of households, filtered by neighbourhood and status', async () => {
    const queue = (await t.app.inject({ method: 'GET', url: '/api/v1/signals/cases?status=awaiting_letter', headers: officer.headers })).json() as {
      total: number;
      items: { id: string; surname: string; signalCount: number; totalCents: number; areaName: string; creditorTypes: string[] }[];
    };
    expect(queue.items.map((c) => c.surname).sort()).toEqual(['Dekker', 'Jansen', 'de Groot']);
    const jansen = queue.items.find((c) => c.surname === 'Jansen')!;
    expect(jansen).toMatchObject({
      signalCount: 3,
      totalCents: 45000 + 7500 + 6150,
      areaName: 'Wielwijk',
      creditorTypes: ['health_insurance', 'rent', 'water'],
    });
    caseId = jansen.id;
    const wielwijk = (await t.app.inject({ method: 'GET', url: '/api/v1/signals/cases?areaCode=WK050504', headers: officer.headers })).json() as {
      items: { surname: string }[];
    };
    expect(wielwijk.items.map((c) => c.surname)).toEqual(['Jansen']);
    const below = (await t.app.inject({ method: 'GET', url: '/api/v1/signals/cases?status=below_threshold', headers: officer.headers })).json() as {
      items: { surname: string }[];
    };
    expect(below.items.map((c) => c.surname)).toEqual(['Kramer']);
  });

  it('counts the letters first, makes them after the count is confirmed, in plain Dutch, and moves the cases on', async () => {
    const body = { selection: { kind: 'awaiting' } };
    const preview = await t.app.inject({ method: 'POST', url: '/api/v1/signals/letters/preview', headers: officer.headers, payload: body });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ count: 3, batches: 1, skipped: { count: 0 } });
    const unconfirmed = await t.app.inject({ method: 'POST', url: '/api/v1/signals/letters', headers: officer.headers, payload: body });
    expect(unconfirmed.statusCode).toBe(400);
    const run = await t.app.inject({ method: 'POST', url: '/api/v1/signals/letters', headers: officer.headers, payload: { ...body, confirmCount: 3 } });
    expect(run.statusCode).toBe(201);
    const batch = (run.json() as { batches: { id: string }[] }).batches[0]!;
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/signals/letters/batches/${batch.id}`, headers: officer.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['x-letter-count']).toBe('3');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(4); // the cover sheet and one page per letter
    const text = pdfText(pdf);
    for (const expected of [
      'Stapel 1 van 1',
      'Aantal brieven: 3',
      'Gemeente Dordrecht',
      'Wij helpen u graag met uw rekeningen',
      'Beste Jansen,',
      'voor de zorgverzekering, de huur en de waterrekening.',
      'De hulp is gratis.',
      'Bel ons: 14 078',
      '15 april 2025',
    ]) {
      expect(text).toContain(expected);
    }
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/signals/letters', headers: officer.headers, payload: { ...body, confirmCount: 3 } });
    expect(none.statusCode).toBe(409);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/signals/cases/${caseId}`, headers: officer.headers })).json();
    expect(detail).toMatchObject({ status: 'letter_sent', letterSentOn: '2025-04-15', dueDate: '2025-04-25' });
    const reprint = await t.app.inject({ method: 'GET', url: `/api/v1/signals/cases/${caseId}/letter`, headers: officer.headers });
    expect(pdfPageCount(reprint.rawPayload)).toBe(1);
  });

  it('records assignment, contact attempts and the outcome with a referral target', async () => {
    const assign = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/signals/cases/${caseId}`,
      headers: officer.headers,
      payload: { assignedUserId: officer.userId, dueDate: '2025-04-18' },
    });
    expect(assign.statusCode).toBe(200);
    const mine = (await t.app.inject({ method: 'GET', url: `/api/v1/signals/cases?assignedUserId=${officer.userId}`, headers: officer.headers })).json() as {
      items: { id: string; assignedName: string }[];
    };
    expect(mine.items).toEqual([expect.objectContaining({ id: caseId, assignedName: 'Sam Signaal' })]);
    const toCreditor = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/signals/cases/${caseId}`,
      headers: officer.headers,
      payload: { assignedUserId: creditor.userId },
    });
    expect(toCreditor.statusCode).toBe(400);

    const attempt = (payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/signals/cases/${caseId}/contact-attempts`, headers: officer.headers, payload });
    expect((await attempt({ kind: 'phone', reached: false, date: '2025-04-15', partOfDay: 'morning' })).statusCode).toBe(201);
    expect((await attempt({ kind: 'phone', reached: false, date: '2025-05-15', partOfDay: 'morning' })).statusCode).toBe(400);
    const administrativeContact = await attempt({ kind: 'administrative', reached: true, date: '2025-04-15', partOfDay: 'morning' });
    expect(administrativeContact.statusCode).toBe(400);
    expect(administrativeContact.json().errors[0].field).toBe('reached');
    const noEarlierContact = await t.app.inject({
      method: 'POST',
      url: `/api/v1/signals/cases/${caseId}/outcome`,
      headers: officer.headers,
      payload: { result: 'no_response' },
    });
    expect(noEarlierContact.statusCode).toBe(400);
    expect(noEarlierContact.json().detail).toMatch(/eerder contact/);
    expect((await attempt({ kind: 'home_visit', reached: true, date: '2025-04-15', partOfDay: 'evening', note: 'Samen rekeningen bekeken' })).statusCode).toBe(
      201,
    );
    // Reached at home, so "definitively no contact" contradicts the attempts.
    const contradicted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/signals/cases/${caseId}/outcome`,
      headers: officer.headers,
      payload: { result: 'no_contact' },
    });
    expect(contradicted.statusCode).toBe(400);
    expect(contradicted.json()).toMatchObject({ detail: expect.stringMatching(/al contact geweest/), errors: [{ field: 'result' }] });

    const outcome = (payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/signals/cases/${caseId}/outcome`, headers: officer.headers, payload });
    const noTarget = await outcome({ result: 'referral_financial' });
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().errors[0].field).toBe('referralOrganisationId');
    expect((await outcome({ result: 'referral_financial', referralOrganisationId: orgs.TRIVIRE })).statusCode).toBe(400);
    const notAReferral = await outcome({ result: 'quick_fix', chainConsent: true });
    expect(notAReferral.statusCode).toBe(400);
    expect(notAReferral.json().errors[0].field).toBe('chainConsent');
    // Help accepted, and the resident agrees to a handover in the chain: the SDD gets it as a referral.
    const closed = await outcome({ result: 'referral_financial', referralOrganisationId: orgs.SDD, referralNote: 'Aanmelding schuldhulp', chainConsent: true });
    expect(closed.statusCode).toBe(200);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/signals/cases/${caseId}`, headers: officer.headers })).json();
    expect(detail).toMatchObject({
      status: 'closed',
      result: 'referral_financial',
      helpResponse: 'accepted',
      reached: true,
      referralOrganisationName: 'Sociale Dienst Drechtsteden',
      closedOn: '2025-04-15',
    });
    expect(detail.chainReferralId).toMatch(/^[0-9a-f-]{36}$/);
    const handover = await t.app.inject({ method: 'GET', url: `/api/v1/referrals/${detail.chainReferralId}`, headers: officer.headers });
    expect(handover.statusCode).toBe(200);
    expect(JSON.stringify(handover.json())).toContain('Aanmelding schuldhulp');
    // A financial referral without a chosen theme goes as "Geld en schulden", with the case's three signals.
    expect(handover.json()).toMatchObject({ route: 'early_signal', state: 'sent', theme: 'money_debts' });
    expect(handover.json().intake.signals.map((f: { creditorTypeLabel: string; amountCents: number }) => [f.creditorTypeLabel, f.amountCents])).toEqual([
      ['Huur', 45000],
      ['Zorgverzekering', 7500],
      ['Drinkwater', 6150],
    ]);
    expect(detail.history).toEqual([
      expect.objectContaining({ kind: 'handed_over', text: 'Overgedragen aan Sociale Dienst Drechtsteden (Geld en schulden), met 3 signalen.' }),
    ]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/referrals/${detail.chainReferralId}`, headers: creditor.headers })).statusCode).toBe(403);
    expect(detail.contactAttempts.map((a: { kind: string; reached: boolean }) => [a.kind, a.reached]).sort()).toEqual([
      ['home_visit', true],
      ['phone', false],
    ]);
    expect(detail.signals).toHaveLength(3);
    expect((await outcome({ result: 'no_contact' })).statusCode).toBe(409);

    // The resident's audit listing shows every act on the case.
    const audit = (await t.app.inject({ method: 'GET', url: `/api/v1/persons/${detail.personId}/audit-events`, headers: admin.headers })).json() as {
      objectType: string;
      action: string;
    }[];
    const acts = audit.map((a) => `${a.objectType}:${a.action}`);
    for (const expected of [
      'signal_import:create',
      'signal_case:search',
      'signal_letter_batch:print',
      'signal_case:read',
      'signal_case:update',
      'signal_contact_attempt:create',
    ]) {
      expect(acts).toContain(expected);
    }
  });

  it('gives the monitor per creditor type, as JSON and as CSV, but not to a creditor', async () => {
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/signals/cases?status=letter_sent', headers: officer.headers });
    const groot = (other.json() as { items: { id: string; surname: string }[] }).items.find((c) => c.surname === 'de Groot')!;
    await t.app.inject({ method: 'POST', url: `/api/v1/signals/cases/${groot.id}/outcome`, headers: officer.headers, payload: { result: 'no_contact' } });

    const analyst = await loginAs(t.app, demoEmails.analyst);
    const json = (
      await t.app.inject({ method: 'GET', url: '/api/v1/signals/monitor?period=2025-Q1&municipalityCode=GM0505', headers: analyst.headers })
    ).json() as Record<string, unknown>[];
    const rent = json.find((r) => r.creditorType === 'rent');
    // rent: Jansen (helped), de Groot (no contact), Kramer (below threshold): 3 signals, 3 households, 2 letters, 1 reached, 1 accepted.
    expect(rent).toMatchObject({
      signals: 3,
      households: 3,
      lettersSent: 2,
      reached: 1,
      accepted: 1,
      reachedPct: 50,
      acceptedPct: 100,
      outcomes: { referral_financial: 1, no_contact: 1 },
    });
    expect(json.find((r) => r.creditorType === 'water')).toMatchObject({ signals: 2, households: 2, lettersSent: 2 });
    // Over all creditor types each household once (Jansen has three types), with the median lead times:
    // first signal → letter 45 (Jansen), 43 (de Groot), 26 (Dekker) days; both attempts and the contact on the letter's day.
    expect(json.at(-1)).toMatchObject({
      creditorType: 'all',
      signals: 6,
      households: 4,
      lettersSent: 3,
      medianDays: { toLetter: 43, toFirstAttempt: 0, toContact: 0 },
    });
    expect(rent).toMatchObject({ medianDays: { toLetter: 44 } });

    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/signals/monitor?period=2025-Q1&municipalityCode=GM0505&format=csv',
      headers: analyst.headers,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(
      /^gemeente;periode;soort_schuldeiser;soort_omschrijving;signalen;huishoudens;brieven;bereikt;bereikt_pct;hulp_aangenomen;aangenomen_pct;resultaat_/,
    );
    expect(lines).toContain(
      `GM0505;2025-Q1;rent;Huur;3;3;2;1;50,0;1;100,0;${['0', '0', '0', '0', '0', '0', '0', '1', '0', '0', '0', '0', '1', '0', '0'].join(';')};44,0;0,0;0,0;0`,
    );
    expect(lines.at(-1)).toMatch(/^GM0505;2025-Q1;all;Alle soorten samen;6;4;3;/);
    // Written by the shared CSV writer: no cell a spreadsheet would read as a formula.
    expect(lines.flatMap((l) => l.split(';')).filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/signals/monitor?period=2025-Q2', headers: analyst.headers })).json()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/signals/monitor?period=2025-Q5', headers: analyst.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/signals/monitor?period=2025-Q1', headers: creditor.headers })).statusCode).toBe(403);
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const path of [
      '/api/v1/signals',
      '/api/v1/signals/imports',
      '/api/v1/signals/cases',
      '/api/v1/signals/cases/{id}/outcome',
      '/api/v1/signals/letters',
      '/api/v1/signals/monitor',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
