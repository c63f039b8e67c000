import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { isOfferPublic } from './offerRules.ts';
import { creditsOfBudgets, spendableOf } from './campaignCredits.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { lookupInput, statementQuery } from './chargeInputs.ts';
import { assertProviderAccess, providerOfOrganisation } from './configuration.ts';
import { chargeRefusal, statementPeriod, statementTotals } from './domain.ts';
import { ChargeRefused, chargeRefusalText, passError } from './messages.ts';
import { childBudgets, passCategories, passMembers, passOffers, passProviders, passTransactions, passes } from './schema.ts';

/** The reads of the till and of the payout statement. The charges and refunds themselves are in `commands/charges.ts`. */

/** The cashier's provider: the organisation the actor acts for must have joined the pass. */
export async function cashierProvider(db: Database, actor: Actor) {
  assertCan(actor, 'pass:charge');
  const provider = await db.unaudited((q) => providerOfOrganisation(q, actor.organisationId));
  if (!provider?.active) throw passError('not_a_provider');
  return provider;
}

/**
 * What the till needs before a charge: whether the pass works today and, per child, the member number, initials,
 * age group and balance. No names, addresses or birth dates.
 */
export async function lookupPassForCharge(db: Database, actor: Actor, input: z.infer<typeof lookupInput>) {
  const provider = await cashierProvider(db, actor);
  return db.audited(actor, { action: 'read', objectType: 'pass', purpose: 'Kassa: pas controleren' }, async (tx, trail) => {
    const [pass] = await tx.select().from(passes).where(eq(passes.number, input.passNumber));
    const today = amsterdamDate(db.clock.now());
    if (!pass) throw new ChargeRefused({ code: 'pass_unknown' });
    trail.objectId = pass.id;
    trail.municipalityCode = pass.municipalityCode;
    if (pass.municipalityCode !== provider.municipalityCode) throw new ChargeRefused({ code: 'pass_other_municipality' });
    const budgets = await tx
      .select({
        id: childBudgets.id,
        memberNumber: childBudgets.memberNumber,
        ageGroup: childBudgets.ageGroup,
        balanceCents: childBudgets.balanceCents,
        year: childBudgets.year,
        childPersonId: childBudgets.childPersonId,
        initials: passMembers.initials,
      })
      .from(childBudgets)
      .innerJoin(passMembers, and(eq(passMembers.passId, childBudgets.passId), eq(passMembers.memberNumber, childBudgets.memberNumber)))
      .where(and(eq(childBudgets.passId, pass.id), eq(childBudgets.year, pass.year)))
      .orderBy(asc(childBudgets.memberNumber));
    trail.subjectIds = budgets.map((b) => b.childPersonId);
    const credits = await creditsOfBudgets(
      tx,
      budgets.map((b) => b.id),
    );
    const refusal = chargeRefusal({
      pass,
      today,
      category: { code: '-', name: '-', childBudgetAllowed: true },
      budget: { balanceCents: Number.MAX_SAFE_INTEGER },
      amountCents: 0,
    });
    return {
      passNumber: pass.number,
      usable: refusal === null,
      reason: refusal ? chargeRefusalText(refusal) : null,
      reasonCode: refusal?.code ?? null,
      validTo: pass.validTo,
      // What can be spent today: campaign credit past its end date is no longer in it.
      children: budgets.map((b) => ({
        memberNumber: b.memberNumber,
        initials: b.initials,
        ageGroup: b.ageGroup,
        balanceCents: spendableOf(b, credits, today),
      })),
    };
  });
}

export interface Statement {
  provider: { id: string; name: string; municipalityCode: string };
  from: string;
  to: string;
  lines: {
    date: string;
    receiptNumber: string;
    kind: 'charge' | 'refund';
    category: string;
    offer: string | null;
    passNumberEnd: string;
    amountCents: number;
    refundOf: string | null;
  }[];
  totals: ReturnType<typeof statementTotals>;
}

/**
 * The payout statement of one provider for a period (dates inclusive, Europe/Amsterdam): every charge and refund
 * with the last four digits of the pass, and the amount the municipality pays out. Audited as an export.
 */
export async function payoutStatement(db: Database, actor: Actor, providerId: string, query: z.infer<typeof statementQuery>): Promise<Statement> {
  if (query.to < query.from) throw passError('period_reversed');
  const [provider] = await db.unaudited((q) => q.select().from(passProviders).where(eq(passProviders.id, providerId)));
  if (!provider) throw new NotFoundError('De aanbieder');
  return db.audited(
    actor,
    { action: 'export', objectType: 'pass_statement', objectId: providerId, municipalityCode: provider.municipalityCode, details: { ...query } },
    async (tx) => {
      assertProviderAccess(actor, provider);
      const { start, end } = statementPeriod(query.from, query.to);
      const rows = await tx
        .select({ t: passTransactions, category: passCategories.name, offer: passOffers.title, passNumber: passes.number })
        .from(passTransactions)
        .innerJoin(passes, eq(passes.id, passTransactions.passId))
        .leftJoin(passCategories, eq(passCategories.code, passTransactions.category))
        .leftJoin(passOffers, eq(passOffers.id, passTransactions.offerId))
        .where(
          and(
            eq(passTransactions.providerId, provider.id),
            gte(passTransactions.occurredAt, start),
            lt(passTransactions.occurredAt, end),
            query.payout ? eq(passTransactions.payoutId, query.payout) : undefined,
          ),
        )
        .orderBy(asc(passTransactions.occurredAt), asc(passTransactions.receiptNumber));
      const byId = new Map(rows.map((r) => [r.t.id, r.t.receiptNumber]));
      const lines = rows.map((r) => ({
        date: amsterdamDate(r.t.occurredAt),
        receiptNumber: r.t.receiptNumber,
        kind: r.t.kind as 'charge' | 'refund',
        category: r.category ?? '',
        offer: r.offer,
        passNumberEnd: r.passNumber.slice(-4),
        amountCents: r.t.amountCents,
        refundOf: r.t.refundOfId ? (byId.get(r.t.refundOfId) ?? r.t.refundOfId) : null,
      }));
      return {
        provider: { id: provider.id, name: provider.name, municipalityCode: provider.municipalityCode },
        from: query.from,
        to: query.to,
        lines,
        totals: statementTotals(lines),
      };
    },
  );
}

/** The provider of the acting cashier (for the cashier page). */
export async function myProvider(db: Database, actor: Actor) {
  const provider = await cashierProvider(db, actor);
  assertMunicipality(actor, provider.municipalityCode);
  const offers = await db.unaudited((q) =>
    q
      .select()
      .from(passOffers)
      .where(and(eq(passOffers.providerId, provider.id), eq(passOffers.active, true), eq(passOffers.status, 'approved')))
      .orderBy(asc(passOffers.title)),
  );
  // Only approved offers that run today can be charged (offerRules.ts).
  const today = amsterdamDate(db.clock.now());
  const current = offers.filter((o) => isOfferPublic(o, today));
  const categories = await db.unaudited((q) => q.select().from(passCategories).orderBy(asc(passCategories.sortOrder)));
  return { ...provider, offers: current, categories };
}
