// The Open Referral HSDS 3.0 API under /api/v1/hsds: the social map for other social maps and apps. Public, like
// the map itself (organisations, not people). Paging and filters as in the spec's schema/openapi.json.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/database.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { searchDirectory, type DirectoryEntry } from '../domain.ts';
import { hsdsOrganization, hsdsPage, hsdsRoot, hsdsService, hsdsServiceAtLocation, hsdsTaxonomy, hsdsTaxonomyTerm } from './contract.ts';
import { hsdsOrganizationBase, hsdsOrganizationFull, hsdsServiceAtLocations, hsdsServiceFull, hsdsServiceList, type HsdsSource } from './mapping.ts';
import { loadHsdsSource } from './queries.ts';
import { vangnetTaxonomy, vangnetTerms } from './taxonomy.ts';

type Options = { db: Database; config: Config };
const tags = ['hsds'];
const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');
const paging = {
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(1000).default(50),
  search: z.string().trim().max(100).optional(),
  format: z.enum(['json']).optional(),
};
const serviceFilters = {
  ...paging,
  taxonomy_term_id: z.string().max(100).optional(),
  taxonomy_id: z.string().max(100).optional(),
  organization_id: z.string().max(100).optional(),
  modified_after: z
    .string()
    .max(40)
    .refine((v) => !Number.isNaN(Date.parse(v)), 'Gebruik een datum en tijd zoals 2026-01-31T12:00:00Z.')
    .optional(),
  full: flag,
};
const idParams = z.object({ id: z.string().max(100) });

function page<T>(items: T[], pageNumber: number, perPage: number) {
  const total = items.length;
  const contents = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
const matchesWords = (search: string | undefined, ...texts: string[]) => {
  if (!search) return true;
  const haystack = normalise(texts.join(' '));
  return normalise(search)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => haystack.includes(w));
};

/** The vangnet term ids a service carries (its themes, audiences and kind of help). */
function termIds(e: DirectoryEntry): Set<string> {
  const codes = new Set([...e.themes.map((t) => `theme:${t}`), ...e.audiences.map((a) => `audience:${a}`), `help:${e.helpKind}`]);
  return new Set(vangnetTerms.filter((t) => codes.has(t.code)).map((t) => t.id));
}

type ServiceFilters = { search?: string; taxonomy_term_id?: string; taxonomy_id?: string; organization_id?: string; modified_after?: string };

function filterServices(source: HsdsSource, f: ServiceFilters, now: Date): DirectoryEntry[] {
  let entries = f.search ? searchDirectory(source.entries, { q: f.search }, now) : source.entries;
  if (f.organization_id) entries = entries.filter((e) => e.organization.id === f.organization_id);
  if (f.taxonomy_term_id) entries = entries.filter((e) => termIds(e).has(f.taxonomy_term_id!));
  // Every Vangnet service carries terms of the one taxonomy it knows.
  if (f.taxonomy_id && f.taxonomy_id !== vangnetTaxonomy.id) entries = [];
  if (f.modified_after) {
    const after = new Date(f.modified_after);
    entries = entries.filter((e) => e.updatedAt && e.updatedAt >= after);
  }
  return entries;
}

