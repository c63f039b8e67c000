import type { Actor } from '../platform/actor.ts';
import type { Permission } from '../platform/authz.ts';
import type { BodySize } from './body.ts';

/**
 * Every API route says who may call it: `public`, any `authenticated` staff member or machine client,
 * or a named permission. A route without it refuses to register, so an unprotected route cannot ship.
 */
export type RouteAccess = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Unsafe methods with a session cookie need the CSRF header, unless the route opts out (login). */
    csrfExempt?: boolean;
    /**
     * How large a body the route takes (limits in `src/http/body.ts`): unset is the small default for forms and
     * JSON; `batch` for a JSON batch of records; `file` only for routes that take an uploaded file.
     */
    body?: Exclude<BodySize, 'default'>;
  }
  interface FastifyInstance {
    /** Every route with an access rule (the API and the server-rendered public pages), for the authorisation matrix and fuzz tests. */
    routeTable: { method: string; url: string; access: RouteAccess }[];
  }
  interface FastifyRequest {
    actor: Actor;
    sessionToken: string | null;
  }
}
