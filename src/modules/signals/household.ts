import { dordrechtWijken } from '../../platform/areas.ts';
import type { SignalRecord } from './parse.ts';

/**
 * Which signals belong to one household. Pure rules; the import applies them set-based in SQL (see
 * commands/importSignalFile.ts) because a national file has a million rows.
 *
 * - The address key is postcode + house number + addition: one letterbox, one household.
 * - A signal joins an open case of the same municipality with the same address key, or with a signal with the
 *   same BSN, when its date lies within the window (days) around the case's first and last signal.
 * - Within one file, signals with the same BSN at different addresses are one household (the first address by
 *   sort order wins).
 */
export function householdKey(record: Pick<SignalRecord, 'postcode' | 'houseNumberSuffix'> & { houseNumber: number | string }): string {
  const suffix = (record.houseNumberSuffix ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  return `${record.postcode}|${Number(record.houseNumber)}|${suffix}`;
}

/** The window rule on its own, for the queue's explanation and for tests. */
export function withinWindow(signalDate: string, caseFirst: string, caseLast: string, windowDays: number): boolean {
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  return day(signalDate) >= day(caseFirst) - windowDays && day(signalDate) <= day(caseLast) + windowDays;
}

/** Pure grouping of a small set of records (used by tests and as the specification of the SQL). */
export function groupHouseholds(records: (Pick<SignalRecord, 'postcode' | 'houseNumberSuffix' | 'bsn'> & { houseNumber: number | string })[]): number[][] {
  const keyOf = records.map((r) => householdKey(r));
  const byBsn = new Map<string, string>();
  records.forEach((r, i) => {
    if (!r.bsn) return;
    const current = byBsn.get(r.bsn);
    if (!current || keyOf[i]! < current) byBsn.set(r.bsn, keyOf[i]!);
  });
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => {
    const key = (r.bsn && byBsn.get(r.bsn)) || keyOf[i]!;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.values()];
}

/** SQL `values` rows mapping a four-digit postcode to a CBS wijk code. */
export const pc4Areas: [string, string][] = dordrechtWijken.flatMap((a) => a.pc4.map((pc) => [pc, a.code] as [string, string]));
