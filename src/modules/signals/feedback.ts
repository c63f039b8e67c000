import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan } from '../../platform/authz.ts';
import { organisations } from '../../platform/schema.ts';
import { creditorFeedbackLabels, creditorFeedbackOf, creditorFeedbacks, type SignalStatus } from './ddas.ts';
import { signals } from './schema.ts';

export const feedbackQuery = z.object({
  importId: z.string().uuid().optional(),
  /** The signal officer chooses the creditor; a creditor always sees its own. */
  creditorOrganisationId: z.string().uuid().optional(),
  reference: z.string().trim().min(1).max(100).optional(),
  feedback: z.enum(creditorFeedbacks).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type FeedbackQuery = z.input<typeof feedbackQuery>;

/** Signal statuses that give each feedback (the inverse of `creditorFeedbackOf`). */
function statusesFor(feedback: string): SignalStatus[] {
  return (Object.entries(creditorFeedbackOf) as [SignalStatus, string][]).filter(([, f]) => f === feedback).map(([s]) => s);
}

/**
 * Feedback to a creditor on each of its own signals, within the law: the reference it sent, the signal date, type
 * and amount it sent, and what it may know of the result. Nothing about the household, its case or other creditors.
 */
export async function creditorFeedback(db: Database, actor: Actor, query: FeedbackQuery) {
  assertCan(actor, 'signals:submit');
  const input = feedbackQuery.parse(query);
  const isOfficer = actor.roles.includes('signal_officer');
  const creditorId = isOfficer ? input.creditorOrganisationId : actor.organisationId;
  return db.audited(
    actor,
    { action: 'read', objectType: 'signal_feedback', objectId: input.importId ?? creditorId ?? null, purpose: 'terugkoppeling aan de schuldeiser' },
    async (tx, trail) => {
      // Only signals for the actor's municipalities, and for a creditor only its own.
      const where: SQL[] = [sql`${signals.municipalityCode} = any(string_to_array(${actor.municipalities.join(',')}, ','))`];
      if (creditorId) where.push(eq(signals.creditorOrganisationId, creditorId));
      if (input.importId) where.push(eq(signals.importId, input.importId));
      if (input.reference) where.push(eq(signals.reference, input.reference));
      if (input.feedback) where.push(sql`${signals.status} = any(string_to_array(${statusesFor(input.feedback).join(',')}, ','))`);
      const condition = and(...where);
      const [{ n }] = (await tx.select({ n: count() }).from(signals).where(condition)) as [{ n: number }];
      const rows = await tx
        .select({
          reference: signals.reference,
          signalDate: signals.signalDate,
          creditorType: signals.creditorType,
          amountCents: signals.amountCents,
          status: signals.status,
          creditorName: organisations.name,
        })
        .from(signals)
        .innerJoin(organisations, eq(organisations.id, signals.creditorOrganisationId))
        .where(condition)
        .orderBy(desc(signals.signalDate), asc(signals.reference))
        .limit(input.limit)
        .offset(input.offset);
      trail.details = { signals: rows.length };
      return {
        total: Number(n),
        items: rows.map(({ status, ...r }) => {
          const feedback = creditorFeedbackOf[status as SignalStatus] ?? 'not_taken_up';
          return { ...r, feedback, feedbackLabel: creditorFeedbackLabels[feedback] };
        }),
      };
    },
  );
}
