import { z } from 'zod';
import { id, isoDate, timestamp } from '../../platform/contract.ts';
import { offer } from './offerContract.ts';

/**
 * The contract of the Dordtpas between server and pages: the codes and their Dutch names (used by the server in
 * statements and CSV files, and by the pages), and the schema of every answer. Imports only zod and contract files,
 * so the web app imports it too (`import type` for the schemas, values for the labels).
 */

// Codes and their Dutch names. A label starts with a capital; in a sentence the server writes it in lower case.

export const householdTypes = ['single', 'single_parent', 'couple', 'single_pensioner', 'couple_pensioner'] as const;
export type HouseholdType = (typeof householdTypes)[number];
export const householdTypeLabels: Record<HouseholdType, string> = {
  single: 'Alleenstaande',
  single_parent: 'Alleenstaande ouder',
  couple: 'Gehuwden of samenwonenden',
  single_pensioner: 'Alleenstaande met AOW-leeftijd',
  couple_pensioner: 'Gehuwden of samenwonenden met AOW-leeftijd',
};

export const passRoutes = ['income', 'carer', 'volunteer', 'purchase'] as const;
export type PassRoute = (typeof passRoutes)[number];
export const passRouteLabels: Record<PassRoute, string> = {
  income: 'Laag inkomen (gratis)',
  carer: 'Mantelzorger (gratis)',
  volunteer: 'Vrijwilliger (uw organisatie koopt de pas)',
  purchase: 'Kopen',
};

export const passStatuses = ['active', 'blocked', 'lost'] as const;
export type PassStatus = (typeof passStatuses)[number];
export const passStatusLabels: Record<PassStatus, string> = { active: 'Actief', blocked: 'Geblokkeerd', lost: 'Verloren (vervangen)' };

