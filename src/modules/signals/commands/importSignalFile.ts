import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { ForbiddenError } from '../../../platform/errors.ts';
import { householdKey, pc4Areas } from '../household.ts';
import type { Rejection, RowResult, SignalRecord } from '../parse.ts';
import { signalImports } from '../schema.ts';
import type { SignalSettings } from '../settings.ts';
import { authoriseSubmission, findCreditor } from '../access.ts';

export interface ImportSignalsInput {
  creditor: { id?: string; code?: string };
  municipalityCode?: string;
  channel: 'upload' | 'cli' | 'api';
  fileName?: string | null;
  /** The validated rows, streamed (see `readSignalFile`) or a batch (see `validateBatch`). */
  rows: (today: string) => AsyncIterable<RowResult> | Iterable<RowResult>;
  settings: SignalSettings;
  /** Rows per insert statement; large batches avoid a round trip per row. */
  batchSize?: number;
  onRows?: (rowsSoFar: number) => void;
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
  const creditor = await findCreditor(db, input.creditor);
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
  const batchSize = input.batchSize ?? 5000;
  return db.audited(actor, { action: 'create', objectType: 'signal_import', municipalityCode, details: { channel: input.channel } }, async (tx, trail) => {
    // One import per creditor at a time: two overlapping files must not both count a row as new.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signals:${creditor.id}`}))`);
    const [created] = await tx
      .insert(signalImports)
      .values({
        creditorOrganisationId: creditor.id,
        municipalityCode,
        channel: input.channel,
        fileName: input.fileName ?? null,
        createdByUserId: actor.kind === 'user' ? actor.userId : null,
        createdAt: now,
      })
      .returning({ id: signalImports.id });
    const importId = created!.id;
    trail.objectId = importId;
    const summary: ImportSummary = { importId, municipalityCode, rows: 0, accepted: 0, duplicates: 0, rejected: 0, casesCreated: 0, rejections: [], rejectionsTruncated: false };
    await tx.execute(sql`
      create temporary table signal_stage (seq integer, reference text, signal_date date, creditor_type text, amount_cents integer, months integer,
        bsn text, initials text, prefix text, surname text, birth_date date, street text, house_number text, house_number_suffix text,
        postcode text, city text, phone text, email text, household_key text) on commit drop`);
    let batch: SignalRecord[] = [];
    let staged = 0;
    // One batch in flight while the next is parsed: PostgreSQL works while JavaScript reads.
    let inFlight: Promise<unknown> = Promise.resolve();
    const flush = async () => {
      if (!batch.length) return;
      const rows = batch;
      const first = staged;
      staged += rows.length;
      batch = [];
      await inFlight;
      inFlight = stageBatch(tx, first, rows);
      inFlight.catch(() => {}); // awaited (and thrown) before the next batch or at the end
    };
    for await (const row of input.rows(today)) {
      summary.rows++;
      if (row.ok) {
        batch.push(row.record);
        if (batch.length >= batchSize) await flush();
      } else {
        summary.rejected++;
        for (const r of row.rejections) {
          if (summary.rejections.length < MAX_LISTED_REJECTIONS) summary.rejections.push(r);
          else summary.rejectionsTruncated = true;
        }
      }
      if (summary.rows % 10_000 === 0) input.onRows?.(summary.rows);
    }
    await flush();
    await inFlight;
    input.onRows?.(summary.rows);
    const grouped = await storeStagedSignals(tx, { importId, creditorId: creditor.id, municipalityCode, settings: input.settings, now });
    summary.accepted = grouped.inserted;
    summary.duplicates = staged - grouped.inserted;
    summary.casesCreated = grouped.casesCreated;
    await tx.execute(sql`
      update signal_imports set rows = ${summary.rows}, accepted = ${summary.accepted}, duplicates = ${summary.duplicates},
        rejected = ${summary.rejected}, cases_created = ${summary.casesCreated}, rejections = ${JSON.stringify(summary.rejections)}::jsonb
      where id = ${importId}`);
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

function rowsOf(result: unknown): Record<string, unknown>[] {
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}
function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

/** One statement per batch into the unindexed staging table: the rows travel as one JSON parameter. */
async function stageBatch(tx: Tx, firstSeq: number, batch: SignalRecord[]): Promise<void> {
  const payload = JSON.stringify(
    batch.map((r, i) => ({
      q: firstSeq + i,
      r: r.reference,
      d: r.signalDate,
      t: r.creditorType,
      a: r.amountCents,
      m: r.months,
      b: r.bsn,
      i: r.initials,
      p: r.prefix,
      s: r.surname,
      bd: r.birthDate,
      st: r.street,
      hn: r.houseNumber,
      hs: r.houseNumberSuffix,
      pc: r.postcode,
      c: r.city,
      ph: r.phone,
      em: r.email,
      k: householdKey(r),
    })),
  );
  await tx.execute(sql`
    insert into signal_stage
    select x.q, x.r, x.d, x.t, x.a, x.m, x.b, x.i, x.p, x.s, x.bd, x.st, x.hn, x.hs, x.pc, x.c, x.ph, x.em, x.k
    from json_to_recordset(${payload}::json) as x(q integer, r text, d date, t text, a integer, m integer, b text, i text, p text, s text, bd date,
      st text, hn text, hs text, pc text, c text, ph text, em text, k text)`);
}

interface StoreInput {
  importId: string;
  creditorId: string;
  municipalityCode: string;
  settings: SignalSettings;
  now: Date;
}

/**
 * From the staging table into signals and cases, set-based (the rules are in household.ts):
 * drop rows already received (same creditor and reference, also twice in one file), join open cases by address
 * or BSN within the window, make new cases (with their resident in `persons`) for the rest, and keep each case's
 * totals and threshold status. Signals are written once, with their case; no row is updated afterwards.
 */
export async function storeStagedSignals(tx: Tx, input: StoreInput): Promise<{ inserted: number; casesCreated: number; casesTouched: number; personIds: string[] }> {
  const { importId, creditorId, municipalityCode, settings, now } = input;
  const windowDays = settings.householdWindowDays;
  const threshold = settings.thresholdCents;
  const areaValues = sql.join(
    pc4Areas.map(([pc, code]) => sql`(${pc}, ${code})`),
    sql`, `,
  );
  // New rows only: not received before from this creditor, and the first of any repeat within the file.
  await tx.execute(sql`
    create temporary table signal_new on commit drop as
    select distinct on (s.reference) s.*, null::uuid as case_id
    from signal_stage s
    where not exists (select 1 from signals x where x.creditor_organisation_id = ${creditorId}::uuid and x.reference = s.reference)
    order by s.reference, s.seq`);
  // Within one file, one BSN at several addresses is one household.
  await tx.execute(sql`
    update signal_new s set household_key = m.k
    from (select bsn, min(household_key) as k from signal_new where bsn is not null group by bsn having count(distinct household_key) > 1) m
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
  // New cases for the other households, each with its resident (the most complete, latest signal).
  await tx.execute(sql`
    create temporary table signal_new_cases on commit drop as
    select gen_random_uuid() as id, gen_random_uuid() as person_id, false as known_person, g.household_key, g.f, g.l, g.total, g.n,
      r.bsn, r.initials, r.prefix, r.surname, r.birth_date, r.street, r.house_number, r.house_number_suffix, r.postcode, r.city, r.phone, r.email,
      a.code as area_code
    from (select household_key, min(signal_date) as f, max(signal_date) as l, sum(amount_cents)::bigint as total, count(*)::int as n
          from signal_new where case_id is null group by household_key) g
    join (select distinct on (household_key) * from signal_new where case_id is null order by household_key, (bsn is null), signal_date desc) r
      on r.household_key = g.household_key
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
  const inserted = affected(
    await tx.execute(sql`
      insert into signals (import_id, creditor_organisation_id, municipality_code, reference, signal_date, creditor_type, amount_cents,
        months, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix, postcode, city, phone, email,
        household_key, status, case_id)
      select ${importId}::uuid, ${creditorId}::uuid, ${municipalityCode}, s.reference, s.signal_date, s.creditor_type, s.amount_cents,
        s.months, s.bsn, s.initials, s.prefix, s.surname, s.birth_date, s.street, s.house_number, s.house_number_suffix, s.postcode, s.city,
        s.phone, s.email, s.household_key,
        case when coalesce(c.status, case when n.total >= ${threshold} then 'awaiting_letter' else 'below_threshold' end) = 'below_threshold'
             then 'unjustified' else 'taken_up' end,
        coalesce(s.case_id, n.id)
      from signal_new s
      left join signal_cases c on c.id = s.case_id
      left join signal_new_cases n on s.case_id is null and n.household_key = s.household_key
      on conflict (creditor_organisation_id, reference) do nothing`),
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
