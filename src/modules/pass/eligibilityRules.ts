import { householdTypeLabels, inSentence, type HouseholdType, type PassRoute } from './contract.ts';
import { ageOn, checkEligibility, householdTypeFor, routeReason, type EligibilityResult, type NormRow, type PassRuleSet } from './domain.ts';
import { euro } from './messages.ts';

/**
 * Eligibility as data: per municipality and pass year a rule set the pass office edits (income limit, assets limit
 * per household type, which routes are open, which household members count, the proofs asked for). The decision
 * below is a pure function of the household's facts, the norm table and that rule set; no database, no clock.
 */

export interface EligibilityRuleSet {
  municipalityCode: string;
  passYear: number;
  /** Income limit as a percentage of the social minimum (the norm table). */
  incomeLimitPercent: number;
  /** Assets limit in cents per household type; a household with more assets than this gets no free pass. */
  assetsLimitCents: Record<HouseholdType, number>;
  carerRouteOpen: boolean;
  volunteerRouteOpen: boolean;
  /** Whether the partner counts as a household member (their income added, household type couple). */
  countPartner: boolean;
  /** Children count as household members up to and including this age (on the check date). */
  childrenUpToAge: number;
  /** Whether adult co-residents with an income of their own count (their income added). */
  countAdultCoResidents: boolean;
  /** The proofs the office asks for, in plain Dutch, shown with the result and to the case worker. */
  proofs: string[];
}

export interface HouseholdFacts {
  route: PassRoute;
  applicantBirthDate: string | null;
  applicantIncomeCents: number;
  partner: { monthlyNetIncomeCents: number } | null;
  children: { birthDate: string }[];
  adultCoResidents: { monthlyNetIncomeCents: number }[];
  /** Null when not given (an application the office entered without it): the case worker checks the bank statements. */
  assetsCents: number | null;
  /** The date the check is about (the application date). */
  on: string;
}

export type EligibilityOutcome = 'free' | 'carer_review' | 'volunteer' | 'purchase_only' | 'route_closed';

export interface EligibilityDecision {
  outcome: EligibilityOutcome;
  /** Whether the pass is free (income route within both limits, or the carer route after review). */
  free: boolean;
  householdType: HouseholdType;
  countedChildren: number;
  countedIncomeCents: number;
  income: EligibilityResult | null;
  assets: { limitCents: number; assetsCents: number; withinLimit: boolean } | null;
  reasons: string[];
  proofs: string[];
}

/** Children counted by the rule set's age limit. */
export function countedChildren(children: { birthDate: string }[], on: string, upToAge: number): number {
  return children.filter((c) => ageOn(c.birthDate, on) <= upToAge).length;
}

/** The monthly income that counts: the applicant, the partner when counted, adult co-residents when counted. */
export function countedIncome(facts: HouseholdFacts, rules: Pick<EligibilityRuleSet, 'countPartner' | 'countAdultCoResidents'>): number {
  let total = facts.applicantIncomeCents;
  if (rules.countPartner && facts.partner) total += facts.partner.monthlyNetIncomeCents;
  if (rules.countAdultCoResidents) for (const r of facts.adultCoResidents) total += r.monthlyNetIncomeCents;
  return total;
}

