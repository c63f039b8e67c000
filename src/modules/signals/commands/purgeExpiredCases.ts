import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/database.ts';
import { systemActor, type Actor } from '../../../platform/actor.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { persons } from '../../../platform/schema.ts';
import type { ScrubReport } from '../../../db/scrub.ts';
import { helpResults } from '../ddas.ts';
import { signalCases, signalContactAttempts, signals } from '../schema.ts';
import type { SignalSettings } from '../settings.ts';
import { MAX_AUDIT_SUBJECTS } from './importSignalFile.ts';

/** `date` minus whole months, clamped to the month's last day (2025-08-31 − 6 months = 2025-02-28). */
export function subtractMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export interface PurgeSummary {
  cutoff: string;
  casesPurged: number;
  signalsPurged: number;
  personsErased: number;
  /** The rewrite of the tables and the WAL after the erasure (absent when nothing was erased). */
  scrub?: ScrubReport;
}

/** Every table whose rows the purge deletes: they are rewritten afterwards so the erased values are gone. */
export const purgedTables = [signals, signalCases, signalContactAttempts, persons];

function rowsOf(result: unknown): Record<string, unknown>[] {
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

/**
 * Retention (Wgs): the personal data of cases that led to no help are erased once the last signal is older than
 * the term. Before erasing, each case leaves anonymous counts in `signal_archive` so the monitor stays complete.
 * The resident's entry in `persons` goes too, unless another case or module still refers to it.
 * Once that has committed, the tables are scrubbed (`db.scrubAfterErasure`), so the erased values are no longer in
 * the data files, the indexes, the statistics or the WAL.
 */
export async function purgeExpiredCases(db: Database, settings: SignalSettings, actor: Actor = systemActor('signals-retention')): Promise<PurgeSummary> {
  const today = amsterdamDate(db.clock.now());
  const cutoff = subtractMonths(today, settings.retentionMonths);
  const help = sql.join(helpResults.map((r) => sql`${r}`), sql`, `);
  const summary = await db.audited(actor, { action: 'delete', objectType: 'signal_case', purpose: 'bewaartermijn', details: { cutoff } }, async (tx, trail) => {
    await tx.execute(sql`
      create temporary table signal_purge on commit drop as
      select id, person_id, gen_random_uuid() as token from signal_cases
      where last_signal_date < ${cutoff} and (result is null or result not in (${help}))`);
    await tx.execute(sql`
      insert into signal_archive (case_token, municipality_code, area_code, month, creditor_type, signals, letter_sent, reached, accepted, result, purged_on)
      select p.token, c.municipality_code, c.area_code, to_char(s.signal_date, 'YYYY-MM'), s.creditor_type, count(*)::int,
        c.letter_sent_on is not null, coalesce(c.reached, false), coalesce(c.help_response = 'accepted', false), c.result, ${today}
      from signal_purge p join signal_cases c on c.id = p.id join signals s on s.case_id = c.id
      group by p.token, c.municipality_code, c.area_code, to_char(s.signal_date, 'YYYY-MM'), s.creditor_type, c.letter_sent_on, c.reached, c.help_response, c.result`);
    const signalsPurged = rowsOf(await tx.execute(sql`with d as (delete from signals where case_id in (select id from signal_purge) returning 1) select count(*)::int as n from d`))[0]?.n;
    const casesPurged = rowsOf(await tx.execute(sql`with d as (delete from signal_cases where id in (select id from signal_purge) returning 1) select count(*)::int as n from d`))[0]?.n;
    const personIds = rowsOf(
      await tx.execute(sql`select distinct person_id from signal_purge p where person_id is not null and not exists (select 1 from signal_cases c where c.person_id = p.person_id)`),
    ).map((r) => String(r.person_id));
    const personsErased = await erasePersons(tx, personIds);
    trail.subjectIds = personIds.length <= MAX_AUDIT_SUBJECTS ? personIds : [];
    const summary = { cutoff, casesPurged: Number(casesPurged ?? 0), signalsPurged: Number(signalsPurged ?? 0), personsErased };
    trail.details = { ...summary };
    return summary;
  });
  if (summary.casesPurged === 0 && summary.personsErased === 0) return summary;
  return { ...summary, scrub: await db.scrubAfterErasure(purgedTables) };
}

/** Deletes the persons no one refers to any more; one another module still uses is left (inside a savepoint). */
async function erasePersons(tx: Tx, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const list = (part: string[]) => sql.join(part.map((id) => sql`${id}::uuid`), sql`, `);
  let erased = 0;
  for (let i = 0; i < ids.length; i += 5000) {
    const part = ids.slice(i, i + 5000);
    try {
      await tx.transaction(async (sp) => {
        await sp.execute(sql`delete from persons where id in (${list(part)})`);
      });
      erased += part.length;
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
