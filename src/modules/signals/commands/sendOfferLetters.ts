import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { persons } from '../../../platform/schema.ts';
import { formatLetterDate, LetterWriter, placeholderValues, renderOfferLetters, type OfferLetter } from '../letter.ts';
import type { CompiledTemplate } from '../letterTemplate.ts';
import { signalCases, signalLetterBatches, signals } from '../schema.ts';
import type { SignalSettings } from '../settings.ts';
import { compiledTemplates, currentTemplate } from './letterTemplates.ts';
import { municipalityCode } from '../../../platform/municipalities.ts';

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Which cases: a list (e.g. the queue's selection), every case awaiting its letter, or the cases made on one day. */
export const letterSelection = z.discriminatedUnion('kind', [
  // At most 10,000 ids: the platform's limit for one JSON array. A larger selection is "all awaiting" or a day.
  z.object({ kind: z.literal('cases'), caseIds: z.array(z.string().uuid()).min(1).max(10_000) }),
  z.object({ kind: z.literal('awaiting') }),
  z.object({ kind: z.literal('createdOn'), date: z.iso.date() }),
]);
export type LetterSelection = z.infer<typeof letterSelection>;

export const letterPreviewInput = z.object({
  municipalityCode: municipalityCode.optional(),
  selection: letterSelection,
  /** Also make the letter again for cases that already had one (a reprint changes nothing on the case). */
  reprint: z.boolean().default(false),
  batchSize: z.number().int().min(1).max(1000).optional(),
});
export const letterRunInput = letterPreviewInput.extend({
  /** The number the officer confirmed ("U maakt 312 brieven. Doorgaan?"); refused when the selection changed since. */
  confirmCount: z.number().int().min(1).max(1_000_000),
  date: z.iso.date().optional(),
});

export interface SkippedCase {
  caseId: string;
  reason: string;
}
const MAX_SKIPPED_LISTED = 200;

interface Candidate {
  id: string;
  status: string;
  letterSentOn: string | null;
  postcode: string | null;
}

function skipReason(c: Candidate, reprint: boolean): string | null {
  if (c.status === 'awaiting_letter') return null;
  if (c.letterSentOn)
    return reprint ? null : `Deze zaak kreeg al een brief op ${formatLetterDate(c.letterSentOn)}. Kies “herdruk” om die brief opnieuw te maken.`;
  if (c.status === 'below_threshold') return 'Het bedrag van deze zaak is lager dan de drempel: zij krijgt (nog) geen brief.';
  if (c.status === 'closed') return 'Deze zaak is afgesloten zonder brief.';
  return 'Deze zaak wacht niet op een brief.';
}

const byPostcode = [
  asc(persons.postcode),
  asc(sql`length(${persons.houseNumber})`),
  asc(persons.houseNumber),
  asc(persons.houseNumberSuffix),
  asc(signalCases.id),
];

/** The selection as cases to write (sorted by postcode and house number, for the post) and cases skipped, with why. */
async function resolveSelection(
  tx: Tx,
  municipalityCode: string,
  selection: LetterSelection,
  reprint: boolean,
): Promise<{ letters: Candidate[]; skipped: SkippedCase[] }> {
  let where: SQL | undefined;
  if (selection.kind === 'cases') where = inArray(signalCases.id, [...new Set(selection.caseIds)]);
  else if (selection.kind === 'awaiting') where = eq(signalCases.status, 'awaiting_letter');
  else where = and(gte(signalCases.createdAt, amsterdamMidnight(selection.date)), lt(signalCases.createdAt, amsterdamMidnight(addDays(selection.date, 1))));
  const rows = await tx
    .select({ id: signalCases.id, status: signalCases.status, letterSentOn: signalCases.letterSentOn, postcode: persons.postcode })
    .from(signalCases)
    .leftJoin(persons, eq(persons.id, signalCases.personId))
    .where(and(eq(signalCases.municipalityCode, municipalityCode), where))
    .orderBy(...byPostcode);
  const letters: Candidate[] = [];
  const skipped: SkippedCase[] = [];
  for (const r of rows) {
    const reason = skipReason(r, reprint);
    if (reason) skipped.push({ caseId: r.id, reason });
    else letters.push(r);
  }
  if (selection.kind === 'cases') {
    const found = new Set(rows.map((r) => r.id));
    for (const id of new Set(selection.caseIds)) if (!found.has(id)) skipped.push({ caseId: id, reason: 'Deze zaak is niet gevonden bij deze gemeente.' });
  }
  return { letters, skipped };
}

/** Midnight in Amsterdam of a calendar day, as an instant (summer and winter time). */
function amsterdamMidnight(date: string): Date {
  for (const offset of ['+02:00', '+01:00']) {
    const instant = new Date(`${date}T00:00:00${offset}`);
    if (amsterdamDate(instant) === date && amsterdamDate(new Date(instant.getTime() - 1)) !== date) return instant;
  }
  return new Date(`${date}T00:00:00+01:00`);
}

function batchesOf<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function assertLetterAccess(actor: Actor, municipalityCode: string): void {
  // The command line acts as the system, on behalf of the operator who runs it.
  if (actor.kind !== 'system') assertCan(actor, 'signals:work');
  assertMunicipality(actor, municipalityCode);
}

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

export interface LetterBatchView {
  id: string;
  number: number;
  letters: number;
  postcodeFrom: string | null;
  postcodeTo: string | null;
  status: 'pending' | 'produced';
  producedLetters: number | null;
  producedAt: string | null;
}
export interface LetterRun {
  runId: string;
  municipalityCode: string;
  date: string;
  count: number;
  templateVersion: number;
  reprint: boolean;
  batches: LetterBatchView[];
  skipped: { count: number; items: SkippedCase[] };
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
      if (!letters.length) throw new ConflictError('Er zijn geen brieven te maken voor deze selectie.', { skipped: skipped.length });
      if (letters.length !== input.confirmCount) {
        throw new ConflictError(
          `Het aantal brieven is veranderd: het zijn er nu ${letters.length}, niet ${input.confirmCount}. Bekijk het aantal opnieuw en bevestig dan.`,
          { count: letters.length },
        );
      }
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

/** The postcodes of some cases (for the range of a batch: its first and last case), read from the register. */
async function postcodesOf(tx: Tx, caseIds: string[]): Promise<Map<string, string | null>> {
  if (!caseIds.length) return new Map();
  const rows = await tx
    .select({ id: signalCases.id, postcode: persons.postcode })
    .from(signalCases)
    .leftJoin(persons, eq(persons.id, signalCases.personId))
    .where(inArray(signalCases.id, [...new Set(caseIds)]));
  return new Map(rows.map((r) => [r.id, r.postcode]));
}

function batchView(b: typeof signalLetterBatches.$inferSelect, range: { from: string | null; to: string | null }): LetterBatchView {
  return {
    id: b.id,
    number: b.number,
    letters: b.letters,
    postcodeFrom: range.from,
    postcodeTo: range.to,
    status: b.status,
    producedLetters: b.producedLetters,
    producedAt: b.producedAt?.toISOString() ?? null,
  };
}

/** A run's batches and how far each is (for the page after a reload). */
export async function getLetterRun(db: Database, actor: Actor, runId: string): Promise<Omit<LetterRun, 'skipped'>> {
  if (actor.kind !== 'system') assertCan(actor, 'signals:work');
  return db.audited(actor, { action: 'read', objectType: 'signal_letter_run', objectId: runId }, async (tx, trail) => {
    const rows = await tx.select().from(signalLetterBatches).where(eq(signalLetterBatches.runId, runId)).orderBy(asc(signalLetterBatches.number));
    if (!rows.length) throw new NotFoundError('De brievenrun');
    trail.municipalityCode = rows[0]!.municipalityCode;
    assertMunicipality(actor, rows[0]!.municipalityCode);
    return {
      runId,
      municipalityCode: rows[0]!.municipalityCode,
      date: rows[0]!.letterDate,
      count: rows.reduce((n, r) => n + r.letters, 0),
      templateVersion: rows[0]!.templateVersion,
      reprint: rows[0]!.reprint,
      batches: await (async () => {
        const postcodes = await postcodesOf(
          tx,
          rows.flatMap((r) => [r.caseIds[0]!, r.caseIds.at(-1)!]),
        );
        return rows.map((r) => batchView(r, { from: postcodes.get(r.caseIds[0]!) ?? null, to: postcodes.get(r.caseIds.at(-1)!) ?? null }));
      })(),
    };
  });
}

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

/** The client went away before it had the whole PDF: the batch's letters count as not made. */
export class DeliveryAbortedError extends AppError {
  constructor() {
    super(
      'delivery_aborted',
      499,
      'De verbinding is verbroken voordat de stapel helemaal was ontvangen. Er is niets als verstuurd vastgelegd; maak de stapel opnieuw.',
    );
  }
}

export interface BatchOutput {
  out: Writable;
  /**
   * Resolves once every byte written to `out` so far has been handed over (to the connection's socket, to the file);
   * rejects (or `out` closes) when the receiver went away.
   */
  flushed: () => Promise<void>;
}

/** Polls until the streams' buffers are empty: no event says "all handed to the socket" for a piped response. */
export async function untilFlushed(buffers: () => number, gone: () => boolean): Promise<void> {
  while (!gone() && buffers() > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  if (gone()) throw new DeliveryAbortedError();
}

const letterColumns = {
  id: signalCases.id,
  personId: signalCases.personId,
  initials: persons.initials,
  prefix: persons.prefix,
  surname: persons.surname,
  street: persons.street,
  houseNumber: persons.houseNumber,
  houseNumberSuffix: persons.houseNumberSuffix,
  postcode: persons.postcode,
  city: persons.city,
  totalCents: signalCases.totalCents,
  dueDate: signalCases.dueDate,
  letterSentOn: signalCases.letterSentOn,
  letterTemplateVersion: signalCases.letterTemplateVersion,
  creditorTypes: sql<string[]>`(select array_agg(distinct s.creditor_type order by s.creditor_type) from signals s where s.case_id = ${signalCases.id})`,
};
type LetterRow = { [K in keyof typeof letterColumns]: unknown } & {
  id: string;
  personId: string | null;
  initials: string | null;
  prefix: string | null;
  surname: string | null;
  street: string | null;
  houseNumber: string | null;
  houseNumberSuffix: string | null;
  postcode: string | null;
  city: string | null;
  totalCents: number;
  dueDate: string | null;
  letterSentOn: string | null;
  letterTemplateVersion: number | null;
  creditorTypes: string[] | null;
};

function toLetter(r: LetterRow): OfferLetter {
  return {
    initials: r.initials,
    prefix: r.prefix,
    surname: r.surname ?? 'bewoner',
    street: r.street,
    houseNumber: r.houseNumber,
    houseNumberSuffix: r.houseNumberSuffix,
    postcode: r.postcode,
    city: r.city,
    creditorTypes: r.creditorTypes ?? [],
    totalCents: r.totalCents,
  };
}

const FETCH_PAGE = 500;

/** Waits until `out` wants more, or is gone (never rejects: the caller checks whether it is gone). */
function drainOrClose(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
}

const earlier = (a: string | null, b: string) => (a && a < b ? a : b);

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
      throw new ConflictError(
        `Deze stapel is al gemaakt (${batch.producedLetters} brieven). Wilt u hem nog eens, kies dan “opnieuw afdrukken”: dat is een herdruk en verandert niets aan de zaken.`,
      );
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
    if (!plan.length) throw new ConflictError('Geen enkele zaak van deze stapel wacht nog op een brief: er is niets te maken.');

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

/** The letter of one case again (a reprint), e.g. for a home visit: the text version it was sent with, its date. */
export async function reprintOfferLetter(db: Database, actor: Actor, caseId: string, settings: SignalSettings): Promise<Buffer> {
  assertCan(actor, 'signals:work');
  return db.audited(actor, { action: 'print', objectType: 'signal_case', objectId: caseId, details: { letter: 'reprint' } }, async (tx, trail) => {
    const [row] = (await tx
      .select({ ...letterColumns, municipalityCode: signalCases.municipalityCode })
      .from(signalCases)
      .leftJoin(persons, eq(persons.id, signalCases.personId))
      .where(eq(signalCases.id, caseId))) as (LetterRow & { municipalityCode: string })[];
    if (!row) throw new NotFoundError('De zaak');
    trail.municipalityCode = row.municipalityCode;
    assertMunicipality(actor, row.municipalityCode);
    if (!row.letterSentOn) throw new ConflictError('Voor deze zaak is nog geen brief verstuurd.');
    if (row.personId) trail.subjectIds = [row.personId];
    const version = row.letterTemplateVersion ?? 0;
    const template = (await compiledTemplates(tx, row.municipalityCode, [version])).get(version)!;
    trail.details = { ...trail.details, templateVersion: version };
    return renderOfferLetters(
      [{ ...toLetter(row), contactBefore: row.dueDate ?? addDays(row.letterSentOn, settings.firstContactDays) }],
      settings,
      row.letterSentOn,
      { template },
    );
  });
}

/** A preview of a template text as a PDF: with sample data, or with a real case's data (read audited). */
export async function previewTemplateLetter(
  db: Database,
  actor: Actor,
  input: { municipalityCode: string; template: CompiledTemplate; caseId?: string; compress?: boolean },
  settings: SignalSettings,
): Promise<Buffer> {
  const today = amsterdamDate(db.clock.now());
  if (!input.caseId) {
    const sample: OfferLetter = {
      initials: 'J.',
      prefix: 'de',
      surname: 'Vries',
      street: 'Voorstraat',
      houseNumber: '1',
      houseNumberSuffix: 'A',
      postcode: '3311AA',
      city: 'Dordrecht',
      creditorTypes: ['rent', 'health_insurance'],
      totalCents: 123_456,
    };
    return renderOfferLetters([sample], settings, today, { template: input.template, compress: input.compress });
  }
  assertCan(actor, 'signals:work');
  const caseId = input.caseId;
  return db.audited(actor, { action: 'print', objectType: 'signal_case', objectId: caseId, details: { letter: 'template_preview' } }, async (tx, trail) => {
    const [row] = (await tx
      .select({ ...letterColumns, municipalityCode: signalCases.municipalityCode })
      .from(signalCases)
      .leftJoin(persons, eq(persons.id, signalCases.personId))
      .where(eq(signalCases.id, caseId))) as (LetterRow & { municipalityCode: string })[];
    if (!row || row.municipalityCode !== input.municipalityCode) throw new NotFoundError('De zaak');
    trail.municipalityCode = row.municipalityCode;
    assertMunicipality(actor, row.municipalityCode);
    if (row.personId) trail.subjectIds = [row.personId];
    return renderOfferLetters([{ ...toLetter(row), contactBefore: earlier(row.dueDate, addDays(today, settings.firstContactDays)) }], settings, today, {
      template: input.template,
      compress: input.compress,
    });
  });
}

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

export function requireMunicipality(code: string | undefined): string {
  if (!code) throw new ValidationError('Kies een gemeente.', [{ field: 'municipalityCode', reason: 'Geen gemeente gekozen.' }]);
  return code;
}

/**
 * Every case awaiting its letter, made at once (the command line and tests: the operator asked for exactly this,
 * so there is no count to confirm). Returns one PDF per batch, in memory.
 */
export async function sendOfferLetters(
  db: Database,
  actor: Actor,
  input: { municipalityCode: string; date?: string; settings: SignalSettings; compress?: boolean; batchSize?: number },
): Promise<{ count: number; pdfs: Buffer[]; date: string; run: LetterRun }> {
  const selection: LetterSelection = { kind: 'awaiting' };
  const preview = await previewOfferLetters(
    db,
    actor,
    { municipalityCode: input.municipalityCode, selection, reprint: false, batchSize: input.batchSize },
    input.settings,
  );
  if (!preview.count) throw new ConflictError('Er staan geen brieven klaar om te versturen.');
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
  return { count, pdfs, date: run.date, run };
}
