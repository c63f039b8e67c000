import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { systemActor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { mailOutbox } from '../../platform/mail/schema.ts';
import { persons } from '../../platform/schema.ts';
import { seedPassDemo } from './demo.ts';
import { passNumberFrom } from './domain.ts';
import { myPassPage } from './pages.ts';
import { passApplications } from './schema.ts';

/** Campaigns with a target group and an end date: who gets it, what the till and Mijn Dordtpas show, the e-mail. */
const clock = new FakeClock('2026-05-04T10:00:00Z');
let t: TestApp;
let admin: Session;
const jansen = passNumberFrom('100000001');
const campaign = {
  code: 'zomer-wielwijk',
  name: 'Zomertegoed Wielwijk',
  year: 2026,
  amountCents: 2_500,
  targetMinAge: 4,
  targetMaxAge: 12,
  targetAreaCode: 'WK050504',
  endsOn: '2026-05-31',
};

beforeAll(async () => {
  // Mail set up (nothing delivers it in this test): the notice waits in the outbox.
  t = await createTestApp({
    clock,
    env: { VANGNET_SMTP_HOST: '127.0.0.1', VANGNET_SMTP_PORT: '2525', VANGNET_SMTP_TLS: 'none', VANGNET_MAIL_FROM: 'vangnet@dordrecht.example' },
  });
  await seedPassDemo(t.db);
  // The Jansen household left an e-mail address.
  await t.db.audited(systemActor('test'), { action: 'update', objectType: 'person' }, async (tx) => {
    const [application] = await tx.select().from(passApplications).where(eq(passApplications.reference, 'DP-DEMO0001'));
    await tx.update(persons).set({ email: 'jansen@example.org' }).where(eq(persons.id, application!.applicantPersonId));
  });
  admin = await loginAs(t.app, demoEmails.admin);
}, 300_000);
afterAll(() => t?.close());

const lookup = async (session: Session) =>
  (await t.app.inject({ method: 'POST', url: '/api/v1/pass/cashier/lookup', headers: session.headers, payload: { passNumber: jansen } })).json().children as {
    memberNumber: number;
    balanceCents: number;
  }[];
const charge = (session: Session, amountCents: number, key: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/pass/charges',
    headers: session.headers,
    payload: { passNumber: jansen, memberNumber: 2, category: 'sport', amountCents, idempotencyKey: key },
  });
const status = async () =>
  (await t.app.inject({ method: 'POST', url: '/api/v1/pass/status', payload: { reference: 'DP-DEMO0001', accessCode: 'DEMO-0001-CODE' } })).json();

