import { z } from 'zod';

const schema = z.object({
  /** Counts below this number are shown as "< N" on the dashboard and in exports. */
  VANGNET_INSIGHTS_MIN_COUNT: z.coerce.number().int().min(2).max(1000).default(10),
});

export interface InsightsSettings {
  minCount: number;
}

export function insightsSettings(env: NodeJS.ProcessEnv = process.env): InsightsSettings {
  const parsed = schema.parse({ VANGNET_INSIGHTS_MIN_COUNT: env.VANGNET_INSIGHTS_MIN_COUNT || undefined });
  return { minCount: parsed.VANGNET_INSIGHTS_MIN_COUNT };
}
