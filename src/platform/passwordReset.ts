import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { anonymousActor } from './actor.ts';
import { composeMail } from './mail/compose.ts';
import { enqueueMail, mailSettings } from './mail/outbox.ts';
import { organisationMunicipalities, passwordResets, sessions, users } from './schema.ts';
import { hashPassword, randomToken, sha256 } from './secrets.ts';

/** How long a reset link works. */
export const RESET_MINUTES = 30;
/** At most this many links per account per hour; more requests get the same answer and no mail. */
export const RESETS_PER_HOUR = 3;

/**
 * "Wachtwoord vergeten" for staff. A request for a known, active account writes a single-use link into the outbox
 * (only the SHA-256 of its token is kept); an unknown address gets the same answer and no mail, so the answer never
 * tells who has an account. Each request is audited (denied for an unknown or inactive account).
 */
export async function requestPasswordReset(db: Database, input: { email: string; origin: string | null }): Promise<void> {
  const settings = mailSettings(db);
  if (!settings) return;
  const now = db.clock.now();
  const actor = anonymousActor(input.origin);
  const [user] = await db.unaudited((q) =>
    q
      .select({
        id: users.id,
        email: users.email,
        active: users.active,
        municipalities: sql<
          string[]
        >`coalesce(array_agg(${organisationMunicipalities.municipalityCode}) filter (where ${organisationMunicipalities.municipalityCode} is not null), '{}')`,
      })
      .from(users)
      .leftJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, users.organisationId))
      .where(sql`lower(${users.email}) = lower(${input.email})`)
      .groupBy(users.id),
  );
  if (!user?.active) {
    await db.recordAuditEvent(
      actor,
      {
        action: 'create',
        objectType: 'password_reset',
        municipalityCodes: user?.municipalities ?? [],
        details: { reason: user ? 'inactive' : 'unknown_user' },
      },
      'denied',
    );
    return;
  }
  const event = { action: 'create' as const, objectType: 'password_reset', objectId: user.id, municipalityCodes: user.municipalities };
  const token = randomToken();
  await db.audited(actor, event, async (tx, trail) => {
    const [recent] = await tx
      .select({ n: count() })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, new Date(now.getTime() - 3_600_000))));
    if ((recent?.n ?? 0) >= RESETS_PER_HOUR) {
      trail.details = { reason: 'too_many' };
      return false;
    }
    await tx
      .insert(passwordResets)
      .values({ tokenHash: sha256(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000) });
    const mails = await enqueueMail(db, tx, {
      kind: 'password_reset',
      to: user.email,
      recipientLabel: 'Medewerker',
      subject: 'Nieuw wachtwoord voor Vangnet',
      text: composeMail(settings, 'Beste collega,', [
        'Iemand heeft gevraagd om een nieuw wachtwoord voor uw account in Vangnet. Was u dat? Kies dan een nieuw wachtwoord via deze link:',
        '',
        `${settings.publicUrl}/login/nieuw-wachtwoord?code=${token}`,
        '',
        `De link werkt ${RESET_MINUTES} minuten, en maar één keer.`,
        'Heeft u dit niet gevraagd? Dan hoeft u niets te doen: uw wachtwoord blijft hetzelfde.',
      ]),
      municipalityCodes: user.municipalities,
      objectType: 'user',
      objectId: user.id,
    });
    trail.details = { mails };
    return true;
  });
}

/** Whether a reset token can still be used (known, not expired, not spent). */
export async function resetTokenUsable(db: Database, token: string): Promise<boolean> {
  if (!token) return false;
  const [row] = await db.unaudited((q) =>
    q
      .select({ userId: passwordResets.userId })
      .from(passwordResets)
      .where(and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, db.clock.now()))),
  );
  return Boolean(row);
}

/**
 * Sets the new password with a reset token: spends the token (once; a second use or an expired one is refused),
 * spends the account's other open links, lifts a lock, and ends every session of the account.
 */
export async function resetPassword(db: Database, input: { token: string; password: string; origin: string | null }): Promise<boolean> {
  const now = db.clock.now();
  const passwordHash = await hashPassword(input.password);
  const actor = anonymousActor(input.origin);
  const userId = await db.unauditedTransaction(async (tx) => {
    const [spent] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, sha256(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    if (!spent) return null;
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, spent.userId), isNull(passwordResets.usedAt)));
    const [changed] = await tx
      .update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null })
      .where(and(eq(users.id, spent.userId), eq(users.active, true)))
      .returning({ id: users.id });
    if (!changed) return null;
    await tx.delete(sessions).where(eq(sessions.userId, spent.userId));
    return spent.userId;
  });
  const municipalities = userId
    ? (
        await db.unaudited((q) =>
          q
            .select({ m: organisationMunicipalities.municipalityCode })
            .from(users)
            .innerJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, users.organisationId))
            .where(eq(users.id, userId)),
        )
      ).map((r) => r.m)
    : [];
  await db.recordAuditEvent(
    actor,
    {
      action: 'update',
      objectType: 'user',
      objectId: userId,
      municipalityCodes: municipalities,
      details: { passwordReset: true, ...(userId ? {} : { reason: 'link_unusable' }) },
    },
    userId ? 'success' : 'denied',
  );
  return Boolean(userId);
}
