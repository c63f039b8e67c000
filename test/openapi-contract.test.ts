import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

/**
 * The contract between server and pages: every API operation declares what it answers on success (a JSON schema,
 * a file's media type, or no content), so the OpenAPI document describes what comes back and the serializer sends
 * nothing a schema does not allow.
 */
describe('OpenAPI document: every operation declares its response', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  });
  afterAll(() => t.close());

  interface Operation {
    tags?: string[];
    responses?: Record<string, { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> }>;
  }

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, tag: op.tags?.[0] ?? '-', op })),
    );

  /** Why an operation's success response is not described, or null when it is. */
  function undescribed(op: Operation): string | null {
    const success = Object.entries(op.responses ?? {}).filter(([code]) => /^[23]\d\d$/.test(code));
    if (!success.length) return 'geen antwoord bij succes';
    for (const [code, response] of success) {
      if (code === '204' || /^3/.test(code)) continue;
      const content = Object.entries(response.content ?? {});
      if (!content.length) return `${code}: geen inhoud beschreven`;
      for (const [type, { schema }] of content) {
        if (!schema) return `${code} ${type}: geen schema`;
        if (type.includes('json') && !('type' in schema || 'anyOf' in schema || 'oneOf' in schema || 'allOf' in schema || '$ref' in schema)) {
          return `${code} ${type}: schema zonder vorm`;
        }
      }
    }
    return null;
  }

  it('describes the success response of every operation', () => {
    const missing = operations()
      .map(({ name, tag, op }) => ({ name, tag, why: undescribed(op) }))
      .filter((o) => o.why)
      .map((o) => `${o.tag}: ${o.name} (${o.why})`);
    expect(missing).toEqual([]);
  });

  it('says of a list what it holds, field by field', () => {
    const users = doc.paths['/api/v1/users']?.get?.responses?.['200']?.content?.['application/json']?.schema as {
      type: string;
      items?: { properties?: object };
    };
    expect(users?.type).toBe('array');
    expect(Object.keys(users?.items?.properties ?? {})).toEqual(expect.arrayContaining(['id', 'email', 'displayName', 'roles']));
  });

  it('describes files by their media type, not as JSON', () => {
    const files = operations().flatMap(({ name, op }) =>
      Object.values(op.responses ?? {}).flatMap((r) =>
        Object.keys(r.content ?? {})
          .filter((type) => !type.includes('json'))
          .map((type) => `${name} ${type}`),
      ),
    );
    expect(files.length).toBeGreaterThan(0);
  });
});
