import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock.ts';
import { createTestApp, demoEmails, loginAs, type TestApp } from '../../../test/support/app.ts';
import { onReferralEnded, type ReferralEndedEvent } from './index.ts';
import { ensureReferralDemoUsers } from './demo.ts';

/**
 * A withdrawn consent ends what nobody can act on any more: the referrals the organisation receives, and those it
 * sent while it still holds the resident. Not a referral the receiver already took up, and not while another
 * consent of the organisation still stands. Each closed referral is announced to the modules that subscribed.
 */
const emails = { swt: demoEmails.case_worker, sdd: 'consulent@sdd.example', humanitas: 'vrijwilliger@humanitas.example' };
type Who = keyof typeof emails;
const clock = new FakeClock('2026-11-27T09:00:00Z');
let t: TestApp;
const announced: ReferralEndedEvent[] = [];

async function call(who: Who, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const { headers } = await loginAs(t.app, emails[who]);
  return t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as never });
}

async function refer(surname: string, to = 'SDD') {
  const res = await call('swt', 'POST', '/referrals', {
    municipalityCode: 'GM0505',
    person: { initials: 'W.', surname, postcode: '3315AB', houseNumber: '7', phone: '0612345678' },
    toOrganisationCode: to,
    theme: 'money_debts',
    question: 'Wil hulp bij een betalingsregeling.',
    consent: { given: true, text: 'De inwoner geeft toestemming om te delen met de ontvanger.' },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { referralId: string; personId: string };
}

async function consentOf(who: Who, personId: string, code: string) {
  const timeline = (await call(who, 'GET', `/referrals/residents/${personId}/timeline`)).json() as {
    consents: { id: string; organisation: { code: string }; withdrawnAt: string | null }[];
  };
  return timeline.consents.find((c) => c.organisation.code === code && !c.withdrawnAt)!.id;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  await ensureReferralDemoUsers(t.db, t.config.demoPassword);
  onReferralEnded('withdrawal-test', async (_tx, event) => {
    announced.push(event);
  });
});
afterAll(async () => {
  onReferralEnded('withdrawal-test', async () => {});
  await t?.close();
});

describe('withdrawing a consent', () => {
  it('closes a referral the sender still holds when the sender’s consent is withdrawn, and announces it', async () => {
    const { referralId, personId } = await refer('Wit-Verzender');
    const res = await call('sdd', 'POST', `/referrals/consents/${await consentOf('sdd', personId, 'SWT')}/withdraw`, {
      note: 'Inwoner wil niet dat het wijkteam meekijkt.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().closedReferralIds).toEqual([referralId]);
    expect((await call('sdd', 'GET', `/referrals/${referralId}`)).json()).toMatchObject({
      state: 'closed',
      closeReason: 'Toestemming ingetrokken: Inwoner wil niet dat het wijkteam meekijkt.',
      flags: [],
    });
    expect(announced.at(-1)).toMatchObject({
      referralId,
      personId,
      how: 'consent_withdrawn',
      previousState: 'sent',
      route: 'referral',
      organisation: { code: 'SWT' },
    });
    const sddList = (await call('sdd', 'GET', '/referrals/worklist')).json() as { incoming: { id: string }[] };
    expect(sddList.incoming.map((i) => i.id)).not.toContain(referralId);
  });

  it('leaves a referral open that the receiver already took up when the sender’s consent is withdrawn', async () => {
    const { referralId, personId } = await refer('Wit-Opgepakt');
    expect((await call('sdd', 'POST', `/referrals/${referralId}/accept`, {})).statusCode).toBe(200);
    expect((await call('sdd', 'POST', `/referrals/${referralId}/first-contact`, {})).statusCode).toBe(200);
    const before = announced.length;
    const res = await call('sdd', 'POST', `/referrals/consents/${await consentOf('sdd', personId, 'SWT')}/withdraw`, {});
    expect(res.json().closedReferralIds).toEqual([]);
    expect((await call('sdd', 'GET', `/referrals/${referralId}`)).json()).toMatchObject({
      state: 'first_contact',
      actions: expect.arrayContaining([{ action: 'help_in_place', reasonRequired: false }]),
    });
    expect(announced.length).toBe(before);
  });

  it('announces a decline and a close before first contact, not a close after help got going', async () => {
    const declined = await refer('Wit-Afgewezen');
    expect((await call('sdd', 'POST', `/referrals/${declined.referralId}/decline`, { reason: 'Buiten ons werkgebied.' })).statusCode).toBe(200);
    expect(announced.at(-1)).toMatchObject({
      referralId: declined.referralId,
      how: 'declined',
      previousState: 'sent',
      reason: 'Buiten ons werkgebied.',
      organisation: { code: 'SDD' },
    });
    // Closing the declined referral afterwards is no second announcement.
    const count = announced.length;
    expect((await call('swt', 'POST', `/referrals/${declined.referralId}/close`, {})).statusCode).toBe(200);
    expect(announced.length).toBe(count);

    const closedEarly = await refer('Wit-Vroeg');
    expect((await call('swt', 'POST', `/referrals/${closedEarly.referralId}/close`, { reason: 'Inwoner ziet ervan af.' })).statusCode).toBe(200);
    expect(announced.at(-1)).toMatchObject({ referralId: closedEarly.referralId, how: 'closed', previousState: 'sent', organisation: { code: 'SWT' } });

    const helped = await refer('Wit-Geholpen');
    for (const step of ['accept', 'first-contact', 'help-in-place', 'close'])
      expect((await call('sdd', 'POST', `/referrals/${helped.referralId}/${step}`, {})).statusCode).toBe(200);
    expect(announced.some((e) => e.referralId === helped.referralId)).toBe(false);
  });
});
