import { describe, expect, it } from 'vitest';
import { freezingReleases, frozenEntries, mergeFrozen, releaseSpan, takeFrozen, withinAny } from './frozen.ts';
import type { ProtectedBase } from './protectedBase.ts';

const head = (id: string, period: string, version: number, at: string) => ({ id, period, version, publishedAt: new Date(at) });

describe('published periods in the live dashboard', () => {
  it('knows the dates of a half year, a quarter, a month and a year', () => {
    expect(releaseSpan('2021-H1')).toEqual({ startsOn: '2021-01-01', endsOn: '2021-06-30' });
    expect(releaseSpan('2021-H2')).toEqual({ startsOn: '2021-07-01', endsOn: '2021-12-31' });
    expect(releaseSpan('2021-Q2')).toEqual({ startsOn: '2021-04-01', endsOn: '2021-06-30' });
    expect(releaseSpan('2021-02')).toEqual({ startsOn: '2021-02-01', endsOn: '2021-02-28' });
    expect(releaseSpan('2021')).toEqual({ startsOn: '2021-01-01', endsOn: '2021-12-31' });
    expect(releaseSpan('2021-H3')).toBeNull();
    expect(withinAny('2021-03', [releaseSpan('2021-H1')!])).toBe(true);
    expect(withinAny('2021', [releaseSpan('2021-H1')!])).toBe(false);
  });

  it('freezes with the newest version of each period, in the order the periods were first published', () => {
    const releases = [
      head('y', '2021', 1, '2022-02-01'),
      head('a1', '2021-H1', 1, '2021-07-20'),
      head('a2', '2021-H1', 2, '2021-09-01'),
      head('q', '2021-Q2', 1, '2021-08-01'),
    ];
    expect(freezingReleases(releases).map((r) => r.id)).toEqual(['a2', 'q', 'y']);
    expect(freezingReleases([])).toEqual([]);
  });

  it('keeps a month as the period that froze it first: a later, longer period freezes only its own new months', () => {
    const entry = (periodCode: string, value: number) => ({ areaCode: '', name: '', periodCode, value, state: 'shown', reason: null });
    const halfYear = { entries: ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06'].map((m) => entry(m, 10)) };
    const quarter = { entries: ['2021-04', '2021-05', '2021-06'].map((m) => entry(m, 99)) };
    const year = { entries: ['2021-06', '2021-07', '2021-12'].map((m) => entry(m, 20)) };
    const { entries, spans } = takeFrozen([halfYear, quarter, year]);
    expect(entries.map((e) => [e.periodCode, e.value])).toEqual([...halfYear.entries.map((e) => [e.periodCode, 10]), ['2021-07', 20], ['2021-12', 20]]);
    expect(spans.at(-1)).toEqual({ startsOn: '2021-12-01', endsOn: '2021-12-31' });
    expect(spans).toHaveLength(8);
  });

  it('leaves the months of a period published again to its new version, not to a later copy of them', () => {
    const entry = (periodCode: string, value: number) => ({ areaCode: '', name: '', periodCode, value, state: 'shown', reason: null });
    const quarter = { entries: ['2021-04', '2021-05', '2021-06'].map((m) => entry(m, 99)) };
    const year = { entries: ['2021-06', '2021-07'].map((m) => entry(m, 20)) };
    const { entries, spans } = takeFrozen([{ entries: [], reserve: releaseSpan('2021-H1')! }, quarter, year]);
    expect(entries.map((e) => [e.periodCode, e.value])).toEqual([['2021-07', 20]]);
    expect(spans).toEqual([{ startsOn: '2021-07-01', endsOn: '2021-07-31' }]);
  });

  it('puts the frozen entries into the live base: values of shown entries only, rows in the live order, what is in no wijk last', () => {
    const live: ProtectedBase = {
      periods: ['2021-07'],
      series: [
        { code: 'WK050501', name: 'Centrum', cells: new Map([['2021-07', { value: 25, state: 'secondary' }]]) },
        { code: 'WK050503', name: 'Krispijn', cells: new Map([['2021-07', { value: 2, state: 'primary' }]]) },
      ],
      totals: new Map([['2021-07', { value: 27, state: 'shown' }]]),
    };
    const released: ProtectedBase = {
      periods: ['2021-01'],
      series: [
        { code: 'WK050501', name: 'Centrum', cells: new Map([['2021-01', { value: 20, state: 'shown' }]]) },
        { code: 'WK050503', name: 'Krispijn', cells: new Map([['2021-01', { value: 3, state: 'primary' }]]) },
        {
          code: 'GM0505-OVERIG',
          name: 'Niet toe te wijzen aan een wijk',
          cells: new Map([['2021-01', { value: 12, state: 'secondary', reason: 'dominance' }]]),
        },
      ],
      totals: new Map([['2021-01', { value: 35, state: 'shown' }]]),
    };
    const entries = frozenEntries(released);
    // A hidden value is never stored.
    expect(entries.filter((e) => e.state !== 'shown').every((e) => e.value === null)).toBe(true);
    expect(entries.find((e) => e.areaCode === 'GM0505-OVERIG')).toMatchObject({ reason: 'dominance', value: null });
    const merged = mergeFrozen(live, entries);
    expect(merged.periods).toEqual(['2021-01', '2021-07']);
    expect(merged.series.map((s) => s.code)).toEqual(['WK050501', 'WK050503', 'GM0505-OVERIG']);
    expect(merged.series[0]!.cells.get('2021-01')).toEqual({ value: 20, state: 'shown' });
    expect(merged.series[0]!.cells.get('2021-07')).toEqual({ value: 25, state: 'secondary' });
    expect(merged.series[1]!.cells.get('2021-01')).toEqual({ value: 0, state: 'primary' });
    expect(merged.series[2]!.cells.get('2021-01')).toEqual({ value: 0, state: 'secondary', reason: 'dominance' });
    expect(merged.totals.get('2021-01')).toEqual({ value: 35, state: 'shown' });
    expect(merged.totals.get('2021-07')).toEqual({ value: 27, state: 'shown' });
  });
});
