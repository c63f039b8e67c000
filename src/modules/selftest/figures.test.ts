import { describe, expect, it } from 'vitest';
import type { ProtectedCell } from '../insights/index.ts';
import { counterTotals, figuresFrom } from './figures.ts';
import type { CountRow } from './store.ts';

const shown = (value: number): ProtectedCell => ({ value, state: 'shown' });
const small = (value: number): ProtectedCell => ({ value, state: 'primary' });
const complement = (value: number): ProtectedCell => ({ value, state: 'secondary' });

/** The dashboard's protected monthly cells, as insights' monthlyFigures hands them over. */
const cells = new Map<string, Map<string, ProtectedCell>>([
  [
    'selftest.contact_requests',
    new Map([
      ['2021-01', shown(32)],
      ['2021-02', small(3)],
      ['2021-03', shown(36)],
    ]),
  ],
  [
    'selftest.visits',
    new Map([
      ['2021-01', shown(40)],
      ['2021-02', shown(4)],
      ['2021-03', shown(50)],
    ]),
  ],
  [
    'selftest.started',
    new Map([
      ['2021-01', shown(30)],
      ['2021-03', shown(45)],
    ]),
  ],
  [
    'selftest.visits_entrepreneurs',
    new Map([
      ['2021-01', shown(12)],
      ['2021-03', small(5)],
    ]),
  ],
  [
    'selftest.completed',
    new Map([
      ['2021-01', shown(25)],
      ['2021-02', shown(2)],
      ['2021-03', shown(30)],
    ]),
  ],
  [
    'selftest.completed_entrepreneurs',
    new Map([
      ['2021-01', shown(10)],
      ['2021-03', complement(11)],
    ]),
  ],
  [
    'selftest.completed_after_visit',
    new Map([
      ['2021-01', shown(20)],
      ['2021-02', small(2)],
      ['2021-03', shown(25)],
    ]),
  ],
]);
const figures = (from: string, to: string) => figuresFrom(cells, from, to, 10);
const total = (from: string, to: string, counter: string) => figures(from, to).totals.find((t) => t.counter === counter)!;

describe('Geldfit figures over whole months, from the dashboard’s protected cells', () => {
  it('shows a hidden month as hidden, with its reason', () => {
    expect(total('2021-02', '2021-02', 'contact_requested').all).toEqual({ value: null, display: '< 10', reason: 'small_count' });
    expect(total('2021-01', '2021-01', 'contact_requested').all).toEqual({ value: 32, display: '32', reason: null });
  });

  it('shows no range covering a hidden month, so the difference of two ranges never gives it', () => {
    expect(total('2021-01', '2021-03', 'contact_requested').all).toMatchObject({ value: null, display: 'afgeschermd', reason: 'secondary' });
    expect(total('2021-02', '2021-03', 'contact_requested').all.value).toBeNull();
    expect(total('2021-03', '2021-03', 'contact_requested').all.value).toBe(36);
  });

  it('gives the residents as all minus the entrepreneurs only when both are shown', () => {
    expect(total('2021-01', '2021-01', 'completed')).toMatchObject({ all: { value: 25 }, entrepreneurs: { value: 10 }, residents: { value: 15 } });
    // Entrepreneurs hidden: the residents too, or all minus residents would give them.
    const march = total('2021-03', '2021-03', 'completed');
    expect(march.all.value).toBe(30);
    expect(march.entrepreneurs).toMatchObject({ value: null, reason: 'secondary' });
    expect(march.residents).toMatchObject({ value: null, reason: 'secondary' });
    // A counter without the split has none.
    expect(total('2021-01', '2021-01', 'contact_requested')).toMatchObject({ residents: null, entrepreneurs: null });
  });

  it('shows visits as they are and hides a completion rate built on a hidden count', () => {
    const february = figures('2021-02', '2021-02');
    expect(february.visitors).toMatchObject({ value: 4 });
    expect(february.completionRate).toBeNull();
    expect(figures('2021-01', '2021-01').completionRate).toBe(50);
    expect(february.protection).toContain('minder dan 10 inwoners');
    expect(february.months).toEqual([
      { month: '2021-02', visits: { value: 4, display: '4', reason: null }, completed: { value: 2, display: '2', reason: null } },
    ]);
  });

  it('lists only the months with figures in the range', () => {
    expect(figures('2020-01', '2021-02').months.map((m) => m.month)).toEqual(['2021-01', '2021-02']);
    expect(figuresFrom(new Map(), '2021-01', '2021-03', 10)).toMatchObject({ months: [], completionRate: null, visitors: { value: 0 } });
  });

  it('adds up the raw counters for the counting itself', () => {
    const row = (day: string, questionnaire: string, counter: string, value: number): CountRow => ({
      day,
      municipalityCode: 'GM0505',
      questionnaire,
      counter,
      value,
    });
    expect(counterTotals([row('2021-01-05', 'residents', 'contact_requested', 20), row('2021-02-01', 'all', 'visit', 4)])).toMatchObject({
      contact_requested: 20,
      visit: 4,
      completed: 0,
    });
  });
});
