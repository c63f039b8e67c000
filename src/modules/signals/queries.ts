import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { areaName } from '../../platform/areas.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { normalisePostcode } from '../../platform/bsn.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { organisations, persons, surnameKey, users } from '../../platform/schema.ts';
import { caseStatuses, helpResults, type CreditorType } from './ddas.ts';
import { monitorCsv, parsePeriod, percent, type MonitorRow } from './monitor.ts';
import { signalCases, signalContactAttempts, signalImports, signals } from './schema.ts';
import { municipalityCode, ownMunicipalities, staffScope } from '../../platform/municipalities.ts';

/** The reads of the signals module. Each read of personal data is audited and names the residents it showed. */

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

const caseColumns = {
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

function caseView<T extends { areaCode: string | null }>(row: T) {
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

export async function loadCaseForWork(tx: Tx, actor: Actor, caseId: string) {
  const [found] = await tx.select().from(signalCases).where(eq(signalCases.id, caseId)).for('update');
  if (!found) throw new NotFoundError('De zaak');
  assertMunicipality(actor, found.municipalityCode);
  return found;
}

/** One case with its signals, letter, contact attempts and outcome. */
export async function getCase(db: Database, actor: Actor, caseId: string) {
  assertCan(actor, 'signals:work');
  return db.audited(actor, { action: 'read', objectType: 'signal_case', objectId: caseId }, async (tx, trail) => {
    const [row] = await tx
      .select({
        ...caseColumns,
        phone: persons.phone,
        email: persons.email,
        bsn: persons.bsn,
        birthDate: persons.birthDate,
        referralOrganisationId: signalCases.referralOrganisationId,
        referralNote: signalCases.referralNote,
        chainReferralId: signalCases.chainReferralId,
        history: signalCases.history,
        closedOn: signalCases.closedOn,
        takenUpOn: signalCases.takenUpOn,
      })
      .from(signalCases)
      .leftJoin(persons, eq(persons.id, signalCases.personId))
      .leftJoin(users, eq(users.id, signalCases.assignedUserId))
      .where(eq(signalCases.id, caseId));
    if (!row) throw new NotFoundError('De zaak');
    trail.municipalityCode = row.municipalityCode;
    assertMunicipality(actor, row.municipalityCode);
    if (row.personId) trail.subjectIds = [row.personId];
    const caseSignals = await tx
      .select({
        id: signals.id,
        reference: signals.reference,
        signalDate: signals.signalDate,
        creditorType: signals.creditorType,
        creditorName: organisations.name,
        amountCents: signals.amountCents,
        months: signals.months,
        arisenOn: signals.arisenOn,
        crisis: signals.crisis,
        warmHandover: signals.warmHandover,
        threat: signals.threat,
        // Each signal's own address: the case follows the newest one, older ones show where the household was.
        street: signals.street,
        houseNumber: signals.houseNumber,
        houseNumberSuffix: signals.houseNumberSuffix,
        postcode: signals.postcode,
        city: signals.city,
        status: signals.status,
        importId: signals.importId,
        receivedAt: signalImports.createdAt,
      })
      .from(signals)
      .innerJoin(organisations, eq(organisations.id, signals.creditorOrganisationId))
      .innerJoin(signalImports, eq(signalImports.id, signals.importId))
      .where(eq(signals.caseId, caseId))
      .orderBy(desc(signals.signalDate));
    const attempts = await tx
      .select({
        id: signalContactAttempts.id,
        kind: signalContactAttempts.kind,
        reached: signalContactAttempts.reached,
        date: signalContactAttempts.date,
        partOfDay: signalContactAttempts.partOfDay,
        note: signalContactAttempts.note,
        userName: users.displayName,
        createdAt: signalContactAttempts.createdAt,
      })
      .from(signalContactAttempts)
      .leftJoin(users, eq(users.id, signalContactAttempts.userId))
      .where(eq(signalContactAttempts.caseId, caseId))
      .orderBy(desc(signalContactAttempts.date), desc(signalContactAttempts.createdAt));
    const referral = row.referralOrganisationId
      ? ((await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.referralOrganisationId)))[0]?.name ?? null)
      : null;
    // A signal that arrived after the letter is new to the team: flag it.
    const newSince = row.letterSentOn;
    return {
      ...caseView(row),
      referralOrganisationName: referral,
      signals: caseSignals.map((s) => ({ ...s, isNew: !!newSince && s.receivedAt.toISOString().slice(0, 10) > newSince })),
      contactAttempts: attempts,
    };
  });
}

