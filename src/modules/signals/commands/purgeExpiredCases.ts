import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/database.ts';
import { systemActor, type Actor } from '../../../platform/actor.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { persons } from '../../../platform/schema.ts';
import type { ScrubReport } from '../../../db/scrub.ts';
import { helpResults } from '../ddas.ts';
import { signalCases, signalContactAttempts, signalLetterBatches, signals } from '../schema.ts';
import type { SignalSettings } from '../settings.ts';
import { MAX_AUDIT_SUBJECTS } from './importSignalFile.ts';
import { amsterdamMidnight, subtractMonths } from '../terms.ts';

export { amsterdamMidnight, subtractMonths };

export interface PurgeSummary {
  /** Signals received before this day (Europe/Amsterdam) whose case led to no help are erased. */
  cutoff: string;
  /** Cases that led to help and were closed before this day are erased. */
  helpedCutoff: string;
  /** Cases erased whole (no signal left, or helped and past their own term). */
  casesPurged: number;
  /** Of those, cases that led to help. */
  helpedCasesPurged: number;
  /** Cases that lost some signals and keep the others, their totals recomputed. */
  casesRecomputed: number;
  signalsPurged: number;
  personsErased: number;
  /** The rewrite of the tables and the WAL after the erasure (absent when nothing was erased). */
  scrub?: ScrubReport;
}

/** Every table whose rows the purge deletes: they are rewritten afterwards so the erased values are gone. */
export const purgedTables = [signals, signalCases, signalContactAttempts, signalLetterBatches, persons];

