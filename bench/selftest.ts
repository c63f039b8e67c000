import { performance } from 'node:perf_hooks';
import type { InjectOptions } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { buildServer } from '../src/http/server.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { directoryModule } from '../src/modules/directory/module.ts';
import { questionnaireBySlug } from '../src/modules/selftest/scoring.ts';
import { createTestDatabase } from '../test/support/db.ts';

/**
 * Geldfit and the social map as a resident's phone sees them: bytes of each server-rendered page (HTML only; the
 * stylesheet is shared and cached) and that they carry no script; and pages per second through the server
 * (app.inject, no network) against GET /api/v1/health in the same run; the light stylesheet against the web app's
 * (needs `npm run build:web`). BENCH_SCALE scales the number of requests.
 */
export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const n = Math.max(20, Math.round(500 * scale));
  const { db, cleanup } = await createTestDatabase();
  const config = loadConfig({ VANGNET_LOG_LEVEL: 'silent' });
  await seedDemo(db, 'Bench-wachtwoord-123');
  await directoryModule.seedDemo!(db, config);
  const app = await buildServer({ db, config });
  await app.ready();
  try {
    const residents = questionnaireBySlug('inwoners')!;
    const answers = new URLSearchParams({
      ...Object.fromEntries(residents.questions.map((q) => [q.id, q.options[q.options.length - 1]!.value])),
      lang: 'nl',
    }).toString();
    const post: InjectOptions = {
      method: 'POST',
      url: '/geldfit/inwoners',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      payload: answers,
    };
    const pages: Record<string, InjectOptions> = {
      start: { url: '/geldfit' },
      questions: { url: '/geldfit/inwoners' },
      result: post,
      search: { url: '/hulp' },
      searchFiltered: { url: '/hulp?thema=money&voor=residents&wijk=WK050505' },
    };
    const sizes: Record<string, { htmlBytes: number; scripts: number }> = {};
    for (const [name, request] of Object.entries(pages)) {
      const response = await app.inject(request);
      if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode}`);
      sizes[name] = { htmlBytes: Buffer.byteLength(response.body), scripts: (response.body.match(/<script/g) ?? []).length };
    }
    const sheet = await app.inject({ url: '/hulp/stijl.css' });
    const fullCss = (await app.inject({ url: '/' })).body.match(/href="(\/assets\/[^"]+\.css)"/)?.[1];
    const stylesheet = {
      publicPagesBytes: sheet.statusCode === 200 ? Buffer.byteLength(sheet.body) : null,
      webAppBytes: fullCss ? Buffer.byteLength((await app.inject({ url: fullCss })).body) : null,
    };
    const rate = async (request: InjectOptions) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await app.inject(request);
      return Math.round(n / ((performance.now() - t0) / 1000));
    };
    const health = await rate({ url: '/api/v1/health' });
    const search = await rate(pages.search!);
    const result = await rate(post);
    return {
      requests: n,
      pageSizes: sizes,
      stylesheet,
      perSecond: { health, search, scoreAndAdvise: result },
      ratioToHealth: { search: Math.round((search / health) * 100) / 100, scoreAndAdvise: Math.round((result / health) * 100) / 100 },
    };
  } finally {
    await app.close();
    await cleanup();
  }
}
