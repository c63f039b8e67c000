import path from 'node:path';
import { z } from 'zod';
import { roles } from './platform/contract-platform.ts';

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
  // Staff login with the municipality's OpenID provider (next to the password login); off while the issuer is unset.
  VANGNET_OIDC_ISSUER: z.string().url().optional(),
  VANGNET_OIDC_NAME: z.string().min(1).max(80).default('de gemeente'),
  VANGNET_OIDC_CLIENT_ID: z.string().min(1).optional(),
  VANGNET_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  VANGNET_OIDC_REDIRECT_URI: z.string().url().optional(),
  VANGNET_OIDC_SCOPES: z.string().default('openid email profile'),
  VANGNET_OIDC_ROLE_CLAIM: z.string().min(1).default('groups'),
  VANGNET_OIDC_ROLE_MAPPING: z.string().default('{}'),
  VANGNET_OIDC_PROVISION: z.enum(['true', 'false']).default('false'),
  // Residents log in with DigiD (and entrepreneurs with eHerkenning) through an OIDC broker; off while unset.
  VANGNET_DIGID_ISSUER: z.string().url().optional(),
  VANGNET_DIGID_NAME: z.string().min(1).max(80).default('DigiD'),
  VANGNET_DIGID_CLIENT_ID: z.string().min(1).optional(),
  VANGNET_DIGID_CLIENT_SECRET: z.string().min(1).optional(),
  VANGNET_DIGID_REDIRECT_URI: z.string().url().optional(),
  VANGNET_DIGID_SCOPES: z.string().default('openid'),
  VANGNET_DIGID_BSN_CLAIM: z.string().min(1).default('bsn'),
  VANGNET_DIGID_KVK_CLAIM: z.string().min(1).optional(),
  VANGNET_RESIDENT_SESSION_MINUTES: z.coerce.number().int().positive().max(120).default(15),
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

/** A claim value (for example a group) that gives a staff member these roles in this organisation (by its code). */
const roleMappingSchema = z.record(z.string().min(1), z.object({ roles: z.array(z.enum(roles)).min(1), organisation: z.string().min(1) }));

/** One OpenID provider Vangnet is a client of. */
export interface OidcClientConfig {
  issuer: string;
  /** Shown on the button: "Inloggen met <name>". */
  name: string;
  clientId: string;
  clientSecret: string | undefined;
  redirectUri: string;
  scopes: string;
}

export interface StaffOidcConfig extends OidcClientConfig {
  roleClaim: string;
  roleMapping: z.infer<typeof roleMappingSchema>;
  /** Create an account at the first login of someone the mapping gives roles to. */
  provision: boolean;
}

export interface ResidentOidcConfig extends OidcClientConfig {
  bsnClaim: string;
  /** eHerkenning through the same broker: the claim with the KvK number (unset: no entrepreneurs). */
  kvkClaim: string | undefined;
  sessionMinutes: number;
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
  /** Staff login with the municipality's OpenID provider; null: password login only. */
  staffOidc: StaffOidcConfig | null;
  /** Residents' login with DigiD through an OIDC broker; null: only the anonymous ways. */
  residentOidc: ResidentOidcConfig | null;
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
  const problems: string[] = [];
  const client = (prefix: 'OIDC' | 'DIGID', path: string): OidcClientConfig | null => {
    const issuer = e[`VANGNET_${prefix}_ISSUER`];
    const clientId = e[`VANGNET_${prefix}_CLIENT_ID`];
    if (!issuer) return null;
    if (!clientId) problems.push(`  VANGNET_${prefix}_CLIENT_ID: nodig als VANGNET_${prefix}_ISSUER is gezet`);
    return {
      issuer,
      name: e[`VANGNET_${prefix}_NAME`],
      clientId: clientId ?? '',
      clientSecret: e[`VANGNET_${prefix}_CLIENT_SECRET`],
      redirectUri: e[`VANGNET_${prefix}_REDIRECT_URI`] ?? new URL(path, publicUrl).href,
      scopes: e[`VANGNET_${prefix}_SCOPES`],
    };
  };
  const staffClient = client('OIDC', '/login/oidc/terug');
  const residentClient = client('DIGID', '/inloggen/digid/terug');
  let roleMapping: z.infer<typeof roleMappingSchema> = {};
  try {
    const mapping = roleMappingSchema.safeParse(JSON.parse(e.VANGNET_OIDC_ROLE_MAPPING));
    if (mapping.success) roleMapping = mapping.data;
    else problems.push(...mapping.error.issues.map((issue) => `  VANGNET_OIDC_ROLE_MAPPING.${issue.path.join('.')}: ${issue.message}`));
  } catch {
    problems.push('  VANGNET_OIDC_ROLE_MAPPING: geen geldige JSON');
  }
  if (problems.length) throw new ConfigError(`Ongeldige configuratie:\n${problems.join('\n')}`);
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
    staffOidc: staffClient ? { ...staffClient, roleClaim: e.VANGNET_OIDC_ROLE_CLAIM, roleMapping, provision: e.VANGNET_OIDC_PROVISION === 'true' } : null,
    residentOidc: residentClient
      ? { ...residentClient, bsnClaim: e.VANGNET_DIGID_BSN_CLAIM, kvkClaim: e.VANGNET_DIGID_KVK_CLAIM, sessionMinutes: e.VANGNET_RESIDENT_SESSION_MINUTES }
      : null,
  };
}
