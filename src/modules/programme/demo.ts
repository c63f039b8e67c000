import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { initiativeMeasures } from '../insights/index.ts';
import { programmeCommitments, programmeDecisions, programmeInitiatives, programmeLetters, programmeLines, programmes, programmeUpdates } from './schema.ts';
import { seedCommitments, seedDecisions, seedLetters, seedLines, seedProgramme } from './seed-data.ts';

/** Seed 002's four programme lines with their initiatives and progress, seed 000's letter, commitment and decisions. */
export async function seedProgrammeDemo(db: Database): Promise<string> {
  return db.unauditedTransaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(programmes)
      .where(and(eq(programmes.municipalityCode, seedProgramme.municipalityCode), eq(programmes.name, seedProgramme.name)));
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
        // Seed 000 highlights exactly the projects with news in 2019-H2 under "Wat is de te delen informatie?".
        for (const [period, progress] of Object.entries(initiative.updates))
          await tx.insert(programmeUpdates).values({ initiativeId: i!.id, period, progress, highlighted: period === '2019-H2' });
      }
    }
    await tx.insert(programmeCommitments).values(seedCommitments.map((c) => ({ programmeId: id, ...c })));
    await tx.insert(programmeDecisions).values(seedDecisions.map((d) => ({ programmeId: id, ...d })));
    await tx.insert(programmeLetters).values(seedLetters.map((l) => ({ programmeId: id, ...l })));
    return id;
  });
}
