// Search synonyms in the database: the staff's list (changes audited) and the table the search expands words with.
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan } from '../../platform/authz.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { directoryProblem } from './messages.ts';
import { directorySynonyms } from './schema.ts';
import type { SynonymInput, SynonymTable } from './synonyms.ts';

export type SynonymRow = typeof directorySynonyms.$inferSelect;

export async function listSynonyms(db: Database): Promise<SynonymRow[]> {
  return db.unaudited((q) => q.select().from(directorySynonyms).orderBy(asc(directorySynonyms.term)));
}

/** term → synonyms, for the search. */
export async function synonymTable(db: Database): Promise<SynonymTable> {
  return new Map((await listSynonyms(db)).map((r) => [r.term, r.synonyms]));
}

async function assertTermFree(db: Database, term: string, except?: string): Promise<void> {
  const [row] = await db.unaudited((q) => q.select({ id: directorySynonyms.id }).from(directorySynonyms).where(eq(directorySynonyms.term, term)));
  if (row && row.id !== except) throw directoryProblem('synonym_term_taken');
}

/** Staff add a search word with the words it should also find. */
export async function createSynonym(db: Database, actor: Actor, input: SynonymInput): Promise<SynonymRow> {
  assertCan(actor, 'directory:edit');
  await assertTermFree(db, input.term);
  return db.audited(actor, { action: 'create', objectType: 'directory_synonym', details: { term: input.term } }, async (tx, trail) => {
    const [row] = await tx
      .insert(directorySynonyms)
      .values({ term: input.term, synonyms: input.synonyms, updatedAt: db.clock.now() })
      .onConflictDoNothing()
      .returning();
    if (!row) throw directoryProblem('synonym_term_taken');
    trail.objectId = row.id;
    return row;
  });
}

/** Staff change a search word or its synonyms. */
export async function updateSynonym(db: Database, actor: Actor, id: string, input: SynonymInput): Promise<SynonymRow> {
  assertCan(actor, 'directory:edit');
  await assertTermFree(db, input.term, id);
  return db.audited(actor, { action: 'update', objectType: 'directory_synonym', objectId: id, details: { term: input.term } }, async (tx) => {
    const [row] = await tx
      .update(directorySynonyms)
      .set({ term: input.term, synonyms: input.synonyms, updatedAt: db.clock.now() })
      .where(eq(directorySynonyms.id, id))
      .returning();
    if (!row) throw new NotFoundError('Dit zoekwoord');
    return row;
  });
}

/** Staff remove a search word. */
export async function deleteSynonym(db: Database, actor: Actor, id: string): Promise<void> {
  assertCan(actor, 'directory:edit');
  await db.audited(actor, { action: 'delete', objectType: 'directory_synonym', objectId: id }, async (tx) => {
    const deleted = await tx.delete(directorySynonyms).where(eq(directorySynonyms.id, id)).returning({ id: directorySynonyms.id });
    if (!deleted.length) throw new NotFoundError('Dit zoekwoord');
  });
}
