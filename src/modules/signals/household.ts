import type { SignalRecord } from './signalRow.ts';

/**
 * Which signals belong to one household. Pure rules; the import applies them set-based in SQL (see
 * commands/importSignalFile.ts) because a national file has a million rows.
 *
 * - The address key is postcode + house number + addition: one letterbox, one household.
 * - A signal joins an open case of the same municipality with the same address key, or with a signal with the
 *   same BSN, when its date lies within the window (days) around the case's first and last signal.
 * - Within one file, signals with the same BSN at different addresses are one household, at the address of the
 *   newest signal (the latest one in the file on equal dates).
 * - A case follows the household's latest address: a signal newer than every signal of its case, at another
 *   address, moves the case (its address key and wijk) and its resident there; an older one does not.
 * - Each row goes to the municipality of its postcode (`postcode_areas`, see postcodeAreas.ts); a household is
 *   always within one municipality.
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
export function groupHouseholds(
  records: (Pick<SignalRecord, 'postcode' | 'houseNumberSuffix' | 'bsn'> & { houseNumber: number | string; signalDate?: string })[],
): number[][] {
  const keyOf = records.map((r) => householdKey(r));
  // Per BSN the newest record (on equal dates the later one): its address is the household's.
  const newest = new Map<string, number>();
  records.forEach((r, i) => {
    if (!r.bsn) return;
    const current = newest.get(r.bsn);
    if (current === undefined || (r.signalDate ?? '') >= (records[current]!.signalDate ?? '')) newest.set(r.bsn, i);
  });
  const byBsn = new Map([...newest].map(([bsn, i]) => [bsn, keyOf[i]!]));
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => {
    const key = (r.bsn && byBsn.get(r.bsn)) || keyOf[i]!;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.values()];
}
