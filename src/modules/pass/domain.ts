import { householdTypeLabels, inSentence, type AgeGroup, type HouseholdType, type PassRoute } from './contract.ts';
import { dutchDate, euro, type ChargeRefusal } from './messages.ts';

/**
 * The rules of the Dordtpas as pure functions: household type, the income check against the social minimum,
 * the child budget per age group, pass numbers, statement totals. No database, no clock: tested on plain data.
 */

export {
  ageGroupLabels,
  householdTypeLabels,
  householdTypes,
  passRouteLabels,
  passRoutes,
  passStatusLabels,
  passStatuses,
  type AgeGroup,
  type HouseholdType,
  type PassRoute,
  type PassStatus,
} from './contract.ts';
export { euro, type ChargeRefusal } from './messages.ts';

/** One row of the norm table: the monthly social minimum (net, in cents) for a household type from a date on. */
export interface NormRow {
  householdType: string;
  validFrom: string;
  monthlyNormCents: number;
}

export interface PassRuleSet {
  validFrom: string;
  incomeLimitPercent: number;
  primaryBudgetCents: number;
  secondaryBudgetCents: number;
  primaryFromAge: number;
  secondaryFromAge: number;
  budgetUntilAge: number;
  purchasePriceCents: number;
  volunteerPriceCents: number;
}

/** The age at which the AOW (state pension) starts; from 2028 it rises to 67 years and 3 months. */
export const pensionAge = 67;

export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function householdTypeFor(input: { hasPartner: boolean; childCount: number; applicantBirthDate: string | null; on: string }): HouseholdType {
  const pensioner = input.applicantBirthDate ? ageOn(input.applicantBirthDate, input.on) >= pensionAge : false;
  if (input.hasPartner) return pensioner ? 'couple_pensioner' : 'couple';
  if (pensioner) return 'single_pensioner';
  return input.childCount > 0 ? 'single_parent' : 'single';
}

/** The row of a sorted-or-not list valid on `on`: the latest validFrom not after it. */
export function validOn<T extends { validFrom: string }>(rows: T[], on: string): T | null {
  let best: T | null = null;
  for (const row of rows) if (row.validFrom <= on && (!best || row.validFrom > best.validFrom)) best = row;
  return best;
}

export interface EligibilityInput {
  householdType: HouseholdType;
  monthlyNetIncomeCents: number;
  /** The date the check is about (the application date). */
  on: string;
}

export type EligibilityResult =
  | {
      eligible: boolean;
      householdType: HouseholdType;
      normCents: number;
      limitCents: number;
      limitPercent: number;
      incomeCents: number;
      normValidFrom: string;
      reason: string;
    }
  | {
      eligible: false;
      householdType: HouseholdType;
      reason: string;
      normCents: null;
      limitCents: null;
      limitPercent: number;
      incomeCents: number;
      normValidFrom: null;
    };

/**
 * The income check: free pass when the net monthly income is at most `incomeLimitPercent` (140%) of the social
 * minimum for the household type. The reason is written for the applicant and the case worker alike (B1).
 */
