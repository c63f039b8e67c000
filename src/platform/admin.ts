import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditEvent, Database } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { administeredMunicipalities, administers, assertAdministers, assertCan, assertRolesFitKind, roleFitsKind } from './authz.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { apiKeys, municipalities, organisationKinds, organisationMunicipalities, organisations, roles, sessions, users } from './schema.ts';
import { forgetVerifiedApiKeys, newApiKeySecret } from './auth.ts';
import { municipalityCode, staffScope } from './municipalities.ts';
import { hashPassword, passwordProblems } from './secrets.ts';
import { patchSchema } from './validation.ts';

export { municipalityCode };

const organisationMailAddress = z.string().trim().toLowerCase().max(254).email('Vul een geldig e-mailadres in.').nullable();

export const organisationInput = z.object({
  code: z.string().regex(/^[A-Z0-9_-]{2,32}$/, 'Een code bestaat uit 2 tot 32 hoofdletters, cijfers, - of _.'),
  name: z.string().trim().min(2).max(200),
  kind: z.enum(organisationKinds),
  municipalities: z.array(municipalityCode).min(1).max(500),
  /** A shared inbox for new referrals; the team lead's address for a referral not picked up in time (docs/mail.md). */
  mailAddress: organisationMailAddress.optional(),
  teamLeadMailAddress: organisationMailAddress.optional(),
});

export const userInput = z.object({
  organisationId: z.string().uuid('Kies een organisatie.'),
  email: z.string().trim().toLowerCase().max(254).email(),
  displayName: z.string().trim().min(2).max(200),
  roles: z.array(z.enum(roles)).min(1).max(roles.length),
  password: z.string().min(1).max(500),
});

export const userPatch = patchSchema({
  displayName: z.string().trim().min(2).max(200).optional(),
  roles: z.array(z.enum(roles)).min(1).max(roles.length).optional(),
  active: z.boolean().optional(),
});

export const apiKeyInput = z.object({ name: z.string().trim().min(2).max(100) });

export const organisationPatch = patchSchema({
  name: z.string().trim().min(2).max(200).optional(),
  kind: z.enum(organisationKinds).optional(),
  municipalities: z.array(municipalityCode).min(1).max(500).optional(),
  mailAddress: organisationMailAddress.optional(),
  teamLeadMailAddress: organisationMailAddress.optional(),
});

function staff(actor: Actor): { organisationId: string; municipalities: string[] } {
  const scope = staffScope(actor);
  if (!scope) throw new ForbiddenError();
  return scope;
}

export async function listMunicipalities(db: Database) {
  return db.unaudited((q) => q.select().from(municipalities).orderBy(asc(municipalities.name)));
}

const organisationColumns = {
  id: organisations.id,
  code: organisations.code,
  name: organisations.name,
  kind: organisations.kind,
  creditorTypes: organisations.creditorTypes,
  mailAddress: organisations.mailAddress,
  teamLeadMailAddress: organisations.teamLeadMailAddress,
  municipalities: sql<string[]>`array_agg(${organisationMunicipalities.municipalityCode} order by ${organisationMunicipalities.municipalityCode})`,
};

async function allOrganisations(db: Database, organisationId?: string) {
  return db.unaudited((q) =>
    q
      .select(organisationColumns)
      .from(organisations)
      .innerJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, organisations.id))
      .where(organisationId ? eq(organisations.id, organisationId) : undefined)
      .groupBy(organisations.id)
      .orderBy(asc(organisations.name)),
  );
}

/**
 * Organisations that work for at least one of the actor's municipalities: the partners anyone may pick from.
 * `manageable` tells whether the actor may administer it: only when it lies wholly within the municipalities
 * the actor administers.
 */
export async function listOrganisations(db: Database, actor: Actor) {
  assertCan(actor, 'organisations:read');
  const me = staff(actor);
  const rows = await allOrganisations(db);
  return rows
    .filter((o) => o.municipalities.some((m) => me.municipalities.includes(m)))
    .map((o) => {
      const manageable = administers(actor, o.municipalities);
      // The team lead's address is for the admins who manage the organisation, not for every partner.
      return { ...o, teamLeadMailAddress: manageable ? o.teamLeadMailAddress : null, manageable };
    });
}

