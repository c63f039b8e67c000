import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { importSignalFile } from './commands/importSignalFile.ts';
import { exportDdas } from './ddasExport.ts';
import { uitwisselmodelSchema, type Uitwisselmodel } from './ddasModel.ts';
import { readSignalFile } from './parse.ts';
import { fileHeader, inspect, makeLettersThroughApi, testSettings } from './test-helpers.ts';

const row = (ref: string, date: string, soort: string, bedrag: string, bsn: string, surname: string, postcode: string, nr: string, suffix = '') =>
  [ref, date, soort, bedrag, bsn, surname, 'Brouwersdijk', postcode, nr, suffix, 'Dordrecht'].join(';');

/** A valid document to break one rule at a time. */
function validDocument(): Uitwisselmodel {
  return {
    startdatumLevering: '2025-03-01',
    einddatumLevering: '2025-03-31',
    aanleverdatumEnTijd: '2025-04-15T07:00:00Z',
    codeGegevensleverancier: 'VANGNET',
    leveringen: [
      {
        teller: 1,
        gemeentecode: '0505',
        aanleverendeOrganisatie: { naam: 'Gemeente Dordrecht', contactpersonen: [{ naam: 'Team', email: 'team@dordrecht.example' }] },
        vroegsignalen: [
          {
            ID: 'a',
            bedrag: 450,
            signaaldatum: '2025-03-01',
            status: 'Opgepakt',
            signaalpartner: { type: 'Huur' },
            client: { burgerservicenummer: '111222333' },
          },
        ],
        vroegsignaalzaken: [
          {
            resultaat: '(Budget)advies en/of quick fix',
            vroegsignalen: [{ ID: 'a' }],
            contactpogingen: [{ soort: 'Telefoon', bereikt: true, datum: '2025-03-05', dagdeel: 'Middag' }],
          },
        ],
      },
    ],
  };
}

/** The document as loose JSON, so a test can break it anywhere with a value of any type (which is what it tests). */
// biome-ignore lint/suspicious/noExplicitAny: each test writes a wrong value of its own type at a path of its own
type Breakable = Record<string, any>;

describe('the DDAS 1.2 exchange model, as we read its rules', () => {
  const valid = validDocument;
  const refused = (change: (d: Breakable) => void) => {
    const d = valid() as unknown as Breakable;
    change(d);
    return !uitwisselmodelSchema.safeParse(d).success;
  };

  it('accepts a complete document', () => {
    expect(uitwisselmodelSchema.safeParse(valid()).success).toBe(true);
  });

  it('refuses any key outside the model, at every level', () => {
    expect(refused((d) => (d.extra = 1))).toBe(true);
    expect(refused((d) => (d.leveringen[0].aanleverende_organisatie = {}))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignalen[0].naam = 'Jansen'))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignaalzaken[0].datum_opgepakt = '2025-03-02'))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignaalzaken[0].contactpogingen[0].notitie = 'x'))).toBe(true);
  });

  it('holds the client to a BSN alone, or postcode and house number without one', () => {
    expect(refused((d) => (d.leveringen[0].vroegsignalen[0].client = { burgerservicenummer: '111222333', postcode: '3311AB' }))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignalen[0].client = { burgerservicenummer: '11122233' }))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignalen[0].client = { postcode: '3311AB' }))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignalen[0].client = { postcode: '3311AB', huisnummer: '8', achternaam: 'Jansen' }))).toBe(true);
    expect(
      refused(
        (d) =>
          (d.leveringen[0].vroegsignalen[0].client = {
            postcode: '3311AB',
            huisnummer: '8',
            huisnummertoevoeging: 'a',
            geboortedatum: '1980-01-02',
            geslachtsaanduiding: 'Onbekend',
          }),
      ),
    ).toBe(false);
  });

  it('takes only the exact strings, whole euros and ISO dates', () => {
    expect(refused((d) => (d.leveringen[0].vroegsignalen[0].status = 'Inwoner overleden'))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignalen[0].signaalpartner.type = 'Drinkwater'))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignaalzaken[0].resultaat = 'Verwijzing zonder toestemming'))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignaalzaken[0].contactpogingen[0].soort = 'E-mail'))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignalen[0].bedrag = 450.5))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignalen[0].signaaldatum = '01-03-2025'))).toBe(true);
    expect(refused((d) => (d.aanleverdatumEnTijd = '2025-04-15 07:00'))).toBe(true);
  });

  it('needs the required fields, a contact person when the list is given, and references that resolve', () => {
    expect(refused((d) => delete d.codeGegevensleverancier)).toBe(true);
    expect(refused((d) => delete d.leveringen[0].teller)).toBe(true);
    expect(refused((d) => delete d.leveringen[0].vroegsignalen[0].signaalpartner)).toBe(true);
    expect(refused((d) => (d.leveringen[0].aanleverendeOrganisatie.contactpersonen = []))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignaalzaken[0].vroegsignalen = []))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignaalzaken[0].vroegsignalen = [{ ID: 'a' }, { ID: 'a' }]))).toBe(true);
    expect(refused((d) => (d.leveringen[0].vroegsignaalzaken[0].vroegsignalen = [{ ID: 'b' }]))).toBe(true);
    expect(refused((d) => (d.leveringen = []))).toBe(true);
  });
});

