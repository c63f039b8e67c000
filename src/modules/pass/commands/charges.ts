import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../../../db/database.ts';
import { actorColumns, type Actor } from '../../../platform/actor.ts';
import { assertCan } from '../../../platform/authz.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { refundToCredits } from '../campaignRules.ts';
import { categoriesOf } from '../categories.ts';
import type { ChargeInput, refundInput } from '../chargeInputs.ts';
import { cashierProvider } from '../chargeQueries.ts';
import { chargeStatement } from './chargeStatement.ts';
import { chargeRefusal, refundRefusal } from '../domain.ts';
import { ChargeRefused, passError } from '../messages.ts';
import { isOfferPublic } from '../offerRules.ts';
import { chargeWithDatedCredits } from './chargeWithCredits.ts';
import { newReceiptNumber, replay, type Receipt } from './receipts.ts';
import { childBudgets, passCampaignCredits, passCategories, passOffers, passProviders, passTransactions, passes } from '../schema.ts';

/** The two changes at the till: a charge on a child budget and its refund, each audited. */

export type { Receipt } from './receipts.ts';

/**
 * Charges a child budget at a provider. One SQL statement with its audit line (`chargeStatement`: read the
 * provider, pass and budget, lock the budget when the charge may go ahead, record it under the till's idempotency
 * key, debit it, never below zero, write the audit line), atomic as every statement is. Two tills charging the same
 * budget at once wait for each other on the budget row, so the balance is exact. With `split`, a budget that
 * does not cover the price pays what it has and the receipt says the rest. A refusal is explained from what the
 * statement read; only then, and for a repeated key, is anything read again.
 */
export async function chargePass(db: Database, actor: Actor, input: ChargeInput): Promise<Receipt> {
  assertCan(actor, 'pass:charge');
  const categories = await categoriesOf(db);
  const offer = input.offerId
    ? (
        await db.unaudited((q) =>
          q
            .select({ offer: passOffers })
            .from(passOffers)
            .innerJoin(passProviders, eq(passProviders.id, passOffers.providerId))
            .where(and(eq(passOffers.id, input.offerId!), eq(passProviders.organisationId, actor.organisationId))),
        )
      )[0]?.offer
    : null;
  // Only an approved offer that runs today (a submitted, rejected, withdrawn or expired one is refused).
  if (input.offerId && !(offer?.active && isOfferPublic(offer, amsterdamDate(db.clock.now())))) throw passError('offer_not_yours');
  const categoryCode = offer?.category ?? input.category!;
  const category = categories.get(categoryCode);
  const now = db.clock.now();
  const today = amsterdamDate(now);
  const charged = await db.auditedStatement<Receipt | null>(
    actor,
    {
      action: 'update',
      objectType: 'child_budget',
      purpose: 'Kassa: betaling met kindtegoed',
      details: { amountCents: input.amountCents, category: categoryCode },
    },
    async (tx, trail, auditLine) => {
      const row = await chargeStatement(
        tx,
        {
          organisationId: actor.organisationId,
          passNumber: input.passNumber,
          memberNumber: input.memberNumber,
          today,
          categoryAllowed: !!category?.childBudgetAllowed,
          category: categoryCode,
          offerId: offer?.id ?? null,
          amountCents: input.amountCents,
          split: !!input.split,
          receiptNumber: newReceiptNumber(),
          idempotencyKey: input.idempotencyKey,
          description: input.description ?? offer?.title ?? null,
          ...actorColumns(actor),
          now,
        },
        auditLine,
      );
      if (!row.provider_id) throw passError('not_a_provider');
      const provider = { id: row.provider_id, name: row.provider_name! };
      if (row.pass_id) {
        trail.municipalityCode = row.pass_municipality!;
        if (row.pass_municipality !== row.provider_municipality) throw new ChargeRefused({ code: 'pass_other_municipality' });
      }
      if (row.budget_id) {
        trail.objectId = row.budget_id;
        trail.subjectIds = [row.child_person_id!];
      }
      // Campaign credit with an end date on this budget: the statement left it alone (nothing read is changed, so no
      // line here); the charge goes through the transaction that reserves expired credit and uses what ends first.
      if (row.has_dated_credits && row.receipt_number === null) return { result: null, lineWritten: true };
      if (row.receipt_number === null) {
        const pass = row.pass_id ? { status: row.pass_status!, validFrom: row.valid_from!, validTo: row.valid_to! } : null;
        const refusal = chargeRefusal({
          pass,
          today,
          category: category ?? null,
          budget: row.budget_id ? { balanceCents: Number.MAX_SAFE_INTEGER } : null,
          amountCents: input.amountCents,
        });
        if (refusal) throw new ChargeRefused(refusal);
        // The pass, category and budget allow it, yet nothing was recorded: the key was used before, or the balance is short.
        const [earlier] = await tx
          .select({ id: passTransactions.id })
          .from(passTransactions)
          .where(and(eq(passTransactions.providerId, provider.id), eq(passTransactions.idempotencyKey, input.idempotencyKey)));
        if (earlier) {
          const first = await replay(
            tx,
            provider.id,
            input.idempotencyKey,
            { kind: 'charge', budgetId: row.budget_id!, amountCents: input.amountCents },
            provider.name,
            row.pass_number!,
            trail,
          );
          return { result: first, lineWritten: false };
        }
        const [current] = await tx.select({ balanceCents: childBudgets.balanceCents }).from(childBudgets).where(eq(childBudgets.id, row.budget_id!));
        throw new ChargeRefused({ code: 'insufficient_balance', balanceCents: current?.balanceCents ?? 0, amountCents: input.amountCents });
      }
      const take = Number(row.taken_cents);
      // The audit line (receipt number, what is left to pay otherwise) was written by the statement itself.
      const receipt: Receipt = {
        receiptNumber: row.receipt_number,
        kind: 'charge',
        provider: provider.name,
        passNumberEnd: row.pass_number!.slice(-4),
        memberNumber: row.member_number!,
        category: category!.name,
        offer: offer?.title ?? null,
        amountCents: take,
        priceCents: input.amountCents,
        otherPaymentCents: input.amountCents - take,
        balanceAfterCents: Number(row.balance_after_cents),
        occurredAt: now.toISOString(),
        replayed: false,
      };
      return { result: receipt, lineWritten: true };
    },
  );
  return charged ?? chargeWithDatedCredits(db, actor, input, { offer: offer ?? null, category: category ?? null, categoryCode, now, today });
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
    // What the charge took from campaign credits goes back to them (after the budget row, in the charge's lock order).
    const restored = refundToCredits(original.amountCents, original.creditUses ?? [], Number(already?.refunded ?? 0), amount);
    for (const part of restored)
      await tx
        .update(passCampaignCredits)
        .set({ usedCents: sql`greatest(0, ${passCampaignCredits.usedCents} - ${part.cents})` })
        .where(and(eq(passCampaignCredits.campaignId, part.campaignId), eq(passCampaignCredits.childPersonId, part.childPersonId)));
    await tx
      .update(passTransactions)
      .set({ balanceAfterCents: credited!.balanceCents, ...(restored.length ? { creditUses: restored } : {}) })
      .where(eq(passTransactions.id, recorded.id));
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
