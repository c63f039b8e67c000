import { and, arrayContained, arrayContains, arrayOverlaps, count, desc, eq, gte, inArray, like, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { administeredMunicipalities, assertCan } from './authz.ts';
import { isValidBsn } from './bsn.ts';
import { auditActions, auditResults, type auditEvent } from './contract-platform.ts';
import { ValidationError } from './errors.ts';
import { apiKeys, auditEvents, organisations, persons, surnameKey, surnamePrefixPattern, users } from './schema.ts';

export const auditQuery = z.object({
  actorUserId: z.string().uuid().optional(),
  organisationId: z.string().uuid().optional(),
  action: z.enum(auditActions).optional(),
  objectType: z.string().max(50).optional(),
  objectId: z.string().max(100).optional(),
  subjectId: z.string().uuid().optional(),
  /**
   * A resident by surname (the start of it, without "van", "de", ...) or by BSN: matched on the person register,
   * never stored. The search is audited as a search without its text.
   */
  person: z.string().trim().min(2, 'Vul minstens twee letters van de achternaam in, of een BSN.').max(100).optional(),
  result: z.enum(auditResults).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  /**
   * Only lines older than this id. Keyset paging (the last id of the previous page), or the anchor of a paged view
   * (the first id seen, plus one): new lines written meanwhile then do not shift the pages.
   */
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.input<typeof auditQuery>;

type AuditLine = z.input<typeof auditEvent>;
type AuditRow = typeof auditEvents.$inferSelect;

/** At most this many residents are named per line; the others are counted in `subjectIds`. */
const NAMED_SUBJECTS_PER_LINE = 5;
/** A person filter that matches more residents than this looks for these only (the newest registered first). */
const MAX_MATCHED_PERSONS = 500;

/**
 * The audit trail for administrators, newest first, a page at a time (`total` counts every line that matches).
 * Filterable by user, organisation, action, result, period and resident (`subjectId`, or `person`: a surname or
 * BSN looked up in the register). Each line names who acted, for whom and which residents. Looking is itself
 * logged, with the filters used but never the text searched for, and with the residents it named.
 */
export async function listAuditEvents(db: Database, actor: Actor, input: AuditQuery) {
  assertCan(actor, 'audit:read');
  const query = auditQuery.parse(input);
  const administered = [...administeredMunicipalities(actor)];
  const personSearch = query.person ? personFilter(query.person) : null;
  const where: SQL[] = [];
  if (query.actorUserId) where.push(eq(auditEvents.actorUserId, query.actorUserId));
  if (query.organisationId) where.push(eq(auditEvents.actorOrganisationId, query.organisationId));
  if (query.action) where.push(eq(auditEvents.action, query.action));
  if (query.objectType) where.push(eq(auditEvents.objectType, query.objectType));
  if (query.objectId) where.push(eq(auditEvents.objectId, query.objectId));
  if (query.subjectId) where.push(arrayContains(auditEvents.subjectIds, [query.subjectId]));
  if (query.result) where.push(eq(auditEvents.result, query.result));
  if (query.from) where.push(gte(auditEvents.occurredAt, new Date(`${query.from}T00:00:00Z`)));
  if (query.to) where.push(lt(auditEvents.occurredAt, new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000)));
  if (query.before) where.push(lt(auditEvents.id, query.before));
  // The one scope rule: an admin sees a line only if every municipality it belongs to is one they administer.
  // Lines of no municipality (system jobs, logins of unknown accounts) are shown to no municipal admin.
  where.push(sql`cardinality(${auditEvents.municipalityCodes}) > 0`);
  where.push(administered.length ? arrayContained(auditEvents.municipalityCodes, administered) : sql`false`);
  const filters = Object.keys(input).filter((k) => input[k as keyof AuditQuery] !== undefined && k !== 'limit' && k !== 'offset' && k !== 'before');
  return db.audited(
    actor,
    {
      action: 'search',
      objectType: 'audit_event',
      municipalityCodes: administered,
      subjectIds: query.subjectId ? [query.subjectId] : [],
      details: { filters, ...(personSearch ? { personSearch: personSearch.kind } : {}) },
    },
    async (tx, trail) => {
      if (personSearch) {
        const matched = await matchPersons(tx, personSearch, administered);
        where.push(matched.length ? arrayOverlaps(auditEvents.subjectIds, matched) : sql`false`);
      }
      const [counted] = await tx
        .select({ total: count() })
        .from(auditEvents)
        .where(and(...where));
      const rows = await tx
        .select()
        .from(auditEvents)
        .where(and(...where))
        .orderBy(desc(auditEvents.id))
        .limit(query.limit)
        .offset(query.offset);
      const items = await withNames(tx, rows, administered);
      const named = [...new Set(items.flatMap((i) => i.subjects.filter((s) => s.name).map((s) => s.id)))];
      trail.subjectIds = [...new Set([...(trail.subjectIds ?? []), ...named])];
      return { total: counted?.total ?? 0, limit: query.limit, offset: query.offset, items };
    },
  );
}

type PersonFilter = { kind: 'bsn'; bsn: string } | { kind: 'name'; key: string };

/** A BSN (nine digits, dots or spaces allowed) or the start of a surname, as the register is searched. */
function personFilter(text: string): PersonFilter {
  const digits = text.replace(/[\s.]/g, '');
  if (/^\d+$/.test(digits)) {
    const bsn = digits.padStart(9, '0');
    if (digits.length < 8 || digits.length > 9 || !isValidBsn(bsn)) {
      throw new ValidationError('Dit BSN klopt niet.', [
        { field: 'querystring.person', reason: 'Dit BSN klopt niet: een BSN heeft negen cijfers en voldoet aan de elfproef.' },
      ]);
    }
    return { kind: 'bsn', bsn };
  }
  const key = text.toLowerCase().replace(new RegExp(surnamePrefixPattern), '').trim();
  if (key.length < 2)
    throw new ValidationError('Vul een achternaam in.', [
      { field: 'querystring.person', reason: 'Vul minstens twee letters van de achternaam in, of een BSN.' },
    ]);
  return { kind: 'name', key };
}

async function matchPersons(tx: Tx, filter: PersonFilter, administered: string[]): Promise<string[]> {
  if (!administered.length) return [];
  const match = filter.kind === 'bsn' ? eq(persons.bsn, filter.bsn) : like(surnameKey(persons.surname), `${filter.key.replace(/[%_\\]/g, '\\$&')}%`);
  const rows = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(inArray(persons.municipalityCode, administered), match))
    .orderBy(desc(persons.createdAt))
    .limit(MAX_MATCHED_PERSONS);
  return rows.map((r) => r.id);
}

/** "J. de Vries" */
export function personName(p: { initials: string | null; prefix: string | null; surname: string }): string {
  return [p.initials, p.prefix, p.surname].filter((part) => part?.trim()).join(' ');
}

/** The lines with the names of who acted, their organisation, on whose behalf, and the residents. */
async function withNames(tx: Tx, rows: AuditRow[], administered: string[]): Promise<AuditLine[]> {
  const userIds = [...new Set(rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))];
  const keyIds = [...new Set(rows.flatMap((r) => (r.actorApiKeyId ? [r.actorApiKeyId] : [])))];
  const orgIds = [...new Set(rows.flatMap((r) => (r.actorOrganisationId ? [r.actorOrganisationId] : [])))];
  const behalfCodes = [...new Set(rows.flatMap((r) => (r.onBehalfOf?.startsWith('organisation:') ? [r.onBehalfOf.slice('organisation:'.length)] : [])))];
  const subjectIds = [...new Set(rows.flatMap((r) => r.subjectIds.slice(0, NAMED_SUBJECTS_PER_LINE)))];
  const userNames = new Map(
    userIds.length ? (await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))).map((u) => [u.id, u.name]) : [],
  );
  const keyNames = new Map(
    keyIds.length ? (await tx.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(inArray(apiKeys.id, keyIds))).map((k) => [k.id, k.name]) : [],
  );
  const orgRows =
    orgIds.length || behalfCodes.length
      ? await tx
          .select({ id: organisations.id, code: organisations.code, name: organisations.name })
          .from(organisations)
          .where(
            sql`${orgIds.length ? inArray(organisations.id, orgIds) : sql`false`} or ${behalfCodes.length ? inArray(organisations.code, behalfCodes) : sql`false`}`,
          )
      : [];
  const orgNames = new Map(orgRows.map((o) => [o.id, o.name]));
  const orgByCode = new Map(orgRows.map((o) => [o.code, o.name]));
  const personNames = new Map(
    subjectIds.length && administered.length
      ? (
          await tx
            .select({ id: persons.id, initials: persons.initials, prefix: persons.prefix, surname: persons.surname })
            .from(persons)
            .where(and(inArray(persons.id, subjectIds), inArray(persons.municipalityCode, administered)))
        ).map((p) => [p.id, personName(p)])
      : [],
  );
  return rows.map((r) => {
    const organisationName = r.actorOrganisationId ? (orgNames.get(r.actorOrganisationId) ?? null) : null;
    return {
      ...r,
      actorName: actorName(r, { userNames, keyNames, organisationName }),
      organisationName,
      onBehalfOfName: r.onBehalfOf
        ? r.onBehalfOf.startsWith('organisation:')
          ? (orgByCode.get(r.onBehalfOf.slice('organisation:'.length)) ?? r.onBehalfOf)
          : r.onBehalfOf
        : null,
      subjects: r.subjectIds.slice(0, NAMED_SUBJECTS_PER_LINE).map((id) => ({ id, name: personNames.get(id) ?? null })),
    };
  });
}

function actorName(r: AuditRow, names: { userNames: Map<string, string>; keyNames: Map<string, string>; organisationName: string | null }): string {
  if (r.actorKind === 'user') return (r.actorUserId && names.userNames.get(r.actorUserId)) || 'Onbekende medewerker';
  if (r.actorKind === 'api_key') {
    const key = r.actorApiKeyId ? names.keyNames.get(r.actorApiKeyId) : undefined;
    return `API-sleutel${key ? ` „${key}”` : ''} van ${names.organisationName ?? 'een onbekende organisatie'}`;
  }
  if (r.actorKind.startsWith('system')) return `Vangnet zelf (${r.actorKind.slice('system:'.length) || 'systeem'})`;
  if (r.actorKind === 'anonymous') return 'Niet ingelogd (inwoner of bezoeker)';
  return r.actorKind;
}