function rowsOf(result: unknown): Record<string, unknown>[] {
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

/**
 * Retention (Wgs; the terms in docs/signals.md, "Retention"), per signal and set-based:
 * - a signal whose case led to no help is erased once its own term has passed since its receipt (the day its import
 *   reached the municipality, `signal_imports.created_at`), whatever later signals the case received;
 * - a case that led to help is erased whole once its own term has passed since it was closed;
 * - a case left without signals is erased; one that keeps some gets its totals, count and dates recomputed.
 * Before erasing, every erased signal leaves anonymous counts in `signal_archive` under its case's archive token, so
 * the monitor and metrics stay complete and count a household once. The resident's entry in `persons` goes with the
 * last case, unless another module still refers to it. Once that has committed, the tables are scrubbed
 * (`db.scrubAfterErasure`), so the erased values are no longer in the data files, the indexes, the statistics or the WAL.
 */
export async function purgeExpiredCases(db: Database, settings: SignalSettings, actor: Actor = systemActor('signals-retention')): Promise<PurgeSummary> {
  const now = db.clock.now();
  const today = amsterdamDate(now);
  const cutoff = subtractMonths(today, settings.retentionMonths);
  const helpedCutoff = subtractMonths(today, settings.helpedRetentionMonths);
  const receivedBefore = amsterdamMidnight(cutoff);
  const help = sql.join(
    helpResults.map((r) => sql`${r}`),
    sql`, `,
  );
  const summary = await db.audited(
    actor,
    { action: 'delete', objectType: 'signal_case', purpose: 'bewaartermijn', details: { cutoff, helpedCutoff } },
    async (tx, trail) => {
      // The signals to erase: received before the cut-off in a case without help, and every signal of a helped case
      // closed before its own cut-off. The imports are few, so the receipt test is a join on a small table.
      await tx.execute(sql`
      create temporary table signal_purge_signals on commit drop as
      select s.id, s.case_id from signals s
        join signal_imports i on i.id = s.import_id
        join signal_cases c on c.id = s.case_id
        where i.created_at < ${receivedBefore} and (c.result is null or c.result not in (${help}))
      union all
      select s.id, s.case_id from signals s
        join signal_cases c on c.id = s.case_id
        where c.result in (${help}) and c.closed_on < ${helpedCutoff}`);
      await tx.execute(sql`analyze signal_purge_signals`);
      await tx.execute(sql`
      create temporary table signal_purge_touched on commit drop as
      select c.id, c.person_id, c.archive_token, c.result in (${help}) as helped
      from signal_cases c where c.id in (select case_id from signal_purge_signals)`);
      await tx.execute(sql`analyze signal_purge_touched`);
      // Anonymous counts first: per case token, month and creditor type, with the case's flags as they are now.
      await tx.execute(sql`
      insert into signal_archive (case_token, municipality_code, area_code, month, creditor_type, signals, letter_sent, reached, accepted, result, purged_on)
      select c.archive_token, c.municipality_code, c.area_code, to_char(s.signal_date, 'YYYY-MM'), s.creditor_type, count(*)::int,
        c.letter_sent_on is not null, coalesce(c.reached, false), coalesce(c.help_response = 'accepted', false), c.result, ${today}
      from signal_purge_signals p join signals s on s.id = p.id join signal_cases c on c.id = p.case_id
      group by c.archive_token, c.municipality_code, c.area_code, to_char(s.signal_date, 'YYYY-MM'), s.creditor_type, c.letter_sent_on, c.reached, c.help_response, c.result`);
      const signalsPurged = Number(
        rowsOf(
          await tx.execute(sql`with d as (delete from signals where id in (select id from signal_purge_signals) returning 1) select count(*)::int as n from d`),
        )[0]?.n ?? 0,
      );
      // Signals for non-residents (routed by postcode to no municipality of the import) have no case: they go when their
      // own term has passed since receipt, leaving counts under a fresh token (the monitor counts them apart).
      await tx.execute(sql`
      create temporary table signal_purge_outsiders on commit drop as
      select s.id, s.municipality_code, to_char(s.signal_date, 'YYYY-MM') as month, s.creditor_type from signals s
        join signal_imports i on i.id = s.import_id
        where s.case_id is null and s.status = 'not_resident' and i.created_at < ${receivedBefore}`);
      await tx.execute(sql`
      insert into signal_archive (case_token, municipality_code, area_code, month, creditor_type, signals, letter_sent, reached, accepted, result, purged_on)
      select gen_random_uuid(), municipality_code, null, month, creditor_type, count(*)::int, false, false, false, 'not_resident', ${today}
      from signal_purge_outsiders group by municipality_code, month, creditor_type`);
      const outsidersPurged = Number(
        rowsOf(
          await tx.execute(
            sql`with d as (delete from signals where id in (select id from signal_purge_outsiders) returning 1) select count(*)::int as n from d`,
          ),
        )[0]?.n ?? 0,
      );
      // A touched case with no signal left goes whole (its contact attempts by cascade); the others are recomputed.
      await tx.execute(sql`
      create temporary table signal_purge on commit drop as
      select t.id, t.person_id, t.helped from signal_purge_touched t where not exists (select 1 from signals s where s.case_id = t.id)`);
      await tx.execute(sql`analyze signal_purge`);
      const casesPurged = Number(
        rowsOf(
          await tx.execute(sql`with d as (delete from signal_cases where id in (select id from signal_purge) returning 1) select count(*)::int as n from d`),
        )[0]?.n ?? 0,
      );
      // A print batch whose cases are all gone holds nothing anyone can use: it goes with them. One that still has a
      // living case loses the erased ids.
      await tx.execute(sql`
      update signal_letter_batches b set case_ids = array(select x from unnest(b.case_ids) x where x not in (select id from signal_purge))
      where b.case_ids && array(select id from signal_purge)`);
      await tx.execute(sql`delete from signal_letter_batches where cardinality(case_ids) = 0`);
      const helpedCasesPurged = Number(rowsOf(await tx.execute(sql`select count(*)::int as n from signal_purge where helped`))[0]?.n ?? 0);
      const casesRecomputed = Number(
        rowsOf(
          await tx.execute(sql`
          with agg as (select s.case_id, sum(s.amount_cents)::bigint as total, count(*)::int as n, min(s.signal_date) as f, max(s.signal_date) as l
                       from signals s where s.case_id in (select id from signal_purge_touched) group by s.case_id),
          u as (update signal_cases c set total_cents = least(agg.total, 2147483647)::int, signal_count = agg.n, first_signal_date = agg.f,
                  last_signal_date = agg.l, updated_at = ${now}
                from agg where c.id = agg.case_id returning 1)
          select count(*)::int as n from u`),
        )[0]?.n ?? 0,
      );
      const personIds = rowsOf(
        await tx.execute(
          sql`select distinct person_id from signal_purge p where person_id is not null and not exists (select 1 from signal_cases c where c.person_id = p.person_id)`,
        ),
      ).map((r) => String(r.person_id));
      const personsErased = await erasePersons(tx, personIds);
      // Every resident whose data this run erased or changed, when there are few enough to list.
      const subjects = rowsOf(
        await tx.execute(sql`select distinct person_id from signal_purge_touched where person_id is not null limit ${MAX_AUDIT_SUBJECTS + 1}`),
      ).map((r) => String(r.person_id));
      trail.subjectIds = subjects.length <= MAX_AUDIT_SUBJECTS ? subjects : [];
      const summary = { cutoff, helpedCutoff, casesPurged, helpedCasesPurged, casesRecomputed, signalsPurged: signalsPurged + outsidersPurged, personsErased };
      trail.details = { ...summary, subjectsListed: subjects.length <= MAX_AUDIT_SUBJECTS };
      return summary;
    },
  );
  if (summary.signalsPurged === 0 && summary.casesPurged === 0 && summary.personsErased === 0) return summary;
  return { ...summary, scrub: await db.scrubAfterErasure(purgedTables) };
}

/**
 * Deletes the persons no one refers to any more, set-based: the foreign keys to `persons` are read from the catalogue
 * (every module's, also one added later), and a person any of them still names is left for that module's retention.
 * Each of those columns has an index, so the checks are lookups, not scans. Should the delete still fail (a rule the
 * catalogue does not show), the persons are deleted one by one, each in a savepoint, and a refused one is left.
 */
async function erasePersons(tx: Tx, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const references = rowsOf(
    await tx.execute(sql`
      select c.conrelid::regclass::text as tbl, quote_ident(a.attname) as col
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid = 'persons'::regclass and array_length(c.conkey, 1) = 1`),
  ).map((r) => sql.raw(`not exists (select 1 from ${String(r.tbl)} x where x.${String(r.col)} = p.id)`));
  const stillFree = references.length ? sql.join(references, sql` and `) : sql`true`;
  const list = (part: string[]) =>
    sql.join(
      part.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
  let erased = 0;
  for (let i = 0; i < ids.length; i += 5000) {
    const part = ids.slice(i, i + 5000);
    try {
      erased += await tx.transaction(async (sp) =>
        Number(
          rowsOf(
            await sp.execute(
              sql`with d as (delete from persons p where p.id in (${list(part)}) and ${stillFree} returning 1) select count(*)::int as n from d`,
            ),
          )[0]?.n ?? 0,
        ),
      );
    } catch {
      for (const id of part) {
        try {
          await tx.transaction(async (sp) => {
            await sp.execute(sql`delete from persons where id = ${id}::uuid`);
          });
          erased++;
        } catch {
          // still referred to by another module: that module's retention decides
        }
      }
    }
  }
  return erased;
}
