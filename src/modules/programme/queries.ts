import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { ownMunicipalities } from '../../platform/municipalities.ts';
import { initiativeFigures, type MeasureFigure } from '../insights/index.ts';
import { periodPattern } from './contract.ts';
import { buildLetterModel, renderLetterDocx, renderLetterPdf } from './letter.ts';
import { programmeError } from './messages.ts';
import { programmeCommitments, programmeDecisions, programmeInitiatives, programmeLetters, programmeLines, programmes, programmeUpdates } from './schema.ts';

/** The reads of the programme module: the programmes, one period's overview with live figures, the council letter. */

type Programme = typeof programmes.$inferSelect;

export async function loadProgramme(tx: Tx, actor: Actor, id: string): Promise<Programme> {
  const [row] = await tx.select().from(programmes).where(eq(programmes.id, id));
  if (!row) throw programmeError('programme_not_found');
  assertMunicipality(actor, row.municipalityCode);
  return row;
}

export async function programmeOfLine(tx: Tx, actor: Actor, lineId: string) {
  const [line] = await tx.select().from(programmeLines).where(eq(programmeLines.id, lineId));
  if (!line) throw programmeError('line_not_found');
  return { line, programme: await loadProgramme(tx, actor, line.programmeId) };
}

export async function programmeOfInitiative(tx: Tx, actor: Actor, initiativeId: string) {
  const [initiative] = await tx.select().from(programmeInitiatives).where(eq(programmeInitiatives.id, initiativeId));
  if (!initiative) throw programmeError('initiative_not_found');
  return { initiative, ...(await programmeOfLine(tx, actor, initiative.lineId)) };
}

/** The command line runs as a system actor: whoever may run it on the server may read the programme. */
function assertRead(actor: Actor): void {
  if (actor.kind !== 'system') assertCan(actor, 'programme:read');
}

export async function listProgrammes(db: Database, actor: Actor) {
  assertRead(actor);
  if (actor.kind === 'system') return db.unaudited((q) => q.select().from(programmes).orderBy(asc(programmes.startsOn)));
  const municipalities = ownMunicipalities(actor);
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
  letter: typeof programmeLetters.$inferSelect | null;
}

/** The programme with, per line and initiative, the progress of one reporting period and live figures from insights. */
export async function programmeOverview(db: Database, actor: Actor, id: string, period: string): Promise<ProgrammeOverview> {
  assertRead(actor);
  if (!periodPattern.test(period)) throw programmeError('period_invalid');
  const data = await db.unauditedTransaction(async (tx) => {
    const programme = await loadProgramme(tx, actor, id);
    const lines = await tx.select().from(programmeLines).where(eq(programmeLines.programmeId, id)).orderBy(asc(programmeLines.number));
    const initiatives = lines.length
      ? await tx
          .select()
          .from(programmeInitiatives)
          .where(
            inArray(
              programmeInitiatives.lineId,
              lines.map((l) => l.id),
            ),
          )
          .orderBy(asc(programmeInitiatives.position))
      : [];
    const updates = initiatives.length
      ? await tx
          .select()
          .from(programmeUpdates)
          .where(
            inArray(
              programmeUpdates.initiativeId,
              initiatives.map((i) => i.id),
            ),
          )
      : [];
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

/** Decisions taken up to a date, for the letter. */
export async function decisionsUntil(db: Database, programmeId: string, date: string) {
  return db.unaudited((q) =>
    q
      .select()
      .from(programmeDecisions)
      .where(and(eq(programmeDecisions.programmeId, programmeId), lte(programmeDecisions.decidedOn, date)))
      .orderBy(asc(programmeDecisions.decidedOn)),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The council letter

export interface GeneratedLetter {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** Generates the raadsinformatiebrief of a period as PDF or DOCX; the download is recorded in the audit log. */
export async function generateLetter(
  db: Database,
  actor: Actor,
  programmeId: string,
  period: string,
  format: 'pdf' | 'docx',
  options: { compress?: boolean } = {},
): Promise<GeneratedLetter> {
  const overview = await programmeOverview(db, actor, programmeId, period);
  const date = overview.letter?.letterDate ?? `${period.slice(0, 4)}-12-31`;
  const model = buildLetterModel(overview, await decisionsUntil(db, programmeId, date));
  const body = format === 'pdf' ? await renderLetterPdf(model, options) : await renderLetterDocx(model);
  await db.recordAuditEvent(
    actor,
    {
      action: 'print',
      objectType: 'programme_letter',
      objectId: `${programmeId} ${period}`,
      municipalityCode: overview.programme.municipalityCode,
      details: { format },
    },
    'success',
  );
  return {
    fileName: `${model.fileName}.${format}`,
    contentType: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    body,
  };
}