export const hsdsRoutes: FastifyPluginAsync<Options> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const source = () => loadHsdsSource(db, config.publicUrl);

  app.get(
    '/hsds/',
    { config: { access: 'public' }, schema: { tags, summary: 'Over deze HSDS-API (Open Referral HSDS 3.0)', response: { 200: hsdsRoot } } },
    async () => ({ version: '3.0', profile: 'https://docs.openreferral.org/en/3.0/', openapi_url: new URL('/api/v1/openapi.json', config.publicUrl).href }),
  );

  app.get(
    '/hsds/services',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Diensten van de sociale kaart (HSDS)', querystring: z.object(serviceFilters), response: { 200: hsdsPage(hsdsService) } },
    },
    async (request) => {
      const q = request.query;
      const s = await source();
      const entries = filterServices(s, q, db.clock.now());
      return page(
        entries.map((e) => (q.full ? hsdsServiceFull(e, s) : hsdsServiceList(e, s))),
        q.page,
        q.per_page,
      );
    },
  );

  app.get(
    '/hsds/services/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'Eén dienst, volledig (HSDS)', params: idParams, response: { 200: hsdsService } } },
    async (request) => {
      const s = await source();
      const entry = s.entries.find((e) => e.id === request.params.id);
      if (!entry) throw new NotFoundError('Deze dienst');
      return hsdsServiceFull(entry, s);
    },
  );

  app.get(
    '/hsds/organizations',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Organisaties van de sociale kaart (HSDS)',
        querystring: z.object({ ...paging, full: flag, full_service: flag }),
        response: { 200: hsdsPage(hsdsOrganization) },
      },
    },
    async (request) => {
      const q = request.query;
      const s = await source();
      const organizations = s.organizations.filter((o) => matchesWords(q.search, o.name, o.code, o.description));
      return page(
        organizations.map((o) => (q.full || q.full_service ? hsdsOrganizationFull(o, s, q.full_service) : hsdsOrganizationBase(o, s.baseUrl))),
        q.page,
        q.per_page,
      );
    },
  );

  app.get(
    '/hsds/organizations/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Eén organisatie met haar plekken en diensten (HSDS)',
        params: idParams,
        querystring: z.object({ full_service: flag }),
        response: { 200: hsdsOrganization },
      },
    },
    async (request) => {
      const s = await source();
      const organization = s.organizations.find((o) => o.id === request.params.id);
      if (!organization) throw new NotFoundError('Deze organisatie');
      return hsdsOrganizationFull(organization, s, request.query.full_service);
    },
  );

  app.get(
    '/hsds/service_at_locations',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Diensten per plek (HSDS)',
        querystring: z.object(serviceFilters),
        response: { 200: hsdsPage(hsdsServiceAtLocation) },
      },
    },
    async (request) => {
      const q = request.query;
      const s = await source();
      const links = filterServices(s, q, db.clock.now()).flatMap((e) => hsdsServiceAtLocations(e, s, { full: q.full, withService: true }));
      return page(links, q.page, q.per_page);
    },
  );

  app.get(
    '/hsds/service_at_locations/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Eén dienst op één plek, volledig (HSDS)', params: idParams, response: { 200: hsdsServiceAtLocation } },
    },
    async (request) => {
      const s = await source();
      const found = s.entries.flatMap((e) => hsdsServiceAtLocations(e, s, { full: true, withService: true })).find((l) => l.id === request.params.id);
      if (!found) throw new NotFoundError('Deze dienst op deze plek');
      return found;
    },
  );

  app.get(
    '/hsds/taxonomies',
    { config: { access: 'public' }, schema: { tags, summary: 'Indelingen (HSDS)', querystring: z.object(paging), response: { 200: hsdsPage(hsdsTaxonomy) } } },
    async (request) => {
      const q = request.query;
      return page(
        [vangnetTaxonomy].filter((t) => matchesWords(q.search, t.name, t.description)),
        q.page,
        q.per_page,
      );
    },
  );

  app.get(
    '/hsds/taxonomies/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'Eén indeling (HSDS)', params: idParams, response: { 200: hsdsTaxonomy } } },
    async (request) => {
      if (request.params.id !== vangnetTaxonomy.id) throw new NotFoundError('Deze indeling');
      return vangnetTaxonomy;
    },
  );

  app.get(
    '/hsds/taxonomy_terms',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Termen van de indelingen (HSDS)',
        querystring: z.object({ ...paging, taxonomy_id: z.string().max(100).optional(), top_only: flag, parent_id: z.string().max(100).optional() }),
        response: { 200: hsdsPage(hsdsTaxonomyTerm) },
      },
    },
    async (request) => {
      const q = request.query;
      const terms = vangnetTerms.filter(
        (t) =>
          matchesWords(q.search, t.name, t.code, t.description) &&
          (!q.taxonomy_id || t.taxonomy_id === q.taxonomy_id) &&
          (!q.top_only || !t.parent_id) &&
          (!q.parent_id || t.parent_id === q.parent_id),
      );
      return page(terms, q.page, q.per_page);
    },
  );

  app.get(
    '/hsds/taxonomy_terms/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'Eén term (HSDS)', params: idParams, response: { 200: hsdsTaxonomyTerm } } },
    async (request) => {
      const term = vangnetTerms.find((t) => t.id === request.params.id);
      if (!term) throw new NotFoundError('Deze term');
      return term;
    },
  );
};
