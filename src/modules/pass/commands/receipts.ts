import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { passError } from '../messages.ts';
import { childBudgets, passCategories, passOffers, passTransactions } from '../schema.ts';

/** What the till gets back from a charge or a refund, and the answer to a repeated request (same idempotency key). */

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

export function newReceiptNumber(): string {
  return `B${randomBytes(6).toString('hex').toUpperCase()}`;
}

export /** A repeated request: answer with the first receipt, or refuse when the key was used for something else. */
async function replay(
  tx: Db,
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
