// A staff login through the municipality's OpenID provider, after openid-client has checked the ID token: the
// account is found by issuer + subject (linked once), given the roles the claim mapping names, created at the first
// login when the configuration allows it, and then gets the same session as a password login.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Config, StaffOidcConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { systemActor } from './actor.ts';
import { openSession, type LoginResult } from './auth.ts';
import { roleFitsKind } from './authz.ts';
import { OidcLoginError, type VerifiedLogin } from './oidc.ts';
import { organisationMunicipalities, organisations, users, type Role } from './schema.ts';
import { hashPassword, randomToken } from './secrets.ts';

/** The claim's values (a string or a list of strings), e.g. the groups the staff member is in. */
function claimValues(claims: Record<string, unknown>, name: string): string[] {
  const value = claims[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The roles and organisation the mapping gives these claims: every mapped value that names the same organisation
 * as the first one adds its roles. Null when no value is mapped.
 */
export function mappedAccess(settings: Pick<StaffOidcConfig, 'roleClaim' | 'roleMapping'>, claims: Record<string, unknown>) {
  const values = new Set(claimValues(claims, settings.roleClaim));
  const entries = Object.entries(settings.roleMapping).filter(([value]) => values.has(value));
  const first = entries[0]?.[1];
  if (!first) return null;
  const roles = new Set<Role>();
  for (const [, entry] of entries) if (entry.organisation === first.organisation) for (const role of entry.roles) roles.add(role);
  return { organisationCode: first.organisation, roles: [...roles].sort() };
}

async function organisationByCode(db: Database, code: string) {
  const rows = await db.unaudited((q) =>
    q
      .select({ id: organisations.id, kind: organisations.kind, municipalityCode: organisationMunicipalities.municipalityCode })
      .from(organisations)
      .leftJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, organisations.id))
      .where(eq(organisations.code, code)),
  );
  const first = rows[0];
  return first ? { id: first.id, kind: first.kind, municipalities: rows.flatMap((r) => (r.municipalityCode ? [r.municipalityCode] : [])) } : null;
}

const claimText = (claims: Record<string, unknown>, name: string): string | null => {
  const value = claims[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};

/**
 * Finds, links or creates the account for a verified login and opens its session. Throws OidcLoginError (with a
 * code) when the login gives no access here; the caller audits and shows the refusal.
 */
export async function loginWithOidc(
  db: Database,
  config: Pick<Config, 'session'> & { staffOidc: StaffOidcConfig },
  verified: VerifiedLogin,
  origin: string | null,
): Promise<LoginResult & { provisioned: boolean }> {
  const settings = config.staffOidc;
  const columns = { id: users.id, active: users.active, roles: users.roles, organisationId: users.organisationId, oidcSubject: users.oidcSubject };
  let [user] = await db.unaudited((q) =>
    q
      .select(columns)
      .from(users)
      .where(and(eq(users.oidcIssuer, verified.issuer), eq(users.oidcSubject, verified.subject))),
  );
  const email = claimText(verified.claims, 'email')?.toLowerCase() ?? null;
  // An existing account is linked by its e-mail address only when the provider vouches for that address.
  if (!user && email && verified.claims.email_verified === true) {
    [user] = await db.unaudited((q) =>
      q
        .select(columns)
        .from(users)
        .where(and(sql`lower(${users.email}) = ${email}`, isNull(users.oidcSubject))),
    );
  }
  const mappingConfigured = Object.keys(settings.roleMapping).length > 0;
  const access = mappedAccess(settings, verified.claims);
  // With a mapping, the provider decides the roles at every login: someone taken out of the group loses access.
  if (mappingConfigured && !access) throw new OidcLoginError('no_matching_role');
  const organisation = access ? await organisationByCode(db, access.organisationCode) : null;
  if (access && !organisation) throw new OidcLoginError('mapping_invalid', 'unknown_organisation');
  if (access && organisation && !access.roles.every((role) => roleFitsKind(role, organisation.kind))) {
    throw new OidcLoginError('mapping_invalid', 'role_does_not_fit');
  }
  const actor = systemActor('oidc-login');
  let provisioned = false;
  if (!user) {
    if (!access || !organisation || !settings.provision) throw new OidcLoginError('not_provisioned');
    if (!email) throw new OidcLoginError('not_provisioned', 'no_email');
    const displayName = claimText(verified.claims, 'name') ?? email;
    // No password: the account logs in through the provider. A random hash keeps the password login's work the same.
    const passwordHash = await hashPassword(randomToken());
    const created = await db.audited(
      actor,
      { action: 'create', objectType: 'user', municipalityCodes: organisation.municipalities, details: { roles: access.roles, via: 'oidc' } },
      async (tx, trail) => {
        const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
        if (taken) throw new OidcLoginError('not_provisioned', 'email_taken');
        const [row] = await tx
          .insert(users)
          .values({
            organisationId: organisation.id,
            email,
            displayName,
            roles: access.roles,
            passwordHash,
            oidcIssuer: verified.issuer,
            oidcSubject: verified.subject,
          })
          .returning(columns);
        trail.objectId = row!.id;
        return row!;
      },
    );
    user = created;
    provisioned = true;
  } else {
    if (!user.active) throw new OidcLoginError('account_inactive');
    const changes: Partial<typeof users.$inferInsert> = {};
    if (!user.oidcSubject) Object.assign(changes, { oidcIssuer: verified.issuer, oidcSubject: verified.subject });
    if (access && organisation) {
      const same = user.organisationId === organisation.id && [...user.roles].sort().join() === access.roles.join();
      if (!same) Object.assign(changes, { roles: access.roles, organisationId: organisation.id });
    }
    if (Object.keys(changes).length) {
      const userId = user.id;
      await db.audited(
        actor,
        {
          action: 'update',
          objectType: 'user',
          objectId: userId,
          municipalityCodes: organisation?.municipalities,
          details: { fields: Object.keys(changes), via: 'oidc', ...(changes.roles ? { roles: changes.roles } : {}) },
        },
        (tx) => tx.update(users).set(changes).where(eq(users.id, userId)),
      );
    }
  }
  const opened = await openSession(db, config, user.id, { origin, method: 'oidc', idToken: verified.idToken });
  if (!opened) throw new OidcLoginError('account_inactive');
  return { ...opened, provisioned };
}
