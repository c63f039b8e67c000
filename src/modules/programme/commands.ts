import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { freezeFigures, initiativeMeasures } from '../insights/index.ts';
import {
  periodPattern,
  type approveInput,
  type correctionInput,
  type sendInput,
  type commitmentInput,
  type commitmentPatch,
  type decisionInput,
  type initiativeInput,
  type initiativePatch,
  type letterInput,
  type lineInput,
  type programmeInput,
  type programmePatch,
  type updateInput,
} from './contract.ts';
import { programmeError } from './messages.ts';
import { letterSha256, loadProgramme, programmeOfInitiative, programmeOfLine, programmeOverview, renderLetter } from './queries.ts';
import { programmeCommitments, programmeDecisions, programmeInitiatives, programmeLetters, programmeLines, programmes, programmeUpdates } from './schema.ts';

/**
 * Every change goes through here: the permission, the municipality of the programme, and the audit line in
 * the same transaction (programme data are not personal, but the council letter must be traceable).
 */
function change<T>(
  db: Database,
  actor: Actor,
  what: { action: 'create' | 'update' | 'delete'; objectType: string; objectId?: string },
  work: (tx: Tx, trail: { objectId?: string | null; municipalityCode?: string | null; details?: Record<string, unknown> }) => Promise<T>,
) {
  assertCan(actor, 'programme:manage');
  return db.audited(actor, { ...what, objectType: `programme_${what.objectType}` }, work);
}

// ---------------------------------------------------------------------------------------------------------------
// Changes

export async function createProgramme(db: Database, actor: Actor, input: z.infer<typeof programmeInput>) {
  assertMunicipality(actor, input.municipalityCode);
  return change(db, actor, { action: 'create', objectType: 'programme' }, async (tx, trail) => {
    const [row] = await tx.insert(programmes).values(input).returning();
    trail.objectId = row!.id;
    trail.municipalityCode = row!.municipalityCode;
    return row!;
  });
}

export async function updateProgramme(db: Database, actor: Actor, id: string, patch: z.infer<typeof programmePatch>) {
  return change(db, actor, { action: 'update', objectType: 'programme', objectId: id }, async (tx, trail) => {
    const p = await loadProgramme(tx, actor, id);
    trail.municipalityCode = p.municipalityCode;
    const [row] = await tx
      .update(programmes)
      .set({ ...patch, updatedAt: db.clock.now() })
      .where(eq(programmes.id, id))
      .returning();
    return row!;
  });
}

export async function createLine(db: Database, actor: Actor, programmeId: string, input: z.infer<typeof lineInput>) {
  return change(db, actor, { action: 'create', objectType: 'line' }, async (tx, trail) => {
    const p = await loadProgramme(tx, actor, programmeId);
    trail.municipalityCode = p.municipalityCode;
    const [row] = await tx
      .insert(programmeLines)
      .values({ programmeId, ...input })
      .onConflictDoNothing()
      .returning();
    if (!row) throw programmeError('line_number_taken', { number: input.number });
    trail.objectId = row.id;
    return row;
  });
}

export async function updateLine(db: Database, actor: Actor, lineId: string, patch: Partial<z.infer<typeof lineInput>>) {
  return change(db, actor, { action: 'update', objectType: 'line', objectId: lineId }, async (tx, trail) => {
    const { programme } = await programmeOfLine(tx, actor, lineId);
    trail.municipalityCode = programme.municipalityCode;
    const [row] = await tx.update(programmeLines).set(patch).where(eq(programmeLines.id, lineId)).returning();
    return row!;
  });
}

