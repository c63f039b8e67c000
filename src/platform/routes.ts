import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import {
  apiKeyInput,
  createApiKey,
  createOrganisation,
  createUser,
  listApiKeys,
  listMunicipalities,
  listOrganisations,
  listUsers,
  organisationInput,
  organisationPatch,
  revokeApiKey,
  updateOrganisation,
  updateUser,
  userInput,
  userPatch,
} from './admin.ts';
import { auditQuery, listAuditEvents } from './audit.ts';
import {
  apiKey,
  auditEvent,
  auditPage,
  createdApiKey,
  createdOrganisation,
  health,
  municipality,
  organisation,
  person,
  sessionView as sessionSchema,
  user,
} from './contract-platform.ts';
import { noContent } from './contract.ts';
import { login, logout, resolveSession, SESSION_COOKIE } from './auth.ts';
import { permissionsOf } from './authz.ts';
import { AppError } from './errors.ts';
import { needToKnow, type PersonRelation } from './needToKnow.ts';
import { createPerson, getPerson, personInput, personSearch, searchPersons } from './persons.ts';

const idParams = z.object({ id: z.string().uuid() });
const purposeHeader = z.object({ 'x-purpose': z.string().max(200).optional() }).passthrough();

export interface PlatformRouteOptions {
  db: Database;
  config: Config;
  /** The modules' lawful relations with residents (need-to-know on the person register); see `needToKnow.ts`. */
  personRelations: readonly PersonRelation[];
}