export function checkEligibility(input: EligibilityInput, norms: NormRow[], rules: Pick<PassRuleSet, 'incomeLimitPercent'>): EligibilityResult {
  const label = inSentence(householdTypeLabels[input.householdType]);
  const norm = validOn(
    norms.filter((n) => n.householdType === input.householdType),
    input.on,
  );
  if (!norm) {
    return {
      eligible: false,
      householdType: input.householdType,
      normCents: null,
      limitCents: null,
      limitPercent: rules.incomeLimitPercent,
      incomeCents: input.monthlyNetIncomeCents,
      normValidFrom: null,
      reason: `Er is geen bijstandsnorm bekend voor een ${label} op ${dutchDate(input.on)}. Een consulent beoordeelt uw aanvraag.`,
    };
  }
  // Round down: the limit is never more generous than the policy says.
  const limitCents = Math.floor((norm.monthlyNormCents * rules.incomeLimitPercent) / 100);
  const eligible = input.monthlyNetIncomeCents <= limitCents;
  const base = `Uw netto-inkomen is ${euro(input.monthlyNetIncomeCents)} per maand. De grens voor een ${label} is ${euro(limitCents)} per maand (${rules.incomeLimitPercent}% van de bijstandsnorm van ${euro(norm.monthlyNormCents)}).`;
  const reason = eligible
    ? `${base} Uw inkomen is niet hoger dan de grens. U krijgt de Dordtpas gratis.`
    : `${base} Uw inkomen is ${euro(input.monthlyNetIncomeCents - limitCents)} hoger dan de grens. U krijgt de Dordtpas daarom niet gratis. U kunt de Dordtpas wel kopen.`;
  return {
    eligible,
    householdType: input.householdType,
    normCents: norm.monthlyNormCents,
    limitCents,
    limitPercent: rules.incomeLimitPercent,
    incomeCents: input.monthlyNetIncomeCents,
    normValidFrom: norm.validFrom,
    reason,
  };
}

/** Why a route other than income gets (or pays for) a pass; shown with the application. */
export function routeReason(route: Exclude<PassRoute, 'income'>, rules: Pick<PassRuleSet, 'purchasePriceCents' | 'volunteerPriceCents'>): string {
  switch (route) {
    case 'carer':
      return 'Mantelzorgers krijgen de Dordtpas gratis, als waardering voor hun inzet. Een consulent controleert of u mantelzorger bent.';
    case 'volunteer':
      return `Uw vrijwilligersorganisatie koopt de Dordtpas voor u tegen het verlaagde tarief van ${euro(rules.volunteerPriceCents)}.`;
    case 'purchase':
      return `Iedereen kan de Dordtpas kopen. De prijs is ${euro(rules.purchasePriceCents)} per jaar.`;
  }
}

/** The child budget for a child in a pass year, by the age on 1 January of that year; null when too young or too old. */
export function childBudgetFor(birthDate: string, year: number, rules: PassRuleSet): { ageGroup: AgeGroup; amountCents: number } | null {
  const age = ageOn(birthDate, `${year}-01-01`);
  if (age < rules.primaryFromAge || age >= rules.budgetUntilAge) return null;
  if (age < rules.secondaryFromAge) return { ageGroup: 'primary', amountCents: rules.primaryBudgetCents };
  return { ageGroup: 'secondary', amountCents: rules.secondaryBudgetCents };
}

