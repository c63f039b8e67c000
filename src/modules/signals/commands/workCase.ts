import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { organisations, persons, users } from '../../../platform/schema.ts';
import { createIntakeForPerson, lockReferralForLink, referralThemes, themeCodes, type ReferralTheme } from '../../referrals/index.ts';
import { assertReferralTarget } from '../access.ts';
import {
  contactKinds,
  creditorTypeLabels,
  type CreditorType,
  finalResults,
  helpResponses,
  helpResults,
  outcomeContradiction,
  partsOfDay,
  reachedResults,
  referralResults,
  unreachableContactKinds,
  type FinalResult,
  type HelpResponse,
  type SignalStatus,
} from '../ddas.ts';
import { loadCaseForWork } from '../queries/case.ts';
import { signalProblem } from '../messages.ts';
import { reopenCaseAfterHandoverEnded } from './reopenCase.ts';
import { signalCases, signalContactAttempts, signals, type CaseHistoryEntry } from '../schema.ts';

/** The team's acts on a case: assign and plan, record a contact attempt, record the outcome. Each is audited. */

export const caseAssignment = z.object({
  assignedUserId: z.string().uuid().nullable().optional(),
  dueDate: z.iso.date().nullable().optional(),
});

export async function assignCase(db: Database, actor: Actor, caseId: string, input: z.infer<typeof caseAssignment>) {
  assertCan(actor, 'signals:work');
  if (input.assignedUserId) {
    const [worker] = await db.unaudited((q) =>
      q
        .select({ id: users.id, organisationId: users.organisationId, roles: users.roles, active: users.active })
        .from(users)
        .where(eq(users.id, input.assignedUserId!)),
    );
    if (!worker?.active || !worker.roles.includes('signal_officer') || worker.organisationId !== actor.organisationId) {
      throw signalProblem('worker_not_eligible');
    }
  }
  return db.audited(actor, { action: 'update', objectType: 'signal_case', objectId: caseId, details: { fields: Object.keys(input) } }, async (tx, trail) => {
    const found = await loadCaseForWork(tx, actor, caseId);
    trail.municipalityCode = found.municipalityCode;
    if (found.personId) trail.subjectIds = [found.personId];
    const [updated] = await tx
      .update(signalCases)
      .set({
        ...(input.assignedUserId !== undefined ? { assignedUserId: input.assignedUserId } : {}),
        ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
        updatedAt: db.clock.now(),
      })
      .where(eq(signalCases.id, caseId))
      .returning({ id: signalCases.id, assignedUserId: signalCases.assignedUserId, dueDate: signalCases.dueDate, status: signalCases.status });
    return updated!;
  });
}

export const contactAttemptInput = z.object({
  kind: z.enum(contactKinds),
  reached: z.boolean(),
  date: z.iso.date(),
  partOfDay: z.enum(partsOfDay),
  note: z.string().trim().max(2000).optional().nullable(),
});

/** A contact attempt (phone, home visit, e-mail, text...). Reaching the resident puts the case "in contact". */
export async function recordContactAttempt(db: Database, actor: Actor, caseId: string, input: z.infer<typeof contactAttemptInput>) {
  assertCan(actor, 'signals:work');
  const today = amsterdamDate(db.clock.now());
  if (input.date > today) throw signalProblem('contact_in_future');
  if (input.reached && unreachableContactKinds.includes(input.kind)) {
    throw signalProblem('kind_never_reaches', { kind: input.kind });
  }
  return db.audited(
    actor,
    { action: 'create', objectType: 'signal_contact_attempt', details: { kind: input.kind, reached: input.reached } },
    async (tx, trail) => {
      const found = await loadCaseForWork(tx, actor, caseId);
      trail.municipalityCode = found.municipalityCode;
      if (found.personId) trail.subjectIds = [found.personId];
      if (found.status === 'closed') throw signalProblem('case_closed');
      const [attempt] = await tx
        .insert(signalContactAttempts)
        .values({ caseId, ...input, note: input.note ?? null, userId: actor.kind === 'user' ? actor.userId : null, createdAt: db.clock.now() })
        .returning();
      trail.objectId = attempt!.id;
      await tx
        .update(signalCases)
        .set({
          reached: input.reached || found.reached === true,
          status: input.reached ? 'in_contact' : found.status,
          takenUpOn: found.takenUpOn ?? input.date,
          updatedAt: db.clock.now(),
        })
        .where(eq(signalCases.id, caseId));
      await tx.update(signals).set({ status: 'taken_up' }).where(sql`${signals.caseId} = ${caseId} and ${signals.status} = 'not_yet_taken_up'`);
      return attempt!;
    },
  );
}

