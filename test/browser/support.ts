import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildServer, type App } from '../../src/http/server.ts';
import { seedDemo } from '../../src/platform/demo.ts';
import { createTestDatabase } from '../support/db.ts';
import { DEMO_PASSWORD } from '../support/app.ts';
export { freePort } from '../support/ports.ts';
import type { Database } from '../../src/db/database.ts';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's chromium, never a downloaded browser. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian package "chromium" (apt-get install -y chromium) or set CHROMIUM_PATH');
  return found;
}

export interface BrowserEnv {
  browser: Browser;
  app: App;
  db: Database;
  config: ReturnType<typeof loadConfig>;
  baseUrl: string;
  close: () => Promise<void>;
}

/**
 * A real server on a free port with the demo data, and a headless Debian chromium; `env` adds configuration (e.g. mail),
 * `options.launchArgs` adds chromium switches to the default ones (e.g. a fake camera), `options.port` takes a port
 * chosen before (see `freePort`; an OpenID provider must know the address it sends the browser back to).
 */
export async function startBrowserEnv(env: Record<string, string> = {}, options: { launchArgs?: string[]; port?: number } = {}): Promise<BrowserEnv> {
  if (!fs.existsSync(new URL('../../web/dist/index.html', import.meta.url))) throw new Error('web/dist missing: run npm run build:web');
  const { db, cleanup } = await createTestDatabase();
  await seedDemo(db, DEMO_PASSWORD);
  const config = loadConfig({ VANGNET_LOG_LEVEL: 'silent', PORT: '0', VANGNET_LOGIN_RATE_PER_MINUTE: '10000', ...env });
  const app = await buildServer({ db, config });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.launchArgs ?? []),
    ],
  });
  return {
    browser,
    app,
    db,
    config,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await browser.close();
      await app.close();
      await cleanup();
    },
  };
}

/** Runs axe-core on the page and fails with a readable list of any WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Injected through the DevTools protocol: the app's Content-Security-Policy rightly forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  });
  expect(violations, `accessibility violations on ${label}`).toEqual([]);
}

export async function login(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
}

/**
 * axe needs script; a page opened with JavaScript switched off has none. The HTML exactly as that browser got it is
 * checked in a page with script at the same origin, so the stylesheet loads and colour contrast counts.
 */
export async function expectAccessibleAsShown(env: BrowserEnv, page: Page, label: string): Promise<void> {
  const markup = await page.content();
  const checker = await env.browser.newPage({ viewport: page.viewportSize() ?? { width: 360, height: 740 } });
  await checker.goto(`${env.baseUrl}/stijl.css`);
  await checker.setContent(markup, { waitUntil: 'load' });
  await expectAccessible(checker, label);
  await checker.close();
}

/** Text a validator wrote, never shown to people: a path into the body, an English library message. */
const validatorText = /body\.|querystring\.|Expected|Invalid|Required|Te groot|Te klein/;

const lower = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A wrong value is said in plain Dutch next to its field, the same on every form (the staff app's `web/src/forms.tsx`
 * and the server-rendered pages of `src/platform/html.ts`): the input named `label` has `aria-invalid="true"`, its
 * `aria-describedby` points at an element that says `sentence`, and the error summary at the top of the form has a
 * link to the input (`href="#<id>"`) that says it too (the staff app writes it after the label in lower case).
 * `summary: false` only for a one-field search form, which has no summary.
 */
export async function expectFieldError(
  page: Page,
  label: string | RegExp | Locator,
  sentence: string | RegExp,
  options: { summary?: false } = {},
): Promise<void> {
  const says = (text: string | null) =>
    typeof sentence === 'string' ? lower(text ?? '').includes(lower(sentence)) : new RegExp(sentence.source, 'i').test(text ?? '');
  // A label, or the input itself where labels repeat (the first option of a group of radio buttons).
  const input = typeof label === 'string' || label instanceof RegExp ? page.getByLabel(label, { exact: typeof label === 'string' }) : label;
  await expect.poll(() => input.getAttribute('aria-invalid'), { message: `${label} is marked invalid` }).toBe('true');
  const id = await input.getAttribute('id');
  expect(id, `${label} has an id the summary can link to`).toBeTruthy();
  const described = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(described.map((d) => page.locator(`[id="${d}"]`).textContent()));
  const own = texts.find((t) => says(t));
  expect(own, `${label}: aria-describedby (${described.join(' ') || 'none'}) points at "${sentence}"; it says ${JSON.stringify(texts)}`).toBeDefined();
  expect(own).not.toMatch(validatorText);
  if (options.summary === false) return;
  const link = page.locator(`:is(.vn-error-summary, .vn-summary) a[href="#${id}"]`);
  await expect.poll(() => link.count(), { message: `the error summary links to ${label}` }).toBeGreaterThan(0);
  const linkText = await link.first().textContent();
  expect(says(linkText), `the summary's link to ${label} says "${sentence}"; it says "${linkText}"`).toBe(true);
  await expect(page.locator(':is(.vn-error-summary, .vn-summary)').first().textContent()).resolves.not.toMatch(validatorText);
}
