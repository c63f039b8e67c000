import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../actor.ts';
import { administeredMunicipalities, assertAdministers, assertCan } from '../authz.ts';
import type { MailKind, MailStatus, outboxQuery } from './contract.ts';
import { deliveryFailureSentence, mailError } from './messages.ts';
import { mailOutbox } from './schema.ts';
import { mailSettings } from './outbox.ts';

/** Mails that belong wholly to municipalities the admin administers (the same rule as the audit log's). */
function administeredBy(actor: Actor): SQL {
  const mine = administeredMunicipalities(actor);
  const list = sql`ARRAY[${sql.join(
    mine.map((m) => sql`${m}`),
    sql`, `,
  )}]::text[]`;
  return mine.length ? sql`(cardinality(${mailOutbox.municipalityCodes}) > 0 and ${mailOutbox.municipalityCodes} <@ ${list})` : sql`false`;
}

/** The outbox page: the state of each mail, with the last failure in Dutch. Reads no address (only its masked form) and no text. */
export async function listOutbox(db: Database, actor: Actor, query: z.infer<typeof outboxQuery>) {
  assertCan(actor, 'mail:manage');
  const scope = administeredBy(actor);
  const [rows, counts] = await db.unaudited(async (q) =>
    Promise.all([
      q
        .select()
        .from(mailOutbox)
        .where(query.status ? and(scope, eq(mailOutbox.status, query.status)) : scope)
        .orderBy(desc(mailOutbox.createdAt))
        .limit(query.limit),
      q.select({ status: mailOutbox.status, n: sql<number>`count(*)::int` }).from(mailOutbox).where(scope).groupBy(mailOutbox.status),
    ]),
  );
  const count = (status: string) => counts.filter((c) => c.status === status).reduce((n, c) => n + c.n, 0);
  return {
    enabled: mailSettings(db) !== null,
    counts: { waiting: count('waiting') + count('sending'), sent: count('sent'), failed: count('failed') },
    items: rows.map((m) => ({
      id: m.id,
      kind: m.kind as MailKind,
      recipient: m.recipientLabel,
      address: m.recipientMasked,
      objectType: m.objectType,
      objectId: m.objectId,
      status: m.status as MailStatus,
      attempts: m.attempts,
      nextAttemptAt: m.status === 'waiting' || m.status === 'sending' ? m.nextAttemptAt.toISOString() : null,
      lastAttemptAt: m.lastAttemptAt?.toISOString() ?? null,
      reason: deliveryFailureSentence(m.lastError, m.status),
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    })),
  };
}

/** An admin sends a failed mail again: it waits for the next run of the mail job, with a fresh count of attempts. */
export async function retryMail(db: Database, actor: Actor, id: string) {
  assertCan(actor, 'mail:manage');
  if (!mailSettings(db)) throw mailError('mail_off');
  const [mail] = await db.unaudited((q) => q.select().from(mailOutbox).where(eq(mailOutbox.id, id)));
  if (!mail) throw mailError('mail_not_found');
  try {
    assertAdministers(actor, mail.municipalityCodes);
  } catch {
    throw mailError('mail_not_found');
  }
  return db.audited(
    actor,
    { action: 'update', objectType: 'mail', objectId: id, municipalityCodes: mail.municipalityCodes, details: { retry: true } },
    async (tx) => {
      const [updated] = await tx
        .update(mailOutbox)
        .set({ status: 'waiting', attempts: 0, nextAttemptAt: db.clock.now() })
        .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'failed')))
        .returning({ id: mailOutbox.id });
      if (!updated) throw mailError('mail_not_failed');
      return { id, status: 'waiting' as const };
    },
  );
}
