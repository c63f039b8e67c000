import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Finding, lintOpenApi } from '../api-rules/lint.ts';
import { createTestApp, type TestApp } from './support/app.ts';

/**
 * The NLGov REST API Design Rules (api-rules/nlgov.spectral.yaml, explained in docs/api-rules.md): the published OpenAPI
 * document has no error-level finding; the ruleset does find each rule broken in a small bad document; and the rules a
 * document cannot show are checked against the running server.
 */

const show = (findings: Finding[]) => findings.map((f) => `${f.rule} at ${f.at}: ${f.message}`);

describe('OpenAPI document against the NLGov API Design Rules (Spectral)', () => {
  let t: TestApp;
  let doc: { info: { version: string }; paths: Record<string, unknown> };
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  });
  afterAll(() => t.close());

  it('has no error-level finding in the published document', async () => {
    const findings = await lintOpenApi(doc);
    expect(show(findings.filter((f) => f.severity === 'error'))).toEqual([]);
    // Each nlgov rule looked at the real document: the operations are there to be checked.
    expect(Object.keys(doc.paths).length).toBeGreaterThan(50);
  });

  it('publishes the document at /api/v1/openapi.json without login, readable from other sites (/core/publish-openapi)', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('sends API-Version with the version of the document on success and on every kind of refusal (/core/version-header)', async () => {
    const requests = [
      { url: '/api/v1/health', status: 200 },
      { url: '/api/v1/openapi.json', status: 200 },
      { url: '/api/v1/users', status: 401 },
      { url: '/api/v1/bestaat-niet', status: 404 },
      { url: '/api/v1/signals/monitor?period=2025-Q5', status: 401 },
      { url: `/api/v1/persons/${'a'.repeat(200)}`, status: 414 },
    ];
    for (const { url, status } of requests) {
      const response = await t.app.inject({ method: 'GET', url });
      expect({ url, status: response.statusCode, version: response.headers['api-version'] }).toEqual({ url, status, version: doc.info.version });
    }
    const invalid = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 1 } });
    expect([invalid.statusCode, invalid.headers['api-version']]).toEqual([400, doc.info.version]);
  });

  it('tells browsers and proxies not to keep or frame any API answer (/core/transport/security-headers)', async () => {
    for (const url of ['/api/v1/health', '/api/v1/users', '/api/v1/bestaat-niet']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect({ url, cache: response.headers['cache-control'], sniff: response.headers['x-content-type-options'] }).toEqual({
        url,
        cache: 'no-store',
        sniff: 'nosniff',
      });
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      // Only the OpenAPI document may be read by other sites (/core/transport/cors).
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('answers a method an address does not have with 405 and the methods it has (/core/http-methods)', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/health' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 405, code: 'method_not_allowed' });
    const withId = await t.app.inject({ method: 'DELETE', url: '/api/v1/programmes/6f1c1d7e-0000-4000-8000-000000000000' });
    expect([withId.statusCode, withId.headers.allow]).toEqual([405, 'GET, HEAD, PATCH']);
    // An address that does not exist stays a 404.
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/bestaat-niet' })).statusCode).toBe(404);
  });

  it('answers a path with a trailing slash with 404 problem+json, not a redirect (/core/no-trailing-slash, /core/error-handling/problem-details)', async () => {
    for (const url of ['/api/v1/health/', '/api/v1/openapi.json/', '/api/v1/users/']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.headers.location).toBeUndefined();
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(Object.keys(response.json())).toEqual(expect.arrayContaining(['status', 'title', 'detail']));
    }
  });
});

