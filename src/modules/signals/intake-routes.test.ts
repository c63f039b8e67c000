import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';

/** The column mapping and the creditor types through the HTTP API: who may set them, and that uploads use them. */
describe('intake configuration through the HTTP API', () => {
  let t: TestApp;
  let officer: Session;
  let creditor: Session;
  let admin: Session;
  let orgs: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2025-04-15T09:00:00+02:00') });
    officer = await loginAs(t.app, demoEmails.signal_officer);
    creditor = await loginAs(t.app, demoEmails.creditor);
    admin = await loginAs(t.app, demoEmails.admin);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: admin.headers })).json() as { id: string; code: string }[];
    orgs = Object.fromEntries(list.map((o) => [o.code, o.id]));
  });
  afterAll(() => t?.close());

  const upload = (session: Session, csv: string, query = '') =>
    t.app.inject({ method: 'POST', url: `/api/v1/signals/imports${query}`, headers: { ...session.headers, 'content-type': 'text/csv' }, payload: csv });

  it('lets the signal officer set a creditor’s mapping, which the creditor’s next upload uses; the creditor may not set it', async () => {
    const own = 'Kenmerk;Datum melding;Achterstand;Naam;PC;Nr\nAPI-1;2025-03-01;€ 310,00;Jansen;3315AB;8 A\n';
    const refused = await upload(creditor, own);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail ?? refused.json().title).toContain('kolomkoppeling');

    const body = { columns: { referentie: 'Kenmerk', datum: 'Datum melding', bedrag: 'Achterstand', achternaam: 'Naam', postcode: 'PC', huisnummer: 'Nr' } };
    const byCreditor = await t.app.inject({ method: 'PUT', url: `/api/v1/signals/mappings/${orgs.TRIVIRE}`, headers: creditor.headers, payload: body });
    expect(byCreditor.statusCode).toBe(403);
    const set = await t.app.inject({ method: 'PUT', url: `/api/v1/signals/mappings/${orgs.TRIVIRE}`, headers: officer.headers, payload: body });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ creditorCode: 'TRIVIRE', columns: body.columns });
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/signals/mappings/${orgs.TRIVIRE}`, headers: officer.headers });
    expect(got.json().columns.bedrag).toBe('Achterstand');

    const accepted = await upload(creditor, own);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });

    const wrong = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/signals/mappings/${orgs.TRIVIRE}`,
      headers: officer.headers,
      payload: { columns: { bedrag: 'Naam', achternaam: 'naam' } },
    });
    expect(wrong.statusCode).toBe(400);
    expect(JSON.stringify(wrong.json())).toContain('al gekoppeld');
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/signals/mappings/${orgs.TRIVIRE}`, headers: officer.headers });
    expect(removed.json().columns).toEqual({});
  });

  it('lets the admin set a creditor’s types, after which a row of another type is rejected; nobody else may', async () => {
    const byOfficer = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/signals/creditors/${orgs.EVIDES}/types`,
      headers: officer.headers,
      payload: { creditorTypes: ['water', 'energy'] },
    });
    expect(byOfficer.statusCode).toBe(403);
    const notCreditor = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/signals/creditors/${orgs.SWT}/types`,
      headers: admin.headers,
      payload: { creditorTypes: ['water'] },
    });
    expect(notCreditor.statusCode).toBe(400);
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/signals/creditors/${orgs.EVIDES}/types`,
      headers: admin.headers,
      payload: { creditorTypes: ['water', 'energy'] },
    });
    expect(set.statusCode).toBe(200);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: admin.headers })).json() as {
      code: string;
      creditorTypes: string[];
    }[];
    expect(listed.find((o) => o.code === 'EVIDES')!.creditorTypes).toEqual(['water', 'energy']);

    const csv = 'referentie;datum;soort;bedrag;achternaam;postcode;huisnummer\nEV-1;2025-03-01;energie;20;Bos;3316AB;2\nEV-2;2025-03-01;huur;20;Bos;3316AB;2\n';
    const result = await upload(officer, csv, `?creditorOrganisationId=${orgs.EVIDES}&municipalityCode=GM0505`);
    expect(result.json()).toMatchObject({
      rows: 2,
      accepted: 1,
      rejected: 1,
      rejections: [{ line: 3, field: 'soort', reason: expect.stringContaining('wel: drinkwater, energie') }],
    });
  });
});
