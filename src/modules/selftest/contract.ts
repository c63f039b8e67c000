import { z } from 'zod';
import { isoDate } from '../../platform/contract.ts';
import type { Language, Profile } from './questionnaire.ts';

/** What the Geldfit API answers (the public test itself is HTML, rendered by `pages.ts`). */

/** The anonymous counters of Geldfit, with their Dutch labels. */
export const counterNames = [
  'visit',
  'started',
  'completed',
  'profile:in_order',
  'profile:watch_out',
  'profile:act_now',
  'profile:urgent',
  'referrals_shown',
  'referral_followed',
  'contact_requested',
] as const;

/**
 * The outcome of a test (or a wijkteam's assessment) in words, for the result page, the contact request and staff
 * pages: never the code (`act_now`). The one table of these names; it holds no server code, so the web app reads it too.
 */
export const profileLabels: Record<Profile, Record<Language, string>> = {
  in_order: { nl: 'Op orde', en: 'In order' },
  watch_out: { nl: 'Let op', en: 'Watch out' },
  act_now: { nl: 'Kom in actie', en: 'Act now' },
  urgent: { nl: 'Direct hulp nodig', en: 'Urgent help needed' },
};

export const counterLabels: Record<string, string> = {
  visit: 'Bezoeken',
  started: 'Test geopend',
  completed: 'Test afgerond',
  'profile:in_order': 'Uitslag: op orde',
  'profile:watch_out': 'Uitslag: let op',
  'profile:act_now': 'Uitslag: kom in actie',
  'profile:urgent': 'Uitslag: direct hulp nodig',
  referrals_shown: 'Verwijzingen getoond',
  referral_followed: 'Verwijzingen gevolgd',
  contact_requested: 'Contactverzoeken',
};

/** The anonymous counts over a period: totals per counter, visits, the completion rate and the months. */
export const figuresResponse = z.object({
  from: isoDate,
  to: isoDate,
  /** Totals per counter: all questionnaires together and per questionnaire. */
  totals: z.array(z.object({ counter: z.string(), label: z.string(), all: z.number().int(), residents: z.number().int(), entrepreneurs: z.number().int() })),
  /** Visits: the start page, or a test page reached directly (not through the start page). */
  visitors: z.number().int(),
  /** Completed tests per 100 visits, one decimal; null without visits. */
  completionRate: z.number().nullable(),
  months: z.array(z.object({ month: z.string(), visits: z.number().int(), completed: z.number().int() })),
});
export type Figures = z.output<typeof figuresResponse>;
