import type { Role, OrganisationKind } from './schema.ts';

/** Who is acting: a logged-in staff member, a machine client, the system itself, or an anonymous resident. */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      displayName: string;
      organisationId: string;
      organisationKind: OrganisationKind;
      roles: Role[];
      municipalities: string[];
      origin: string | null;
      onBehalfOf?: string | null;
    }
  | {
      kind: 'api_key';
      apiKeyId: string;
      organisationId: string;
      organisationKind: OrganisationKind;
      roles: Role[];
      municipalities: string[];
      origin: string | null;
      onBehalfOf?: string | null;
    }
  | { kind: 'system'; job: string; onBehalfOf?: string | null; origin?: null }
  | { kind: 'anonymous'; origin: string | null; onBehalfOf?: string | null };

/**
 * The columns a row keeps of who wrote it: the user, or the API key of a machine client (the system and an anonymous
 * resident leave both empty). The audit log and the Dordtpas transactions store them alike.
 */
export function actorColumns(actor: Actor): { actorUserId: string | null; actorApiKeyId: string | null } {
  return {
    actorUserId: actor.kind === 'user' ? actor.userId : null,
    actorApiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
  };
}

export function systemActor(job: string): Actor {
  return { kind: 'system', job };
}

export function anonymousActor(origin: string | null): Actor {
  return { kind: 'anonymous', origin };
}
