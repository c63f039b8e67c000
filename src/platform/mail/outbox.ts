import { randomUUID } from 'node:crypto';
import type { MailConfig } from '../../config.ts';
import type { Database, Tx } from '../../db/database.ts';
import type { MailKind } from './contract.ts';
import { mailContents, mailOutbox } from './schema.ts';

/**
 * Whether outgoing mail is on, per open database: set once at start-up from the configuration (`configureMail`). When it is
 * off no mail is written, so nothing waits in the outbox pretending it will go out.
 */
const mailByDb = new WeakMap<Database, MailConfig>();

export function configureMail(db: Database, mail: MailConfig | null): void {
  if (mail) mailByDb.set(db, mail);
  else mailByDb.delete(db);
}

export function mailSettings(db: Database): MailConfig | null {
  return mailByDb.get(db) ?? null;
}

export interface NewMail {
  kind: MailKind;
  to: string;
  /** Who receives it, as an admin may read it on the outbox page: an organisation's name, "medewerker", "inwoner". */
  recipientLabel: string;
  subject: string;
  /** Plain Dutch text; holds nothing the receiver may not see. */
  text: string;
  municipalityCodes: readonly string[];
  objectType?: string;
  objectId?: string;
}

/**
 * An address as the outbox page shows it: the first character of the mailbox and the whole domain
 * (`verwijzingen@wijkteam.example` → `v•••@wijkteam.example`). Enough to see a mistyped domain, not enough to read a
 * resident's address off the screen.
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${address.slice(0, 1)}•••${address.slice(at)}`;
}

/**
 * Writes a mail into the outbox inside the caller's transaction (`tx` of the command's `db.audited`), so the mail
 * exists exactly when the act that causes it was committed. Returns `mail:<id>` for the caller's audit line, or
 * nothing when mail is off.
 */
export async function enqueueMail(db: Database, tx: Tx, mail: NewMail): Promise<string[]> {
  const settings = mailSettings(db);
  if (!settings) return [];
  const id = randomUUID();
  const now = db.clock.now();
  await tx.insert(mailOutbox).values({
    id,
    kind: mail.kind,
    municipalityCodes: [...new Set(mail.municipalityCodes)].sort(),
    recipientLabel: mail.recipientLabel,
    recipientMasked: maskAddress(mail.to),
    objectType: mail.objectType ?? null,
    objectId: mail.objectId ?? null,
    status: 'waiting',
    nextAttemptAt: now,
    messageId: `<${id}@${settings.from.address.split('@')[1]}>`,
    createdAt: now,
  });
  await tx.insert(mailContents).values({ mailId: id, toAddress: mail.to, subject: mail.subject, text: mail.text });
  return [`mail:${id}`];
}
