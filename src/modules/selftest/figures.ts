// Turning daily counts into the staff's figures and the monthly measures for insights. Pure.
import type { MeasureDefinition, MetricValue } from '../contracts.ts';
import { counterLabels, counterNames, type Figures } from './contract.ts';
import type { CountRow } from './store.ts';

export { counterLabels, counterNames, type Figures };

export function summarise(rows: CountRow[], from: string, to: string): Figures {
  const sum = (counter: string, questionnaire?: string) =>
    rows.filter((r) => r.counter === counter && (questionnaire ? r.questionnaire === questionnaire : true)).reduce((n, r) => n + r.value, 0);
  const totals = counterNames.map((counter) => ({
    counter,
    label: counterLabels[counter]!,
    all: sum(counter),
    residents: sum(counter, 'residents'),
    entrepreneurs: sum(counter, 'entrepreneurs'),
  }));
  const visitors = sum('visit');
  // Only completions tied to a counted visit, once each: the rate cannot pass 100%.
  const completed = Math.min(sum('completed_after_visit'), visitors);
  const months = [...new Set(rows.map((r) => r.day.slice(0, 7)))].sort().map((month) => ({
    month,
    visits: rows.filter((r) => r.day.startsWith(month) && r.counter === 'visit').reduce((n, r) => n + r.value, 0),
    completed: rows.filter((r) => r.day.startsWith(month) && r.counter === 'completed').reduce((n, r) => n + r.value, 0),
  }));
  return { from, to, totals, visitors, completionRate: visitors ? Math.round((completed / visitors) * 1000) / 10 : null, months };
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
