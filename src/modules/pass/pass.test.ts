import { and, arrayContains, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { anonymousActor, systemActor, type Actor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { ValidationError } from '../../platform/errors.ts';
import { seedDemo } from '../../platform/demo.ts';
import { auditEvents, organisations, users, organisationMunicipalities, type Role } from '../../platform/schema.ts';
import { decideApplication, getPass, replaceLostPass, residentStatus, setPassStatus, submitApplication, type ApplicationInput } from './applications.ts';
import { runCampaign } from './campaigns.ts';
import { chargePass, lookupPassForCharge, payoutStatement, refundCharge } from './charges.ts';
import { setCategoryAllowed, setNorm } from './configuration.ts';
import { seedPassDemo } from './demo.ts';
import { passNumberFrom } from './domain.ts';
import { collectPassMetrics } from './metrics.ts';
import { childBudgets, passApplications, passOffers, passProviders } from './schema.ts';
import { statementCsv, statementPdf } from './statement.ts';

const clock = new FakeClock('2026-03-16T09:00:00Z');
let db: Database;
let cleanup: () => Promise<void>;
let caseWorker: Actor;
let cashier: Actor;
let bookshopCashier: Actor;
let admin: Actor;
let offers: { swimming: string; leisure: string; learning: string };

async function actorFor(email: string, organisationCode?: string, roles?: Role[]): Promise<Actor> {
  if (organisationCode) {
    const [org] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, organisationCode)));
    return {
      kind: 'user',
      userId: crypto.randomUUID(),
      displayName: email,
      organisationId: org!.id,
      organisationKind: org!.kind,
      roles: roles!,
      municipalities: ['GM0505'],
      origin: '127.0.0.1',
    };
  }
  const [user] = await db.unaudited((q) => q.select().from(users).where(eq(users.email, email)));
  const [org] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.id, user!.organisationId)));
  const ms = await db.unaudited((q) => q.select().from(organisationMunicipalities).where(eq(organisationMunicipalities.organisationId, org!.id)));
  return {
    kind: 'user',
    userId: user!.id,
    displayName: user!.displayName,
    organisationId: org!.id,
    organisationKind: org!.kind,
    roles: user!.roles as Role[],
    municipalities: ms.map((m) => m.municipalityCode),
    origin: '127.0.0.1',
  };
}

const household = (over: Partial<ApplicationInput> = {}): ApplicationInput => ({
  municipalityCode: 'GM0505',
  route: 'income',
  applicant: {
    initials: 'P.',
    surname: 'Pietersen',
    birthDate: '1985-06-01',
    street: 'Bosboom Toussaintplein',
    houseNumber: '4',
    postcode: '3315 XY',
    city: 'Dordrecht',
  },
  children: [
    { initials: 'A.', surname: 'Pietersen', birthDate: '2017-02-01' },
    { initials: 'B.', surname: 'Pietersen', birthDate: '2011-09-09' },
  ],
  monthlyNetIncomeCents: 180_000,
  assetsCents: 0,
  ...over,
});

async function approvedPass(over: Partial<ApplicationInput> = {}) {
  const outcome = await submitApplication(db, caseWorker, household(over));
  const decided = await decideApplication(db, caseWorker, outcome.applicationId, { approve: true });
  return { outcome, pass: decided.pass! };
}

let keyCounter = 0;
const key = () => `test-key-${++keyCounter}-${Date.now()}`;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase({ clock }));
  await seedDemo(db, 'Test-wachtwoord-123');
  await seedPassDemo(db);
  caseWorker = await actorFor('consulent@wijkteam.example');
  cashier = await actorFor('kassa@aanbieder.example');
  admin = await actorFor('beheerder@dordrecht.example');
  bookshopCashier = await actorFor('kassa@boekhandel.example', 'DEMO-BOEKHANDEL', ['provider_cashier']);
  const demoProvider = await actorFor('x', 'DEMO-AANBIEDER', ['provider_cashier']);
  const [provider] = await db.unaudited((q) =>
    q
      .select()
      .from(passProviders)
      .where(eq(passProviders.organisationId, (demoProvider as { organisationId: string }).organisationId)),
  );
  const rows = await db.unaudited((q) => q.select().from(passOffers).where(eq(passOffers.providerId, provider!.id)));
  const [bookshop] = await db.unaudited((q) =>
    q
      .select()
      .from(passProviders)
      .where(eq(passProviders.organisationId, (bookshopCashier as { organisationId: string }).organisationId)),
  );
  const [book] = await db.unaudited((q) => q.select().from(passOffers).where(eq(passOffers.providerId, bookshop!.id)));
  offers = { swimming: rows.find((o) => o.category === 'swimming')!.id, leisure: rows.find((o) => o.category === 'leisure')!.id, learning: book!.id };
}, 60_000);
afterAll(() => cleanup?.());