describe('the DDAS export from the team’s real work', () => {
  let t: TestApp;
  let officer: Session;
  let analyst: Session;
  let creditor: Session;
  let admin: Session;
  const clock = new FakeClock('2025-04-15T09:00:00+02:00');

  const importFor = (creditorCode: string, municipalityCode: string, lines: string[]) =>
    importSignalFile(t.db, systemActor('test'), {
      creditor: { code: creditorCode },
      municipalityCode,
      channel: 'cli',
      fileName: 'maart.csv',
      rows: (today) => readSignalFile(Readable.from([Buffer.from([fileHeader, ...lines].join('\r\n'))]), { today }),
      settings: testSettings,
    });
  const ddas = (session: Session, query: string) => t.app.inject({ method: 'GET', url: `/api/v1/signals/ddas?${query}`, headers: session.headers });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    officer = await loginAs(t.app, demoEmails.signal_officer);
    analyst = await loginAs(t.app, demoEmails.analyst);
    creditor = await loginAs(t.app, demoEmails.creditor);
    admin = await loginAs(t.app, demoEmails.admin);
    await importFor('TRIVIRE', 'GM0505', [
      row('H-1', '2025-03-01', 'huur', '450,00', '111222333', 'Jansen', '3315AB', '12'),
      row('H-2', '2025-03-03', 'huur', '€ 1.200,49', '', 'de Groot', '3316 ab', '1', 'A'),
      row('H-3', '2025-03-04', 'huur', '10,00', '', 'Kramer', '3314AA', '3'),
      row('H-0', '2025-02-20', 'huur', '300,00', '', 'Vroeger', '3314AA', '9'),
    ]);
    await importFor('VGZ', 'GM0505', [row('Z-1', '2025-03-10', 'zorgverzekering', '75,50', '111222333', 'Jansen', '3315AB', '12')]);
    await importFor('VGZ', 'GM0642', [row('Z-2', '2025-03-11', 'zorgverzekering', '80,00', '', 'Visser', '3331AB', '7')]);
    const letters = await makeLettersThroughApi(t.app, officer.headers, { kind: 'awaiting' });
    expect(letters.count).toBeGreaterThan(0);
    const cases = (await t.app.inject({ method: 'GET', url: '/api/v1/signals/cases?limit=100', headers: officer.headers })).json() as {
      id: string;
      postcode: string;
    }[];
    const jansen = (Array.isArray(cases) ? cases : (cases as { items: typeof cases }).items).find((c) => c.postcode === '3315AB')!;
    const attempt = await t.app.inject({
      method: 'POST',
      url: `/api/v1/signals/cases/${jansen.id}/contact-attempts`,
      headers: officer.headers,
      payload: { kind: 'phone', reached: true, date: '2025-04-15', partOfDay: 'afternoon' },
    });
    expect(attempt.statusCode).toBe(201);
    const outcome = await t.app.inject({
      method: 'POST',
      url: `/api/v1/signals/cases/${jansen.id}/outcome`,
      headers: officer.headers,
      payload: { result: 'quick_fix' },
    });
    expect(outcome.statusCode).toBe(200);
  });
  afterAll(() => t?.close());

  it('gives the signal officer one valid delivery of the month, minimised to BSN or address key', async () => {
    const response = await ddas(officer, 'from=2025-03-01&to=2025-03-31');
    expect(response.statusCode).toBe(200);
    const document = response.json() as Uitwisselmodel;
    const checked = uitwisselmodelSchema.safeParse(document);
    expect(checked.error?.issues ?? []).toEqual([]);
    expect(document).toMatchObject({ startdatumLevering: '2025-03-01', einddatumLevering: '2025-03-31', codeGegevensleverancier: 'VANGNET' });
    expect(document.leveringen).toHaveLength(1);
    const delivery = document.leveringen![0]!;
    expect(delivery).toMatchObject({ teller: 1, gemeentecode: '0505', aanleverendeOrganisatie: { naam: 'Gemeente Dordrecht' } });
    // February's signal is outside the period; Zwijndrecht is not the officer's.
    expect(delivery.vroegsignalen!.map((s) => s.bedrag).sort((a, b) => a! - b!)).toEqual([10, 76, 450, 1200]);
    const byAmount = Object.fromEntries(delivery.vroegsignalen!.map((s) => [s.bedrag, s]));
    expect(byAmount[450]!.client).toEqual({ burgerservicenummer: '111222333' });
    expect(byAmount[1200]!.client).toEqual({ postcode: '3316AB', huisnummer: '1', huisnummertoevoeging: 'A' });
    expect(byAmount[450]).toMatchObject({ signaaldatum: '2025-03-01', status: 'Opgepakt', signaalpartner: { type: 'Huur' } });
    expect(byAmount[76]).toMatchObject({ signaalpartner: { type: 'Zorg' }, status: 'Opgepakt' });
    expect(byAmount[10]).toMatchObject({ status: 'Niet opgepakt: onterecht signaal' });
    const text = JSON.stringify(document);
    for (const word of ['Jansen', 'Groot', 'Kramer', 'Brouwersdijk', 'achternaam', 'straat']) expect(text).not.toContain(word);

    const jansenCase = delivery.vroegsignaalzaken!.find((c) => c.vroegsignalen!.some((r) => r.ID === byAmount[450]!.ID))!;
    expect(jansenCase.vroegsignalen!.map((r) => r.ID).sort()).toEqual([byAmount[450]!.ID, byAmount[76]!.ID].sort());
    expect(jansenCase).toMatchObject({
      resultaat: '(Budget)advies en/of quick fix',
      datumOpgepakt: '2025-04-15',
      startdatumMatchingperiode: '2025-03-01',
      einddatumMatchingperiode: '2025-03-10',
      contactpogingen: [{ soort: 'Telefoon', bereikt: true, datum: '2025-04-15', dagdeel: 'Middag' }],
    });
    expect(response.headers['x-total-count']).toBe('4');
  });

  it('is for the team and the admin of that municipality only, and every export is audited with the residents it names', async () => {
    expect((await ddas(analyst, 'from=2025-03-01&to=2025-03-31')).statusCode).toBe(403);
    expect((await ddas(creditor, 'from=2025-03-01&to=2025-03-31')).statusCode).toBe(403);
    expect((await ddas(officer, 'from=2025-03-01&to=2025-03-31&municipalityCode=GM0642')).statusCode).toBe(403);
    expect((await ddas(admin, 'from=2025-03-01&to=2025-03-31&municipalityCode=GM0505')).statusCode).toBe(200);
    const bad = await ddas(officer, 'from=2025-03-31&to=2025-03-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail ?? bad.json().title).toMatch(/begindatum/);
    const lines = await inspect(t.db, (tx) =>
      tx.execute(sql`select result, subject_ids, municipality_code from audit_events where object_type = 'ddas_exchange' order by occurred_at`),
    );
    const rows = (lines as unknown as { rows: { result: string; subject_ids: string[]; municipality_code: string | null }[] }).rows;
    const ok = rows.filter((r) => r.result === 'success');
    expect(ok.length).toBeGreaterThanOrEqual(2);
    expect(ok[0]!.municipality_code).toBe('GM0505');
    expect(ok[0]!.subject_ids.length).toBe(3);
    expect(rows.some((r) => r.result === 'denied')).toBe(true);
  });

  it('pages whole cases, at most pageSize signals a page, every page valid and together the whole period', async () => {
    const first = await ddas(officer, 'from=2025-03-01&to=2025-03-31&pageSize=2');
    expect(first.statusCode).toBe(200);
    const pages = Number(first.headers['x-pagination-pages']);
    expect(pages).toBe(2);
    expect(first.headers.link).toContain('rel="next"');
    const ids: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const response = page === 1 ? first : await ddas(officer, `from=2025-03-01&to=2025-03-31&pageSize=2&page=${page}`);
      const document = response.json() as Uitwisselmodel;
      expect(uitwisselmodelSchema.safeParse(document).success).toBe(true);
      const delivery = document.leveringen![0]!;
      expect(delivery.vroegsignalen!.length).toBeLessThanOrEqual(2);
      ids.push(...delivery.vroegsignalen!.map((s) => s.ID));
    }
    expect(new Set(ids).size).toBe(4);
    const beyond = await ddas(officer, 'from=2025-03-01&to=2025-03-31&pageSize=2&page=3');
    expect(beyond.statusCode).toBe(400);
    expect((await ddas(officer, 'from=2025-03-01&to=2025-03-31&pageSize=50001')).statusCode).toBe(400);
  });

  it('gives the command line one delivery per municipality, numbered', async () => {
    const result = await exportDdas(t.db, systemActor('test'), { from: '2025-03-01', to: '2025-03-31' }, testSettings);
    expect(uitwisselmodelSchema.safeParse(result.document).success).toBe(true);
    expect(result.document.leveringen!.map((l) => [l.teller, l.gemeentecode, l.vroegsignalen!.length])).toEqual([
      [1, '0505', 4],
      [2, '0642', 1],
    ]);
    const empty = await exportDdas(t.db, systemActor('test'), { from: '2024-01-01', to: '2024-01-31' }, testSettings);
    expect(uitwisselmodelSchema.safeParse(empty.document).success).toBe(true);
    expect(empty.document.leveringen).toBeUndefined();
  });

  it('tells a creditor per signal only what the law allows, and nothing of other creditors or the household', async () => {
    // de Groot turns out to be known to debt help already: the creditor may learn only "not taken up".
    const cases = (await t.app.inject({ method: 'GET', url: '/api/v1/signals/cases?limit=100', headers: officer.headers })).json() as {
      items: { id: string; postcode: string }[];
    };
    const groot = cases.items.find((c) => c.postcode === '3316AB')!;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/signals/cases/${groot.id}/outcome`,
          headers: officer.headers,
          payload: { result: 'known_to_debt_help' },
        })
      ).statusCode,
    ).toBe(200);

    const response = await t.app.inject({ method: 'GET', url: '/api/v1/signals/feedback', headers: creditor.headers });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { total: number; items: { reference: string; feedback: string; feedbackLabel: string }[] };
    expect(body.total).toBe(4);
    const byRef = Object.fromEntries(body.items.map((i) => [i.reference, i.feedbackLabel]));
    expect(byRef).toEqual({ 'H-0': 'Opgepakt', 'H-1': 'Opgepakt', 'H-2': 'Niet opgepakt', 'H-3': 'Niet opgepakt: onterecht signaal' });
    const text = JSON.stringify(body);
    for (const word of ['Jansen', 'Groot', 'schuldhulp', 'Z-1', 'VGZ', 'caseId', 'bsn', 'postcode']) expect(text).not.toContain(word);
    // Trivire cannot ask for another creditor's signals.
    const vgzId = ((await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: admin.headers })).json() as { id: string; code: string }[]).find(
      (o) => o.code === 'VGZ',
    )!.id;
    const other = (
      await t.app.inject({ method: 'GET', url: `/api/v1/signals/feedback?creditorOrganisationId=${vgzId}`, headers: creditor.headers })
    ).json() as { total: number };
    expect(other.total).toBe(4);
    const filtered = (await t.app.inject({ method: 'GET', url: '/api/v1/signals/feedback?feedback=not_taken_up', headers: creditor.headers })).json() as {
      items: { reference: string }[];
    };
    expect(filtered.items.map((i) => i.reference)).toEqual(['H-2']);
    // The team sees the feedback of any creditor of its municipality.
    const forVgz = (
      await t.app.inject({ method: 'GET', url: `/api/v1/signals/feedback?creditorOrganisationId=${vgzId}`, headers: officer.headers })
    ).json() as { items: { reference: string; feedbackLabel: string }[] };
    expect(forVgz.items).toEqual([expect.objectContaining({ reference: 'Z-1', feedbackLabel: 'Opgepakt' })]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/signals/feedback', headers: analyst.headers })).statusCode).toBe(403);
  });
});
