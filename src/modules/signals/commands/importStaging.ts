import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/database.ts';
import { copyField } from '../../../db/copy.ts';
import { householdKey } from '../household.ts';
import type { SignalRecord } from '../signalRow.ts';

/**
 * The staging side of importSignalFile: the temporary work tables, the checked rows into `signal_stage` (COPY for a
 * file, one INSERT for a small batch), and the small SQL helpers the import's statements share.
 */

/**
 * The work tables of storeStagedSignals. On PostgreSQL they are made once per database connection and emptied at every
 * commit (`on commit delete rows`): an API call with one signal does not create and drop four tables (and their
 * catalogue rows) each time. On PGlite they are made per transaction and dropped at its end (`on commit drop`): its
 * emptied temporary tables kept the rows' bytes in their files, so an erased resident's data stayed on disk (the
 * erasure test reads every file of the folder). One statement, without a notice when they are there already.
 */
export async function ensureWorkTables(tx: Tx, kind: Database['kind']): Promise<void> {
  const onCommit = kind === 'pglite' ? 'on commit drop' : 'on commit delete rows';
  await tx.execute(
    sql.raw(`do $$ begin
    if to_regclass('pg_temp.signal_stage') is null then
      create temporary table signal_stage (${stageColumns}) ${onCommit};
    end if;
    if to_regclass('pg_temp.signal_new') is null then
      create temporary table signal_new (${stageColumns}, case_id uuid, municipality_code text, area_code text, kind text, urgent boolean) ${onCommit};
    end if;
    if to_regclass('pg_temp.signal_new_cases') is null then
      create temporary table signal_new_cases (id uuid, person_id uuid, known_person boolean, in_help boolean, municipality_code text,
        household_key text, f date, l date, total bigint, n integer, urgent boolean, bsn text, initials text, prefix text, surname text,
        birth_date date, street text, house_number integer, house_number_suffix text, postcode text, city text, phone text, email text,
        area_code text) ${onCommit};
    end if;
    if to_regclass('pg_temp.signal_moves') is null then
      create temporary table signal_moves (case_id uuid, household_key text, area_code text, street text, house_number integer,
        house_number_suffix text, postcode text, city text) ${onCommit};
    end if;
  end $$`),
  );
}

const stageColumns =
  'seq integer, reference text, signal_date date, creditor_type text, amount_cents integer, months integer, bsn text, initials text, ' +
  'prefix text, surname text, birth_date date, street text, house_number integer, house_number_suffix text, postcode text, city text, ' +
  'phone text, email text, household_key text, arisen_on date, crisis boolean, warm_handover boolean, threat text';

/** A small batch into the staging table: one statement (prepared once per connection), the rows as JSON. */
export async function stageSmallBatch(tx: Tx, records: SignalRecord[]): Promise<void> {
  const rows = records.map((r, seq) => ({
    seq,
    reference: r.reference,
    signal_date: r.signalDate,
    creditor_type: r.creditorType,
    amount_cents: r.amountCents,
    months: r.months,
    bsn: r.bsn,
    initials: r.initials,
    prefix: r.prefix,
    surname: r.surname,
    birth_date: r.birthDate,
    street: r.street,
    house_number: r.houseNumber,
    house_number_suffix: r.houseNumberSuffix,
    postcode: r.postcode,
    city: r.city,
    phone: r.phone,
    email: r.email,
    household_key: householdKey(r),
    arisen_on: r.arisenOn,
    crisis: r.crisis,
    warm_handover: r.warmHandover,
    threat: r.threat,
  }));
  await executePrepared(
    tx,
    sql`
    insert into signal_stage select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as s(${sql.raw(stageColumns)})`,
  );
}

export const stageCopyStatement =
  'copy signal_stage (seq, reference, signal_date, creditor_type, amount_cents, months, bsn, initials, prefix, surname, birth_date, street, ' +
  'house_number, house_number_suffix, postcode, city, phone, email, household_key, arisen_on, crisis, warm_handover, threat) from stdin';

/** One staging row in COPY text format. */
export function stageLine(seq: number, r: SignalRecord): string {
  const f = copyField;
  return `${seq}\t${f(r.reference)}\t${r.signalDate}\t${r.creditorType}\t${r.amountCents}\t${f(r.months)}\t${f(r.bsn)}\t${f(r.initials)}\t${f(r.prefix)}\t${f(r.surname)}\t${f(r.birthDate)}\t${f(r.street)}\t${f(r.houseNumber)}\t${f(r.houseNumberSuffix)}\t${f(r.postcode)}\t${f(r.city)}\t${f(r.phone)}\t${f(r.email)}\t${f(householdKey(r))}\t${f(r.arisenOn)}\t${r.crisis ? 't' : 'f'}\t${r.warmHandover ? 't' : 'f'}\t${f(r.threat)}\n`;
}

/** Whether any row has a BSN, and whether one BSN is at two addresses (see StoreInput.hints). */
export function batchHints(records: SignalRecord[]): { anyBsn: boolean; bsnAtTwoAddresses: boolean } {
  const keyOf = new Map<string, string>();
  let bsnAtTwoAddresses = false;
  for (const r of records) {
    if (!r.bsn) continue;
    const key = householdKey(r);
    const seen = keyOf.get(r.bsn);
    if (seen === undefined) keyOf.set(r.bsn, key);
    else if (seen !== key) bsnAtTwoAddresses = true;
  }
  return { anyBsn: keyOf.size > 0, bsnAtTwoAddresses };
}

/**
 * Runs a statement the API path sends for every call as a named prepared statement (named after a hash of its
 * text): PostgreSQL plans it once per connection instead of on every call. Only for statements whose text does not
 * depend on the data (all values are parameters).
 */
export async function executePrepared(tx: Tx, statement: SQL): Promise<unknown> {
  const internals = tx as unknown as {
    dialect: { sqlToQuery(s: SQL): { sql: string; params: unknown[] } };
    session: { prepareQuery(q: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> } };
  };
  const query = internals.dialect.sqlToQuery(statement);
  const name = `vangnet_${createHash('sha1').update(query.sql).digest('hex').slice(0, 24)}`;
  return internals.session.prepareQuery(query, undefined, name, false).execute();
}

export function rowsOf(result: unknown): Record<string, unknown>[] {
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}
export function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}
