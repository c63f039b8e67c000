import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/database.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import type { ReferralRoute } from '../domain.ts';
import type { ReferralEndedEvent } from '../events.ts';
import { referralEvents, referrals } from '../schema.ts';
import { consentWithdrawnReason } from './consents.ts';
import { organisationRef } from './shared.ts';

/**
 * For a module that links its own record to a referral it just made, in its own transaction: locks the referral (so
 * that a decline, close or withdrawal waits for this transaction, and then announces to a record that is linked) and
 * says whether it already ended before help got going, as the announcement would have said it. Lock order: the
 * referral first, then the caller's own rows, the same order as the announcement's listeners.
 */
export async function lockReferralForLink(tx: Tx, referralId: string): Promise<ReferralEndedEvent | null> {
  const [r] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).for('update');
  if (!r) throw new NotFoundError('De verwijzing');
  const endedEarly = r.state === 'declined' || (r.state === 'closed' && r.firstContactAt === null && r.declinedAt === null);
  if (!endedEarly) return null;
  const [last] = await tx
    .select({ kind: referralEvents.kind, organisationId: referralEvents.organisationId, note: referralEvents.note, occurredAt: referralEvents.occurredAt })
    .from(referralEvents)
    .where(and(eq(referralEvents.referralId, referralId), eq(referralEvents.kind, r.state)))
    .orderBy(desc(referralEvents.seq))
    .limit(1);
  const withdrawn = r.state === 'closed' && (r.closeReason ?? '').startsWith(consentWithdrawnReason);
  // A withdrawal is announced with the organisation whose consent was withdrawn (the event before the close).
  const [withdrawal] = withdrawn
    ? await tx
        .select({ organisationId: referralEvents.organisationId })
        .from(referralEvents)
        .where(and(eq(referralEvents.personId, r.personId), eq(referralEvents.kind, 'consent_withdrawn')))
        .orderBy(desc(referralEvents.seq))
        .limit(1)
    : [];
  return {
    referralId,
    personId: r.personId,
    municipalityCode: r.municipalityCode,
    route: r.route as ReferralRoute,
    how: r.state === 'declined' ? 'declined' : withdrawn ? 'consent_withdrawn' : 'closed',
    previousState: r.acceptedAt ? 'accepted' : 'sent',
    organisation: await organisationRef(tx, withdrawal?.organisationId ?? last?.organisationId ?? r.toOrganisationId),
    reason:
      r.state === 'declined' ? r.declineReason : withdrawn ? r.closeReason!.slice(consentWithdrawnReason.length).replace(/^: /, '') || null : r.closeReason,
    at: last?.occurredAt ?? r.updatedAt,
  };
}
