// A resident logged in with DigiD (or an entrepreneur with eHerkenning) through the municipality's OIDC broker:
// a short session of its own (own cookie, own table), never a staff actor. The BSN is the broker's, never typed.
import { eq, lte } from 'drizzle-orm';
import type { Config, ResidentOidcConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { isValidBsn } from './bsn.ts';
import { OidcLoginError, type VerifiedLogin } from './oidc.ts';
import { persons, residentSessions } from './schema.ts';
import { randomToken, sha256 } from './secrets.ts';

/** HttpOnly, SameSite=Lax (the broker's redirect back is cross-site), path `/`, at most the session's minutes. */
export const RESIDENT_COOKIE = 'vangnet_inwoner';

export interface Resident {
  /** From the broker's token (DigiD); null for an entrepreneur who logged in with eHerkenning only. */
  bsn: string | null;
  kvkNumber: string | null;
  expiresAt: Date;
}

/** The BSN (eleven test) and KvK number (8 digits) the broker's claims carry; at least one is needed. */
export function residentIdentity(settings: Pick<ResidentOidcConfig, 'bsnClaim' | 'kvkClaim'>, claims: Record<string, unknown>) {
  const raw = claims[settings.bsnClaim];
  const bsn = typeof raw === 'string' && isValidBsn(raw.trim()) ? raw.trim() : null;
  const kvkRaw = settings.kvkClaim ? claims[settings.kvkClaim] : undefined;
  const kvkNumber = typeof kvkRaw === 'string' && /^\d{8}$/.test(kvkRaw.trim()) ? kvkRaw.trim() : null;
  // A BSN that fails the eleven test is refused, also when a KvK number came with it: the broker is wrong then.
  if (raw !== undefined && raw !== null && !bsn) throw new OidcLoginError('bsn_invalid', 'claim_invalid');
  if (!bsn && !kvkNumber) throw new OidcLoginError('no_bsn', 'claim_missing');
  return { bsn, kvkNumber };
}

/**
 * Opens the resident's session. The audit line never holds the BSN: like every line about residents it names them
 * by their ids in the register (`subjectIds`, when Vangnet knows them), and says only which kind of login it was.
 */
export async function openResidentSession(
  db: Database,
  config: Pick<Config, 'residentOidc'>,
  verified: VerifiedLogin,
  actor: Actor,
): Promise<{ token: string; resident: Resident }> {
  const settings = config.residentOidc!;
  const identity = residentIdentity(settings, verified.claims);
  const now = db.clock.now();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + settings.sessionMinutes * 60_000);
  await db.audited(
    actor,
    {
      action: 'login',
      objectType: 'resident_session',
      municipalityCodes: [],
      details: { method: 'digid', kind: identity.bsn ? 'bsn' : 'kvk' },
    },
    async (tx, trail) => {
      if (identity.bsn) {
        const known = await tx.select({ id: persons.id }).from(persons).where(eq(persons.bsn, identity.bsn));
        trail.subjectIds = known.map((p) => p.id);
      }
      // Sessions past their end are removed at every login, so the table holds only live ones.
      await tx.delete(residentSessions).where(lte(residentSessions.expiresAt, now));
      await tx.insert(residentSessions).values({ tokenHash: sha256(token), ...identity, createdAt: now, expiresAt });
    },
  );
  return { token, resident: { ...identity, expiresAt } };
}

/** The resident of this cookie, or null (unknown or past its end: no sliding, the session is short on purpose). */
export async function resolveResident(db: Database, token: string | undefined, actor: Actor): Promise<Resident | null> {
  if (!token) return null;
  const now = db.clock.now();
  return db.audited(actor, { action: 'read', objectType: 'resident_session', purpose: 'Inwoner is ingelogd' }, async (tx) => {
    const [row] = await tx
      .select()
      .from(residentSessions)
      .where(eq(residentSessions.tokenHash, sha256(token)));
    if (!row || row.expiresAt <= now) return null;
    return { bsn: row.bsn, kvkNumber: row.kvkNumber, expiresAt: row.expiresAt };
  });
}

/** Ends the resident's session (logout); the audit line names the resident as the login's line did. */
export async function endResidentSession(db: Database, token: string, actor: Actor): Promise<void> {
  await db.audited(actor, { action: 'logout', objectType: 'resident_session', municipalityCodes: [], details: { method: 'digid' } }, async (tx, trail) => {
    const [ended] = await tx
      .delete(residentSessions)
      .where(eq(residentSessions.tokenHash, sha256(token)))
      .returning({ bsn: residentSessions.bsn });
    if (ended?.bsn) {
      const known = await tx.select({ id: persons.id }).from(persons).where(eq(persons.bsn, ended.bsn));
      trail.subjectIds = known.map((p) => p.id);
    }
  });
}
