import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { periodPattern, type commitmentInput, type commitmentPatch, type decisionInput, type initiativeInput, type initiativePatch, type letterInput, type lineInput, type programmeInput, type programmePatch, type updateInput } from './contract.ts';
import { initiativeFigures, initiativeMeasures, type MeasureFigure } from '../insights/index.ts';
import { programmeCommitments, programmeDecisions, programmeInitiatives, programmeLetters, programmeLines, programmes, programmeUpdates } from './schema.ts';
import { buildLetterModel, renderLetterDocx, renderLetterPdf } from './letter.ts';
import { seedCommitments, seedDecisions, seedLetters, seedLines, seedProgramme } from './seed-data.ts';

export { periodPattern, reportingPeriod } from './contract.ts';

type Programme = typeof programmes.$inferSelect;

async function loadProgramme(tx: Tx, actor: Actor, id: string): Promise<Programme> {
  const [row] = await tx.select().from(programmes).where(eq(programmes.id, id));
  if (!row) throw new NotFoundError('Het programma');
  assertMunicipality(actor, row.municipalityCode);
  return row;
}

async function programmeOfLine(tx: Tx, actor: Actor, lineId: string) {
  const [line] = await tx.select().from(programmeLines).where(eq(programmeLines.id, lineId));
  if (!line) throw new NotFoundError('De programmalijn');
  return { line, programme: await loadProgramme(tx, actor, line.programmeId) };
}

async function programmeOfInitiative(tx: Tx, actor: Actor, initiativeId: string) {
  const [initiative] = await tx.select().from(programmeInitiatives).where(eq(programmeInitiatives.id, initiativeId));
  if (!initiative) throw new NotFoundError('Het initiatief');
  return { initiative, ...(await programmeOfLine(tx, actor, initiative.lineId)) };
}

/**
 * Every change goes through here: the permission, the municipality of the programme, and the audit line in
 * the same transaction (programme data are not personal, but the council letter must be traceable).
 */
function change<T>(db: Database, actor: Actor, what: { action: 'create' | 'update' | 'delete'; objectType: string; objectId?: string }, work: (tx: Tx, trail: { objectId?: string | null; municipalityCode?: string | null }) => Promise<T>) {
  assertCan(actor, 'programme:manage');
  return db.audited(actor, { ...what, objectType: `programme_${what.objectType}` }, work);
}

// ---------------------------------------------------------------------------------------------------------------
// Reads

/** The command line runs as a system actor: whoever may run it on the server may read the programme. */
function assertRead(actor: Actor): void {
  if (actor.kind !== 'system') assertCan(actor, 'programme:read');
}

export async function listProgrammes(db: Database, actor: Actor) {
  assertRead(actor);
  if (actor.kind === 'system') return db.unaudited((q) => q.select().from(programmes).orderBy(asc(programmes.startsOn)));
  const municipalities = actor.kind === 'user' || actor.kind === 'api_key' ? actor.municipalities : [];
  if (municipalities.length === 0) return [];
  return db.unaudited((q) => q.select().from(programmes).where(inArray(programmes.municipalityCode, municipalities)).orderBy(asc(programmes.startsOn)));
}

export interface InitiativeView {
  id: string;
  name: string;
  description: string;
  position: number;
  measureCodes: string[];
  progress: string | null;
  figures: MeasureFigure[];
}

export interface ProgrammeOverview {
  programme: Programme;
  period: string;
  periods: string[];
  lines: { id: string; number: number; title: string; initiatives: InitiativeView[] }[];
  commitments: (typeof programmeCommitments.$inferSelect)[];
  decisions: (typeof programmeDecisions.$inferSelect)[];
  letter: (typeof programmeLetters.$inferSelect) | null;
}

