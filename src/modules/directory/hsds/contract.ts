// What the HSDS API answers: the spec's page envelope and its objects. The objects' own rules are checked in full by
// conformance.ts (tests); here the shape every client relies on: a uuid id and the required fields of each type.
import { z } from 'zod';

const uuid = z.uuid();
const object = z.looseObject({ id: uuid });

export const hsdsService = object.extend({ name: z.string(), status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']) });
export const hsdsOrganization = object.extend({ name: z.string(), description: z.string() });
export const hsdsServiceAtLocation = object;
export const hsdsTaxonomy = object.extend({ name: z.string(), description: z.string() });
export const hsdsTaxonomyTerm = object.extend({ name: z.string(), description: z.string() });
export const hsdsLocation = object.extend({ location_type: z.enum(['physical', 'postal', 'virtual']) });

/** A page of results, as the spec's OpenAPI document describes it (Page + contents). */
export function hsdsPage<T extends z.ZodType>(item: T) {
  return z.object({
    total_items: z.number().int(),
    total_pages: z.number().int(),
    page_number: z.number().int(),
    size: z.number().int(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(item),
  });
}

export const hsdsRoot = z.object({ version: z.string(), profile: z.url().optional(), openapi_url: z.url() });

/** The full export: every record once, each fully nested. */
export const hsdsDocument = z.looseObject({
  hsds_version: z.literal('3.0'),
  generated_at: z.string(),
  organizations: z.array(hsdsOrganization),
  services: z.array(hsdsService),
  locations: z.array(hsdsLocation),
  taxonomies: z.array(hsdsTaxonomy),
  taxonomy_terms: z.array(hsdsTaxonomyTerm),
});

export type HsdsService = z.infer<typeof hsdsService>;
export type HsdsOrganization = z.infer<typeof hsdsOrganization>;
export type HsdsLocation = z.infer<typeof hsdsLocation>;

const tally = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() });

/** What an import answers: per kind of record what happened, and every problem with its place in the document. */
export const hsdsImportResult = z.object({
  source: z.string(),
  municipalityCode: z.string(),
  organizations: tally,
  services: tally,
  locations: tally,
  schedules: tally.extend({ removed: z.number().int() }),
  problems: z.array(
    z.object({
      objectType: z.string(),
      id: z.string().optional(),
      path: z.string(),
      field: z.string().optional(),
      code: z.string(),
      message: z.string(),
      stored: z.boolean(),
    }),
  ),
});