describe('the NLGov ruleset itself', () => {
  const ok = { description: 'OK', headers: { 'API-Version': { schema: { type: 'string' } } }, content: { 'application/json': { schema: { type: 'object' } } } };
  const problem = {
    description: 'Fout',
    headers: { 'API-Version': { schema: { type: 'string' } } },
    content: {
      'application/problem+json': {
        schema: {
          type: 'object',
          required: ['status', 'title', 'detail'],
          properties: { status: { type: 'integer' }, title: { type: 'string' }, detail: { type: 'string' } },
        },
      },
    },
  };
  const good = {
    openapi: '3.0.3',
    info: { title: 'Gebouwen', version: '1.2.0', description: 'Gebouwen', contact: { name: 'Team gebouwen', email: 'gebouwen@example.org' } },
    servers: [{ url: 'https://api.example.org/v1' }],
    tags: [{ name: 'gebouwen' }],
    paths: {
      '/gebouwen': {
        get: {
          operationId: 'gebouwen',
          description: 'Alle gebouwen',
          tags: ['gebouwen'],
          parameters: [{ in: 'query', name: 'typeGebouw', schema: { type: 'string' } }],
          responses: { '200': ok, '400': problem, default: problem },
        },
      },
      // An HSDS path keeps the HSDS standard's names: the exception in the ruleset.
      '/hsds/service_at_locations': {
        get: {
          operationId: 'hsds',
          description: 'HSDS',
          tags: ['gebouwen'],
          parameters: [{ in: 'query', name: 'per_page', schema: { type: 'integer' } }],
          responses: { '200': ok, '400': problem, default: problem },
        },
      },
    },
  };

  it('finds nothing in a document that keeps every rule', async () => {
    const hsds = {
      ...good,
      servers: [{ url: 'https://api.example.org' }],
      paths: { '/api/v1/hsds/service_at_locations': good.paths['/hsds/service_at_locations'] },
    };
    expect(show(await lintOpenApi({ ...good, paths: { '/gebouwen': good.paths['/gebouwen'] } }))).toEqual([]);
    expect(show(await lintOpenApi(hsds))).toEqual([]);
  });

  it('finds each rule broken in a bad document', async () => {
    const bad = {
      openapi: '3.0.3',
      info: { title: 'Gebouwen', version: '1.2', description: 'Gebouwen' },
      servers: [{ url: 'http://api.example.org/v1.2' }],
      paths: {
        '/Gebouwen/': {
          get: {
            operationId: 'gebouwen',
            parameters: [
              { in: 'query', name: 'type_gebouw', schema: { type: 'string' } },
              { in: 'query', name: 'bsn', schema: { type: 'string' } },
            ],
            responses: {
              '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object', properties: { bouwDate: { type: 'string' } } } } } },
            },
          },
          post: {
            operationId: 'nieuwGebouw',
            requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
            responses: {
              '201': ok,
              '404': { ...problem, content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } } } },
            },
          },
          head: { operationId: 'kop', responses: { '200': ok, default: problem } },
        },
      },
    };
    const findings = await lintOpenApi(bad);
    const rules = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule));
    expect([...rules].filter((r) => r.startsWith('nlgov/')).sort()).toEqual([
      'nlgov/core/doc-openapi-contact',
      'nlgov/core/error-handling/invalid-input',
      'nlgov/core/error-handling/problem-details',
      'nlgov/core/http-methods',
      'nlgov/core/no-trailing-slash',
      'nlgov/core/path-segments-kebab-case',
      'nlgov/core/query-keys-camel-case',
      'nlgov/core/semver',
      'nlgov/core/transport/no-sensitive-uris',
      'nlgov/core/transport/tls',
      'nlgov/core/uri-version',
      'nlgov/core/version-header',
    ]);
    // Advice by field name: a warning, not an error.
    expect(findings.filter((f) => f.rule === 'nlgov/core/date-time/format').map((f) => [f.severity, f.message])).toEqual([
      ['warning', 'Field "bouwDate" is a date or time without format date, date-time or time-local.'],
    ]);
  });

  it('refuses an OpenAPI 2 document (/core/doc-openapi)', async () => {
    const { openapi: _, ...rest } = good;
    const findings = await lintOpenApi({ ...rest, swagger: '2.0' });
    expect(findings.map((f) => f.rule)).toContain('nlgov/core/doc-openapi');
  });
});
