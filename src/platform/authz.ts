import type { Actor } from './actor.ts';
import { ForbiddenError, UnauthenticatedError, ValidationError } from './errors.ts';
import type { OrganisationKind, Role } from './schema.ts';

/**
 * Authorisation in one place. A permission names an act; this table says which roles may do it.
 * Scope (which municipality, which organisation) is checked with `assertMunicipality` and `assertOrganisation`
 * on the record itself, because a role alone never grants access to another tenant's data.
 */
export const permissions = {
  'audit:read': ['admin'],
  'users:manage': ['admin'],
  'organisations:read': ['admin', 'signal_officer', 'case_worker', 'creditor', 'provider_cashier', 'analyst', 'programme_manager'],
  'organisations:manage': ['admin'],
  'apikeys:manage': ['admin'],
  // the outbox of outgoing e-mail (state, retry of a failed one)
  'mail:manage': ['admin'],
  'persons:read': ['signal_officer', 'case_worker'],
  'persons:write': ['signal_officer', 'case_worker'],
  // signals (Vroeg Eropaf)
  'signals:submit': ['creditor', 'signal_officer'],
  'signals:work': ['signal_officer'],
  'signals:monitor': ['signal_officer', 'analyst', 'programme_manager'],
  'signals:configure': ['signal_officer'],
  // the municipality's own choices for early signals (municipal taxes, an experiment): its admin
  'signals:administer': ['admin'],
  // the municipality's offer-letter text: the team and the municipality's admin
  'signals:templates': ['signal_officer', 'admin'],
  // the DDAS exchange document for CBS holds BSNs: only the team and the municipality's admin
  'signals:ddas': ['signal_officer', 'admin'],
  // referrals (Ketenaanpak); a GP practice is a case worker at a health-care organisation
  'referrals:work': ['case_worker', 'signal_officer'],
  'referrals:configure': ['admin', 'programme_manager'],
  // directory (GeldenzoDordt)
  'directory:edit': ['admin', 'case_worker', 'programme_manager'],
  // selftest (Geldfit)
  'selftest:figures': ['analyst', 'programme_manager', 'admin'],
  // pass (Dordtpas)
  'pass:administer': ['case_worker', 'admin'],
  'pass:providers': ['admin', 'case_worker'],
  'pass:charge': ['provider_cashier'],
  'pass:campaigns': ['admin'],
  // insights (Dashboard Sociaal Domein)
  'insights:read': ['analyst', 'programme_manager', 'admin'],
  'insights:manage': ['analyst'],
  // programme
  'programme:read': ['programme_manager', 'analyst', 'admin'],
  'programme:manage': ['programme_manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function rolesFor(permission: Permission): readonly Role[] {
  return permissions[permission];
}

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind !== 'user' && actor.kind !== 'api_key') return false;
  const allowed: readonly Role[] = permissions[permission];
  return actor.roles.some((role) => allowed.includes(role));
}

export function assertCan(actor: Actor, permission: Permission): asserts actor is Extract<Actor, { kind: 'user' | 'api_key' }> {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  if (!can(actor, permission)) throw new ForbiddenError();
}

/** The record belongs to a municipality the actor's organisation does not work for: refuse. */
export function assertMunicipality(actor: Actor, municipalityCode: string): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'anonymous' || !actor.municipalities.includes(municipalityCode)) throw new ForbiddenError();
}

export function assertOrganisation(actor: Actor, organisationId: string): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'anonymous' || actor.organisationId !== organisationId) throw new ForbiddenError();
}

export function permissionsOf(actor: Actor): Permission[] {
  return (Object.keys(permissions) as Permission[]).filter((p) => can(actor, p));
}

/**
 * Which kinds of organisation each role may be held in. Municipal work (admin, early signals, programme) stays
 * in municipal organisations; a creditor's staff are creditors and a provider's staff are cashiers, nothing else.
 */
