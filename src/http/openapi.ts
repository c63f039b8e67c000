import type { RouteAccess } from './types.ts';

/**
 * The OpenAPI document as published at `/api/v1/openapi.json`: what @fastify/swagger generates from the routes' zod
 * schemas, completed with what every route shares and so declares nowhere itself (see docs/api-rules.md):
 * - every answer carries the `API-Version` header (NLGov /core/version-header);
 * - every refusal is `application/problem+json` with status, title and detail (/core/error-handling/problem-details):
 *   400 where the operation takes input (/core/error-handling/invalid-input), 401 and 403 where it is not public,
 *   404 where it names a resource in its path, and a default for the rest (409, 413, 429, 500, 503);
 * - a 204 answer has no body;
 * - every operation has an operationId (from its method and path) and its tags are listed, for code generators.
 */

type Responses = Record<string, { description?: string; content?: unknown; headers?: Record<string, unknown>; $ref?: string }>;
interface Operation {
  operationId?: string;
  tags?: string[];
  parameters?: { in?: string }[];
  requestBody?: unknown;
  responses?: Responses;
}
interface Document {
  tags?: { name: string }[];
  paths?: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
}

export interface DocumentedRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

const methods = new Set(['get', 'put', 'post', 'delete', 'patch']);
const versionHeader = { $ref: '#/components/headers/API-Version' };

const problemSchema = {
  type: 'object',
  description: 'Een fout volgens RFC 9457 (problem details), met een Nederlandse titel en uitleg en een vaste code voor programma’s.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'Adres dat het soort fout aanduidt' },
    title: { type: 'string', description: 'Korte Nederlandse omschrijving van het soort fout' },
    status: { type: 'integer', minimum: 400, maximum: 599, description: 'De HTTP-statuscode' },
    detail: { type: 'string', description: 'Uitleg in gewone taal over deze fout' },
    instance: { type: 'string', description: 'Het pad van de aanvraag (zonder zoekvraag)' },
    code: { type: 'string', description: 'Vaste code van de fout, voor programma’s (bijvoorbeeld validation_failed)' },
    errors: {
      type: 'array',
      description: 'De velden die niet juist zijn, allemaal tegelijk',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: {
          field: { type: 'string', description: 'Het veld, bijvoorbeeld body.email of querystring.period' },
          reason: { type: 'string', description: 'Wat er niet klopt, in gewone taal' },
        },
      },
    },
  },
};

const problemResponses: Record<string, string> = {
  BadRequest: 'De aanvraag is niet juist: de velden die niet kloppen staan in errors.',
  Unauthenticated: 'Niet ingelogd, of de API-sleutel is onbekend of ingetrokken.',
  Forbidden: 'Geen toegang tot deze gegevens of deze handeling.',
  NotFound: 'Niet gevonden.',
  Problem:
    'Een andere fout, bijvoorbeeld een botsing met bestaande gegevens (409), een te groot bericht (413), te veel verzoeken (429) of een storing (500, 503).',
};

function problemResponse(description: string) {
  return {
    description,
    headers: { 'API-Version': versionHeader },
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

/** `/api/v1/users/:id` (Fastify) → `/api/v1/users/{id}` (OpenAPI). */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** `get` `/api/v1/signals/cases/{id}` → `getSignalsCasesById`. */
function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v\d+/, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((segment) => (segment.startsWith('{') ? `by-${segment.slice(1, -1)}` : segment))
    .flatMap((segment) => segment.split(/[-_]/));
  return method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** Completes the generated document in place (see above); `routes` gives each operation's access rule. */
export function publishedDocument<T>(document: T, apiVersion: string, routes: DocumentedRoute[]): T {
  const doc = document as Document;
  const access = new Map(routes.map((r) => [`${r.method.toLowerCase()} ${openApiPath(r.url)}`, r.access]));
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, Problem: problemSchema };
  doc.components.headers = {
    ...doc.components.headers,
    'API-Version': {
      description: 'De volledige versie van de API (Semantic Versioning), bij elk antwoord',
      schema: { type: 'string', example: apiVersion },
    },
  };
  doc.components.responses = {
    ...doc.components.responses,
    ...Object.fromEntries(Object.entries(problemResponses).map(([name, description]) => [name, problemResponse(description)])),
  };
  const tags = new Set((doc.tags ?? []).map((t) => t.name));
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!methods.has(method)) continue;
      operation.operationId ??= operationId(method, path);
      for (const tag of operation.tags ?? []) tags.add(tag);
      operation.responses ??= {};
      const responses: Responses = operation.responses;
      const noContent = responses['204'];
      if (noContent) delete noContent.content;
      for (const response of Object.values(responses)) {
        if (!response.$ref) response.headers = { ...response.headers, 'API-Version': versionHeader };
      }
      const parameters = operation.parameters ?? [];
      const takesInput = operation.requestBody !== undefined || parameters.length > 0;
      const named = parameters.some((p) => p.in === 'path');
      const routeAccess = access.get(`${method} ${path}`);
      const refusals: [string, string, boolean][] = [
        ['400', 'BadRequest', takesInput],
        ['401', 'Unauthenticated', routeAccess !== 'public'],
        ['403', 'Forbidden', routeAccess !== 'public'],
        ['404', 'NotFound', named],
        ['default', 'Problem', true],
      ];
      for (const [code, name, applies] of refusals) {
        if (applies && !responses[code]) responses[code] = { $ref: `#/components/responses/${name}` };
      }
    }
  }
  doc.tags = [...tags].map((name) => doc.tags?.find((t) => t.name === name) ?? { name });
  return document;
}
