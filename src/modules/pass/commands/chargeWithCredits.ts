import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/database.ts';
import { actorColumns, type Actor } from '../../../platform/actor.ts';
import type { ChargeInput } from '../chargeInputs.ts';
import { cashierProvider } from '../chargeQueries.ts';
import { allocateCharge, expiredUnusedCents } from '../campaignRules.ts';
import { chargeRefusal } from '../domain.ts';
import { ChargeRefused } from '../messages.ts';
import { childBudgets, passCampaignCredits, passCampaigns, type passCategories, type passOffers, passTransactions, passes } from '../schema.ts';
import { newReceiptNumber, replay, type Receipt } from './receipts.ts';

/**
 * A charge on a budget that holds campaign credit with an end date (campaignRules.ts): one audited transaction that
 * locks the budget, reserves the unused part of credit past its end date (not spendable), takes the charge and
 * books it on the credit that ends first. Budgets without such credit are charged in one statement (charges.ts).
 */
export async function chargeWithDatedCredits(
  db: Database,
  actor: Actor,
  input: ChargeInput,
  known: {
    offer: typeof passOffers.$inferSelect | null;
    category: typeof passCategories.$inferSelect | null;
    categoryCode: string;
    now: Date;
    today: string;
  },
): Promise<Receipt> {
  const provider = await cashierProvider(db, actor);
  const { offer, category, categoryCode, now, today } = known;
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
        const taken = [];
        for (const [i, use] of uses.entries())
          if (use > 0) {
            await tx
              .update(passCampaignCredits)
              .set({ usedCents: sql`${passCampaignCredits.usedCents} + ${use}` })
              .where(and(eq(passCampaignCredits.campaignId, credits[i]!.campaignId), eq(passCampaignCredits.childPersonId, credits[i]!.childPersonId)));
            taken.push({ campaignId: credits[i]!.campaignId, childPersonId: credits[i]!.childPersonId, cents: use });
          }
        // Kept on the charge, in the order taken, so a refund gives each credit back what this charge took.
        if (taken.length) await tx.update(passTransactions).set({ creditUses: taken }).where(eq(passTransactions.id, recorded.id));
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
