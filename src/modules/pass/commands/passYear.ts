import { and, eq, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { municipalityCodeOrDefault } from '../../../platform/municipalities.ts';
import { persons } from '../../../platform/schema.ts';
import { rulesOn } from '../configuration.ts';
import { passYearPeriod } from '../domain.ts';
import { eligibilityRulesFor } from '../eligibilityConfig.ts';
import { dutchDate } from '../messages.ts';
import {
  invitationLapses,
  newYearBudgets,
  parseBenefitsCsv,
  planRenewal,
  renewalSummary,
  type BenefitsProblem,
  type PlannedBudget,
  type UnspentBudgetRule,
} from '../passYear.ts';
import { childBudgets, passes, passMembers } from '../schema.ts';
import { passYearRenewals } from '../yearSchema.ts';

/**
 * A new pass year (`vangnet pass new-year`, POST /pass/years/:year/start, the page "Dordtpas nieuw pasjaar"): the
 * benefits file renews passes, the others are invited to confirm on Mijn Dordtpas before a deadline, then lapse.
 * Each step is one audited transaction; running it again changes nothing and says so.
 */
export const newYearInput = z.object({
  municipalityCode: municipalityCodeOrDefault,
  year: z.number().int().min(2021).max(2100),
  deadline: z.iso.date(),
  benefitsCsv: z.string().max(5_000_000),
});

export interface NewYearResult {
  year: number;
  renewed: number;
  invited: number;
  unchanged: number;
  lapsed: number;
  problems: BenefitsProblem[];
  recipients: number;
  summary: string;
}

/** Reads the benefits file only: what it holds and every bad row, before the office starts the year. */
export function previewBenefits(actor: Actor, csv: string) {
  if (actor.kind !== 'system') assertCan(actor, 'pass:administer');
  const { recipients, problems } = parseBenefitsCsv(csv);
  return { recipients: recipients.length, problems };
}

/** Renews one pass into `year`: the pass is valid through the new year, the children get the new year's budgets. */
async function renewPass(
  tx: Tx,
  pass: typeof passes.$inferSelect,
  year: number,
  budgets: PlannedBudget[],
  unspent: UnspentBudgetRule,
  now: Date,
): Promise<void> {
  const { validTo } = passYearPeriod(year);
  await tx.update(passes).set({ year, validTo, updatedAt: now }).where(eq(passes.id, pass.id));
  // Carried over: the old balance moves into the new budget, so no euro can be spent twice.
  if (unspent === 'carry_over')
    await tx
      .update(childBudgets)
      .set({ balanceCents: 0 })
      .where(and(eq(childBudgets.passId, pass.id), eq(childBudgets.year, pass.year)));
  if (budgets.length)
    await tx
      .insert(childBudgets)
      .values(
        budgets.map((b) => ({
          municipalityCode: pass.municipalityCode,
          passId: pass.id,
          memberNumber: b.memberNumber,
          childPersonId: b.childPersonId,
          year,
          ageGroup: b.ageGroup,
          grantedCents: b.grantedCents,
          balanceCents: b.grantedCents,
          areaCode: pass.areaCode,
          createdAt: now,
        })),
      )
      .onConflictDoNothing();
}

async function plannedBudgetsOf(tx: Tx, pass: typeof passes.$inferSelect, year: number, unspent: UnspentBudgetRule) {
  const members = await tx
    .select()
    .from(passMembers)
    .where(and(eq(passMembers.passId, pass.id), eq(passMembers.relation, 'child')));
  const old = await tx
    .select()
    .from(childBudgets)
    .where(and(eq(childBudgets.passId, pass.id), eq(childBudgets.year, pass.year)));
  const rules = await rulesOn(tx, pass.municipalityCode, `${year}-01-01`);
  const children = members.filter((m) => m.birthDate).map((m) => ({ memberNumber: m.memberNumber, childPersonId: m.personId, birthDate: m.birthDate! }));
  return newYearBudgets({ children, budgets: old }, year, rules, unspent);
}

/** Invitations past their deadline lapse. Run by the office (`vangnet pass lapse`) and at the start of each new-year run. */
async function lapseInTx(tx: Tx, municipality: string, year: number, today: string, now: Date): Promise<number> {
  const open = await tx
    .select()
    .from(passYearRenewals)
    .where(
      and(
        eq(passYearRenewals.municipalityCode, municipality),
        eq(passYearRenewals.year, year),
        eq(passYearRenewals.status, 'invited'),
        lt(passYearRenewals.deadline, today),
      ),
    );
  const lapsing = open.filter((r) => invitationLapses({ deadline: r.deadline!, confirmedAt: null }, today));
  if (lapsing.length)
    await tx
      .update(passYearRenewals)
      .set({ status: 'lapsed', decidedAt: now })
      .where(
        inArray(
          passYearRenewals.id,
          lapsing.map((r) => r.id),
        ),
      );
  return lapsing.length;
}

export async function lapseInvitations(db: Database, actor: Actor, municipality: string, year: number): Promise<{ lapsed: number; summary: string }> {
  if (actor.kind !== 'system') assertCan(actor, 'pass:administer');
  assertMunicipality(actor, municipality);
  return db.audited(
    actor,
    { action: 'update', objectType: 'pass_year', objectId: String(year), municipalityCode: municipality, purpose: 'Dordtpas uitnodigingen laten vervallen' },
    async (tx, trail) => {
      const lapsed = await lapseInTx(tx, municipality, year, amsterdamDate(db.clock.now()), db.clock.now());
      trail.details = { lapsed };
      return {
        lapsed,
        summary: lapsed
          ? `${lapsed} ${lapsed === 1 ? 'uitnodiging is' : 'uitnodigingen zijn'} vervallen.`
          : 'Er zijn geen uitnodigingen over hun termijn. Er is niets veranderd.',
      };
    },
  );
}

export async function startPassYear(db: Database, actor: Actor, input: z.infer<typeof newYearInput>): Promise<NewYearResult> {
  if (actor.kind !== 'system') assertCan(actor, 'pass:administer');
  assertMunicipality(actor, input.municipalityCode);
  const { recipients, problems } = parseBenefitsCsv(input.benefitsCsv);
  if (problems.some((p) => p.line === 1)) throw new ValidationError(problems[0]!.message, [{ field: 'benefitsCsv', reason: problems[0]!.message }]);
  const today = amsterdamDate(db.clock.now());
  if (input.deadline < today)
    throw new ValidationError('De uiterste datum ligt in het verleden.', [
      { field: 'deadline', reason: 'De uiterste datum om te bevestigen ligt in het verleden. Kies een latere datum.' },
    ]);
  const bsns = new Set(recipients.map((r) => r.bsn));
  return db.audited(
    actor,
    { action: 'update', objectType: 'pass_year', objectId: String(input.year), municipalityCode: input.municipalityCode, purpose: 'Dordtpas nieuw pasjaar' },
    async (tx, trail) => {
      const now = db.clock.now();
      const lapsed = await lapseInTx(tx, input.municipalityCode, input.year, today, now);
      const rules = await eligibilityRulesFor(tx, input.municipalityCode, input.year);
      const budgetRules = await rulesOn(tx, input.municipalityCode, `${input.year}-01-01`);
      const old = await tx
        .select({ pass: passes, bsn: persons.bsn })
        .from(passes)
        .innerJoin(persons, eq(persons.id, passes.holderPersonId))
        .where(and(eq(passes.municipalityCode, input.municipalityCode), eq(passes.year, input.year - 1)))
        .for('update', { of: passes });
      const existing = old.length
        ? await tx
            .select()
            .from(passYearRenewals)
            .where(
              and(
                eq(passYearRenewals.year, input.year),
                inArray(
                  passYearRenewals.passId,
                  old.map((o) => o.pass.id),
                ),
              ),
            )
        : [];
      const already = await tx.$count(
        passYearRenewals,
        and(eq(passYearRenewals.municipalityCode, input.municipalityCode), eq(passYearRenewals.year, input.year)),
      );
      const plan = planRenewal(
        old.map((o) => ({
          passId: o.pass.id,
          holderBsn: o.bsn,
          status: o.pass.status,
          children: [],
          budgets: [],
          existing: (existing.find((e) => e.passId === o.pass.id)?.status ?? null) as 'invited' | 'renewed' | 'lapsed' | null,
        })),
        bsns,
        input.year,
        budgetRules,
        rules.unspentBudgetRule,
      );
      let renewed = 0;
      let invited = 0;
      let upgraded = 0;
      for (const action of plan) {
        const { pass } = old.find((o) => o.pass.id === action.passId)!;
        if (action.action === 'renew') {
          await renewPass(tx, pass, input.year, await plannedBudgetsOf(tx, pass, input.year, rules.unspentBudgetRule), rules.unspentBudgetRule, now);
          await tx
            .insert(passYearRenewals)
            .values({
              municipalityCode: pass.municipalityCode,
              passId: pass.id,
              year: input.year,
              status: 'renewed',
              renewedBy: 'benefits',
              byUserId: actor.kind === 'user' ? actor.userId : null,
              createdAt: now,
              decidedAt: now,
            })
            .onConflictDoUpdate({
              target: [passYearRenewals.passId, passYearRenewals.year],
              set: { status: 'renewed', renewedBy: 'benefits', decidedAt: now },
            });
          trail.subjectIds!.push(pass.holderPersonId);
          if (existing.some((e) => e.passId === pass.id)) upgraded++;
          renewed++;
        } else if (action.action === 'invite') {
          await tx.insert(passYearRenewals).values({
            municipalityCode: pass.municipalityCode,
            passId: pass.id,
            year: input.year,
            status: 'invited',
            deadline: input.deadline,
            byUserId: actor.kind === 'user' ? actor.userId : null,
            createdAt: now,
          });
          trail.subjectIds!.push(pass.holderPersonId);
          invited++;
        }
      }
      const counts = { renewed, invited, unchanged: already - upgraded, lapsed };
      trail.details = { renewed, invited, lapsed, recipients: recipients.length, badRows: problems.length, deadline: input.deadline };
      return { year: input.year, ...counts, problems, recipients: recipients.length, summary: renewalSummary(input.year, counts, dutchDate(input.deadline)) };
    },
  );
}

/** The resident confirms on Mijn Dordtpas that their situation still holds: the pass is renewed, if before the deadline. */
export async function confirmRenewal(db: Database, actor: Actor, passId: string, year: number): Promise<{ renewed: boolean; message: string }> {
  return db.audited(
    actor,
    { action: 'update', objectType: 'pass_year_renewal', objectId: passId, purpose: 'Inwoner bevestigt Dordtpas voor nieuw pasjaar' },
    async (tx, trail) => {
      const [invitation] = await tx
        .select()
        .from(passYearRenewals)
        .where(and(eq(passYearRenewals.passId, passId), eq(passYearRenewals.year, year)))
        .for('update');
      const [pass] = await tx.select().from(passes).where(eq(passes.id, passId)).for('update');
      if (!invitation || !pass) throw new NotFoundError('De uitnodiging');
      trail.municipalityCode = pass.municipalityCode;
      trail.subjectIds = [pass.holderPersonId];
      const today = amsterdamDate(db.clock.now());
      if (invitation.status === 'renewed') return { renewed: true, message: `Uw Dordtpas was al verlengd voor ${year}.` };
      if (invitation.status === 'lapsed' || invitationLapses({ deadline: invitation.deadline!, confirmedAt: null }, today))
        return { renewed: false, message: `De termijn om te bevestigen is voorbij (${dutchDate(invitation.deadline!)}). Vraag de Dordtpas opnieuw aan.` };
      const now = db.clock.now();
      const rules = await eligibilityRulesFor(tx, pass.municipalityCode, year);
      await renewPass(tx, pass, year, await plannedBudgetsOf(tx, pass, year, rules.unspentBudgetRule), rules.unspentBudgetRule, now);
      await tx.update(passYearRenewals).set({ status: 'renewed', renewedBy: 'confirmed', decidedAt: now }).where(eq(passYearRenewals.id, invitation.id));
      return { renewed: true, message: `Bedankt. Uw Dordtpas is verlengd tot en met ${dutchDate(passYearPeriod(year).validTo)}.` };
    },
  );
}
