import { asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { spendableCents } from './campaignRules.ts';
import { passCampaignCredits, passCampaigns } from './schema.ts';

/** The campaign credits of these budgets with the campaign's name and end date (for the till and Mijn Dordtpas). */
export async function creditsOfBudgets(tx: Tx, budgetIds: string[]) {
  if (!budgetIds.length) return [];
  return tx
    .select({
      budgetId: passCampaignCredits.budgetId,
      name: passCampaigns.name,
      amountCents: passCampaignCredits.amountCents,
      usedCents: passCampaignCredits.usedCents,
      endsOn: passCampaigns.endsOn,
    })
    .from(passCampaignCredits)
    .innerJoin(passCampaigns, eq(passCampaigns.id, passCampaignCredits.campaignId))
    .where(inArray(passCampaignCredits.budgetId, budgetIds))
    .orderBy(asc(passCampaignCredits.creditedAt));
}

/** What a budget can spend today: its balance minus the expired, unused campaign credit. */
export function spendableOf(budget: { id: string; balanceCents: number }, credits: Awaited<ReturnType<typeof creditsOfBudgets>>, today: string): number {
  return spendableCents(
    budget.balanceCents,
    credits.filter((c) => c.budgetId === budget.id),
    today,
  );
}
