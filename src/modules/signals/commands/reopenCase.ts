import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/database.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import type { ReferralEndedEvent } from '../../referrals/index.ts';
import { signalCases, type CaseHistoryEntry } from '../schema.ts';

/** What the team reads on the case when its handover ended before help got going. */
export function reopenText(event: Pick<ReferralEndedEvent, 'how' | 'organisation' | 'reason'>): string {
  const reason = event.reason?.trim();
  switch (event.how) {
    case 'declined':
      return `Doorverwijzing geweigerd door ${event.organisation.name}${reason ? `: ${reason}` : ''}`;
    case 'consent_withdrawn':
      return `Toestemming ingetrokken voor ${event.organisation.name}${reason ? `: ${reason}` : ''}`;
    case 'closed':
      return `Doorverwijzing afgesloten door ${event.organisation.name} vóór het eerste contact${reason ? `: ${reason}` : ''}`;
  }
}

/**
 * Subscribed to `referrals`' `onReferralEnded` (in `module.ts`), so it runs inside the transaction that declines,
 * closes or withdraws: the case whose handover this referral was goes back to the team's queue, or, after a crash,
 * neither happened. The case loses its outcome (no result, no "help accepted": the monitor and the DDAS document
 * count it as a case in progress again) and gets a history line with the reason and the outcome it had. It is due
 * today, keeps its worker and its signals' DDAS status (they were taken up). Returns what it changed, for the
 * referral's audit line (which already names the resident: the case's person is the referral's).
 */
export async function reopenCaseAfterHandoverEnded(tx: Tx, event: ReferralEndedEvent): Promise<string[]> {
  if (event.route !== 'early_signal') return [];
  const [found] = await tx.select().from(signalCases).where(eq(signalCases.chainReferralId, event.referralId)).for('update');
  if (!found) return [];
  const entry: CaseHistoryEntry = {
    at: event.at.toISOString(),
    kind: 'reopened',
    text: reopenText(event),
    referralId: event.referralId,
    previousResult: found.result,
  };
  await tx
    .update(signalCases)
    .set({
      status: found.reached ? 'in_contact' : found.letterSentOn ? 'letter_sent' : 'awaiting_letter',
      result: null,
      helpResponse: null,
      referralOrganisationId: null,
      chainReferralId: null,
      closedOn: null,
      dueDate: amsterdamDate(event.at),
      history: [...found.history, entry],
      updatedAt: event.at,
    })
    .where(eq(signalCases.id, found.id));
  return [`signal_case:${found.id}`];
}