describe('applying and deciding', () => {
  it('checks income against the norm table, issues the pass with child budgets by age group, and audits every person', async () => {
    const { outcome, pass } = await approvedPass({ children: [...household().children, { initials: 'C.', surname: 'Pietersen', birthDate: '2024-01-01' }] });
    expect(outcome.householdType).toBe('single_parent');
    expect(outcome.eligible).toBe(true);
    expect(outcome.reason).toContain('U krijgt de Dordtpas gratis');
    expect(pass.number).toMatch(/^\d{10}$/);
    expect(pass.validFrom).toBe('2026-01-01');
    expect(pass.validTo).toBe('2026-12-31');
    const full = await getPass(db, caseWorker, pass.id);
    expect(full.members.map((m) => m.relation)).toEqual(['holder', 'child', 'child', 'child']);
    // Age on 1 January 2026: 8 → primary (EUR 300), 14 → secondary (EUR 500), 2 → no budget.
    expect(full.budgets.map((b) => [b.memberNumber, b.ageGroup, b.balanceCents])).toEqual([
      [2, 'primary', 30_000],
      [3, 'secondary', 50_000],
    ]);
    expect(full.areaCode).toBe('WK050504');
    const lines = await db.unaudited((q) =>
      q
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectType, 'pass'), eq(auditEvents.objectId, pass.id), arrayContains(auditEvents.subjectIds, [full.holderPersonId]))),
    );
    expect(lines.map((l) => l.action)).toContain('read');
  });

  it('refuses to approve a free pass above the limit and makes a rejection state its reason', async () => {
    const outcome = await submitApplication(db, caseWorker, household({ monthlyNetIncomeCents: 250_000 }));
    expect(outcome.eligible).toBe(false);
    expect(outcome.reason).toContain('hoger dan de grens');
    await expect(decideApplication(db, caseWorker, outcome.applicationId, { approve: true })).rejects.toThrow(/hoger dan de grens/);
    await expect(decideApplication(db, caseWorker, outcome.applicationId, { approve: false })).rejects.toThrow(/reden/);
    const rejected = await decideApplication(db, caseWorker, outcome.applicationId, { approve: false, reason: 'Inkomen te hoog; u kunt de pas kopen.' });
    expect(rejected.status).toBe('rejected');
    await expect(decideApplication(db, caseWorker, outcome.applicationId, { approve: true })).rejects.toThrow(/al besloten/);
  });

  it('lets a resident follow an online application with reference and code, and refuses a wrong code', async () => {
    const resident = anonymousActor('192.0.2.10');
    const outcome = await submitApplication(db, resident, household());
    expect(outcome.accessCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expect(residentStatus(db, resident, { reference: outcome.reference, accessCode: 'AAAA-BBBB-CCCC' })).rejects.toThrow(/klopt niet/);
    const pending = await residentStatus(db, resident, { reference: outcome.reference, accessCode: outcome.accessCode!.toLowerCase() });
    expect(pending.status).toBe('submitted');
    expect(pending.pass).toBeNull();
    expect(pending.checkReason).toContain('gratis');
    await decideApplication(db, caseWorker, outcome.applicationId, { approve: true });
    const approved = await residentStatus(db, resident, { reference: outcome.reference, accessCode: outcome.accessCode! });
    expect(approved.pass?.status).toBe('active');
    expect(approved.budgets.map((b) => [b.initials, b.balanceCents])).toEqual([
      ['A.', 30_000],
      ['B.', 50_000],
    ]);
    expect(JSON.stringify(approved)).not.toContain('Pietersen');
  });

  it('gives carers a free pass without a child budget, and requires an organisation for volunteers', async () => {
    const carer = await approvedPass({ route: 'carer', monthlyNetIncomeCents: null });
    expect(carer.outcome.reason).toContain('Mantelzorgers krijgen de Dordtpas gratis');
    expect((await getPass(db, caseWorker, carer.pass.id)).budgets).toEqual([]);
    await expect(submitApplication(db, caseWorker, household({ route: 'volunteer' }))).rejects.toThrow(/vrijwilligersorganisatie/);
    const [humanitas] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, 'HUMANITAS')));
    const volunteer = await submitApplication(db, caseWorker, household({ route: 'volunteer', volunteerOrganisationId: humanitas!.id }));
    expect(volunteer.reason).toContain('verlaagde tarief van € 25,00');
    const bought = await submitApplication(db, caseWorker, household({ route: 'purchase', monthlyNetIncomeCents: null }));
    expect(bought.reason).toContain('€ 50,00 per jaar');
  });

  it('refuses a postcode outside Dordrecht or unknown with a plain Dutch reason on the postcode, never a free pass', async () => {
    const count = () => db.audited(systemActor('test'), { action: 'read', objectType: 'pass_application' }, (tx) => tx.$count(passApplications));
    const before = await count();
    for (const [postcode, sentence] of [
      ['3331 AB', 'Deze postcode ligt niet in Dordrecht, maar in Zwijndrecht. De Dordtpas is alleen voor inwoners van Dordrecht.'],
      ['9999 ZZ', 'Deze postcode ligt niet in Dordrecht: wij kennen deze postcode niet.'],
    ] as const) {
      const refused = await submitApplication(db, caseWorker, household({ applicant: { ...household().applicant, postcode } })).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ValidationError);
      const error = refused as ValidationError;
      expect(error.message).toContain(sentence);
      expect(error.message).not.toContain('gratis');
      expect(error.details.errors).toEqual([{ field: 'applicant.postcode', reason: error.message }]);
      expect(error.details.reason).toBe(postcode === '9999 ZZ' ? 'postcode_unknown' : 'postcode_outside');
    }
    expect(await count()).toBe(before);
  });

  it('uses a norm that staff added for a later period', async () => {
    const before = await submitApplication(db, caseWorker, household({ children: [], monthlyNetIncomeCents: 200_000 }));
    expect(before.eligible).toBe(false);
    await setNorm(db, caseWorker, { municipalityCode: 'GM0505', householdType: 'single', validFrom: '2026-03-16', monthlyNormCents: 150_000, source: 'test' });
    const after = await submitApplication(db, caseWorker, household({ children: [], monthlyNetIncomeCents: 200_000 }));
    expect(after.eligible).toBe(true);
    await expect(
      setNorm(db, cashier, { municipalityCode: 'GM0505', householdType: 'single', validFrom: '2026-03-16', monthlyNormCents: 1, source: 'test' }),
    ).rejects.toThrow(/geen toegang/);
  });
});

