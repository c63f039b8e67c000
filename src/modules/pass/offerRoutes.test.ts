import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { auditEvents } from '../../platform/schema.ts';
import { eq } from 'drizzle-orm';
import { seedPassDemo } from './demo.ts';
import { passNumberFrom } from './domain.ts';

/** Providers' offers over HTTP: who may register, review, withdraw and see them. */
const clock = new FakeClock('2026-05-04T10:00:00Z');
let t: TestApp;
let cashier: Session;
let otherCashier: Session;
let caseWorker: Session;
let admin: Session;
let providerId: string;
let bookshopId: string;

const offer = {
  title: 'Zwemles voor kinderen',
  category: 'sport',
  kind: 'offer',
  priceCents: 4500,
  audience: 'children',
  minAge: 5,
  maxAge: 12,
  areaCodes: ['WK050504'],
  validUntil: '2026-12-31',
  description: 'Tien lessen in het bad van de Sportboulevard.',
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedPassDemo(t.db);
  [cashier, caseWorker, admin] = await Promise.all([
    loginAs(t.app, demoEmails.provider_cashier),
    loginAs(t.app, demoEmails.case_worker),
    loginAs(t.app, demoEmails.admin),
  ]);
  const providers = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/providers', headers: admin.headers })).json() as {
    id: string;
    name: string;
    organisationId: string;
  }[];
  providerId = providers.find((p) => p.name.startsWith('Sport en Cultuur'))!.id;
  const bookshop = providers.find((p) => p.name.startsWith('Boekhandel'))!;
  bookshopId = bookshop.id;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin.headers,
    payload: {
      organisationId: bookshop.organisationId,
      email: 'kassa@boekhandel.example',
      displayName: 'Bo',
      roles: ['provider_cashier'],
      password: 'Boekhandel-kassa-1',
    },
  });
  expect(created.statusCode).toBe(201);
  otherCashier = await loginAs(t.app, 'kassa@boekhandel.example', 'Boekhandel-kassa-1');
}, 300_000);
afterAll(() => t?.close());

const submit = (session: Session, payload: Record<string, unknown> = offer, id = providerId) =>
  t.app.inject({ method: 'POST', url: `/api/v1/pass/providers/${id}/offers`, headers: session.headers, payload });
const publicTitles = async (query = '') =>
  ((await t.app.inject({ method: 'GET', url: `/api/v1/pass/offers/public${query}` })).json() as { offers: { title: string }[] }).offers.map((o) => o.title);

