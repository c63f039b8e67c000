// Demo figures for Geldfit: the first quarter of 2021 as the council letter reports it (seed 002):
// 1,093 visitors, of whom 103 for Geldfit Zakelijk (live since March 2021), and 244 completed tests.
import { and, gte, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { selftestDailyCounts } from './schema.ts';

interface Series {
  questionnaire: 'all' | 'residents' | 'entrepreneurs';
  counter: string;
  total: number;
  from: string;
  to: string;
}

const q1 = { from: '2021-01-01', to: '2021-03-31' };
const march = { from: '2021-03-01', to: '2021-03-31' };

export const demoSeries: Series[] = [
  { questionnaire: 'all', counter: 'visit', total: 1093, ...q1 },
  { questionnaire: 'residents', counter: 'started', total: 702, ...q1 },
  { questionnaire: 'entrepreneurs', counter: 'started', total: 103, ...march },
  { questionnaire: 'residents', counter: 'completed', total: 223, ...q1 },
  { questionnaire: 'entrepreneurs', counter: 'completed', total: 21, ...march },
  // In the demo every completed test came from a counted visit.
  { questionnaire: 'residents', counter: 'completed_after_visit', total: 223, ...q1 },
  { questionnaire: 'entrepreneurs', counter: 'completed_after_visit', total: 21, ...march },
  { questionnaire: 'residents', counter: 'profile:in_order', total: 56, ...q1 },
  { questionnaire: 'residents', counter: 'profile:watch_out', total: 81, ...q1 },
  { questionnaire: 'residents', counter: 'profile:act_now', total: 64, ...q1 },
  { questionnaire: 'residents', counter: 'profile:urgent', total: 22, ...q1 },
  { questionnaire: 'entrepreneurs', counter: 'profile:in_order', total: 5, ...march },
  { questionnaire: 'entrepreneurs', counter: 'profile:watch_out', total: 7, ...march },
  { questionnaire: 'entrepreneurs', counter: 'profile:act_now', total: 7, ...march },
  { questionnaire: 'entrepreneurs', counter: 'profile:urgent', total: 2, ...march },
  { questionnaire: 'residents', counter: 'referrals_shown', total: 760, ...q1 },
  { questionnaire: 'entrepreneurs', counter: 'referrals_shown', total: 30, ...march },
  { questionnaire: 'residents', counter: 'referral_followed', total: 170, ...q1 },
  { questionnaire: 'entrepreneurs', counter: 'referral_followed', total: 12, ...march },
  { questionnaire: 'residents', counter: 'contact_requested', total: 16, ...q1 },
  { questionnaire: 'entrepreneurs', counter: 'contact_requested', total: 3, ...march },
];

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T12:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

/** Spreads a total over the days, more during the "Kom jij eruit?" campaign (26 January – 23 February). Sums exactly. */
export function spread(total: number, from: string, to: string): { day: string; value: number }[] {
  const list = days(from, to);
  const weights = list.map((d) => (d >= '2021-01-26' && d <= '2021-02-23' ? 2 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const values = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - values.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % values.length, rest--) values[i]! += 1;
  return list.map((day, i) => ({ day, value: values[i]! }));
}

/**
 * The demo's daily counts. As on the live site, every completed test has its outcome on the same day: the
 * completions (and, in the demo, the completions after a counted visit) of a day are the sum of that day's outcomes.
 */
export function demoRows(municipalityCode: string) {
  const derived = new Set(['completed', 'completed_after_visit']);
  const rows = demoSeries
    .filter((s) => !derived.has(s.counter))
    .flatMap((s) =>
      spread(s.total, s.from, s.to)
        .filter((d) => d.value > 0)
        .map((d) => ({ day: d.day, municipalityCode, questionnaire: s.questionnaire, counter: s.counter, value: d.value })),
    );
  const completions = new Map<string, { day: string; questionnaire: Series['questionnaire']; value: number }>();
  for (const r of rows.filter((r) => r.counter.startsWith('profile:'))) {
    const key = `${r.day}|${r.questionnaire}`;
    const c = completions.get(key) ?? { day: r.day, questionnaire: r.questionnaire, value: 0 };
    c.value += r.value;
    completions.set(key, c);
  }
  for (const c of completions.values())
    for (const counter of derived) rows.push({ day: c.day, municipalityCode, questionnaire: c.questionnaire, counter, value: c.value });
  return rows;
}

/** Loads the Q1 2021 figures once (nothing happens when that quarter already has counts). */
export async function seedSelftestDemo(db: Database, municipalityCode: string): Promise<void> {
  await db.unauditedTransaction(async (tx) => {
    const [existing] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(selftestDailyCounts)
      .where(and(gte(selftestDailyCounts.day, q1.from), lte(selftestDailyCounts.day, q1.to)));
    if ((existing?.n ?? 0) > 0) return;
    const rows = demoRows(municipalityCode);
    for (let i = 0; i < rows.length; i += 500) await tx.insert(selftestDailyCounts).values(rows.slice(i, i + 500));
  });
}
