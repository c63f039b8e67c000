import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { initiativeMeasures } from '../insights/index.ts';
import {
  periodPattern,
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
import { loadProgramme, programmeOfInitiative, programmeOfLine } from './queries.ts';
import { programmeCommitments, programmeDecisions, programmeInitiatives, programmeLetters, programmeLines, programmes, programmeUpdates } from './schema.ts';

/**
 * Every change goes through here: the permission, the municipality of the programme, and the audit line in
 * the same transaction (programme data are not personal, but the council letter must be traceable).
 */
function change<T>(
  db: Database,
  actor: Actor,
  what: { action: 'create' | 'update' | 'delete'; objectType: string; objectId?: string },
  work: (tx: Tx, trail: { objectId?: string | null; municipalityCode?: string | null }) => Promise<T>,
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
    const values = { initiativeId, period, progress: input.progress, updatedAt: db.clock.now() };
    const [row] = await tx
      .insert(programmeUpdates)
      .values(values)
      .onConflictDoUpdate({ target: [programmeUpdates.initiativeId, programmeUpdates.period], set: { progress: values.progress, updatedAt: values.updatedAt } })
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

export async function saveLetter(db: Database, actor: Actor, programmeId: string, period: string, input: z.infer<typeof letterInput>) {
  if (!periodPattern.test(period)) throw programmeError('period_invalid');
  return change(db, actor, { action: 'update', objectType: 'letter', objectId: `${programmeId} ${period}` }, async (tx, trail) => {
    const p = await loadProgramme(tx, actor, programmeId);
    trail.municipalityCode = p.municipalityCode;
    const values = { programmeId, period, ...input, updatedAt: db.clock.now() };
    const [row] = await tx
      .insert(programmeLetters)
      .values(values)
      .onConflictDoUpdate({ target: [programmeLetters.programmeId, programmeLetters.period], set: { ...input, updatedAt: values.updatedAt } })
      .returning();
    return row!;
  });
}