export const organisationKindsForRole = {
  admin: ['municipal_team', 'social_service'],
  signal_officer: ['municipal_team', 'social_service'],
  case_worker: ['municipal_team', 'social_service', 'neighbourhood_team', 'volunteer_organisation', 'health_care', 'other'],
  creditor: ['creditor'],
  provider_cashier: ['provider'],
  analyst: ['municipal_team', 'social_service', 'other'],
  programme_manager: ['municipal_team', 'social_service'],
} as const satisfies Record<Role, readonly OrganisationKind[]>;

const roleNames: Record<Role, string> = {
  admin: 'beheerder',
  signal_officer: 'medewerker vroegsignalering',
  case_worker: 'consulent',
  creditor: 'schuldeiser',
  provider_cashier: 'kassamedewerker aanbieder',
  analyst: 'analist',
  programme_manager: 'programmamanager',
};

const kindNames: Record<OrganisationKind, string> = {
  municipal_team: 'gemeentelijk team',
  social_service: 'sociale dienst',
  neighbourhood_team: 'wijkteam',
  volunteer_organisation: 'vrijwilligersorganisatie',
  creditor: 'schuldeiser',
  provider: 'aanbieder',
  health_care: 'zorgorganisatie',
  other: 'overige organisatie',
};

export function roleFitsKind(role: Role, kind: OrganisationKind): boolean {
  const kinds: readonly OrganisationKind[] = organisationKindsForRole[role];
  return kinds.includes(kind);
}

/** Refuses (400, naming the field) roles that do not fit the kind of organisation the account belongs to. */
export function assertRolesFitKind(roles: readonly Role[], kind: OrganisationKind, field = 'body.roles'): void {
  const misfits = roles.filter((role) => !roleFitsKind(role, kind));
  if (!misfits.length) return;
  const reasons = misfits.map((role) => ({ field, reason: `De rol ${roleNames[role]} past niet bij een ${kindNames[kind]}.` }));
  throw new ValidationError(
    misfits.length === 1
      ? `De rol ${roleNames[misfits[0]!]} kan niet worden gegeven aan een medewerker van een ${kindNames[kind]}.`
      : `De rollen ${misfits.map((r) => roleNames[r]).join(', ')} kunnen niet worden gegeven aan een medewerker van een ${kindNames[kind]}.`,
    reasons,
  );
}

/**
 * The municipalities an actor administers: for a user holding the admin role, exactly the municipalities their
 * own organisation serves (organisation_municipalities, read afresh for every request); for anyone else none.
 * API keys never hold the admin role. Because every admin action must stay wholly within this set
 * (`assertAdministers`), no admin can make another admin, or an organisation, reach further than themselves.
 */
export function administeredMunicipalities(actor: Actor): readonly string[] {
  if (actor.kind !== 'user' || !actor.roles.includes('admin')) return [];
  return actor.municipalities;
}

/** Whether every one of `municipalities` (and at least one) is administered by the actor. */
export function administers(actor: Actor, municipalities: readonly string[]): boolean {
  const mine = administeredMunicipalities(actor);
  return municipalities.length > 0 && municipalities.every((m) => mine.includes(m));
}

/**
 * The one scope rule for admin actions: the target (an organisation, its users and keys, an audit line) must lie
 * wholly within the municipalities the admin administers. Partly is not enough.
 */
export function assertAdministers(actor: Actor, municipalities: readonly string[]): void {
  if (actor.kind === 'system') return;
  if (administers(actor, municipalities)) return;
  const mine = administeredMunicipalities(actor);
  const outside = [...new Set(municipalities)].filter((m) => !mine.includes(m)).sort();
  throw new ForbiddenError(
    outside.length
      ? `U beheert niet alle gemeenten waarvoor deze organisatie werkt: ${outside.join(', ')} ${outside.length === 1 ? 'valt' : 'vallen'} buiten uw beheer.`
      : 'U beheert geen gemeente waarvoor deze organisatie werkt.',
  );
}
