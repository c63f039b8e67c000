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

/** Whether two date spans share a day. */
export const overlaps = (a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }) => a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

/**
 * The releases that freeze months, in the order they first froze them: the newest version of every period, ordered
 * by when its period was first published. A month an earlier period holds stays as that one froze it (see
 * `takeFrozen`). Pure.
 */
export function freezingReleases(releases: ReleaseHead[]): (ReleaseHead & { span: { startsOn: string; endsOn: string } })[] {
  const newest = new Map<string, ReleaseHead>();
  for (const r of releases) if ((newest.get(r.period)?.version ?? 0) < r.version) newest.set(r.period, r);
  const firstOfPeriod = new Map<string, number>();
  for (const r of releases) firstOfPeriod.set(r.period, Math.min(firstOfPeriod.get(r.period) ?? Infinity, r.publishedAt.getTime()));
  return [...newest.values()]
    .sort((a, b) => firstOfPeriod.get(a.period)! - firstOfPeriod.get(b.period)! || a.period.localeCompare(b.period))
    .flatMap((r) => {
      const span = releaseSpan(r.period);
      return span ? [{ ...r, span }] : [];
    });
}

/**
 * Which stored entries hold: release by release in the order of `freezingReleases`, the entries of a period that no
 * earlier release holds (a year published after its first half keeps the first half's months as they were
 * published, and freezes only its own new months). A release with `reserve` (the period being published again) holds
 * its months for the new version: no later release gives them, and they are not frozen. Returns the entries and the
 * spans of the periods they cover. Pure.
 */
export function takeFrozen(releases: { entries: FrozenEntry[]; reserve?: { startsOn: string; endsOn: string } }[]): {
  entries: FrozenEntry[];
  spans: { startsOn: string; endsOn: string }[];
} {
  const taken: { startsOn: string; endsOn: string }[] = [];
  const blocked: { startsOn: string; endsOn: string }[] = [];
  const entries: FrozenEntry[] = [];
  for (const r of releases) {
    if (r.reserve) {
      blocked.push(r.reserve);
      continue;
    }
    const fresh = new Map<string, { startsOn: string; endsOn: string }>();
    for (const code of new Set(r.entries.map((e) => e.periodCode))) {
      const p = parsePeriod(code);
      if (p && ![...taken, ...blocked].some((t) => overlaps(t, p))) fresh.set(code, { startsOn: p.startsOn, endsOn: p.endsOn });
    }
    entries.push(...r.entries.filter((e) => fresh.has(e.periodCode)));
    taken.push(...fresh.values());
  }
  return { entries, spans: taken };
}

/** Whether span `inner` lies wholly within span `outer`. */
export const contains = (outer: { startsOn: string; endsOn: string }, inner: { startsOn: string; endsOn: string }) =>
  inner.startsOn >= outer.startsOn && inner.endsOn <= outer.endsOn;

/** Whether a base period lies wholly within one of the spans. */
export function withinAny(periodCode: string, spans: { startsOn: string; endsOn: string }[]): boolean {
  const p = parsePeriod(periodCode);
  return p !== null && spans.some((s) => contains(s, p));
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
  // A live row without entries (the placeholder of an empty live part) is left out.
  const rows = new Map<string, BaseSeries>(
    live.series.filter((s) => s.cells.size > 0).map((s) => [s.code, { code: s.code, name: s.name, cells: new Map(s.cells) }]),
  );
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
