import { z } from 'zod';

/**
 * Building blocks for the contract between server and pages. Every API route declares its response schema
 * (`schema.response`): the OpenAPI document describes what comes back, and the serializer sends only what the
 * schema allows (unknown keys are stripped; a value of the wrong shape is a 500, caught by the tests).
 *
 * A module keeps its schemas in `contract.ts`, which imports only zod and other contract files, so the web app can
 * import it: types with `import type` (`Json<typeof schema>`), labels and small value lists as values.
 */

/** A moment: a `Date` from the database, sent as an ISO 8601 string. */
export const timestamp = z.union([z.date(), z.iso.datetime({ offset: true })]);

/** A calendar day, `YYYY-MM-DD`. */
export const isoDate = z.iso.date();

/** An id of a record. */
export const id = z.uuid();

/** A page of a long list: the items, and where they sit in the whole. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(item) });
}

/**
 * A file the route sends as it is (PDF, CSV, DOCX, XML, an HTML page): described by its media types in OpenAPI, never
 * serialised as JSON. `response: { 200: fileResponse('De brief als PDF.', 'application/pdf') }`.
 */
export function fileResponse(description: string, ...mediaTypes: [string, ...string[]]) {
  return {
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }])),
  };
}

/** No content (204). */
export const noContent = z.void().meta({ description: 'Geen inhoud.' });

/** What a response looks like on the wire, in the browser: dates are strings there. */
export type Wire<T> = T extends Date ? string : T extends readonly (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

/** The JSON the browser receives from a route whose response schema is `S`. */
export type Json<S extends z.ZodType> = Wire<z.output<S>>;
