import { and, asc, eq, inArray, lte, or } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../actor.ts';
import { type DeliveryFailure, retryableFailures } from './messages.ts';
import { mailContents, mailOutbox } from './schema.ts';

/** How long the job holds a mail it took (a process that dies while sending leaves it for the next run after this). */
const LEASE_MS = 10 * 60_000;
/** Mails per run: the job runs every minute, so a burst goes out over a few runs instead of in one long one. */
const BATCH = 50;
const MAX_BACKOFF_MS = 24 * 3_600_000;

const mailActor = systemActor('mail');

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** The wait before attempt `attempts + 1`: the configured minutes, doubled after every failure, at most a day. */
export function backoffMs(settings: Pick<MailConfig, 'retryMinutes'>, attempts: number): number {
  return Math.min(settings.retryMinutes * 60_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** An SMTP or connection error → the failure code kept in the outbox (5xx is final, everything else may pass). */
export function classifyFailure(error: unknown): { code: DeliveryFailure; smtpCode: number | null } {
  const e = (error ?? {}) as { code?: string; responseCode?: number };
  const smtpCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (e.code === 'EAUTH') return { code: 'login_refused', smtpCode };
  if (smtpCode !== null && smtpCode >= 500) return { code: 'refused_permanently', smtpCode };
  if (smtpCode !== null && smtpCode >= 400) return { code: 'refused_temporarily', smtpCode };
  if (e.code && ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ETLS'].includes(e.code)) return { code: 'unreachable', smtpCode };
  return { code: 'send_failed', smtpCode };
}

export function createTransport(settings: MailConfig) {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'tls',
    requireTLS: settings.tls === 'starttls',
    ignoreTLS: settings.tls === 'none',
    auth: settings.auth ?? undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

type Transport = Pick<ReturnType<typeof createTransport>, 'sendMail' | 'close'>;

/**
 * Sends the mails that are due: takes them with a lease (FOR UPDATE SKIP LOCKED, so two server processes never send
 * the same mail), reads their text in one audited unit, sends each over SMTP outside any transaction, and records each
 * attempt with its own audit line (`send mail`). A refused or failed delivery waits with backoff and is tried again
 * up to `maxAttempts`; a permanent refusal (5xx) or the last attempt marks it failed.
 */
export async function deliverDueMails(db: Database, settings: MailConfig, transport: Transport = createTransport(settings)): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  try {
    const now = db.clock.now();
    const due = or(eq(mailOutbox.status, 'waiting'), eq(mailOutbox.status, 'sending'));
    const taken = await db.unauditedTransaction(async (tx) => {
      const rows = await tx
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(and(due, lte(mailOutbox.nextAttemptAt, now)))
        .orderBy(asc(mailOutbox.nextAttemptAt))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (!rows.length) return [];
      return tx
        .update(mailOutbox)
        .set({ status: 'sending', nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(
          inArray(
            mailOutbox.id,
            rows.map((r) => r.id),
          ),
        )
        .returning();
    });
    if (!taken.length) return report;
    const contents = await db.audited(
      mailActor,
      {
        action: 'read',
        objectType: 'mail_outbox',
        municipalityCodes: [...new Set(taken.flatMap((m) => m.municipalityCodes))],
        purpose: 'e-mail versturen',
        details: { mails: taken.map((m) => m.id) },
      },
      (tx) =>
        tx
          .select()
          .from(mailContents)
          .where(
            inArray(
              mailContents.mailId,
              taken.map((m) => m.id),
            ),
          ),
    );
    const byId = new Map(contents.map((c) => [c.mailId, c]));
    for (const mail of taken) {
      const attempt = mail.attempts + 1;
      const content = byId.get(mail.id);
      const event = {
        action: 'send' as const,
        objectType: 'mail',
        objectId: mail.id,
        municipalityCodes: mail.municipalityCodes,
        details: { kind: mail.kind, attempt },
      };
      const at = db.clock.now();
      if (!content?.text) {
        await recordFailure(db, mail.id, attempt, { code: 'content_missing', smtpCode: null }, true, at, event);
        report.failed++;
        continue;
      }
      try {
        const info = await transport.sendMail({
          from: { name: settings.from.name, address: settings.from.address },
          to: content.toAddress,
          subject: content.subject,
          text: content.text,
          messageId: mail.messageId,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        await db.audited(mailActor, { ...event, details: { ...event.details, smtpResponse: smtpCodeOf(info.response) } }, async (tx) => {
          await tx
            .update(mailOutbox)
            .set({ status: 'sent', attempts: attempt, sentAt: at, lastAttemptAt: at, lastError: null, lastSmtpCode: null })
            .where(eq(mailOutbox.id, mail.id));
          // The text is not kept once it went out: a reset link or an offer must not outlive its use.
          await tx.update(mailContents).set({ text: null }).where(eq(mailContents.mailId, mail.id));
        });
        report.sent++;
      } catch (error) {
        const failure = classifyFailure(error);
        const final = !retryableFailures.has(failure.code) || attempt >= settings.maxAttempts;
        await recordFailure(db, mail.id, attempt, failure, final, at, event, final ? null : new Date(at.getTime() + backoffMs(settings, attempt)));
        if (final) report.failed++;
        else report.retrying++;
      }
    }
    return report;
  } finally {
    transport.close();
  }
}

async function recordFailure(
  db: Database,
  id: string,
  attempt: number,
  failure: { code: DeliveryFailure; smtpCode: number | null },
  final: boolean,
  at: Date,
  event: { action: 'send'; objectType: string; objectId: string; municipalityCodes: string[]; details: Record<string, unknown> },
  next: Date | null = null,
): Promise<void> {
  await db.unaudited((q) =>
    q
      .update(mailOutbox)
      .set({
        status: final ? 'failed' : 'waiting',
        attempts: attempt,
        lastAttemptAt: at,
        lastError: failure.code,
        lastSmtpCode: failure.smtpCode,
        // A failed mail keeps a due time only for the record; the job takes waiting mails alone.
        nextAttemptAt: next ?? at,
      })
      .where(eq(mailOutbox.id, id)),
  );
  await db.recordAuditEvent(
    mailActor,
    { ...event, details: { ...event.details, error: failure.code, smtpCode: failure.smtpCode, final, nextAttemptAt: next?.toISOString() ?? null } },
    'error',
  );
}

function smtpCodeOf(response: unknown): number | null {
  const match = /^(\d{3})/.exec(String(response ?? ''));
  return match ? Number(match[1]) : null;
}
