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
});

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
}

export class ConfigError extends Error {}

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
  };
}