export async function createInitiative(db: Database, actor: Actor, lineId: string, input: z.infer<typeof initiativeInput>) {
  return change(db, actor, { action: 'create', objectType: 'initiative' }, async (tx, trail) => {
    const { programme } = await programmeOfLine(tx, actor, lineId);
    trail.municipalityCode = programme.municipalityCode;
    const existing = await tx.select({ position: programmeInitiatives.position }).from(programmeInitiatives).where(eq(programmeInitiatives.lineId, lineId));
    const [row] = await tx
      .insert(programmeInitiatives)
      .values({
        lineId,
        name: input.name,
        description: input.description,
        position: input.position ?? Math.max(0, ...existing.map((e) => e.position + 1)),
        measureCodes: input.measureCodes ?? initiativeMeasures[input.name] ?? [],
        updatedAt: db.clock.now(),
      })
      .returning();
    trail.objectId = row!.id;
    return row!;
  });
}

export async function updateInitiative(db: Database, actor: Actor, id: string, patch: z.infer<typeof initiativePatch>) {
  return change(db, actor, { action: 'update', objectType: 'initiative', objectId: id }, async (tx, trail) => {
    const { programme } = await programmeOfInitiative(tx, actor, id);
    trail.municipalityCode = programme.municipalityCode;
    if (patch.lineId) {
      const target = await programmeOfLine(tx, actor, patch.lineId);
      if (target.programme.id !== programme.id) throw programmeError('initiative_other_programme');
    }
    const [row] = await tx
      .update(programmeInitiatives)
      .set({ ...patch, updatedAt: db.clock.now() })
      .where(eq(programmeInitiatives.id, id))
      .returning();
    return row!;
  });
}

export async function deleteInitiative(db: Database, actor: Actor, id: string) {
  return change(db, actor, { action: 'delete', objectType: 'initiative', objectId: id }, async (tx, trail) => {
    const { programme } = await programmeOfInitiative(tx, actor, id);
    trail.municipalityCode = programme.municipalityCode;
    await tx.delete(programmeInitiatives).where(eq(programmeInitiatives.id, id));
  });
}

/** The progress of an initiative in a reporting period; saving again replaces it. */
export async function saveUpdate(db: Database, actor: Actor, initiativeId: string, period: string, input: z.infer<typeof updateInput>) {
  if (!periodPattern.test(period)) throw programmeError('period_invalid');
  return change(db, actor, { action: 'update', objectType: 'update', objectId: `${initiativeId} ${period}` }, async (tx, trail) => {
    const { programme } = await programmeOfInitiative(tx, actor, initiativeId);
    trail.municipalityCode = programme.municipalityCode;
    const values = { initiativeId, period, progress: input.progress, highlighted: input.highlighted ?? false, updatedAt: db.clock.now() };
    const set = { progress: values.progress, updatedAt: values.updatedAt, ...(input.highlighted === undefined ? {} : { highlighted: input.highlighted }) };
    const [row] = await tx
      .insert(programmeUpdates)
      .values(values)
      .onConflictDoUpdate({ target: [programmeUpdates.initiativeId, programmeUpdates.period], set })
      .returning();
    return row!;
  });
}

export async function createCommitment(db: Database, actor: Actor, programmeId: string, input: z.infer<typeof commitmentInput>) {
  return change(db, actor, { action: 'create', objectType: 'commitment' }, async (tx, trail) => {
    const p = await loadProgramme(tx, actor, programmeId);
    trail.municipalityCode = p.municipalityCode;
    const [row] = await tx
      .insert(programmeCommitments)
      .values({ programmeId, ...input })
      .onConflictDoNothing()
      .returning();
    if (!row) throw programmeError('commitment_code_taken', { code: input.code });
    trail.objectId = row.id;
    return row;
  });
}

export async function updateCommitment(db: Database, actor: Actor, id: string, patch: z.infer<typeof commitmentPatch>) {
  return change(db, actor, { action: 'update', objectType: 'commitment', objectId: id }, async (tx, trail) => {
    const [c] = await tx.select().from(programmeCommitments).where(eq(programmeCommitments.id, id));
    if (!c) throw programmeError('commitment_not_found');
    const p = await loadProgramme(tx, actor, c.programmeId);
    trail.municipalityCode = p.municipalityCode;
    const [row] = await tx.update(programmeCommitments).set(patch).where(eq(programmeCommitments.id, id)).returning();
    return row!;
  });
}

