import type { Database } from '../../../db/database.ts';
import { openCopy, type CopyWriter } from '../../../db/copy.ts';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/actor.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { ForbiddenError } from '../../../platform/errors.ts';
import { lockSecret } from '../../../platform/lockKeys.ts';
import type { IntakeContext } from '../columns.ts';
import type { Rejection, RowResult, SignalRecord } from '../signalRow.ts';
import { creditorTypeLabels } from '../ddas.ts';
import { signalImports } from '../schema.ts';
import type { SignalSettings } from '../settings.ts';
import { authoriseRouting, trustedCreditorWithMapping } from '../access.ts';
import { loadIntakeRules } from '../intakeRules.ts';
import { fieldReason } from '../messages.ts';
import { lockForImport } from './importLocks.ts';
import { batchHints, ensureWorkTables, stageCopyStatement, stageLine, stageSmallBatch } from './importStaging.ts';
import { MAX_AUDIT_SUBJECTS, storeStagedSignals } from './storeStagedSignals.ts';

export { MAX_AUDIT_SUBJECTS } from './storeStagedSignals.ts';

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
  /** Up to this many checked rows the import is a small batch (default SMALL_BATCH_ROWS; 0: never). */
  smallBatchRows?: number;
}

export interface ImportSummary {
  importId: string;
  /** The receiving municipality: the one named, or for a file routed by postcode the lead municipality. */
  municipalityCode: string;
  rows: number;
  /** Signals stored, the non-residents included (`rows = accepted + duplicates + rejected`). */
  accepted: number;
  duplicates: number;
  rejected: number;
  casesCreated: number;
  /** Stored rows whose address lies outside every municipality the import may route to: no case, no letter. */
  notResident: number;
  /** Per municipality the rows routed there (accepted, non-residents not included) and the new cases. */
  municipalities: Record<string, { accepted: number; casesCreated: number }>;
  rejections: Rejection[];
  rejectionsTruncated: boolean;
}

/** The rejections kept with an import (and printed); the count is always complete. */
export const MAX_LISTED_REJECTIONS = 1000;

/**
 * Stores a creditor's signals and groups them into households' cases, all in ONE transaction: a crash or kill
 * midway leaves nothing, so a rerun stores exactly one copy. A row already sent (same creditor and reference)
 * is a duplicate, never a second signal. One audit line per import: object = the import, details = counts.
 */
export async function importSignalFile(db: Database, actor: Actor, input: ImportSignalsInput): Promise<ImportSummary> {
  const { creditor, mapping } = await trustedCreditorWithMapping(db, input.creditor);
  let municipalityCode: string;
  let targets: string[];
  try {
    ({ receiving: municipalityCode, targets } = authoriseRouting(actor, creditor, input.municipalityCode, input.settings.leadMunicipality));
  } catch (error) {
    if (error instanceof ForbiddenError) {
      await db.recordAuditEvent(
        actor,
        { action: 'create', objectType: 'signal_import', details: { creditor: creditor.code, channel: input.channel } },
        'denied',
      );
    }
    throw error;
  }
  const now = db.clock.now();
  const today = amsterdamDate(now);
  const batchSize = input.batchSize ?? 2000;
  const intake: IntakeContext = { mapping, creditorTypes: creditor.creditorTypes };
  // A row of a type the creditor does not report is refused (a health insurer's file holds no rent arrears).
  const allowedTypes = new Set(creditor.creditorTypes);
  const typeReason = fieldReason('type_not_reported', { types: creditor.creditorTypes.map((t) => creditorTypeLabels[t].toLowerCase()).join(', ') });
  // The law's term and the municipalities' choices (intakeRules.ts): a signal past the term, municipal taxes not switched on.
  const unreachableCodes = input.municipalityCode ? [] : creditor.municipalities.filter((m) => !targets.includes(m));
  const rules = await loadIntakeRules(db, { municipalityCodes: targets, unreachableCodes, today, settings: input.settings });
  const secret = await lockSecret(db);
  const smallBatchRows = input.smallBatchRows ?? SMALL_BATCH_ROWS;
  const scope = targets.length === 1 ? { municipalityCode } : { municipalityCodes: targets };
  return db.audited(actor, { action: 'create', objectType: 'signal_import', ...scope, details: { channel: input.channel } }, async (tx, trail) => {
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
    const summary: ImportSummary = {
      importId,
      municipalityCode,
      rows: 0,
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      casesCreated: 0,
      notResident: 0,
      municipalities: {},
      rejections: [],
      rejectionsTruncated: false,
    };
    // A small batch is kept in memory and staged with one INSERT; a larger one streams into the staging table with
    // COPY while the file is still being read and checked.
    let small: SignalRecord[] | null = [];
    let copy: CopyWriter | null = null;
    let lines: string[] = [];
    let staged = 0;
    // The rows of a short batch, for its locks on households, residents and references; null once it is too long.
    let fine: SignalRecord[] | null = [];
    try {
      for await (const item of input.rows(today, intake)) {
        for (let row of Array.isArray(item) ? item : [item]) {
          summary.rows++;
          if (row.ok && allowedTypes.size && !allowedTypes.has(row.record.creditorType)) {
            row = { line: row.line, ok: false, rejections: [{ line: row.line, field: 'soort', reason: typeReason }] };
          }
          row = rules.check(row);
          if (row.ok) {
            if (small && small.length < smallBatchRows) small.push(row.record);
            else {
              if (small) {
                await ensureWorkTables(tx, db.kind);
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
    if (small) {
      await ensureWorkTables(tx, db.kind);
      if (small.length) await stageSmallBatch(tx, small);
    }
    input.onRows?.(summary.rows);
    input.onStaged?.();
    // Only now, with the rows read and checked, the locks that keep overlapping imports apart (see lockForImport).
    await lockForImport(tx, { secret, targets, municipalityCode, creditorId: creditor.id, rows: fine });
    const grouped = await storeStagedSignals(tx, {
      kind: db.kind,
      importId,
      creditorId: creditor.id,
      municipalityCode,
      targets,
      settings: input.settings,
      now,
      small: small !== null,
      hints: small ? batchHints(small) : undefined,
    });
    summary.accepted = grouped.inserted;
    summary.duplicates = staged - grouped.inserted;
    summary.casesCreated = grouped.casesCreated;
    summary.notResident = grouped.notResident;
    summary.municipalities = grouped.municipalities;
    await tx.execute(sql`
      update signal_imports set rows = ${summary.rows}, accepted = ${summary.accepted}, duplicates = ${summary.duplicates},
        rejected = ${summary.rejected}, cases_created = ${summary.casesCreated}, not_resident = ${summary.notResident},
        municipalities = ${JSON.stringify(summary.municipalities)}::jsonb, rejections = ${JSON.stringify(summary.rejections)}::jsonb
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
      notResident: summary.notResident,
      municipalities: summary.municipalities,
      casesTouched: grouped.casesTouched,
      subjectsListed: grouped.personIds.length <= MAX_AUDIT_SUBJECTS,
    };
    return summary;
  });
}

/**
 * Up to this many rows (after the checks) an import is a small batch: its rows go into the staging table with one
 * INSERT instead of COPY, and the work tables are not analysed (a handful of rows needs no statistics). The rules
 * are the same as for any file: storeStagedSignals stores both.
 */
export const SMALL_BATCH_ROWS = 100;

/** Up to this many rows an import locks only the households, residents and references it touches. */
export const FINE_LOCK_ROWS = 200;
