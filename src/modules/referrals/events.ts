import { createHook } from '../../platform/hooks.ts';
import type { ReferralRoute, ReferralState } from './domain.ts';

/**
 * Announced when a referral ends before help got going, inside the transaction that ends it:
 * - `declined`: the receiver refused it (with a reason);
 * - `closed`: the sender or receiver closed it while it was still `sent` or `accepted` (before first contact);
 * - `consent_withdrawn`: the resident withdrew the consent of one of its sides and the referral was closed for it.
 * A referral that ends after first contact (help was taken up by the receiver) is not announced.
 */
export interface ReferralEndedEvent {
  referralId: string;
  personId: string;
  municipalityCode: string;
  route: ReferralRoute;
  how: 'declined' | 'closed' | 'consent_withdrawn';
  /** The state the referral was in before it ended. */
  previousState: ReferralState;
  /** The organisation that declined or closed it, or whose consent was withdrawn. */
  organisation: { id: string; code: string; name: string };
  /** The reason given (decline, close), or the note with the withdrawal. */
  reason: string | null;
  at: Date;
}

export const referralEnded = createHook<ReferralEndedEvent>();

/**
 * Other modules subscribe once at start-up (in their `module.ts`); the listener runs in the same transaction as the
 * decline, close or withdrawal and may throw to refuse it.
 */
export const onReferralEnded = referralEnded.subscribe;
