import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../src/config.ts';
import { buildServer } from '../src/http/server.ts';
import { recentDate } from '../src/modules/signals/test-helpers.ts';
import { createTestDatabase } from './support/db.ts';
import { createTestApp, demoEmails, DEMO_PASSWORD, loginAs, type Session, type TestApp } from './support/app.ts';
import { sharedStringsBomb, signalWorkbookParts, writeZip, type ZipPart } from './support/zip.ts';

/**
 * The hostile tester's finding "one request freezes the server", reproduced on a real listening server over real
 * HTTP: the big bodies are streamed by a client while another client asks for /health, which must answer within
 * a second every time. Each refusal is a 413 or 400 problem+json in Dutch, and nothing is stored.
 */
const MB = 1024 * 1024;

interface Answer {
  status: number;
  type: string;
  body: string;
  /** Bytes the client had written when the answer came. */
  sent: number;
}

describe('one request never freezes the server', () => {
  let t: TestApp;
  let base: URL;
  let creditor: Session;
  let analyst: Session;

  beforeAll(async () => {
    t = await createTestApp();
    creditor = await loginAs(t.app, demoEmails.creditor);
    analyst = await loginAs(t.app, demoEmails.analyst);
    for (let attempt = 0; ; attempt++) {
      const port = 4200 + Math.floor(Math.random() * 100);
      try {
        await t.app.listen({ port, host: '127.0.0.1' });
        base = new URL(`http://127.0.0.1:${port}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'EADDRINUSE' || attempt > 20) throw error;
      }
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  /** POST a body produced piece by piece, honouring back-pressure; resolves as soon as the server answers. */
  function post(path: string, headers: Record<string, string>, pieces: Iterable<Buffer>, contentLength?: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const request = http.request(
        new URL(path, base),
        { method: 'POST', headers: { ...headers, ...(contentLength !== undefined ? { 'content-length': String(contentLength) } : {}) } },
        (response) => {
          answered = true;
          const at = sent;
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () =>
            resolve({ status: response.statusCode!, type: String(response.headers['content-type']), body: Buffer.concat(chunks).toString('utf8'), sent: at }),
          );
          response.on('error', reject);
        },
      );
      // The server may close the connection while the body is still going out: that is the point.
      request.on('error', (error) => {
        if (!answered) reject(error);
      });
      const iterator = pieces[Symbol.iterator]();
      const pump = () => {
        while (!answered && !request.destroyed) {
          const next = iterator.next();
          if (next.done) {
            request.end();
            return;
          }
          sent += next.value.length;
          if (!request.write(next.value)) {
            request.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
  }

  /**
   * Asks /health over and over until `work` settles. The check is liveness, not speed (speed is in `npm run bench`):
   * a server whose event loop parsed the body would not answer for many seconds, so every answer must come within
   * `live` ms, loose enough for a busy CI machine.
   */
  const live = 5000;
  async function healthWhile<T>(work: Promise<T>): Promise<{ result: T; slowest: number; checks: number }> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    let slowest = 0;
    let checks = 0;
    while (!settled || checks === 0) {
      const started = performance.now();
      const response = await fetch(new URL('/api/v1/health', base), { signal: AbortSignal.timeout(10_000) });
      expect(response.status).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
      checks++;
      await new Promise((r) => setTimeout(r, 50));
    }
    return { result: await done, slowest, checks };
  }

  /** 2.5 million keys, about `megabytes` MB in all, generated in pieces of 64 kB. */
  function* manyKeys(keys: number, bytesPerKey: number): Generator<Buffer> {
    const filler = 'x'.repeat(Math.max(0, bytesPerKey - 14));
    yield Buffer.from('{');
    let piece = '';
    for (let i = 0; i < keys; i++) {
      piece += `${i ? ',' : ''}"k${String(i).padStart(7, '0')}":"${filler}"`;
      if (piece.length > 64 * 1024) {
        yield Buffer.from(piece);
        piece = '';
      }
    }
    yield Buffer.from(`${piece}}`);
  }

  const problem = (answer: Answer) => JSON.parse(answer.body) as { status: number; code: string; detail: string; errors?: { field: string; reason: string }[] };

  async function importCount(): Promise<number> {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/signals/imports', headers: creditor.headers });
    return (response.json() as unknown[]).length;
  }

  it('refuses an unauthenticated 50 MB JSON body of 2.5 million keys with 413 while /health keeps answering', async () => {
    const json = { 'content-type': 'application/json' };
    // Streamed without a length: counted while it comes in, refused at the first byte past 64 kB.
    const streamed = await healthWhile(post('/api/v1/pass/applications', json, manyKeys(2_500_000, 20)));
    expect(streamed.result.status).toBe(413);
    expect(streamed.result.type).toContain('application/problem+json');
    expect(problem(streamed.result)).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      detail: 'Het bericht is te groot. Hier kan ten hoogste 64 kB worden verstuurd.',
    });
    expect(streamed.result.sent).toBeLessThan(50 * MB);
    expect(streamed.slowest).toBeLessThan(live);
    // With the length announced, refused before a byte of it is read.
    let size = 0;
    for (const piece of manyKeys(2_500_000, 20)) size += piece.length;
    expect(size).toBeGreaterThanOrEqual(50_000_000);
    const announced = await healthWhile(post('/api/v1/pass/applications', json, manyKeys(2_500_000, 20), size));
    expect(announced.result.status).toBe(413);
    expect(announced.result.sent).toBeLessThan(size);
    expect(announced.slowest).toBeLessThan(live);
  }, 180_000);

  it('refuses 2.5 million keys that fit a file route’s size limit cheaply, on its structure', async () => {
    let size = 0;
    for (const piece of manyKeys(2_500_000, 13)) size += piece.length;
    expect(size).toBeLessThan(64 * MB);
    const { result, slowest } = await healthWhile(
      post('/api/v1/insights/imports', { ...analyst.headers, 'content-type': 'application/json' }, manyKeys(2_500_000, 13), size),
    );
    expect(result.status).toBe(400);
    expect(problem(result)).toMatchObject({ code: 'validation_failed', detail: 'Een object in het bericht heeft meer dan 100 velden.' });
    expect(slowest).toBeLessThan(live);
  }, 180_000);

  it('refuses a creditor’s 21 MB single-row batch, and bounds the rows and fields of a batch', async () => {
    const before = await importCount();
    const row = {
      referentie: 'B-1',
      datum: '2025-03-01',
      soort: 'huur',
      bedrag: '50,00',
      achternaam: 'Jansen',
      postcode: '3315AB',
      huisnummer: '1',
      opmerking: 'x'.repeat(21 * MB),
    };
    const body = Buffer.from(JSON.stringify({ municipalityCode: 'GM0505', signals: [row] }));
    const { result, slowest } = await healthWhile(post('/api/v1/signals', { ...creditor.headers, 'content-type': 'application/json' }, [body], body.length));
    expect(result.status).toBe(413);
    expect(problem(result).detail).toBe('Het bericht is te groot. Hier kan ten hoogste 4 MB worden verstuurd.');
    expect(slowest).toBeLessThan(live);
    // Under the size limit, a field longer than any column needs, or too many rows, is a 400 naming the field.
    const longField = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: creditor.headers,
      payload: { municipalityCode: 'GM0505', signals: [{ ...row, opmerking: undefined, achternaam: 'J'.repeat(501) }] },
    });
    expect(longField.statusCode).toBe(400);
    expect(longField.json().errors).toEqual([expect.objectContaining({ field: 'body.signals.0.achternaam' })]);
    const tooMany = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: creditor.headers,
      payload: { municipalityCode: 'GM0505', signals: Array.from({ length: 10_001 }, () => ({ referentie: 'R' })) },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().detail).toBe('Een lijst in het bericht heeft meer dan 10000 elementen.');
    expect(await importCount()).toBe(before);
  }, 120_000);

  it('refuses a zip-bomb .xlsx in Dutch with bounded memory, while /health keeps answering', async () => {
    const parts: ZipPart[] = (await signalWorkbookParts()).map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, data: sharedStringsBomb(300) } : p));
    const bomb = await writeZip(parts);
    expect(bomb.length).toBeLessThan(5 * MB);
    const before = await importCount();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 20);
    const headers = { ...creditor.headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'x-file-name': 'bom.xlsx' };
    const { result, slowest } = await healthWhile(post('/api/v1/signals/imports', headers, [bomb], bomb.length)).finally(() => clearInterval(sampler));
    expect(result.status).toBe(413);
    expect(result.type).toContain('application/problem+json');
    expect(problem(result)).toMatchObject({
      detail: 'Het XLSX-bestand is te groot om in te lezen. Splits het bestand of lever het aan als CSV.',
      errors: [{ field: 'bestand', reason: 'Uitgepakt is het bestand groter dan 256 MB.' }],
    });
    expect(rssPeak - rssBefore).toBeLessThan(300 * MB);
    expect(slowest).toBeLessThan(live);
    expect(await importCount()).toBe(before);
  }, 180_000);

  it('holds a resident’s form to its own smaller limit, streamed or announced', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = Buffer.from(`naam=${'a'.repeat(40 * 1024)}`);
    for (const length of [body.length, undefined]) {
      const answer = await post('/geldfit/contact', form, [body], length);
      expect(answer.status).toBe(413);
      expect(problem(answer).detail).toBe('Het bericht is te groot. Hier kan ten hoogste 32 kB worden verstuurd.');
    }
  });

  it('takes a 20 MB signal file on the upload route, and the same body nowhere else', async () => {
    const header = 'referentie;datum;soort;bedrag;achternaam;postcode;huisnummer;opmerking\n';
    const rows = 20_000;
    const note = 'n'.repeat(1024);
    const signalDate = recentDate(); // a signal older than the retention term would be refused
    function* csv(): Generator<Buffer> {
      yield Buffer.from(header);
      for (let i = 0; i < rows; i += 500) {
        let piece = '';
        for (let j = i; j < i + 500; j++) piece += `L-${j};${signalDate};huur;50,00;Jansen;3315AB;${1 + (j % 400)};${note}\n`;
        yield Buffer.from(piece);
      }
    }
    let size = 0;
    for (const piece of csv()) size += piece.length;
    expect(size).toBeGreaterThan(20 * MB);
    // The JSON batch route takes 4 MB at most, whatever the content type.
    const elsewhere = await post('/api/v1/signals', { ...creditor.headers, 'content-type': 'text/csv' }, csv(), size);
    expect(elsewhere.status).toBe(413);
    const upload = await post('/api/v1/signals/imports', { ...creditor.headers, 'content-type': 'text/csv', 'x-file-name': 'groot.csv' }, csv());
    expect(upload.status, upload.body.slice(0, 300)).toBe(201);
    expect(JSON.parse(upload.body)).toMatchObject({ rows, rejected: 0 });
  }, 300_000);
});

describe('body limits and bounded schemas are part of the route declaration', () => {
  let scratch: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    scratch = await createTestDatabase();
  });
  afterAll(async () => {
    await scratch?.cleanup();
  });

  async function serverWith(route: (app: Awaited<ReturnType<typeof buildServer>>) => void): Promise<unknown> {
    const app = await buildServer({ db: scratch.db, config: loadConfig({ VANGNET_LOG_LEVEL: 'silent', VANGNET_DEMO_PASSWORD: DEMO_PASSWORD }) });
    try {
      route(app);
      await app.ready();
      return null;
    } catch (error) {
      return error;
    } finally {
      await app.close();
    }
  }

  it('refuses to start with an unbounded string, array or record in a route schema, or a body limit of its own', async () => {
    const unbounded = await serverWith((app) =>
      app.post(
        '/api/v1/test-unbounded',
        {
          config: { access: 'public' },
          schema: { body: z.object({ name: z.string().min(1), tags: z.array(z.string().max(5)), extra: z.record(z.string().max(5), z.string().max(5)) }) },
        },
        async () => ({}),
      ),
    );
    expect(String(unbounded)).toContain(
      'has unbounded input: body.name: string without max, body.tags: array without max, body.extra: record without boundedRecord()',
    );
    const ownLimit = await serverWith((app) => app.post('/api/v1/test-limit', { config: { access: 'public' }, bodyLimit: 100 * MB }, async () => ({})));
    expect(String(ownLimit)).toContain('sets bodyLimit itself');
    const fine = await serverWith((app) =>
      app.post(
        '/api/v1/test-fine',
        { config: { access: 'public', body: 'file' }, schema: { body: z.object({ name: z.string().max(5), code: z.string().regex(/^GM\d{4}$/) }) } },
        async () => ({}),
      ),
    );
    expect(fine).toBeNull();
  }, 120_000);
});
