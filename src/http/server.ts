import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { stackFrames } from '../db/errors.ts';
import { anonymousActor } from '../platform/actor.ts';
import { resolveApiKey, resolveSession } from '../platform/auth.ts';
import { can } from '../platform/authz.ts';
import { ForbiddenError, RoleForbiddenError, TooManyRequestsError, UnauthenticatedError, ValidationError } from '../platform/errors.ts';
import { platformRoutes } from '../platform/routes.ts';
import { mailRoutes } from '../platform/mail/routes.ts';
import { configureMail } from '../platform/mail/outbox.ts';
import { notFoundPage, platformPages } from '../platform/pages.ts';
import { passwordResetPages } from '../platform/passwordResetPages.ts';
import { staffOidcPages } from '../platform/oidcPages.ts';
import { residentPages } from '../platform/residentPages.ts';
import { refreshPublicContacts, sendPage, setPublicContactSource } from '../platform/html.ts';
import { gatherPublicContacts } from './publicContacts.ts';
import { unboundedParts } from '../platform/validation.ts';
import { modules } from '../modules/registry.ts';
import { allowedMethods } from './allowed.ts';
import { bodyLimits, boundedJsonParser, limitBody } from './body.ts';
import { publishedDocument } from './openapi.ts';
import { sendProblem, toProblem } from './problem.ts';
import './types.ts';
import '../platform/i18n.ts';

