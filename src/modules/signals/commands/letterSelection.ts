import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { municipalityCode } from '../../../platform/municipalities.ts';
import { persons } from '../../../platform/schema.ts';
import type { LetterSkipCode } from '../contract.ts';
import { skipReason } from '../letterMessages.ts';
import { signalCases } from '../schema.ts';

/** Which cases a letter run is for, and why some of them get no letter: shared by the dry run and the run itself. */

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
  code: LetterSkipCode;
  reason: string;
}
export const MAX_SKIPPED_LISTED = 200;

export interface Candidate {
  id: string;
  status: string;
  letterSentOn: string | null;
  postcode: string | null;
}

function skipCode(c: Candidate, reprint: boolean): LetterSkipCode | null {
  if (c.status === 'awaiting_letter') return null;
  if (c.letterSentOn) return reprint ? null : 'letter_already_sent';
  if (c.status === 'below_threshold') return 'below_threshold';
  if (c.status === 'closed') return 'closed_without_letter';
  return 'not_awaiting_letter';
}

const skipped = (caseId: string, code: LetterSkipCode, letterSentOn?: string | null): SkippedCase => ({
  caseId,
  code,
  reason: skipReason(code, { letterSentOn }),
});

const byPostcode = [
  asc(persons.postcode),
  asc(sql`length(${persons.houseNumber})`),
  asc(persons.houseNumber),
  asc(persons.houseNumberSuffix),
  asc(signalCases.id),
];

/** The selection as cases to write (sorted by postcode and house number, for the post) and cases skipped, with why. */
export async function resolveSelection(
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
  const skippedCases: SkippedCase[] = [];
  for (const r of rows) {
    const code = skipCode(r, reprint);
    if (code) skippedCases.push(skipped(r.id, code, r.letterSentOn));
    else letters.push(r);
  }
  if (selection.kind === 'cases') {
    const found = new Set(rows.map((r) => r.id));
    for (const id of new Set(selection.caseIds)) if (!found.has(id)) skippedCases.push(skipped(id, 'case_not_found'));
  }
  return { letters, skipped: skippedCases };
}

/** Midnight in Amsterdam of a calendar day, as an instant (summer and winter time). */
function amsterdamMidnight(date: string): Date {
  for (const offset of ['+02:00', '+01:00']) {
    const instant = new Date(`${date}T00:00:00${offset}`);
    if (amsterdamDate(instant) === date && amsterdamDate(new Date(instant.getTime() - 1)) !== date) return instant;
  }
  return new Date(`${date}T00:00:00+01:00`);
}

export function batchesOf<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
export function assertLetterAccess(actor: Actor, municipalityCode: string): void {
  // The command line acts as the system, on behalf of the operator who runs it.
  if (actor.kind !== 'system') assertCan(actor, 'signals:work');
  assertMunicipality(actor, municipalityCode);
}