/**
 * The organisation an admin action is about. One the actor cannot see at all is not found; one they can see but
 * do not administer wholly is refused, and the refusal is written to the audit trail of its municipalities.
 */
async function organisationToAdminister(db: Database, actor: Actor, organisationId: string, event: AuditEvent) {
  const me = staff(actor);
  const [organisation] = await allOrganisations(db, organisationId);
  if (!organisation?.municipalities.some((m) => me.municipalities.includes(m))) throw new NotFoundError('De organisatie');
  await assertAdministersAudited(db, actor, organisation.municipalities, { ...event, details: { ...event.details, organisationId } });
  return organisation;
}

async function assertAdministersAudited(db: Database, actor: Actor, target: readonly string[], event: AuditEvent) {
  try {
    assertAdministers(actor, target);
  } catch (error) {
    await db.recordAuditEvent(actor, { ...event, municipalityCodes: [...target], details: { ...event.details, error: 'forbidden' } }, 'denied');
    throw error;
  }
}

export async function createOrganisation(db: Database, actor: Actor, input: z.infer<typeof organisationInput>) {
  assertCan(actor, 'organisations:manage');
  const served = [...new Set(input.municipalities)].sort();
  const event: AuditEvent = { action: 'create', objectType: 'organisation', municipalityCodes: served, details: { code: input.code } };
  await assertAdministersAudited(db, actor, served, event);
  return db.audited(actor, event, async (tx, trail) => {
    const existing = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, input.code));
    if (existing.length) throw new ConflictError(`De code ${input.code} is al in gebruik.`);
    const [created] = await tx
      .insert(organisations)
      .values({
        code: input.code,
        name: input.name,
        kind: input.kind,
        mailAddress: input.mailAddress ?? null,
        teamLeadMailAddress: input.teamLeadMailAddress ?? null,
      })
      .returning();
    await tx.insert(organisationMunicipalities).values(served.map((m) => ({ organisationId: created!.id, municipalityCode: m })));
    trail.objectId = created!.id;
    return { ...created!, municipalities: served, manageable: true };
  });
}

/**
 * Renames an organisation, changes its kind or the municipalities it serves. Both the municipalities it serves now
 * and the new ones must lie wholly within the admin's own; a kind that its staff's roles or its keys do not fit is
 * refused.
 */
