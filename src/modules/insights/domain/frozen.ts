/**
 * Published periods in the live dashboard, pure: a month that a release has frozen is shown as the release protected
 * it, and the months no release holds are protected as a table of their own. The two parts share no figure, and a
 * view over both (a year across a published half year) is a sum that is shown only when all its parts are (views.ts),
 * so together they tell no more than each alone; and later data never move a published month.
 */
import { halfYearMonths, parsePeriod } from '../periods.ts';
import type { ProtectedCell, SuppressionReason } from '../suppression.ts';
import type { BaseSeries } from '../views.ts';
import type { ProtectedBase } from './protectedBase.ts';

/** A release as far as freezing goes: its period, version and when it was published. */
export interface ReleaseHead {
  id: string;
  period: string;
  version: number;
  publishedAt: Date;
}

/** The dates a release period covers (a half year 2021-H1, a quarter, a month, a year); null when it is none. */
export function releaseSpan(period: string): { startsOn: string; endsOn: string } | null {
  const half = halfYearMonths(period);
  if (half) return { startsOn: parsePeriod(half.fromMonth)!.startsOn, endsOn: parsePeriod(half.toMonth)!.endsOn };
  const p = parsePeriod(period);
  return p && p.code === period ? { startsOn: p.startsOn, endsOn: p.endsOn } : null;
}

const overlaps = (a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }) => a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

/**
 * The releases that freeze months: the newest version of every period, and of periods that overlap (made before
 * overlaps were refused) the one published first. Pure.
 */
export function freezingReleases(releases: ReleaseHead[]): (ReleaseHead & { span: { startsOn: string; endsOn: string } })[] {
  const newest = new Map<string, ReleaseHead>();
  for (const r of releases) if ((newest.get(r.period)?.version ?? 0) < r.version) newest.set(r.period, r);
  const firstOfPeriod = new Map<string, Date>();
  for (const r of releases) {
    const at = firstOfPeriod.get(r.period);
    if (!at || r.publishedAt < at) firstOfPeriod.set(r.period, r.publishedAt);
  }
  const out: (ReleaseHead & { span: { startsOn: string; endsOn: string } })[] = [];
  const byFirst = [...newest.values()].sort((a, b) => firstOfPeriod.get(a.period)!.getTime() - firstOfPeriod.get(b.period)!.getTime());
  for (const r of byFirst) {
    const span = releaseSpan(r.period);
    if (span && !out.some((o) => overlaps(o.span, span))) out.push({ ...r, span });
  }
  return out;
}

/** Whether a base period lies wholly within one of the spans. */
export function withinAny(periodCode: string, spans: { startsOn: string; endsOn: string }[]): boolean {
  const p = parsePeriod(periodCode);
  return p !== null && spans.some((s) => p.startsOn >= s.startsOn && p.endsOn <= s.endsOn);
}

/** One stored entry of a release's base table (`insights_release_base`). */
export interface FrozenEntry {
  areaCode: string;
  name: string;
  periodCode: string;
  value: number | null;
  state: string;
  reason: string | null;
}

const toCell = (e: FrozenEntry): ProtectedCell => {
  const state = e.state === 'primary' || e.state === 'secondary' ? e.state : 'shown';
  // A hidden entry's value was never stored: it is never shown, and a sum with it is hidden.
  const cell: ProtectedCell = { value: state === 'shown' ? (e.value ?? 0) : 0, state };
  if (e.reason) cell.reason = e.reason as SuppressionReason;
  return cell;
};

/**
 * The live base of the months no release holds, with the frozen entries of the published months put in: rows by
 * area code (a row only one part has keeps its own entries), the live row's name where there is one. Pure.
 */
export function mergeFrozen(live: ProtectedBase, frozen: FrozenEntry[]): ProtectedBase {
  const rows = new Map<string, BaseSeries>(live.series.map((s) => [s.code, { code: s.code, name: s.name, cells: new Map(s.cells) }]));
  const totals = new Map(live.totals);
  const periods = new Set(live.periods);
  for (const e of frozen) {
    periods.add(e.periodCode);
    if (e.areaCode === '') {
      totals.set(e.periodCode, toCell(e));
      continue;
    }
    if (!rows.has(e.areaCode)) rows.set(e.areaCode, { code: e.areaCode, name: e.name, cells: new Map() });
    rows.get(e.areaCode)!.cells.set(e.periodCode, toCell(e));
  }
  // The live base's order, rows only the release has after them, what is in no wijk (GM…-OVERIG) last.
  const liveOrder = new Map(live.series.map((s, i) => [s.code, i]));
  const rank = (code: string) => [code.startsWith('GM') ? 1 : 0, liveOrder.get(code) ?? live.series.length] as const;
  const series = [...rows.values()].sort((a, b) => {
    const [ra, rb] = [rank(a.code), rank(b.code)];
    return ra[0] - rb[0] || ra[1] - rb[1] || a.code.localeCompare(b.code);
  });
  return { periods: [...periods].sort(), series, totals };
}

/** A protected base as entries to store with a release (the inverse of mergeFrozen's input). Pure. */
export function frozenEntries(base: ProtectedBase): FrozenEntry[] {
  const entry = (areaCode: string, name: string, periodCode: string, c: ProtectedCell): FrozenEntry => ({
    areaCode,
    name,
    periodCode,
    value: c.state === 'shown' ? c.value : null,
    state: c.state,
    reason: c.state === 'shown' ? null : (c.reason ?? null),
  });
  return [...base.series.flatMap((s) => [...s.cells].map(([p, c]) => entry(s.code, s.name, p, c))), ...[...base.totals].map(([p, c]) => entry('', '', p, c))];
}
