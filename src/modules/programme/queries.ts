import { createHash } from 'node:crypto';
import { and, asc, eq, getTableColumns, inArray, lte } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { ownMunicipalities } from '../../platform/municipalities.ts';
import { initiativeFigures, type MeasureFigure } from '../insights/index.ts';
import { periodPattern } from './contract.ts';
import { buildLetterModel, letterFileName, renderLetterDocx, renderLetterPdf } from './letter.ts';
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
  highlighted: boolean;
  figures: MeasureFigure[];
}

/** A letter version without its stored files (those are read only to be sent out). */
const { pdf: _pdf, docx: _docx, ...letterColumns } = getTableColumns(programmeLetters);
export type LetterRow = Omit<typeof programmeLetters.$inferSelect, 'pdf' | 'docx'>;

export interface ProgrammeOverview {
  programme: Programme;
  period: string;
  periods: string[];
  lines: { id: string; number: number; title: string; initiatives: InitiativeView[] }[];
  commitments: (typeof programmeCommitments.$inferSelect)[];
  decisions: (typeof programmeDecisions.$inferSelect)[];
  letter: LetterRow | null;
  letterVersions: LetterRow[];
  /** The latest version of every period's letter, for "the earlier progress letters". */
  allLetters: LetterRow[];
}

/**
 * The programme with, per line and initiative, the progress of one reporting period and its figures from insights:
 * the frozen figures of the letter's release once it is approved, else the published or live figures of the period.
 * `version` picks a letter version (default the newest).
 */
export async function programmeOverview(
  db: Database,
  actor: Actor,
  id: string,
  period: string,
  options: { version?: number } = {},
): Promise<ProgrammeOverview> {
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
    const letters = await tx
      .select(letterColumns)
      .from(programmeLetters)
      .where(eq(programmeLetters.programmeId, id))
      .orderBy(asc(programmeLetters.period), asc(programmeLetters.version));
    return { programme, lines, initiatives, updates, commitments, decisions, letters };
  });
  const periods = [...new Set([...data.updates.map((u) => u.period), ...data.letters.map((l) => l.period), period])].sort();
  const letterVersions = data.letters.filter((l) => l.period === period);
  const letter = options.version ? letterVersions.find((l) => l.version === options.version) : letterVersions[letterVersions.length - 1];
  if (options.version && !letter) throw programmeError('letter_not_found');
  const releaseId = letter && letter.status !== 'draft' ? letter.releaseId : null;
  const allLetters = [...new Set(data.letters.map((l) => l.period))].map((p) => data.letters.filter((l) => l.period === p).pop()!);
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
        highlighted: data.updates.find((u) => u.initiativeId === i.id && u.period === period)?.highlighted ?? false,
        figures: await initiativeFigures(db, { measureCodes: i.measureCodes, municipalityCode: data.programme.municipalityCode, period, releaseId }),
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
    letter: letter ?? null,
    letterVersions,
    allLetters,
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
  sha256: string;
  /** The letter version, and whether the body is the stored copy that was sent. */
  version: number | null;
  stored: boolean;
}

const contentTypes = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;
const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

/** Renders both files of a letter version from its overview (pure but for the renderers; no audit). */
export async function renderLetter(db: Database, overview: ProgrammeOverview, format: 'pdf' | 'docx', options: { compress?: boolean } = {}) {
  const date = overview.letter?.letterDate ?? `${overview.period.slice(0, 4)}-12-31`;
  const model = buildLetterModel(overview, await decisionsUntil(db, overview.programme.id, date));
  // A fixed creation date (the approval, else the last change) keeps the same letter the same bytes.
  const createdAt = overview.letter?.approvedAt ?? overview.letter?.updatedAt ?? new Date(`${date}T12:00:00Z`);
  const body = format === 'pdf' ? await renderLetterPdf(model, { ...options, createdAt }) : await renderLetterDocx(model, createdAt);
  return { model, body };
}

/**
 * The raadsinformatiebrief of a period as PDF or DOCX. A sent version is returned exactly as it was stored when
 * it was sent; any other version is generated (with the frozen figures once approved). Audited as print.
 */
export async function generateLetter(
  db: Database,
  actor: Actor,
  programmeId: string,
  period: string,
  format: 'pdf' | 'docx',
  options: { compress?: boolean; version?: number } = {},
): Promise<GeneratedLetter> {
  const overview = await programmeOverview(db, actor, programmeId, period, { version: options.version });
  const letter = overview.letter;
  let body: Buffer;
  let fileName: string;
  let stored = false;
  const baseName = letterFileName(overview);
  if (letter?.status === 'sent') {
    const [row] = await db.unaudited((q) =>
      q.select({ pdf: programmeLetters.pdf, docx: programmeLetters.docx }).from(programmeLetters).where(eq(programmeLetters.id, letter.id)),
    );
    const file = format === 'pdf' ? row?.pdf : row?.docx;
    if (!file) throw programmeError('letter_not_found');
    body = file;
    fileName = baseName;
    stored = true;
  } else {
    const rendered = await renderLetter(db, overview, format, options);
    body = rendered.body;
    fileName = rendered.model.fileName;
  }
  await db.recordAuditEvent(
    actor,
    {
      action: 'print',
      objectType: 'programme_letter',
      objectId: `${programmeId} ${period}`,
      municipalityCode: overview.programme.municipalityCode,
      details: { format, version: letter?.version ?? null, status: letter?.status ?? 'draft' },
    },
    'success',
  );
  return { fileName: `${fileName}.${format}`, contentType: contentTypes[format], body, sha256: sha256(body), version: letter?.version ?? null, stored };
}

export { sha256 as letterSha256 };
