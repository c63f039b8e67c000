import { z } from 'zod';
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

/**
 * One published count: null when it is hidden (a small count of persons, "< 10", or a count hidden so that a
 * small one cannot be worked out from the totals, "afgeschermd"), with why.
 */
export const figureCell = z.object({
  value: z.number().int().nullable(),
  display: z.string(),
  reason: z.enum(['small_count', 'secondary']).nullable(),
});
export type FigureCell = z.output<typeof figureCell>;

/** The sentence a person reads next to a hidden count (as on the dashboard). */
export function hiddenExplanation(reason: 'small_count' | 'secondary', threshold: number): string {
  return reason === 'small_count'
    ? `Verborgen: minder dan ${threshold} inwoners, zo blijft niemand herkenbaar.`
    : 'Verborgen: anders kunt u een verborgen cijfer uitrekenen met de totalen.';
}

const month = z.string().regex(/^\d{4}-\d{2}$/);

/**
 * The anonymous counts over whole months: totals per counter, visits, the completion rate and the months. The
 * dashboard's own protected monthly figures of the municipality (the same cells, the same hidden months), so that
 * no two ranges, and no range and the dashboard, differ by a hidden count.
 */
export const figuresResponse = z.object({
  /** The first and the last month, YYYY-MM. */
  from: month,
  to: month,
  threshold: z.number().int(),
  /**
   * Totals per counter: all questionnaires together, and for the tests opened and completed also the residents'
   * and the entrepreneurs' test (null for a counter without that split).
   */
  totals: z.array(
    z.object({ counter: z.string(), label: z.string(), all: figureCell, residents: figureCell.nullable(), entrepreneurs: figureCell.nullable() }),
  ),
  /** Visits: the start page, or a test page reached directly (not through the start page). Counts no persons. */
  visitors: figureCell,
  /** Completed tests per 100 visits, one decimal; null without visits or when the completions are hidden. */
  completionRate: z.number().nullable(),
  months: z.array(z.object({ month, visits: figureCell, completed: figureCell })),
  /** How the figures are protected, in one plain sentence. */
  protection: z.string(),
});
export type Figures = z.output<typeof figuresResponse>;