describe('charging at a provider', () => {
  it('debits the budget with a receipt, refuses categories outside the child budget, and never charges a retry twice', async () => {
    const { pass } = await approvedPass();
    const lookup = await lookupPassForCharge(db, cashier, { passNumber: pass.number });
    expect(lookup.usable).toBe(true);
    expect(lookup.children).toEqual([
      { memberNumber: 2, initials: 'A.', ageGroup: 'primary', balanceCents: 30_000 },
      { memberNumber: 3, initials: 'B.', ageGroup: 'secondary', balanceCents: 50_000 },
    ]);
    await expect(
      chargePass(db, cashier, { passNumber: pass.number, memberNumber: 2, offerId: offers.leisure, amountCents: 1_500, idempotencyKey: key() }),
    ).rejects.toThrow(/niet besteed worden aan uitjes/);
    const k = key();
    const receipt = await chargePass(db, cashier, {
      passNumber: pass.number,
      memberNumber: 2,
      offerId: offers.swimming,
      amountCents: 12_500,
      idempotencyKey: k,
    });
    expect(receipt).toMatchObject({
      kind: 'charge',
      amountCents: 12_500,
      balanceAfterCents: 17_500,
      category: 'Zwemles',
      replayed: false,
      passNumberEnd: pass.number.slice(-4),
    });
    const again = await chargePass(db, cashier, { passNumber: pass.number, memberNumber: 2, offerId: offers.swimming, amountCents: 12_500, idempotencyKey: k });
    expect(again).toMatchObject({ receiptNumber: receipt.receiptNumber, replayed: true, balanceAfterCents: 17_500 });
    await expect(chargePass(db, cashier, { passNumber: pass.number, memberNumber: 2, category: 'sport', amountCents: 100, idempotencyKey: k })).rejects.toThrow(
      /al gebruikt/,
    );
    await expect(
      chargePass(db, cashier, { passNumber: pass.number, memberNumber: 2, category: 'sport', amountCents: 17_501, idempotencyKey: key() }),
    ).rejects.toThrow('Het kindtegoed is niet genoeg: er is nog € 175,00 over en er is € 175,01 gevraagd. Er is niets afgeschreven.');
    const exact = await chargePass(db, cashier, { passNumber: pass.number, memberNumber: 2, category: 'sport', amountCents: 17_500, idempotencyKey: key() });
    expect(exact.balanceAfterCents).toBe(0);
    await expect(
      chargePass(db, cashier, { passNumber: pass.number, memberNumber: 2, category: 'sport', amountCents: 1, idempotencyKey: key() }),
    ).rejects.toThrow(/niet genoeg/);
    // A failed charge leaves an audit line with its reason code.
    const failed = await db.unaudited((q) =>
      q
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectType, 'child_budget'), eq(auditEvents.result, 'error'))),
    );
    expect(failed.some((f) => (f.details as { error?: string }).error === 'insufficient_balance')).toBe(true);
    // The charge's audit line, written in the charge's own statement: the budget, the child, the municipality, the
    // receipt; the replay has a line of its own that names the first receipt.
    const [budget] = await db.audited(systemActor('test'), { action: 'read', objectType: 'child_budget' }, (tx) =>
      tx
        .select()
        .from(childBudgets)
        .where(and(eq(childBudgets.passId, pass.id), eq(childBudgets.memberNumber, 2))),
    );
    const lines = await db.unaudited((q) =>
      q
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectType, 'child_budget'), eq(auditEvents.objectId, budget!.id), eq(auditEvents.result, 'success'))),
    );
    const charged = lines.find((l) => (l.details as { receiptNumber?: string }).receiptNumber === receipt.receiptNumber)!;
    expect(charged).toMatchObject({
      action: 'update',
      actorKind: 'user',
      actorUserId: (cashier as { userId: string }).userId,
      municipalityCode: 'GM0505',
      municipalityCodes: ['GM0505'],
      subjectIds: [budget!.childPersonId],
      purpose: 'Kassa: betaling met kindtegoed',
      details: { amountCents: 12_500, category: 'swimming', receiptNumber: receipt.receiptNumber },
    });
    expect(lines.filter((l) => (l.details as { replayOf?: string }).replayOf === receipt.receiptNumber)).toHaveLength(1);
  });

  it('refunds at most what was charged, only at the provider that charged', async () => {
    const { pass } = await approvedPass();
    const receipt = await chargePass(db, cashier, {
      passNumber: pass.number,
      memberNumber: 3,
      offerId: offers.swimming,
      amountCents: 12_500,
      idempotencyKey: key(),
    });
    await expect(refundCharge(db, bookshopCashier, { receiptNumber: receipt.receiptNumber, idempotencyKey: key() })).rejects.toThrow(/niet gevonden/);
    const part = await refundCharge(db, cashier, { receiptNumber: receipt.receiptNumber, amountCents: 2_500, idempotencyKey: key() });
    expect(part.balanceAfterCents).toBe(50_000 - 12_500 + 2_500);
    await expect(refundCharge(db, cashier, { receiptNumber: receipt.receiptNumber, amountCents: 10_001, idempotencyKey: key() })).rejects.toThrow(
      /niet meer terugbetalen/,
    );
    // Without an amount the rest is refunded (what is left after the partial refund), once; a retry gets the same receipt.
    const restKey = key();
    const rest = await refundCharge(db, cashier, { receiptNumber: receipt.receiptNumber, idempotencyKey: restKey });
    expect(rest).toMatchObject({ kind: 'refund', amountCents: 10_000, balanceAfterCents: 50_000, replayed: false });
    const retried = await refundCharge(db, cashier, { receiptNumber: receipt.receiptNumber, idempotencyKey: restKey });
    expect(retried).toMatchObject({ receiptNumber: rest.receiptNumber, amountCents: 10_000, replayed: true });
    await expect(refundCharge(db, cashier, { receiptNumber: receipt.receiptNumber, idempotencyKey: key() })).rejects.toThrow(
      'Deze betaling is al helemaal teruggeboekt. Er staat niets meer open.',
    );
    await expect(refundCharge(db, cashier, { receiptNumber: receipt.receiptNumber, amountCents: 1, idempotencyKey: key() })).rejects.toThrow(/nog € 0,00 open/);
    expect((await lookupPassForCharge(db, cashier, { passNumber: pass.number })).children.find((c) => c.memberNumber === 3)?.balanceCents).toBe(50_000);
  });

  it('splits a payment the budget does not cover: the budget pays what it has, the receipt says what is left to pay', async () => {
    const { pass } = await approvedPass();
    const base = { passNumber: pass.number, memberNumber: 2, offerId: offers.swimming };
    await chargePass(db, cashier, { ...base, amountCents: 27_000, idempotencyKey: key() });
    // EUR 30 left; EUR 125 asked. Without split nothing is charged.
    await expect(chargePass(db, cashier, { ...base, amountCents: 12_500, idempotencyKey: key() })).rejects.toThrow(/er is nog € 30,00 over/);
    const k = key();
    const split = await chargePass(db, cashier, { ...base, amountCents: 12_500, idempotencyKey: k, split: true });
    expect(split).toMatchObject({ amountCents: 3_000, priceCents: 12_500, otherPaymentCents: 9_500, balanceAfterCents: 0, replayed: false });
    const again = await chargePass(db, cashier, { ...base, amountCents: 12_500, idempotencyKey: k, split: true });
    expect(again).toMatchObject({ receiptNumber: split.receiptNumber, amountCents: 3_000, otherPaymentCents: 9_500, replayed: true });
    // Its audit line says what is left to pay another way.
    const [splitLine] = await db.unaudited((q) =>
      q
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectType, 'child_budget'), sql`${auditEvents.details}->>'receiptNumber' = ${split.receiptNumber}`)),
    );
    expect(splitLine?.details).toEqual({ amountCents: 12_500, category: expect.any(String), receiptNumber: split.receiptNumber, otherPaymentCents: 9_500 });
    // A split that the budget covers is an ordinary charge; an empty budget pays nothing and is refused.
    await expect(chargePass(db, cashier, { ...base, amountCents: 100, idempotencyKey: key(), split: true })).rejects.toThrow(
      'Het kindtegoed is niet genoeg: er is nog € 0,00 over en er is € 1,00 gevraagd. Er is niets afgeschreven.',
    );
    // The refund of a split payment gives back what the budget paid, not the price.
    await expect(refundCharge(db, cashier, { receiptNumber: split.receiptNumber, amountCents: 3_001, idempotencyKey: key() })).rejects.toThrow(
      /nog € 30,00 open/,
    );
    const refund = await refundCharge(db, cashier, { receiptNumber: split.receiptNumber, idempotencyKey: key() });
    expect(refund).toMatchObject({ amountCents: 3_000, balanceAfterCents: 3_000 });
    const covered = await chargePass(db, cashier, { ...base, amountCents: 1_000, idempotencyKey: key(), split: true });
    expect(covered).toMatchObject({ amountCents: 1_000, priceCents: 1_000, otherPaymentCents: 0, balanceAfterCents: 2_000 });
  });

  it('refuses a blocked pass and carries the balance over to the replacement of a lost pass', async () => {
    const { pass } = await approvedPass();
    await chargePass(db, cashier, { passNumber: pass.number, memberNumber: 2, offerId: offers.swimming, amountCents: 12_500, idempotencyKey: key() });
    await setPassStatus(db, caseWorker, pass.id, { status: 'blocked', reason: 'Melding misbruik' });
    await expect(
      chargePass(db, cashier, { passNumber: pass.number, memberNumber: 2, category: 'sport', amountCents: 100, idempotencyKey: key() }),
    ).rejects.toThrow(/geblokkeerd/);
    await setPassStatus(db, caseWorker, pass.id, { status: 'active', reason: 'Opgelost' });
    const replaced = await replaceLostPass(db, caseWorker, pass.id);
    expect(replaced.number).not.toBe(pass.number);
    expect(replaced.balanceCarriedCents).toBe(17_500 + 50_000);
    await expect(
      chargePass(db, cashier, { passNumber: pass.number, memberNumber: 2, category: 'sport', amountCents: 100, idempotencyKey: key() }),
    ).rejects.toThrow(/verloren/);
    const lookup = await lookupPassForCharge(db, cashier, { passNumber: replaced.number });
    expect(lookup.children.map((c) => c.balanceCents)).toEqual([17_500, 50_000]);
    await expect(replaceLostPass(db, caseWorker, pass.id)).rejects.toThrow(/al vervangen/);
  });

  it('follows a change of the allowed categories at once', async () => {
    const { pass } = await approvedPass();
    const outing = () =>
      chargePass(db, cashier, { passNumber: pass.number, memberNumber: 2, offerId: offers.leisure, amountCents: 1_500, idempotencyKey: key() });
    await expect(outing()).rejects.toThrow(/niet besteed worden aan uitjes/);
    await setCategoryAllowed(db, caseWorker, 'leisure', true);
    try {
      await expect(outing()).resolves.toMatchObject({ balanceAfterCents: 28_500 });
    } finally {
      await setCategoryAllowed(db, caseWorker, 'leisure', false);
    }
    await expect(outing()).rejects.toThrow(/niet besteed worden aan uitjes/);
  });

  it('lets a cashier do nothing for another tenant and nothing as a non-provider', async () => {
    await expect(lookupPassForCharge(db, caseWorker, { passNumber: passNumberFrom('100000001') })).rejects.toThrow(/geen toegang/);
    const stranger = await actorFor('kassa@elders.example', 'TRIVIRE', ['provider_cashier']);
    await expect(lookupPassForCharge(db, stranger, { passNumber: passNumberFrom('100000001') })).rejects.toThrow(/geen \(actieve\) aanbieder/);
  });
});

