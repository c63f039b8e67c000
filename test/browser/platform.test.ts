import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmails } from '../support/app.ts';
import { expectAccessible, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

describe('the platform pages for administrators, in a real browser', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(() => env?.close());

  it('adds a user: a wrong e-mail address is named next to the field and in the summary; blocking asks first', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.admin);
    await page.goto(`${env.baseUrl}/medewerkers/gebruikers`);
    await page.getByRole('cell', { name: 'Kim Consulent', exact: true }).waitFor();
    await expectAccessible(page, 'users');

    await page.getByLabel('Organisatie').selectOption({ index: 1 });
    await page.getByLabel('Naam', { exact: true }).fill('Nieuwe Collega');
    await page.getByLabel('E-mailadres').fill('geen-adres');
    await page.getByLabel('Eerste wachtwoord').fill('Een-lang-wachtwoord-2026');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await expectFieldError(page, 'E-mailadres', /Vul een geldig e-mailadres in/);
    await expectAccessible(page, 'users with a field error');

    await page.getByLabel('E-mailadres').fill('nieuwe.collega@wijkteam.example');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByRole('status').getByText('Nieuwe Collega is toegevoegd').waitFor();
    await page.getByRole('cell', { name: 'nieuwe.collega@wijkteam.example' }).waitFor();
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Blokkeer Nieuwe Collega' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nieuwe Collega blokkeren?' });
    await expect(dialog.textContent()).resolves.toMatch(/kan dan niet meer inloggen/);
    await expectAccessible(page, 'block confirmation');
    await dialog.getByRole('button', { name: 'Ja, blokkeer Nieuwe Collega' }).click();
    await page.getByRole('status').getByText('Nieuwe Collega is geblokkeerd en kan niet meer inloggen.').waitFor();
    await page.getByRole('button', { name: 'Activeer Nieuwe Collega' }).waitFor();
    await context.close();
  });

  it('shows the organisations by the Dutch names of their kind and municipalities; revoking a key asks first', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.admin);
    await page.goto(`${env.baseUrl}/medewerkers/organisaties`);
    await page.getByRole('cell', { name: 'Trivire', exact: true }).waitFor();
    await expect(page.locator('table').first().textContent()).resolves.toContain('Dordrecht');
    await expect(page.locator('table').first().textContent()).resolves.not.toMatch(/GM\d{4}/);
    await page.getByRole('button', { name: 'API-sleutels van Trivire' }).click();
    await page.getByRole('button', { name: 'Sleutel maken' }).click();
    await expectFieldError(page, 'Naam van de nieuwe sleutel', /Vul minstens 2 tekens in/);
    await expectAccessible(page, 'api key with a field error');
    await page.getByLabel('Naam van de nieuwe sleutel').fill('Koppeling test');
    await page.getByRole('button', { name: 'Sleutel maken' }).click();
    await page.getByTestId('new-api-key').waitFor();
    await page.getByRole('button', { name: 'Intrekken: Koppeling test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sleutel „Koppeling test” intrekken?' });
    await expect(dialog.textContent()).resolves.toMatch(/kan dan niet meer inloggen/);
    await dialog.getByRole('button', { name: 'Ja, trek de sleutel Koppeling test in' }).click();
    await page
      .getByRole('status')
      .getByText(/is ingetrokken/)
      .waitFor();
    await page
      .getByText(/^Ingetrokken /)
      .first()
      .waitFor();
    await expectAccessible(page, 'organisations after revoking');
    await context.close();
  });

  it('shows the audit log with names, pages through it, and says in plain Dutch when a BSN is wrong', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.admin);
    await page.goto(`${env.baseUrl}/medewerkers/auditlog`);
    await page.getByRole('cell', { name: 'Ingelogd' }).first().waitFor();
    await page.getByRole('cell', { name: 'Bea Beheerder' }).first().waitFor();
    await expect(page.locator('caption').textContent()).resolves.toMatch(/^\d[\d.]* gebeurtenissen, nieuwste eerst\. U ziet 1–/);
    await expect(page.locator('tbody').textContent()).resolves.not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await expectAccessible(page, 'audit log');

    await page.getByLabel('Inwoner', { exact: true }).fill('123456789');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expectFieldError(page, 'Inwoner', /Dit BSN klopt niet/);
    await expectAccessible(page, 'audit log with a field error');

    await page.getByLabel('Inwoner', { exact: true }).fill('');
    await page.getByLabel('Vanaf').fill('2026-03-01');
    await page.getByLabel('Tot en met').fill('2026-02-01');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expectFieldError(page, 'Tot en met', /ligt vóór de datum bij "Vanaf"/);
    await context.close();
  });
});
