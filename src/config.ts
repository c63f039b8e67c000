import path from 'node:path';
import { z } from 'zod';

/** Environment → typed configuration, validated once at start-up. Every variable is listed in the README. */
const environmentSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  VANGNET_DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  VANGNET_PUBLIC_URL: z.string().url().optional(),
  VANGNET_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VANGNET_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  VANGNET_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  VANGNET_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  VANGNET_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  VANGNET_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  VANGNET_LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  VANGNET_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(10),
  VANGNET_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  VANGNET_DEMO_PASSWORD: z.string().min(8).default('Vangnet-demo-2026'),
  VANGNET_UPLOAD_MAX_MB: z.coerce.number().int().positive().max(1024).default(64),
  VANGNET_SMTP_HOST: z.string().trim().min(1).optional(),
  VANGNET_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  VANGNET_SMTP_TLS: z.enum(['none', 'starttls', 'tls']).default('starttls'),
  VANGNET_SMTP_USER: z.string().min(1).optional(),
  VANGNET_SMTP_PASSWORD: z.string().min(1).optional(),
  VANGNET_MAIL_FROM: z.string().trim().email().optional(),
  VANGNET_MAIL_FROM_NAME: z.string().trim().min(1).max(100).default('Gemeente Dordrecht'),
  VANGNET_MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  VANGNET_MAIL_RETRY_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
});

/** Outgoing e-mail over SMTP; null when no host is configured (then no mail is written or sent). */
export interface MailConfig {
  host: string;
  port: number;
  /** none: plain SMTP; starttls: upgrade on the same port (required); tls: TLS from the start (port 465). */
  tls: 'none' | 'starttls' | 'tls';
  auth: { user: string; pass: string } | null;
  from: { address: string; name: string };
  maxAttempts: number;
  /** The first retry waits this long; each next one twice as long (at most a day). */
  retryMinutes: number;
  /** The address people use (VANGNET_PUBLIC_URL), for the links in a mail. */
  publicUrl: string;
}

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  publicUrl: string;
  logLevel: z.infer<typeof environmentSchema>['VANGNET_LOG_LEVEL'];
  secureCookies: boolean;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean;
  session: { idleMinutes: number; maxHours: number };
  login: { maxFailures: number; lockoutMinutes: number; ratePerMinute: number };
  /** auto: load demo data into an empty embedded database only. */
  demo: 'auto' | 'true' | 'false';
  demoPassword: string;
  /** The largest uploaded file (signal files, datasets); every other body has a small limit (`src/http/body.ts`). */
  uploadMaxBytes: number;
  mail: MailConfig | null;
}

export class ConfigError extends Error {}

function mailConfig(e: z.infer<typeof environmentSchema>, publicUrl: string): MailConfig | null {
  if (!e.VANGNET_SMTP_HOST) return null;
  if (!e.VANGNET_MAIL_FROM) throw new ConfigError('Ongeldige configuratie:\n  VANGNET_MAIL_FROM: nodig als VANGNET_SMTP_HOST is ingesteld');
  if (Boolean(e.VANGNET_SMTP_USER) !== Boolean(e.VANGNET_SMTP_PASSWORD)) {
    throw new ConfigError('Ongeldige configuratie:\n  VANGNET_SMTP_USER, VANGNET_SMTP_PASSWORD: geef ze allebei of geen van beide');
  }
  return {
    host: e.VANGNET_SMTP_HOST,
    port: e.VANGNET_SMTP_PORT ?? (e.VANGNET_SMTP_TLS === 'tls' ? 465 : 587),
    tls: e.VANGNET_SMTP_TLS,
    auth: e.VANGNET_SMTP_USER && e.VANGNET_SMTP_PASSWORD ? { user: e.VANGNET_SMTP_USER, pass: e.VANGNET_SMTP_PASSWORD } : null,
    from: { address: e.VANGNET_MAIL_FROM, name: e.VANGNET_MAIL_FROM_NAME },
    maxAttempts: e.VANGNET_MAIL_MAX_ATTEMPTS,
    retryMinutes: e.VANGNET_MAIL_RETRY_MINUTES,
    publicUrl: publicUrl.replace(/\/+$/, ''),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Ongeldige configuratie:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = e.VANGNET_PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.VANGNET_DATA_DIR),
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    logLevel: e.VANGNET_LOG_LEVEL,
    secureCookies: e.VANGNET_SECURE_COOKIES ? e.VANGNET_SECURE_COOKIES === 'true' : publicUrl.startsWith('https:'),
    trustProxy: e.VANGNET_TRUST_PROXY === 'true',
    session: { idleMinutes: e.VANGNET_SESSION_IDLE_MINUTES, maxHours: e.VANGNET_SESSION_MAX_HOURS },
    login: { maxFailures: e.VANGNET_LOGIN_MAX_FAILURES, lockoutMinutes: e.VANGNET_LOGIN_LOCKOUT_MINUTES, ratePerMinute: e.VANGNET_LOGIN_RATE_PER_MINUTE },
    demo: e.VANGNET_DEMO,
    demoPassword: e.VANGNET_DEMO_PASSWORD,
    uploadMaxBytes: e.VANGNET_UPLOAD_MAX_MB * 1024 * 1024,
    mail: mailConfig(e, publicUrl),
  };
}
