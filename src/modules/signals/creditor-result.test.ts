import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKeySecret } from '../../platform/auth.ts';
import { apiKeys } from '../../platform/schema.ts';
import { FakeClock } from '../../platform/clock.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { fileHeader } from './test-helpers.ts';

const row = (ref: string, surname: string, postcode: string, nr: string) =>
  [ref, '2025-03-01', 'huur', '450,00', '', surname, 'Brouwersdijk', postcode, nr, '', 'Dordrecht'].join(';');

/** A creditor learns nothing from its import result about other creditors' signals or the team's cases. */
describe('the import result a creditor gets', () => {
  let t: TestApp;
  let creditor: Session;
  let officer: Session;
  let vgz: Record<string, string>;
  let trivireId: string;
  const clock = new FakeClock('2025-04-15T09:00:00+02:00');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    creditor = await loginAs(t.app, demoEmails.creditor);
    officer = await loginAs(t.app, demoEmails.signal_officer);
    const admin = await loginAs(t.app, demoEmails.admin);
    const orgs = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: admin.headers })).json() as { id: string; code: string }[];
    // VGZ serves all seven municipalities, so only an admin of all seven may key it: put the key in directly.
    const secret = newApiKeySecret();
    await t.db.unaudited((q) =>
      q
        .insert(apiKeys)
        .values({ organisationId: orgs.find((o) => o.code === 'VGZ')!.id, name: 'Incasso', prefix: secret.prefix, keyHash: secret.hash, roles: ['creditor'] }),
    );
    vgz = { authorization: `Bearer ${secret.key}` };
    trivireId = orgs.find((o) => o.code === 'TRIVIRE')!.id;
  });
  afterAll(() => t?.close());

  const upload = (session: Session, csv: string, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/signals/imports${query}`,
      headers: { ...session.headers, 'content-type': 'text/csv', 'x-file-name': 'april.csv' },
      payload: csv,
    });
  const withoutId = (body: Record<string, unknown>) => {
    const { importId, ...rest } = body;
    expect(importId).toEqual(expect.any(String));
    return rest;
  };

  it('is the same for a household that already has arrears with another creditor as for a fresh one', async () => {
    // VGZ reports the household at 3315AB 12 first: the team now has a case for it.
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: vgz,
      payload: {
        municipalityCode: 'GM0505',
        signals: [
          { referentie: 'Z-1', datum: '2025-03-01', soort: 'zorgverzekering', bedrag: '120,00', achternaam: 'Jansen', postcode: '3315AB', huisnummer: '12' },
        ],
      },
    });
    expect(first.statusCode).toBe(201);

    const known = await upload(creditor, [fileHeader, row('T-1', 'Jansen', '3315AB', '12'), row('T-X', '', '3315AB', '14')].join('\r\n'));
    const fresh = await upload(creditor, [fileHeader, row('T-2', 'Bakker', '3316CD', '7'), row('T-Y', '', '3316CD', '9')].join('\r\n'));
    expect(known.statusCode).toBe(201);
    expect(fresh.statusCode).toBe(201);
    expect(withoutId(known.json())).toEqual(withoutId(fresh.json()));
    expect(Object.keys(known.json()).sort()).toEqual([
      'accepted',
      'duplicates',
      'importId',
      'municipalities',
      'municipalityCode',
      'notResident',
      'rejected',
      'rejections',
      'rejectionsTruncated',
      'rows',
    ]);
    expect(known.json().municipalities).toEqual({ GM0505: { accepted: 1 } });
    expect(known.json()).toMatchObject({ rows: 2, accepted: 1, duplicates: 0, rejected: 1, rejections: [{ line: 3, field: 'achternaam' }] });

    // The same through the JSON batch API with a creditor's key.
    const batch = (ref: string, postcode: string, nr: string) => ({
      municipalityCode: 'GM0505',
      signals: [{ referentie: ref, datum: '2025-03-02', soort: 'zorgverzekering', bedrag: '80,00', achternaam: 'Visser', postcode, huisnummer: nr }],
    });
    const knownBatch = await t.app.inject({ method: 'POST', url: '/api/v1/signals', headers: vgz, payload: batch('Z-2', '3316CD', '7') });
    const freshBatch = await t.app.inject({ method: 'POST', url: '/api/v1/signals', headers: vgz, payload: batch('Z-3', '3317EF', '3') });
    expect(withoutId(knownBatch.json())).toEqual(withoutId(freshBatch.json()));
    expect(JSON.stringify([known.json(), fresh.json(), knownBatch.json(), freshBatch.json()])).not.toMatch(/case|zaak/i);
  });

  it('still tells the early-signal team how many cases an import opened', async () => {
    // The officer delivers on behalf of a creditor, named in the query.
    const response = await upload(officer, [fileHeader, row('T-3', 'Smit', '3318GH', '2')].join('\n'), `?creditorOrganisationId=${trivireId}`);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ rows: 1, accepted: 1, casesCreated: 1 });
  });
});
