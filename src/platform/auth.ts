import { performance } from 'node:perf_hooks';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { UnauthenticatedError } from './errors.ts';
import { apiKeys, organisationMunicipalities, organisations, sessions, users, type Role } from './schema.ts';
import { dummyPasswordHash, randomToken, sha256, verifyPassword } from './secrets.ts';

/** The staff session's cookie (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'vangnet_session';

export interface LoginResult {
  token: string;
  csrfToken: string;
  actor: Extract<Actor, { kind: 'user' }>;
}

/**
 * The one answer to every refused login: an unknown account, an inactive one, a wrong password and a locked
 * account all get this 401, so the answer never tells whether an account exists or is locked.
 */
export const invalidLogin =
  'Het e-mailadres of het wachtwoord klopt niet, of het account is tijdelijk geblokkeerd na te veel mislukte pogingen. Controleer uw gegevens of probeer het later opnieuw.';

/**
 * Checks a staff login, counts failures and locks the account after too many, and opens a session.
 * Every path does the same work (one lookup, one scrypt verification, one audit line), so timing does not tell
 * them apart either. Failures are counted in the database (`failed_logins + 1 ... RETURNING`), so parallel
 * attempts cannot overwrite each other's count.
 */
export async function login(
  db: Database,
  config: Pick<Config, 'session' | 'login'>,
  input: { email: string; password: string; origin: string | null },
): Promise<LoginResult> {
  const now = db.clock.now();
  const [user] = await db.unaudited((q) =>
    q
      .select({
        id: users.id,
        active: users.active,
        passwordHash: users.passwordHash,
        lockedUntil: users.lockedUntil,
        municipalities: sql<
          string[]
        >`coalesce(array_agg(${organisationMunicipalities.municipalityCode} order by ${organisationMunicipalities.municipalityCode}) filter (where ${organisationMunicipalities.municipalityCode} is not null), '{}')`,
      })
      .from(users)
      .leftJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, users.organisationId))
      .where(sql`lower(${users.email}) = lower(${input.email})`)
      .groupBy(users.id),
  );
  const anonymous: Actor = { kind: 'anonymous', origin: input.origin };
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  // A refused login of a known account belongs to the account's municipalities; of an unknown one, to none.
  const refuse = async (reason: string): Promise<never> => {
    await db.recordAuditEvent(
      anonymous,
      user
        ? { action: 'login', objectType: 'user', objectId: user.id, municipalityCodes: user.municipalities, details: { reason } }
        : { action: 'login', objectType: 'session', municipalityCodes: [], details: { reason } },
      'denied',
    );
    throw new UnauthenticatedError(invalidLogin);
  };
  if (!user) return refuse('unknown_user');
  if (!user.active) return refuse('inactive');
  if (user.lockedUntil && user.lockedUntil > now) return refuse('locked');
  if (!passwordOk) {
    const lockedNow = await db.unauditedTransaction(async (tx) => {
      const [counted] = await tx
        .update(users)
        .set({ failedLogins: sql`${users.failedLogins} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failedLogins: users.failedLogins });
      if (!counted || counted.failedLogins < config.login.maxFailures) return false;
      // The row stays locked by the UPDATE above until this transaction ends, so no other attempt counts in between.
      await tx
        .update(users)
        .set({ failedLogins: 0, lockedUntil: new Date(now.getTime() + config.login.lockoutMinutes * 60_000) })
        .where(eq(users.id, user.id));
      return true;
    });
    return refuse(lockedNow ? 'locked_now' : 'bad_password');
  }
  const opened = await openSession(db, config, user.id, { origin: input.origin, method: 'password' });
  if (!opened) return refuse('locked');
  return opened;
}

/**
 * Opens a staff session for a user whose identity has been checked (a right password, or the municipality's
 * OpenID provider), and writes the login's audit line. Only an account that is (still) active and not locked at
 * this moment gets a session: a lock set by a parallel attempt wins. Null when it did not.
 */
export async function openSession(
  db: Database,
  config: Pick<Config, 'session'>,
  userId: string,
  options: { origin: string | null; method: 'password' | 'oidc'; idToken?: string },
): Promise<LoginResult | null> {
  const now = db.clock.now();
  const token = randomToken();
  const csrfToken = randomToken();
  const opened = await db.unauditedTransaction(async (tx) => {
    const [current] = await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(and(eq(users.id, userId), eq(users.active, true), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))))
      .returning({ id: users.id });
    if (!current) return false;
    await tx.insert(sessions).values({
      tokenHash: sha256(token),
      userId,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.session.maxHours * 3_600_000),
      idToken: options.idToken ?? null,
    });
    return true;
  });
  if (!opened) return null;
  const actor = await actorForUser(db, userId, options.origin);
  if (!actor) throw new UnauthenticatedError(invalidLogin);
  const details = options.method === 'password' ? undefined : { method: options.method };
  await db.recordAuditEvent(actor, { action: 'login', objectType: 'session', objectId: userId, details }, 'success');
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
  if (!first?.active) return null;
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
export async function resolveSession(db: Database, config: Pick<Config, 'session'>, token: string, origin: string | null): Promise<SessionInfo | null> {
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

/** Ends the session; answers the ID token it was opened with (for logout at the OpenID provider), if any. */
export async function logout(db: Database, token: string, actor: Actor): Promise<{ idToken: string | null }> {
  const [ended] = await db.unaudited((q) =>
    q
      .delete(sessions)
      .where(eq(sessions.tokenHash, sha256(token)))
      .returning({ idToken: sessions.idToken }),
  );
  await db.recordAuditEvent(actor, { action: 'logout', objectType: 'session' }, 'success');
  return { idToken: ended?.idToken ?? null };
}

type ApiKeyActor = Extract<Actor, { kind: 'api_key' }>;

/**
 * How long a verified API key is trusted without asking the database again, in this process. A creditor's system
 * posts signals one by one, and the lookup (a query with two joins) was a sixth of such a call. Revoking a key or
 * changing an organisation here forgets every verified key at once (forgetVerifiedApiKeys); another server process
 * on the same database notices within this time.
 */
export const API_KEY_TRUST_MS = 5_000;
/** Per database (a process may open several: tests, tools), by the key's SHA-256. */
const verifiedKeysByDb = new WeakMap<Database, Map<string, { actor: Omit<ApiKeyActor, 'origin'>; until: number }>>();
const MAX_VERIFIED_KEYS = 1_000;
let keyGeneration = 0;
const generationOf = new WeakMap<Database, number>();

/** Bumped by forgetVerifiedApiKeys; other short-lived caches of organisation data (signals: the creditor) use it too. */
export function trustGeneration(): number {
  return keyGeneration;
}

/**
 * After a key was revoked, or an organisation, its municipalities, a creditor's types or column mapping changed:
 * verify every key against the database again, and forget every cached organisation.
 */
export function forgetVerifiedApiKeys(): void {
  // A WeakMap cannot be walked: each database's map is dropped on its next lookup (see generationOf).
  keyGeneration++;
}

/** API keys look like `vn_<prefix>_<secret>`; the prefix identifies the key in lists without revealing it. */
export async function resolveApiKey(db: Database, key: string, origin: string | null): Promise<ApiKeyActor | null> {
  if (!/^vn_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{20,}$/.test(key)) return null;
  // Keyed by the key's hash, never the key itself.
  const keyHash = sha256(key);
  let verifiedKeys = verifiedKeysByDb.get(db);
  if (!verifiedKeys || generationOf.get(db) !== keyGeneration) {
    verifiedKeys = new Map();
    verifiedKeysByDb.set(db, verifiedKeys);
    generationOf.set(db, keyGeneration);
  }
  const known = verifiedKeys.get(keyHash);
  if (known && known.until > performance.now()) return { ...known.actor, origin };
  const generation = keyGeneration;
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
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt))),
  );
  const first = rows[0];
  if (!first) {
    verifiedKeys.delete(keyHash);
    return null;
  }
  const now = db.clock.now();
  if (!first.lastUsedAt || now.getTime() - first.lastUsedAt.getTime() > 60_000) {
    await db.unaudited((q) => q.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, first.id)));
  }
  const actor: Omit<ApiKeyActor, 'origin'> = {
    kind: 'api_key',
    apiKeyId: first.id,
    organisationId: first.organisationId,
    organisationKind: first.organisationKind,
    roles: first.roles as Role[],
    municipalities: rows.flatMap((r) => (r.municipalityCode ? [r.municipalityCode] : [])),
    onBehalfOf: `organisation:${first.organisationCode}`,
  };
  // Not when a key was revoked while this lookup ran: its answer may be from before.
  if (generation === keyGeneration) {
    if (verifiedKeys.size >= MAX_VERIFIED_KEYS) verifiedKeys.clear();
    verifiedKeys.set(keyHash, { actor, until: performance.now() + API_KEY_TRUST_MS });
  }
  return { ...actor, origin };
}

export function newApiKeySecret(): { key: string; prefix: string; hash: string } {
  const prefix = randomToken(6).slice(0, 8);
  const key = `vn_${prefix}_${randomToken(24)}`;
  return { key, prefix, hash: sha256(key) };
}