describe('campaigns', () => {
  it('credits every child with a budget once, also when run twice or twice at once', async () => {
    const { pass } = await approvedPass();
    const input = { municipalityCode: 'GM0505', code: 'kindcadeau-2026', name: 'Kindcadeau december', year: 2026, amountCents: 2_500 };
    const [a, b] = await Promise.all([runCampaign(db, admin, input), runCampaign(db, admin, input)]);
    expect(a.credited + b.credited).toBe(a.eligible);
    expect(a.eligible).toBeGreaterThanOrEqual(2);
    const third = await runCampaign(db, admin, input);
    expect(third.credited).toBe(0);
    expect(third.alreadyCredited).toBe(third.eligible);
    const budgets = (await getPass(db, caseWorker, pass.id)).budgets;
    expect(budgets.map((x) => [x.grantedCents, x.balanceCents])).toEqual([
      [32_500, 32_500],
      [52_500, 52_500],
    ]);
    await expect(runCampaign(db, caseWorker, { ...input, code: 'other' })).rejects.toThrow(/geen toegang/);

    // The same code with another amount (or year) is refused with its reason, and credits nobody.
    const differs = await runCampaign(db, admin, { ...input, amountCents: 3_000 }).catch((e: unknown) => e);
    expect(differs).toMatchObject({ status: 409, details: { reason: 'campaign_differs' } });
    expect((differs as Error).message).toBe(
      'De bijdrage met code kindcadeau-2026 is al uitgevoerd met € 25,00 per kind voor 2026. Met dezelfde code kan het niet opnieuw met € 30,00: dan krijgen kinderen verschillende bedragen. Er is niets bijgeschreven. Kies een nieuwe code voor een nieuwe bijdrage.',
    );
    await expect(runCampaign(db, admin, { ...input, year: 2027 })).rejects.toThrow(/€ 25,00 voor 2027/);
    expect((await getPass(db, caseWorker, pass.id)).budgets.map((x) => x.balanceCents)).toEqual([32_500, 52_500]);
    const failed = await db.unaudited((q) =>
      q
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectType, 'pass_campaign'), eq(auditEvents.result, 'error'))),
    );
    expect(failed.length).toBeGreaterThanOrEqual(2);
  });
});

