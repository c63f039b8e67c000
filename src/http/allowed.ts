import type { App } from './server.ts';

/**
 * The methods an API address does have, for a request with a method it does not have: such a request is answered
 * 405 with an `Allow` header, not 404 (RFC 9110 15.5.6; NLGov /core/http-methods). Empty when no route matches the
 * address at all (then it is a 404). Fastify answers HEAD for every GET route.
 */
export function allowedMethods(routes: App['routeTable'], pathname: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (!route.url.startsWith('/api/')) continue;
    const pattern = route.url
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    if (new RegExp(`^${pattern}$`).test(pathname)) methods.add(route.method);
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
