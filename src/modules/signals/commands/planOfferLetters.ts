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
import { sendOfferMails, splitByChannel } from './offerMails.ts';
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
  /** Offers the selection makes: letters and e-mails together (what the officer confirms). */
  count: number;
  /** Of those, the offers that go by e-mail instead of a letter. */
  byMail: number;
  firstLetters: number;
  reprints: number;
  batchSize: number;
  batches: number;
  templateVersion: number;
  skipped: { count: number; items: SkippedCase[] };
}

/**
 * The dry run: how many offers a selection makes (letters, and e-mails where the municipality allows them and a
 * signal carries an address), in how many print batches, and which cases are skipped and why.
 */
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
      const selected = await resolveSelection(tx, input.municipalityCode, input.selection, input.reprint);
      const { letters, mails } = await splitByChannel(db, tx, input.municipalityCode, selected.letters);
      const { skipped } = selected;
      const template = await currentTemplate(tx, input.municipalityCode);
      const batchSize = input.batchSize ?? settings.letterBatchSize;
      trail.details = { ...trail.details, letters: letters.length, mails: mails.length, skipped: skipped.length };
      return {
        municipalityCode: input.municipalityCode,
        count: letters.length + mails.length,
        byMail: mails.length,
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
 * After the officer confirmed the count: the offers by e-mail go into the outbox and their cases move to `letter_sent`
 * at once (`offerMails.ts`); the rest is split into print batches (sorted by postcode) and recorded. Nothing changes
 * on those cases yet: each moves to `letter_sent` only when its batch's PDF has been made and delivered completely
 * (`produceLetterBatch`).
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
      const selected = await resolveSelection(tx, input.municipalityCode, input.selection, input.reprint);
      const { skipped } = selected;
      const { letters, mails } = await splitByChannel(db, tx, input.municipalityCode, selected.letters);
      const total = letters.length + mails.length;
      if (!total) throw letterProblem('no_letters_in_selection', { skipped: skipped.length });
      if (total !== input.confirmCount) throw letterProblem('letter_count_changed', { count: total, confirmed: input.confirmCount });
      const template = await currentTemplate(tx, input.municipalityCode);
      const mailed = await sendOfferMails(db, tx, { municipalityCode: input.municipalityCode, date, mails }, settings);
      const groups = batchesOf(letters, input.batchSize ?? settings.letterBatchSize);
      const now = db.clock.now();
      const rows = !groups.length
        ? []
        : await tx
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
      trail.subjectIds = mailed.personIds;
      trail.details = {
        letters: letters.length,
        mails: mailed.mailRefs,
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
        mailed: mailed.count,
        templateVersion: template.version,
        reprint: input.reprint,
        batches: rows.sort((a, b) => a.number - b.number).map((b, i) => batchView(b, { from: groups[i]![0]!.postcode, to: groups[i]!.at(-1)!.postcode })),
        skipped: { count: skipped.length, items: skipped.slice(0, MAX_SKIPPED_LISTED) },
      };
    },
  );
}
