import { z } from 'zod';
import { householdTypes, type HouseholdType } from './contract.ts';

/** The answers of the pass-year routes: eligibility rules per year, the benefits file, a new year's run. */
const cents = z.number().int();
export const unspentBudgetRules = ['expire', 'carry_over'] as const;

export const yearRules = z.object({
  municipalityCode: z.string(),
  passYear: z.number().int(),
  incomeLimitPercent: z.number().int(),
  assetsLimitCents: z.object(Object.fromEntries(householdTypes.map((t) => [t, cents])) as Record<HouseholdType, typeof cents>),
  carerRouteOpen: z.boolean(),
  volunteerRouteOpen: z.boolean(),
  countPartner: z.boolean(),
  childrenUpToAge: z.number().int(),
  countAdultCoResidents: z.boolean(),
  proofs: z.array(z.string()),
  unspentBudgetRule: z.enum(unspentBudgetRules),
  saved: z.boolean().meta({ description: 'false: the year has no rules of its own yet; shown are those of an earlier year or the defaults.' }),
});

export const benefitsProblem = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
export const benefitsPreview = z.object({ recipients: z.number().int(), problems: z.array(benefitsProblem) });

export const newYearResult = z.object({
  year: z.number().int(),
  renewed: z.number().int(),
  invited: z.number().int(),
  unchanged: z.number().int(),
  lapsed: z.number().int(),
  recipients: z.number().int(),
  problems: z.array(benefitsProblem),
  summary: z.string(),
});

export const lapseResult = z.object({ lapsed: z.number().int(), summary: z.string() });
export const confirmResult = z.object({ renewed: z.boolean(), message: z.string() });
