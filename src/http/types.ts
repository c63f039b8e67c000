import type { Actor } from '../platform/actor.ts';
import type { Permission } from '../platform/authz.ts';

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
  }
  interface FastifyInstance {
    /** Every registered route with its access rule, for the authorisation matrix test and the docs. */
    routeTable: { method: string; url: string; access: RouteAccess }[];
  }
  interface FastifyRequest {
    actor: Actor;
    sessionToken: string | null;
  }
}