describe('payout statement', () => {
  it('lists charges and refunds of the period and pays out their difference, for the provider only', async () => {
    const { pass } = await approvedPass();
    const [provider] = await db.unaudited((q) =>
      q
        .select()
        .from(passProviders)
        .where(eq(passProviders.organisationId, (cashier as { organisationId: string }).organisationId)),
    );
    const before = await payoutStatement(db, cashier, provider!.id, { from: '2026-03-16', to: '2026-03-16' });
    clock.set('2026-03-16T22:30:00Z'); // 23:30 in Amsterdam: still 16 March
    const c1 = await chargePass(db, cashier, {
      passNumber: pass.number,
      memberNumber: 2,
      offerId: offers.swimming,
      amountCents: 12_500,
      idempotencyKey: key(),
    });
    await chargePass(db, cashier, { passNumber: pass.number, memberNumber: 3, category: 'culture', amountCents: 4_000, idempotencyKey: key() });
    await refundCharge(db, cashier, { receiptNumber: c1.receiptNumber, amountCents: 500, idempotencyKey: key() });
    clock.set('2026-03-16T23:30:00Z'); // 00:30 on 17 March in Amsterdam
    await chargePass(db, cashier, { passNumber: pass.number, memberNumber: 3, category: 'culture', amountCents: 1_000, idempotencyKey: key() });
    clock.set('2026-03-16T09:00:00Z');
    const day = await payoutStatement(db, cashier, provider!.id, { from: '2026-03-16', to: '2026-03-16' });
    expect(day.totals.chargeCents - before.totals.chargeCents).toBe(16_500);
    expect(day.totals.refundCents - before.totals.refundCents).toBe(500);
    expect(day.totals.payoutCents).toBe(day.lines.reduce((s, l) => s + (l.kind === 'charge' ? l.amountCents : -l.amountCents), 0));
    const both = await payoutStatement(db, cashier, provider!.id, { from: '2026-03-16', to: '2026-03-17' });
    expect(both.totals.payoutCents - day.totals.payoutCents).toBe(1_000);
    const csv = statementCsv(day);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFdatum;bonnummer;soort;categorie;aanbod;pas_eindigt_op;bedrag_cent;bedrag_euro;terugbetaling_van;aanbieder');
    expect(csv).toContain(`totaal uit te betalen;;;;${day.totals.payoutCents};`);
    expect(csv).toContain(`;-500;-5,00;${c1.receiptNumber}`);
    expect(csv).not.toContain(pass.number);
    expect((await statementPdf(day)).subarray(0, 4).toString()).toBe('%PDF');
    await expect(payoutStatement(db, bookshopCashier, provider!.id, { from: '2026-03-16', to: '2026-03-16' })).rejects.toThrow(/eigen organisatie/);
    // The municipality's staff (pass:providers) may see every provider's statement in their municipality.
    const forStaff = await payoutStatement(db, admin, provider!.id, { from: '2026-03-16', to: '2026-03-16' });
    expect(forStaff.totals).toEqual(day.totals);
  });
});

