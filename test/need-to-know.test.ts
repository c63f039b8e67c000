import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureReferralDemoUsers } from '../src/modules/referrals/demo.ts';
import { fileHeader, importCsv } from '../src/modules/signals/test-helpers.ts';
import { FakeClock } from '../src/platform/clock.ts';
import { createTestApp, demoEmails, loginAs, type TestApp } from './support/app.ts';

/**
 * Need-to-know on the person register: an organisation reads a resident only while it has a lawful relation
 * with them (its own case, a referral with consent), and otherwise gets the same 404 as for nobody at all.
 */
const emails = {
  officer: demoEmails.signal_officer,
  swt: demoEmails.case_worker,
  sdd: 'consulent@sdd.example',
  humanitas: 'vrijwilliger@humanitas.example',
  gp: 'huisarts@drechtdokters.example',
  admin: demoEmails.admin,
};
type Who = keyof typeof emails;

const clock = new FakeClock('2025-04-15T09:00:00+02:00');
let t: TestApp;
let eropafId: string;
let chainId: string;

async function call(who: Who, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const { headers } = await loginAs(t.app, emails[who]);
  return t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as never });
}
const read = (who: Who, id: string) => call(who, 'GET', `/persons/${id}`);
const search = async (who: Who, query: string) => {
  const response = await call(who, 'GET', `/persons?municipalityCode=GM0505&${query}`);
  expect(response.statusCode).toBe(200);
  return (response.json() as { id: string }[]).map((p) => p.id);
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  await ensureReferralDemoUsers(t.db, t.config.demoPassword);
  // A Vroeg Eropaf resident: Trivire reports rent arrears; the early-signal team gets the household's case.
  await importCsv(
    t.db,
    'TRIVIRE',
    [fileHeader, ['E-1', '2025-03-01', 'huur', '450,00', '111222333', 'Smits-Eropaf', 'Brouwersdijk', '3315AB', '12', '', 'Dordrecht'].join(';')].join('\n'),
  );
  const found = await search('officer', 'bsn=111222333');
  expect(found).toHaveLength(1);
  eropafId = found[0]!;
  // A resident in the chain: the neighbourhood team refers them to the social service, with consent.
  const referral = await call('swt', 'POST', '/referrals', {
    municipalityCode: 'GM0505',
    person: { initials: 'K.', surname: 'Smits-Keten', birthDate: '1984-06-01', postcode: '3316AB', houseNumber: '3', phone: '0611111111' },
    toOrganisationCode: 'SDD',
    theme: 'money_debts',
    question: 'Wil hulp bij een betalingsregeling.',
    consent: { given: true, text: 'De inwoner geeft toestemming om gegevens te delen met de SDD.' },
  });
  expect(referral.statusCode).toBe(201);
  chainId = referral.json().personId;
});
afterAll(() => t?.close());

describe('need-to-know on the person register', () => {
  it('lets the early-signal team read its own case’s resident, with the relation as the purpose in the audit line', async () => {
    const own = await read('officer', eropafId);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ surname: 'Smits-Eropaf', bsn: '111222333' });
    const trail = (await call('admin', 'GET', `/persons/${eropafId}/audit-events`)).json() as { action: string; result: string; purpose: string | null }[];
    expect(trail).toContainEqual(expect.objectContaining({ action: 'read', result: 'success', purpose: 'signals:case' }));
  });

  it('does not show a Vroeg Eropaf resident to a Humanitas volunteer, a GP or the neighbourhood team: 404, as if unknown', async () => {
    const unknown = await read('humanitas', '00000000-0000-4000-8000-000000000000');
    for (const who of ['humanitas', 'gp', 'swt'] as const) {
      const response = await read(who, eropafId);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ ...unknown.json(), instance: `/api/v1/persons/${eropafId}` });
      expect(response.body).not.toContain('Smits');
      expect(response.body).not.toContain('111222333');
      expect(await search(who, 'bsn=111222333')).toEqual([]);
      expect(await search(who, 'surname=Smits')).not.toContain(eropafId);
    }
    const trail = (await call('admin', 'GET', `/persons/${eropafId}/audit-events`)).json() as { action: string; result: string }[];
    expect(trail.filter((e) => e.action === 'read' && e.result === 'denied').length).toBeGreaterThanOrEqual(3);
  });

  it('search lists only the persons the organisation has a relation with', async () => {
    expect(await search('officer', 'surname=Smits')).toEqual([eropafId]);
    expect(await search('sdd', 'surname=Smits')).toEqual([chainId]);
    expect(await search('swt', 'surname=Smits')).toEqual([chainId]);
    expect(await search('humanitas', 'surname=Smits')).toEqual([]);
    expect(await search('gp', 'surname=Smits')).toEqual([]);
  });

  it('lets the receiving organisation read the resident during the consented referral, and not after the consent is withdrawn', async () => {
    const during = await read('sdd', chainId);
    expect(during.statusCode).toBe(200);
    expect(during.json()).toMatchObject({ surname: 'Smits-Keten', birthDate: '1984-06-01' });
    expect((await read('humanitas', chainId)).statusCode).toBe(404);
    expect((await read('gp', chainId)).statusCode).toBe(404);
    expect((await read('officer', chainId)).statusCode).toBe(404);

    const timeline = (await call('swt', 'GET', `/referrals/residents/${chainId}/timeline`)).json() as {
      consents: { id: string; organisation: { code: string } }[];
    };
    const sddConsent = timeline.consents.find((c) => c.organisation.code === 'SDD')!;
    expect((await call('swt', 'POST', `/referrals/consents/${sddConsent.id}/withdraw`, { note: 'Inwoner wil dit niet meer.' })).statusCode).toBe(200);

    const after = await read('sdd', chainId);
    expect(after.statusCode).toBe(404);
    expect(after.body).not.toContain('Smits');
    expect(await search('sdd', 'surname=Smits')).toEqual([]);
    // The withdrawal closed the referral the SDD could no longer act on; with it ends the sender's relation through
    // that referral (an open referral), although its own consent stands: it still sees the chain on its timeline.
    expect((await read('swt', chainId)).statusCode).toBe(404);
    expect((await call('swt', 'GET', `/referrals/residents/${chainId}/timeline`)).statusCode).toBe(200);

    const trail = (await call('admin', 'GET', `/persons/${chainId}/audit-events`)).json() as {
      action: string;
      result: string;
      purpose: string | null;
      actorOrganisationId: string;
    }[];
    expect(trail).toContainEqual(expect.objectContaining({ action: 'read', result: 'success', purpose: 'referrals:referral' }));
    expect(trail).toContainEqual(expect.objectContaining({ action: 'read', result: 'denied' }));
  });
});