export const applicationStatuses = ['submitted', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const applicationStatusLabels: Record<ApplicationStatus, string> = { submitted: 'In behandeling', approved: 'Toegekend', rejected: 'Afgewezen' };

export const ageGroups = ['primary', 'secondary'] as const;
export type AgeGroup = (typeof ageGroups)[number];
export const ageGroupLabels: Record<AgeGroup, string> = { primary: 'Basisschoolleeftijd', secondary: 'Middelbareschoolleeftijd' };

export const memberRelations = ['holder', 'partner', 'child'] as const;
export type MemberRelation = (typeof memberRelations)[number];
export const memberRelationLabels: Record<MemberRelation, string> = { holder: 'Pashouder', partner: 'Partner', child: 'Kind' };

export const providerKinds = ['shop', 'sports_club', 'music_school', 'culture', 'other'] as const;
export type ProviderKind = (typeof providerKinds)[number];
export const providerKindLabels: Record<ProviderKind, string> = {
  shop: 'Winkel',
  sports_club: 'Sportvereniging',
  music_school: 'Muziekschool',
  culture: 'Cultuur',
  other: 'Overig',
};

export const transactionKinds = ['charge', 'refund', 'campaign'] as const;
export type TransactionKind = (typeof transactionKinds)[number];
export const transactionKindLabels: Record<TransactionKind, string> = { charge: 'Betaling', refund: 'Terugbetaling', campaign: 'Extra tegoed' };

/** The Dutch name of a code, or the code itself when the list does not know it (an old row). */
export function labelOf<K extends string>(labels: Record<K, string>, code: string | null | undefined): string {
  if (!code) return '–';
  return (labels as Record<string, string>)[code] ?? code;
}

/** A label inside a sentence: "De grens voor een alleenstaande ouder". Abbreviations (AOW) stay as they are. */
export function inSentence(label: string): string {
  return label ? label[0]!.toLowerCase() + label.slice(1) : label;
}

// Answers.

const cents = z.number().int();
const text = z.string();

export const ruleSet = z.object({
  validFrom: isoDate,
  incomeLimitPercent: z.number().int(),
  primaryBudgetCents: cents,
  secondaryBudgetCents: cents,
  primaryFromAge: z.number().int(),
  secondaryFromAge: z.number().int(),
  budgetUntilAge: z.number().int(),
  purchasePriceCents: cents,
  volunteerPriceCents: cents,
});
export const rulesRow = ruleSet.extend({ id, municipalityCode: text, updatedAt: timestamp });
export const normRow = z.object({
  id,
  municipalityCode: text,
  householdType: text,
  validFrom: isoDate,
  monthlyNormCents: cents,
  source: text,
  updatedAt: timestamp,
});
export const category = z.object({ code: text, name: text, childBudgetAllowed: z.boolean(), sortOrder: z.number().int() });

export const publicInfo = z.object({
  municipalityCode: text,
  rules: ruleSet.nullable(),
  categories: z.array(category),
  volunteerOrganisations: z.array(z.object({ id, name: text })),
});

export const applicationOutcome = z.object({
  applicationId: id,
  reference: text,
  accessCode: text.nullable().meta({ description: 'Alleen bij een aanvraag van de inwoner zelf: één keer getoond, nooit leesbaar bewaard.' }),
  status: z.enum(applicationStatuses),
  route: z.enum(passRoutes),
  householdType: z.enum(householdTypes),
  eligible: z.boolean().nullable(),
  reason: text,
  /** The proofs the pass office asks for in this pass year, in plain Dutch (also shown to the case worker). */
  proofs: z.array(text),
});

export const residentStatus = z.object({
  reference: text,
  route: text,
  status: text,
  checkReason: text,
  decisionReason: text.nullable(),
  pass: z.object({ number: text, status: text, validFrom: isoDate, validTo: isoDate }).nullable(),
  /** The newest pass year: invited (open: before the deadline, the resident can confirm), renewed, or lapsed. */
  renewal: z.object({ year: z.number().int(), status: text, deadline: isoDate.nullable(), open: z.boolean() }).nullable(),
  budgets: z.array(
    z.object({ memberNumber: z.number().int(), initials: text, ageGroup: text, year: z.number().int(), grantedCents: cents, balanceCents: cents }),
  ),
  /** Extra credit from campaigns: name, amount per child, end date (after which the unused part expires). */
  credits: z.array(z.object({ memberNumber: z.number().int().nullable(), name: text, amountCents: cents, endsOn: isoDate.nullable(), expired: z.boolean() })),
  spending: z.array(
    z.object({
      occurredAt: timestamp,
      kind: text,
      category: text.nullable(),
      amountCents: cents,
      provider: text.nullable(),
      description: text.nullable(),
      memberNumber: z.number().int().nullable(),
    }),
  ),
});

export const applicationRow = z.object({
  id,
  reference: text,
  route: text,
  status: text,
  applicantName: text,
  householdType: text,
  children: z.number().int(),
  monthlyIncomeCents: cents.nullable(),
  eligible: z.boolean().nullable(),
  checkReason: text,
  decisionReason: text.nullable(),
  createdAt: timestamp,
});
export const applicationList = z.array(applicationRow);

export const issuedPass = z.object({ id, number: text, year: z.number().int(), validFrom: isoDate, validTo: isoDate, children: z.number().int() });
export const decisionResult = z.object({ status: z.enum(['approved', 'rejected']), pass: issuedPass.nullable() });

export const childBudget = z.object({ id, memberNumber: z.number().int(), year: z.number().int(), ageGroup: text, grantedCents: cents, balanceCents: cents });
/** A pass for the pass office: the household by initials, surname and birth date; no person ids, no addresses. */
export const passView = z.object({
  id,
  number: text,
  municipalityCode: text,
  route: text,
  year: z.number().int(),
  validFrom: isoDate,
  validTo: isoDate,
  status: text,
  statusReason: text.nullable(),
  replacesPassId: id.nullable(),
  replacedByPassId: id.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  members: z.array(z.object({ memberNumber: z.number().int(), relation: text, initials: text.nullable(), surname: text, birthDate: isoDate.nullable() })),
  budgets: z.array(childBudget),
});
export const passStatusChanged = z.object({ id, status: z.enum(['active', 'blocked']) });
export const passReplaced = z.object({ oldPassId: id, newPassId: id, number: text, budgetsCarried: z.number().int(), balanceCarriedCents: cents });

export const configuration = z.object({ norms: z.array(normRow), rules: z.array(rulesRow), categories: z.array(category) });

export { offer } from './offerContract.ts';
export const provider = z.object({
  id,
  organisationId: id,
  municipalityCode: text,
  name: text,
  kind: text,
  active: z.boolean(),
  iban: text.nullable(),
  createdAt: timestamp,
});
export const providerWithOffers = provider.extend({ offers: z.array(offer) });
export const providerList = z.array(providerWithOffers);
export const cashierInfo = provider.extend({ offers: z.array(offer), categories: z.array(category) });

export const statementLine = z.object({
  date: isoDate,
  receiptNumber: text,
  kind: z.enum(['charge', 'refund']),
  category: text,
  offer: text.nullable(),
  passNumberEnd: text,
  amountCents: cents,
  refundOf: text.nullable(),
});
export const statement = z.object({
  provider: z.object({ id, name: text, municipalityCode: text }),
  from: isoDate,
  to: isoDate,
  lines: z.array(statementLine),
  totals: z.object({ charges: z.number().int(), chargeCents: cents, refunds: z.number().int(), refundCents: cents, payoutCents: cents }),
});

export const cashierLookup = z.object({
  passNumber: text,
  usable: z.boolean(),
  reason: text.nullable(),
  reasonCode: text.nullable().meta({ description: 'Waarom de pas niet gebruikt kan worden, als code (pass_blocked, pass_lost, ...).' }),
  validTo: isoDate,
  children: z.array(z.object({ memberNumber: z.number().int(), initials: text, ageGroup: text, balanceCents: cents })),
});

export const receipt = z.object({
  receiptNumber: text,
  kind: z.enum(['charge', 'refund']),
  provider: text,
  passNumberEnd: text,
  memberNumber: z.number().int(),
  category: text.nullable(),
  offer: text.nullable(),
  amountCents: cents.meta({ description: 'Wat het kindtegoed betaalde (of terugkreeg).' }),
  priceCents: cents.nullable().meta({ description: 'Bij een betaling: de gevraagde prijs. Hoger dan amountCents bij een gesplitste betaling.' }),
  otherPaymentCents: cents.meta({ description: 'Wat de klant nog op een andere manier betaalt (split: true en te weinig tegoed); anders 0.' }),
  balanceAfterCents: cents.nullable(),
  occurredAt: timestamp,
  replayed: z.boolean().meta({ description: 'Waar bij een herhaald verzoek: er is niets opnieuw afgeschreven.' }),
});

export const campaign = z.object({
  id,
  municipalityCode: text,
  code: text,
  name: text,
  year: z.number().int(),
  amountCents: cents,
  targetMinAge: z.number().int().nullable(),
  targetMaxAge: z.number().int().nullable(),
  targetAreaCode: text.nullable(),
  endsOn: isoDate.nullable(),
  createdAt: timestamp,
  lastRunAt: timestamp.nullable(),
});
export const campaignList = z.array(campaign);
export const campaignResult = z.object({
  campaignId: id,
  code: text,
  eligible: z.number().int(),
  credited: z.number().int(),
  alreadyCredited: z.number().int(),
  amountCents: cents,
  endsOn: isoDate.nullable(),
  /** Households told by e-mail (those with an address, when mail is set up). */
  mailed: z.number().int(),
});

export const providerIban = z.object({ id, name: text, iban: text });

const payoutLine = z.object({
  providerId: id,
  provider: text,
  iban: text,
  charges: z.number().int(),
  refunds: z.number().int(),
  amountCents: cents,
  endToEndId: text,
});
export const payout = z.object({
  id,
  municipalityCode: text,
  from: isoDate,
  to: isoDate,
  executionDate: isoDate,
  messageId: text,
  status: z.enum(['prepared', 'paid']),
  totalCents: cents,
  paidAt: timestamp.nullable(),
  lines: z.array(payoutLine),
});
export const payoutResult = payout.extend({
  skipped: z
    .array(z.object({ providerId: id, provider: text, reason: z.enum(['no_iban', 'nothing_to_pay']), text, amountCents: cents }))
    .meta({ description: 'Aanbieders die niet zijn meegenomen, met de reden; hun betalingen blijven staan voor een volgende uitbetaling.' }),
});
export const payoutList = z.array(payout);
