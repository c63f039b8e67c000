import { asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { municipalities } from '../../platform/schema.ts';
import { buildUitwisselmodel, pageGroups, type ExchangeAttemptRow, type ExchangeCaseRow, type ExchangeSignalRow } from './ddasExchange.ts';
import type { Uitwisselmodel } from './ddasModel.ts';
import { signalProblem } from './messages.ts';
import { signalCases, signalContactAttempts, signals } from './schema.ts';
import type { SignalSettings } from './settings.ts';
import { municipalityCode, staffScope } from '../../platform/municipalities.ts';

/** At most this many signals in one page of the exchange document. */
export const ddasMaxPageSize = 50_000;

export const ddasQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  municipalityCode: municipalityCode.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(ddasMaxPageSize).default(ddasMaxPageSize),
});
export type DdasQuery = z.input<typeof ddasQuery>;

export interface DdasPage {
  document: Uitwisselmodel;
  page: number;
  pages: number;
  pageSize: number;
  /** Signals in the whole period (all pages). */
  totalSignals: number;
}

interface Group {
  municipalityCode: string;
  caseId: string | null;
  size: number;
  /** For signals without a case: where this chunk starts among them. */
  offset: number;
}

function uuidList(ids: string[]) {
  return sql`any(string_to_array(${ids.join(',')}, ',')::uuid[])`;
}

/**
 * The DDAS 1.2 exchange document for CBS over a period: the signals whose signal date lies in [from, to], with the
 * cases they belong to and those cases' contact attempts, one delivery per municipality. A case lists the signals of
 * this period only, so that every reference resolves inside the document. Pages hold whole cases and at most
 * `pageSize` signals. Personal data (a BSN, or postcode and house number): audited as an export with every resident
 * it names; only for the signal officer and the admin of that municipality.
 */
export async function exportDdas(db: Database, actor: Actor, query: DdasQuery, settings: SignalSettings): Promise<DdasPage> {
  const input = ddasQuery.parse(query);
  if (input.from > input.to) throw signalProblem('period_reversed');
  if (actor.kind !== 'system') assertCan(actor, 'signals:ddas');
  const scope = input.municipalityCode ? [input.municipalityCode] : (staffScope(actor)?.municipalities ?? null);
  const inScope = scope ? sql`${signals.municipalityCode} = any(string_to_array(${scope.join(',')}, ','))` : sql`true`;
  const inPeriod = sql`${signals.signalDate} between ${input.from} and ${input.to}`;
  return db.audited(
    actor,
    {
      action: 'export',
      objectType: 'ddas_exchange',
      objectId: `${input.from}/${input.to}#${input.page}`,
      municipalityCode: input.municipalityCode ?? (scope?.length === 1 ? scope[0] : null),
      purpose: 'monitor vroegsignalering (CBS)',
    },
    async (tx, trail) => {
      // Inside the unit of work, so that a refused request for another municipality is in the audit log too.
      if (input.municipalityCode) assertMunicipality(actor, input.municipalityCode);
      const counts = await tx
        .select({ municipalityCode: signals.municipalityCode, caseId: signals.caseId, size: sql<number>`count(*)::int` })
        .from(signals)
        .where(sql`${inPeriod} and ${inScope}`)
        .groupBy(signals.municipalityCode, signals.caseId)
        .orderBy(asc(signals.municipalityCode), sql`min(${signals.signalDate})`, asc(signals.caseId));
      const groups: Group[] = [];
      for (const c of counts) {
        if (c.caseId) groups.push({ municipalityCode: c.municipalityCode, caseId: c.caseId, size: Number(c.size), offset: 0 });
        else
          for (let at = 0; at < Number(c.size); at += input.pageSize)
            groups.push({ municipalityCode: c.municipalityCode, caseId: null, size: Math.min(input.pageSize, Number(c.size) - at), offset: at });
      }
      const pages = pageGroups(groups, input.pageSize);
      const totalSignals = groups.reduce((n, g) => n + g.size, 0);
      const pageCount = Math.max(pages.length, 1);
      if (input.page > pageCount) throw signalProblem('page_out_of_range', { count: pageCount });
      const chosen = pages[input.page - 1] ?? [];
      const caseIds = chosen.filter((g) => g.caseId).map((g) => g.caseId!);
      const rows = await pageRows(
        tx,
        caseIds,
        chosen.filter((g) => !g.caseId),
        inPeriod,
      );
      trail.subjectIds = [...new Set(rows.cases.map((c) => c.personId).filter((id): id is string => !!id))];
      trail.details = { signals: rows.signals.length, cases: rows.cases.length, page: input.page, pages: Math.max(pages.length, 1) };
      const codes = [...new Set(chosen.map((g) => g.municipalityCode))].sort();
      const names = codes.length
        ? await tx
            .select()
            .from(municipalities)
            .where(sql`${municipalities.code} = any(string_to_array(${codes.join(',')}, ','))`)
        : [];
      const nameOf = new Map(names.map((m) => [m.code, m.name]));
      const document = buildUitwisselmodel({
        from: input.from,
        to: input.to,
        deliveredAt: db.clock.now(),
        supplierCode: settings.ddas.supplierCode,
        municipalities: codes.map((code) => ({
          code,
          organisationName: `Gemeente ${nameOf.get(code) ?? code}`,
          contact: { name: settings.team.name, phone: settings.team.phone, email: settings.team.email, jobTitle: settings.ddas.contactJobTitle },
        })),
        signals: rows.signals,
        cases: rows.cases,
        attempts: rows.attempts,
      });
      return { document, page: input.page, pages: Math.max(pages.length, 1), pageSize: input.pageSize, totalSignals };
    },
  );
}