/** A creditor sees its own imports (counts and reasons only); the team sees the imports for its municipalities. */
export async function listImports(db: Database, actor: Actor, options: { id?: string } = {}) {
  assertCan(actor, 'signals:submit');
  const own = !actor.roles.includes('signal_officer');
  // The team sees the imports its municipalities received, and those routed by postcode that brought rows to them.
  const mine = sql`array[${sql.join(
    actor.municipalities.map((m) => sql`${m}`),
    sql`, `,
  )}]::text[]`;
  const where: SQL[] = own
    ? [eq(signalImports.creditorOrganisationId, actor.organisationId)]
    : [sql`(${inArray(signalImports.municipalityCode, actor.municipalities)} or jsonb_exists_any(${signalImports.municipalities}, ${mine}))`];
  if (options.id) where.push(eq(signalImports.id, options.id));
  const rows = await db.unaudited((q) =>
    q
      .select({
        id: signalImports.id,
        creditorOrganisationId: signalImports.creditorOrganisationId,
        creditorName: organisations.name,
        municipalityCode: signalImports.municipalityCode,
        channel: signalImports.channel,
        fileName: signalImports.fileName,
        rows: signalImports.rows,
        accepted: signalImports.accepted,
        duplicates: signalImports.duplicates,
        rejected: signalImports.rejected,
        rejections: signalImports.rejections,
        createdAt: signalImports.createdAt,
      })
      .from(signalImports)
      .innerJoin(organisations, eq(organisations.id, signalImports.creditorOrganisationId))
      .where(and(...where))
      .orderBy(desc(signalImports.createdAt))
      .limit(options.id ? 1 : 100),
  );
  if (options.id && !rows.length) {
    // Someone else's import is not found, whether it exists or not.
    throw new NotFoundError('De aanlevering');
  }
  return rows;
}

/** Workers a case can be assigned to: the signal officers of the actor's organisation. */
export async function listWorkers(db: Database, actor: Actor) {
  assertCan(actor, 'signals:work');
  const scope = staffScope(actor);
  if (!scope) throw new ForbiddenError();
  return db.unaudited((q) =>
    q
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(and(eq(users.organisationId, scope.organisationId), eq(users.active, true), sql`'signal_officer' = any(${users.roles})`))
      .orderBy(asc(users.displayName)),
  );
}

const helpList = sql.join(
  helpResults.map((r) => sql`${r}`),
  sql`, `,
);

/**
 * The monitor: per municipality and creditor type, signals, unique households (cases), letters, reached,
 * accepted and outcomes, over live cases and the anonymous archive of purged ones.
 */
const days = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

