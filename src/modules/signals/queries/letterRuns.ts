import { asc, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { persons } from '../../../platform/schema.ts';
import type { SkippedCase } from '../commands/letterSelection.ts';
import { signalCases, signalLetterBatches } from '../schema.ts';

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
  /** Letters in the run's print batches. */
  count: number;
  /** Offers of the run that went into the outbox as e-mail instead (their cases are already `letter_sent`). */
  mailed: number;
  templateVersion: number;
  reprint: boolean;
  batches: LetterBatchView[];
  skipped: { count: number; items: SkippedCase[] };
}

/** The postcodes of some cases (for the range of a batch: its first and last case), read from the register. */
export async function postcodesOf(tx: Tx, caseIds: string[]): Promise<Map<string, string | null>> {
  if (!caseIds.length) return new Map();
  const rows = await tx
    .select({ id: signalCases.id, postcode: persons.postcode })
    .from(signalCases)
    .leftJoin(persons, eq(persons.id, signalCases.personId))
    .where(inArray(signalCases.id, [...new Set(caseIds)]));
  return new Map(rows.map((r) => [r.id, r.postcode]));
}

export function batchView(b: typeof signalLetterBatches.$inferSelect, range: { from: string | null; to: string | null }): LetterBatchView {
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
export async function getLetterRun(db: Database, actor: Actor, runId: string): Promise<Omit<LetterRun, 'skipped' | 'mailed'>> {
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