/** The programme with, per line and initiative, the progress of one reporting period and live figures from insights. */
export async function programmeOverview(db: Database, actor: Actor, id: string, period: string): Promise<ProgrammeOverview> {
  assertRead(actor);
  if (!periodPattern.test(period)) throw new ValidationError('De periode is niet geldig.', [{ field: 'period', reason: 'Gebruik een halfjaar als 2021-H1.' }]);
  const data = await db.unauditedTransaction(async (tx) => {
    const programme = await loadProgramme(tx, actor, id);
    const lines = await tx.select().from(programmeLines).where(eq(programmeLines.programmeId, id)).orderBy(asc(programmeLines.number));
    const initiatives = lines.length
      ? await tx.select().from(programmeInitiatives).where(inArray(programmeInitiatives.lineId, lines.map((l) => l.id))).orderBy(asc(programmeInitiatives.position))
      : [];
    const updates = initiatives.length ? await tx.select().from(programmeUpdates).where(inArray(programmeUpdates.initiativeId, initiatives.map((i) => i.id))) : [];
    const commitments = await tx.select().from(programmeCommitments).where(eq(programmeCommitments.programmeId, id)).orderBy(asc(programmeCommitments.dueOn));
    const decisions = await tx.select().from(programmeDecisions).where(eq(programmeDecisions.programmeId, id)).orderBy(asc(programmeDecisions.decidedOn));
    const letters = await tx.select().from(programmeLetters).where(eq(programmeLetters.programmeId, id));
    return { programme, lines, initiatives, updates, commitments, decisions, letters };
  });
  const periods = [...new Set([...data.updates.map((u) => u.period), ...data.letters.map((l) => l.period), period])].sort();
  const lines = [];
  for (const line of data.lines) {
    const views: InitiativeView[] = [];
    for (const i of data.initiatives.filter((x) => x.lineId === line.id)) {
      views.push({
        id: i.id,
        name: i.name,
        description: i.description,
        position: i.position,
        measureCodes: i.measureCodes,
        progress: data.updates.find((u) => u.initiativeId === i.id && u.period === period)?.progress ?? null,
        figures: await initiativeFigures(db, { measureCodes: i.measureCodes, municipalityCode: data.programme.municipalityCode, period }),
      });
    }
    lines.push({ id: line.id, number: line.number, title: line.title, initiatives: views });
  }
  return {
    programme: data.programme,
    period,
    periods,
    lines,
    commitments: data.commitments,
    decisions: data.decisions,
    letter: data.letters.find((l) => l.period === period) ?? null,
  };
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
    const [row] = await tx.update(programmes).set({ ...patch, updatedAt: db.clock.now() }).where(eq(programmes.id, id)).returning();
    return row!;
  });
}

export async function createLine(db: Database, actor: Actor, programmeId: string, input: z.infer<typeof lineInput>) {
  return change(db, actor, { action: 'create', objectType: 'line' }, async (tx, trail) => {
    const p = await loadProgramme(tx, actor, programmeId);
    trail.municipalityCode = p.municipalityCode;
    const [row] = await tx.insert(programmeLines).values({ programmeId, ...input }).onConflictDoNothing().returning();
    if (!row) throw new ValidationError('Er is al een programmalijn met dit nummer.', [{ field: 'number', reason: `Programmalijn ${input.number} bestaat al.` }]);
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
      if (target.programme.id !== programme.id) throw new ValidationError('Een initiatief blijft binnen zijn programma.', [{ field: 'lineId', reason: 'Kies een programmalijn van hetzelfde programma.' }]);
    }
    const [row] = await tx.update(programmeInitiatives).set({ ...patch, updatedAt: db.clock.now() }).where(eq(programmeInitiatives.id, id)).returning();
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
  if (!periodPattern.test(period)) throw new ValidationError('De periode is niet geldig.', [{ field: 'period', reason: 'Gebruik een halfjaar als 2021-H1.' }]);
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
    const [row] = await tx.insert(programmeCommitments).values({ programmeId, ...input }).onConflictDoNothing().returning();
    if (!row) throw new ValidationError('Deze toezegging staat er al.', [{ field: 'code', reason: `Toezegging ${input.code} bestaat al.` }]);
    trail.objectId = row.id;
    return row;
  });
}

