import { z } from 'zod';
import type { Actor } from './actor.ts';

/**
 * Municipalities: the one check of a CBS municipality code, the default municipality and the Dutch names. Pages,
 * schemas and commands use these, never a code or pattern of their own.
 */

/** The Drechtsteden municipalities, served together by one social service (SDD). CBS codes. */
export const drechtsteden = [
  { code: 'GM0505', name: 'Dordrecht' },
  { code: 'GM0482', name: 'Alblasserdam' },
  { code: 'GM0531', name: 'Hendrik-Ido-Ambacht' },
  { code: 'GM0590', name: 'Papendrecht' },
  { code: 'GM0610', name: 'Sliedrecht' },
  { code: 'GM0642', name: 'Zwijndrecht' },
  { code: 'GM0523', name: 'Hardinxveld-Giessendam' },
] as const;

/**
 * The municipality a request, command or page means when it names none: Dordrecht, whose programme this is.
 * A module with a setting of its own (`VANGNET_SELFTEST_MUNICIPALITY`, ...) defaults to this one.
 */
export const DEFAULT_MUNICIPALITY = 'GM0505';

/** A CBS municipality code: GM followed by four digits. */
export const municipalityCode = z.string().regex(/^GM\d{4}$/, 'Een gemeentecode is GM gevolgd door vier cijfers, bijvoorbeeld GM0505.');

/** A municipality code that defaults to {@link DEFAULT_MUNICIPALITY} when it is left out. */
export const municipalityCodeOrDefault = municipalityCode.default(DEFAULT_MUNICIPALITY);

const names = new Map<string, string>(drechtsteden.map((m) => [m.code, m.name]));

/** The Dutch name of a municipality ("Dordrecht"), or its code when it is not one Vangnet knows by name. */
export function municipalityName(code: string | null | undefined): string {
  if (!code) return '–';
  return names.get(code) ?? code;
}

/**
 * The organisation and municipalities of a staff member or a machine client (API key): the scope its records are
 * checked against. `null` for the system and for anonymous residents, who have no organisation.
 */
export function staffScope(actor: Actor): { organisationId: string; municipalities: string[] } | null {
  return actor.kind === 'user' || actor.kind === 'api_key' ? { organisationId: actor.organisationId, municipalities: actor.municipalities } : null;
}

/** The municipalities a staff member or API key works for; empty for everyone else. */
export function ownMunicipalities(actor: Actor): string[] {
  return staffScope(actor)?.municipalities ?? [];
}
