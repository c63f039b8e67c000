import type { Actor } from './actor.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import type { Role } from './schema.ts';

/**
 * Authorisation in one place. A permission names an act; this table says which roles may do it.
 * Scope (which municipality, which organisation) is checked with `assertMunicipality` and `assertOrganisation`
 * on the record itself, because a role alone never grants access to another tenant's data.
 */
export const permissions = {
  'audit:read': ['admin'],
  'users:manage': ['admin'],
  'organisations:read': [
    'admin',
    'signal_officer',
    'case_worker',
    'creditor',
    'provider_cashier',
    'analyst',
    'programme_manager',
  ],
  'organisations:manage': ['admin'],
  'apikeys:manage': ['admin'],
  'persons:read': ['signal_officer', 'case_worker'],
  'persons:write': ['signal_officer', 'case_worker'],
  // signals (Vroeg Eropaf)
  'signals:submit': ['creditor', 'signal_officer'],
  'signals:work': ['signal_officer'],
  'signals:monitor': ['signal_officer', 'analyst', 'programme_manager'],
  // the DDAS exchange document for CBS holds BSNs: only the team and the municipality's admin
  'signals:ddas': ['signal_officer', 'admin'],
  // referrals (Ketenaanpak); a GP practice is a case worker at a health-care organisation
  'referrals:work': ['case_worker', 'signal_officer'],
  'referrals:figures': ['analyst', 'programme_manager'],
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
  'pass:figures': ['analyst', 'programme_manager'],
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
