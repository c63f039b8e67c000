import { z } from 'zod';
import { defaultAmountRule, type AmountRule } from './suppression.ts';

const schema = z.object({
  /** Counts below this number are shown as "< N" on the dashboard and in exports. */
  VANGNET_INSIGHTS_MIN_COUNT: z.coerce.number().int().min(2).max(1000).default(10),
  /** An amount from fewer persons than this is hidden. */
  VANGNET_INSIGHTS_AMOUNT_MIN_CONTRIBUTORS: z.coerce.number().int().min(2).max(100).default(defaultAmountRule.minContributors),
  /** The dominance rule: the largest N contributions ... */
  VANGNET_INSIGHTS_DOMINANCE_N: z.coerce.number().int().min(1).max(5).default(defaultAmountRule.dominanceN),
  /** ... may make at most K percent of an amount. */
  VANGNET_INSIGHTS_DOMINANCE_K: z.coerce.number().int().min(50).max(99).default(defaultAmountRule.dominanceK),
});

export interface InsightsSettings {
  minCount: number;
  amountRule: AmountRule;
}

export function insightsSettings(env: NodeJS.ProcessEnv = process.env): InsightsSettings {
  const parsed = schema.parse({
    VANGNET_INSIGHTS_MIN_COUNT: env.VANGNET_INSIGHTS_MIN_COUNT || undefined,
    VANGNET_INSIGHTS_AMOUNT_MIN_CONTRIBUTORS: env.VANGNET_INSIGHTS_AMOUNT_MIN_CONTRIBUTORS || undefined,
    VANGNET_INSIGHTS_DOMINANCE_N: env.VANGNET_INSIGHTS_DOMINANCE_N || undefined,
    VANGNET_INSIGHTS_DOMINANCE_K: env.VANGNET_INSIGHTS_DOMINANCE_K || undefined,
  });
  return {
    minCount: parsed.VANGNET_INSIGHTS_MIN_COUNT,
    amountRule: {
      minContributors: parsed.VANGNET_INSIGHTS_AMOUNT_MIN_CONTRIBUTORS,
      dominanceN: parsed.VANGNET_INSIGHTS_DOMINANCE_N,
      dominanceK: parsed.VANGNET_INSIGHTS_DOMINANCE_K,
    },
  };
}
