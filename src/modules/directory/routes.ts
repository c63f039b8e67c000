// HTTP for the social map: a JSON API under /api/v1/directory and light server-rendered pages under /hulp.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { noContent } from '../../platform/contract.ts';
import { AppError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import {
  directoryEntry,
  directoryLocationRow,
  directoryOrganizationsResult,
  directorySearchResult,
  directorySynonym,
  directorySynonymList,
  postcodeCentresLoaded,
  postcodeCentresView,
} from './contract.ts';
import {
  audiences,
  directoryQuery,
  locationInput,
  locationUpdateInput,
  nearestFirst,
  searchDirectory,
  serviceInput,
  themes,
  type DirectoryEntry,
  type DirectoryQuery,
  type NearbyEntry,
} from './domain.ts';
import { hsdsDocument } from './hsds/contract.ts';
import { hsdsExport } from './hsds/mapping.ts';
import { loadHsdsSource } from './hsds/queries.ts';
import { hsdsImportRoutes } from './hsds/importRoute.ts';
import { hsdsRoutes } from './hsds/routes.ts';
import { detailPage, notFoundPage, searchPage } from './pages.ts';
import { centreForPostcode, loadPostcodeCentresCsv, postcodeCentresView as countPostcodeCentres } from './postcodeStore.ts';
import { createLocation, createService, getEntry, listLocations, listOrganizations, loadDirectory, updateLocation, updateService } from './store.ts';
import { createSynonym, deleteSynonym, listSynonyms, synonymTable, updateSynonym } from './synonymStore.ts';
import { synonymInput } from './synonyms.ts';

type Options = { db: Database; config: Config };
const idParams = z.object({ id: z.string().uuid() });
const tags = ['directory'];

/**
 * The search the API and the page share: filters and words (with the staff's synonyms), then, with a postcode, nearest
 * first. A postcode that is malformed or outside the known areas throws a ValidationError for the field `postcode`.
 */
async function search(db: Database, query: DirectoryQuery, postcode: string | undefined, entries?: DirectoryEntry[]) {
  const found = searchDirectory(entries ?? (await loadDirectory(db)), query, db.clock.now(), await synonymTable(db));
  if (!postcode?.trim()) return { items: found.map((entry): NearbyEntry => ({ entry, distanceKm: null })) };
  const centre = await centreForPostcode(db, postcode);
  return { items: nearestFirst(found, centre), origin: { pc4: centre.pc4, place: centre.place } };
}

const apiRoutes: FastifyPluginAsync<Options> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  await app.register(hsdsRoutes, { db, config });
  await app.register(hsdsImportRoutes, { db, config });
  // A CSV upload (the PC4 centre points) arrives as a stream; the route reads it within the file size limit.
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/octet-stream'], (_request, payload, done) => done(null, payload));

  app.get(
    '/directory/services',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Zoeken op de sociale kaart (GeldenzoDordt)',
        querystring: directoryQuery
          .omit({ helpKinds: true })
          .extend({ includeInactive: z.enum(['true', 'false']).optional(), postcode: z.string().max(12).optional() }),
        response: { 200: directorySearchResult },
      },
    },
    async (request) => {
      const { includeInactive, postcode, ...query } = request.query;
      const entries = await loadDirectory(db);
      if (includeInactive === 'true' && !query.q && !query.theme && !query.audience && !query.area && !query.when && !postcode) return { items: entries };
      const result = await search(db, query, postcode, entries);
      return { ...result, items: result.items.map((r) => ({ ...r.entry, ...(result.origin ? { distanceKm: r.distanceKm } : {}) })) };
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

  app.put(
    '/directory/locations/:id',
    {
      config: { access: 'directory:edit' },
      schema: {
        tags,
        summary: 'Een plek wijzigen: naam, adres, positie (breedte- en lengtegraad, WGS84) (medewerkers)',
        params: idParams,
        body: locationUpdateInput,
        response: { 200: directoryLocationRow },
      },
    },
    async (request) => updateLocation(db, request.actor, request.params.id, request.body),
  );

  // Search synonyms: "huurachterstand" also finds "schuldhulp". Directory staff maintain them; changes are audited.
  app.get(
    '/directory/synonyms',
    { config: { access: 'directory:edit' }, schema: { tags, summary: 'Zoekwoorden en hun synoniemen (medewerkers)', response: { 200: directorySynonymList } } },
    async () => ({ items: await listSynonyms(db) }),
  );
  app.post(
    '/directory/synonyms',
    {
      config: { access: 'directory:edit' },
      schema: { tags, summary: 'Een zoekwoord met synoniemen toevoegen (medewerkers)', body: synonymInput, response: { 201: directorySynonym } },
    },
    async (request, reply) => {
      reply.code(201);
      return createSynonym(db, request.actor, request.body);
    },
  );
  app.put(
    '/directory/synonyms/:id',
    {
      config: { access: 'directory:edit' },
      schema: {
        tags,
        summary: 'Een zoekwoord of zijn synoniemen wijzigen (medewerkers)',
        params: idParams,
        body: synonymInput,
        response: { 200: directorySynonym },
      },
    },
    async (request) => updateSynonym(db, request.actor, request.params.id, request.body),
  );
  app.delete(
    '/directory/synonyms/:id',
    {
      config: { access: 'directory:edit' },
      schema: { tags, summary: 'Een zoekwoord verwijderen (medewerkers)', params: idParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      await deleteSynonym(db, request.actor, request.params.id);
      return reply.code(204).send();
    },
  );

  // Postcode areas (PC4) with a centre point, for the distance search: the built-in Drechtsteden set or a loaded CSV.
  app.get(
    '/directory/postcode-centres',
    {
      config: { access: 'directory:edit' },
      schema: { tags, summary: 'Hoeveel postcodegebieden (PC4) met middelpunt de zoekfunctie kent (medewerkers)', response: { 200: postcodeCentresView } },
    },
    async () => countPostcodeCentres(db),
  );
  app.put(
    '/directory/postcode-centres',
    {
      config: { access: 'directory:edit', body: 'file' },
      schema: {
        tags,
        summary: 'De postcodegebieden met middelpunt vervangen (CSV: pc4;plaats;latitude;longitude, WGS84) (medewerkers)',
        response: { 200: postcodeCentresLoaded },
      },
    },
    async (request) => {
      const body = request.body as AsyncIterable<Uint8Array> | undefined;
      if (!body || typeof body[Symbol.asyncIterator] !== 'function') {
        throw new ValidationError('Stuur de postcodegebieden als CSV.', [{ field: 'bestand', reason: 'Geen bestand ontvangen.' }]);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.from(chunk));
      return loadPostcodeCentresCsv(db, request.actor, Buffer.concat(chunks).toString('utf8'));
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
  postcode: z.string().max(20).optional(),
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
    const postcode = request.query.postcode?.trim() ?? '';
    let result: Awaited<ReturnType<typeof search>>;
    let postcodeError: string | undefined;
    try {
      result = await search(db, query, postcode);
    } catch (error) {
      // A wrong postcode: the page says so next to the field and shows the results without distances.
      if (!(error instanceof AppError) || error.details.reason === undefined || !postcode) throw error;
      postcodeError = error.details.errors?.[0]?.reason;
      result = await search(db, query, undefined);
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .send(searchPage(result.items, query, db.clock.now(), { postcode, postcodeError, origin: result.origin }));
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
