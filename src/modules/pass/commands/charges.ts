import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Tx } from '../../../db/database.ts';
import { actorColumns, type Actor } from '../../../platform/actor.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { categoriesOf } from '../categories.ts';
import type { ChargeInput, refundInput } from '../chargeInputs.ts';
import { cashierProvider } from '../chargeQueries.ts';
import { chargeRefusal, refundRefusal } from '../domain.ts';
import { ChargeRefused, passError } from '../messages.ts';
import { isOfferPublic } from '../offerRules.ts';
import { allocateCharge, expiredUnusedCents } from '../campaignRules.ts';
import { childBudgets, passCampaignCredits, passCampaigns, passCategories, passOffers, passTransactions, passes } from '../schema.ts';

/** The two changes at the till: a charge on a child budget and its refund, each in one audited transaction. */

export interface Receipt {
  receiptNumber: string;
  kind: 'charge' | 'refund';
  provider: string;
  passNumberEnd: string;
  memberNumber: number;
  category: string | null;
  offer: string | null;
  /** What the budget paid (or got back). */
  amountCents: number;
  /** A charge: the price asked; more than `amountCents` in a split payment. */
  priceCents: number | null;
  /** What is left to pay another way (a split payment); 0 otherwise. */
  otherPaymentCents: number;
  balanceAfterCents: number | null;
  occurredAt: string;
  /** True when this answers a repeated request: nothing was charged again. */
  replayed: boolean;
}

function newReceiptNumber(): string {
  return `B${randomBytes(6).toString('hex').toUpperCase()}`;
}

/**
 * Charges a child budget at a provider. One audited transaction: check the pass and category, record the charge
 * under the till's idempotency key, and debit with a single conditional UPDATE (`balance >= amount`), so two
 * tills charging the same budget at once can never take it below zero. With `split`, a budget that does not cover
 * the price pays what it has (the budget row locked first, so the part is exact) and the receipt says the rest.
 */