export function decidePassEligibility(
  facts: HouseholdFacts,
  norms: NormRow[],
  rules: EligibilityRuleSet,
  prices: Pick<PassRuleSet, 'purchasePriceCents' | 'volunteerPriceCents'>,
): EligibilityDecision {
  const children = countedChildren(facts.children, facts.on, rules.childrenUpToAge);
  const householdType = householdTypeFor({
    hasPartner: rules.countPartner && facts.partner !== null,
    childCount: children,
    applicantBirthDate: facts.applicantBirthDate,
    on: facts.on,
  });
  const incomeCents = countedIncome(facts, rules);
  const base = { householdType, countedChildren: children, countedIncomeCents: incomeCents, income: null, assets: null, proofs: rules.proofs };

  if (facts.route === 'carer' || facts.route === 'volunteer') {
    const open = facts.route === 'carer' ? rules.carerRouteOpen : rules.volunteerRouteOpen;
    if (!open) {
      const name = facts.route === 'carer' ? 'mantelzorgers' : 'vrijwilligers';
      return {
        ...base,
        outcome: 'route_closed',
        free: false,
        reasons: [`De regeling voor ${name} is in ${rules.passYear} niet open. U kunt de Dordtpas aanvragen op inkomen of kopen.`],
      };
    }
    return {
      ...base,
      outcome: facts.route === 'carer' ? 'carer_review' : 'volunteer',
      free: facts.route === 'carer',
      reasons: [routeReason(facts.route, prices)],
    };
  }
  if (facts.route === 'purchase') return { ...base, outcome: 'purchase_only', free: false, reasons: [routeReason('purchase', prices)] };

  const income = checkEligibility({ householdType, monthlyNetIncomeCents: incomeCents, on: facts.on }, norms, rules);
  const limitCents = rules.assetsLimitCents[householdType];
  const label = inSentence(householdTypeLabels[householdType]);
  const given = facts.assetsCents;
  const assets = given === null ? null : { limitCents, assetsCents: given, withinLimit: given <= limitCents };
  const assetsReason =
    assets === null
      ? `Uw vermogen is niet opgegeven. De grens voor een ${label} is ${euro(limitCents)}. Een consulent vraagt ernaar.`
      : assets.withinLimit
        ? `Uw vermogen is ${euro(assets.assetsCents)}. De grens voor een ${label} is ${euro(limitCents)}. Uw vermogen is niet hoger dan de grens.`
        : `Uw vermogen is ${euro(assets.assetsCents)}. De grens voor een ${label} is ${euro(limitCents)}. Uw vermogen is ${euro(assets.assetsCents - limitCents)} hoger dan de grens.`;
  // Unknown assets do not refuse the pass: the case worker sees the bank statements before approving.
  const free = income.eligible && (assets === null || assets.withinLimit);
  // The income check ends with its own verdict; with the assets test as well, the verdict is said once, at the end.
  const incomeReason = income.reason.replace(verdictPattern, '');
  const noNorm = income.normCents === null;
  const verdict = free
    ? assets === null
      ? `Is uw vermogen niet hoger dan ${euro(limitCents)}, dan krijgt u de Dordtpas gratis.`
      : 'U krijgt de Dordtpas gratis.'
    : noNorm
      ? ''
      : 'U krijgt de Dordtpas daarom niet gratis. U kunt de Dordtpas wel kopen.';
  const coResidents =
    rules.countAdultCoResidents && facts.adultCoResidents.length
      ? [
          `Het inkomen van ${facts.adultCoResidents.length === 1 ? 'uw volwassen huisgenoot' : `uw ${facts.adultCoResidents.length} volwassen huisgenoten`} telt mee.`,
        ]
      : [];
  return {
    ...base,
    outcome: free ? 'free' : 'purchase_only',
    free,
    income,
    assets,
    reasons: [incomeReason, ...coResidents, assetsReason, ...(verdict ? [verdict] : [])],
  };
}

const verdictPattern = / U krijgt de Dordtpas (gratis|daarom niet gratis\. U kunt de Dordtpas wel kopen)\.$/;

/** Demo rule set: 140%, assets limits close to the Participatiewet's, both routes open, children up to 17. */
export function defaultEligibilityRules(municipalityCode: string, passYear: number): EligibilityRuleSet {
  return {
    municipalityCode,
    passYear,
    incomeLimitPercent: 140,
    assetsLimitCents: {
      single: 792_000,
      single_parent: 1_584_000,
      couple: 1_584_000,
      single_pensioner: 792_000,
      couple_pensioner: 1_584_000,
    },
    carerRouteOpen: true,
    volunteerRouteOpen: true,
    countPartner: true,
    childrenUpToAge: 17,
    countAdultCoResidents: true,
    proofs: ['Een loonstrook of uitkeringsspecificatie van de laatste maand', 'Een bankafschrift van de laatste maand van al uw rekeningen'],
  };
}

/** Why a rule set as entered cannot be saved: field → plain Dutch sentence; empty when it may be saved. */
export function eligibilityRuleProblems(rules: EligibilityRuleSet): Partial<Record<string, string>> {
  const problems: Partial<Record<string, string>> = {};
  if (!Number.isInteger(rules.incomeLimitPercent) || rules.incomeLimitPercent < 100 || rules.incomeLimitPercent > 200)
    problems.incomeLimitPercent = 'Vul bij inkomensgrens een heel percentage in tussen 100 en 200.';
  for (const [type, cents] of Object.entries(rules.assetsLimitCents))
    if (!Number.isInteger(cents) || cents < 0)
      problems[`assetsLimitCents.${type}`] =
        `Vul bij vermogensgrens voor een ${inSentence(householdTypeLabels[type as HouseholdType])} een bedrag in van 0 euro of meer.`;
  if (!Number.isInteger(rules.childrenUpToAge) || rules.childrenUpToAge < 0 || rules.childrenUpToAge > 26)
    problems.childrenUpToAge = 'Vul bij leeftijd kinderen een hele leeftijd in tussen 0 en 26 jaar.';
  if (rules.proofs.some((p) => p.trim() === '')) problems.proofs = 'Een bewijsstuk mag niet leeg zijn. Haal de lege regel weg.';
  return problems;
}
