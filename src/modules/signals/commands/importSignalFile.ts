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
    let batch: SignalRecord[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const inserted = await insertBatch(tx, importId, creditor.id, municipalityCode, batch);
      summary.accepted += inserted;
      summary.duplicates += batch.length - inserted;
      batch = [];
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
    input.onRows?.(summary.rows);
    const grouped = await groupIntoCases(tx, importId, input.settings, now);
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

/** One statement per batch: the rows travel as one JSON parameter, PostgreSQL unpacks them. */
async function insertBatch(tx: Tx, importId: string, creditorId: string, municipalityCode: string, batch: SignalRecord[]): Promise<number> {
  const payload = JSON.stringify(
    batch.map((r) => ({
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
  const result = await tx.execute(sql`
    insert into signals (import_id, creditor_organisation_id, municipality_code, reference, signal_date, creditor_type, amount_cents,
      months, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix, postcode, city, phone, email, household_key)
    select ${importId}::uuid, ${creditorId}::uuid, ${municipalityCode}, x.r, x.d, x.t, x.a, x.m, x.b, x.i, x.p, x.s, x.bd, x.st, x.hn, x.hs, x.pc, x.c, x.ph, x.em, x.k
    from json_to_recordset(${payload}::json) as x(r text, d date, t text, a integer, m integer, b text, i text, p text, s text, bd date,
      st text, hn text, hs text, pc text, c text, ph text, em text, k text)
    on conflict (creditor_organisation_id, reference) do nothing`);
  return affected(result);
}

/**
 * Set-based household matching for the signals of one import (the rules are in household.ts):
 * join open cases by address or BSN within the window, make new cases for the rest, register each new case's
 * resident in `persons`, and recompute totals and status (threshold) of every case the import touched.
 */
export async function groupIntoCases(tx: Tx, importId: string, settings: SignalSettings, now: Date): Promise<{ casesCreated: number; casesTouched: number; personIds: string[] }> {
  const windowDays = settings.householdWindowDays;
  const areaValues = sql.join(
    pc4Areas.map(([pc, code]) => sql`(${pc}, ${code})`),
    sql`, `,
  );
  // Within one file, one BSN at several addresses is one household.
  await tx.execute(sql`
    update signals s set household_key = m.k
    from (select municipality_code, bsn, min(household_key) as k from signals where import_id = ${importId} and bsn is not null
          group by municipality_code, bsn having count(distinct household_key) > 1) m
    where s.import_id = ${importId} and s.bsn = m.bsn and s.municipality_code = m.municipality_code and s.household_key <> m.k`);
  // An open case at the same address, within the window.
  await tx.execute(sql`
    update signals s set case_id = c.id
    from signal_cases c
    where s.import_id = ${importId} and c.municipality_code = s.municipality_code and c.household_key = s.household_key
      and c.status <> 'closed' and c.created_by_import_id is distinct from ${importId}::uuid
      and s.signal_date between c.first_signal_date - ${windowDays}::int and c.last_signal_date + ${windowDays}::int`);
  // An open case with a signal for the same BSN, within the window.
  await tx.execute(sql`
    update signals s set case_id = o.case_id
    from (select distinct on (x.municipality_code, x.bsn) x.municipality_code, x.bsn, x.case_id, c.first_signal_date, c.last_signal_date
          from signals x join signal_cases c on c.id = x.case_id
          where c.status <> 'closed' and x.import_id <> ${importId}
            and (x.municipality_code, x.bsn) in (select municipality_code, bsn from signals where import_id = ${importId} and case_id is null and bsn is not null)
          order by x.municipality_code, x.bsn, c.last_signal_date desc) o
    where s.import_id = ${importId} and s.case_id is null and s.bsn = o.bsn and s.municipality_code = o.municipality_code
      and s.signal_date between o.first_signal_date - ${windowDays}::int and o.last_signal_date + ${windowDays}::int`);
  const created = await tx.execute(sql`
    insert into signal_cases (municipality_code, household_key, area_code, status, first_signal_date, last_signal_date, created_by_import_id, created_at, updated_at)
    select g.municipality_code, g.household_key, a.code, 'new', g.f, g.l, ${importId}::uuid, ${now}, ${now}
    from (select municipality_code, household_key, min(signal_date) as f, max(signal_date) as l from signals
          where import_id = ${importId} and case_id is null group by municipality_code, household_key) g
    left join (values ${areaValues}) as a(pc4, code) on a.pc4 = left(g.household_key, 4) and g.municipality_code = 'GM0505'`);
  const casesCreated = affected(created);
  await tx.execute(sql`
    update signals s set case_id = c.id
    from signal_cases c
    where s.import_id = ${importId} and s.case_id is null and c.created_by_import_id = ${importId}::uuid
      and c.municipality_code = s.municipality_code and c.household_key = s.household_key`);
  // Totals and status of every case this import touched; a case crossing the threshold gets an offer letter.
  await tx.execute(sql`
    with agg as (
      select s.case_id, sum(s.amount_cents)::bigint as total, count(*)::int as n, min(s.signal_date) as f, max(s.signal_date) as l
      from signals s where s.case_id in (select distinct case_id from signals where import_id = ${importId}) group by s.case_id)
    update signal_cases c set total_cents = least(agg.total, 2147483647)::int, signal_count = agg.n, first_signal_date = agg.f, last_signal_date = agg.l,
      updated_at = ${now},
      status = case when c.status in ('new', 'below_threshold')
                    then case when agg.total >= ${settings.thresholdCents} then 'awaiting_letter' else 'below_threshold' end
                    else c.status end
    from agg where c.id = agg.case_id`);
  await tx.execute(sql`
    update signals s set status = case when c.status = 'below_threshold' then 'unjustified' else 'taken_up' end
    from signal_cases c
    where c.id = s.case_id and s.case_id in (select distinct case_id from signals where import_id = ${importId})
      and s.status in ('not_yet_taken_up', 'unjustified')`);
  // Each new case's resident in the platform register (an existing person with the same BSN is reused).
  await tx.execute(sql`
    with src as (
      select distinct on (s.case_id) s.case_id, gen_random_uuid() as pid, s.municipality_code, s.bsn, s.initials, s.prefix, s.surname,
        s.birth_date, s.street, s.house_number, s.house_number_suffix, s.postcode, s.city, s.phone, s.email
      from signals s join signal_cases c on c.id = s.case_id
      where c.created_by_import_id = ${importId}::uuid and c.person_id is null
      order by s.case_id, (s.bsn is null), s.signal_date desc
    ), ins as (
      insert into persons (id, municipality_code, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix,
        postcode, city, phone, email, created_at, updated_at)
      select pid, municipality_code, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix,
        postcode, city, phone, email, ${now}, ${now} from src
      on conflict (municipality_code, bsn) do nothing
      returning id
    )
    update signal_cases c set person_id = coalesce(
        (select ins.id from ins where ins.id = src.pid),
        (select p.id from persons p where p.municipality_code = src.municipality_code and p.bsn = src.bsn))
    from src where c.id = src.case_id`);
  const touched = rowsOf(
    await tx.execute(sql`
      select count(*)::int as n from (select distinct case_id from signals where import_id = ${importId}) t`),
  );
  const persons = rowsOf(
    await tx.execute(sql`
      select distinct c.person_id from signal_cases c
      where c.id in (select distinct case_id from signals where import_id = ${importId}) and c.person_id is not null
      limit ${MAX_AUDIT_SUBJECTS + 1}`),
  );
  return { casesCreated, casesTouched: Number(touched[0]?.n ?? 0), personIds: persons.map((p) => String(p.person_id)) };
}
