import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { letterProblem } from '../letterMessages.ts';
import { batchView, type LetterRun } from '../queries/letterRuns.ts';
import { signalLetterBatches } from '../schema.ts';
import type { SignalSettings } from '../settings.ts';
import { currentTemplate } from './letterTemplates.ts';
import {
  assertLetterAccess,
  batchesOf,
  type letterPreviewInput,
  type letterRunInput,
  MAX_SKIPPED_LISTED,
  resolveSelection,
  type SkippedCase,
} from './letterSelection.ts';

export interface LetterPreview {
  municipalityCode: string;
  count: number;
  firstLetters: number;
  reprints: number;
  batchSize: number;
  batches: number;
  templateVersion: number;
  skipped: { count: number; items: SkippedCase[] };
}

/** The dry run: how many letters a selection makes, in how many batches, and which cases are skipped and why. */
export async function previewOfferLetters(
  db: Database,
  actor: Actor,
  input: z.infer<typeof letterPreviewInput> & { municipalityCode: string },
  settings: SignalSettings,
): Promise<LetterPreview> {
  assertLetterAccess(actor, input.municipalityCode);
  return db.audited(
    actor,
    {
      action: 'search',
      objectType: 'signal_offer_letters',
      municipalityCode: input.municipalityCode,
      details: { selection: input.selection.kind, preview: true },
    },
    async (tx, trail) => {
      const { letters, skipped } = await resolveSelection(tx, input.municipalityCode, input.selection, input.reprint);
      const template = await currentTemplate(tx, input.municipalityCode);
      const batchSize = input.batchSize ?? settings.letterBatchSize;
      trail.details = { ...trail.details, letters: letters.length, skipped: skipped.length };
      return {
        municipalityCode: input.municipalityCode,
        count: letters.length,
        firstLetters: letters.filter((l) => l.status === 'awaiting_letter').length,
        reprints: letters.filter((l) => l.status !== 'awaiting_letter').length,
        batchSize,
        batches: Math.ceil(letters.length / batchSize),
        templateVersion: template.version,
        skipped: { count: skipped.length, items: skipped.slice(0, MAX_SKIPPED_LISTED) },
      };
    },
  );
}

/**
 * After the officer confirmed the count: splits the selection into print batches (sorted by postcode) and records
 * them. Nothing changes on the cases yet: each case moves to `letter_sent` only when its batch's PDF has been made
 * and delivered completely (`produceLetterBatch`).
 */
export async function planOfferLetters(
  db: Database,
  actor: Actor,
  input: z.infer<typeof letterRunInput> & { municipalityCode: string },
  settings: SignalSettings,
): Promise<LetterRun> {
  assertLetterAccess(actor, input.municipalityCode);
  const runId = randomUUID();
  const date = input.date ?? amsterdamDate(db.clock.now());
  return db.audited(
    actor,
    { action: 'create', objectType: 'signal_letter_run', objectId: runId, municipalityCode: input.municipalityCode },
    async (tx, trail) => {
      const { letters, skipped } = await resolveSelection(tx, input.municipalityCode, input.selection, input.reprint);
      if (!letters.length) throw letterProblem('no_letters_in_selection', { skipped: skipped.length });
      if (letters.length !== input.confirmCount) throw letterProblem('letter_count_changed', { count: letters.length, confirmed: input.confirmCount });
      const template = await currentTemplate(tx, input.municipalityCode);
      const groups = batchesOf(letters, input.batchSize ?? settings.letterBatchSize);
      const now = db.clock.now();
      const rows = await tx
        .insert(signalLetterBatches)
        .values(
          groups.map((g, i) => ({
            runId,
            municipalityCode: input.municipalityCode,
            number: i + 1,
            batchCount: groups.length,
            caseIds: g.map((c) => c.id),
            letters: g.length,
            letterDate: date,
            templateVersion: template.version,
            reprint: input.reprint,
            createdByUserId: actor.kind === 'user' ? actor.userId : null,
            createdAt: now,
          })),
        )
        .returning();
      trail.details = {
        letters: letters.length,
        batches: groups.length,
        skipped: skipped.length,
        templateVersion: template.version,
        selection: input.selection.kind,
        reprint: input.reprint,
      };
      return {
        runId,
        municipalityCode: input.municipalityCode,
        date,
        count: letters.length,
        templateVersion: template.version,
        reprint: input.reprint,
        batches: rows.sort((a, b) => a.number - b.number).map((b, i) => batchView(b, { from: groups[i]![0]!.postcode, to: groups[i]!.at(-1)!.postcode })),
        skipped: { count: skipped.length, items: skipped.slice(0, MAX_SKIPPED_LISTED) },
      };
    },
  );
}
