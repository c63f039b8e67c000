import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { helpResults } from '../ddas.ts';
import { monitorCsv, parsePeriod, percent, type MonitorRow } from '../monitor.ts';
import { ownMunicipalities } from '../../../platform/municipalities.ts';

/** The monitor's figures (anonymised counts, no personal data shown). */

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
