import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { personal } from '../../db/personal.ts';

/**
 * The outbox: every outgoing e-mail, written in the same transaction as the act that causes it, sent later by the
 * mail job (see docs/mail.md). This table holds only the state of delivery and no personal data, so the job and
 * the admin page read it without opening a resident's data; the address, subject and text are in `mail_contents`.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** referral_new, referral_overdue, password_reset, signal_offer, pass_campaign (see contract.ts). */
    kind: text('kind').notNull(),
    /** The municipalities the mail belongs to: the admins of all of them see it. */
    municipalityCodes: text('municipality_codes').array().notNull().default(sql`'{}'::text[]`),
    /** Who receives it, in words an admin may read: an organisation's name, "medewerker", "inwoner". Never an address. */
    recipientLabel: text('recipient_label').notNull(),
    /**
     * The address masked for the outbox page (`v•••@dordrecht.example`: the first character and the domain), so an admin
     * can tell a wrong domain from a full mailbox without reading the address. Null for mails written before it existed.
     */
    recipientMasked: text('recipient_masked'),
    /** What the mail is about (e.g. `referral` and its id), for the link on the admin page. */
    objectType: text('object_type'),
    objectId: text('object_id'),
    /** waiting, sending, sent, failed. */
    status: text('status').notNull().default('waiting'),
    attempts: integer('attempts').notNull().default(0),
    /** When the job may take it (again); while `sending` the end of the job's lease on it. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** The code of the last failure (messages.ts gives the Dutch sentence) and the SMTP reply code, if any. */
    lastError: text('last_error'),
    lastSmtpCode: integer('last_smtp_code'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    messageId: text('message_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt), index('mail_outbox_created_idx').on(t.createdAt)],
);

/**
 * What a mail says and to whom. Personal (the offer of help goes to a resident's address), so only reachable
 * through `db.audited`; the text is erased once the mail is sent (a reset link must not outlive its use).
 */
export const mailContents = personal(
  pgTable('mail_contents', {
    mailId: uuid('mail_id')
      .primaryKey()
      .references(() => mailOutbox.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    /** Plain text; null after sending. */
    text: text('text'),
  }),
);
