import type { Database } from '../../db/database.ts';
import { dordrechtWijken } from '../../platform/areas.ts';
import { insightsObservations } from './schema.ts';
import { deriveMunicipalityTotals, ensureInsightsReferenceData, ensurePeriods } from './commands.ts';
import { addMonths, monthsBetween } from './periods.ts';

/**
 * Demo figures for the imported datasets: per Dordrecht wijk from 2019 (the programme's reporting periods) to now, shaped like the city (more in
 * Wielwijk, Crabbehof and Krispijn; a handful in Oud-Dubbeldam so that suppression shows), deterministic.
 */
export async function seedInsightsDemo(db: Database, untilMonth: string): Promise<void> {
  await ensureInsightsReferenceData(db);
  const months = monthsBetween(untilMonth < '2021-12' ? addMonths(untilMonth, -35) : '2019-01', untilMonth);
  const quarters = [...new Set(months.map((m) => `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5, 7)) / 3)}`))];
  const weight: Record<string, number> = { WK050503: 3, WK050504: 3.4, WK050505: 2.8, WK050510: 2.2, WK050501: 1.6, WK050512: 0.1, WK050506: 0.3 };
  const wave = (i: number, seed: number) => 1 + 0.15 * Math.sin((i + seed) / 2.3);
  const trend = (i: number) => Math.max(0.5, 1 - i / 400);
  const rows: (typeof insightsObservations.$inferInsert)[] = [];
  dordrechtWijken.forEach((w, wi) => {
    const k = weight[w.code] ?? 1;
    months.forEach((m, i) => {
      rows.push({ measureCode: 'sdd.debt_help_trajectories', areaCode: w.code, periodCode: m, value: Math.round(12 * k * wave(i, wi)) });
      rows.push({ measureCode: 'taxes.reminders', areaCode: w.code, periodCode: m, value: Math.round(80 * k * wave(i, wi + 3)) });
      rows.push({ measureCode: 'taxes.remissions', areaCode: w.code, periodCode: m, value: Math.round(15 * k * wave(i, wi + 5)) });
      rows.push({ measureCode: 'sdd.social_assistance', areaCode: w.code, periodCode: m, value: Math.round(250 * k * trend(i)) });
    });
    quarters.forEach((q, i) => rows.push({ measureCode: 'cak.arrears_regime', areaCode: w.code, periodCode: q, value: Math.round(40 * k * wave(i, wi)) }));
  });
  await db.unauditedTransaction(async (tx) => {
    await ensurePeriods(tx, [...months, ...quarters]);
    for (let i = 0; i < rows.length; i += 1000)
      await tx
        .insert(insightsObservations)
        .values(rows.slice(i, i + 1000))
        .onConflictDoNothing();
    for (const code of ['sdd.debt_help_trajectories', 'taxes.reminders', 'taxes.remissions', 'sdd.social_assistance'])
      await deriveMunicipalityTotals(tx, code, months);
    await deriveMunicipalityTotals(tx, 'cak.arrears_regime', quarters);
  });
}
