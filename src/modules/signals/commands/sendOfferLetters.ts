import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { letterProblem } from '../letterMessages.ts';
import type { LetterBatchView, LetterRun } from '../queries/letterRuns.ts';
import type { SignalSettings } from '../settings.ts';
import { untilFlushed } from './letterDelivery.ts';
import type { LetterSelection } from './letterSelection.ts';
import { planOfferLetters, previewOfferLetters } from './planOfferLetters.ts';
import { produceLetterBatch } from './produceLetterBatch.ts';

/**
 * Offer letters, from selection to PDF: `letterSelection.ts` (which cases, and why some are skipped),
 * `planOfferLetters.ts` (the dry run, and the run split into print batches), `produceLetterBatch.ts` (one batch as a
 * streamed PDF; its cases count as sent once it was delivered), `reprintOfferLetter.ts` (one letter again, a preview).
 * This file makes whole runs at once, for the command line and tests.
 */

/** For the command line: makes a whole run into files (one PDF per batch), each committed once its file is written. */
export async function writeLetterRunToFiles(
  db: Database,
  actor: Actor,
  run: LetterRun,
  settings: SignalSettings,
  fileFor: (batch: LetterBatchView) => Writable,
): Promise<{ letters: number; files: number }> {
  let letters = 0;
  for (const batch of run.batches) {
    let written: Promise<void> = Promise.resolve();
    const result = await produceLetterBatch(db, actor, batch.id, {
      settings,
      open: () => {
        const out = fileFor(batch);
        let failed = false;
        out.once('error', () => (failed = true));
        written = new Promise<void>((resolve, reject) => {
          out.once('finish', resolve);
          out.once('error', reject);
        });
        return {
          out,
          flushed: () =>
            untilFlushed(
              () => out.writableLength,
              () => failed || out.destroyed,
            ),
        };
      },
    });
    await written;
    letters += result.letters;
  }
  return { letters, files: run.batches.length };
}

/**
 * Every case awaiting its letter, made at once (the command line and tests: the operator asked for exactly this,
 * so there is no count to confirm). Returns one PDF per batch, in memory, and how many offers went by e-mail instead.
 */
export async function sendOfferLetters(
  db: Database,
  actor: Actor,
  input: { municipalityCode: string; date?: string; settings: SignalSettings; compress?: boolean; batchSize?: number },
): Promise<{ count: number; mailed: number; pdfs: Buffer[]; date: string; run: LetterRun }> {
  const selection: LetterSelection = { kind: 'awaiting' };
  const preview = await previewOfferLetters(
    db,
    actor,
    { municipalityCode: input.municipalityCode, selection, reprint: false, batchSize: input.batchSize },
    input.settings,
  );
  if (!preview.count) throw letterProblem('no_letters_waiting');
  const run = await planOfferLetters(
    db,
    actor,
    { municipalityCode: input.municipalityCode, selection, reprint: false, confirmCount: preview.count, date: input.date, batchSize: input.batchSize },
    input.settings,
  );
  const pdfs: Buffer[] = [];
  let count = 0;
  for (const batch of run.batches) {
    const chunks: Buffer[] = [];
    let ended: Promise<void> = Promise.resolve();
    const result = await produceLetterBatch(db, actor, batch.id, {
      settings: input.settings,
      compress: input.compress,
      open: () => {
        const out = new PassThrough();
        out.on('data', (c: Buffer) => chunks.push(c));
        ended = once(out, 'end').then(() => undefined);
        return {
          out,
          flushed: () =>
            untilFlushed(
              () => out.writableLength + out.readableLength,
              () => out.destroyed,
            ),
        };
      },
    });
    await ended;
    count += result.letters;
    pdfs.push(Buffer.concat(chunks));
  }
  return { count, mailed: run.mailed, pdfs, date: run.date, run };
}