export { API_VERSION } from './version.ts';
import { API_VERSION, isApiUrl } from './version.ts';
export { SESSION_COOKIE } from '../platform/auth.ts';
import { SESSION_COOKIE } from '../platform/auth.ts';
const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface ServerDependencies {
  db: Database;
  config: Config;
  /** Where the application log goes (standard output by default); tests read it to prove it holds no personal data. */
  logStream?: NodeJS.WritableStream;
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildServer({ db, config, logStream }: ServerDependencies): Promise<App> {
  const limits = bodyLimits(config.uploadMaxBytes);
  const app = Fastify({
    trustProxy: config.trustProxy,
    // The default for every route; a route that takes more declares `config.body` (see the onRoute hook).
    bodyLimit: limits.bytes.default,
    // Errors the router raises before any route runs (over-long parameters, bad URLs) are problems too.
    frameworkErrors: (error, request, reply) => {
      const problem = toProblem(error);
      void sendProblem(reply, request, { ...problem, detail: problem.status === 414 ? 'Het adres is te lang.' : problem.detail });
    },
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      // No personal data in the application log: no query strings, no bodies, no cookies or keys.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-csrf-token"]'],
      serializers: {
        req: (req) => ({ method: req.method, url: String(req.url).split('?')[0], remoteAddress: req.ip }),
        res: (res) => ({ statusCode: res.statusCode }),
        // Error messages can quote input, and a database error's message and cause hold the query with its
        // parameters (a BSN, a surname): keep the kind, the code and the stack frames, never a message or a cause.
        err: (err) => ({ type: err.name, message: (err as { code?: string }).code ?? err.name, stack: stackFrames(err.stack, 5) }),
      },
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', null);

  app.decorate('routeTable', [] as App['routeTable']);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) {
      // API routes must say who may call them; only static files (the built web app) go without.
      if (route.url.startsWith('/api/')) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
      return;
    }
    // The body limit is part of the route's declaration: the size class from this one table, never a number of its own.
    if (route.bodyLimit !== undefined && route.bodyLimit > limits.bytes.default) {
      throw new Error(`Route ${String(route.method)} ${route.url} sets bodyLimit itself; declare config.body ('batch' or 'file') instead`);
    }
    route.bodyLimit = route.config?.body ? limits.bytes[route.config.body] : (route.bodyLimit ?? limits.bytes.default);
    // Every string, array and record a client can send has an upper bound in the route's schema.
    const unbounded = (['body', 'querystring', 'params'] as const).flatMap((part) => unboundedParts(route.schema?.[part], part));
    if (unbounded.length) throw new Error(`Route ${String(route.method)} ${route.url} has unbounded input: ${unbounded.join(', ')}`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, access });
    }
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, boundedJsonParser(limits, app.getDefaultJsonParser('error', 'error')));
  app.addHook('preParsing', limitBody(limits));
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new TooManyRequestsError(`Te veel pogingen. Probeer het over ${Math.ceil(context.ttl / 1000)} seconden opnieuw.`),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Vangnet API',
        version: API_VERSION,
        description: 'API van Vangnet, volgens de NLGov REST API Design Rules. Fouten als application/problem+json.',
        contact: { name: 'Vangnet', url: 'https://vangnet.dev' },
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'API-sleutel van een organisatie (schuldeiser, aanbieder)' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onRequest', async (request, reply) => {
    // Every API answer names its version (NLGov /core/version-header) and is never stored by a browser or a proxy:
    // most of them hold personal data (/core/transport/security-headers). A route that may be kept says so itself.
    if (isApiUrl(request.url)) reply.header('API-Version', API_VERSION).header('Cache-Control', 'no-store');
    request.actor = anonymousActor(request.ip);
    request.sessionToken = null;
    const authorization = request.headers.authorization;
    const apiKey = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : (request.headers['x-api-key'] as string | undefined);
    if (apiKey) {
      const actor = await resolveApiKey(db, apiKey, request.ip);
      if (!actor) throw new UnauthenticatedError('De API-sleutel is onbekend of ingetrokken.');
      request.actor = actor;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const session = await resolveSession(db, config, token, request.ip);
        if (session) {
          request.actor = session.actor;
          request.sessionToken = token;
          const routeConfig = request.routeOptions.config;
          if (unsafeMethods.has(request.method) && !routeConfig?.csrfExempt && request.headers['x-csrf-token'] !== session.csrfToken) {
            throw new ForbiddenError('De beveiligingscode (CSRF) ontbreekt of klopt niet. Laad de pagina opnieuw.');
          }
        } else {
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
        }
      }
    }
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    if (request.actor.kind === 'anonymous') throw new UnauthenticatedError();
    if (access === 'authenticated') return;
    if (!can(request.actor, access)) {
      await db.recordAuditEvent(
        request.actor,
        { action: 'read', objectType: 'route', objectId: `${request.method} ${request.routeOptions.url}`, details: { permission: access } },
        'denied',
      );
      throw new RoleForbiddenError();
    }
  });

  // PostgreSQL's text cannot hold a NUL character: refuse it up front, naming the field, before any query sees it.
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['body', request.body],
      ['querystring', request.query],
      ['params', request.params],
    ] as const) {
      const field = fieldWithNul(value, part);
      if (field) throw new ValidationError('Een veld bevat een ongeldig teken.', [{ field, reason: 'Bevat een ongeldig teken (NUL).' }]);
    }
  });

  app.setErrorHandler(async (error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, request, problem);
  });

  configureMail(db, config.mail);
  await app.register(platformRoutes, { prefix: '/api/v1', db, config, personRelations: modules.flatMap((m) => m.personRelations ?? []) });
  await app.register(mailRoutes, { prefix: '/api/v1', db });
  // The public pages show the phone numbers residents need; they are read again at most once a minute.
  setPublicContactSource(() => gatherPublicContacts(db));
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'POST') {
      if (!request.url.startsWith('/api/') && !request.url.startsWith('/medewerkers') && !request.url.startsWith('/assets/')) await refreshPublicContacts();
    }
  });
  await app.register(platformPages, { db, config });
  await app.register(passwordResetPages, { db, config });
  await app.register(staffOidcPages, { db, config });
  await app.register(residentPages, { db, config });
  for (const module of modules) {
    if (module.routes) await app.register(module.routes, { prefix: '/api/v1', db, config, modules });
    if (module.pages) await app.register(module.pages, { db, config, modules });
  }

  // The OpenAPI document is public and readable from other sites' documentation tools (NLGov /core/publish-openapi).
  let published: unknown;
  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    published ??= publishedDocument(structuredClone(app.swagger()), API_VERSION, app.routeTable);
    reply.header('Access-Control-Allow-Origin', '*').header('Cross-Origin-Resource-Policy', 'cross-origin');
    return published;
  });

  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      const allowed = isApiUrl(request.url) ? allowedMethods(app.routeTable, request.url.split('?')[0]!) : [];
      if (allowed.length) {
        reply.header('Allow', allowed.join(', '));
        const detail = `Dit adres bestaat, maar niet voor ${request.method}. Wel voor: ${allowed.join(', ')}.`;
        return sendProblem(reply, request, { status: 405, code: 'method_not_allowed', title: 'Deze methode is niet toegestaan.', detail });
      }
      return sendProblem(reply, request, { status: 404, code: 'not_found', title: 'Niet gevonden.', detail: 'Deze route bestaat niet.' });
    }
    // The browser app is the staff side only; every other address is a public page, and this one does not exist.
    const pathname = request.url.split('?')[0]!;
    if (pathname !== '/medewerkers' && !pathname.startsWith('/medewerkers/')) return sendPage(reply, notFoundPage(), 404);
    if (!hasWeb) {
      return reply.code(503).type('text/plain; charset=utf-8').send('De webpagina’s zijn niet gebouwd. Draai eerst: npm run build:web');
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });

  return app;
}

/** The path of the first string holding a NUL character in a parsed request part (streams and buffers are left alone). */
function fieldWithNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = fieldWithNul(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (ArrayBuffer.isView(value) || value instanceof Date || typeof (value as { pipe?: unknown }).pipe === 'function') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = fieldWithNul(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}