export async function updateOrganisation(db: Database, actor: Actor, organisationId: string, patch: z.infer<typeof organisationPatch>) {
  assertCan(actor, 'organisations:manage');
  const event: AuditEvent = { action: 'update', objectType: 'organisation', objectId: organisationId, details: { fields: Object.keys(patch) } };
  const current = await organisationToAdminister(db, actor, organisationId, event);
  const served = patch.municipalities ? [...new Set(patch.municipalities)].sort() : current.municipalities;
  const involved = [...new Set([...current.municipalities, ...served])].sort();
  await assertAdministersAudited(db, actor, involved, { ...event, details: { ...event.details, municipalities: served } });
  return db
    .audited(actor, { ...event, municipalityCodes: involved }, async (tx) => {
      if (patch.kind && patch.kind !== current.kind) {
        const staffRoles = await tx.select({ roles: users.roles }).from(users).where(eq(users.organisationId, organisationId));
        const keyRoles = await tx
          .select({ roles: apiKeys.roles })
          .from(apiKeys)
          .where(and(eq(apiKeys.organisationId, organisationId), isNull(apiKeys.revokedAt)));
        const misfit = [...staffRoles, ...keyRoles].flatMap((r) => r.roles).find((role) => !roleFitsKind(role, patch.kind!));
        if (misfit) {
          throw new ConflictError(
            'Deze organisatie heeft gebruikers of API-sleutels met een rol die niet past bij het nieuwe soort organisatie. Pas eerst hun rollen aan.',
            {
              errors: [{ field: 'body.kind', reason: 'Past niet bij de rollen van de gebruikers of sleutels van deze organisatie.' }],
            },
          );
        }
      }
      const addresses = {
        ...(patch.mailAddress !== undefined ? { mailAddress: patch.mailAddress } : {}),
        ...(patch.teamLeadMailAddress !== undefined ? { teamLeadMailAddress: patch.teamLeadMailAddress } : {}),
      };
      if (patch.name || patch.kind || Object.keys(addresses).length) {
        await tx
          .update(organisations)
          .set({ ...(patch.name ? { name: patch.name } : {}), ...(patch.kind ? { kind: patch.kind } : {}), ...addresses })
          .where(eq(organisations.id, organisationId));
      }
      if (patch.municipalities) {
        await tx.delete(organisationMunicipalities).where(eq(organisationMunicipalities.organisationId, organisationId));
        await tx.insert(organisationMunicipalities).values(served.map((m) => ({ organisationId, municipalityCode: m })));
        // Its users' scope changes with it: let them log in again.
        const staffIds = tx.select({ id: users.id }).from(users).where(eq(users.organisationId, organisationId));
        await tx.delete(sessions).where(inArray(sessions.userId, staffIds));
      }
      return {
        ...current,
        ...addresses,
        name: patch.name ?? current.name,
        kind: patch.kind ?? current.kind,
        municipalities: served,
        manageable: true,
      };
      // Its keys' kind and municipalities change with it: verify them again (see API_KEY_TRUST_MS).
    })
    .finally(forgetVerifiedApiKeys);
}