/** Pass numbers: ten digits, the last a Luhn check digit, so a mistyped number is caught at the till. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function passNumberFrom(nineDigits: string): string {
  return `${nineDigits}${luhnDigit(nineDigits)}`;
}

/** An access code as typed (`abcd-efgh-jkmn`, with spaces): upper case, letters and digits only. */
export function normaliseAccessCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function normalisePassNumber(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

export function isValidPassNumber(input: string): boolean {
  const n = normalisePassNumber(input);
  return /^\d{10}$/.test(n) && luhnDigit(n.slice(0, 9)) === Number(n[9]);
}

/** Printed as 1234 5678 90. */
export function formatPassNumber(n: string): string {
  return `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`;
}

/** Why a charge is refused, before touching the balance (a code, written out by `messages.ts`); null when it may go ahead. */
export function chargeRefusal(input: {
  pass: { status: string; validFrom: string; validTo: string } | null;
  today: string;
  category: { code: string; name: string; childBudgetAllowed: boolean } | null;
  budget: { balanceCents: number } | null;
  amountCents: number;
}): ChargeRefusal | null {
  if (!input.pass) return { code: 'pass_unknown' };
  if (input.pass.status === 'blocked') return { code: 'pass_blocked' };
  if (input.pass.status === 'lost') return { code: 'pass_lost' };
  if (input.today < input.pass.validFrom || input.today > input.pass.validTo)
    return { code: 'pass_not_valid_today', today: input.today, validFrom: input.pass.validFrom, validTo: input.pass.validTo };
  if (!input.category) return { code: 'category_unknown' };
  if (!input.category.childBudgetAllowed) return { code: 'category_not_allowed', category: input.category.name };
  if (!input.budget) return { code: 'no_child_budget' };
  if (input.amountCents > input.budget.balanceCents)
    return { code: 'insufficient_balance', balanceCents: input.budget.balanceCents, amountCents: input.amountCents };
  return null;
}

export interface StatementLine {
  kind: 'charge' | 'refund';
  amountCents: number;
}

/** The payout to a provider: charges minus refunds in the period. */
export function statementTotals(lines: StatementLine[]): { charges: number; chargeCents: number; refunds: number; refundCents: number; payoutCents: number } {
  let chargeCents = 0;
  let refundCents = 0;
  let charges = 0;
  let refunds = 0;
  for (const line of lines) {
    if (line.kind === 'charge') {
      charges++;
      chargeCents += line.amountCents;
    } else {
      refunds++;
      refundCents += line.amountCents;
    }
  }
  return { charges, chargeCents, refunds, refundCents, payoutCents: chargeCents - refundCents };
}

/** How much of a charge may still be refunded, and a refusal when the refund asks for more; null when it may go ahead. */
export function refundRefusal(input: { chargedCents: number; refundedCents: number; amountCents: number }): ChargeRefusal | null {
  const left = input.chargedCents - input.refundedCents;
  return input.amountCents > left ? { code: 'refund_above_charge', leftCents: left } : null;
}

/** Midnight in Amsterdam of a calendar date, as an instant. */
export function amsterdamMidnight(date: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const offsetHours = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(guess));
  return new Date(guess.getTime() - offsetHours * 3_600_000);
}

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A statement period of calendar dates (both inclusive, Europe/Amsterdam) as instants: from `start`, up to but not including `end`. */
export function statementPeriod(from: string, to: string): { start: Date; end: Date } {
  return { start: amsterdamMidnight(from), end: amsterdamMidnight(nextDay(to)) };
}

/** The first and last day of a pass year. */
export function passYearPeriod(year: number): { validFrom: string; validTo: string } {
  return { validFrom: `${year}-01-01`, validTo: `${year}-12-31` };
}

/** Demo social minimum: indicative 2026 net monthly norms (Participatiewet), incl. holiday allowance. Check and update. */
export const demoNorms2026: { householdType: HouseholdType; monthlyNormCents: number }[] = [
  { householdType: 'single', monthlyNormCents: 140_100 },
  { householdType: 'single_parent', monthlyNormCents: 140_100 },
  { householdType: 'couple', monthlyNormCents: 200_100 },
  { householdType: 'single_pensioner', monthlyNormCents: 155_600 },
  { householdType: 'couple_pensioner', monthlyNormCents: 211_300 },
];

export const defaultRules: Omit<PassRuleSet, 'validFrom'> = {
  incomeLimitPercent: 140,
  primaryBudgetCents: 30_000,
  secondaryBudgetCents: 50_000,
  primaryFromAge: 4,
  secondaryFromAge: 12,
  budgetUntilAge: 18,
  purchasePriceCents: 5_000,
  volunteerPriceCents: 2_500,
};

export const defaultCategories: { code: string; name: string; childBudgetAllowed: boolean }[] = [
  { code: 'learning_materials', name: 'Leermiddelen', childBudgetAllowed: true },
  { code: 'sport', name: 'Sport', childBudgetAllowed: true },
  { code: 'culture', name: 'Cultuur', childBudgetAllowed: true },
  { code: 'music', name: 'Muziekles', childBudgetAllowed: true },
  { code: 'swimming', name: 'Zwemles', childBudgetAllowed: true },
  { code: 'leisure', name: 'Uitjes en vrije tijd', childBudgetAllowed: false },
];
