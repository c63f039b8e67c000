import { sql, type SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/database.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { addWorkingDays, holidaysFrom, openReferralsSql } from '../../referrals/index.ts';
import { helpResults } from '../ddas.ts';
import type { SignalSettings } from '../settings.ts';
import { affected, executePrepared, rowsOf } from './importStaging.ts';

/** Above this many residents the import's audit line names none; each later read of a case names its resident. */
export const MAX_AUDIT_SUBJECTS = 1000;

export interface StoreInput {
  kind: Database['kind'];
  importId: string;
  creditorId: string;
  /** The receiving municipality: the non-residents' signals are its. */
  municipalityCode: string;
  /** The municipalities rows may be routed to (by the postcode table). */
  targets: string[];
  settings: SignalSettings;
  now: Date;
  /** A small batch (SMALL_BATCH_ROWS): the staging tables are not analysed and work_mem is left as it is. */
  small?: boolean;
  /** What the caller knows of the staged rows: whether any has a BSN, whether one BSN is at two addresses. */
  hints?: { anyBsn: boolean; bsnAtTwoAddresses: boolean };
}

/**
 * A UUID for the n-th row an import creates: the import's own (random) first eight bytes, then n. Rows of one
 * import get ids next to each other and counting up, so each index takes them in order instead of at random pages
 * (random UUIDs made the signals' primary key alone cost seconds per million rows). Never reused: the import id is
 * unique and n < 2^62; the high bit keeps the RFC 4122 variant.
 */
function importRowId(importId: string, n: SQL): SQL {
  return sql`encode(substring(uuid_send(${importId}::uuid) from 1 for 8) || int8send(${n} | (-9223372036854775808)::bigint), 'hex')::uuid`;
}

/**
 * From the staging table into signals and cases, set-based (the rules are in household.ts and docs/signals.md):
 * drop rows already received (same creditor and reference, also twice in one file); route each row to the
 * municipality of its postcode (`postcode_areas`; outside the import's municipalities: a non-resident, stored
 * without a case); join open cases by address or BSN within the window; mark repeats (the same creditor, arrears not
 * grown within the repeat window) and households already in help (an open referral in the chain, or a case that
 * ended in help within the help window), which join that case without a new letter; make new cases (with their
 * resident in `persons`) for the rest; keep each case's totals, threshold status, urgency and latest address.
 * The caller holds the import's advisory locks (lockForImport), so no other import adds these references or
 * cases for these households, residents and municipalities meanwhile; it made the work tables (ensureWorkTables).
 */
export async function storeStagedSignals(
  tx: Tx,
  input: StoreInput,
): Promise<{
  inserted: number;
  casesCreated: number;
  casesTouched: number;
  personIds: string[];
  notResident: number;
  municipalities: Record<string, { accepted: number; casesCreated: number }>;
}> {
  const { importId, creditorId, municipalityCode, targets, settings, now } = input;
  const windowDays = settings.householdWindowDays;
  const threshold = settings.thresholdCents;
  const today = amsterdamDate(now);
  // The urgent route (Wgs art. 4): first contact within 3 working days of the day the signal came in.
  const urgentDue = addWorkingDays(today, settings.urgentContactWorkingDays, holidaysFrom(today));
  const targetList = sql`(${sql.join(
    targets.map((m) => sql`${m}`),
    sql`, `,
  )})`;
  const helpList = sql`(${sql.join(
    helpResults.map((r) => sql`${r}`),
    sql`, `,
  )})`;
  // Sorts and hashes of a large file in memory rather than on disk (this transaction only). PGlite's memory is the
  // process's own and never shrinks, so it gets less.
  // A small batch's statements are prepared (planned once per connection; their plans only ever see small batches),
  // and those that cannot change anything for its rows are left out (no BSN in the batch, no BSN at two addresses).
  const run = (statement: SQL) => (input.small ? executePrepared(tx, statement) : tx.execute(statement));
  const anyBsn = input.hints?.anyBsn ?? true;
  if (!input.small) {
    await tx.execute(sql`set local work_mem = ${sql.raw(input.kind === 'pglite' ? "'16MB'" : "'64MB'")}`);
    await tx.execute(sql`analyze signal_stage`);
  }
  // New rows only (not received before from this creditor, the first of any repeat within the file), each routed to
  // the municipality of its postcode: a full postcode in the table wins over its four digits. `kind` says what the
  // row is besides an ordinary signal: not_resident, repeated or known (already in help).
  const fresh = await run(sql`
    insert into signal_new
    select s.*, null::uuid as case_id,
      case when coalesce(p6.municipality_code, p4.municipality_code) in ${targetList} then coalesce(p6.municipality_code, p4.municipality_code) end as municipality_code,
      case when p6.postcode is not null then p6.wijk_code else p4.wijk_code end as area_code,
      case when coalesce(p6.municipality_code, p4.municipality_code) in ${targetList} then null else 'not_resident' end as kind,
      -- The urgent route (Wgs art. 4): a crisis, or a threat of eviction, cut-off or the end of the health insurance
      -- (the reader keeps only a threat that fits the creditor type).
      (s.crisis or s.threat is not null) as urgent
    from signal_stage s
    join (select min(seq) as seq from signal_stage group by reference) f on f.seq = s.seq
    left join postcode_areas p6 on p6.postcode = s.postcode
    left join postcode_areas p4 on p4.postcode = left(s.postcode, 4)
    where not exists (select 1 from signals x where x.creditor_organisation_id = ${creditorId}::uuid and x.reference = s.reference)`);
  // Every row received before: nothing to match, store or count (each statement below reads signal_new).
  if (!affected(fresh)) return { inserted: 0, casesCreated: 0, casesTouched: 0, personIds: [], notResident: 0, municipalities: {} };
  if (!input.small) await tx.execute(sql`analyze signal_new`);
  // Within one file, one BSN at several addresses is one household: the address of its newest signal.
  if (input.hints?.bsnAtTwoAddresses ?? true)
    await run(sql`
    update signal_new s set household_key = m.household_key, municipality_code = m.municipality_code, area_code = m.area_code
    from (select distinct on (n.bsn) n.bsn, n.household_key, n.municipality_code, n.area_code
          from signal_new n
          where n.kind is null and n.bsn in (select bsn from signal_new where kind is null and bsn is not null group by bsn having min(household_key) <> max(household_key))
          order by n.bsn, n.signal_date desc, n.seq desc) m
    where s.kind is null and s.bsn = m.bsn and s.household_key <> m.household_key`);
  // An open case at the same address, within the window.
  await run(sql`
    update signal_new s set case_id = c.id
    from signal_cases c
    where s.kind is null and c.municipality_code = s.municipality_code and c.household_key = s.household_key and c.status <> 'closed'
      and s.signal_date between c.first_signal_date - ${windowDays}::int and c.last_signal_date + ${windowDays}::int`);
  // An open case with a signal for the same BSN, within the window.
  if (anyBsn)
    await run(sql`
    update signal_new s set case_id = o.case_id
    from (select distinct on (x.municipality_code, x.bsn) x.municipality_code, x.bsn, x.case_id, c.first_signal_date, c.last_signal_date
          from signals x join signal_cases c on c.id = x.case_id
          where x.municipality_code in ${targetList} and c.status <> 'closed'
            and x.bsn in (select bsn from signal_new where case_id is null and kind is null and bsn is not null)
          order by x.municipality_code, x.bsn, c.last_signal_date desc) o
    where s.case_id is null and s.kind is null and s.bsn = o.bsn and s.municipality_code = o.municipality_code
      and s.signal_date between o.first_signal_date - ${windowDays}::int and o.last_signal_date + ${windowDays}::int`);
  // A repeat: this creditor reported the same household (address or BSN) with the same type before, within the
  // repeat window, with arrears at least as high. It goes to that signal's case (an open case it joined wins).
  const repeatWindow = settings.repeatWindowDays;
  for (const match of anyBsn ? [sql`x.household_key = n.household_key`, sql`n.bsn is not null and x.bsn = n.bsn`] : [sql`x.household_key = n.household_key`]) {
    await run(sql`
      update signal_new s set kind = 'repeated', case_id = coalesce(s.case_id, r.case_id)
      from (select distinct on (n.seq) n.seq, x.case_id
            from signal_new n join signals x on ${match} and x.municipality_code = n.municipality_code and x.creditor_type = n.creditor_type
            where n.kind is null and x.creditor_organisation_id = ${creditorId}::uuid and x.case_id is not null
              and x.amount_cents >= n.amount_cents and x.signal_date <= n.signal_date and x.signal_date >= n.signal_date - ${repeatWindow}::int
            order by n.seq, x.signal_date desc) r
      where s.seq = r.seq`);
  }
  // Already in help: the household's case that ended in help within the help window, or whose handover in the chain
  // is still open. The signal goes to that case, with no new letter.
  const helpWindow = settings.helpWindowDays;
  const helpCases = sql`
    select c.id, c.municipality_code, c.household_key, c.person_id, coalesce(c.closed_on, ${today}::date) as since
    from signal_cases c
    where c.municipality_code in ${targetList}
      and ((c.status = 'closed' and (c.result in ${helpList} or c.help_response = 'accepted') and c.closed_on >= ${today}::date - ${helpWindow}::int)
        or c.chain_referral_id in (select o.id from ${openReferralsSql()} o))`;
  await run(sql`
    update signal_new s set kind = 'known', case_id = h.id
    from (select distinct on (municipality_code, household_key) * from (${helpCases}) hc order by municipality_code, household_key, since desc) h
    where s.case_id is null and s.kind is null and h.municipality_code = s.municipality_code and h.household_key = s.household_key`);
  if (anyBsn)
    await run(sql`
    update signal_new s set kind = 'known', case_id = h.id
    from (select distinct on (hc.municipality_code, p.bsn) hc.id, hc.municipality_code, p.bsn
          from (${helpCases}) hc join persons p on p.id = hc.person_id
          where p.bsn in (select bsn from signal_new where case_id is null and kind is null and bsn is not null)
          order by hc.municipality_code, p.bsn, hc.since desc) h
    where s.case_id is null and s.kind is null and h.municipality_code = s.municipality_code and s.bsn = h.bsn`);
  // New cases for the other households, each with its resident (the most complete, latest signal) at the address
  // of its newest signal: the choice is made on narrow rows, then the details are fetched by row number.
  const newCases = affected(
    await run(sql`
    insert into signal_new_cases
    select ${importRowId(importId, sql`g.n_case`)} as id, ${importRowId(importId, sql`g.n_case`)} as person_id, false as known_person,
      false as in_help, g.municipality_code, g.household_key, g.f, g.l, g.total, g.n, g.urgent,
      r.bsn, r.initials, r.prefix, r.surname, r.birth_date, a.street, a.house_number, a.house_number_suffix, a.postcode, a.city, r.phone, r.email,
      a.area_code
    from (select municipality_code, household_key, min(signal_date) as f, max(signal_date) as l, sum(amount_cents)::bigint as total, count(*)::int as n,
            bool_or(urgent) as urgent,
            (array_agg(seq order by (bsn is null), signal_date desc, seq))[1] as resident_seq,
            (array_agg(seq order by signal_date desc, seq desc))[1] as address_seq, row_number() over () as n_case
          from signal_new where case_id is null and kind is null group by municipality_code, household_key) g
    join signal_new r on r.seq = g.resident_seq
    join signal_new a on a.seq = g.address_seq`),
  );
  // The next five statements read signal_new_cases: left out when it is empty (every row joined a case).
  if (newCases && anyBsn)
    await run(sql`
    update signal_new_cases n set person_id = p.id, known_person = true
    from persons p where p.municipality_code = n.municipality_code and p.bsn = n.bsn and n.bsn is not null`);
  // A resident with a handover still open in the chain (whatever route it came by) is already in help: the case is
  // made closed, "al bekend bij schuldhulpverlening", and no letter goes out.
  if (newCases && anyBsn)
    await run(sql`
    update signal_new_cases n set in_help = true
    where n.known_person and n.person_id in (select o.person_id from ${openReferralsSql()} o)`);
  if (newCases)
    await run(sql`
    insert into persons (id, municipality_code, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix,
      postcode, city, phone, email, created_at, updated_at)
    select person_id, municipality_code, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix,
      postcode, city, phone, email, ${now}, ${now}
    from signal_new_cases where not known_person`);
  // A known resident moved: the newest signal's address becomes theirs.
  if (newCases && anyBsn)
    await run(sql`
    update persons p set street = n.street, house_number = n.house_number, house_number_suffix = n.house_number_suffix,
      postcode = n.postcode, city = n.city, updated_at = ${now}
    from signal_new_cases n
    where n.known_person and p.id = n.person_id
      and (p.postcode is distinct from n.postcode or p.house_number is distinct from n.house_number::text
        or coalesce(p.house_number_suffix, '') <> coalesce(n.house_number_suffix, ''))`);
  const created = !newCases
    ? 0
    : await run(sql`
    insert into signal_cases (id, municipality_code, household_key, area_code, person_id, status, total_cents, signal_count,
      first_signal_date, last_signal_date, created_by_import_id, urgent, due_date, result, help_response, closed_on, created_at, updated_at)
    select id, municipality_code, household_key, area_code, person_id,
      case when in_help then 'closed' when total > ${threshold} then 'awaiting_letter' else 'below_threshold' end,
      least(total, 2147483647)::int, n, f, l, ${importId}::uuid, urgent and not in_help,
      case when urgent and not in_help then ${urgentDue}::date end,
      case when in_help then 'known_to_debt_help' end, case when in_help then 'already_in_help' end, case when in_help then ${today}::date end,
      ${now}, ${now}
    from signal_new_cases`);
  const casesCreated = affected(created);
  // A case follows the household's latest address: a signal newer than any before it, at another address, moves
  // the case (and its resident) there.
  const moves = await run(sql`
    insert into signal_moves
    select m.case_id, m.household_key, m.area_code, m.street, m.house_number, m.house_number_suffix, m.postcode, m.city
    from (select distinct on (case_id) * from signal_new where case_id is not null order by case_id, signal_date desc, seq desc) m
    join signal_cases c on c.id = m.case_id
    where m.household_key <> c.household_key and m.signal_date >= c.last_signal_date`);
  if (affected(moves))
    await run(sql`
    update signal_cases c set household_key = m.household_key, area_code = m.area_code, updated_at = ${now}
    from signal_moves m where c.id = m.case_id`);
  if (affected(moves))
    await run(sql`
    update persons p set street = m.street, house_number = m.house_number, house_number_suffix = m.house_number_suffix,
      postcode = m.postcode, city = m.city, updated_at = ${now}
    from signal_moves m join signal_cases c on c.id = m.case_id
    where p.id = c.person_id`);
  // Existing cases that received signals: new totals (a repeat or a household already in help adds no arrears); one
  // that crosses the threshold now awaits its letter; an urgent signal makes an open case urgent, due in 3 working
  // days at the latest.
  const crossed = rowsOf(
    await run(sql`
      with agg as (select case_id, coalesce(sum(amount_cents) filter (where kind is null), 0)::bigint as total, count(*)::int as n,
                     min(signal_date) as f, max(signal_date) as l, coalesce(bool_or(urgent) filter (where kind is null), false) as urgent
                   from signal_new where case_id is not null group by case_id)
      update signal_cases c set total_cents = least(c.total_cents + agg.total, 2147483647)::int, signal_count = c.signal_count + agg.n,
        first_signal_date = least(c.first_signal_date, agg.f), last_signal_date = greatest(c.last_signal_date, agg.l), updated_at = ${now},
        status = case when c.status = 'below_threshold' and c.total_cents + agg.total > ${threshold} then 'awaiting_letter' else c.status end,
        urgent = c.urgent or (agg.urgent and c.status <> 'closed'),
        due_date = case when agg.urgent and c.status <> 'closed' then least(coalesce(c.due_date, ${urgentDue}::date), ${urgentDue}::date) else c.due_date end
      from agg where c.id = agg.case_id
      returning c.id, c.status`),
  );
  // The unique key (creditor, reference) stays the last guard: a repeat that got past the checks above fails the
  // whole import rather than storing a second signal. A non-resident's signal is kept without a case and with only
  // what the creditor's feedback and the DDAS delivery need (reference, type, amount, address key): no name, BSN,
  // birth date, street, phone or e-mail of someone who is not the municipality's resident.
  const inserted = affected(
    await run(sql`
      insert into signals (id, import_id, creditor_organisation_id, municipality_code, reference, signal_date, creditor_type, amount_cents,
        months, bsn, initials, prefix, surname, birth_date, street, house_number, house_number_suffix, postcode, city, phone, email,
        household_key, arisen_on, crisis, warm_handover, threat, status, case_id)
      select ${importRowId(importId, sql`s.seq::bigint`)}, ${importId}::uuid, ${creditorId}::uuid, coalesce(s.municipality_code, ${municipalityCode}),
        s.reference, s.signal_date, s.creditor_type, s.amount_cents, s.months,
        case when resident then s.bsn end, case when resident then s.initials end, case when resident then s.prefix end,
        case when resident then s.surname else '' end, case when resident then s.birth_date end, case when resident then s.street end,
        s.house_number, s.house_number_suffix, s.postcode, case when resident then s.city end, case when resident then s.phone end,
        case when resident then s.email end, s.household_key, s.arisen_on, s.crisis, s.warm_handover, s.threat,
        case s.kind when 'not_resident' then 'not_resident' when 'repeated' then 'repeated' when 'known' then 'known_to_debt_help' else
          case when n.in_help then 'known_to_debt_help'
               when coalesce(c.status, case when n.total > ${threshold} then 'awaiting_letter' else 'below_threshold' end) = 'below_threshold' then 'unjustified'
               else 'taken_up' end end,
        case when s.kind = 'not_resident' then null else coalesce(s.case_id, n.id) end
      from (select *, kind is distinct from 'not_resident' as resident from signal_new) s
      left join signal_cases c on c.id = s.case_id
      left join signal_new_cases n on s.case_id is null and s.kind is null and n.municipality_code = s.municipality_code and n.household_key = s.household_key`),
  );
  const nowTakenUp = crossed.filter((c) => c.status === 'awaiting_letter').map((c) => String(c.id));
  if (nowTakenUp.length) {
    await run(sql`
      update signals set status = 'taken_up'
      where status = 'unjustified' and case_id in (${sql.join(
        nowTakenUp.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`);
  }
  const persons = rowsOf(
    await run(sql`
      select person_id from signal_new_cases
      union select c.person_id from signal_cases c where c.id in (select case_id from signal_new where case_id is not null) and c.person_id is not null
      limit ${MAX_AUDIT_SUBJECTS + 1}`),
  );
  const perMunicipality: Record<string, { accepted: number; casesCreated: number }> = {};
  let notResident = 0;
  // Both counts in one statement: the signals per municipality first, then the new cases (each case has a signal there).
  const counts = rowsOf(
    await run(sql`
      select 1 as part, municipality_code, count(*)::int as n from signal_new group by municipality_code
      union all select 2, municipality_code, count(*)::int from signal_new_cases group by municipality_code
      order by part`),
  );
  for (const r of counts) {
    if (Number(r.part) === 1) {
      if (r.municipality_code === null) notResident = Number(r.n);
      else perMunicipality[String(r.municipality_code)] = { accepted: Number(r.n), casesCreated: 0 };
    } else perMunicipality[String(r.municipality_code)]!.casesCreated = Number(r.n);
  }
  return {
    inserted,
    casesCreated,
    casesTouched: casesCreated + crossed.length,
    personIds: persons.map((p) => String(p.person_id)),
    notResident,
    municipalities: perMunicipality,
  };
}
