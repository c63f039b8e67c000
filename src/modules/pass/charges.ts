import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { categoriesOf } from './categories.ts';
import { assertProviderAccess, providerOfOrganisation } from './configuration.ts';
import { chargeRefusal, isValidPassNumber, normalisePassNumber, statementTotals } from './domain.ts';
import { ChargeRefused, chargeRefusalText, passError } from './messages.ts';
import { childBudgets, passCategories, passMembers, passOffers, passProviders, passTransactions, passes } from './schema.ts';

export { ChargeRefused } from './messages.ts';

const passNumber = z
  .string()
  .max(50)
  .trim()
  .refine(isValidPassNumber, 'Dit pasnummer klopt niet: controleer de tien cijfers op de pas.')
  .transform(normalisePassNumber);

export const lookupInput = z.object({ passNumber });

export const chargeInput = z
  .object({
    passNumber,
    /** The member number printed on the card (the holder is 1; children follow). */
    memberNumber: z.number().int().min(1).max(20),
    offerId: z.string().uuid().optional().nullable(),
    category: z.string().min(2).max(50).optional().nullable(),
    amountCents: z
      .number()
      .int('Het bedrag is in hele centen.')
      .min(1, 'Het bedrag moet meer dan € 0,00 zijn.')
      .max(100_000, 'Het bedrag kan hoogstens € 1.000,00 zijn.'),
    /** Chosen by the till, unique per charge: a retried request with the same key does not charge twice. */
    idempotencyKey: z.string().trim().min(8, 'Een idempotency key heeft 8 tot 100 tekens.').max(100, 'Een idempotency key heeft 8 tot 100 tekens.'),
    description: z.string().trim().max(200).optional().nullable(),
  })
  .refine((v) => v.offerId || v.category, { message: 'Kies een aanbod of een categorie.', path: ['category'] });
export type ChargeInput = z.infer<typeof chargeInput>;

export const refundInput = z.object({
  receiptNumber: z
    .string()
    .trim()
    .min(4, 'Een bonnummer heeft 4 tot 30 tekens, bijvoorbeeld B1A2B3C4D5E6.')
    .max(30, 'Een bonnummer heeft 4 tot 30 tekens, bijvoorbeeld B1A2B3C4D5E6.'),
  amountCents: z
    .number()
    .int('Het bedrag is in hele centen.')
    .min(1, 'Het bedrag moet meer dan € 0,00 zijn.')
    .max(100_000, 'Het bedrag kan hoogstens € 1.000,00 zijn.')
    .optional()
    .nullable(),
  idempotencyKey: z.string().trim().min(8, 'Een idempotency key heeft 8 tot 100 tekens.').max(100, 'Een idempotency key heeft 8 tot 100 tekens.'),
  reason: z.string().trim().max(200).optional().nullable(),
});

export interface Receipt {
  receiptNumber: string;
  kind: 'charge' | 'refund';
  provider: string;
  passNumberEnd: string;
  memberNumber: number;
  category: string | null;
  offer: string | null;
  amountCents: number;
  balanceAfterCents: number | null;
  occurredAt: string;
  /** True when this answers a repeated request: nothing was charged again. */
  replayed: boolean;
}