export async function chargePass(db: Database, actor: Actor, input: ChargeInput): Promise<Receipt> {
  const [provider, categories] = await Promise.all([cashierProvider(db, actor), categoriesOf(db)]);
  const offer = input.offerId
    ? (
        await db.unaudited((q) =>
          q
            .select()
            .from(passOffers)
            .where(and(eq(passOffers.id, input.offerId!), eq(passOffers.providerId, provider.id))),
        )
      )[0]
    : null;
  // Only an approved offer that runs today (a submitted, rejected, withdrawn or expired one is refused).
  if (input.offerId && !(offer?.active && isOfferPublic(offer, amsterdamDate(db.clock.now())))) throw passError('offer_not_yours');
  const categoryCode = offer?.category ?? input.category!;
  const category = categories.get(categoryCode);
  const now = db.clock.now();
  const today = amsterdamDate(now);
  return db.audited(
    actor,
    {
      action: 'update',
      objectType: 'child_budget',
      purpose: 'Kassa: betaling met kindtegoed',
      details: { amountCents: input.amountCents, category: categoryCode },
    },
    async (tx, trail) => {
      // The pass and the child's budget for the pass year in one round trip.
      const [found] = await tx
        .select({ pass: passes, budget: childBudgets })
        .from(passes)
        .leftJoin(childBudgets, and(eq(childBudgets.passId, passes.id), eq(childBudgets.memberNumber, input.memberNumber), eq(childBudgets.year, passes.year)))
        .where(eq(passes.number, input.passNumber));
      const pass = found?.pass;
      const budget = found?.budget ?? undefined;
      if (pass) {
        trail.municipalityCode = pass.municipalityCode;
        if (pass.municipalityCode !== provider.municipalityCode) throw new ChargeRefused({ code: 'pass_other_municipality' });
      }
      if (budget) {
        trail.objectId = budget.id;
        trail.subjectIds = [budget.childPersonId];
      }
      // The balance is checked again atomically below; this first check only gives the clearest reason.
      const refusal = chargeRefusal({
        pass: pass ?? null,
        today,
        category: category ?? null,
        budget: budget ? { balanceCents: Number.MAX_SAFE_INTEGER } : null,
        amountCents: input.amountCents,
      });
      if (refusal) throw new ChargeRefused(refusal);
      const [recorded] = await tx
        .insert(passTransactions)
        .values({
          receiptNumber: newReceiptNumber(),
          municipalityCode: pass!.municipalityCode,
          kind: 'charge',
          budgetId: budget!.id,
          passId: pass!.id,
          providerId: provider.id,
          offerId: offer?.id ?? null,
          category: categoryCode,
          amountCents: input.amountCents,
          priceCents: input.amountCents,
          idempotencyKey: input.idempotencyKey,
          description: input.description ?? offer?.title ?? null,
          areaCode: budget!.areaCode,
          ...actorColumns(actor),
          occurredAt: now,
        })
        .onConflictDoNothing({ target: [passTransactions.providerId, passTransactions.idempotencyKey] })
        .returning();
      if (!recorded)
        return replay(
          tx,
          provider.id,
          input.idempotencyKey,
          { kind: 'charge', budgetId: budget!.id, amountCents: input.amountCents },
          provider.name,
          pass!.number,
          trail,
        );
      // Split payment: lock the budget and take what it has, up to the price (nothing when it is empty). `no key update`,
      // as the UPDATE below takes: it waits for the other tills' debits but not for their charge rows' key-share locks.
      // Campaign credit with an end date: after that day its unused part is reserved (not spendable), and a charge uses
      // the credit that ends first (campaignRules.ts). The budget is locked first, so the credits read stay true.
      const dated = await datedCredits(tx, budget!.id, true);
      let reserved = 0;
      if (dated.length) {
        await tx.select({ id: childBudgets.id }).from(childBudgets).where(eq(childBudgets.id, budget!.id)).for('no key update');
        reserved = expiredUnusedCents(await datedCredits(tx, budget!.id, false), today);
      }
      let take = input.amountCents;
      if (input.split) {
        const [locked] = await tx
          .select({ balanceCents: childBudgets.balanceCents })
          .from(childBudgets)
          .where(eq(childBudgets.id, budget!.id))
          .for('no key update');
        take = Math.min((locked?.balanceCents ?? 0) - reserved, input.amountCents);
        if (take <= 0) throw new ChargeRefused({ code: 'insufficient_balance', balanceCents: 0, amountCents: input.amountCents });
      }
      // The debit: one conditional UPDATE (never below zero), and the balance and amount written on the charge in the same statement.
      const result = await tx.execute<{ balance: number }>(sql`
      with debit as (
        update ${childBudgets} set balance_cents = balance_cents - ${take}
        where id = ${budget!.id} and balance_cents - ${reserved} >= ${take}
        returning balance_cents
      )
      update ${passTransactions} set balance_after_cents = debit.balance_cents, amount_cents = ${take} from debit
      where ${passTransactions.id} = ${recorded.id}
      returning debit.balance_cents as balance`);
      const debited = (result as unknown as { rows: { balance: number }[] }).rows[0];
      if (!debited) {
        const [current] = await tx.select({ balanceCents: childBudgets.balanceCents }).from(childBudgets).where(eq(childBudgets.id, budget!.id));
        throw new ChargeRefused({
          code: 'insufficient_balance',
          balanceCents: Math.max(0, (current?.balanceCents ?? 0) - reserved),
          amountCents: input.amountCents,
        });
      }
      if (dated.length) {
        const credits = await datedCredits(tx, budget!.id, false);
        const uses = allocateCharge(credits, take, today);
        for (const [i, use] of uses.entries())
          if (use > 0)
            await tx
              .update(passCampaignCredits)
              .set({ usedCents: sql`${passCampaignCredits.usedCents} + ${use}` })
              .where(and(eq(passCampaignCredits.campaignId, credits[i]!.campaignId), eq(passCampaignCredits.childPersonId, credits[i]!.childPersonId)));
      }
      trail.details = {
        ...trail.details,
        receiptNumber: recorded.receiptNumber,
        ...(take < input.amountCents ? { otherPaymentCents: input.amountCents - take } : {}),
      };
      return {
        receiptNumber: recorded.receiptNumber,
        kind: 'charge',
        provider: provider.name,
        passNumberEnd: pass!.number.slice(-4),
        memberNumber: budget!.memberNumber,
        category: category!.name,
        offer: offer?.title ?? null,
        amountCents: take,
        priceCents: input.amountCents,
        otherPaymentCents: input.amountCents - take,
        balanceAfterCents: Number(debited.balance),
        occurredAt: now.toISOString(),
        replayed: false,
      };
    },
  );
}

