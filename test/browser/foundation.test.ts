import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmails } from '../support/app.ts';
import { expectAccessible, login, startBrowserEnv, type BrowserEnv } from './support.ts';

describe('staff and public shells in a real browser', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(() => env?.close());

  it('shows the public home page in Dutch, accessible', async () => {
    const page = await env.browser.newPage();
    await page.goto(env.baseUrl);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Geldzorgen');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expectAccessible(page, 'public home');
    await page.goto(`${env.baseUrl}/bestaat-niet`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('bestaat niet');
    await expectAccessible(page, 'not found');
    await page.close();
  });

  it('refuses a wrong password with a Dutch message, accessible', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.baseUrl}/login`);
    await expectAccessible(page, 'login');
    await page.getByLabel('E-mailadres').fill(demoEmails.admin);
    await page.getByLabel('Wachtwoord').fill('fout-wachtwoord-1');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('klopt niet');
    await expectAccessible(page, 'login with error');
    await page.close();
  });

  it('gives the admin the admin menu and pages: organisations, API key shown once, users, audit log', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.admin);
    const menu = page.getByRole('navigation', { name: 'Menu medewerkers' });
    for (const label of ['Organisaties', 'Gebruikers', 'Auditlog']) await expect(menu.getByRole('link', { name: label }).count()).resolves.toBe(1);
    await expectAccessible(page, 'staff home (admin)');

    await menu.getByRole('link', { name: 'Organisaties' }).click();
    await page.getByRole('cell', { name: 'Trivire', exact: true }).waitFor();
    await expectAccessible(page, 'organisations');
    await page.getByRole('button', { name: 'API-sleutels van Trivire' }).click();
    await page.getByLabel('Naam van de nieuwe sleutel').fill('Incassosysteem');
    await page.getByRole('button', { name: 'Sleutel maken' }).click();
    const key = await page.getByTestId('new-api-key').textContent();
    expect(key).toMatch(/^vn_[A-Za-z0-9_-]{8}_/);
    await page.getByRole('cell', { name: 'Incassosysteem', exact: true }).waitFor();
    await expectAccessible(page, 'organisations with api keys');
    // The key works for the creditor's machine, and is never shown again.
    const response = await fetch(`${env.baseUrl}/api/v1/session`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'API-sleutels van Trivire' }).click();
    await page.getByRole('cell', { name: 'Incassosysteem', exact: true }).waitFor();
    expect(await page.getByTestId('new-api-key').count()).toBe(0);

    await menu.getByRole('link', { name: 'Gebruikers' }).click();
    await page.getByRole('cell', { name: 'Kim Consulent', exact: true }).waitFor();
    await expectAccessible(page, 'users');

    await menu.getByRole('link', { name: 'Auditlog' }).click();
    await page.getByRole('cell', { name: 'Ingelogd' }).first().waitFor();
    await expectAccessible(page, 'audit log');
    await context.close();
  });

  it('shows a creditor only the pages of its role, and sends it back to login after logout', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.creditor);
    const menu = page.getByRole('navigation', { name: 'Menu medewerkers' });
    await expect(menu.getByRole('link', { name: 'Auditlog' }).count()).resolves.toBe(0);
    await expect(menu.getByRole('link', { name: 'Gebruikers' }).count()).resolves.toBe(0);
    await page.goto(`${env.baseUrl}/medewerkers/auditlog`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Geen toegang');
    await expectAccessible(page, 'no access');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { name: 'Inloggen voor medewerkers' }).waitFor();
    await page.goto(`${env.baseUrl}/medewerkers`);
    await page.getByRole('heading', { name: 'Inloggen voor medewerkers' }).waitFor();
    await context.close();
  });
});
