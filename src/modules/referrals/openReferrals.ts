import { sql, type SQL } from 'drizzle-orm';

/** States in which a referral is still running in the chain (not closed, not declined by the receiver). */
export const openReferralStates = ['sent', 'accepted', 'first_contact', 'help_in_place'] as const;

/**
 * A subquery of the referrals still open in the chain, as rows `(id, person_id)`, for another module's set-based
 * SQL (the signals import asks which households are already in help, for a million rows at once). Only the
 * referral's id and the person it is about: nothing of its content.
 */
export function openReferralsSql(): SQL {
  return sql`(select r.id, r.person_id from referrals r where r.state in (${sql.join(
    openReferralStates.map((s) => sql`${s}`),
    sql`, `,
  )}))`;
}
