import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type TestApp } from '../../../test/support/app.ts';
import { smtpEnv, startTestSmtp, type TestSmtp } from '../../../test/support/smtp.ts';
import { FakeClock } from '../../platform/clock.ts';
import { deliverDueMails } from '../../platform/mail/delivery.ts';
import { mailOverdueReferrals } from './commands/overdueMails.ts';

/**
 * The referral mails as they arrive at a real SMTP server: the receiving organisation hears of a new referral, with a
 * link and no personal data at all; its team lead hears once when the referral was not picked up in time.
 */
let smtp: TestSmtp;
let t: TestApp;
// Monday 7 December 2026, 10:00 in Dordrecht.
const clock = new FakeClock('2026-12-07T09:00:00Z');

const person = {
  initials: 'R.',
  surname: 'Zonneveld',
  bsn: '123456782',
  postcode: '3315AB',
  houseNumber: '7',
  phone: '0612345678',
  email: 'r.zonneveld@example.nl',
};
const question = 'Achterstand in huur en zorgverzekering; wil hulp bij een betalingsregeling.';

async function refer(to: string, resident: Record<string, string> = person) {
  const session = await loginAs(t.app, demoEmails.case_worker);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: session.headers,
    payload: {
      municipalityCode: 'GM0505',
      person: resident,
      toOrganisationCode: to,
      theme: 'money_debts',
      question,
      consent: { given: true, text: 'Toestemming om te delen.' },
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().referralId as string;
}

const toOf = (m: TestSmtp['received'][number]) => (m.to && !Array.isArray(m.to) ? m.to.value.map((a) => a.address) : []);

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ clock, env: { ...smtpEnv(smtp), VANGNET_PUBLIC_URL: 'https://vangnet.dordrecht.example' } });
});

afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('referral mails', () => {
  let referralId: string;

  it("tells the receiving organisation's inbox of a new referral, with a link and nothing about the resident", async () => {
    referralId = await refer('SHM');
    expect(await deliverDueMails(t.db, t.config.mail!)).toMatchObject({ sent: 1 });
    const mail = smtp.received.at(-1)!;
    expect(toOf(mail)).toEqual(['aanmelden@schuldhulpmaatje.example']);
    expect(mail.subject).toBe('Nieuwe verwijzing in Vangnet');
    expect(mail.text).toContain('Er staat in Vangnet een nieuwe verwijzing klaar voor SchuldHulpMaatje Dordrecht.');
    expect(mail.text).toContain('uiterlijk 10 december 2026');
    expect(mail.text).toContain(`https://vangnet.dordrecht.example/medewerkers/verwijzingen/${referralId}`);
    const everything = `${mail.subject}\n${mail.text}\n${JSON.stringify(mail.headers)}`;
    for (const personal of ['Zonneveld', '123456782', '3315', '0612345678', 'r.zonneveld', 'huur', 'betalingsregeling']) {
      expect(everything).not.toContain(personal);
    }
  });

  it('sends nothing to an organisation without an address', async () => {
    const before = smtp.received.length;
    await refer('HUMANITAS', { initials: 'J.', surname: 'Jansen', postcode: '3311AB', houseNumber: '2' });
    expect(await deliverDueMails(t.db, t.config.mail!)).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(before);
  });

  it("tells the team lead once when the referral was not picked up in time, after the admin set the team lead's address", async () => {
    const admin = await loginAs(t.app, demoEmails.admin);
    const organisations = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: admin.headers })).json() as {
      id: string;
      code: string;
    }[];
    const shm = organisations.find((o) => o.code === 'SHM')!;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${shm.id}`,
      headers: admin.headers,
      payload: { teamLeadMailAddress: 'Teamleider@SchuldHulpMaatje.example' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ mailAddress: 'aanmelden@schuldhulpmaatje.example', teamLeadMailAddress: 'teamleider@schuldhulpmaatje.example' });
    // The partner sees the inbox, not the team lead's address.
    const caseWorker = await loginAs(t.app, demoEmails.case_worker);
    const seen = (await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: caseWorker.headers })).json() as { code: string }[];
    expect(seen.find((o) => o.code === 'SHM')).toMatchObject({ mailAddress: 'aanmelden@schuldhulpmaatje.example', teamLeadMailAddress: null });

    // On the answer date itself it is not late yet.
    clock.set('2026-12-10T15:00:00Z');
    await mailOverdueReferrals(t.db);
    expect(await deliverDueMails(t.db, t.config.mail!)).toMatchObject({ sent: 0 });
    clock.set('2026-12-11T08:00:00Z');
    expect(await mailOverdueReferrals(t.db)).toBeGreaterThanOrEqual(1);
    expect(await deliverDueMails(t.db, t.config.mail!)).toMatchObject({ sent: 1 });
    const mail = smtp.received.at(-1)!;
    expect(toOf(mail)).toEqual(['teamleider@schuldhulpmaatje.example']);
    expect(mail.subject).toBe('Verwijzing niet op tijd opgepakt');
    expect(mail.text).toContain(`/medewerkers/verwijzingen/${referralId}`);
    expect(mail.text).not.toContain('Zonneveld');
    // Once only.
    clock.advance({ hours: 2 });
    expect(await mailOverdueReferrals(t.db)).toBe(0);
    expect(await deliverDueMails(t.db, t.config.mail!)).toMatchObject({ sent: 0 });
  });
});