describe('offers from providers, approved by the pass office', () => {
  it('a provider submits an offer: it waits, is not public, and the till cannot charge it', async () => {
    const response = await submit(cashier);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ status: 'submitted', audience: 'children', minAge: 5, maxAge: 12, areaCodes: ['WK050504'] });
    expect(await publicTitles()).not.toContain(offer.title);
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/offers/mine', headers: cashier.headers })).json();
    expect(mine.offers.find((o: { id: string }) => o.id === body.id).status).toBe('submitted');
    const till = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/cashier', headers: cashier.headers })).json();
    expect(till.offers.map((o: { id: string }) => o.id)).not.toContain(body.id);
    // Nor can a till charge it by its id.
    const charge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/charges',
      headers: cashier.headers,
      payload: { passNumber: passNumberFrom('100000001'), memberNumber: 2, offerId: body.id, amountCents: 4500, idempotencyKey: 'submitted-offer-1' },
    });
    expect(charge.statusCode).toBe(400);
    expect(charge.json().errors[0]).toMatchObject({ field: 'offerId' });
    // Audited: one line for the submission.
    const lines = await t.db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.objectId, body.id)));
    expect(lines.map((l) => [l.action, l.objectType, l.result])).toEqual([['create', 'pass_offer', 'success']]);
  });

  it('a provider cannot approve, and another provider cannot see, withdraw or add to your offers', async () => {
    const { id } = (await submit(cashier, { ...offer, title: 'Voetbalclinic' })).json();
    const approve = await t.app.inject({ method: 'POST', url: `/api/v1/pass/offers/${id}/decision`, headers: cashier.headers, payload: { approve: true } });
    expect(approve.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/pass/offers/review', headers: cashier.headers })).statusCode).toBe(403);
    const theirs = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/offers/mine', headers: otherCashier.headers })).json();
    expect(theirs.provider.id).toBe(bookshopId);
    expect(theirs.offers.map((o: { title: string }) => o.title)).not.toContain('Voetbalclinic');
    const withdraw = await t.app.inject({ method: 'POST', url: `/api/v1/pass/offers/${id}/withdraw`, headers: otherCashier.headers });
    expect(withdraw.statusCode).toBe(403);
    expect(withdraw.json().detail).toBe('U heeft alleen toegang tot de gegevens van uw eigen organisatie.');
    expect((await submit(otherCashier, offer, providerId)).statusCode).toBe(403);
    const still = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/offers/mine', headers: cashier.headers })).json();
    expect(still.offers.find((o: { id: string }) => o.id === id).status).toBe('submitted');
  });

  it('the pass office approves: the offer is public and chargeable; it cannot be decided twice', async () => {
    const review = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/offers/review', headers: caseWorker.headers })).json() as {
      id: string;
      title: string;
      providerName: string;
    }[];
    const waiting = review.find((o) => o.title === offer.title)!;
    expect(waiting.providerName).toContain('Sport en Cultuur');
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/pass/offers/${waiting.id}/decision`,
      headers: caseWorker.headers,
      payload: { approve: true },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect(await publicTitles()).toContain(offer.title);
    const till = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/cashier', headers: cashier.headers })).json();
    expect(till.offers.map((o: { id: string }) => o.id)).toContain(waiting.id);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/pass/offers/${waiting.id}/decision`,
      headers: caseWorker.headers,
      payload: { approve: false, reason: 'Toch niet' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('al besloten');
  });

  it('rejects only with a reason, which the provider sees; a rejected offer stays hidden', async () => {
    const { id } = (await submit(cashier, { ...offer, title: 'Casino-avond' })).json();
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/pass/offers/${id}/decision`,
      headers: caseWorker.headers,
      payload: { approve: false },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0]).toMatchObject({ field: 'reason', reason: expect.stringContaining('Geef de reden') });
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/v1/pass/offers/${id}/decision`,
      headers: caseWorker.headers,
      payload: { approve: false, reason: 'Dit past niet bij de Dordtpas.' },
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: 'Dit past niet bij de Dordtpas.' });
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/offers/mine', headers: cashier.headers })).json();
    expect(mine.offers.find((o: { id: string }) => o.id === id)).toMatchObject({ status: 'rejected', rejectionReason: 'Dit past niet bij de Dordtpas.' });
    expect(await publicTitles()).not.toContain('Casino-avond');
  });

  it('the provider withdraws its approved offer: gone from the public list', async () => {
    const { id } = (await submit(caseWorker, { ...offer, title: 'Theaterkorting', kind: 'discount', discountText: '25% korting', audience: 'adults' })).json();
    expect(await publicTitles()).toContain('Theaterkorting'); // the office itself registers it approved
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/v1/pass/offers/${id}/withdraw`, headers: cashier.headers });
    expect(withdrawn.json().status).toBe('withdrawn');
    expect(await publicTitles()).not.toContain('Theaterkorting');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/pass/offers/${id}/withdraw`, headers: cashier.headers })).statusCode).toBe(409);
  });

  it('says per field in Dutch what is wrong with a new offer', async () => {
    const response = await submit(cashier, { ...offer, minAge: 12, maxAge: 4, validUntil: '2026-01-01' });
    expect(response.statusCode).toBe(400);
    const errors = response.json().errors as { field: string; reason: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'maxAge', reason: expect.stringContaining('Draai ze om') },
        { field: 'validUntil', reason: expect.stringContaining('in het verleden') },
      ]),
    );
    const discount = await submit(cashier, { ...offer, kind: 'discount', discountText: '' });
    expect(discount.json().errors[0]).toMatchObject({ field: 'discountText' });
  });

  it('searches the public list by age and wijk; an age of 150 is refused next to the field', async () => {
    expect(await publicTitles('?leeftijd=9&wijk=WK050504')).toContain(offer.title);
    expect(await publicTitles('?leeftijd=14')).not.toContain(offer.title);
    expect(await publicTitles('?wijk=WK050505')).not.toContain(offer.title);
    const wrong = await t.app.inject({ method: 'GET', url: '/api/v1/pass/offers/public?leeftijd=150' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toEqual({ field: 'leeftijd', reason: 'Een leeftijd is hoogstens 120 jaar. Controleer de leeftijd.' });
  });

  it('lets an approved offer end after its end date', async () => {
    const { id } = (await submit(caseWorker, { ...offer, title: 'Meivakantiekamp', validUntil: '2026-05-04' })).json();
    expect(await publicTitles()).toContain('Meivakantiekamp');
    clock.set('2026-05-05T10:00:00Z');
    try {
      expect(await publicTitles()).not.toContain('Meivakantiekamp');
      const fresh = await loginAs(t.app, demoEmails.provider_cashier);
      const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/offers/mine', headers: fresh.headers })).json();
      expect(mine.offers.find((o: { id: string }) => o.id === id).status).toBe('expired');
    } finally {
      clock.set('2026-05-04T10:00:00Z');
    }
  });
});
