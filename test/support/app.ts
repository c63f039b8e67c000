import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { buildServer, SESSION_COOKIE, type App } from '../../src/http/server.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { seedDemo } from '../../src/platform/demo.ts';
import { createTestDatabase } from './db.ts';

export const DEMO_PASSWORD = 'Test-wachtwoord-123';

export interface TestApp {
  app: App;
  db: Database;
  config: Config;
  close: () => Promise<void>;
}

/** A server on a fresh database with the demo organisations and users, driven with `app.inject`. */
export async function createTestApp(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const { db, cleanup } = await createTestDatabase({ clock: options.clock });
  // Tests log in many times from one address; the per-address login limit has its own test.
  const config = loadConfig({ VANGNET_LOG_LEVEL: 'silent', VANGNET_DEMO_PASSWORD: DEMO_PASSWORD, VANGNET_LOGIN_RATE_PER_MINUTE: '10000', ...options.env });
  await seedDemo(db, DEMO_PASSWORD);
  const app = await buildServer({ db, config });
  await app.ready();
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
  userId: string;
  organisationId: string;
}

export async function loginAs(app: App, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = sessionCookie(response);
  const body = response.json() as { csrfToken: string; user: { id: string; organisationId: string } };
  return {
    cookie,
    csrfToken: body.csrfToken,
    headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': body.csrfToken },
    userId: body.user.id,
    organisationId: body.user.organisationId,
  };
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return cookie.value;
}

export const demoEmails = {
  admin: 'beheerder@dordrecht.example',
  signal_officer: 'signalering@dordrecht.example',
  case_worker: 'consulent@wijkteam.example',
  creditor: 'incasso@trivire.example',
  provider_cashier: 'kassa@aanbieder.example',
  analyst: 'analist@ocd.example',
  programme_manager: 'programma@dordrecht.example',
} as const;