describe('a campaign for a target group, with an end date', () => {
  it('refuses ages the wrong way round and an end date in the past, next to the field', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/campaigns',
      headers: admin.headers,
      payload: { ...campaign, targetMinAge: 12, targetMaxAge: 4 },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toEqual({ field: 'targetMaxAge', reason: 'De leeftijd "tot en met" is lager dan de leeftijd "van". Draai ze om.' });
    const past = await t.app.inject({ method: 'POST', url: '/api/v1/pass/campaigns', headers: admin.headers, payload: { ...campaign, endsOn: '2026-05-03' } });
    expect(past.json().errors[0].field).toBe('endsOn');
  });

  it('credits only the children of the age range in the wijk, and tells the household', async () => {
    const cashier = await loginAs(t.app, demoEmails.provider_cashier);
    const before = await lookup(cashier);
    const run = await t.app.inject({ method: 'POST', url: '/api/v1/pass/campaigns', headers: admin.headers, payload: campaign });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ eligible: 1, credited: 1, endsOn: '2026-05-31', mailed: 1 });
    const after = await lookup(cashier);
    // Child 2 (9 years, Wielwijk) gets it; child 3 (14) does not.
    expect(after.map((c) => c.balanceCents - before.find((b) => b.memberNumber === c.memberNumber)!.balanceCents)).toEqual([2_500, 0]);
    const mine = await status();
    expect(mine.credits).toEqual([{ memberNumber: 2, name: 'Zomertegoed Wielwijk', amountCents: 2_500, endsOn: '2026-05-31', expired: false }]);
    // Mijn Dordtpas says it with its name and end date.
    expect(await myPassPage(mine)).toContain('Zomertegoed Wielwijk: € 25,00 voor kind 2, te besteden tot en met 31 mei 2026.');
    const mails = await t.db.unaudited((q) =>
      q
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.kind, 'pass_campaign'), eq(mailOutbox.objectId, run.json().campaignId))),
    );
    expect(mails.map((m) => m.recipientLabel)).toEqual(['inwoner']);
    // Another target or end date under the same code is refused and credits nobody.
    const differs = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/campaigns',
      headers: admin.headers,
      payload: { ...campaign, endsOn: '2026-06-30' },
    });
    expect(differs.statusCode).toBe(409);
    expect(differs.json().detail).toContain('andere doelgroep of einddatum');
    expect(await lookup(cashier)).toEqual(after);
  });

  it('gives a refund of a charge paid from the campaign credit back to that credit, with its end date', async () => {
    const cashier = await loginAs(t.app, demoEmails.provider_cashier);
    const start = (await lookup(cashier)).find((c) => c.memberNumber === 2)!.balanceCents;
    const paid = await charge(cashier, 1_000, 'zomer-refund-charge');
    expect(paid.statusCode).toBe(201);
    const refund = (amountCents: number | undefined, key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/pass/refunds',
        headers: cashier.headers,
        payload: { receiptNumber: paid.json().receiptNumber, ...(amountCents ? { amountCents } : {}), idempotencyKey: key },
      });
    // A partial refund, then the rest: together the whole charge.
    expect((await refund(400, 'zomer-refund-1')).statusCode).toBe(201);
    expect((await refund(undefined, 'zomer-refund-2')).statusCode).toBe(201);
    expect((await lookup(cashier)).find((c) => c.memberNumber === 2)!.balanceCents).toBe(start);
    clock.set('2026-06-01T10:00:00Z');
    try {
      // Nothing of the credit is used any more, so after its end date all of the € 25,00 is gone, as if never spent;
      // given back as ordinary budget, € 10,00 of it would have stayed spendable.
      const later = await loginAs(t.app, demoEmails.provider_cashier);
      expect((await lookup(later)).find((c) => c.memberNumber === 2)!.balanceCents).toBe(start - 2_500);
    } finally {
      clock.set('2026-05-04T10:00:00Z');
    }
  });

  it('uses the campaign credit first; after the end date its unused part is no longer spendable', async () => {
    let cashier = await loginAs(t.app, demoEmails.provider_cashier);
    const start = (await lookup(cashier)).find((c) => c.memberNumber === 2)!.balanceCents;
    expect((await charge(cashier, 1_000, 'zomer-charge-1')).statusCode).toBe(201);
    clock.set('2026-06-01T10:00:00Z');
    try {
      cashier = await loginAs(t.app, demoEmails.provider_cashier);
      // 1,000 of the 2,500 was used; the other 1,500 expired.
      const left = start - 1_000 - 1_500;
      expect((await lookup(cashier)).find((c) => c.memberNumber === 2)!.balanceCents).toBe(left);
      const tooMuch = await charge(cashier, left + 1, 'zomer-charge-2');
      expect(tooMuch.statusCode).toBe(422);
      expect(tooMuch.json().detail).toContain(`er is nog € ${(left / 100).toFixed(2).replace('.', ',')} over`);
      const all = await charge(cashier, left, 'zomer-charge-3');
      expect(all.statusCode).toBe(201);
      expect((await lookup(cashier)).find((c) => c.memberNumber === 2)!.balanceCents).toBe(0);
      expect((await status()).credits[0]).toMatchObject({ name: 'Zomertegoed Wielwijk', expired: true });
    } finally {
      clock.set('2026-05-04T10:00:00Z');
    }
  });
});
