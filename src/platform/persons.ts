import { and, eq, ilike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../db/database.ts';
import { describeUniqueConstraint } from '../db/errors.ts';
import type { Actor } from './actor.ts';
import { assertCan, assertMunicipality } from './authz.ts';
import { isValidBsn, normalisePostcode } from './bsn.ts';
import { municipalityCode } from './municipalities.ts';
import { NoNeedToKnowError, NotFoundError } from './errors.ts';
import { purposeOf, type NeedToKnow } from './needToKnow.ts';
import { persons, type PersonRow } from './schema.ts';

describeUniqueConstraint('persons_municipality_bsn_key', {
  message: 'Er staat in deze gemeente al een inwoner met dit BSN ingeschreven.',
  field: 'bsn',
  reason: 'Dit BSN is al vastgelegd.',
});

/** The register of residents. Every function here goes through `db.audited`, so each read leaves a trace. */
export const personInput = z.object({
  municipalityCode,
  bsn: z.string().max(20).refine(isValidBsn, 'Dit BSN voldoet niet aan de elfproef.').optional().nullable(),
  initials: z.string().trim().max(20).optional().nullable(),
  prefix: z.string().trim().max(20).optional().nullable(),
  surname: z.string().trim().min(1).max(200),
  birthDate: z.iso.date().optional().nullable(),
  street: z.string().trim().max(200).optional().nullable(),
  houseNumber: z.string().trim().max(10).optional().nullable(),
  houseNumberSuffix: z.string().trim().max(10).optional().nullable(),
  postcode: z
    .string()
    .max(20)
    .transform((v, ctx) => {
      const normalised = normalisePostcode(v);
      if (!normalised) ctx.addIssue({ code: 'custom', message: 'Een postcode is vier cijfers en twee letters.' });
      return normalised ?? v;
    })
    .optional()
    .nullable(),
  city: z.string().trim().max(100).optional().nullable(),
  phone: z.string().trim().max(30).optional().nullable(),
  email: z.string().trim().max(254).email().optional().nullable(),
});
export type PersonInput = z.infer<typeof personInput>;

export async function createPerson(db: Database, actor: Actor, input: PersonInput, purpose?: string): Promise<PersonRow> {
  assertCan(actor, 'persons:write');
  assertMunicipality(actor, input.municipalityCode);
  return db.audited(actor, { action: 'create', objectType: 'person', municipalityCode: input.municipalityCode, purpose }, async (tx, trail) => {
    const person = await insertPerson(tx, input);
    trail.objectId = person.id;
    trail.subjectIds = [person.id];
    return person;
  });
}

/** For modules that register a person inside their own audited unit of work. */
export async function insertPerson(tx: Tx, input: PersonInput): Promise<PersonRow> {
  const [created] = await tx.insert(persons).values(input).returning();
  return created!;
}

/**
 * One resident, only for an organisation with a lawful relation to them now (need-to-know, see `needToKnow.ts`).
 * Unknown, another municipality's, or no relation: the same 404. The audit line names the relation as purpose.
 */
export async function getPerson(db: Database, actor: Actor, personId: string, access: NeedToKnow, statedPurpose?: string): Promise<PersonRow> {
  assertCan(actor, 'persons:read');
  return db.audited(actor, { action: 'read', objectType: 'person', objectId: personId, subjectIds: [personId] }, async (tx, trail) => {
    const [person] = await tx.select().from(persons).where(eq(persons.id, personId));
    if (!person) throw new NotFoundError('De persoon');
    trail.municipalityCode = person.municipalityCode;
    if (!actor.municipalities.includes(person.municipalityCode)) throw new NoNeedToKnowError('De persoon');
    const relations = (await access.relationsFor(tx, actor, [personId])).get(personId) ?? [];
    if (!relations.length) throw new NoNeedToKnowError('De persoon');
    trail.purpose = purposeOf(relations, statedPurpose);
    trail.details = { relations };
    // Need-to-know: a relation that does not need the BSN (a referral in the chain) does not show it.
    return access.showsBsn(relations) ? person : { ...person, bsn: null };
  });
}

export const personSearch = z.object({
  municipalityCode,
  bsn: z.string().max(20).optional(),
  surname: z.string().trim().min(2).max(200).optional(),
  postcode: z.string().max(20).optional(),
  houseNumber: z.string().max(10).optional(),
});

/**
 * A search is itself an event; the audit line lists every person it returned and the relations that allowed it.
 * Only persons the organisation may read now (need-to-know) are searched: the others are never listed.
 */
export async function searchPersons(
  db: Database,
  actor: Actor,
  query: z.infer<typeof personSearch>,
  access: NeedToKnow,
  statedPurpose?: string,
): Promise<PersonRow[]> {
  assertCan(actor, 'persons:read');
  assertMunicipality(actor, query.municipalityCode);
  const terms: SQL[] = [];
  if (query.bsn) terms.push(eq(persons.bsn, query.bsn));
  if (query.surname) terms.push(ilike(persons.surname, `${query.surname.replace(/[%_\\]/g, '\\$&')}%`));
  if (query.postcode) {
    const postcode = normalisePostcode(query.postcode) ?? query.postcode;
    terms.push(query.houseNumber ? and(eq(persons.postcode, postcode), eq(persons.houseNumber, query.houseNumber))! : eq(persons.postcode, postcode));
  }
  const fields = Object.keys(query).filter((k) => k !== 'municipalityCode');
  return db.audited(actor, { action: 'search', objectType: 'person', municipalityCode: query.municipalityCode, details: { fields } }, async (tx, trail) => {
    if (!terms.length) return [];
    const readable = access.readableCondition(tx, actor, { byBsn: Boolean(query.bsn) });
    if (!readable) return [];
    const found = await tx
      .select()
      .from(persons)
      .where(and(eq(persons.municipalityCode, query.municipalityCode), or(...terms), readable))
      .limit(50);
    trail.subjectIds = found.map((p) => p.id);
    const relations = await access.relationsFor(tx, actor, trail.subjectIds);
    trail.purpose = found.length ? purposeOf([...relations.values()].flat(), statedPurpose) : (statedPurpose ?? null);
    trail.details = { fields, relations: Object.fromEntries(relations) };
    return found.map((p) => (access.showsBsn(relations.get(p.id) ?? []) ? p : { ...p, bsn: null }));
  });
}

/**
 * What Vangnet already knows of a resident logged in with DigiD, to fill in their own form: the person with this
 * BSN (from the broker's token) in this municipality, or null. Audited as the resident's own read.
 */
export async function residentPersonByBsn(db: Database, actor: Actor, municipalityCode: string, bsn: string): Promise<PersonRow | null> {
  return db.audited(actor, { action: 'read', objectType: 'person', municipalityCode, purpose: 'Inwoner (DigiD) vult eigen gegevens in' }, async (tx, trail) => {
    const [person] = await tx
      .select()
      .from(persons)
      .where(and(eq(persons.municipalityCode, municipalityCode), eq(persons.bsn, bsn)));
    if (person) trail.subjectIds = [person.id];
    return person ?? null;
  });
}
