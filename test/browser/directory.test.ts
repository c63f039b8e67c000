import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { directoryModule } from '../../src/modules/directory/module.ts';
import { demoEmails } from '../support/app.ts';
import { expectAccessible, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

describe('GeldenzoDordt, the social map, in a real browser', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
    await directoryModule.seedDemo!(env.db, loadConfig({}));
  });
  afterAll(() => env?.close());

  /** axe needs script; the pages themselves are used without it, so they are checked at the same address. */
  async function checkAccessible(url: string, label: string) {
    const page = await env.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(url);
    await expectAccessible(page, label);
    await page.close();
  }

  it('searches without JavaScript: text, theme, audience and neighbourhood, then opens a detail page, accessible', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/hulp`);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Hulp zoeken in Dordrecht');
    await checkAccessible(page.url(), 'directory search');

    await page.getByLabel('Voor wie').selectOption({ label: 'Ondernemers' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('heading', { level: 3, name: 'Ondernemersloket' }).waitFor();
    expect(await page.getByRole('heading', { level: 3, name: 'Sociaal Wijkteam: inloopspreekuur' }).count()).toBe(0);

    await page.goto(`${env.baseUrl}/hulp`);
    await page.getByLabel('Waar zoekt u hulp bij?').fill('spreekuur');
    await page.getByLabel('Wijk').selectOption({ label: 'Crabbehof' });
    await page.getByLabel('Onderwerp').selectOption({ label: 'Geld en schulden' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('heading', { level: 3, name: 'Mobiel spreekuur geldzorgen' }).waitFor();
    expect(await page.getByRole('heading', { level: 3, name: 'Spreekuur Sociaal Raadslieden' }).count()).toBe(0);
    await checkAccessible(page.url(), 'directory search with filters');

    // A postcode that is none: the sentence stands next to the field and in a summary at the top that links to it.
    await page.goto(`${env.baseUrl}/hulp`);
    await page.getByLabel('Uw postcode').fill('33A');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expectFieldError(page, 'Uw postcode', 'Vul een postcode in zoals 3311 of 3311 AB.');
    await checkAccessible(page.url(), 'directory search with a wrong postcode');
    await page.locator('.vn-summary a[href="#f-postcode"]').click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('f-postcode');
    await page.goBack();

    await page.getByRole('link', { name: 'Mobiel spreekuur geldzorgen' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Mobiel spreekuur geldzorgen');
    await expect(page.getByText('woensdag 19:00–21:00, Buurthuis Crabbehof').count()).resolves.toBe(1);
    await checkAccessible(page.url(), 'directory detail');
    await context.close();
  });

  it('styles the public pages with a small cut of the NL Design System stylesheet', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.baseUrl}/hulp`);
    const href = await page.locator('link[rel="stylesheet"]').getAttribute('href');
    expect(href).toMatch(/^\/stijl\.css\?v=/);
    const css = await (await fetch(`${env.baseUrl}${href}`)).text();
    expect(css.length).toBeLessThan(100_000);
    expect(css).toContain('.utrecht-button--primary-action');
    const button = await page.getByRole('button', { name: 'Zoeken' }).evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(['rgba(0, 0, 0, 0)', 'rgb(239, 239, 239)', 'rgb(240, 240, 240)']).not.toContain(button);
    await page.close();
  });

  it('lets a case worker change a service; residents see the change', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.case_worker);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Sociale kaart' }).click();
    await page.getByRole('link', { name: 'Thuisadministratie' }).click();
    await page.getByLabel('Telefoon').waitFor();
    await expectAccessible(page, 'directory edit');
    await page.getByLabel('Telefoon').fill('078 000 39 99');
    // A wrong e-mail address is named in one plain sentence next to the field and in the summary; nothing is saved.
    await page.getByLabel('E-mail').fill('geen-adres');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expectFieldError(page, 'E-mail', /Vul een geldig e-mailadres in/);
    await expectAccessible(page, 'directory edit with a field error');
    await page.getByLabel('E-mail').fill('');
    await page.getByRole('button', { name: 'Spreekuur toevoegen' }).click();
    await page.getByLabel('Dag').selectOption({ label: 'zaterdag' });
    await page.getByLabel('Van (uu:mm)').fill('10:00');
    await page.getByLabel('Tot (uu:mm)').fill('12:00');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();
    await expectAccessible(page, 'directory edit saved');

    const resident = await env.browser.newPage();
    await resident.goto(`${env.baseUrl}/hulp?q=thuisadministratie`);
    await resident.getByRole('link', { name: 'Thuisadministratie' }).click();
    await resident.getByText('zaterdag 10:00–12:00').waitFor();
    await resident.getByRole('link', { name: '078 000 39 99' }).waitFor();

    // A new service, e.g. a new mobile consultation hour of Buurtwerk.
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Sociale kaart' }).click();
    await page.getByRole('link', { name: 'Nieuwe dienst toevoegen' }).click();
    await page.getByLabel('Organisatie').selectOption({ label: 'Buurtwerk Dordrecht' });
    await page.getByLabel('Naam van de dienst').fill('Geldcafé in de Staart');
    await page.getByLabel('Beschrijving (taalniveau B1)').fill('Elke week koffie en hulp bij brieven over geld, zonder afspraak.');
    await expectAccessible(page, 'directory new service');
    await page.getByRole('button', { name: 'Dienst toevoegen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Geldcafé in de Staart wijzigen' }).waitFor();
    // A new meeting place for a mobile hour; its wijk follows from the postcode.
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Sociale kaart' }).click();
    await page.getByLabel('Organisatie van de plek').selectOption({ label: 'Buurtwerk Dordrecht' });
    await page.getByLabel('Naam van de plek').fill('Speeltuin De Staart');
    await page.getByLabel('Straat en huisnummer').fill('Speeltuinpad 1');
    await page.getByLabel('Postcode').fill('3326 AB');
    await page.getByRole('button', { name: 'Plek toevoegen' }).click();
    await page.getByText('De plek Speeltuin De Staart is toegevoegd.').waitFor();
    await page.getByRole('row', { name: /Speeltuin De Staart.*De Staart/ }).waitFor();
    await expectAccessible(page, 'directory list with places');
    await resident.goto(`${env.baseUrl}/hulp?q=geldcafe`);
    await resident.getByRole('link', { name: 'Geldcafé in de Staart' }).waitFor();
    await resident.close();
    await context.close();
  });

  it('lets a case worker keep the search synonyms and a place position; a wrong value is explained next to its field', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.case_worker);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Sociale kaart' }).click();
    await page.getByRole('link', { name: 'Zoekwoorden beheren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zoekwoorden' }).waitFor();
    await page.getByRole('row', { name: /huurachterstand.*schuldhulp/ }).waitFor();
    await expectAccessible(page, 'directory synonyms');

    await page.getByLabel('Zoekwoord', { exact: true }).fill('geld stress');
    await page.getByLabel('Vindt ook').fill('geldzorgen, schulden');
    await page.getByRole('button', { name: 'Zoekwoord toevoegen' }).click();
    await expectFieldError(page, 'Zoekwoord', /Een zoekwoord is één woord, zonder spaties/);
    await expectAccessible(page, 'directory synonyms with a field error');
    await page.getByLabel('Zoekwoord', { exact: true }).fill('huurachterstand');
    await page.getByRole('button', { name: 'Zoekwoord toevoegen' }).click();
    await expectFieldError(page, 'Zoekwoord', /staat al in de lijst/);
    await page.getByLabel('Zoekwoord', { exact: true }).fill('geldstress');
    await page.getByRole('button', { name: 'Zoekwoord toevoegen' }).click();
    await page.getByText('Het zoekwoord geldstress is toegevoegd.').waitFor();
    await page.getByRole('row', { name: /geldstress.*geldzorgen, schulden/ }).waitFor();

    const resident = await env.browser.newPage();
    await resident.goto(`${env.baseUrl}/hulp?q=geldstress`);
    await resident.getByRole('heading', { level: 3, name: 'Schuldhulpverlening' }).waitFor();
    await resident.close();

    // A new place without its organisation: said next to the field before anything is sent.
    await page.getByRole('link', { name: 'Terug naar de sociale kaart' }).click();
    const addPlace = page.getByRole('form', { name: 'Plek toevoegen' });
    await addPlace.getByLabel('Naam van de plek').fill('Buurthuis Oost');
    await addPlace.getByRole('button', { name: 'Plek toevoegen' }).click();
    await expectFieldError(page, 'Organisatie van de plek', 'Kies de organisatie van de plek.');
    await expectAccessible(page, 'new place without an organisation');

    // A place's position: a latitude out of range is refused in plain Dutch, a right one is saved.
    await page.getByRole('link', { name: 'Wijkcentrum De Staart' }).click();
    await page.getByLabel('Breedtegraad').fill('518,1');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expectFieldError(page, 'Breedtegraad', /De breedtegraad ligt tussen -90 en 90 graden/);
    await expectAccessible(page, 'place edit with a field error');
    await page.getByLabel('Breedtegraad').fill('51,8095');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De plek is opgeslagen.').waitFor();
    await context.close();
  });

  it('opens the search from the public menu of the browser app', async () => {
    const page = await env.browser.newPage();
    await page.goto(env.baseUrl);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Hulp zoeken' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Hulp zoeken in Dordrecht');
    await page.close();
  });
});
