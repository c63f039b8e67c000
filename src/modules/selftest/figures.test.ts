import { describe, expect, it } from 'vitest';
import { counterTotals, protectedFigures } from './figures.ts';
import type { CountRow } from './store.ts';

const row = (day: string, questionnaire: string, counter: string, value: number): CountRow => ({
  day,
  municipalityCode: 'GM0505',
  questionnaire,
  counter,
  value,
});

// Contact requests: many every month, but 3 residents in February.
const rows: CountRow[] = [
  row('2021-01-05', 'residents', 'contact_requested', 20),
  row('2021-01-20', 'entrepreneurs', 'contact_requested', 12),
  row('2021-02-11', 'residents', 'contact_requested', 3),
  row('2021-02-12', 'entrepreneurs', 'contact_requested', 14),
  row('2021-03-02', 'residents', 'contact_requested', 25),
  row('2021-03-09', 'entrepreneurs', 'contact_requested', 11),
  row('2021-02-01', 'all', 'visit', 4),
  row('2021-02-01', 'residents', 'completed_after_visit', 2),
];
const contact = (from: string, to: string) => protectedFigures(rows, from, to, 10).totals.find((t) => t.counter === 'contact_requested')!;

describe('Geldfit figures over whole months', () => {
  it('hides a small count with its reason, and a complement so the month total cannot give it back', () => {
    const february = contact('2021-02', '2021-02');
    expect(february.residents).toEqual({ value: null, display: '< 10', reason: 'small_count' });
    expect(february.entrepreneurs).toEqual({ value: null, display: 'afgeschermd', reason: 'secondary' });
    expect(february.all).toMatchObject({ value: 17 });
    expect(contact('2021-01', '2021-01').residents).toMatchObject({ value: 20, display: '20', reason: null });
  });

  it('shows no range covering the hidden month, so the difference of two ranges never gives it', () => {
    expect(contact('2021-01', '2021-03').residents.value).toBeNull();
    expect(contact('2021-02', '2021-03').residents.value).toBeNull();
    expect(contact('2021-01', '2021-03').entrepreneurs.value).toBeNull();
    // The months around it stay as they are.
    expect(contact('2021-03', '2021-03').residents.value).toBe(25);
  });

  it('shows visits as they are (they count no persons) and hides a completion rate built on a hidden count', () => {
    const figures = protectedFigures(rows, '2021-02', '2021-02', 10);
    expect(figures.visitors).toMatchObject({ value: 4 });
    expect(figures.completionRate).toBeNull();
    expect(protectedFigures(rows, '2021-02', '2021-02', 1).completionRate).toBe(50);
    expect(figures.protection).toContain('minder dan 10 inwoners');
  });

  it('protects the four outcomes with the completed tests they add up to, so a hidden outcome is not their difference', () => {
    const outcomes = { in_order: 15, watch_out: 12, act_now: 10, urgent: 3 };
    const march: CountRow[] = [
      row('2021-03-03', 'residents', 'completed', 40),
      ...Object.entries(outcomes).map(([o, n]) => row('2021-03-03', 'residents', `profile:${o}`, n)),
      row('2021-03-04', 'entrepreneurs', 'completed', 25),
      row('2021-03-04', 'entrepreneurs', 'profile:in_order', 25),
    ];
    const figures = protectedFigures(march, '2021-03', '2021-03', 10);
    const cell = (counter: string) => figures.totals.find((t) => t.counter === counter)!;
    expect(cell('profile:urgent').residents).toEqual({ value: null, display: '< 10', reason: 'small_count' });
    // What an outsider can add up: the completions minus the shown outcomes must not be the hidden one alone.
    for (const side of ['residents', 'all'] as const) {
      const completed = cell('completed')[side].value;
      const shown = Object.keys(outcomes).map((o) => cell(`profile:${o}`)[side].value);
      const hidden = shown.filter((v) => v === null).length;
      expect(completed === null || hidden >= 2, side).toBe(true);
    }
    // Nothing hidden where nothing is small.
    expect(cell('profile:in_order').entrepreneurs).toMatchObject({ value: 25 });
  });

  it('adds up the raw counters for the counting itself', () => {
    expect(counterTotals(rows)).toMatchObject({ contact_requested: 85, visit: 4, completed: 0 });
  });
});
