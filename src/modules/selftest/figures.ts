// Turning daily counts into the staff's figures and the monthly measures for insights. Pure.
import type { MeasureDefinition, MetricValue } from '../contracts.ts';
import { combine, protectTable, reasonOf, type ProtectedCell } from '../insights/index.ts';
import { counterLabels, counterNames, type FigureCell, type Figures } from './contract.ts';
import type { CountRow } from './store.ts';

export { counterLabels, counterNames, type Figures };

/** Every counter's plain sum over the rows (all questionnaires together), before any protection. Pure. */
export function counterTotals(rows: CountRow[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(counterNames.map((c) => [c, 0]));
  for (const r of rows) out[r.counter] = (out[r.counter] ?? 0) + r.value;
  return out;
}

/**
 * Counters that count no persons (visits and opened tests, as the dashboard's selftest.visits and
 * selftest.started): shown as they are, like on the dashboard.
 */
const notAboutPersons = new Set(['visit', 'started']);
const questionnaires = ['residents', 'entrepreneurs', 'all'] as const;
const outcomeCounters: string[] = counterNames.filter((c) => c.startsWith('profile:'));

export const protectionNote = (threshold: number) =>
  `Aantallen van minder dan ${threshold} inwoners zijn verborgen, zo blijft niemand herkenbaar. Bezoeken en geopende tests tellen geen personen en zijn niet afgeschermd.`;

/**
 * Geldfit's figures over whole months (`from` to `to`, YYYY-MM), protected as the dashboard protects a count: per
 * counter and month the questionnaires with their total, small counts hidden and secondary suppression on it
 * (insights' protectTable); a figure over several months is shown only when every month in it is shown (insights'
 * combine). So the difference of two ranges only ever gives sums of shown months, and no day is ever a choice. Pure.
 */
export function protectedFigures(rows: CountRow[], from: string, to: string, threshold: number): Figures {
  const allMonths = [...new Set(rows.map((r) => r.day.slice(0, 7)))].sort();
  const index = new Map(allMonths.map((m, i) => [m, i]));
  const inRange = allMonths.flatMap((m, i) => (m >= from && m <= to ? [i] : []));
  const nl = new Intl.NumberFormat('nl-NL');
  const publish = (c: ProtectedCell): FigureCell =>
    c.state === 'shown'
      ? { value: c.value, display: nl.format(c.value), reason: null }
      : {
          value: null,
          display: reasonOf(c) === 'small_count' ? `< ${threshold}` : 'afgeschermd',
          reason: reasonOf(c) === 'small_count' ? 'small_count' : 'secondary',
        };
  // Per counter and month: questionnaires with their month total (the only lines published; a range is a sum of
  // months, shown only when each month is), protected month by month so a later month never hides an earlier one.
  const tables = new Map<string, { cells: ProtectedCell[][]; colTotals: ProtectedCell[] }>();
  const countOf = (counter: string, q: number, month: number) => {
    let total = 0;
    for (const r of rows) if (r.counter === counter && r.questionnaire === questionnaires[q] && index.get(r.day.slice(0, 7)) === month) total += r.value;
    return total;
  };
  // The four outcomes add up to the completed tests: protected as one table per month (outcomes by questionnaire, a
  // row for completions without an outcome, so the column totals are the completions), or three shown outcomes and
  // the completions would give away a hidden fourth.
  const outcomeTables = () => {
    const months = allMonths.map((_, i) => {
      const matrix = outcomeCounters.map((c) => questionnaires.map((_, q) => countOf(c, q, i)));
      const rest = questionnaires.map((_, q) => Math.max(0, countOf('completed', q, i) - matrix.reduce((sum, row) => sum + row[q]!, 0)));
      return protectTable([...matrix, rest], threshold);
    });
    tables.set('completed', { cells: questionnaires.map((_, q) => months.map((m) => m.colTotals[q]!)), colTotals: months.map((m) => m.grandTotal) });
    for (const [o, counter] of outcomeCounters.entries())
      tables.set(counter, { cells: questionnaires.map((_, q) => months.map((m) => m.cells[o]![q]!)), colTotals: months.map((m) => m.rowTotals[o]!) });
  };
  const tableOf = (counter: string) => {
    if (!tables.has(counter) && (counter === 'completed' || outcomeCounters.includes(counter))) outcomeTables();
    let table = tables.get(counter);
    if (!table) {
      const matrix = questionnaires.map(() => new Array<number>(allMonths.length).fill(0));
      for (const r of rows) {
        const q = questionnaires.indexOf(r.questionnaire as (typeof questionnaires)[number]);
        if (r.counter === counter && q >= 0) matrix[q]![index.get(r.day.slice(0, 7))!]! += r.value;
      }
      const limit = notAboutPersons.has(counter) ? 1 : threshold;
      const months = allMonths.map((_, i) =>
        protectTable(
          matrix.map((row) => [row[i]!]),
          limit,
        ),
      );
      table = { cells: questionnaires.map((_, q) => months.map((m) => m.cells[q]![0]!)), colTotals: months.map((m) => m.colTotals[0]!) };
      tables.set(counter, table);
    }
    return table;
  };
  const over = (cells: ProtectedCell[], months: number[]) =>
    combine(
      months.map((i) => cells[i]!),
      'sum',
    );
  const rowOf = (counter: string, q: (typeof questionnaires)[number]) => tableOf(counter).cells[questionnaires.indexOf(q)]!;
  const totals = counterNames.map((counter) => ({
    counter,
    label: counterLabels[counter]!,
    all: publish(over(tableOf(counter).colTotals, inRange)),
    residents: publish(over(rowOf(counter, 'residents'), inRange)),
    entrepreneurs: publish(over(rowOf(counter, 'entrepreneurs'), inRange)),
  }));
  const visitors = over(tableOf('visit').colTotals, inRange);
  // Only completions tied to a counted visit, once each: the rate cannot pass 100%. Hidden with a hidden count.
  const completed = over(tableOf('completed_after_visit').colTotals, inRange);
  const completionRate =
    allMonths.length === 0 || visitors.state !== 'shown' || completed.state !== 'shown' || visitors.value === 0
      ? null
      : Math.round((Math.min(completed.value, visitors.value) / visitors.value) * 1000) / 10;
  return {
    from,
    to,
    threshold,
    totals,
    visitors: publish(visitors),
    completionRate,
    months: inRange.map((i) => ({
      month: allMonths[i]!,
      visits: publish(over(tableOf('visit').colTotals, [i])),
      completed: publish(over(tableOf('completed').colTotals, [i])),
    })),
    protection: protectionNote(threshold),
  };
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
  measure('selftest.profile_in_order', 'Uitslag op orde', 'Afgeronde tests met uitslag "op orde".'),
  measure('selftest.profile_watch_out', 'Uitslag let op', 'Afgeronde tests met uitslag "let op".'),
  measure('selftest.profile_act_now', 'Uitslag kom in actie', 'Afgeronde tests met uitslag "kom in actie".'),
  measure('selftest.profile_urgent', 'Uitslag direct hulp nodig', 'Afgeronde tests met uitslag "direct hulp nodig".'),
  measure('selftest.referrals_shown', 'Verwijzingen getoond', 'Verwijzingen naar de sociale kaart in het advies.'),
  measure('selftest.referrals_followed', 'Verwijzingen gevolgd', 'Keren dat iemand een verwijzing uit het advies opende.'),
  measure('selftest.contact_requests', 'Contactverzoeken', 'Inwoners en ondernemers die na de test vroegen om contact.'),
];

const measureOf: Record<string, { code: string; questionnaire?: string }[]> = {
  visit: [{ code: 'selftest.visits', questionnaire: 'all' }],
  started: [{ code: 'selftest.started' }, { code: 'selftest.visits_entrepreneurs', questionnaire: 'entrepreneurs' }],
  completed: [{ code: 'selftest.completed' }, { code: 'selftest.completed_entrepreneurs', questionnaire: 'entrepreneurs' }],
  'profile:in_order': [{ code: 'selftest.profile_in_order' }],
  'profile:watch_out': [{ code: 'selftest.profile_watch_out' }],
  'profile:act_now': [{ code: 'selftest.profile_act_now' }],
  'profile:urgent': [{ code: 'selftest.profile_urgent' }],
  referrals_shown: [{ code: 'selftest.referrals_shown' }],
  referral_followed: [{ code: 'selftest.referrals_followed' }],
  contact_requested: [{ code: 'selftest.contact_requests' }],
};

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