export const outcomeInput = z.object({
  result: z.enum(finalResults),
  helpResponse: z.enum(helpResponses).optional().nullable(),
  /** Until the referrals module takes over: the organisation the household was referred to. */
  referralOrganisationId: z.string().uuid().optional().nullable(),
  referralNote: z.string().trim().max(2000).optional().nullable(),
  /**
   * The resident agreed that their question goes to the chosen organisation through the chain (Ketenaanpak):
   * a warm handover in `referrals`, where the receiver must take it up. Only with a referral result.
   */
  chainConsent: z.boolean().optional(),
  /**
   * The theme of the handover (one of the referrals module's `themeCodes`), chosen by the officer. Without it a
   * financial referral goes as `money_debts`; a non-financial one needs it.
   */
  theme: z
    .enum(themeCodes as [ReferralTheme, ...ReferralTheme[]])
    .optional()
    .nullable(),
});

/** The theme of a handover: the officer's choice, else `money_debts` for a financial referral; null when it must be chosen. */
export function handoverTheme(result: FinalResult, chosen: ReferralTheme | null | undefined): ReferralTheme | null {
  if (chosen) return chosen;
  return result === 'referral_non_financial' ? null : 'money_debts';
}

const signalStatusForResult: Partial<Record<FinalResult, SignalStatus>> = {
  not_taken_up_repeated: 'repeated',
  not_taken_up_unjustified: 'unjustified',
  not_taken_up_other: 'other_reason',
  deceased: 'deceased',
  not_resident: 'not_resident',
  known_to_debt_help: 'known_to_debt_help',
};

/** The resident's answer, from the DDAS result when the worker did not say it in so many words. */
export function impliedHelpResponse(result: FinalResult): HelpResponse | null {
  if (helpResults.includes(result)) return 'accepted';
  if (result === 'known_to_debt_help' || result === 'other_trajectory') return 'already_in_help';
  if (result === 'no_help_needed' || result === 'already_paid') return 'no_help_needed';
  return null;
}

/**
 * Closes the case with its DDAS final result; a referral result needs the organisation referred to. With the
 * resident's consent the referral becomes a handover in the chain (`referrals`), made before the case closes so
 * that a refused handover leaves the case open.
 */
export async function recordOutcome(db: Database, actor: Actor, caseId: string, input: z.infer<typeof outcomeInput>) {
  assertCan(actor, 'signals:work');
  const needsTarget = referralResults.includes(input.result);
  if (needsTarget && !input.referralOrganisationId) {
    throw signalProblem('referral_target_required');
  }
  if (input.chainConsent && !needsTarget) {
    throw signalProblem('chain_needs_referral');
  }
  if (input.chainConsent && !handoverTheme(input.result, input.theme)) {
    throw signalProblem('chain_theme_required');
  }
  const helpResponse = input.helpResponse ?? impliedHelpResponse(input.result);
  if (helpResponse === 'accepted' && !helpResults.includes(input.result)) {
    throw signalProblem('help_accepted_mismatch');
  }
  const handover = input.chainConsent ? await handOverToChain(db, actor, caseId, input) : null;
  const chainReferralId = handover?.referralId ?? null;
  return db.audited(actor, { action: 'update', objectType: 'signal_case', objectId: caseId, details: { result: input.result } }, async (tx, trail) => {
    // The referral first (the lock order of a decline): a decline that races this close either waits for it and then
    // finds the case linked, or came first and is seen here.
    const endedAlready = chainReferralId ? await lockReferralForLink(tx, chainReferralId) : null;
    const found = await loadCaseForWork(tx, actor, caseId);
    trail.municipalityCode = found.municipalityCode;
    if (found.personId) trail.subjectIds = [found.personId];
    if (found.status === 'closed') throw signalProblem('case_already_closed');
    const contradiction = outcomeContradiction(input.result, found.reached === true);
    if (contradiction) throw signalProblem(contradiction, { result: input.result });
    if (input.referralOrganisationId) await assertReferralTarget(tx, input.referralOrganisationId, found.municipalityCode);
    const today = amsterdamDate(db.clock.now());
    const [updated] = await tx
      .update(signalCases)
      .set({
        status: 'closed',
        result: input.result,
        helpResponse,
        reached: reachedResults.includes(input.result) || found.reached === true,
        referralOrganisationId: needsTarget ? input.referralOrganisationId! : null,
        referralNote: input.referralNote ?? null,
        chainReferralId,
        ...(handover ? { history: [...found.history, handover.entry] } : {}),
        closedOn: today,
        takenUpOn: found.takenUpOn ?? today,
        dueDate: null,
        updatedAt: db.clock.now(),
      })
      .where(eq(signalCases.id, caseId))
      .returning();
    const status = signalStatusForResult[input.result];
    if (status) await tx.update(signals).set({ status }).where(eq(signals.caseId, caseId));
    else
      await tx
        .update(signals)
        .set({ status: 'taken_up' })
        .where(sql`${signals.caseId} = ${caseId} and ${signals.status} in ('unjustified', 'not_yet_taken_up')`);
    if (endedAlready) {
      // Declined (or closed) between the handover and now: straight back to the queue, as the announcement would have done.
      await reopenCaseAfterHandoverEnded(tx, endedAlready);
      const [reopened] = await tx.select().from(signalCases).where(eq(signalCases.id, caseId));
      return reopened!;
    }
    return updated!;
  });
}

