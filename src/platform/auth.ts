import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { TooManyRequestsError, UnauthenticatedError } from './errors.ts';
import { apiKeys, organisationMunicipalities, organisations, sessions, users, type Role } from './schema.ts';
import { dummyPasswordHash, randomToken, sha256, verifyPassword } from './secrets.ts';

export interface LoginResult {
  token: string;
  csrfToken: string;
  actor: Extract<Actor, { kind: 'user' }>;
}

const invalidLogin = 'Het e-mailadres of het wachtwoord klopt niet.';

/** Checks a staff login, counts failures and locks the account after too many, and opens a session. */
export async function login(
  db: Database,
  config: Pick<Config, 'session' | 'login'>,
  input: { email: string; password: string; origin: string | null },
): Promise<LoginResult> {
  const now = db.clock.now();
  const [user] = await db.unaudited((q) =>
    q.select().from(users).where(sql`lower(${users.email}) = lower(${input.email})`),
  );
  const anonymous: Actor = { kind: 'anonymous', origin: input.origin };
  if (!user || !user.active) {
    await verifyPassword(input.password, await dummyPasswordHash());
    await db.recordAuditEvent(anonymous, { action: 'login', objectType: 'session', details: { reason: 'unknown_user' } }, 'denied');
    throw new UnauthenticatedError(invalidLogin);
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await db.recordAuditEvent(anonymous, { action: 'login', objectType: 'user', objectId: user.id, details: { reason: 'locked' } }, 'denied');
    throw new TooManyRequestsError('Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het later opnieuw.');
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    const failures = user.failedLogins + 1;
    const lock = failures >= config.login.maxFailures;
    await db.unaudited((q) =>
      q
        .update(users)
        .set({
          failedLogins: lock ? 0 : failures,
          lockedUntil: lock ? new Date(now.getTime() + config.login.lockoutMinutes * 60_000) : user.lockedUntil,
        })
        .where(eq(users.id, user.id)),
    );
    await db.recordAuditEvent(
      anonymous,
      { action: 'login', objectType: 'user', objectId: user.id, details: { reason: lock ? 'locked_now' : 'bad_password' } },
      'denied',
    );
    throw new UnauthenticatedError(invalidLogin);
  }
  const token = randomToken();
  const csrfToken = randomToken();
  await db.unauditedTransaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    await tx.insert(sessions).values({
      tokenHash: sha256(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.session.maxHours * 3_600_000),
    });
  });
  const actor = await actorForUser(db, user.id, input.origin);
  if (!actor) throw new UnauthenticatedError(invalidLogin);
  await db.recordAuditEvent(actor, { action: 'login', objectType: 'session', objectId: user.id }, 'success');
  return { token, csrfToken, actor };
}

async function actorForUser(db: Database, userId: string, origin: string | null): Promise<Extract<Actor, { kind: 'user' }> | null> {
  const rows = await db.unaudited((q) =>
    q
      .select({
        userId: users.id,
        displayName: users.displayName,
        roles: users.roles,
        active: users.active,
        organisationId: organisations.id,
        organisationKind: organisations.kind,
        municipalityCode: organisationMunicipalities.municipalityCode,
      })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .leftJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, organisations.id))
      .where(eq(users.id, userId)),
  );
  const first = rows[0];
  if (!first || !first.active) return null;
  return {
    kind: 'user',
    userId: first.userId,
    displayName: first.displayName,
    organisationId: first.organisationId,
    organisationKind: first.organisationKind,
    roles: first.roles as Role[],
    municipalities: rows.flatMap((r) => (r.municipalityCode ? [r.municipalityCode] : [])),
    origin,
  };
}

export interface SessionInfo {
  actor: Extract<Actor, { kind: 'user' }>;
  csrfToken: string;
  expiresAt: Date;
}

/** A session lives until it has been idle too long or reached its maximum age, whichever comes first. */
export async function resolveSession(
  db: Database,
  config: Pick<Config, 'session'>,
  token: string,
  origin: string | null,
): Promise<SessionInfo | null> {
  const now = db.clock.now();
  const tokenHash = sha256(token);
  const [session] = await db.unaudited((q) => q.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)));
  if (!session) return null;
  const idleLimit = new Date(session.lastSeenAt.getTime() + config.session.idleMinutes * 60_000);
  if (session.expiresAt <= now || idleLimit <= now) {
    await db.unaudited((q) => q.delete(sessions).where(eq(sessions.tokenHash, tokenHash)));
    return null;
  }
  const actor = await actorForUser(db, session.userId, origin);
  if (!actor) return null;
  // Touch at most once a minute, so reads do not turn into a write per request.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db.unaudited((q) => q.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash)));
  }
  return { actor, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

export async function logout(db: Database, token: string, actor: Actor): Promise<void> {
  await db.unaudited((q) => q.delete(sessions).where(eq(sessions.tokenHash, sha256(token))));
  await db.recordAuditEvent(actor, { action: 'logout', objectType: 'session' }, 'success');
}

/** API keys look like `vn_<prefix>_<secret>`; the prefix identifies the key in lists without revealing it. */
export async function resolveApiKey(db: Database, key: string, origin: string | null): Promise<Extract<Actor, { kind: 'api_key' }> | null> {
  if (!/^vn_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{20,}$/.test(key)) return null;
  const rows = await db.unaudited((q) =>
    q
      .select({
        id: apiKeys.id,
        roles: apiKeys.roles,
        organisationId: organisations.id,
        organisationKind: organisations.kind,
        organisationCode: organisations.code,
        municipalityCode: organisationMunicipalities.municipalityCode,
        lastUsedAt: apiKeys.lastUsedAt,
      })
      .from(apiKeys)
      .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
      .leftJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, organisations.id))
      .where(and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt))),
  );
  const first = rows[0];
  if (!first) return null;
  const now = db.clock.now();
  if (!first.lastUsedAt || now.getTime() - first.lastUsedAt.getTime() > 60_000) {
    await db.unaudited((q) => q.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, first.id)));
  }
  return {
    kind: 'api_key',
    apiKeyId: first.id,
    organisationId: first.organisationId,
    organisationKind: first.organisationKind,
    roles: first.roles as Role[],
    municipalities: rows.flatMap((r) => (r.municipalityCode ? [r.municipalityCode] : [])),
    origin,
    onBehalfOf: `organisation:${first.organisationCode}`,
  };
}

export function newApiKeySecret(): { key: string; prefix: string; hash: string } {
  const prefix = randomToken(6).slice(0, 8);
  const key = `vn_${prefix}_${randomToken(24)}`;
  return { key, prefix, hash: sha256(key) };
}
