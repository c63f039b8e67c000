import { type SQL, sql } from 'drizzle-orm';
import type { AuditLineSql, Db } from '../../../db/database.ts';
import { childBudgets, passCampaignCredits, passCampaigns, passProviders, passTransactions, passes } from '../schema.ts';

/**
 * A charge at the till in one SQL statement, its audit line included (`Database.auditedStatement`): read the
 * cashier's provider, the pass and the child's budget; lock the budget row only when the charge may go ahead (the
 * pass is usable today, in the provider's municipality, the category allows it, and the balance covers the amount,
 * or in a split payment is above zero); record the charge under the till's idempotency key with the balance after
 * it; debit the budget by what was recorded; and write the audit line of the charge. A statement commits as a
 * whole, so the charge, the debit and the audit line are kept together or not at all. Data-modifying CTEs run once,
 * in one snapshot, so:
 *
 * - The lock (`FOR NO KEY UPDATE`) waits for other tills on the same budget and then sees the latest balance, so the
 *   amount taken and the balance written on the charge are exact, and the debit's `balance >= amount` holds.
 * - A key already used (by a committed charge, or one still running: the insert waits for it) records nothing, and
 *   so debits nothing: the caller answers with the first receipt.
 * - The debit has no condition of its own: the budget's check constraint (never below zero) would fail the whole
 *   statement, and under the lock it cannot.
 * - A budget with campaign credit that has an end date is left alone (`has_dated_credits`): charges.ts then runs
 *   the transaction of chargeWithCredits.ts, which reserves expired credit and books the charge on the credits.
 * - When nothing may be charged, nothing is locked or written; the caller explains why from the pass and budget read
 *   (and writes the failure's audit line).
 */
export interface ChargeStatementInput {
  organisationId: string;
  passNumber: string;
  memberNumber: number;
  today: string;
  categoryAllowed: boolean;
  category: string;
  offerId: string | null;
  amountCents: number;
  split: boolean;
  receiptNumber: string;
  idempotencyKey: string;
  description: string | null;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  now: Date;
}

export interface ChargeStatementRow {
  provider_id: string | null;
  provider_name: string | null;
  provider_municipality: string | null;
  pass_id: string | null;
  pass_number: string | null;
  pass_status: string | null;
  valid_from: string | null;
  valid_to: string | null;
  pass_municipality: string | null;
  budget_id: string | null;
  member_number: number | null;
  child_person_id: string | null;
  balance_cents: number | null;
  /** The budget holds campaign credit with an end date: nothing was charged here (see chargeWithCredits.ts). */
  has_dated_credits: boolean;
  receipt_number: string | null;
  taken_cents: number | null;
  balance_after_cents: number | null;
}

export async function chargeStatement(q: Db, input: ChargeStatementInput, auditLine: (line: AuditLineSql) => SQL): Promise<ChargeStatementRow> {
  const amount = sql`${input.amountCents}::int`;
  const audit = auditLine({
    from: sql`recorded r join found f on true`,
    objectId: sql`f.budget_id::text`,
    subjectIds: sql`array[f.child_person_id]::uuid[]`,
    municipalityCode: sql`f.pass_municipality`,
    details: sql`jsonb_build_object('receiptNumber', r.receipt_number) || case when r.amount_cents < ${amount}
      then jsonb_build_object('otherPaymentCents', ${amount} - r.amount_cents) else '{}'::jsonb end`,
  });
  const result = await q.execute(sql`
    with prov as (
      select id, name, municipality_code from ${passProviders} where organisation_id = ${input.organisationId}::uuid and active
    ),
    found as (
      select p.id as pass_id, p.number as pass_number, p.status as pass_status, p.valid_from::text as valid_from,
        p.valid_to::text as valid_to, p.municipality_code as pass_municipality, b.id as budget_id, b.member_number,
        b.child_person_id, b.area_code, b.balance_cents,
        exists (select 1 from ${passCampaignCredits} c join ${passCampaigns} k on k.id = c.campaign_id
          where c.budget_id = b.id and k.ends_on is not null) as has_dated_credits
      from ${passes} p
      left join ${childBudgets} b on b.pass_id = p.id and b.member_number = ${input.memberNumber}::int and b.year = p.year
      where p.number = ${input.passNumber}
    ),
    locked as (
      select b.id, b.balance_cents,
        case when ${input.split}::boolean then least(b.balance_cents, ${amount}) else ${amount} end as take
      from ${childBudgets} b
      join found f on f.budget_id = b.id
      join prov on prov.municipality_code = f.pass_municipality
      where ${input.categoryAllowed}::boolean
        and not f.has_dated_credits
        and f.pass_status not in ('blocked', 'lost')
        and ${input.today}::date between f.valid_from::date and f.valid_to::date
        and b.balance_cents >= case when ${input.split}::boolean then 1 else ${amount} end
      for no key update of b
    ),
    recorded as (
      insert into ${passTransactions} (receipt_number, municipality_code, kind, budget_id, pass_id, provider_id, offer_id, category,
        amount_cents, price_cents, balance_after_cents, idempotency_key, description, area_code, actor_user_id, actor_api_key_id, occurred_at)
      select ${input.receiptNumber}, f.pass_municipality, 'charge', l.id, f.pass_id, prov.id, ${input.offerId}::uuid, ${input.category},
        l.take, ${amount}, l.balance_cents - l.take, ${input.idempotencyKey}, ${input.description}, f.area_code,
        ${input.actorUserId}::uuid, ${input.actorApiKeyId}::uuid, ${input.now.toISOString()}::timestamptz
      from locked l, found f, prov
      on conflict (provider_id, idempotency_key) do nothing
      returning receipt_number, budget_id, amount_cents
    ),
    debit as (
      update ${childBudgets} b set balance_cents = b.balance_cents - r.amount_cents
      from recorded r
      where b.id = r.budget_id
      returning b.balance_cents
    ),
    audit as (${audit})
    select prov.id as provider_id, prov.name as provider_name, prov.municipality_code as provider_municipality,
      f.pass_id, f.pass_number, f.pass_status, f.valid_from, f.valid_to, f.pass_municipality, f.budget_id, f.member_number,
      f.child_person_id, f.balance_cents, coalesce(f.has_dated_credits, false) as has_dated_credits, r.receipt_number, r.amount_cents as taken_cents, d.balance_cents as balance_after_cents
    from (select 1) as one
    left join prov on true
    left join found f on true
    left join recorded r on true
    left join debit d on true`);
  return (result as unknown as { rows: ChargeStatementRow[] }).rows[0]!;
}
