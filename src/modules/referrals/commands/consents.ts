import { and, eq, isNull, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Tx } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import { organisations } from '../../../platform/schema.ts';
import { assertCanSeePerson, visibility, type Staff } from '../access.ts';
import { hasActiveConsent, responsibleSide, sideOf, type ReferralRoute, type ReferralState } from '../domain.ts';
import { referralEnded } from '../events.ts';
import { referralError } from '../messages.ts';
import { referralConsents, referralEvents, referrals } from '../schema.ts';
import { consentGrantInput, parseInput } from './inputs.ts';
import { organisationRef, userIdOf } from './shared.ts';

/** The reason on a referral closed because the resident withdrew the consent of one of its sides. */
export const consentWithdrawnReason = 'Toestemming ingetrokken';

/** The resident gives (again) consent to share with an organisation involved in their referrals. */
export async function grantConsent(db: Database, actor: Actor, personId: string, input: z.input<typeof consentGrantInput>) {
  assertCan(actor, 'referrals:work');
  const data = parseInput(consentGrantInput, input);
  return db.audited(actor, { action: 'create', objectType: 'referral_consent', subjectIds: [personId] }, async (tx, trail) => {
    const v = await visibility(tx, personId, actor.organisationId);
    if (!v.isInvolved) throw new NotFoundError('De inwoner');
    const [any] = await tx.select({ m: referrals.municipalityCode }).from(referrals).where(eq(referrals.personId, personId)).limit(1);
    trail.municipalityCode = any!.m;
    assertMunicipality(actor, any!.m);
    const [org] = await tx.select().from(organisations).where(eq(organisations.code, data.organisationCode));
    if (!org) throw referralError('consent_organisation_unknown');
    const involvedOrgs = await tx
      .select({ fromOrganisationId: referrals.fromOrganisationId, toOrganisationId: referrals.toOrganisationId })
      .from(referrals)
      .where(eq(referrals.personId, personId));
    if (!involvedOrgs.some((r) => sideOf(r, org.id))) {
      throw referralError('consent_organisation_not_involved');
    }
    // Only the organisation itself, or one that can already see the person, records a new consent.
    if (org.id !== actor.organisationId && !v.consented) throw new ForbiddenError();
    const active = await tx
      .select({ id: referralConsents.id })
      .from(referralConsents)
      .where(and(eq(referralConsents.personId, personId), eq(referralConsents.organisationId, org.id), isNull(referralConsents.withdrawnAt)));
    if (active.length) throw referralError('consent_exists');
    const now = db.clock.now();
    const [row] = await tx
      .insert(referralConsents)
      .values({
        municipalityCode: any!.m,
        personId,
        organisationId: org.id,
        scopes: data.scopes,
        text: data.text,
        recordedVia: 'staff',
        givenAt: now,
        givenByUserId: userIdOf(actor),
        givenByOrganisationId: actor.organisationId,
      })
      .returning();
    await tx.insert(referralEvents).values({
      personId,
      municipalityCode: any!.m,
      kind: 'consent_given',
      organisationId: org.id,
      userId: userIdOf(actor),
      occurredAt: now,
    });
    trail.objectId = row!.id;
    return row!;
  });
}

/** The resident withdraws consent for one organisation: from now on that organisation sees nothing of them. */
export async function withdrawConsent(db: Database, actor: Actor, consentId: string, input: { note?: string | null } = {}) {
  assertCan(actor, 'referrals:work');
  return db.audited(actor, { action: 'update', objectType: 'referral_consent', objectId: consentId }, async (tx, trail) => {
    const [c] = await tx.select().from(referralConsents).where(eq(referralConsents.id, consentId)).for('update');
    if (!c) throw new NotFoundError('De toestemming');
    trail.subjectIds = [c.personId];
    trail.municipalityCode = c.municipalityCode;
    assertMunicipality(actor, c.municipalityCode);
    await assertCanSeePerson(tx, actor, c.personId);
    if (c.withdrawnAt) throw referralError('consent_already_withdrawn');
    const now = db.clock.now();
    await tx
      .update(referralConsents)
      .set({
        withdrawnAt: now,
        withdrawnByUserId: userIdOf(actor),
        withdrawnByOrganisationId: actor.organisationId,
        withdrawalNote: input.note?.trim() || null,
      })
      .where(eq(referralConsents.id, consentId));
    await tx.insert(referralEvents).values({
      personId: c.personId,
      municipalityCode: c.municipalityCode,
      kind: 'consent_withdrawn',
      organisationId: c.organisationId,
      userId: userIdOf(actor),
      note: input.note?.trim() || null,
      occurredAt: now,
    });
    const closed = await closeReferralsAfterWithdrawal(tx, actor, c, input.note?.trim() || null, now);
    if (closed.linked.length || closed.referralIds.length) trail.details = { closedReferrals: closed.referralIds, linked: closed.linked };
    return { id: consentId, withdrawnAt: now, closedReferralIds: closed.referralIds };
  });
}

/**
 * After a withdrawal, a referral that the organisation can no longer act on is closed, so that nothing is left
 * open that nobody can take up: every open referral of the resident that this organisation receives, and every one
 * it sent while it is still the responsible side (before the receiver's first contact). Not when the organisation
 * still holds another active consent for the resident. Closed referrals carry no service-level flags and leave the
 * work lists; the person register's relation `referrals:referral` ends with them.
 */
async function closeReferralsAfterWithdrawal(
  tx: Tx,
  actor: Staff,
  c: typeof referralConsents.$inferSelect,
  note: string | null,
  now: Date,
): Promise<{ referralIds: string[]; linked: string[] }> {
  const consents = await tx
    .select({ organisationId: referralConsents.organisationId, withdrawnAt: referralConsents.withdrawnAt })
    .from(referralConsents)
    .where(eq(referralConsents.personId, c.personId));
  if (hasActiveConsent(consents, c.organisationId)) return { referralIds: [], linked: [] };
  const open = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.personId, c.personId), ne(referrals.state, 'closed')))
    .for('update');
  const organisation = await organisationRef(tx, c.organisationId);
  const reason = note ? `${consentWithdrawnReason}: ${note}` : consentWithdrawnReason;
  const referralIds: string[] = [];
  const linked: string[] = [];
  for (const r of open) {
    const side = sideOf(r, c.organisationId);
    if (!side) continue;
    const state = r.state as ReferralState;
    const hasSender = r.fromOrganisationId !== null && r.fromOrganisationId !== r.toOrganisationId;
    if (side === 'sender' && responsibleSide(state, hasSender) !== 'sender') continue;
    await tx.update(referrals).set({ state: 'closed', closedAt: now, closeReason: reason, updatedAt: now }).where(eq(referrals.id, r.id));
    await tx.insert(referralEvents).values({
      referralId: r.id,
      personId: r.personId,
      municipalityCode: r.municipalityCode,
      kind: 'closed',
      organisationId: actor.organisationId,
      userId: userIdOf(actor),
      note: reason,
      occurredAt: now,
    });
    referralIds.push(r.id);
    linked.push(
      ...(await referralEnded.run(tx, {
        referralId: r.id,
        personId: r.personId,
        municipalityCode: r.municipalityCode,
        route: r.route as ReferralRoute,
        how: 'consent_withdrawn',
        previousState: state,
        organisation,
        reason: note,
        at: now,
      })),
    );
  }
  return { referralIds, linked };
}
