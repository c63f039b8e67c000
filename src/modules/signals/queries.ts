import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { areaName } from '../../platform/areas.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { organisations, persons, users } from '../../platform/schema.ts';
import { caseStatuses, helpResults } from './ddas.ts';
import { monitorCsv, parsePeriod, percent, type MonitorRow } from './monitor.ts';
import { signalCases, signalContactAttempts, signalImports, signals } from './schema.ts';

/** The reads of the signals module. Each read of personal data is audited and names the residents it showed. */

export const caseFilter = z.object({
  municipalityCode: z.string().regex(/^GM\d{4}$/).optional(),
  status: z.enum(caseStatuses).optional(),
  areaCode: z.string().regex(/^WK\d{6}$/).optional(),
  assignedUserId: z.string().uuid().optional(),
  /** Only cases due on or before this date. */
  dueBefore: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CaseFilter = z.infer<typeof caseFilter>;

function actorMunicipalities(actor: Actor): string[] {
  return actor.kind === 'user' || actor.kind === 'api_key' ? actor.municipalities : [];
}

const caseColumns = {
  id: signalCases.id,
  municipalityCode: signalCases.municipalityCode,
  status: signalCases.status,
  areaCode: signalCases.areaCode,
  totalCents: signalCases.totalCents,
  signalCount: signalCases.signalCount,
  firstSignalDate: signalCases.firstSignalDate,
  lastSignalDate: signalCases.lastSignalDate,
  dueDate: signalCases.dueDate,
  urgent: signalCases.urgent,
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
  creditorTypes: sql<string[]>`(select array_agg(distinct s.creditor_type order by s.creditor_type) from signals s where s.case_id = ${signalCases.id})`,
  createdAt: signalCases.createdAt,
  updatedAt: signalCases.updatedAt,
};

function caseView<T extends { areaCode: string | null }>(row: T) {
  return { ...row, areaName: row.areaCode ? areaName(row.areaCode) : 'Onbekend' };
}

/** The team's queue: cases of the actor's municipalities, filtered by status, neighbourhood, worker, due date. */
export async function listCases(db: Database, actor: Actor, filter: CaseFilter) {
  assertCan(actor, 'signals:work');
  const municipalities = filter.municipalityCode ? [filter.municipalityCode] : actorMunicipalities(actor);
  if (filter.municipalityCode) assertMunicipality(actor, filter.municipalityCode);
  const where: SQL[] = [inArray(signalCases.municipalityCode, municipalities)];
  if (filter.status) where.push(eq(signalCases.status, filter.status));
  if (filter.areaCode) where.push(eq(signalCases.areaCode, filter.areaCode));
  if (filter.assignedUserId) where.push(eq(signalCases.assignedUserId, filter.assignedUserId));
  if (filter.dueBefore) where.push(sql`${signalCases.dueDate} <= ${filter.dueBefore}`);
  const details = { filter: Object.keys(filter).filter((k) => !['limit', 'offset'].includes(k)) };
  return db.audited(actor, { action: 'search', objectType: 'signal_case', municipalityCode: municipalities.length === 1 ? municipalities[0] : null, details }, async (tx, trail) => {
    const rows = await tx
      .select(caseColumns)
      .from(signalCases)
      .leftJoin(persons, eq(persons.id, signalCases.personId))
      .leftJoin(users, eq(users.id, signalCases.assignedUserId))
      .where(and(...where))
      .orderBy(desc(signalCases.urgent), sql`${signalCases.dueDate} asc nulls last`, asc(signalCases.createdAt))
      .limit(filter.limit)
      .offset(filter.offset);
    const [{ total }] = (await tx.select({ total: sql<number>`count(*)::int` }).from(signalCases).where(and(...where))) as [{ total: number }];
    trail.subjectIds = [...new Set(rows.map((r) => r.personId).filter((id): id is string => !!id))];
    return { total, items: rows.map(caseView) };
  });
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
      .select({ ...caseColumns, phone: persons.phone, email: persons.email, bsn: persons.bsn, birthDate: persons.birthDate, referralOrganisationId: signalCases.referralOrganisationId, referralNote: signalCases.referralNote, chainReferralId: signalCases.chainReferralId, history: signalCases.history, closedOn: signalCases.closedOn, takenUpOn: signalCases.takenUpOn })
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
      .select({ id: signalContactAttempts.id, kind: signalContactAttempts.kind, reached: signalContactAttempts.reached, date: signalContactAttempts.date, partOfDay: signalContactAttempts.partOfDay, note: signalContactAttempts.note, userName: users.displayName, createdAt: signalContactAttempts.createdAt })
      .from(signalContactAttempts)
      .leftJoin(users, eq(users.id, signalContactAttempts.userId))
      .where(eq(signalContactAttempts.caseId, caseId))
      .orderBy(desc(signalContactAttempts.date), desc(signalContactAttempts.createdAt));
    const referral = row.referralOrganisationId
      ? (await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.referralOrganisationId)))[0]?.name ?? null
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
  const mine = sql`array[${sql.join(actor.municipalities.map((m) => sql`${m}`), sql`, `)}]::text[]`;
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
  if (actor.kind !== 'user' && actor.kind !== 'api_key') throw new ForbiddenError();
  return db.unaudited((q) =>
    q
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(and(eq(users.organisationId, actor.organisationId), eq(users.active, true), sql`'signal_officer' = any(${users.roles})`))
      .orderBy(asc(users.displayName)),
  );
}

const helpList = sql.join(helpResults.map((r) => sql`${r}`), sql`, `);

/**
 * The monitor: per municipality and creditor type, signals, unique households (cases), letters, reached,
 * accepted and outcomes, over live cases and the anonymous archive of purged ones.
 */
const days = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

export async function monitorFigures(db: Database, actor: Actor, input: { period: string; municipalityCode?: string }): Promise<MonitorRow[]> {
  if (actor.kind !== 'system') assertCan(actor, 'signals:monitor');
  const period = parsePeriod(input.period);
  if (input.municipalityCode) assertMunicipality(actor, input.municipalityCode);
  const municipalities = input.municipalityCode ? [input.municipalityCode] : actor.kind === 'system' ? null : actorMunicipalities(actor);
  const munFilter = (column: SQL) => (municipalities ? sql`${column} in (${sql.join(municipalities.map((m) => sql`${m}`), sql`, `)})` : sql`true`);
  return db.audited(actor, { action: 'export', objectType: 'signal_monitor', objectId: period.label, municipalityCode: input.municipalityCode ?? null }, async (tx) => {
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
    for (const key of [...notResident.keys()].filter((k) => !present.has(k)).sort((a, b) => (a.endsWith('|all') ? 1 : 0) - (b.endsWith('|all') ? 1 : 0) || a.localeCompare(b))) {
      const [municipality, type] = key.split('|');
      rows.push({ municipality_code: municipality, creditor_type: type, signals: 0, households: 0, letters: 0, reached: 0, accepted: 0, outcomes: {}, to_letter: null, to_attempt: null, to_contact: null });
    }
    rows.sort((a, b) => String(a.municipality_code).localeCompare(String(b.municipality_code)) || Number(a.creditor_type === 'all') - Number(b.creditor_type === 'all') || String(a.creditor_type).localeCompare(String(b.creditor_type)));
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
  });
}

export async function monitorCsvExport(db: Database, actor: Actor, input: { period: string; municipalityCode?: string }): Promise<string> {
  return monitorCsv(await monitorFigures(db, actor, input));
}
