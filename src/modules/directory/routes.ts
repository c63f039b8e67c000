// HTTP for the social map: a JSON API under /api/v1/directory and light server-rendered pages under /hulp.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { directoryEntry, directoryLocationRow, directoryOrganizationsResult, directorySearchResult } from './contract.ts';
import { audiences, directoryQuery, locationInput, searchDirectory, serviceInput, themes, type DirectoryQuery } from './domain.ts';
import { hsdsDocument } from './hsds/contract.ts';
import { hsdsExport } from './hsds/mapping.ts';
import { loadHsdsSource } from './hsds/queries.ts';
import { hsdsRoutes } from './hsds/routes.ts';
import { detailPage, notFoundPage, searchPage } from './pages.ts';
import { createLocation, createService, getEntry, listLocations, listOrganizations, loadDirectory, updateService } from './store.ts';

type Options = { db: Database; config: Config };
const idParams = z.object({ id: z.string().uuid() });
const tags = ['directory'];

const apiRoutes: FastifyPluginAsync<Options> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  await app.register(hsdsRoutes, { db, config });

  app.get(
    '/directory/services',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Zoeken op de sociale kaart (GeldenzoDordt)',
        querystring: directoryQuery.omit({ helpKinds: true }).extend({ includeInactive: z.enum(['true', 'false']).optional() }),
        response: { 200: directorySearchResult },
      },
    },
    async (request) => {
      const { includeInactive, ...query } = request.query;
      const entries = await loadDirectory(db);
      if (includeInactive === 'true' && !query.q && !query.theme && !query.audience && !query.area && !query.when) return { items: entries };
      return { items: searchDirectory(entries, query, db.clock.now()) };
    },
  );

  app.get(
    '/directory/services/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'Eén dienst van de sociale kaart', params: idParams, response: { 200: directoryEntry } } },
    async (request) => getEntry(db, request.params.id),
  );

  app.get(
    '/directory/hsds',
    { config: { access: 'public' }, schema: { tags, summary: 'De hele sociale kaart als Open Referral HSDS 3.0 (JSON)', response: { 200: hsdsDocument } } },
    async (_request, reply) => {
      reply.header('Content-Disposition', 'inline; filename="sociale-kaart-hsds.json"');
      return hsdsExport(await loadHsdsSource(db, config.publicUrl), db.clock.now());
    },
  );

  app.get(
    '/directory/organizations',
    { config: { access: 'public' }, schema: { tags, summary: 'Organisaties en plekken op de sociale kaart', response: { 200: directoryOrganizationsResult } } },
    async () => ({
      organizations: await listOrganizations(db),
      locations: await listLocations(db),
    }),
  );

  app.put(
    '/directory/services/:id',
    {
      config: { access: 'directory:edit' },
      schema: { tags, summary: 'Een dienst wijzigen (medewerkers)', params: idParams, body: serviceInput, response: { 200: directoryEntry } },
    },
    async (request) => updateService(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/directory/services',
    {
      config: { access: 'directory:edit' },
      schema: {
        tags,
        summary: 'Een dienst toevoegen (medewerkers)',
        body: serviceInput.extend({ organizationId: z.string().uuid() }),
        response: { 201: directoryEntry },
      },
    },
    async (request, reply) => {
      const { organizationId, ...input } = request.body;
      reply.code(201);
      return createService(db, request.actor, organizationId, input);
    },
  );

  app.post(
    '/directory/locations',
    {
      config: { access: 'directory:edit' },
      schema: {
        tags,
        summary: 'Een plek toevoegen, bijvoorbeeld een ontmoetingsplek voor een mobiel spreekuur (medewerkers)',
        body: locationInput,
        response: { 201: directoryLocationRow },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createLocation(db, request.actor, request.body);
    },
  );
};

/** Form values from the public search page: Dutch parameter names, empty or unknown values are ignored. */
const pageQuery = z.object({
  q: z.string().max(100).optional(),
  thema: z.string().max(30).optional(),
  voor: z.string().max(30).optional(),
  wijk: z.string().max(10).optional(),
  wanneer: z.string().max(10).optional(),
});

export function queryFromForm(form: z.infer<typeof pageQuery>): DirectoryQuery {
  const parsed = directoryQuery.safeParse({
    q: form.q?.trim() || undefined,
    theme: (themes as readonly string[]).includes(form.thema ?? '') ? form.thema : undefined,
    audience: (audiences as readonly string[]).includes(form.voor ?? '') ? form.voor : undefined,
    area: /^WK\d{6}$/.test(form.wijk ?? '') ? form.wijk : undefined,
    when: form.wanneer === 'now' || form.wanneer === 'week' ? form.wanneer : undefined,
  });
  return parsed.success ? parsed.data : {};
}

const pageRoutes: FastifyPluginAsync<Options> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/hulp', { config: { access: 'public' }, schema: { hide: true, querystring: pageQuery } }, async (request, reply) => {
    const query = queryFromForm(request.query);
    const now = db.clock.now();
    const results = searchDirectory(await loadDirectory(db), query, now);
    return reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .send(searchPage(results, query, now));
  });
  app.get('/hulp/:id', { config: { access: 'public' }, schema: { hide: true, params: z.object({ id: z.string().max(200) }) } }, async (request, reply) => {
    try {
      const entry = await getEntry(db, request.params.id);
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(detailPage(entry, db.clock.now()));
    } catch (error) {
      if (error instanceof NotFoundError) return reply.code(404).type('text/html; charset=utf-8').send(notFoundPage());
      throw error;
    }
  });
};

/** The API, mounted under /api/v1, and the residents' pages at /hulp (see `ModuleDefinition.pages`). */
export { apiRoutes as directoryRoutes, pageRoutes as directoryPages };
