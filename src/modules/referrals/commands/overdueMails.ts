import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { mailSettings } from '../../../platform/mail/outbox.ts';
import { mailOverdueReferral } from '../mails.ts';
import { referrals } from '../schema.ts';

const BATCH = 200;

/**
 * The service-level breach: a referral still `sent` (not accepted, declined or referred on) after its answer date is
 * mailed to the receiving organisation's team lead, once. Run by the server every hour; does nothing when mail is off.
 * Returns how many referrals were handled (mailed, or marked when the organisation has no team lead's address).
 */
export async function mailOverdueReferrals(db: Database): Promise<number> {
  if (!mailSettings(db)) return 0;
  const now = db.clock.now();
  const today = amsterdamDate(now);
  return db.audited(systemActor('referrals-overdue-mail'), { action: 'update', objectType: 'referral', details: { overdueMail: true } }, async (tx, trail) => {
    const due = await tx
      .select({
        id: referrals.id,
        personId: referrals.personId,
        municipalityCode: referrals.municipalityCode,
        toOrganisationId: referrals.toOrganisationId,
        answerDueDate: referrals.answerDueDate,
      })
      .from(referrals)
      .where(and(eq(referrals.state, 'sent'), lt(referrals.answerDueDate, today), isNull(referrals.overdueMailedAt)))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const mails: string[] = [];
    for (const r of due) {
      mails.push(...(await mailOverdueReferral(db, tx, { referralId: r.id, ...r })));
      await tx.update(referrals).set({ overdueMailedAt: now }).where(eq(referrals.id, r.id));
    }
    trail.subjectIds = [...new Set(due.map((r) => r.personId))];
    trail.municipalityCodes = [...new Set(due.map((r) => r.municipalityCode))];
    trail.details = { ...trail.details, referrals: due.map((r) => r.id), mails };
    return due.length;
  });
}