/** A budget's campaign credits that have an end date (`probe`: only whether there are any). */
async function datedCredits(tx: Tx, budgetId: string, probe: boolean) {
  const query = tx
    .select({
      campaignId: passCampaignCredits.campaignId,
      childPersonId: passCampaignCredits.childPersonId,
      amountCents: passCampaignCredits.amountCents,
      usedCents: passCampaignCredits.usedCents,
      endsOn: passCampaigns.endsOn,
    })
    .from(passCampaignCredits)
    .innerJoin(passCampaigns, eq(passCampaigns.id, passCampaignCredits.campaignId))
    .where(and(eq(passCampaignCredits.budgetId, budgetId), isNotNull(passCampaigns.endsOn)));
  return probe ? query.limit(1) : query;
}

/** A repeated request: answer with the first receipt, or refuse when the key was used for something else. */
async function replay(
  tx: Tx,
  providerId: string,
  key: string,
  /** What the repeated request asked; a refund of "the rest" (`amountCents: null`) matches any amount. */
  expected: { kind: 'charge' | 'refund'; budgetId: string; amountCents: number | null },
  providerName: string,
  passNumber: string,
  trail: { details?: Record<string, unknown> },
): Promise<Receipt> {
  const [earlier] = await tx
    .select({ t: passTransactions, memberNumber: childBudgets.memberNumber, categoryName: passCategories.name, offer: passOffers.title })
    .from(passTransactions)
    .innerJoin(childBudgets, eq(childBudgets.id, passTransactions.budgetId))
    .leftJoin(passCategories, eq(passCategories.code, passTransactions.category))
    .leftJoin(passOffers, eq(passOffers.id, passTransactions.offerId))
    .where(and(eq(passTransactions.providerId, providerId), eq(passTransactions.idempotencyKey, key)));
  if (!earlier) throw passError('charge_in_progress');
  const asked = earlier.t.priceCents ?? earlier.t.amountCents;
  if (earlier.t.kind !== expected.kind || earlier.t.budgetId !== expected.budgetId || (expected.amountCents !== null && asked !== expected.amountCents)) {
    throw passError('key_reused');
  }
  trail.details = { ...trail.details, replayOf: earlier.t.receiptNumber };
  return {
    receiptNumber: earlier.t.receiptNumber,
    kind: earlier.t.kind as 'charge' | 'refund',
    provider: providerName,
    passNumberEnd: passNumber.slice(-4),
    memberNumber: earlier.memberNumber,
    category: earlier.categoryName,
    offer: earlier.offer,
    amountCents: earlier.t.amountCents,
    priceCents: earlier.t.priceCents,
    otherPaymentCents: earlier.t.priceCents === null ? 0 : earlier.t.priceCents - earlier.t.amountCents,
    balanceAfterCents: earlier.t.balanceAfterCents,
    occurredAt: earlier.t.occurredAt.toISOString(),
    replayed: true,
  };
}

/**
 * Gives (part of) a charge back to the child budget. Only the provider that charged can refund, at most what is left;
 * without an amount, what is left (all of it, or the rest after partial refunds).
 */
