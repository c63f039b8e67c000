import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { persons } from '../../../platform/schema.ts';
import { LetterWriter, placeholderValues } from '../letter.ts';
import { letterProblem } from '../letterMessages.ts';
import type { CompiledTemplate } from '../letterTemplate.ts';
import { earlier, letterColumns, type LetterRow, toLetter } from '../queries/letterRows.ts';
import { postcodesOf } from '../queries/letterRuns.ts';
import { signalCases, signalLetterBatches, signals } from '../schema.ts';
import type { SignalSettings } from '../settings.ts';
import { type BatchOutput, DeliveryAbortedError, drainOrClose } from './letterDelivery.ts';
import { compiledTemplates } from './letterTemplates.ts';
import { addDays } from './letterSelection.ts';

/**
 * How far the batches being drawn are, in memory only (no personal data). For diagnostics and tests; the page counts
 * the pages as the PDF streams in instead (on PGlite every other request waits while a batch holds its transaction).
 */
const progress = new Map<string, { municipalityCode: string; drawn: number; letters: number; done: boolean }>();

export function letterBatchProgress(actor: Actor, batchId: string): { drawn: number; letters: number; done: boolean } | null {
  const p = progress.get(batchId);
  if (!p) return null;
  assertMunicipality(actor, p.municipalityCode);
  return { drawn: p.drawn, letters: p.letters, done: p.done };
}

const FETCH_PAGE = 500;

/**
 * Makes one print batch: a cover sheet and one letter per case, streamed into `open(...).out` as pdfkit draws them.
 * One audited unit of work: the cases are locked, read in pages of 500 (one query each), drawn, and only after the
 * whole PDF but its end (the last page, the cross-reference table and trailer, a few kB) has been handed over
 * (`flushed`) do the first letters' cases move to `letter_sent` (one UPDATE), the batch become `produced` and the
 * audit line get written, all in that transaction; the end follows once it committed, so a client that has the whole
 * file knows its cases are marked sent. A client that goes away before rolls it all back: nothing is marked as sent.
 * Cases that no longer await a letter (another run was quicker) are skipped and counted on the cover sheet. `again` makes a produced batch once more as a reprint (nothing changes).
 */
