/**
 * The rules of campaigns (one-off credits) as pure functions: who a campaign targets (an age range on the run date, a
 * wijk), and what is left to spend when a credit has an end date. A charge uses the credit that ends first; after the
 * end date the unused part of a credit can no longer be spent.
 */

export interface CampaignTarget {
  targetMinAge: number | null;
  targetMaxAge: number | null;
  targetAreaCode: string | null;
}

/** Whole years of age on a day (`2016-05-10` on `2026-05-09` is 9). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Does the campaign reach this child? A child without a known birth date is not in an age target. */
export function campaignTargets(target: CampaignTarget, child: { birthDate: string | null; areaCode: string | null }, day: string): boolean {
  if (target.targetAreaCode && child.areaCode !== target.targetAreaCode) return false;
  if (target.targetMinAge == null && target.targetMaxAge == null) return true;
  if (!child.birthDate) return false;
  const age = ageOn(child.birthDate, day);
  if (target.targetMinAge != null && age < target.targetMinAge) return false;
  if (target.targetMaxAge != null && age > target.targetMaxAge) return false;
  return true;
}

export type CampaignTargetProblem = 'campaign_ages_out_of_order' | 'campaign_ends_in_past';

/** What is wrong with a campaign's target and end date, per field. */
export function campaignTargetProblems(
  input: { targetMinAge?: number | null; targetMaxAge?: number | null; endsOn?: string | null },
  today: string,
): Record<string, CampaignTargetProblem> {
  const problems: Record<string, CampaignTargetProblem> = {};
  if (input.targetMinAge != null && input.targetMaxAge != null && input.targetMinAge > input.targetMaxAge) problems.targetMaxAge = 'campaign_ages_out_of_order';
  if (input.endsOn && input.endsOn < today) problems.endsOn = 'campaign_ends_in_past';
  return problems;
}

export interface CreditUse {
  amountCents: number;
  usedCents: number;
  endsOn: string | null;
}

/** The part of credits past their end date that was not spent: no longer spendable. */
export function expiredUnusedCents(credits: readonly CreditUse[], today: string): number {
  return credits.reduce((sum, c) => sum + (c.endsOn && c.endsOn < today ? Math.max(0, c.amountCents - c.usedCents) : 0), 0);
}

/** What a budget can still spend today: its balance minus the expired, unused credit (never below zero). */
export function spendableCents(balanceCents: number, credits: readonly CreditUse[], today: string): number {
  return Math.max(0, balanceCents - expiredUnusedCents(credits, today));
}

/**
 * How a charge of `amountCents` uses the running credits with an end date: the one that ends first, first. Returns
 * per credit (by index) the cents to add to its `usedCents`; the rest of the charge is ordinary budget.
 */
export function allocateCharge(credits: readonly CreditUse[], amountCents: number, today: string): number[] {
  const uses = credits.map(() => 0);
  const order = credits
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.endsOn && c.endsOn >= today && c.usedCents < c.amountCents)
    .sort((a, b) => (a.c.endsOn! < b.c.endsOn! ? -1 : a.c.endsOn! > b.c.endsOn! ? 1 : a.i - b.i));
  let left = amountCents;
  for (const { c, i } of order) {
    if (left <= 0) break;
    const take = Math.min(left, c.amountCents - c.usedCents);
    uses[i] = take;
    left -= take;
  }
  return uses;
}

export interface CreditPart {
  campaignId: string;
  childPersonId: string;
  cents: number;
}

/**
 * What a refund gives back to campaign credits. A charge took its dated credits first (`allocateCharge`) and the
 * rest from ordinary budget; refunds unwind it the other way round: the ordinary part first, then the credits, the
 * last one taken first. So one full refund, or partial refunds that add up to the charge, give every credit back
 * exactly what the charge took (with its own end date; after that day it cannot be spent, as before the charge).
 */
export function refundToCredits(chargeCents: number, uses: readonly CreditPart[], refundedBeforeCents: number, amountCents: number): CreditPart[] {
  const ordinary = chargeCents - uses.reduce((sum, u) => sum + u.cents, 0);
  const from = Math.max(0, refundedBeforeCents - ordinary);
  const to = Math.max(0, refundedBeforeCents + amountCents - ordinary);
  const parts: CreditPart[] = [];
  let offset = 0;
  for (const use of [...uses].reverse()) {
    const overlap = Math.min(offset + use.cents, to) - Math.max(offset, from);
    if (overlap > 0) parts.push({ ...use, cents: overlap });
    offset += use.cents;
  }
  return parts;
}
