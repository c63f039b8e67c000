import { createHash, randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/database.ts';
import { copyField, openCopy, type CopyWriter } from '../../../db/copy.ts';
import type { Actor } from '../../../platform/actor.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { ForbiddenError } from '../../../platform/errors.ts';
import { householdKey, pc4Areas } from '../household.ts';
import type { IntakeContext, Rejection, RowResult, SignalRecord } from '../parse.ts';
import { creditorTypeLabels } from '../ddas.ts';
import { signalImports } from '../schema.ts';
import type { SignalSettings } from '../settings.ts';
import { authoriseSubmission, trustedCreditorWithMapping } from '../access.ts';

export interface ImportSignalsInput {
  creditor: { id?: string; code?: string };
  municipalityCode?: string;
  channel: 'upload' | 'cli' | 'api';
  fileName?: string | null;
  /**
   * The validated rows, streamed one by one or in batches (see `readSignalFileBatches`), or an API batch (see
   * `validateBatch`). `intake` is the creditor's column mapping and types: pass it to the reader.
   */
  rows: (today: string, intake: IntakeContext) => AsyncIterable<RowResult | RowResult[]> | Iterable<RowResult | RowResult[]>;
  settings: SignalSettings;
  /** Rows per write to the COPY stream. */
  batchSize?: number;
  onRows?: (rowsSoFar: number) => void;
  /** Called when the whole file is read and staged, before the signals are matched and stored (for the benchmark). */
  onStaged?: () => void;
  /** Up to this many checked rows the import takes the small path (default SMALL_BATCH_ROWS; 0: always staged). */
  smallBatchRows?: number;
}

export interface ImportSummary {
  importId: string;
  municipalityCode: string;
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  casesCreated: number;
  rejections: Rejection[];
  rejectionsTruncated: boolean;
}

/** The rejections kept with an import (and printed); the count is always complete. */
export const MAX_LISTED_REJECTIONS = 1000;
/** Above this many residents the import's audit line names none; each later read of a case names its resident. */
export const MAX_AUDIT_SUBJECTS = 1000;

/**
 * Stores a creditor's signals and groups them into households' cases, all in ONE transaction: a crash or kill
 * midway leaves nothing, so a rerun stores exactly one copy. A row already sent (same creditor and reference)
 * is a duplicate, never a second signal. One audit line per import: object = the import, details = counts.
 */
export async function importSignalFile(db: Database, actor: Actor, input: ImportSignalsInput): Promise<ImportSummary> {
  const { creditor, mapping } = await trustedCreditorWithMapping(db, input.creditor);
  let municipalityCode: string;
  try {
    municipalityCode = authoriseSubmission(actor, creditor, input.municipalityCode);
  } catch (error) {
    if (error instanceof ForbiddenError) {
      await db.recordAuditEvent(actor, { action: 'create', objectType: 'signal_import', details: { creditor: creditor.code, channel: input.channel } }, 'denied');
    }
    throw error;
  }
  const now = db.clock.now();
  const today = amsterdamDate(now);
  const batchSize = input.batchSize ?? 2000;
  const intake: IntakeContext = { mapping, creditorTypes: creditor.creditorTypes };
  // A row of a type the creditor does not report is refused (a health insurer's file holds no rent arrears).
  const allowedTypes = new Set(creditor.creditorTypes);
  const typeReason = `Deze schuldeiser levert geen signalen van deze soort (wel: ${creditor.creditorTypes.map((t) => creditorTypeLabels[t].toLowerCase()).join(', ')}).`;
  const smallBatchRows = input.smallBatchRows ?? SMALL_BATCH_ROWS;
  return db.audited(actor, { action: 'create', objectType: 'signal_import', municipalityCode, details: { channel: input.channel } }, async (tx, trail) => {
    // The import's row is written at the end, with its counts; its id is known now, for the ids of its rows.
    const importId = randomUUID();
    trail.objectId = importId;
    const summary: ImportSummary = { importId, municipalityCode, rows: 0, accepted: 0, duplicates: 0, rejected: 0, casesCreated: 0, rejections: [], rejectionsTruncated: false };
    // A small batch stays in memory (no staging table: see storeSmallBatch); a larger one streams into the staging
    // table with COPY while the file is still being read and checked.
    let small: SignalRecord[] | null = [];
    let copy: CopyWriter | null = null;
    let lines: string[] = [];
    let staged = 0;
    // The rows of a small batch, for its locks on households and references; null once it is too large for them.
    let fine: SignalRecord[] | null = [];
    try {
      for await (const item of input.rows(today, intake)) {
        for (let row of Array.isArray(item) ? item : [item]) {
          summary.rows++;
          if (row.ok && allowedTypes.size && !allowedTypes.has(row.record.creditorType)) {
            row = { line: row.line, ok: false, rejections: [{ line: row.line, field: 'soort', reason: typeReason }] };
          }
          if (row.ok) {
            if (small && small.length < smallBatchRows) small.push(row.record);
            else {
              if (small) {
                await tx.execute(createStage);
                copy = openCopy(tx, db.kind, stageCopyStatement);
                lines = small.map((r, i) => stageLine(i, r));
                small = null;
              }
              lines.push(stageLine(staged, row.record));
            }
            staged++;
            if (fine && fine.length < FINE_LOCK_ROWS) fine.push(row.record);
            else fine = null;
          } else {
            summary.rejected++;
            for (const r of row.rejections) {
              if (summary.rejections.length < MAX_LISTED_REJECTIONS) summary.rejections.push(r);
              else summary.rejectionsTruncated = true;
            }
          }
          if (summary.rows % 10_000 === 0) input.onRows?.(summary.rows);
        }
        if (copy && lines.length >= batchSize) {
          const text = lines.join('');
          lines = [];
          await copy.write(text);
        }
      }
      if (copy) {
        if (lines.length) await copy.write(lines.join(''));
        await copy.end();
      }
    } catch (error) {
      // A file that turns out unreadable halfway: end the COPY cleanly so the transaction can roll back.
      await copy?.abort(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    input.onRows?.(summary.rows);
    input.onStaged?.();
    // Only now, with the rows read and checked, the locks that keep overlapping imports apart (see lockForImport).
    await lockForImport(tx, { municipalityCode, creditorId: creditor.id, rows: fine });
    const store: StoreInput = { kind: db.kind, importId, creditorId: creditor.id, municipalityCode, settings: input.settings, now };
    const importRow = (counts: { accepted: number; casesCreated: number }) =>
      tx
        .insert(signalImports)
        .values({
          id: importId,
          creditorOrganisationId: creditor.id,
          municipalityCode,
          channel: input.channel,
          fileName: input.fileName ?? null,
          rows: summary.rows,
          accepted: counts.accepted,
          duplicates: staged - counts.accepted,
          rejected: summary.rejected,
          casesCreated: counts.casesCreated,
          rejections: summary.rejections,
          createdByUserId: actor.kind === 'user' ? actor.userId : null,
          createdAt: now,
        })
        .getSQL();
    // The small path writes the import's row in its own statement; otherwise it is written here, after the rows.
    const grouped: StoreResult = small ? await storeSmallBatch(tx, store, small, importRow) : { ...(await storeStagedSignals(tx, store)), importWritten: false };
    summary.accepted = grouped.inserted;
    summary.duplicates = staged - grouped.inserted;
    summary.casesCreated = grouped.casesCreated;
    if (!grouped.importWritten) await tx.execute(importRow({ accepted: summary.accepted, casesCreated: summary.casesCreated }));
    trail.subjectIds = grouped.personIds.length <= MAX_AUDIT_SUBJECTS ? grouped.personIds : [];
    trail.details = {
      channel: input.channel,
      creditor: creditor.code,
      rows: summary.rows,
      accepted: summary.accepted,
      duplicates: summary.duplicates,
      rejected: summary.rejected,
      casesCreated: summary.casesCreated,
      casesTouched: grouped.casesTouched,
      subjectsListed: grouped.personIds.length <= MAX_AUDIT_SUBJECTS,
    };
    return summary;
  });
}

/**
 * Up to this many rows (after the checks) an import is stored by storeSmallBatch, without staging tables: an API
 * call with one signal does not create, analyse and drop three temporary tables. Larger ones by storeStagedSignals.
 */
export const SMALL_BATCH_ROWS = 100;

const createStage = sql`
  create temporary table signal_stage (seq integer, reference text, signal_date date, creditor_type text, amount_cents integer, months integer,
    bsn text, initials text, prefix text, surname text, birth_date date, street text, house_number integer, house_number_suffix text,
    postcode text, city text, phone text, email text, household_key text, arisen_on date, crisis boolean, warm_handover boolean) on commit drop`;

/** Up to this many rows an import locks only the households, residents and references it touches. */
export const FINE_LOCK_ROWS = 200;

/** A 64-bit advisory lock key for a name (SHA-256, first eight bytes, as a signed bigint). */
export function advisoryKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

/**
 * The locks that keep two overlapping imports from both counting a row as new, or both making a case for one
 * household, held until the transaction ends. They are per municipality, not per creditor, because households are:
 * two creditors reporting the same household at the same moment must end up in one case.
 *
 * - A small batch (up to FINE_LOCK_ROWS rows: an API call, a short file) takes the municipality's lock in SHARED
 *   mode, then an exclusive lock per address key, per BSN (the other way a signal joins a case) and per
 *   (creditor, reference) it holds, all in sorted order so that two batches never wait for each other in a circle.
 *   Batches that share nothing run side by side; batches that share a household, a resident or a reference take
 *   turns, and the later one sees the first one's cases and signals (read committed: each statement sees what
 *   committed before it began).
 * - A larger file takes the municipality's lock in EXCLUSIVE mode: it waits for the small batches in progress and
 *   holds off new ones and other files for that municipality until it commits (a file may touch any household).
 *
 * Two names that hash to the same key only make two batches take turns; they never let one through.
 */
export async function lockForImport(tx: Tx, input: { municipalityCode: string; creditorId: string; rows: SignalRecord[] | null }): Promise<void> {
  const municipalityKey = advisoryKey(`signals:${input.municipalityCode}`);
  if (!input.rows) {
    await tx.execute(sql`select pg_advisory_xact_lock(${municipalityKey}::bigint)`);
    return;
  }
  if (!input.rows.length) return;
  const names = new Set<string>();
  for (const r of input.rows) {
    names.add(`signals:household:${input.municipalityCode}:${householdKey(r)}`);
    if (r.bsn) names.add(`signals:bsn:${input.municipalityCode}:${r.bsn}`);
    names.add(`signals:reference:${input.creditorId}:${r.reference}`);
  }
  const keys = [...new Set([...names].map(advisoryKey))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  // One statement: the municipality's lock (shared) first, then the others one after the other in sorted order.
  await executePrepared(tx, sql`
    select count(case when i = 1 then pg_advisory_xact_lock_shared(k) else pg_advisory_xact_lock(k) end)::int
    from unnest(${`{${[municipalityKey, ...keys].join(',')}}`}::bigint[]) with ordinality as u(k, i)`);
}

/**
 * Runs a statement the API path sends for every call as a named prepared statement (named after a hash of its
 * text): PostgreSQL plans it once per connection instead of on every call. Only for statements whose text does not
 * depend on the data (all values are parameters).
 */
async function executePrepared(tx: Tx, statement: SQL): Promise<unknown> {
  const internals = tx as unknown as {
    dialect: { sqlToQuery(s: SQL): { sql: string; params: unknown[] } };
    session: { prepareQuery(q: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> } };
  };
  const query = internals.dialect.sqlToQuery(statement);
  const name = `vangnet_${createHash('sha1').update(query.sql).digest('hex').slice(0, 24)}`;
  return internals.session.prepareQuery(query, undefined, name, false).execute();
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}
function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

const stageCopyStatement =
  'copy signal_stage (seq, reference, signal_date, creditor_type, amount_cents, months, bsn, initials, prefix, surname, birth_date, street, ' +
  'house_number, house_number_suffix, postcode, city, phone, email, household_key, arisen_on, crisis, warm_handover) from stdin';

/** One staging row in COPY text format. */
function stageLine(seq: number, r: SignalRecord): string {
  const f = copyField;
  return `${seq}\t${f(r.reference)}\t${r.signalDate}\t${r.creditorType}\t${r.amountCents}\t${f(r.months)}\t${f(r.bsn)}\t${f(r.initials)}\t${f(r.prefix)}\t${f(r.surname)}\t${f(r.birthDate)}\t${f(r.street)}\t${f(r.houseNumber)}\t${f(r.houseNumberSuffix)}\t${f(r.postcode)}\t${f(r.city)}\t${f(r.phone)}\t${f(r.email)}\t${f(householdKey(r))}\t${f(r.arisenOn)}\t${r.crisis ? 't' : 'f'}\t${r.warmHandover ? 't' : 'f'}\n`;
}

interface StoreInput {
  kind: Database['kind'];
  importId: string;
  creditorId: string;
  municipalityCode: string;
  settings: SignalSettings;
  now: Date;
}

/**
 * A UUID for the n-th row an import creates: the import's own (random) first eight bytes, then n. Rows of one
 * import get ids next to each other and counting up, so each index takes them in order instead of at random pages
 * (random UUIDs made the signals' primary key alone cost seconds per million rows). Never reused: the import id is
 * unique and n < 2^62; the high bit keeps the RFC 4122 variant.
 */
function importRowId(importId: string, n: SQL): SQL {
  return sql`encode(substring(uuid_send(${importId}::uuid) from 1 for 8) || int8send(${n} | (-9223372036854775808)::bigint), 'hex')::uuid`;
}

/**
 * From the staging table into signals and cases, set-based (the rules are in household.ts):
 * drop rows already received (same creditor and reference, also twice in one file), join open cases by address
 * or BSN within the window, make new cases (with their resident in `persons`) for the rest, and keep each case's
 * totals and threshold status. Signals are written once, with their case; no row is updated afterwards.
 * The caller holds the import's advisory locks (lockForImport), so no other import adds these references or
 * cases for these households meanwhile.
 */
export async function storeStagedSignals(tx: Tx, input: StoreInput): Promise<{ inserted: number; casesCreated: number; casesTouched: number; personIds: string[] }> {
  const { importId, creditorId, municipalityCode, settings, now } = input;
  const windowDays = settings.householdWindowDays;
  const threshold = settings.thresholdCents;
  const areaValues = sql.join(
    pc4Areas.map(([pc, code]) => sql`(${pc}, ${code})`),
    sql`, `,
  );
  // Sorts and hashes of a large file in memory rather than on disk (this transaction only). PGlite's memory is the
  // process's own and never shrinks, so it gets less.
  await tx.execute(sql`set local work_mem = ${sql.raw(input.kind === 'pglite' ? "'16MB'" : "'64MB'")}`);
  await tx.execute(sql`analyze signal_stage`);
  // New rows only: not received before from this creditor, and the first of any repeat within the file.
  await tx.execute(sql`
    create temporary table signal_new on commit drop as
    select s.*, null::uuid as case_id
    from signal_stage s
    join (select min(seq) as seq from signal_stage group by reference) f on f.seq = s.seq
    where not exists (select 1 from signals x where x.creditor_organisation_id = ${creditorId}::uuid and x.reference = s.reference)`);
  await tx.execute(sql`analyze signal_new`);
  // Within one file, one BSN at several addresses is one household.
  await tx.execute(sql`
    update signal_new s set household_key = m.k
    from (select bsn, min(household_key) as k from signal_new where bsn is not null group by bsn having min(household_key) <> max(household_key)) m
    where s.bsn = m.bsn and s.household_key <> m.k`);
  // An open case at the same address, within the window.
  await tx.execute(sql`
    update signal_new s set case_id = c.id
    from signal_cases c
    where c.municipality_code = ${municipalityCode} and c.household_key = s.household_key and c.status <> 'closed'
      and s.signal_date between c.first_signal_date - ${windowDays}::int and c.last_signal_date + ${windowDays}::int`);
  // An open case with a signal for the same BSN, within the window.
  await tx.execute(sql`
    update signal_new s set case_id = o.case_id
    from (select distinct on (x.bsn) x.bsn, x.case_id, c.first_signal_date, c.last_signal_date
          from signals x join signal_cases c on c.id = x.case_id
          where x.municipality_code = ${municipalityCode} and c.status <> 'closed'
            and x.bsn in (select bsn from signal_new where case_id is null and bsn is not null)
          order by x.bsn, c.last_signal_date desc) o
    where s.case_id is null and s.bsn = o.bsn
      and s.signal_date between o.first_signal_date - ${windowDays}::int and o.last_signal_date + ${windowDays}::int`);
  // New cases for the other households, each with its resident (the most complete, latest signal): the choice is
  // made on narrow rows, then the resident's details are fetched by row number.
  await tx.execute(sql`
    create temporary table signal_new_cases on commit drop as
    select ${importRowId(importId, sql`g.n_case`)} as id, ${importRowId(importId, sql`g.n_case`)} as person_id, false as known_person,
      g.household_key, g.f, g.l, g.total, g.n,
      r.bsn, r.initials, r.prefix, r.surname, r.birth_date, r.street, r.house_number, r.house_number_suffix, r.postcode, r.city, r.phone, r.email,
      a.code as area_code
    from (select household_key, min(signal_date) as f, max(signal_date) as l, sum(amount_cents)::bigint as total, count(*)::int as n,
            (array_agg(seq order by (bsn is null), signal_date desc, seq))[1] as resident_seq, row_number() over () as n_case
          from signal_new where case_id is null group by household_key) g
    join signal_new r on r.seq = g.resident_seq
    left join (values ${areaValues}) as a(pc4, code) on a.pc4 = left(g.household_key, 4) and ${municipalityCode} = 'GM0505'`);
  await tx.execute(sql`
    update signal_new_cases n set person_id = p.id, known_person = true
    from persons p where p.municipality_code = ${municipalityCode} and p.bsn = n.bsn and n.bsn is not null`);
  await tx.execute(sql`
    insert into persons (id, municipality_code, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix,
      postcode, city, phone, email, created_at, updated_at)
    select person_id, ${municipalityCode}, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix,
      postcode, city, phone, email, ${now}, ${now}
    from signal_new_cases where not known_person`);
  const created = await tx.execute(sql`
    insert into signal_cases (id, municipality_code, household_key, area_code, person_id, status, total_cents, signal_count,
      first_signal_date, last_signal_date, created_by_import_id, created_at, updated_at)
    select id, ${municipalityCode}, household_key, area_code, person_id,
      case when total >= ${threshold} then 'awaiting_letter' else 'below_threshold' end,
      least(total, 2147483647)::int, n, f, l, ${importId}::uuid, ${now}, ${now}
    from signal_new_cases`);
  const casesCreated = affected(created);
  // Existing cases that received signals: new totals; one that crosses the threshold now awaits its letter.
  const crossed = rowsOf(
    await tx.execute(sql`
      with agg as (select case_id, sum(amount_cents)::bigint as total, count(*)::int as n, min(signal_date) as f, max(signal_date) as l
                   from signal_new where case_id is not null group by case_id)
      update signal_cases c set total_cents = least(c.total_cents + agg.total, 2147483647)::int, signal_count = c.signal_count + agg.n,
        first_signal_date = least(c.first_signal_date, agg.f), last_signal_date = greatest(c.last_signal_date, agg.l), updated_at = ${now},
        status = case when c.status = 'below_threshold' and c.total_cents + agg.total >= ${threshold} then 'awaiting_letter' else c.status end
      from agg where c.id = agg.case_id
      returning c.id, c.status`),
  );
  // The unique key (creditor, reference) stays the last guard: a repeat that got past the checks above fails the
  // whole import rather than storing a second signal.
  const inserted = affected(
    await tx.execute(sql`
      insert into signals (id, import_id, creditor_organisation_id, municipality_code, reference, signal_date, creditor_type, amount_cents,
        months, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix, postcode, city, phone, email,
        household_key, arisen_on, crisis, warm_handover, status, case_id)
      select ${importRowId(importId, sql`s.seq::bigint`)}, ${importId}::uuid, ${creditorId}::uuid, ${municipalityCode}, s.reference, s.signal_date,
        s.creditor_type, s.amount_cents, s.months, s.bsn, s.initials, s.prefix, s.surname, s.birth_date, s.street, s.house_number,
        s.house_number_suffix, s.postcode, s.city, s.phone, s.email, s.household_key, s.arisen_on, s.crisis, s.warm_handover,
        case when coalesce(c.status, case when n.total >= ${threshold} then 'awaiting_letter' else 'below_threshold' end) = 'below_threshold'
             then 'unjustified' else 'taken_up' end,
        coalesce(s.case_id, n.id)
      from signal_new s
      left join signal_cases c on c.id = s.case_id
      left join signal_new_cases n on s.case_id is null and n.household_key = s.household_key`),
  );
  const nowTakenUp = crossed.filter((c) => c.status === 'awaiting_letter').map((c) => String(c.id));
  if (nowTakenUp.length) {
    await tx.execute(sql`
      update signals set status = 'taken_up'
      where status = 'unjustified' and case_id in (${sql.join(nowTakenUp.map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  const persons = rowsOf(
    await tx.execute(sql`
      select person_id from signal_new_cases
      union select c.person_id from signal_cases c where c.id in (select case_id from signal_new where case_id is not null) and c.person_id is not null
      limit ${MAX_AUDIT_SUBJECTS + 1}`),
  );
  return { inserted, casesCreated, casesTouched: casesCreated + crossed.length, personIds: persons.map((p) => String(p.person_id)) };
}

const pc4Area = new Map(pc4Areas);
const toRows = (value: unknown): Record<string, unknown>[] => (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as Record<string, unknown>[];

/**
 * The same rules as storeStagedSignals, for a small batch (an API call with a few signals), without its temporary
 * tables: one statement decides per new row which case it joins (the same steps as there, as common table
 * expressions over the rows passed as JSON), the new cases are grouped here, and one statement writes persons,
 * cases, signals and the changed statuses. The results are the same as the staged path's (`store-paths.test.ts`
 * runs both on the same batches); a change to the rules there must be made here too.
 */
type StoreResult = { inserted: number; casesCreated: number; casesTouched: number; personIds: string[]; importWritten: boolean };

export async function storeSmallBatch(
  tx: Tx,
  input: StoreInput,
  records: SignalRecord[],
  /** The INSERT of the import's row, for the counts; written in the same statement as the signals when there are any. */
  importRow?: (counts: { accepted: number; casesCreated: number }) => SQL,
): Promise<StoreResult> {
  const { importId, creditorId, municipalityCode, settings, now } = input;
  if (!records.length) return { inserted: 0, casesCreated: 0, casesTouched: 0, personIds: [], importWritten: false };
  const windowDays = settings.householdWindowDays;
  const threshold = settings.thresholdCents;
  const keys = records.map((r) => householdKey(r));
  const stage = JSON.stringify(records.map((r, seq) => ({ seq, reference: r.reference, signal_date: r.signalDate, bsn: r.bsn, household_key: keys[seq] })));
  // Per new row (not received before from this creditor, the first of a repeat within the batch): its household
  // key after the BSN rule, the open case it joins by address or else by BSN (within the window), and the person
  // already known by its BSN.
  const plan = rowsOf(
    await executePrepared(tx, sql`
      with stage as (
        select * from jsonb_to_recordset(${stage}::jsonb) as s(seq int, reference text, signal_date date, bsn text, household_key text)
      ),
      firsts as (
        select s.* from stage s
        join (select min(seq) as seq from stage group by reference) f on f.seq = s.seq
        where not exists (select 1 from signals x where x.creditor_organisation_id = ${creditorId}::uuid and x.reference = s.reference)
      ),
      merged as (
        select bsn, min(household_key) as k from firsts where bsn is not null group by bsn having min(household_key) <> max(household_key)
      ),
      fresh as (select f.seq, f.signal_date, f.bsn, coalesce(m.k, f.household_key) as household_key from firsts f left join merged m on m.bsn = f.bsn),
      by_address as (
        select distinct on (n.seq) n.seq, c.id as case_id
        from fresh n join signal_cases c
          on c.municipality_code = ${municipalityCode} and c.household_key = n.household_key and c.status <> 'closed'
          and n.signal_date between c.first_signal_date - ${windowDays}::int and c.last_signal_date + ${windowDays}::int
        order by n.seq, c.last_signal_date desc, c.id
      ),
      by_bsn as (
        select distinct on (x.bsn) x.bsn, x.case_id, c.first_signal_date, c.last_signal_date
        from signals x join signal_cases c on c.id = x.case_id
        where x.municipality_code = ${municipalityCode} and c.status <> 'closed'
          and x.bsn in (select n.bsn from fresh n where n.bsn is not null and not exists (select 1 from by_address a where a.seq = n.seq))
        order by x.bsn, c.last_signal_date desc
      )
      select n.seq, n.household_key, coalesce(a.case_id, b.case_id) as case_id,
        (select p.id from persons p where p.municipality_code = ${municipalityCode} and p.bsn = n.bsn and n.bsn is not null limit 1) as known_person_id
      from fresh n
      left join by_address a on a.seq = n.seq
      left join by_bsn b on a.seq is null and b.bsn = n.bsn
        and n.signal_date between b.first_signal_date - ${windowDays}::int and b.last_signal_date + ${windowDays}::int
      order by n.seq`),
  );
  if (!plan.length) return { inserted: 0, casesCreated: 0, casesTouched: 0, personIds: [], importWritten: false };
  type Planned = { seq: number; record: SignalRecord; key: string; caseId: string | null; knownPersonId: string | null };
  const planned: Planned[] = plan.map((p) => ({
    seq: Number(p.seq),
    record: records[Number(p.seq)]!,
    key: String(p.household_key),
    caseId: p.case_id ? String(p.case_id) : null,
    knownPersonId: p.known_person_id ? String(p.known_person_id) : null,
  }));
  // New cases, one per household without an open case: its resident is the most complete, latest signal.
  const groups = new Map<string, Planned[]>();
  for (const p of planned) if (!p.caseId) groups.set(p.key, [...(groups.get(p.key) ?? []), p]);
  const caseNumber = new Map<string, number>();
  const cases = [...groups].map(([key, rows], i) => {
    caseNumber.set(key, i + 1);
    const resident = [...rows].sort((a, b) => Number(!!a.record.bsn === false) - Number(!!b.record.bsn === false) || (a.record.signalDate < b.record.signalDate ? 1 : a.record.signalDate > b.record.signalDate ? -1 : 0) || a.seq - b.seq)[0]!;
    const r = resident.record;
    const total = rows.reduce((sum, p) => sum + p.record.amountCents, 0);
    const dates = rows.map((p) => p.record.signalDate).sort();
    return {
      n: i + 1,
      household_key: key,
      area_code: municipalityCode === 'GM0505' ? (pc4Area.get(key.slice(0, 4)) ?? null) : null,
      known_person_id: resident.knownPersonId,
      f: dates[0],
      l: dates.at(-1),
      total,
      cnt: rows.length,
      status: total >= threshold ? 'awaiting_letter' : 'below_threshold',
      bsn: r.bsn, initials: r.initials, prefix: r.prefix, surname: r.surname, birth_date: r.birthDate, street: r.street, house_number: r.houseNumber,
      house_number_suffix: r.houseNumberSuffix, postcode: r.postcode, city: r.city, phone: r.phone, email: r.email,
    };
  });
  // Existing cases that receive signals: their new totals and dates.
  const touched = new Map<string, { case_id: string; total: number; n: number; f: string; l: string }>();
  for (const p of planned) {
    if (!p.caseId) continue;
    const t = touched.get(p.caseId) ?? { case_id: p.caseId, total: 0, n: 0, f: p.record.signalDate, l: p.record.signalDate };
    t.total += p.record.amountCents;
    t.n++;
    if (p.record.signalDate < t.f) t.f = p.record.signalDate;
    if (p.record.signalDate > t.l) t.l = p.record.signalDate;
    touched.set(p.caseId, t);
  }
  const signalRows = planned.map((p) => {
    const r = p.record;
    return {
      seq: p.seq, reference: r.reference, signal_date: r.signalDate, creditor_type: r.creditorType, amount_cents: r.amountCents, months: r.months,
      bsn: r.bsn, initials: r.initials, prefix: r.prefix, surname: r.surname, birth_date: r.birthDate, street: r.street, house_number: r.houseNumber,
      house_number_suffix: r.houseNumberSuffix, postcode: r.postcode, city: r.city, phone: r.phone, email: r.email, household_key: p.key,
      arisen_on: r.arisenOn, crisis: r.crisis, warm_handover: r.warmHandover, case_id: p.caseId, case_n: p.caseId ? null : caseNumber.get(p.key)!,
    };
  });
  const payload = JSON.stringify({ cases, touched: [...touched.values()], signals: signalRows });
  // The unique key (creditor, reference) stays the last guard, as in storeStagedSignals. Every part runs, referenced
  // or not; the update of older signals sees the table as it was before this statement, so never the new ones.
  const [written] = rowsOf(
    await executePrepared(tx, sql`
      with input as (select ${payload}::jsonb as j),
      new_cases as (
        select * from jsonb_to_recordset((select j->'cases' from input)) as c(n bigint, household_key text, area_code text, known_person_id uuid,
          f date, l date, total bigint, cnt int, status text, bsn text, initials text, prefix text, surname text, birth_date date, street text,
          house_number integer, house_number_suffix text, postcode text, city text, phone text, email text)
      ),
      agg as (select * from jsonb_to_recordset((select j->'touched' from input)) as a(case_id uuid, total bigint, n int, f date, l date)),
      sig as (
        select * from jsonb_to_recordset((select j->'signals' from input)) as s(seq bigint, reference text, signal_date date, creditor_type text,
          amount_cents integer, months integer, bsn text, initials text, prefix text, surname text, birth_date date, street text, house_number integer,
          house_number_suffix text, postcode text, city text, phone text, email text, household_key text, arisen_on date, crisis boolean,
          warm_handover boolean, case_id uuid, case_n bigint)
      ),
      new_persons as (
        insert into persons (id, municipality_code, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix,
          postcode, city, phone, email, created_at, updated_at)
        select ${importRowId(importId, sql`n`)}, ${municipalityCode}, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix,
          postcode, city, phone, email, ${now}, ${now}
        from new_cases where known_person_id is null
        returning id
      ),
      created as (
        insert into signal_cases (id, municipality_code, household_key, area_code, person_id, status, total_cents, signal_count,
          first_signal_date, last_signal_date, created_by_import_id, created_at, updated_at)
        select ${importRowId(importId, sql`n`)}, ${municipalityCode}, household_key, area_code, coalesce(known_person_id, ${importRowId(importId, sql`n`)}),
          status, least(total, 2147483647)::int, cnt, f, l, ${importId}::uuid, ${now}, ${now}
        from new_cases
        returning person_id
      ),
      updated as (
        update signal_cases c set total_cents = least(c.total_cents + agg.total, 2147483647)::int, signal_count = c.signal_count + agg.n,
          first_signal_date = least(c.first_signal_date, agg.f), last_signal_date = greatest(c.last_signal_date, agg.l), updated_at = ${now},
          status = case when c.status = 'below_threshold' and c.total_cents + agg.total >= ${threshold} then 'awaiting_letter' else c.status end
        from agg where c.id = agg.case_id
        returning c.id, c.status, c.person_id, (c.status = 'awaiting_letter' and c.total_cents - agg.total < ${threshold}) as crossed
      ),
      inserted as (
        insert into signals (id, import_id, creditor_organisation_id, municipality_code, reference, signal_date, creditor_type, amount_cents,
          months, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix, postcode, city, phone, email,
          household_key, arisen_on, crisis, warm_handover, status, case_id)
        select ${importRowId(importId, sql`s.seq`)}, ${importId}::uuid, ${creditorId}::uuid, ${municipalityCode}, s.reference, s.signal_date,
          s.creditor_type, s.amount_cents, s.months, s.bsn, s.initials, s.prefix, s.surname, s.birth_date, s.street, s.house_number,
          s.house_number_suffix, s.postcode, s.city, s.phone, s.email, s.household_key, s.arisen_on, s.crisis, s.warm_handover,
          case when coalesce(u.status, n.status) = 'below_threshold' then 'unjustified' else 'taken_up' end,
          coalesce(s.case_id, ${importRowId(importId, sql`s.case_n`)})
        from sig s
        left join updated u on u.id = s.case_id
        left join new_cases n on n.n = s.case_n
        returning 1
      ),
      taken_up as (
        update signals set status = 'taken_up'
        where status = 'unjustified' and case_id in (select id from updated where status = 'awaiting_letter')
        returning 1
      )${importRow ? sql`, import_row as (${importRow({ accepted: planned.length, casesCreated: cases.length })})` : sql``}
      select (select count(*) from inserted)::int as inserted, (select count(*) from created)::int as cases_created,
        (select count(*) from taken_up)::int as taken_up, (select count(*) from new_persons)::int as new_persons,
        (select coalesce(json_agg(person_id), '[]'::json) from created) as new_case_persons,
        (select coalesce(json_agg(json_build_object('id', id, 'person_id', person_id, 'crossed', crossed)), '[]'::json) from updated) as updated`),
  );
  const updated = toRows(written!.updated);
  // A case this batch took over the threshold: its signals from a batch that committed while this statement waited
  // for the case's row were not in this statement's snapshot; a new statement sees them (as the staged path does).
  const crossed = updated.filter((u) => u.crossed === true || u.crossed === 't').map((u) => String(u.id));
  if (crossed.length) {
    await tx.execute(sql`
      update signals set status = 'taken_up'
      where status = 'unjustified' and case_id in (${sql.join(crossed.map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  const personIds = [...new Set([...toRows(written!.new_case_persons).map(String), ...updated.filter((u) => u.person_id).map((u) => String(u.person_id))])];
  const inserted = Number(written!.inserted);
  // Every planned row is inserted or the statement fails on the unique key: the counts written above are these.
  if (inserted !== planned.length || Number(written!.cases_created) !== cases.length) throw new Error('storeSmallBatch: counts differ from the plan');
  return { inserted, casesCreated: cases.length, casesTouched: cases.length + updated.length, personIds: personIds.slice(0, MAX_AUDIT_SUBJECTS + 1), importWritten: !!importRow };
}