const publicUserColumns = {
  id: users.id,
  organisationId: users.organisationId,
  email: users.email,
  displayName: users.displayName,
  roles: users.roles,
  active: users.active,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

/** Users of the organisations that lie wholly within the municipalities the admin administers. */
export async function listUsers(db: Database, actor: Actor, filter: { organisationId?: string } = {}) {
  assertCan(actor, 'users:manage');
  const event: AuditEvent = { action: 'search', objectType: 'user', details: { organisationId: filter.organisationId ?? null } };
  const scope = filter.organisationId
    ? [await organisationToAdminister(db, actor, filter.organisationId, event)]
    : (await listOrganisations(db, actor)).filter((o) => o.manageable);
  const ids = scope.map((o) => o.id);
  const served = [...new Set(scope.flatMap((o) => o.municipalities))].sort();
  return db.audited(actor, { ...event, municipalityCodes: served.length ? served : [...administeredMunicipalities(actor)] }, async (tx) =>
    ids.length ? tx.select(publicUserColumns).from(users).where(inArray(users.organisationId, ids)).orderBy(asc(users.displayName)) : [],
  );
}

export async function createUser(db: Database, actor: Actor, input: z.infer<typeof userInput>) {
  assertCan(actor, 'users:manage');
  const event: AuditEvent = { action: 'create', objectType: 'user', details: { roles: input.roles } };
  const organisation = await organisationToAdminister(db, actor, input.organisationId, event);
  assertRolesFitKind(input.roles, organisation.kind);
  const problems = passwordProblems(input.password);
  if (problems.length)
    throw new ValidationError(
      'Het wachtwoord is niet sterk genoeg.',
      problems.map((reason) => ({ field: 'body.password', reason })),
    );
  const passwordHash = await hashPassword(input.password);
  return db.audited(actor, { ...event, municipalityCodes: organisation.municipalities }, async (tx, trail) => {
    const existing = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
    if (existing.length) throw new ConflictError('Er is al een gebruiker met dit e-mailadres.');
    const [created] = await tx
      .insert(users)
      .values({ organisationId: input.organisationId, email: input.email, displayName: input.displayName, roles: input.roles, passwordHash })
      .returning(publicUserColumns);
    trail.objectId = created!.id;
    return created!;
  });
}

export async function updateUser(db: Database, actor: Actor, userId: string, patch: z.infer<typeof userPatch>) {
  assertCan(actor, 'users:manage');
  const [target] = await db.unaudited((q) => q.select({ organisationId: users.organisationId }).from(users).where(eq(users.id, userId)));
  if (!target) throw new NotFoundError('De gebruiker');
  const event: AuditEvent = {
    action: 'update',
    objectType: 'user',
    objectId: userId,
    details: { fields: Object.keys(patch), ...(patch.roles ? { roles: patch.roles } : {}) },
  };
  const organisation = await organisationToAdminister(db, actor, target.organisationId, event);
  if (patch.roles) assertRolesFitKind(patch.roles, organisation.kind);
  return db.audited(actor, { ...event, municipalityCodes: organisation.municipalities }, async (tx) => {
    const [updated] = await tx.update(users).set(patch).where(eq(users.id, userId)).returning(publicUserColumns);
    // A deactivated account or changed roles take effect at once: end its sessions.
    if (patch.active === false || patch.roles) await tx.delete(sessions).where(eq(sessions.userId, userId));
    return updated!;
  });
}

const publicKeyColumns = {
  id: apiKeys.id,
  organisationId: apiKeys.organisationId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  roles: apiKeys.roles,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export async function listApiKeys(db: Database, actor: Actor, organisationId: string) {
  assertCan(actor, 'apikeys:manage');
  await organisationToAdminister(db, actor, organisationId, { action: 'search', objectType: 'api_key' });
  return db.unaudited((q) => q.select(publicKeyColumns).from(apiKeys).where(eq(apiKeys.organisationId, organisationId)).orderBy(asc(apiKeys.createdAt)));
}

/** Creates a key for a creditor or provider organisation. The key is returned once and never again. */
export async function createApiKey(db: Database, actor: Actor, organisationId: string, input: z.infer<typeof apiKeyInput>) {
  assertCan(actor, 'apikeys:manage');
  const event: AuditEvent = { action: 'create', objectType: 'api_key', details: { organisationId } };
  const organisation = await organisationToAdminister(db, actor, organisationId, event);
  if (organisation.kind !== 'creditor' && organisation.kind !== 'provider') {
    throw new ValidationError('Alleen schuldeisers en aanbieders krijgen een API-sleutel.', [{ field: 'params.id', reason: 'Geen schuldeiser of aanbieder.' }]);
  }
  const secret = newApiKeySecret();
  const keyRoles = organisation.kind === 'creditor' ? (['creditor'] as const) : (['provider_cashier'] as const);
  assertRolesFitKind(keyRoles, organisation.kind);
  return db.audited(actor, { ...event, municipalityCodes: organisation.municipalities }, async (tx, trail) => {
    const [created] = await tx
      .insert(apiKeys)
      .values({
        organisationId,
        name: input.name,
        prefix: secret.prefix,
        keyHash: secret.hash,
        roles: [...keyRoles],
        createdBy: actor.kind === 'user' ? actor.userId : null,
      })
      .returning(publicKeyColumns);
    trail.objectId = created!.id;
    return { ...created!, key: secret.key };
  });
}

export async function revokeApiKey(db: Database, actor: Actor, apiKeyId: string) {
  assertCan(actor, 'apikeys:manage');
  const [key] = await db.unaudited((q) => q.select(publicKeyColumns).from(apiKeys).where(eq(apiKeys.id, apiKeyId)));
  if (!key) throw new NotFoundError('De API-sleutel');
  const event: AuditEvent = { action: 'update', objectType: 'api_key', objectId: apiKeyId, details: { revoked: true } };
  const organisation = await organisationToAdminister(db, actor, key.organisationId, event);
  return db
    .audited(actor, { ...event, municipalityCodes: organisation.municipalities }, async (tx) => {
      const [revoked] = await tx.update(apiKeys).set({ revokedAt: db.clock.now() }).where(eq(apiKeys.id, apiKeyId)).returning(publicKeyColumns);
      forgetVerifiedApiKeys();
      return revoked!;
    })
    .finally(forgetVerifiedApiKeys);
}