describe('figures for insights', () => {
  it('counts holders against the target group and child-budget use per category and wijk, without ids', async () => {
    const values = await collectPassMetrics(db, { fromMonth: '2026-03', toMonth: '2026-03' });
    const get = (measure: string, area?: string | null) =>
      values.filter((v) => v.measure === measure && (area === undefined || v.areaCode === area)).reduce((s, v) => s + v.value, 0);
    expect(get('pass.holders')).toBeGreaterThan(5);
    expect(get('pass.holders_low_income')).toBeLessThan(get('pass.holders'));
    expect(get('pass.children_with_budget', 'WK050504')).toBeGreaterThanOrEqual(2);
    expect(get('pass.child_budget_spent_cents.swimming')).toBeGreaterThanOrEqual(12_500);
    // Every amount says how many children it comes from and their largest parts, so insights can hide a lone child's.
    const spent = values.filter((v) => v.measure.startsWith('pass.child_budget_spent_cents.'));
    expect(spent.length).toBeGreaterThan(0);
    for (const v of spent) {
      expect(v.contributors).toBeGreaterThanOrEqual(1);
      expect(v.largest!.length).toBeLessThanOrEqual(Math.min(5, v.contributors!));
      expect(v.largest!.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(v.contributors! <= 5 ? v.value : Number.POSITIVE_INFINITY);
      expect(v.largest).toEqual([...v.largest!].sort((a, b) => b - a));
    }
    expect(values.filter((v) => !v.measure.startsWith('pass.child_budget_spent_cents.')).every((v) => v.contributors === undefined)).toBe(true);
    expect(get('pass.children_used_budget')).toBeGreaterThan(0);
    expect(get('pass.children_used_budget')).toBeLessThanOrEqual(get('pass.children_with_budget'));
    expect(values.every((v) => /^\d{4}-\d{2}$/.test(v.month) && typeof v.value === 'number')).toBe(true);
    expect(JSON.stringify(values)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const reference = await collectPassMetrics(db, { fromMonth: '2020-12', toMonth: '2020-12' });
    expect(reference.find((v) => v.measure === 'pass.target_group_adults')?.value).toBe(9_795);
    const audit = await db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.objectType, 'pass_metrics')));
    expect(audit[0]?.actorKind).toBe('system:metrics');
    void systemActor;
  });
});