/**
 * The warm handover: the case's resident goes to the chosen partner in `referrals`, with their consent, carrying the
 * case's signals (kind of creditor, amount, months, ontstaansdatum, signal date; never the BSN, the creditor's
 * reference or name) under the theme the officer chose. Checked before anything is sent, so that a handover is not
 * made for an outcome the case then refuses.
 */
async function handOverToChain(
  db: Database,
  actor: Actor,
  caseId: string,
  input: z.infer<typeof outcomeInput>,
): Promise<{ referralId: string; entry: CaseHistoryEntry }> {
  const found = await db.audited(
    actor,
    { action: 'read', objectType: 'signal_case', objectId: caseId, purpose: 'overdracht in de keten' },
    async (tx, trail) => {
      const [row] = await tx
        .select({ case: signalCases, person: persons, organisationCode: organisations.code, organisationName: organisations.name })
        .from(signalCases)
        .leftJoin(persons, eq(persons.id, signalCases.personId))
        .leftJoin(organisations, eq(organisations.id, sql`${input.referralOrganisationId ?? null}::uuid`))
        .where(eq(signalCases.id, caseId));
      if (!row) throw new NotFoundError('De zaak');
      assertMunicipality(actor, row.case.municipalityCode);
      trail.municipalityCode = row.case.municipalityCode;
      if (row.person) trail.subjectIds = [row.person.id];
      if (row.case.status === 'closed') throw signalProblem('case_already_closed');
      const contradiction = outcomeContradiction(input.result, row.case.reached === true);
      if (contradiction) throw signalProblem(contradiction, { result: input.result });
      await assertReferralTarget(tx, input.referralOrganisationId!, row.case.municipalityCode);
      const caseSignals = await tx
        .select({
          creditorType: signals.creditorType,
          amountCents: signals.amountCents,
          months: signals.months,
          arisenOn: signals.arisenOn,
          signalDate: signals.signalDate,
        })
        .from(signals)
        .where(eq(signals.caseId, caseId))
        .orderBy(asc(signals.signalDate), asc(signals.id));
      return { ...row, signals: caseSignals };
    },
  );
  const person = found.person;
  if (!person) throw signalProblem('no_resident_for_handover');
  const name = [person.initials, person.prefix, person.surname].filter(Boolean).join(' ');
  const theme = handoverTheme(input.result, input.theme)!;
  const intake = await createIntakeForPerson(
    db,
    actor,
    {
      municipalityCode: found.case.municipalityCode,
      route: 'early_signal',
      theme,
      question: input.referralNote?.trim() || 'Vroegsignalering: betalingsachterstand. De inwoner heeft hulp aangenomen en wil graag dat u contact opneemt.',
      targetOrganisationCode: found.organisationCode ?? undefined,
      contact: { name, phone: person.phone, email: person.email },
      consent: {
        given: true,
        text: 'Mondeling gegeven aan het vroegsignaleringsteam: de vraag en de signalen van betalingsachterstand mogen naar de gekozen organisatie.',
      },
      signals: found.signals.map((s) => ({
        creditorType: s.creditorType,
        creditorTypeLabel: creditorTypeLabels[s.creditorType as CreditorType] ?? s.creditorType,
        amountCents: s.amountCents,
        months: s.months,
        arisenOn: s.arisenOn,
        signalDate: s.signalDate,
      })),
    },
    person.id,
  );
  return {
    referralId: intake.referralId,
    entry: {
      at: db.clock.now().toISOString(),
      kind: 'handed_over',
      text: `Overgedragen aan ${found.organisationName ?? 'de gekozen organisatie'} (${referralThemes[theme]}), met ${found.signals.length === 1 ? '1 signaal' : `${found.signals.length} signalen`}.`,
      referralId: intake.referralId,
    },
  };
}