function newReceiptNumber(): string {
  return `B${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** The cashier's provider: the organisation the actor acts for must have joined the pass. */
async function cashierProvider(db: Database, actor: Actor) {
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
      children: budgets.map((b) => ({ memberNumber: b.memberNumber, initials: b.initials, ageGroup: b.ageGroup, balanceCents: b.balanceCents })),
    };
  });
}

/**
 * Charges a child budget at a provider. One audited transaction: check the pass and category, record the charge
 * under the till's idempotency key, and debit with a single conditional UPDATE (`balance >= amount`), so two
 * tills charging the same budget at once can never take it below zero.
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
  if (input.offerId && !offer?.active) throw passError('offer_not_yours');
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
          idempotencyKey: input.idempotencyKey,
          description: input.description ?? offer?.title ?? null,
          areaCode: budget!.areaCode,
          actorUserId: actor.kind === 'user' ? actor.userId : null,
          actorApiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
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
      // The debit: one conditional UPDATE (never below zero), and the balance written on the charge in the same statement.
      const result = await tx.execute<{ balance: number }>(sql`
      with debit as (
        update ${childBudgets} set balance_cents = balance_cents - ${input.amountCents}
        where id = ${budget!.id} and balance_cents >= ${input.amountCents}
        returning balance_cents
      )
      update ${passTransactions} set balance_after_cents = debit.balance_cents from debit
      where ${passTransactions.id} = ${recorded.id}
      returning debit.balance_cents as balance`);
      const debited = (result as unknown as { rows: { balance: number }[] }).rows[0];
      if (!debited) {
        const [current] = await tx.select({ balanceCents: childBudgets.balanceCents }).from(childBudgets).where(eq(childBudgets.id, budget!.id));
        throw new ChargeRefused({ code: 'insufficient_balance', balanceCents: current?.balanceCents ?? 0, amountCents: input.amountCents });
      }
      trail.details = { ...trail.details, receiptNumber: recorded.receiptNumber };
      return {
        receiptNumber: recorded.receiptNumber,
        kind: 'charge',
        provider: provider.name,
        passNumberEnd: pass!.number.slice(-4),
        memberNumber: budget!.memberNumber,
        category: category!.name,
        offer: offer?.title ?? null,
        amountCents: input.amountCents,
        balanceAfterCents: Number(debited.balance),
        occurredAt: now.toISOString(),
        replayed: false,
      };
    },
  );
}

/** A repeated request: answer with the first receipt, or refuse when the key was used for something else. */
async function replay(
  tx: Tx,
  providerId: string,
  key: string,
  expected: { kind: 'charge' | 'refund'; budgetId: string; amountCents: number },
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
  if (earlier.t.kind !== expected.kind || earlier.t.budgetId !== expected.budgetId || earlier.t.amountCents !== expected.amountCents) {
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
    balanceAfterCents: earlier.t.balanceAfterCents,
    occurredAt: earlier.t.occurredAt.toISOString(),
    replayed: true,
  };
}

/** Gives (part of) a charge back to the child budget. Only the provider that charged can refund, at most what is left. */
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
    const amount = input.amountCents ?? original.amountCents;
    const [already] = await tx
      .select({ refunded: sql<number>`coalesce(sum(${passTransactions.amountCents}), 0)::int` })
      .from(passTransactions)
      .where(and(eq(passTransactions.refundOfId, original.id), eq(passTransactions.kind, 'refund')));
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
        actorUserId: actor.kind === 'user' ? actor.userId : null,
        actorApiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
        occurredAt: now,
      })
      .onConflictDoNothing({ target: [passTransactions.providerId, passTransactions.idempotencyKey] })
      .returning();
    if (!recorded)
      return replay(
        tx,
        provider.id,
        input.idempotencyKey,
        { kind: 'refund', budgetId: original.budgetId, amountCents: amount },
        provider.name,
        pass!.number,
        trail,
      );
    const left = original.amountCents - (already?.refunded ?? 0);
    if (amount > left) {
      throw new ChargeRefused({ code: 'refund_above_charge', leftCents: left });
    }
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
      balanceAfterCents: credited!.balanceCents,
      occurredAt: now.toISOString(),
      replayed: false,
    };
  });
}

export const statementQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
});

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
      const start = amsterdamMidnight(query.from);
      const end = amsterdamMidnight(nextDay(query.to));
      const rows = await tx
        .select({ t: passTransactions, category: passCategories.name, offer: passOffers.title, passNumber: passes.number })
        .from(passTransactions)
        .innerJoin(passes, eq(passes.id, passTransactions.passId))
        .leftJoin(passCategories, eq(passCategories.code, passTransactions.category))
        .leftJoin(passOffers, eq(passOffers.id, passTransactions.offerId))
        .where(and(eq(passTransactions.providerId, provider.id), gte(passTransactions.occurredAt, start), lt(passTransactions.occurredAt, end)))
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

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Midnight in Amsterdam of a calendar date, as an instant. */
export function amsterdamMidnight(date: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const offsetHours = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(guess));
  return new Date(guess.getTime() - offsetHours * 3_600_000);
}

/** The provider of the acting cashier (for the cashier page). */
export async function myProvider(db: Database, actor: Actor) {
  const provider = await cashierProvider(db, actor);
  assertMunicipality(actor, provider.municipalityCode);
  const offers = await db.unaudited((q) =>
    q
      .select()
      .from(passOffers)
      .where(and(eq(passOffers.providerId, provider.id), eq(passOffers.active, true)))
      .orderBy(asc(passOffers.title)),
  );
  const categories = await db.unaudited((q) => q.select().from(passCategories).orderBy(asc(passCategories.sortOrder)));
  return { ...provider, offers, categories };
}
