import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { assertCanSeePerson } from '../access.ts';
import { sideOf, transition, type ReferralAction, type ReferralRoute, type ReferralState } from '../domain.ts';
import { referralEnded } from '../events.ts';
import { referralError } from '../messages.ts';
import { referralEvents, referrals } from '../schema.ts';
import { organisationRef, userIdOf } from './shared.ts';
import type { ReferralActionInput } from './inputs.ts';

const actionEvent: Record<ReferralAction, string> = {
  accept: 'accepted',
  decline: 'declined',
  first_contact: 'first_contact',
  help_in_place: 'help_in_place',
  close: 'closed',
};

/** Accept, decline (with reason), first contact, help in place, close: one command, the state machine decides. */
export async function actOnReferral(
  db: Database,
  actor: Actor,
  referralId: string,
  action: ReferralAction,
  input: ReferralActionInput = {},
): Promise<{ state: ReferralState }> {
  assertCan(actor, 'referrals:work');
  return db.audited(actor, { action: 'update', objectType: 'referral', objectId: referralId, details: { action } }, async (tx, trail) => {
    const [r] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).for('update');
    if (!r) throw new NotFoundError('De verwijzing');
    trail.subjectIds = [r.personId];
    trail.municipalityCode = r.municipalityCode;
    assertMunicipality(actor, r.municipalityCode);
    const side = sideOf(r, actor.organisationId);
    if (!side) throw new NotFoundError('De verwijzing');
    await assertCanSeePerson(tx, actor, r.personId);
    const reason = input.reason?.trim() || null;
    const result = transition(r.state as ReferralState, action, side, reason);
    if (!result.ok) throw referralError(result.reason, { state: r.state as ReferralState });
    const now = db.clock.now();
    const stamp: Partial<typeof referrals.$inferInsert> = { state: result.to, updatedAt: now };
    if (action === 'accept') stamp.acceptedAt = now;
    if (action === 'decline') {
      stamp.declinedAt = now;
      stamp.declineReason = reason;
    }
    if (action === 'first_contact') stamp.firstContactAt = now;
    if (action === 'help_in_place') stamp.helpInPlaceAt = now;
    if (action === 'close') {
      stamp.closedAt = now;
      stamp.closeReason = reason;
    }
    await tx.update(referrals).set(stamp).where(eq(referrals.id, referralId));
    await tx.insert(referralEvents).values({
      referralId,
      personId: r.personId,
      municipalityCode: r.municipalityCode,
      kind: actionEvent[action],
      organisationId: actor.organisationId,
      userId: userIdOf(actor),
      note: reason ?? (input.note?.trim() || null),
      occurredAt: now,
    });
    // A referral that ends before first contact: the modules that handed it over take the resident back.
    const previous = r.state as ReferralState;
    if (action === 'decline' || (action === 'close' && (previous === 'sent' || previous === 'accepted'))) {
      const linked = await referralEnded.run(tx, {
        referralId,
        personId: r.personId,
        municipalityCode: r.municipalityCode,
        route: r.route as ReferralRoute,
        how: action === 'decline' ? 'declined' : 'closed',
        previousState: previous,
        organisation: await organisationRef(tx, actor.organisationId),
        reason,
        at: now,
      });
      if (linked.length) trail.details = { ...trail.details, linked };
    }
    return { state: result.to };
  });
}
