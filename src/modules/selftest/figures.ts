// Turning daily counts into the monthly measures for insights, and insights' protected months into the staff's
// figures. Pure, but for `readFigures`, which reads those months.
import type { Database } from '../../db/database.ts';
import type { MeasureDefinition, MetricValue } from '../contracts.ts';
import { combine, figureThreshold, monthlyFigures, reasonOf, type ProtectedCell } from '../insights/index.ts';
import { counterLabels, counterNames, type FigureCell, type Figures } from './contract.ts';
import { selftestSettings } from './settings.ts';
import type { CountRow } from './store.ts';

export { counterLabels, counterNames, type Figures };

/** Every counter's plain sum over the rows (all questionnaires together), before any protection. Pure. */
export function counterTotals(rows: CountRow[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(counterNames.map((c) => [c, 0]));
  for (const r of rows) out[r.counter] = (out[r.counter] ?? 0) + r.value;
  return out;
}

/**
 * Which insights measures a counter goes into (the one table of it): all questionnaires together, and some also
 * the entrepreneurs' test alone (`questionnaire`). `toMetrics` fills them, the figures page reads them back.
 */
const measureOf: Record<string, { code: string; questionnaire?: string }[]> = {
  visit: [{ code: 'selftest.visits', questionnaire: 'all' }],
  started: [{ code: 'selftest.started' }, { code: 'selftest.visits_entrepreneurs', questionnaire: 'entrepreneurs' }],
  completed: [{ code: 'selftest.completed' }, { code: 'selftest.completed_entrepreneurs', questionnaire: 'entrepreneurs' }],
  completed_after_visit: [{ code: 'selftest.completed_after_visit' }],
  'profile:in_order': [{ code: 'selftest.profile_in_order' }],
  'profile:watch_out': [{ code: 'selftest.profile_watch_out' }],
  'profile:act_now': [{ code: 'selftest.profile_act_now' }],
  'profile:urgent': [{ code: 'selftest.profile_urgent' }],
  referrals_shown: [{ code: 'selftest.referrals_shown' }],
  referral_followed: [{ code: 'selftest.referrals_followed' }],
  contact_requested: [{ code: 'selftest.contact_requests' }],
};

/** The measure that holds a counter's figure for all questionnaires, and the entrepreneurs' one where there is one. */
function measuresOfCounter(counter: string): { all: string; entrepreneurs?: string } {
  const measures = measureOf[counter]!;
  return {
    all: measures.find((m) => m.questionnaire === undefined || m.questionnaire === 'all')!.code,
    entrepreneurs: measures.find((m) => m.questionnaire === 'entrepreneurs')?.code,
  };
}
/** Completions tied to a counted visit (once each): the completion rate's numerator. */
const completedAfterVisit = measuresOfCounter('completed_after_visit').all;

/** Every insights measure the figures page reads. */
const figureMeasureCodes: string[] = [...new Set(Object.values(measureOf).flatMap((ms) => ms.map((m) => m.code)))];

export const protectionNote = (threshold: number) =>
  `Aantallen van minder dan ${threshold} inwoners zijn verborgen, zo blijft niemand herkenbaar. Bezoeken en geopende tests tellen geen personen en zijn niet afgeschermd. Het zijn dezelfde cijfers als op het Dashboard Sociaal Domein, bijgewerkt bij elke verversing van het dashboard (één keer per dag).`;

/**
 * Geldfit's figures over whole months (`from` to `to`, YYYY-MM) from the municipality's protected monthly figures
 * (`cells`: per insights measure, per month; insights' monthlyFigures), the very cells the dashboard shows: so this
 * page and the dashboard hide the same months, and a published period shows its frozen figures on both. A figure
 * over several months is shown only when every month in it is (insights' combine), so the difference of two ranges
 * only ever gives sums of shown months. Residents are all minus entrepreneurs, shown only when both are. Pure.
 */
export function figuresFrom(cells: Map<string, Map<string, ProtectedCell>>, from: string, to: string, threshold: number): Figures {
  const months = [...new Set([...cells.values()].flatMap((m) => [...m.keys()]))].filter((m) => m >= from && m <= to).sort();
  const nl = new Intl.NumberFormat('nl-NL');
  const publish = (c: ProtectedCell): FigureCell =>
    c.state === 'shown'
      ? { value: c.value, display: nl.format(c.value), reason: null }
      : {
          value: null,
          display: reasonOf(c) === 'small_count' ? `< ${threshold}` : 'afgeschermd',
          reason: reasonOf(c) === 'small_count' ? 'small_count' : 'secondary',
        };
  const zero: ProtectedCell = { value: 0, state: 'shown' };
  const at = (code: string, month: string) => cells.get(code)?.get(month) ?? zero;
  const over = (code: string, range: string[]) =>
    combine(
      range.map((m) => at(code, m)),
      'sum',
    );
  const totals = counterNames.map((counter) => {
    const { all, entrepreneurs } = measuresOfCounter(counter);
    const allCell = over(all, months);
    const entrepreneurCell = entrepreneurs ? over(entrepreneurs, months) : null;
    const residentCell: ProtectedCell | null = entrepreneurCell
      ? allCell.state === 'shown' && entrepreneurCell.state === 'shown'
        ? { value: allCell.value - entrepreneurCell.value, state: 'shown' }
        : { value: 0, state: 'secondary' }
      : null;
    return {
      counter,
      label: counterLabels[counter]!,
      all: publish(allCell),
      residents: residentCell && publish(residentCell),
      entrepreneurs: entrepreneurCell && publish(entrepreneurCell),
    };
  });
  const visitors = over('selftest.visits', months);
  // Only completions tied to a counted visit, once each: the rate cannot pass 100%. Hidden with a hidden count.
  const completed = over(completedAfterVisit, months);
  const completionRate =
    months.length === 0 || visitors.state !== 'shown' || completed.state !== 'shown' || visitors.value === 0
      ? null
      : Math.round((Math.min(completed.value, visitors.value) / visitors.value) * 1000) / 10;
  return {
    from,
    to,
    threshold,
    totals,
    visitors: publish(visitors),
    completionRate,
    months: months.map((month) => ({ month, visits: publish(at('selftest.visits', month)), completed: publish(at('selftest.completed', month)) })),
    protection: protectionNote(threshold),
  };
}

/** Geldfit's figures from `from` to `to` (YYYY-MM) as staff see them, in the API and on the command line. */
export async function readFigures(db: Database, from: string, to: string): Promise<Figures> {
  const cells = await monthlyFigures(db, figureMeasureCodes, selftestSettings().municipalityCode);
  return figuresFrom(cells, from, to, figureThreshold());
}

const measure = (code: string, name: string, description: string): MeasureDefinition => ({
  code,
  name,
  unit: 'count',
  description,
  owner: 'Gemeente Dordrecht (Geldfit)',
});

export const selftestMeasures: MeasureDefinition[] = [
  measure('selftest.visits', 'Bezoeken Geldfit', 'Bezoeken aan de start van Geldfit (inwoners en ondernemers), per maand.'),
  measure('selftest.visits_entrepreneurs', 'Bezoeken Geldfit Zakelijk', 'Bezoeken aan Geldfit Zakelijk (test voor ondernemers geopend).'),
  measure('selftest.started', 'Geldfit-tests geopend', 'Keren dat de vragen van een test zijn geopend.'),
  measure('selftest.completed', 'Geldfit-tests afgerond', 'Volledig ingevulde tests met advies.'),
  measure('selftest.completed_entrepreneurs', 'Geldfit Zakelijk afgerond', 'Volledig ingevulde tests voor ondernemers.'),
  measure(
    'selftest.completed_after_visit',
    'Geldfit-tests afgerond na een bezoek',
    'Afgeronde tests na een geteld bezoek, één keer per bezoek (de teller van het deel van de bezoeken dat de test afrondt).',
  ),
  measure('selftest.profile_in_order', 'Uitslag op orde', 'Afgeronde tests met uitslag "op orde".'),
  measure('selftest.profile_watch_out', 'Uitslag let op', 'Afgeronde tests met uitslag "let op".'),
  measure('selftest.profile_act_now', 'Uitslag kom in actie', 'Afgeronde tests met uitslag "kom in actie".'),
  measure('selftest.profile_urgent', 'Uitslag direct hulp nodig', 'Afgeronde tests met uitslag "direct hulp nodig".'),
  measure('selftest.referrals_shown', 'Verwijzingen getoond', 'Verwijzingen naar de sociale kaart in het advies.'),
  measure('selftest.referrals_followed', 'Verwijzingen gevolgd', 'Keren dat iemand een verwijzing uit het advies opende.'),
  measure('selftest.contact_requests', 'Contactverzoeken', 'Inwoners en ondernemers die na de test vroegen om contact.'),
];

/** Monthly values per municipality for insights (no area: the test is anonymous and asks no postcode). */
export function toMetrics(rows: CountRow[]): MetricValue[] {
  const totals = new Map<string, MetricValue>();
  for (const r of rows) {
    for (const m of measureOf[r.counter] ?? []) {
      if (m.questionnaire && m.questionnaire !== r.questionnaire) continue;
      const month = r.day.slice(0, 7);
      const key = `${m.code}|${r.municipalityCode}|${month}`;
      const v = totals.get(key) ?? { measure: m.code, municipalityCode: r.municipalityCode, areaCode: null, month, value: 0 };
      v.value += r.value;
      totals.set(key, v);
    }
  }
  return [...totals.values()].sort((a, b) => a.month.localeCompare(b.month) || a.measure.localeCompare(b.measure));
}

/** The last day of a month `YYYY-MM`, as `YYYY-MM-DD`. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}
