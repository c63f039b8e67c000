import { sql } from 'drizzle-orm';
import type { Tx } from '../../../db/database.ts';
import { advisoryKey } from '../../../platform/lockKeys.ts';
import { householdKey } from '../household.ts';
import type { SignalRecord } from '../signalRow.ts';
import { executePrepared, rowsOf } from './importStaging.ts';

/**
 * The locks that keep two overlapping imports from both counting a row as new, or both making a case for one
 * household, held until the transaction ends. They are per municipality, not per creditor, because households are:
 * two creditors reporting the same household at the same moment must end up in one case. An import routed by
 * postcode may reach several municipalities: it takes the lock of each of them, in sorted order.
 *
 * - A short batch (up to FINE_LOCK_ROWS rows: an API call, a short file) takes its municipalities' locks in SHARED
 *   mode, then an exclusive lock per address key and per BSN (the other way a signal joins a case), both within the
 *   municipality the row is routed to (the import's own when its postcode leads nowhere among them), and per
 *   (creditor, reference), all in sorted order so that two batches never wait for each other in a circle. Batches
 *   that share nothing run side by side; batches that share a household, a resident or a reference take turns, and
 *   the later one sees the first one's cases and signals (read committed: each statement sees what committed
 *   before it began).
 * - A longer file takes its municipalities' locks in EXCLUSIVE mode: it waits for the batches in progress and holds
 *   off new ones and other files for those municipalities until it commits (a file may touch any household).
 *
 * The keys are HMACs under the database's lock secret (lockKeys.ts): `pg_locks` shows them, and must not give away
 * a BSN or an address. Two names with the same key only make two batches take turns; they never let one through.
 */
export async function lockForImport(
  tx: Tx,
  input: { secret: Buffer; targets: string[]; municipalityCode: string; creditorId: string; rows: SignalRecord[] | null },
): Promise<void> {
  const key = (name: string) => advisoryKey(input.secret, name);
  const municipalityKeys = sortKeys(new Set(input.targets.map((m) => key(`signals:${m}`))));
  if (input.rows && !input.rows.length) return;
  const rowKeys: string[] = [];
  if (input.rows) {
    // The municipality each row is routed to, as storeStagedSignals will (a full postcode wins over its four digits).
    const route = new Map<string, string>();
    if (input.targets.length > 1) {
      const postcodes = [...new Set(input.rows.flatMap((r) => (r.postcode ? [r.postcode, r.postcode.slice(0, 4)] : [])))];
      if (postcodes.length) {
        const found = rowsOf(
          await executePrepared(tx, sql`select postcode, municipality_code from postcode_areas where postcode = any(${`{${postcodes.join(',')}}`}::text[])`),
        );
        for (const f of found) route.set(String(f.postcode), String(f.municipality_code));
      }
    }
    const names = new Set<string>();
    for (const r of input.rows) {
      const routed = r.postcode ? (route.get(r.postcode) ?? route.get(r.postcode.slice(0, 4))) : undefined;
      const m = routed && input.targets.includes(routed) ? routed : input.municipalityCode;
      names.add(`signals:household:${m}:${householdKey(r)}`);
      if (r.bsn) names.add(`signals:bsn:${m}:${r.bsn}`);
      names.add(`signals:reference:${input.creditorId}:${r.reference}`);
    }
    rowKeys.push(...sortKeys(new Set([...names].map(key))));
  }
  // One statement: the municipalities' locks first (shared for a short batch, exclusive for a file), then the rows'
  // (exclusive) one after the other in sorted order.
  const shared = input.rows ? municipalityKeys.length : 0;
  await executePrepared(
    tx,
    sql`
    select count(case when i <= ${shared}::int then pg_advisory_xact_lock_shared(k) else pg_advisory_xact_lock(k) end)::int
    from unnest(${`{${[...municipalityKeys, ...rowKeys].join(',')}}`}::bigint[]) with ordinality as u(k, i)`,
  );
}

function sortKeys(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
}
