import { z } from 'zod';

/** The API's schemas for the outbox page, shared with the web app (imports only zod). */
export const mailKinds = ['referral_new', 'referral_overdue', 'password_reset', 'signal_offer', 'pass_campaign'] as const;
export type MailKind = (typeof mailKinds)[number];
export const mailStatuses = ['waiting', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof mailStatuses)[number];

export const mailKindLabels: Record<MailKind, string> = {
  referral_new: 'Nieuwe verwijzing',
  referral_overdue: 'Verwijzing niet op tijd opgepakt',
  password_reset: 'Wachtwoord vergeten',
  signal_offer: 'Hulpaanbod vroegsignalering',
  pass_campaign: 'Extra kindtegoed Dordtpas',
};

export const mailStatusLabels: Record<MailStatus, string> = {
  waiting: 'Wacht op verzending',
  sending: 'Wordt verstuurd',
  sent: 'Verstuurd',
  failed: 'Mislukt',
};

export const outboxMail = z.object({
  id: z.string().uuid(),
  kind: z.enum(mailKinds),
  recipient: z.string(),
  /** The address masked (`v•••@wijkteam.example`); null for a mail written before masking was kept. */
  address: z.string().nullable(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  status: z.enum(mailStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.string().datetime({ offset: true }).nullable(),
  lastAttemptAt: z.string().datetime({ offset: true }).nullable(),
  /** The last failure in Dutch, for people; null when there was none. */
  reason: z.string().nullable(),
  createdAt: z.string().datetime({ offset: true }),
  sentAt: z.string().datetime({ offset: true }).nullable(),
});

export const outboxPage = z.object({
  /** Whether outgoing mail is configured at all; when false nothing is written or sent. */
  enabled: z.boolean(),
  counts: z.object({ waiting: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
  items: z.array(outboxMail),
});

export const outboxQuery = z.object({
  status: z.enum(mailStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