export async function createDecision(db: Database, actor: Actor, programmeId: string, input: z.infer<typeof decisionInput>) {
  return change(db, actor, { action: 'create', objectType: 'decision' }, async (tx, trail) => {
    const p = await loadProgramme(tx, actor, programmeId);
    trail.municipalityCode = p.municipalityCode;
    const [row] = await tx
      .insert(programmeDecisions)
      .values({ programmeId, ...input })
      .onConflictDoNothing()
      .returning();
    if (!row) throw programmeError('decision_taken', { risNumber: input.risNumber });
    trail.objectId = row.id;
    return row;
  });
}

export async function deleteDecision(db: Database, actor: Actor, id: string) {
  return change(db, actor, { action: 'delete', objectType: 'decision', objectId: id }, async (tx, trail) => {
    const [d] = await tx.select().from(programmeDecisions).where(eq(programmeDecisions.id, id));
    if (!d) throw programmeError('decision_not_found');
    const p = await loadProgramme(tx, actor, d.programmeId);
    trail.municipalityCode = p.municipalityCode;
    await tx.delete(programmeDecisions).where(eq(programmeDecisions.id, id));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The council letter: draft → approved → sent; a correction is a new version

/** The newest version of a period's letter, or undefined. */
async function latestLetter(tx: Tx, programmeId: string, period: string) {
  const [row] = await tx
    .select()
    .from(programmeLetters)
    .where(and(eq(programmeLetters.programmeId, programmeId), eq(programmeLetters.period, period)))
    .orderBy(desc(programmeLetters.version))
    .limit(1);
  return row;
}

function actorName(actor: Actor): string {
  if (actor.kind === 'user') return actor.displayName;
  if (actor.kind === 'api_key') return `API-sleutel ${actor.apiKeyId}`;
  return actor.kind === 'system' ? `systeem (${actor.job})` : 'onbekend';
}

/** The texts of the period's letter; only a draft changes (a sent letter gets a correction instead). */
export async function saveLetter(db: Database, actor: Actor, programmeId: string, period: string, input: z.infer<typeof letterInput>) {
  if (!periodPattern.test(period)) throw programmeError('period_invalid');
  return change(db, actor, { action: 'update', objectType: 'letter', objectId: `${programmeId} ${period}` }, async (tx, trail) => {
    const p = await loadProgramme(tx, actor, programmeId);
    trail.municipalityCode = p.municipalityCode;
    const current = await latestLetter(tx, programmeId, period);
    if (current && current.status !== 'draft') throw programmeError('letter_not_draft');
    const now = db.clock.now();
    const [row] = current
      ? await tx
          .update(programmeLetters)
          .set({ ...input, updatedAt: now })
          .where(eq(programmeLetters.id, current.id))
          .returning()
      : await tx
          .insert(programmeLetters)
          .values({ programmeId, period, ...input, updatedAt: now })
          .returning();
    return row!;
  });
}

/**
 * Approves the draft: who and when, and the period's figures frozen in an insights release (the one published
 * before, or for a correction with `newFigures` a new version), so the letter's figures never move again.
 */
export async function approveLetter(db: Database, actor: Actor, programmeId: string, period: string, input: z.infer<typeof approveInput>) {
  if (!periodPattern.test(period)) throw programmeError('period_invalid');
  assertCan(actor, 'programme:manage');
  const programme = await db.unauditedTransaction((tx) => loadProgramme(tx, actor, programmeId));
  const draft = await db.unauditedTransaction((tx) => latestLetter(tx, programmeId, period));
  if (!draft) throw programmeError('letter_not_found');
  if (draft.status !== 'draft') throw programmeError('letter_not_draft');
  const release = await freezeFigures(db, actor, {
    municipalityCode: programme.municipalityCode,
    period,
    again: input.newFigures && draft.version > 1,
    note: draft.version > 1 ? `Correctie raadsinformatiebrief versie ${draft.version}` : 'Raadsinformatiebrief vastgesteld',
  });
  return change(db, actor, { action: 'update', objectType: 'letter', objectId: draft.id }, async (tx, trail) => {
    trail.municipalityCode = programme.municipalityCode;
    trail.details = { period, version: draft.version, status: 'approved', releaseId: release.id };
    const [row] = await tx
      .update(programmeLetters)
      .set({ status: 'approved', approvedBy: actorName(actor), approvedAt: db.clock.now(), releaseId: release.id, updatedAt: db.clock.now() })
      .where(and(eq(programmeLetters.id, draft.id), eq(programmeLetters.status, 'draft')))
      .returning();
    if (!row) throw programmeError('letter_not_draft');
    return row;
  });
}

/**
 * Sends the approved letter to the council with its zaaknummer: the PDF and DOCX are made once, stored as sent with
 * their SHA-256, and every later download of this version returns exactly these bytes.
 */
export async function sendLetter(db: Database, actor: Actor, programmeId: string, period: string, input: z.infer<typeof sendInput>) {
  if (!periodPattern.test(period)) throw programmeError('period_invalid');
  assertCan(actor, 'programme:manage');
  const before = await programmeOverview(db, actor, programmeId, period);
  const letter = before.letter;
  if (!letter) throw programmeError('letter_not_found');
  if (letter.status !== 'approved') throw programmeError(letter.status === 'sent' ? 'letter_not_draft' : 'letter_not_approved');
  const overview = { ...before, letter: { ...letter, caseNumber: input.caseNumber } };
  const [pdf, docx] = [(await renderLetter(db, overview, 'pdf')).body, (await renderLetter(db, overview, 'docx')).body];
  return change(db, actor, { action: 'update', objectType: 'letter', objectId: letter.id }, async (tx, trail) => {
    trail.municipalityCode = before.programme.municipalityCode;
    const hashes = { pdfSha256: letterSha256(pdf), docxSha256: letterSha256(docx) };
    trail.details = { period, version: letter.version, status: 'sent', caseNumber: input.caseNumber, ...hashes };
    const [row] = await tx
      .update(programmeLetters)
      .set({ status: 'sent', caseNumber: input.caseNumber, sentBy: actorName(actor), sentAt: db.clock.now(), pdf, docx, ...hashes, updatedAt: db.clock.now() })
      .where(and(eq(programmeLetters.id, letter.id), eq(programmeLetters.status, 'approved')))
      .returning();
    if (!row) throw programmeError('letter_not_approved');
    const { pdf: _p, docx: _d, ...rest } = row;
    return rest;
  });
}

/** A correction of a sent letter: version n+1 as a draft with the same texts and the note "wat is er veranderd". */
export async function correctLetter(db: Database, actor: Actor, programmeId: string, period: string, input: z.infer<typeof correctionInput>) {
  if (!periodPattern.test(period)) throw programmeError('period_invalid');
  return change(db, actor, { action: 'create', objectType: 'letter' }, async (tx, trail) => {
    const p = await loadProgramme(tx, actor, programmeId);
    trail.municipalityCode = p.municipalityCode;
    const sent = await latestLetter(tx, programmeId, period);
    if (!sent) throw programmeError('letter_not_found');
    if (sent.status !== 'sent') throw programmeError('letter_not_sent');
    const [row] = await tx
      .insert(programmeLetters)
      .values({
        programmeId,
        period,
        version: sent.version + 1,
        status: 'draft',
        letterDate: sent.letterDate,
        meetingDate: sent.meetingDate,
        caseNumber: sent.caseNumber,
        reasonText: sent.reasonText,
        informationText: sent.informationText,
        nextStepsText: sent.nextStepsText,
        costsText: sent.costsText,
        correctionNote: input.note,
        releaseId: sent.releaseId,
        updatedAt: db.clock.now(),
      })
      .returning();
    trail.objectId = row!.id;
    trail.details = { period, version: row!.version };
    const { pdf: _p, docx: _d, ...rest } = row!;
    return rest;
  });
}