export async function refundCharge(db: Database, actor: Actor, input: z.infer<typeof refundInput>): Promise<Receipt> {
  const provider = await cashierProvider(db, actor);
  const now = db.clock.now();
  return db.audited(actor, { action: 'update', objectType: 'child_budget', purpose: 'Kassa: terugbetaling kindtegoed' }, async (tx, trail) => {
    // Lock the original charge: two refunds of one charge are handled one after the other.
    const [original] = await tx
      .select()
      .from(passTransactions)
      .where(and(eq(passTransactions.receiptNumber, input.receiptNumber.toUpperCase()), eq(passTransactions.kind, 'charge')))
      .for('update');
    if (!original || original.providerId !== provider.id) throw new NotFoundError('De betaling met dit bonnummer bij uw organisatie');
    trail.objectId = original.budgetId;
    trail.municipalityCode = original.municipalityCode;
    const [budget] = await tx.select().from(childBudgets).where(eq(childBudgets.id, original.budgetId));
    trail.subjectIds = [budget!.childPersonId];
    const [pass] = await tx.select({ number: passes.number }).from(passes).where(eq(passes.id, budget!.passId));
    const [already] = await tx
      .select({ refunded: sql<number>`coalesce(sum(${passTransactions.amountCents}), 0)::int` })
      .from(passTransactions)
      .where(and(eq(passTransactions.refundOfId, original.id), eq(passTransactions.kind, 'refund')));
    const left = original.amountCents - Number(already?.refunded ?? 0);
    const amount = input.amountCents ?? left;
    const expected = { kind: 'refund' as const, budgetId: original.budgetId, amountCents: input.amountCents ?? null };
    if (amount <= 0) {
      // Nothing left: a retry of the refund that took the rest gets its receipt; anything else is refused.
      const [earlier] = await tx
        .select({ id: passTransactions.id })
        .from(passTransactions)
        .where(and(eq(passTransactions.providerId, provider.id), eq(passTransactions.idempotencyKey, input.idempotencyKey)));
      if (earlier) return replay(tx, provider.id, input.idempotencyKey, expected, provider.name, pass!.number, trail);
      throw new ChargeRefused({ code: 'refund_complete' });
    }
    const [recorded] = await tx
      .insert(passTransactions)
      .values({
        receiptNumber: newReceiptNumber(),
        municipalityCode: original.municipalityCode,
        kind: 'refund',
        budgetId: original.budgetId,
        passId: budget!.passId,
        providerId: provider.id,
        offerId: original.offerId,
        category: original.category,
        amountCents: amount,
        idempotencyKey: input.idempotencyKey,
        refundOfId: original.id,
        description: input.reason ?? null,
        areaCode: original.areaCode,
        ...actorColumns(actor),
        occurredAt: now,
      })
      .onConflictDoNothing({ target: [passTransactions.providerId, passTransactions.idempotencyKey] })
      .returning();
    if (!recorded) return replay(tx, provider.id, input.idempotencyKey, expected, provider.name, pass!.number, trail);
    const refused = refundRefusal({ chargedCents: original.amountCents, refundedCents: Number(already?.refunded ?? 0), amountCents: amount });
    if (refused) throw new ChargeRefused(refused);
    const [credited] = await tx
      .update(childBudgets)
      .set({ balanceCents: sql`${childBudgets.balanceCents} + ${amount}` })
      .where(eq(childBudgets.id, original.budgetId))
      .returning({ balanceCents: childBudgets.balanceCents });
    await tx.update(passTransactions).set({ balanceAfterCents: credited!.balanceCents }).where(eq(passTransactions.id, recorded.id));
    const [category] = await tx
      .select()
      .from(passCategories)
      .where(eq(passCategories.code, original.category ?? ''));
    return {
      receiptNumber: recorded.receiptNumber,
      kind: 'refund',
      provider: provider.name,
      passNumberEnd: pass!.number.slice(-4),
      memberNumber: budget!.memberNumber,
      category: category?.name ?? null,
      offer: null,
      amountCents: amount,
      priceCents: null,
      otherPaymentCents: 0,
      balanceAfterCents: credited!.balanceCents,
      occurredAt: now.toISOString(),
      replayed: false,
    };
  });
}