export async function updateCommitment(db: Database, actor: Actor, id: string, patch: z.infer<typeof commitmentPatch>) {
  return change(db, actor, { action: 'update', objectType: 'commitment', objectId: id }, async (tx, trail) => {
    const [c] = await tx.select().from(programmeCommitments).where(eq(programmeCommitments.id, id));
    if (!c) throw new NotFoundError('De toezegging');
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
    const [row] = await tx.insert(programmeDecisions).values({ programmeId, ...input }).onConflictDoNothing().returning();
    if (!row) throw new ValidationError('Dit besluit staat er al.', [{ field: 'risNumber', reason: `RIS-dossier ${input.risNumber} staat er al.` }]);
    trail.objectId = row.id;
    return row;
  });
}

export async function deleteDecision(db: Database, actor: Actor, id: string) {
  return change(db, actor, { action: 'delete', objectType: 'decision', objectId: id }, async (tx, trail) => {
    const [d] = await tx.select().from(programmeDecisions).where(eq(programmeDecisions.id, id));
    if (!d) throw new NotFoundError('Het besluit');
    const p = await loadProgramme(tx, actor, d.programmeId);
    trail.municipalityCode = p.municipalityCode;
    await tx.delete(programmeDecisions).where(eq(programmeDecisions.id, id));
  });
}

export async function saveLetter(db: Database, actor: Actor, programmeId: string, period: string, input: z.infer<typeof letterInput>) {
  if (!periodPattern.test(period)) throw new ValidationError('De periode is niet geldig.', [{ field: 'period', reason: 'Gebruik een halfjaar als 2021-H1.' }]);
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

/** Decisions taken up to a date, for the letter. */
export async function decisionsUntil(db: Database, programmeId: string, date: string) {
  return db.unaudited((q) =>
    q.select().from(programmeDecisions).where(and(eq(programmeDecisions.programmeId, programmeId), lte(programmeDecisions.decidedOn, date))).orderBy(asc(programmeDecisions.decidedOn)),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Demo

/** Seed 002's four programme lines with their initiatives and progress, seed 000's letter, commitment and decisions. */
export async function seedProgrammeDemo(db: Database): Promise<string> {
  return db.unauditedTransaction(async (tx) => {
    const [existing] = await tx.select().from(programmes).where(and(eq(programmes.municipalityCode, seedProgramme.municipalityCode), eq(programmes.name, seedProgramme.name)));
    if (existing) return existing.id;
    const [programme] = await tx.insert(programmes).values(seedProgramme).returning();
    const id = programme!.id;
    for (const line of seedLines) {
      const [l] = await tx.insert(programmeLines).values({ programmeId: id, number: line.number, title: line.title }).returning();
      let position = 0;
      for (const initiative of line.initiatives) {
        const [i] = await tx
          .insert(programmeInitiatives)
          .values({ lineId: l!.id, name: initiative.name, position: position++, measureCodes: initiativeMeasures[initiative.name] ?? [] })
          .returning();
        for (const [period, progress] of Object.entries(initiative.updates)) await tx.insert(programmeUpdates).values({ initiativeId: i!.id, period, progress });
      }
    }
    await tx.insert(programmeCommitments).values(seedCommitments.map((c) => ({ programmeId: id, ...c })));
    await tx.insert(programmeDecisions).values(seedDecisions.map((d) => ({ programmeId: id, ...d })));
    await tx.insert(programmeLetters).values(seedLetters.map((l) => ({ programmeId: id, ...l })));
    return id;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The council letter

export interface GeneratedLetter {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** Generates the raadsinformatiebrief of a period as PDF or DOCX; the download is recorded in the audit log. */
export async function generateLetter(db: Database, actor: Actor, programmeId: string, period: string, format: 'pdf' | 'docx', options: { compress?: boolean } = {}): Promise<GeneratedLetter> {
  const overview = await programmeOverview(db, actor, programmeId, period);
  const date = overview.letter?.letterDate ?? `${period.slice(0, 4)}-12-31`;
  const model = buildLetterModel(overview, await decisionsUntil(db, programmeId, date));
  const body = format === 'pdf' ? await renderLetterPdf(model, options) : await renderLetterDocx(model);
  await db.recordAuditEvent(actor, { action: 'print', objectType: 'programme_letter', objectId: `${programmeId} ${period}`, municipalityCode: overview.programme.municipalityCode, details: { format } }, 'success');
  return {
    fileName: `${model.fileName}.${format}`,
    contentType: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    body,
  };
}