async function pageRows(tx: Tx, caseIds: string[], caseless: Group[], inPeriod: ReturnType<typeof sql>) {
  const signalColumns = {
    id: signals.id,
    caseId: signals.caseId,
    municipalityCode: signals.municipalityCode,
    signalDate: signals.signalDate,
    originDate: signals.arisenOn,
    crisis: signals.crisis,
    warmHandover: signals.warmHandover,
    creditorType: signals.creditorType,
    amountCents: signals.amountCents,
    status: signals.status,
    bsn: signals.bsn,
    postcode: signals.postcode,
    houseNumber: signals.houseNumber,
    houseNumberSuffix: signals.houseNumberSuffix,
    birthDate: signals.birthDate,
  };
  const out: ExchangeSignalRow[] = [];
  if (caseIds.length) {
    out.push(
      ...(await tx
        .select(signalColumns)
        .from(signals)
        .where(sql`${signals.caseId} = ${uuidList(caseIds)} and ${inPeriod}`)
        .orderBy(asc(signals.signalDate), asc(signals.id))),
    );
  }
  for (const g of caseless) {
    out.push(
      ...(await tx
        .select(signalColumns)
        .from(signals)
        .where(sql`${signals.caseId} is null and ${signals.municipalityCode} = ${g.municipalityCode} and ${inPeriod}`)
        .orderBy(asc(signals.id))
        .limit(g.size)
        .offset(g.offset)),
    );
  }
  const cases: (ExchangeCaseRow & { personId: string | null })[] = caseIds.length
    ? (
        await tx
          .select({
            id: signalCases.id,
            municipalityCode: signalCases.municipalityCode,
            createdAt: signalCases.createdAt,
            firstSignalDate: signalCases.firstSignalDate,
            lastSignalDate: signalCases.lastSignalDate,
            takenUpOn: signalCases.takenUpOn,
            result: signalCases.result,
            personId: signalCases.personId,
          })
          .from(signalCases)
          .where(sql`${signalCases.id} = ${uuidList(caseIds)}`)
          .orderBy(asc(signalCases.firstSignalDate), asc(signalCases.id))
      ).map(({ createdAt, ...c }) => ({ ...c, createdOn: amsterdamDate(createdAt) }))
    : [];
  const attempts: ExchangeAttemptRow[] = caseIds.length
    ? await tx
        .select({
          caseId: signalContactAttempts.caseId,
          kind: signalContactAttempts.kind,
          reached: signalContactAttempts.reached,
          date: signalContactAttempts.date,
          partOfDay: signalContactAttempts.partOfDay,
        })
        .from(signalContactAttempts)
        .where(sql`${signalContactAttempts.caseId} = ${uuidList(caseIds)}`)
        .orderBy(asc(signalContactAttempts.date), asc(signalContactAttempts.createdAt))
    : [];
  return { signals: out, cases, attempts };
}
