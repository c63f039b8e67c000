import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { Actor } from './actor.ts';
import { assertCan } from './authz.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import {
  apiKeys,
  municipalities,
  organisationKinds,
  organisationMunicipalities,
  organisations,
  roles,
  sessions,
  users,
} from './schema.ts';
import { newApiKeySecret } from './auth.ts';
import { hashPassword, passwordProblems } from './secrets.ts';
import { patchSchema } from './validation.ts';

export const municipalityCode = z.string().regex(/^GM\d{4}$/, 'Een gemeentecode is GM gevolgd door vier cijfers.');

export const organisationInput = z.object({
  code: z.string().regex(/^[A-Z0-9_-]{2,32}$/, 'Een code bestaat uit 2 tot 32 hoofdletters, cijfers, - of _.'),
  name: z.string().trim().min(2).max(200),
  kind: z.enum(organisationKinds),
  municipalities: z.array(municipalityCode).min(1).max(500),
});

export const userInput = z.object({
  organisationId: z.string().uuid(),
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

function staff(actor: Actor): Extract<Actor, { kind: 'user' | 'api_key' }> {
  if (actor.kind !== 'user' && actor.kind !== 'api_key') throw new ForbiddenError();
  return actor;
}

export async function listMunicipalities(db: Database) {
  return db.unaudited((q) => q.select().from(municipalities).orderBy(asc(municipalities.name)));
}

/** Organisations that work for at least one of the actor's municipalities. */
export async function listOrganisations(db: Database, actor: Actor) {
  assertCan(actor, 'organisations:read');
  const me = staff(actor);
  const rows = await db.unaudited((q) =>
    q
      .select({
        id: organisations.id,
        code: organisations.code,
        name: organisations.name,
        kind: organisations.kind,
        municipalities: sql<string[]>`array_agg(${organisationMunicipalities.municipalityCode} order by ${organisationMunicipalities.municipalityCode})`,
      })
      .from(organisations)
      .innerJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, organisations.id))
      .groupBy(organisations.id)
      .orderBy(asc(organisations.name)),
  );
  return rows.filter((o) => o.municipalities.some((m) => me.municipalities.includes(m)));
}

async function assertOrganisationInScope(db: Database, actor: Actor, organisationId: string) {
  const visible = await listOrganisations(db, actor);
  const organisation = visible.find((o) => o.id === organisationId);
  if (!organisation) throw new NotFoundError('De organisatie');
  return organisation;
}

export async function createOrganisation(db: Database, actor: Actor, input: z.infer<typeof organisationInput>) {
  assertCan(actor, 'organisations:manage');
  const me = staff(actor);
  const outside = input.municipalities.filter((m) => !me.municipalities.includes(m));
  if (outside.length) throw new ForbiddenError(`U beheert geen organisaties voor ${outside.join(', ')}.`);
  return db.audited(actor, { action: 'create', objectType: 'organisation' }, async (tx, trail) => {
    const existing = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, input.code));
    if (existing.length) throw new ConflictError(`De code ${input.code} is al in gebruik.`);
    const [created] = await tx
      .insert(organisations)
      .values({ code: input.code, name: input.name, kind: input.kind })
      .returning();
    await tx
      .insert(organisationMunicipalities)
      .values(input.municipalities.map((m) => ({ organisationId: created!.id, municipalityCode: m })));
    trail.objectId = created!.id;
    return { ...created!, municipalities: input.municipalities };
  });
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

export async function listUsers(db: Database, actor: Actor, filter: { organisationId?: string } = {}) {
  assertCan(actor, 'users:manage');
  const visible = await listOrganisations(db, actor);
  const ids = visible.map((o) => o.id).filter((id) => !filter.organisationId || id === filter.organisationId);
  if (!ids.length) return [];
  return db.audited(actor, { action: 'search', objectType: 'user', details: { organisationId: filter.organisationId ?? null } }, (tx) =>
    tx.select(publicUserColumns).from(users).where(inArray(users.organisationId, ids)).orderBy(asc(users.displayName)),
  );
}

export async function createUser(db: Database, actor: Actor, input: z.infer<typeof userInput>) {
  assertCan(actor, 'users:manage');
  await assertOrganisationInScope(db, actor, input.organisationId);
  const problems = passwordProblems(input.password);
  if (problems.length) throw new ValidationError('Het wachtwoord is niet sterk genoeg.', problems.map((reason) => ({ field: 'password', reason })));
  const passwordHash = await hashPassword(input.password);
  return db.audited(actor, { action: 'create', objectType: 'user' }, async (tx, trail) => {
    const existing = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
    if (existing.length) throw new ConflictError('Er is al een gebruiker met dit e-mailadres.');
    const [created] = await tx
      .insert(users)
      .values({ organisationId: input.organisationId, email: input.email, displayName: input.displayName, roles: input.roles, passwordHash })
      .returning(publicUserColumns);
    trail.objectId = created!.id;
    trail.details = { roles: input.roles };
    return created!;
  });
}

export async function updateUser(db: Database, actor: Actor, userId: string, patch: z.infer<typeof userPatch>) {
  assertCan(actor, 'users:manage');
  const [target] = await db.unaudited((q) => q.select({ organisationId: users.organisationId }).from(users).where(eq(users.id, userId)));
  if (!target) throw new NotFoundError('De gebruiker');
  await assertOrganisationInScope(db, actor, target.organisationId);
  return db.audited(actor, { action: 'update', objectType: 'user', objectId: userId, details: { fields: Object.keys(patch) } }, async (tx) => {
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
  await assertOrganisationInScope(db, actor, organisationId);
  return db.unaudited((q) =>
    q.select(publicKeyColumns).from(apiKeys).where(eq(apiKeys.organisationId, organisationId)).orderBy(asc(apiKeys.createdAt)),
  );
}

/** Creates a key for a creditor organisation. The key is returned once and never again. */
export async function createApiKey(db: Database, actor: Actor, organisationId: string, input: z.infer<typeof apiKeyInput>) {
  assertCan(actor, 'apikeys:manage');
  const organisation = await assertOrganisationInScope(db, actor, organisationId);
  if (organisation.kind !== 'creditor' && organisation.kind !== 'provider') {
    throw new ValidationError('Alleen schuldeisers en aanbieders krijgen een API-sleutel.', [{ field: 'organisationId', reason: 'Geen schuldeiser of aanbieder.' }]);
  }
  const secret = newApiKeySecret();
  const keyRoles = organisation.kind === 'creditor' ? (['creditor'] as const) : (['provider_cashier'] as const);
  return db.audited(actor, { action: 'create', objectType: 'api_key' }, async (tx, trail) => {
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
  await assertOrganisationInScope(db, actor, key.organisationId);
  return db.audited(actor, { action: 'update', objectType: 'api_key', objectId: apiKeyId, details: { revoked: true } }, async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: db.clock.now() })
      .where(and(eq(apiKeys.id, apiKeyId)))
      .returning(publicKeyColumns);
    return revoked!;
  });
}
