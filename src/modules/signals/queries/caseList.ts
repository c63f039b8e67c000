import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { areaName } from '../../../platform/areas.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { normalisePostcode } from '../../../platform/bsn.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { persons, surnameKey, users } from '../../../platform/schema.ts';
import { caseStatuses, type CreditorType } from '../ddas.ts';
import { signalCases } from '../schema.ts';
import { municipalityCode, ownMunicipalities } from '../../../platform/municipalities.ts';

/** The team's queue: the cases of its municipalities, filtered, searched and sorted. Audited: it shows residents. */

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const caseSorts = ['urgent', 'due', 'amount', 'age', 'last', 'name'] as const;

export const caseFilter = z.object({
  municipalityCode: municipalityCode.optional(),
  /** One search field: a BSN, a postcode with house number (or a postcode alone), a creditor's reference or a surname. */
  q: z.string().trim().max(100).optional(),
  status: z.enum(caseStatuses).optional(),
  areaCode: z
    .string()
    .regex(/^WK\d{6}$/)
    .optional(),
  assignedUserId: z.string().uuid().optional(),
  /** Only cases nobody is assigned to. */
  unassigned: flag.optional(),
  urgent: flag.optional(),
  /** Only cases with signals of two or more creditors. */
  multipleCreditors: flag.optional(),
  /** Only cases with a signal of this creditor. */
  creditorOrganisationId: z.string().uuid().optional(),
  minTotalCents: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  maxTotalCents: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  /** The oldest signal is at least / at most this many days old. */
  minAgeDays: z.coerce.number().int().min(0).max(36_500).optional(),
  maxAgeDays: z.coerce.number().int().min(0).max(36_500).optional(),
  /** Only cases due on or before this date. */
  dueBefore: z.iso.date().optional(),
  /** Urgent cases first, then by due date (the default); or by due date, amount, age of the oldest signal, last signal, name. */
  sort: z.enum(caseSorts).default('urgent'),
  direction: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type CaseFilter = z.output<typeof caseFilter>;

export const caseColumns = {
  id: signalCases.id,
  municipalityCode: signalCases.municipalityCode,
  status: signalCases.status,
  urgent: signalCases.urgent,
  areaCode: signalCases.areaCode,
  totalCents: signalCases.totalCents,
  signalCount: signalCases.signalCount,
  firstSignalDate: signalCases.firstSignalDate,
  lastSignalDate: signalCases.lastSignalDate,
  dueDate: signalCases.dueDate,
  letterSentOn: signalCases.letterSentOn,
  reached: signalCases.reached,
  helpResponse: signalCases.helpResponse,
  result: signalCases.result,
  assignedUserId: signalCases.assignedUserId,
  assignedName: users.displayName,
  personId: signalCases.personId,
  initials: persons.initials,
  prefix: persons.prefix,
  surname: persons.surname,
  street: persons.street,
  houseNumber: persons.houseNumber,
  houseNumberSuffix: persons.houseNumberSuffix,
  postcode: persons.postcode,
  city: persons.city,
  creditorTypes: sql<
    CreditorType[] | null
  >`(select array_agg(distinct s.creditor_type order by s.creditor_type) from signals s where s.case_id = ${signalCases.id})`,
  createdAt: signalCases.createdAt,
  updatedAt: signalCases.updatedAt,
};

export function caseView<T extends { areaCode: string | null }>(row: T) {
  return { ...row, areaName: row.areaCode ? areaName(row.areaCode) : 'Onbekend' };
}

/** Dutch surname prefixes (tussenvoegsels), longest first, for a search typed as "de Groot" or "van der Berg". */
const surnamePrefixes = [
  'van der',
  'van den',
  'van de',
  "van 't",
  "in 't",
  'in de',
  'op de',
  'uit de',
  'van',
  'de',
  'der',
  'den',
  'het',
  "'t",
  'ter',
  'ten',
  'te',
  'la',
  'le',
  'du',
  "d'",
];

export type CaseSearch =
  | { kind: 'bsn'; bsn: string }
  | { kind: 'address'; postcode: string; houseNumber: number | null; suffix: string | null }
  | { kind: 'reference'; reference: string }
  | { kind: 'name'; surname: string; prefix: string | null };

/**
 * What the one search field holds: nine digits are a BSN, `3311 AB 12a` a postcode with house number (`3311AB` a
 * postcode alone), text with a digit a creditor's reference, anything else (the start of) a surname, with or
 * without its prefix.
 */
export function parseCaseSearch(text: string): CaseSearch | null {
  const q = text.trim().replace(/\s+/g, ' ');
  if (!q) return null;
  if (/^\d[\d .]{7,11}\d$/.test(q) && q.replace(/[ .]/g, '').length === 9) return { kind: 'bsn', bsn: q.replace(/[ .]/g, '') };
  const address = /^([1-9]\d{3}) ?([a-zA-Z]{2})(?:[ ,-]*(\d{1,5})(?:[ -]?([a-zA-Z0-9]{1,6}))?)?$/.exec(q);
  if (address && normalisePostcode(`${address[1]}${address[2]}`)) {
    return {
      kind: 'address',
      postcode: `${address[1]}${address[2]!.toUpperCase()}`,
      houseNumber: address[3] ? Number(address[3]) : null,
      suffix: address[4] ? address[4].toUpperCase() : null,
    };
  }
  if (/\d/.test(q)) return { kind: 'reference', reference: q };
  const lower = q.toLowerCase().replace(/[’`]/g, "'");
  for (const prefix of surnamePrefixes) {
    if (lower.startsWith(`${prefix} `) && lower.length > prefix.length + 1) return { kind: 'name', surname: lower.slice(prefix.length + 1), prefix };
  }
  return { kind: 'name', surname: lower, prefix: null };
}

const likePrefix = (value: string) => `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The search as a condition on signal_cases; each kind is an index lookup (see docs/signals.md, "De werkvoorraad").
 * `= any(array(subquery))` makes the search's own index lead: the matches are found first, then their cases by key.
 */
function searchCondition(search: CaseSearch, municipalities: string[]): SQL {
  const mun = sql.join(
    municipalities.map((m) => sql`${m}`),
    sql`, `,
  );
  switch (search.kind) {
    case 'bsn':
      return sql`${signalCases.id} = any(array(select s.case_id from signals s where s.municipality_code in (${mun}) and s.bsn = ${search.bsn}))`;
    case 'address': {
      const base = `${search.postcode}|`;
      if (search.houseNumber === null) return sql`${signalCases.householdKey} like ${likePrefix(base)}`;
      const key = `${base}${search.houseNumber}|`;
      return search.suffix === null ? sql`${signalCases.householdKey} like ${likePrefix(key)}` : sql`${signalCases.householdKey} = ${key + search.suffix}`;
    }
    case 'reference':
      return sql`${signalCases.id} = any(array(select s.case_id from signals s where s.reference = ${search.reference} and s.municipality_code in (${mun})))`;
    case 'name': {
      // The surname without prefixes starts with what was typed; a typed prefix ("de Groot") must match the prefix
      // kept apart, or the one written in the surname.
      const key = surnameKey(sql`p.surname`);
      const prefixMatches = search.prefix
        ? sql` and (lower(coalesce(p.prefix, '')) = ${search.prefix} or lower(p.surname) like ${likePrefix(`${search.prefix} `)})`
        : sql``;
      return sql`${signalCases.personId} = any(array(select p.id from persons p where p.municipality_code in (${mun}) and ${key} like ${likePrefix(search.surname)}${prefixMatches}))`;
    }
  }
}

function caseOrder(filter: CaseFilter): SQL[] {
  const dir = (fallback: 'asc' | 'desc') => sql.raw(filter.direction ?? fallback);
  const tie = [asc(signalCases.createdAt), asc(signalCases.id)];
  switch (filter.sort) {
    case 'due':
      return [sql`${signalCases.dueDate} ${dir('asc')} nulls last`, ...tie];
    case 'amount':
      return [sql`${signalCases.totalCents} ${dir('desc')}`, ...tie];
    case 'age':
      // The oldest signal first: ascending first-signal date is descending age.
      return [sql`${signalCases.firstSignalDate} ${sql.raw(filter.direction === 'asc' ? 'desc' : 'asc')}`, ...tie];
    case 'last':
      return [sql`${signalCases.lastSignalDate} ${dir('desc')}`, ...tie];
    case 'name':
      return [sql`lower(${persons.surname}) ${dir('asc')} nulls last`, sql`lower(coalesce(${persons.initials}, '')) ${dir('asc')}`, ...tie];
    default: {
      // Without a search the index on (municipality, urgent, due date) gives the first page in order. With one, the
      // search's own index must lead: written as an expression, the order cannot tempt the planner to walk the whole
      // queue in order and test each case (160 ms for a surname among 100,000 cases, against 10 ms).
      const urgent = filter.q ? sql`(${signalCases.urgent} = true)` : sql`${signalCases.urgent}`;
      return [
        sql`${urgent} ${sql.raw(filter.direction === 'asc' ? 'asc nulls first' : 'desc nulls last')}`,
        sql`${signalCases.dueDate} asc nulls last`,
        ...tie,
      ];
    }
  }
}

/** The names of the filters a search used: for the audit line, which never holds the search text or a value. */
function usedFilters(filter: CaseFilter): string[] {
  return Object.entries(filter)
    .filter(([k, v]) => !['limit', 'offset', 'sort', 'direction'].includes(k) && v !== undefined && v !== '')
    .map(([k]) => k)
    .sort();
}

/**
 * The team's queue: cases of the actor's municipalities, searched by BSN, address, reference or name, filtered,
 * sorted and paged. Returns the page and the total count of matching cases.
 */
export async function listCases(db: Database, actor: Actor, input: Partial<CaseFilter>) {
  assertCan(actor, 'signals:work');
  const filter: CaseFilter = { sort: 'urgent', limit: 100, offset: 0, ...input };
  const municipalities = filter.municipalityCode ? [filter.municipalityCode] : ownMunicipalities(actor);
  if (filter.municipalityCode) assertMunicipality(actor, filter.municipalityCode);
  const search = filter.q ? parseCaseSearch(filter.q) : null;
  const where = caseConditions(filter, search, municipalities, amsterdamDate(db.clock.now()));
  const details: Record<string, unknown> = { filter: usedFilters(filter), sort: filter.sort };
  // The kind of search, never its text: a name or BSN is personal data.
  if (search) details.search = search.kind;
  return db.audited(
    actor,
    { action: 'search', objectType: 'signal_case', municipalityCode: municipalities.length === 1 ? municipalities[0] : null, details },
    async (tx, trail) => {
      if (!municipalities.length) return { total: 0, limit: filter.limit, offset: filter.offset, items: [] };
      const rows = await tx
        .select(caseColumns)
        .from(signalCases)
        .leftJoin(persons, eq(persons.id, signalCases.personId))
        .leftJoin(users, eq(users.id, signalCases.assignedUserId))
        .where(and(...where))
        .orderBy(...caseOrder(filter))
        .limit(filter.limit)
        .offset(filter.offset);
      // The count needs no join: every condition is on signal_cases (a name search through a subquery on persons).
      const total =
        filter.offset === 0 && rows.length < filter.limit
          ? rows.length
          : (
              (await tx
                .select({ total: sql<number>`count(*)::int` })
                .from(signalCases)
                .where(and(...where))) as [{ total: number }]
            )[0].total;
      trail.subjectIds = [...new Set(rows.map((r) => r.personId).filter((id): id is string => !!id))];
      return { total, limit: filter.limit, offset: filter.offset, items: rows.map(caseView) };
    },
  );
}

/**
 * The SQL text and parameters `listCases` runs for a filter (the page, then the count when the page is full), for
 * the bench, which runs the same lookup as plain SQL beside the API. Keep in step with `listCases`.
 */
export function caseQuerySql(input: Partial<CaseFilter>, municipalities: string[], today: string) {
  const filter: CaseFilter = { sort: 'urgent', limit: 100, offset: 0, ...input };
  const where = and(...caseConditions(filter, filter.q ? parseCaseSearch(filter.q) : null, municipalities, today));
  const qb = new QueryBuilder();
  const page = qb
    .select(caseColumns)
    .from(signalCases)
    .leftJoin(persons, eq(persons.id, signalCases.personId))
    .leftJoin(users, eq(users.id, signalCases.assignedUserId))
    .where(where)
    .orderBy(...caseOrder(filter))
    .limit(filter.limit)
    .offset(filter.offset)
    .toSQL();
  const count = qb.select({ total: sql<number>`count(*)::int` }).from(signalCases).where(where).toSQL();
  return { page, count, limit: filter.limit, offset: filter.offset };
}

/** The conditions of a queue query, all on signal_cases. Exported for the bench, which runs the same lookup as plain SQL. */
export function caseConditions(filter: CaseFilter, search: CaseSearch | null, municipalities: string[], today: string): SQL[] {
  const where: SQL[] = [municipalities.length ? inArray(signalCases.municipalityCode, municipalities) : sql`false`];
  if (search) where.push(searchCondition(search, municipalities.length ? municipalities : ['-']));
  if (filter.status) where.push(eq(signalCases.status, filter.status));
  if (filter.areaCode) where.push(eq(signalCases.areaCode, filter.areaCode));
  if (filter.assignedUserId) where.push(eq(signalCases.assignedUserId, filter.assignedUserId));
  if (filter.unassigned) where.push(isNull(signalCases.assignedUserId));
  if (filter.urgent !== undefined) where.push(eq(signalCases.urgent, filter.urgent));
  if (filter.multipleCreditors) where.push(sql`(select count(distinct s.creditor_organisation_id) from signals s where s.case_id = ${signalCases.id}) >= 2`);
  if (filter.creditorOrganisationId)
    where.push(sql`exists (select 1 from signals s where s.case_id = ${signalCases.id} and s.creditor_organisation_id = ${filter.creditorOrganisationId})`);
  if (filter.minTotalCents !== undefined) where.push(sql`${signalCases.totalCents} >= ${filter.minTotalCents}`);
  if (filter.maxTotalCents !== undefined) where.push(sql`${signalCases.totalCents} <= ${filter.maxTotalCents}`);
  if (filter.minAgeDays !== undefined) where.push(sql`${signalCases.firstSignalDate} <= ${today}::date - ${filter.minAgeDays}::int`);
  if (filter.maxAgeDays !== undefined) where.push(sql`${signalCases.firstSignalDate} >= ${today}::date - ${filter.maxAgeDays}::int`);
  if (filter.dueBefore) where.push(sql`${signalCases.dueDate} <= ${filter.dueBefore}`);
  return where;
}
