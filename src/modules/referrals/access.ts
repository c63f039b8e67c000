import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { activeScopes, hasActiveConsent, sideOf, type ConsentScope } from './domain.ts';
import { referralError } from './messages.ts';
import { referralConsents, referrals } from './schema.ts';

/** A staff member or API key: who works with referrals. */
export type Staff = Extract<Actor, { kind: 'user' | 'api_key' }>;

/** The organisations that see a person: involved in a referral for them AND holding an active consent. */
export async function visibility(tx: Tx, personId: string, organisationId: string) {
  const [consents, involved] = await Promise.all([
    tx
      .select({ organisationId: referralConsents.organisationId, withdrawnAt: referralConsents.withdrawnAt, scopes: referralConsents.scopes })
      .from(referralConsents)
      .where(eq(referralConsents.personId, personId)),
    tx
      .select({ id: referrals.id, fromOrganisationId: referrals.fromOrganisationId, toOrganisationId: referrals.toOrganisationId })
      .from(referrals)
      .where(eq(referrals.personId, personId)),
  ]);
  const isInvolved = involved.some((r) => sideOf(r, organisationId) !== null);
  return { isInvolved, consented: hasActiveConsent(consents, organisationId), scopes: activeScopes(consents, organisationId) };
}

/**
 * Throws 404 when the organisation is not involved with the person, 403 when the consent was withdrawn.
 * Returns what the resident shares with this organisation (contact, question, progress).
 */
export async function assertCanSeePerson(tx: Tx, actor: Staff, personId: string): Promise<Set<ConsentScope>> {
  const v = await visibility(tx, personId, actor.organisationId);
  if (!v.isInvolved) throw new NotFoundError('De inwoner');
  if (!v.consented) throw referralError('no_consent_to_see');
  return v.scopes;
}
