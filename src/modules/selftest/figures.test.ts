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

  it('adds up the raw counters for the counting itself', () => {
    expect(counterTotals(rows)).toMatchObject({ contact_requested: 85, visit: 4, completed: 0 });
  });
});
