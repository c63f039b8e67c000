import type { Database } from '../../db/database.ts';
import { dordrechtWijken } from '../../platform/areas.ts';
import { insightsAreas, insightsObservations, insightsPopulation } from './schema.ts';
import { deriveMunicipalityTotals, ensureInsightsReferenceData, ensurePeriods } from './commands.ts';
import { addMonths, monthsBetween } from './periods.ts';

/**
 * Demo inhabitants per Dordrecht wijk on 1 January 2019 (about 119,000 in all), growing 0.4% a year. Illustrative
 * figures of the right size, not CBS's: a real installation imports the CBS kerncijfers (`import-population`).
 */
const demoInhabitants: Record<string, number> = {
  WK050501: 13000,
  WK050502: 4000,
  WK050503: 16000,
  WK050504: 9500,
  WK050505: 7500,
  WK050506: 13500,
  WK050507: 16500,
  WK050508: 17500,
  WK050509: 7000,
  WK050510: 6500,
  WK050511: 5000,
  WK050512: 3000,
};

/** Demo buurten in three wijken (illustrative names and codes in the CBS pattern), with their share of the wijk. */
const demoBuurten: { code: string; name: string; share: number }[] = [
  { code: 'BU05050301', name: 'Oud-Krispijn', share: 0.45 },
  { code: 'BU05050302', name: 'Nieuw-Krispijn', share: 0.4 },
  { code: 'BU05050303', name: 'Land van Valk', share: 0.15 },
  { code: 'BU05050401', name: 'Wielwijk-Noord', share: 0.55 },
  { code: 'BU05050402', name: 'Wielwijk-Zuid', share: 0.45 },
  { code: 'BU05050501', name: 'Crabbehof-Noord', share: 0.5 },
  { code: 'BU05050502', name: 'Crabbehof-Zuid', share: 0.42 },
  { code: 'BU05050503', name: 'Crabbehof-Oost', share: 0.08 },
];

/** A wijk's figure split over its demo buurten: whole numbers that add up to the wijk's figure exactly. */
function splitOverBuurten(wijkCode: string, value: number): { code: string; value: number }[] {
  const buurten = demoBuurten.filter((b) => b.code.slice(2, 8) === wijkCode.slice(2));
  let left = value;
  return buurten.map((b, i) => {
    const part = i === buurten.length - 1 ? left : Math.floor(value * b.share);
    left -= part;
    return { code: b.code, value: part };
  });
}

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
  const add = (measureCode: string, areaCode: string, periodCode: string, value: number) => {
    rows.push({ measureCode, areaCode, periodCode, value });
    for (const b of splitOverBuurten(areaCode, value)) rows.push({ measureCode, areaCode: b.code, periodCode, value: b.value });
  };
  dordrechtWijken.forEach((w, wi) => {
    const k = weight[w.code] ?? 1;
    months.forEach((m, i) => {
      add('sdd.debt_help_trajectories', w.code, m, Math.round(12 * k * wave(i, wi)));
      add('taxes.reminders', w.code, m, Math.round(80 * k * wave(i, wi + 3)));
      add('taxes.remissions', w.code, m, Math.round(15 * k * wave(i, wi + 5)));
      add('sdd.social_assistance', w.code, m, Math.round(250 * k * trend(i)));
    });
    quarters.forEach((q, i) => add('cak.arrears_regime', w.code, q, Math.round(40 * k * wave(i, wi))));
  });
  const firstYear = Number(months[0]!.slice(0, 4));
  const lastYear = Number(untilMonth.slice(0, 4));
  const population: (typeof insightsPopulation.$inferInsert)[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const growth = 1.004 ** (year - 2019);
    let total = 0;
    for (const [code, base] of Object.entries(demoInhabitants)) {
      const inhabitants = Math.round(base * growth);
      total += inhabitants;
      population.push({ areaCode: code, year, inhabitants, households: Math.round(inhabitants / 2.1) });
      for (const b of splitOverBuurten(code, inhabitants))
        population.push({ areaCode: b.code, year, inhabitants: b.value, households: Math.round(b.value / 2.1) });
    }
    population.push({ areaCode: 'GM0505', year, inhabitants: total, households: Math.round(total / 2.1) });
  }
  await db.unauditedTransaction(async (tx) => {
    await tx
      .insert(insightsAreas)
      .values(demoBuurten.map((b) => ({ code: b.code, name: b.name, kind: 'buurt', municipalityCode: 'GM0505', parentCode: `WK${b.code.slice(2, 8)}` })))
      .onConflictDoNothing();
    await tx.insert(insightsPopulation).values(population).onConflictDoNothing();
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
