import { and, inArray, or, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { persons } from './schema.ts';

/** A member of staff or a machine client of an organisation: who asks to read a person. */
export type Reader = Extract<Actor, { kind: 'user' | 'api_key' }>;

/**
 * One lawful relation between an organisation and a resident, contributed by the module that holds it (through
 * `personRelations` in its `module.ts`; the server hands the list to the platform, which never imports modules).
 * Need-to-know: the person register answers an organisation only about persons it has at least one relation
 * with *now*; the relation's code is the purpose recorded in the audit line.
 */
export interface PersonRelation {
  /** Recorded as the purpose of the read, e.g. `signals:case`. */
  code: string;
  /** What the relation is, in Dutch (docs, audit screens). */
  description: string;
  /**
   * The ids of the persons this reader has this relation with now, as a one-column query built on `tx`
   * (it runs inside the audited unit of work), or null when this reader can never have it (wrong role).
   */
  personIds: (tx: Tx, reader: Reader) => SQLWrapper | null;
  /**
   * True when this relation does not need the citizen service number (a partner in the chain works with the name and
   * contact details the resident shares): the register leaves the BSN out of what it shows through this relation
   * alone, and a search by BSN does not find the person through it (which would confirm the number).
   */
  withoutBsn?: boolean;
}

export interface NeedToKnow {
  /**
   * A condition on `persons.id`: the persons the reader may read now; null when there are none. With `byBsn`, only
   * through relations that need the BSN (a search by BSN).
   */
  readableCondition(tx: Tx, reader: Reader, options?: { byBsn?: boolean }): SQL | null;
  /** May a person read through these relations be shown with their BSN? */
  showsBsn(relationCodes: readonly string[]): boolean;
  /** For each of `personIds` the reader may read now: the codes of the relations that allow it. */
  relationsFor(tx: Tx, reader: Reader, personIds: string[]): Promise<Map<string, string[]>>;
  relations: readonly PersonRelation[];
}

export function needToKnow(relations: readonly PersonRelation[]): NeedToKnow {
  const applicable = (tx: Tx, reader: Reader) =>
    relations.flatMap((relation) => {
      const ids = relation.personIds(tx, reader);
      return ids ? [{ relation, ids }] : [];
    });
  return {
    relations,
    readableCondition(tx, reader, options = {}) {
      const parts = applicable(tx, reader)
        .filter(({ relation }) => !options.byBsn || !relation.withoutBsn)
        .map(({ ids }) => inArray(persons.id, ids));
      return parts.length ? (or(...parts) ?? null) : null;
    },
    showsBsn(relationCodes) {
      return relationCodes.some((code) => relations.find((r) => r.code === code)?.withoutBsn !== true);
    },
    async relationsFor(tx, reader, personIds) {
      const found = new Map<string, string[]>();
      if (!personIds.length) return found;
      for (const { relation, ids } of applicable(tx, reader)) {
        const rows = await tx
          .select({ id: persons.id })
          .from(persons)
          .where(and(inArray(persons.id, personIds), inArray(persons.id, ids)));
        for (const { id } of rows) found.set(id, [...(found.get(id) ?? []), relation.code]);
      }
      return found;
    },
  };
}

/** The purpose for the audit line: the relations used (and what the reader said, if anything). */
export function purposeOf(relationCodes: Iterable<string>, stated?: string): string {
  const codes = [...new Set(relationCodes)].sort().join(',');
  return stated ? `${codes} (${stated})` : codes;
}
