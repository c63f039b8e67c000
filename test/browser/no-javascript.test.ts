import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { directoryModule } from '../../src/modules/directory/module.ts';
import { seedPassDemo } from '../../src/modules/pass/demo.ts';
import { passNumberFrom } from '../../src/modules/pass/domain.ts';
import { DEMO_PASSWORD, demoEmails } from '../support/app.ts';
import { expectAccessibleAsShown, expectFieldError, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * Issue 13: every public page works with JavaScript switched off (a cheap phone, a strict browser), shows the one
 * public menu and the phone numbers, and its forms post, answer with 303 and say next to the field what is wrong.
 */
describe('the public pages without JavaScript', () => {
  let env: BrowserEnv;
  let reference = '';
  let code = '';

  beforeAll(async () => {
    env = await startBrowserEnv();
    await directoryModule.seedDemo!(env.db, loadConfig({}));
    await seedPassDemo(env.db);
  }, 120_000);
  afterAll(() => env?.close());

  const noScript = (): Promise<BrowserContext> => env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

  const accessibleAsShown = (page: Page, label: string) => expectAccessibleAsShown(env, page, label);

  const menu = ['Home', 'Hulp zoeken (sociale kaart)', 'Geldfit', 'Dordtpas', 'Mijn Dordtpas', 'Inloggen voor medewerkers'];
  const pages: [string, string, string][] = [
    ['/', 'Geldzorgen? U staat er niet alleen voor', 'Home'],
    ['/hulp', 'Hulp zoeken in Dordrecht', 'Hulp zoeken (sociale kaart)'],
    ['/geldfit', 'Geldfit: hoe staat u ervoor met geld?', 'Geldfit'],
    ['/dordtpas', 'Dordtpas aanvragen', 'Dordtpas'],
    ['/dordtpas/mijn-pas', 'Mijn Dordtpas', 'Mijn Dordtpas'],
    ['/dordtpas/aanbod', 'Wat kunt u doen met de Dordtpas?', 'Dordtpas'],
    ['/login', 'Inloggen voor medewerkers', 'Inloggen voor medewerkers'],
  ];

  it('shows every public page with its content, the one menu and the phone numbers, without a script; accessible', async () => {
    const context = await noScript();
    const page = await context.newPage();
    for (const [path, heading, current] of pages) {
      const response = await page.goto(`${env.baseUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole('heading', { level: 1 }).textContent(), path).resolves.toBe(heading);
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      await expect(nav.getByRole('link').allTextContents(), path).resolves.toEqual(menu);
      await expect(nav.locator('[aria-current="page"]').textContent(), path).resolves.toBe(current);
      const footer = await page.locator('footer').textContent();
      expect(footer, path).toContain('Gemeente Dordrecht: 14 078');
      expect(footer, path).toContain('Sociale Dienst Drechtsteden: 078 000 10 00');
      expect(footer, path).toContain('Vroeg Eropaf, gemeente Dordrecht');
      expect(await page.locator('script').count(), `${path} loads no script`).toBe(0);
      await accessibleAsShown(page, `public page ${path}`);
    }
    await page.getByRole('link', { name: 'Hulp zoeken (sociale kaart)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hulp zoeken in Dordrecht' }).waitFor();
    const missing = await page.goto(`${env.baseUrl}/bestaat-niet`);
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Deze pagina bestaat niet');
    await accessibleAsShown(page, 'not found');
    await context.close();
  });

  it('shows the Dordtpas offers per category, searches them and says next to the field when an age is wrong', async () => {
    const context = await noScript();
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/dordtpas/mijn-pas`);
    await page.getByRole('link', { name: 'Wat kunt u doen met de Dordtpas?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wat kunt u doen met de Dordtpas?' }).waitFor();
    // Per category, children's and adults' offers alike.
    await page.getByRole('heading', { level: 2, name: 'Cultuur' }).waitFor();
    await expect(page.getByRole('main').textContent()).resolves.toContain('Kinderen van 6 tot en met 12 jaar');
    await expect(page.getByRole('main').textContent()).resolves.toContain('Halve contributie');
    await page.getByLabel('Leeftijd').fill('150');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expectFieldError(page, 'Leeftijd', 'Een leeftijd is hoogstens 120 jaar. Controleer de leeftijd.');
    await accessibleAsShown(page, 'offers with a wrong age');
    await page.getByLabel('Leeftijd').fill('40');
    await page.getByLabel('Zoeken op woord').fill('koor');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect(page.getByRole('heading', { level: 3 }).allTextContents()).resolves.toEqual(['Samen zingen in het koor']);
    await page.getByLabel('Zoeken op woord').fill('');
    await page.getByLabel('Leeftijd').fill('9');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const titles = await page.getByRole('heading', { level: 3 }).allTextContents();
    expect(titles).toContain('Theaterworkshop voor kinderen');
    expect(titles).not.toContain('Samen zingen in het koor');
    expect(new URL(page.url()).searchParams.get('leeftijd')).toBe('9');
    await accessibleAsShown(page, 'offers searched by age');
    await context.close();
  });

  it('searches the social map by postcode: nearest first with the distance in Dutch; a wrong postcode is explained next to the field', async () => {
    const context = await noScript();
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/hulp`);
    await page.getByLabel('Waar zoekt u hulp bij?').fill('voedselbank');
    await page.getByLabel('Uw postcode').fill('3317 AB');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    // "voedselbank" is not in the text of the food parcel: the staff's synonyms find it.
    await page.getByRole('heading', { level: 3, name: 'Gratis boodschappenpakket' }).waitFor();
    await page
      .getByText(/^Afstand: \d+,\d km$/)
      .first()
      .waitFor();
    await page.getByText('postcodegebied 3317 (Dordrecht)', { exact: false }).waitFor();
    await accessibleAsShown(page, 'search by postcode');

    await page.getByLabel('Waar zoekt u hulp bij?').fill('schulden');
    await page.getByLabel('Uw postcode').fill('3315');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByText('postcodegebied 3315 (Dordrecht)', { exact: false }).waitFor();
    const distances = (await page.getByText(/^Afstand: \d+,\d km$/).allTextContents()).map((t) => Number(t.replace(/[^\d,]/g, '').replace(',', '.')));
    expect(distances.length).toBeGreaterThan(2);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    await page.getByLabel('Uw postcode').fill('1012 AB');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expectFieldError(page, 'Uw postcode', 'Deze postcode ligt niet in de Drechtsteden.');
    expect(await page.getByText(/^Afstand:/).count()).toBe(0);
    await page.getByLabel('Uw postcode').fill('33AB');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expectFieldError(page, 'Uw postcode', 'Vul een postcode in zoals 3311 of 3311 AB.');
    await accessibleAsShown(page, 'search with a wrong postcode');
    await context.close();
  });

  it('takes a Dordtpas application: a wrong value is explained next to its field, then the right one gives the result; Back works', async () => {
    const context = await noScript();
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/dordtpas`);
    await page.getByText('€ 300,00 per jaar op de basisschool').waitFor();
    await page.getByLabel('Waarom vraagt u de pas aan?').selectOption('income');
    await page.getByLabel('Voorletters', { exact: true }).fill('W.');
    await page.getByLabel('Achternaam', { exact: true }).fill('Willemsen');
    await page.getByLabel('Geboortedatum', { exact: true }).fill('4-3-1990');
    await page.getByLabel('Straat').fill('Burgemeester de Raadtsingel');
    await page.getByLabel('Huisnummer').fill('10');
    await page.getByLabel('Postcode').fill('33');
    await page.getByLabel('Voorletters kind 1').fill('V.');
    await page.getByLabel('Geboortedatum kind 1').fill('7-6-2015');
    await page.getByLabel(/^Netto-inkomen van u en uw partner/).fill('heel weinig');
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();

    await page.getByRole('heading', { level: 2, name: 'Nog niet alles is goed ingevuld' }).waitFor();
    await expectFieldError(page, 'Postcode', 'Een postcode is vier cijfers en twee letters.');
    await expectFieldError(page, 'Netto-inkomen van u en uw partner per maand, in euro', 'Schrijf het bedrag als 1.650,50 of 1650.');
    await expectFieldError(page, 'Vermogen van uw huishouden, in euro', 'Vul uw vermogen in. Heeft u geen spaargeld of andere bezittingen, vul dan 0 in.');
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link', { name: /^Postcode: Een postcode is vier cijfers en twee letters\./ }).getAttribute('href')).resolves.toBe(
      '#f-applicant-postcode',
    );
    // What was typed stays.
    await expect(page.getByLabel('Achternaam', { exact: true }).inputValue()).resolves.toBe('Willemsen');
    await expect(page.getByLabel('Geboortedatum kind 1').inputValue()).resolves.toBe('7-6-2015');
    await accessibleAsShown(page, 'application with errors');

    // Another child without script: the form comes back with one more row, nothing lost.
    await page.getByRole('button', { name: 'Kind toevoegen' }).click();
    await page.getByLabel('Voorletters kind 2').waitFor();
    await expect(page.getByLabel('Voorletters kind 1').inputValue()).resolves.toBe('V.');

    await page.getByLabel('Postcode').fill('3311 JG');
    await page.getByLabel(/^Netto-inkomen van u en uw partner/).fill('1.650,50');
    await page.getByLabel(/^Vermogen van uw huishouden/).fill('2.500');
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uw aanvraag is ontvangen' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dordtpas/ontvangen');
    await expect(page.getByRole('status').textContent()).resolves.toContain('De grens voor een alleenstaande ouder is € 1.961,40 per maand');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Uw vermogen is € 2.500,00.');
    reference = (await page.getByTestId('reference').textContent())!;
    code = (await page.getByTestId('access-code').textContent())!;
    expect(reference).toMatch(/^DP-/);
    expect(page.url()).not.toContain(code);
    await accessibleAsShown(page, 'application received');

    // Reload and Back are plain GETs: no browser question about sending the form again, the pages show.
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    await page.getByTestId('access-code').filter({ hasText: code }).waitFor();
    const back = await page.goBack();
    expect(back?.status() ?? 200).toBeLessThan(400);
    await page.getByRole('heading', { level: 1, name: 'Dordtpas aanvragen' }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'vangnet_dordtpas')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    await context.close();
  });

  it('shows Mijn Dordtpas after a form post of reference and code, never with the code in the address', async () => {
    const context = await noScript();
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/dordtpas/mijn-pas`);
    await page.getByLabel('Aanvraagnummer').fill(reference);
    await page.getByLabel('Code', { exact: true }).fill('FOUT-FOUT-FOUT');
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await expectFieldError(page, 'Code', 'De combinatie van aanvraagnummer en code klopt niet.');
    await expect(page.getByLabel('Aanvraagnummer').inputValue()).resolves.toBe(reference);
    await accessibleAsShown(page, 'my pass, wrong code');

    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await page.getByRole('heading', { level: 2, name: 'Uw aanvraag: In behandeling' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dordtpas/mijn-pas/overzicht');
    expect(page.url()).not.toContain(code.slice(0, 4));
    await accessibleAsShown(page, 'my pass, pending');

    // A household of the demo: the pass and the balance per child, in Dutch formats.
    await page.goto(`${env.baseUrl}/dordtpas/mijn-pas`);
    await page.getByLabel('Aanvraagnummer').fill('DP-DEMO0001');
    await page.getByLabel('Code', { exact: true }).fill('DEMO-0001-CODE');
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await page.getByRole('heading', { level: 2, name: 'Uw aanvraag: Toegekend' }).waitFor();
    const number = passNumberFrom('100000001');
    await expect(page.getByTestId('pass-number').textContent()).resolves.toBe(`${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}`);
    await page.getByRole('cell', { name: '€ 175,00' }).waitFor();
    await expect(page.getByRole('main').textContent()).resolves.toMatch(/geldig van \d{1,2} [a-z]+ \d{4} tot en met \d{1,2} [a-z]+ \d{4}/);
    await accessibleAsShown(page, 'my pass with balances');
    await page.reload();
    await page.getByRole('cell', { name: '€ 175,00' }).waitFor();

    // Closing ends it: the overview is gone, also with Back.
    await page.getByRole('button', { name: 'Afsluiten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn Dordtpas' }).waitFor();
    await page.goto(`${env.baseUrl}/dordtpas/mijn-pas/overzicht`);
    await page.getByRole('heading', { level: 1, name: 'Vul uw gegevens opnieuw in' }).waitFor();
    await expect(page.getByText('€ 175,00').count()).resolves.toBe(0);
    await context.close();
  });

  it('logs staff in with a form post: a wrong password in one sentence, then on to the staff app; login CSRF refused', async () => {
    const context = await noScript();
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/login`);
    await page.getByLabel('E-mailadres').fill(demoEmails.admin);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expectFieldError(page, 'Wachtwoord', 'Vul uw wachtwoord in.');
    await page.getByLabel('Wachtwoord').fill('fout-wachtwoord-1');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^\s*Het e-mailadres of het wachtwoord klopt niet[^.]*\.\s*$/);
    await expect(page.getByLabel('E-mailadres').inputValue()).resolves.toBe(demoEmails.admin);
    await accessibleAsShown(page, 'login with a wrong password');

    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${env.baseUrl}/medewerkers`);
    // Back goes to the login page (a GET): no question about sending the form again.
    await page.goBack();
    expect(new URL(page.url()).pathname).toMatch(/^\/(login|medewerkers)$/);
    const session = (await context.cookies()).find((c) => c.name === 'vangnet_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    // Logged in, the login page sends on to the staff app.
    await page.goto(`${env.baseUrl}/login`);
    expect(new URL(page.url()).pathname).toBe('/medewerkers');
    await context.close();

    // Login CSRF: a post from another site, or without the token of the page, logs nobody in.
    const form = new URLSearchParams({ email: demoEmails.admin, password: DEMO_PASSWORD, csrf: 'geraden' });
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const foreign = await fetch(`${env.baseUrl}/login`, {
      method: 'POST',
      body: form,
      headers: { ...headers, origin: 'https://kwaadwillend.example', cookie: 'vangnet_login_csrf=geraden' },
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie') ?? '').not.toContain('vangnet_session=');
    const tokenless = await fetch(`${env.baseUrl}/login`, { method: 'POST', body: form, headers, redirect: 'manual' });
    expect(tokenless.status).toBe(303);
    expect(tokenless.headers.get('location')).toBe('/login');
    expect(tokenless.headers.get('set-cookie') ?? '').not.toContain('vangnet_session=');
  });

  it('sends a logged-out visitor of a staff page to the login page and back to that page after logging in', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/medewerkers/auditlog`);
    await page.waitForURL(`${env.baseUrl}/login?terug=%2Fmedewerkers%2Fauditlog`);
    await page.getByLabel('E-mailadres').fill(demoEmails.admin);
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${env.baseUrl}/medewerkers/auditlog`);
    await page.getByRole('cell', { name: 'Ingelogd' }).first().waitFor();
    await context.close();
  });
});