export async function produceLetterBatch(
  db: Database,
  actor: Actor,
  batchId: string,
  input: {
    settings: SignalSettings;
    again?: boolean;
    compress?: boolean;
    open: (info: { letters: number; number: number; batchCount: number; date: string }) => BatchOutput;
  },
): Promise<{ letters: number; firstLetters: number; reprints: number; skipped: number }> {
  if (actor.kind !== 'system') assertCan(actor, 'signals:work');
  const { settings } = input;
  let output: Writable | undefined;
  const tail: Buffer[] = [];
  const result = await db.audited(actor, { action: 'print', objectType: 'signal_letter_batch', objectId: batchId }, async (tx, trail) => {
    const [batch] = await tx.select().from(signalLetterBatches).where(eq(signalLetterBatches.id, batchId)).for('update');
    if (!batch) throw new NotFoundError('De stapel');
    trail.municipalityCode = batch.municipalityCode;
    assertMunicipality(actor, batch.municipalityCode);
    if (batch.status === 'produced' && !input.again) {
      throw letterProblem('batch_already_produced', { produced: batch.producedLetters });
    }
    const reprintOnly = batch.status === 'produced';
    const locked = await tx
      .select({ id: signalCases.id, status: signalCases.status, letterSentOn: signalCases.letterSentOn, letterBatchId: signalCases.letterBatchId })
      .from(signalCases)
      .where(inArray(signalCases.id, batch.caseIds))
      .for('update');
    const byId = new Map(locked.map((c) => [c.id, c]));
    const plan: { id: string; first: boolean }[] = [];
    for (const id of batch.caseIds) {
      const c = byId.get(id);
      if (!c) continue;
      if (reprintOnly) {
        if (c.letterBatchId === batch.id || (batch.reprint && c.letterSentOn)) plan.push({ id, first: false });
      } else if (c.status === 'awaiting_letter') plan.push({ id, first: true });
      else if (batch.reprint && c.letterSentOn) plan.push({ id, first: false });
    }
    const skipped = batch.caseIds.length - plan.length;
    if (!plan.length) throw letterProblem('batch_nothing_to_make');

    const lastDue = addDays(batch.letterDate, settings.firstContactDays);
    const templates = new Map<number, CompiledTemplate>();
    const templateFor = async (version: number): Promise<CompiledTemplate> => {
      if (!templates.has(version)) for (const [v, t] of await compiledTemplates(tx, batch.municipalityCode, [version])) templates.set(v, t);
      return templates.get(version)!;
    };
    await templateFor(batch.templateVersion);

    const range = await postcodesOf(tx, [plan[0]!.id, plan.at(-1)!.id]);
    const state = { municipalityCode: batch.municipalityCode, drawn: 0, letters: plan.length, done: false };
    progress.set(batch.id, state);
    try {
      const { out, flushed } = input.open({ letters: plan.length, number: batch.number, batchCount: batch.batchCount, date: batch.letterDate });
      output = out;
      let gone = false;
      let ending = false;
      const onGone = () => (gone = true);
      out.once('close', onGone);
      out.once('error', onGone);
      const writer = new LetterWriter(settings, { compress: input.compress, title: `Brieven, stapel ${batch.number} van ${batch.batchCount}` });
      writer.doc.on('data', (chunk: Buffer) => {
        if (gone) return;
        if (ending) tail.push(chunk);
        else out.write(chunk);
      });
      const ended = once(writer.doc, 'end');
      writer.cover({
        number: batch.number,
        batchCount: batch.batchCount,
        letters: plan.length,
        postcodeFrom: range.get(plan[0]!.id) ?? null,
        postcodeTo: range.get(plan.at(-1)!.id) ?? null,
        date: batch.letterDate,
        templateVersion: batch.templateVersion,
        batchId: batch.id,
        skipped,
        reprint: plan.some((p) => !p.first),
      });
      const first = new Set(plan.filter((p) => p.first).map((p) => p.id));
      const personIds: string[] = [];
      for (let i = 0; i < plan.length; i += FETCH_PAGE) {
        const ids = plan.slice(i, i + FETCH_PAGE).map((p) => p.id);
        const rows = (await tx
          .select(letterColumns)
          .from(signalCases)
          .leftJoin(persons, eq(persons.id, signalCases.personId))
          .where(inArray(signalCases.id, ids))) as LetterRow[];
        const rowById = new Map(rows.map((r) => [r.id, r]));
        for (const id of ids) {
          const r = rowById.get(id)!;
          if (r.personId) personIds.push(r.personId);
          const isFirst = first.has(id);
          const template = isFirst ? templates.get(batch.templateVersion)! : await templateFor(r.letterTemplateVersion ?? 0);
          const date = isFirst ? batch.letterDate : (r.letterSentOn ?? batch.letterDate);
          const contactBefore = isFirst ? earlier(r.dueDate, lastDue) : (r.dueDate ?? addDays(date, settings.firstContactDays));
          const letter = toLetter(r);
          writer.letter(letter, template, date, placeholderValues(letter, settings, contactBefore));
          state.drawn++;
          if (gone) throw new DeliveryAbortedError();
          // Let the bytes flow out, and wait while the client is slower than pdfkit: memory stays flat.
          if (out.writableNeedDrain) await drainOrClose(out);
          else if (state.drawn % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      }
      // The end of the PDF waits for the commit.
      ending = true;
      writer.doc.end();
      await ended;
      if (gone) throw new DeliveryAbortedError();
      await flushed();
      if (gone) throw new DeliveryAbortedError();
      // Everything but the end was handed over: now, and only now, the first letters count as sent.
      if (first.size) {
        const firstIds = [...first];
        await tx
          .update(signalCases)
          .set({
            status: 'letter_sent',
            letterSentOn: batch.letterDate,
            takenUpOn: sql`coalesce(${signalCases.takenUpOn}, ${batch.letterDate}::date)`,
            // An urgent case's earlier due date (3 working days, set by the import) stays.
            dueDate: sql`least(${signalCases.dueDate}, ${lastDue}::date)`,
            letterTemplateVersion: batch.templateVersion,
            letterBatchId: batch.id,
            updatedAt: db.clock.now(),
          })
          .where(inArray(signalCases.id, firstIds));
        // The letter is the municipality taking the case up: its signals are now "Opgepakt" (DDAS).
        await tx
          .update(signals)
          .set({ status: 'taken_up' })
          .where(and(inArray(signals.caseId, firstIds), eq(signals.status, 'not_yet_taken_up')));
      }
      if (!reprintOnly)
        await tx
          .update(signalLetterBatches)
          .set({ status: 'produced', producedLetters: plan.length, producedAt: db.clock.now() })
          .where(eq(signalLetterBatches.id, batch.id));
      trail.subjectIds = personIds;
      trail.details = {
        runId: batch.runId,
        number: batch.number,
        letters: plan.length,
        firstLetters: first.size,
        reprints: plan.length - first.size,
        skipped,
        templateVersion: batch.templateVersion,
        again: reprintOnly,
      };
      state.done = true;
      return { letters: plan.length, firstLetters: first.size, reprints: plan.length - first.size, skipped };
    } finally {
      // Kept a minute for the page's last look at it, then dropped.
      setTimeout(() => progress.delete(batch.id), 60_000).unref();
    }
  });
  // Committed: the rest of the PDF completes the file.
  output?.end(Buffer.concat(tail));
  return result;
}