export const platformRoutes: FastifyPluginAsync<PlatformRouteOptions> = async (base, { db, config, personRelations }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const access = needToKnow(personRelations);

  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['platform'], summary: 'Gezondheid van de dienst', response: { 200: health } },
    },
    async () => {
      await db.ping();
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/municipalities',
    { config: { access: 'public' }, schema: { tags: ['platform'], summary: 'Gemeenten (tenants)', response: { 200: z.array(municipality) } } },
    async () => listMunicipalities(db),
  );

  app.post(
    '/session',
    {
      config: { access: 'public', csrfExempt: true, rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['platform'],
        summary: 'Inloggen voor medewerkers',
        body: z.object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(500) }),
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      // Only JSON: a cross-site HTML form cannot send it, which closes login CSRF.
      if (!String(request.headers['content-type']).startsWith('application/json')) {
        throw new AppError('unsupported_media_type', 415, 'Stuur de inloggegevens als JSON.');
      }
      const result = await login(db, config, { ...request.body, origin: request.ip });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: config.secureCookies,
        path: '/',
        maxAge: config.session.maxHours * 3600,
      });
      return sessionView(result.actor, result.csrfToken);
    },
  );

  app.get(
    '/session',
    { config: { access: 'authenticated' }, schema: { tags: ['platform'], summary: 'De ingelogde gebruiker', response: { 200: sessionSchema } } },
    async (request) => {
      const session = request.sessionToken ? await resolveSession(db, config, request.sessionToken, request.ip) : null;
      return sessionView(request.actor, session?.csrfToken ?? null);
    },
  );

  app.delete(
    '/session',
    { config: { access: 'authenticated' }, schema: { tags: ['platform'], summary: 'Uitloggen', response: { 204: noContent } } },
    async (request, reply) => {
      if (request.sessionToken) await logout(db, request.sessionToken, request.actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/organisations',
    { config: { access: 'organisations:read' }, schema: { tags: ['platform'], summary: 'Organisaties', response: { 200: z.array(organisation) } } },
    async (request) => listOrganisations(db, request.actor),
  );

  app.post(
    '/organisations',
    {
      config: { access: 'organisations:manage' },
      schema: { tags: ['platform'], summary: 'Organisatie toevoegen', body: organisationInput, response: { 201: createdOrganisation } },
    },
    async (request, reply) => reply.code(201).send(await createOrganisation(db, request.actor, request.body)),
  );

  app.patch(
    '/organisations/:id',
    {
      config: { access: 'organisations:manage' },
      schema: {
        tags: ['platform'],
        summary: 'Organisatie wijzigen (naam, soort, gemeenten)',
        params: idParams,
        body: organisationPatch,
        response: { 200: organisation },
      },
    },
    async (request) => updateOrganisation(db, request.actor, request.params.id, request.body),
  );

  app.get(
    '/users',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['platform'],
        summary: 'Gebruikers',
        querystring: z.object({ organisationId: z.string().uuid().optional() }),
        response: { 200: z.array(user) },
      },
    },
    async (request) => listUsers(db, request.actor, request.query),
  );

  app.post(
    '/users',
    { config: { access: 'users:manage' }, schema: { tags: ['platform'], summary: 'Gebruiker toevoegen', body: userInput, response: { 201: user } } },
    async (request, reply) => reply.code(201).send(await createUser(db, request.actor, request.body)),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'users:manage' },
      schema: { tags: ['platform'], summary: 'Gebruiker wijzigen', params: idParams, body: userPatch, response: { 200: user } },
    },
    async (request) => updateUser(db, request.actor, request.params.id, request.body),
  );

  app.get(
    '/organisations/:id/api-keys',
    {
      config: { access: 'apikeys:manage' },
      schema: { tags: ['platform'], summary: 'API-sleutels van een organisatie', params: idParams, response: { 200: z.array(apiKey) } },
    },
    async (request) => listApiKeys(db, request.actor, request.params.id),
  );

  app.post(
    '/organisations/:id/api-keys',
    {
      config: { access: 'apikeys:manage' },
      schema: {
        tags: ['platform'],
        summary: 'API-sleutel maken (de sleutel wordt één keer getoond)',
        params: idParams,
        body: apiKeyInput,
        response: { 201: createdApiKey },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiKey(db, request.actor, request.params.id, request.body)),
  );

  app.delete(
    '/api-keys/:id',
    { config: { access: 'apikeys:manage' }, schema: { tags: ['platform'], summary: 'API-sleutel intrekken', params: idParams, response: { 200: apiKey } } },
    async (request) => revokeApiKey(db, request.actor, request.params.id),
  );

  app.get(
    '/audit-events',
    {
      config: { access: 'audit:read' },
      schema: { tags: ['platform'], summary: 'Auditlog (BIO 12.4 / NEN 7513)', querystring: auditQuery, response: { 200: auditPage } },
    },
    async (request) => listAuditEvents(db, request.actor, request.query),
  );

  app.get(
    '/persons',
    {
      config: { access: 'persons:read' },
      schema: { tags: ['persons'], summary: 'Inwoners zoeken', querystring: personSearch, headers: purposeHeader, response: { 200: z.array(person) } },
    },
    async (request) => searchPersons(db, request.actor, request.query, access, request.headers['x-purpose']),
  );

  app.post(
    '/persons',
    {
      config: { access: 'persons:write' },
      schema: { tags: ['persons'], summary: 'Inwoner vastleggen', body: personInput, headers: purposeHeader, response: { 201: person } },
    },
    async (request, reply) => reply.code(201).send(await createPerson(db, request.actor, request.body, request.headers['x-purpose'])),
  );

  app.get(
    '/persons/:id',
    {
      config: { access: 'persons:read' },
      schema: { tags: ['persons'], summary: 'Eén inwoner', params: idParams, headers: purposeHeader, response: { 200: person } },
    },
    async (request) => getPerson(db, request.actor, request.params.id, access, request.headers['x-purpose']),
  );

  app.get(
    '/persons/:id/audit-events',
    {
      config: { access: 'audit:read' },
      schema: { tags: ['persons'], summary: 'Alles wat met de gegevens van één inwoner is gedaan', params: idParams, response: { 200: z.array(auditEvent) } },
    },
    async (request) => (await listAuditEvents(db, request.actor, { subjectId: request.params.id, limit: 500 })).items,
  );
};

function sessionView(actor: import('./actor.ts').Actor, csrfToken: string | null) {
  if (actor.kind !== 'user' && actor.kind !== 'api_key') return { user: null, csrfToken: null, permissions: [] };
  return {
    user: {
      id: actor.kind === 'user' ? actor.userId : actor.apiKeyId,
      displayName: actor.kind === 'user' ? actor.displayName : 'API-sleutel',
      organisationId: actor.organisationId,
      organisationKind: actor.organisationKind,
      roles: actor.roles,
      municipalities: actor.municipalities,
    },
    csrfToken,
    permissions: permissionsOf(actor),
  };
}