export async function monitorFigures(db: Database, actor: Actor, input: { period: string; municipalityCode?: string }): Promise<MonitorRow[]> {
  if (actor.kind !== 'system') assertCan(actor, 'signals:monitor');
  const period = parsePeriod(input.period);
  if (input.municipalityCode) assertMunicipality(actor, input.municipalityCode);
  const municipalities = input.municipalityCode ? [input.municipalityCode] : actor.kind === 'system' ? null : ownMunicipalities(actor);
  const munFilter = (column: SQL) =>
    municipalities
      ? sql`${column} in (${sql.join(
          municipalities.map((m) => sql`${m}`),
          sql`, `,
        )})`
      : sql`true`;
  return db.audited(
    actor,
    { action: 'export', objectType: 'signal_monitor', objectId: period.label, municipalityCode: input.municipalityCode ?? null },
    async (tx) => {
      const result = await tx.execute(sql`
      with per_type as (
        select c.archive_token::text as token, s.municipality_code, s.creditor_type, count(*)::int as signals,
          c.letter_sent_on is not null as letter, coalesce(c.reached, false) as reached,
          (c.help_response = 'accepted' or c.result in (${helpList})) as accepted, c.result,
          (c.letter_sent_on - c.first_signal_date) as to_letter,
          (select min(a.date) from signal_contact_attempts a where a.case_id = c.id) - c.letter_sent_on as to_attempt,
          (select min(a.date) from signal_contact_attempts a where a.case_id = c.id and a.reached)
            - (select min(a.date) from signal_contact_attempts a where a.case_id = c.id) as to_contact
        from signals s join signal_cases c on c.id = s.case_id
        where s.signal_date between ${period.from} and ${period.to} and ${munFilter(sql`s.municipality_code`)}
        group by s.case_id, s.municipality_code, s.creditor_type, c.id
        union all
        select a.case_token::text, a.municipality_code, a.creditor_type, sum(a.signals)::int, bool_or(a.letter_sent), bool_or(a.reached), bool_or(a.accepted), max(a.result),
          null::int, null::int, null::int
        from signal_archive a
        where a.month between ${period.fromMonth} and ${period.toMonth} and ${munFilter(sql`a.municipality_code`)} and a.result is distinct from 'not_resident'
        group by a.case_token, a.municipality_code, a.creditor_type
      ),
      -- Every household once over all creditor types, beside the rows per type.
      facts as (
        select * from per_type
        union all
        select token, municipality_code, 'all', sum(signals)::int, bool_or(letter), bool_or(reached), bool_or(accepted), max(result),
          max(to_letter), max(to_attempt), max(to_contact)
        from per_type group by token, municipality_code
      ),
      -- Lead times count each household once per row: a case's days are the same for each of its signals.
      households as (
        select distinct on (token, municipality_code, creditor_type) municipality_code, creditor_type, to_letter, to_attempt, to_contact from facts
      ),
      leads as (
        select municipality_code, creditor_type,
          percentile_cont(0.5) within group (order by to_letter) as to_letter,
          percentile_cont(0.5) within group (order by to_attempt) as to_attempt,
          percentile_cont(0.5) within group (order by to_contact) as to_contact
        from households group by municipality_code, creditor_type
      )
      select f.municipality_code, f.creditor_type, sum(signals)::int as signals, count(distinct token)::int as households,
        (count(distinct token) filter (where letter))::int as letters, (count(distinct token) filter (where reached))::int as reached,
        (count(distinct token) filter (where accepted))::int as accepted,
        coalesce((select jsonb_object_agg(result, n) from (select f2.result, count(distinct f2.token)::int as n from facts f2
          where f2.municipality_code = f.municipality_code and f2.creditor_type = f.creditor_type and f2.result is not null group by f2.result) o), '{}'::jsonb) as outcomes,
        l.to_letter, l.to_attempt, l.to_contact
      from facts f join leads l on l.municipality_code = f.municipality_code and l.creditor_type = f.creditor_type
      group by f.municipality_code, f.creditor_type, l.to_letter, l.to_attempt, l.to_contact
      order by f.municipality_code, f.creditor_type = 'all', f.creditor_type`);
      const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
      // Signals for people who are no resident of the municipality (routed by postcode): no case, counted apart, under
      // the municipality that received them.
      const outsiders = (
        (await tx.execute(sql`
        select municipality_code, creditor_type, count(*)::int as n from signals
        where status = 'not_resident' and case_id is null and signal_date between ${period.from} and ${period.to} and ${munFilter(sql`municipality_code`)}
        group by municipality_code, creditor_type
        union all
        select municipality_code, creditor_type, sum(signals)::int from signal_archive
        where result = 'not_resident' and month between ${period.fromMonth} and ${period.toMonth} and ${munFilter(sql`municipality_code`)}
        group by municipality_code, creditor_type`)) as unknown as { rows: Record<string, unknown>[] }
      ).rows;
      const notResident = new Map<string, number>();
      for (const o of outsiders) {
        for (const type of [String(o.creditor_type), 'all']) {
          const key = `${o.municipality_code}|${type}`;
          notResident.set(key, (notResident.get(key) ?? 0) + Number(o.n));
        }
      }
      const present = new Set(rows.map((r) => `${r.municipality_code}|${r.creditor_type}`));
      for (const key of [...notResident.keys()]
        .filter((k) => !present.has(k))
        .sort((a, b) => (a.endsWith('|all') ? 1 : 0) - (b.endsWith('|all') ? 1 : 0) || a.localeCompare(b))) {
        const [municipality, type] = key.split('|');
        rows.push({
          municipality_code: municipality,
          creditor_type: type,
          signals: 0,
          households: 0,
          letters: 0,
          reached: 0,
          accepted: 0,
          outcomes: {},
          to_letter: null,
          to_attempt: null,
          to_contact: null,
        });
      }
      rows.sort(
        (a, b) =>
          String(a.municipality_code).localeCompare(String(b.municipality_code)) ||
          Number(a.creditor_type === 'all') - Number(b.creditor_type === 'all') ||
          String(a.creditor_type).localeCompare(String(b.creditor_type)),
      );
      return rows.map((r) => {
        const letters = Number(r.letters);
        const reached = Number(r.reached);
        const accepted = Number(r.accepted);
        const outcomes = typeof r.outcomes === 'string' ? JSON.parse(r.outcomes) : r.outcomes;
        return {
          municipalityCode: String(r.municipality_code),
          period: period.label,
          creditorType: String(r.creditor_type),
          signals: Number(r.signals),
          households: Number(r.households),
          lettersSent: letters,
          reached,
          accepted,
          reachedPct: percent(reached, letters),
          acceptedPct: percent(accepted, reached),
          notResident: notResident.get(`${r.municipality_code}|${r.creditor_type}`) ?? 0,
          outcomes: outcomes as MonitorRow['outcomes'],
          medianDays: { toLetter: days(r.to_letter), toFirstAttempt: days(r.to_attempt), toContact: days(r.to_contact) },
        };
      });
    },
  );
}

export async function monitorCsvExport(db: Database, actor: Actor, input: { period: string; municipalityCode?: string }): Promise<string> {
  return monitorCsv(await monitorFigures(db, actor, input));
}
