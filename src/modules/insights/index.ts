// What other modules may call from insights (and nothing else).
import type { Database } from '../../db/database.ts';
import { halfYearMonths } from './periods.ts';
import { insightsSettings } from './settings.ts';
import { figuresFor, type MeasureFigure } from './queries.ts';
import { latestRelease, publishRelease, releaseFigures, type Release } from './releases.ts';
import { protectedMonths } from './monthly.ts';
import type { ProtectedCell } from './suppression.ts';
import type { Actor } from '../../platform/actor.ts';

export type { MeasureFigure } from './queries.ts';
export { halfYearMonths } from './periods.ts';
export type { Release } from './releases.ts';

/**
 * Which insights measures show an initiative's reach, by initiative name (as in seed 002). Programme uses it as
 * the default when it creates an initiative; a programme manager can change the list per initiative.
 */
export const initiativeMeasures: Record<string, string[]> = {
  'Vroeg Eropaf': ['signals.received', 'signals.households', 'signals.reached', 'signals.help_accepted'],
  'Ketenaanpak schulden': ['referrals.sent', 'referrals.help_in_place', 'sdd.debt_help_trajectories'],
  'GeldenzoDordt en Geldfit': ['selftest.visits', 'selftest.visits_entrepreneurs', 'selftest.completed'],
  'Dashboard Sociaal Domein': ['sdd.debt_help_trajectories', 'taxes.reminders', 'taxes.remissions', 'sdd.social_assistance', 'cak.arrears_regime'],
  'Kindtegoed (Dordtpas)': ['pass.children_with_budget', 'pass.children_used_budget'],
  'Participatie (Dordtpas)': ['pass.holders', 'pass.holders_low_income', 'pass.reach_percent'],
  'Gezonde wijk De Staart': ['cak.arrears_regime'],
};

/**
 * Figures for an initiative in a half-year reporting period (2021-H1): one value per measure for the
 * municipality. A published period is read from its release (the one asked for, or else the newest version),
 * never recomputed; a period not published yet gets live figures, small counts, revealing amounts and shares built
 * on them hidden exactly as on the dashboard.
 */
export async function initiativeFigures(
  db: Database,
  input: { measureCodes: string[]; municipalityCode: string; period: string; releaseId?: string | null },
): Promise<MeasureFigure[]> {
  const range = halfYearMonths(input.period);
  if (!range) return [];
  const releaseId = input.releaseId ?? (await latestRelease(db, input.municipalityCode, input.period))?.id;
  if (releaseId) return releaseFigures(db, releaseId, input.municipalityCode, input.measureCodes);
  const settings = insightsSettings();
  return figuresFor(db, { measureCodes: input.measureCodes, municipalityCode: input.municipalityCode, ...range }, settings.minCount, settings.amountRule);
}

/**
 * Freezes a period's figures for a municipality (the programme does so when a council letter is approved).
 * Returns the newest release when there is one and `again` is not set, so approving twice does not move a figure.
 */
export async function freezeFigures(
  db: Database,
  actor: Actor,
  input: { municipalityCode: string; period: string; again?: boolean; note?: string },
): Promise<Release> {
  const latest = await latestRelease(db, input.municipalityCode, input.period);
  if (latest && !input.again) return latest;
  const { cells: _cells, ...release } = await publishRelease(
    db,
    actor,
    { municipality: input.municipalityCode, period: input.period, again: input.again ?? false, note: input.note ?? '' },
    insightsSettings().minCount,
  );
  return release;
}

export { protectTable, reasonOf, type ProtectedCell } from './suppression.ts';
export { combine } from './views.ts';

/**
 * The municipality's protected figure per month (YYYY-MM) of some measures, exactly as the dashboard shows it (the
 * same protected base tables, and a published period as it was frozen): for a module's own page of figures.
 */
export function monthlyFigures(db: Database, measureCodes: string[], municipalityCode: string): Promise<Map<string, Map<string, ProtectedCell>>> {
  const settings = insightsSettings();
  return protectedMonths(db, { measureCodes, municipalityCode }, settings.minCount, settings.amountRule);
}

/** The threshold below which a count of persons is hidden, everywhere figures are published (insights settings). */
export function figureThreshold(): number {
  return insightsSettings().minCount;
}
