import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPassDemo } from '../../src/modules/pass/demo.ts';
import { demoEmails } from '../support/app.ts';
import { expectAccessible, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

/** Issue 16: a provider registers an offer, the pass office approves it, and residents find it on /dordtpas/aanbod. */
describe('Dordtpas offers: provider submits, pass office approves, the public page shows it', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
    await seedPassDemo(env.db);
  }, 120_000);
  afterAll(() => env?.close());

  const title = 'Klimmen in de klimhal';
  const publicTitles = async (page: Page, query = '') => {
    await page.goto(`${env.baseUrl}/dordtpas/aanbod${query}`);
    return page.getByRole('heading', { level: 3 }).allTextContents();
  };

  it('runs from submission to the public page, with a Dutch sentence next to each wrong field; accessible', async () => {
    const provider = await (await env.browser.newContext()).newPage();
    await login(provider, env.baseUrl, demoEmails.provider_cashier);
    await provider.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Dordtpas: ons aanbod' }).click();
    await provider.getByRole('heading', { level: 1, name: 'Dordtpas: ons aanbod' }).waitFor();
    await provider.getByRole('cell', { name: 'Theaterworkshop voor kinderen (€ 45,00)' }).waitFor();
    await expectAccessible(provider, 'provider offers');

    // Wrong values: no title, ages the wrong way round, a discount without its text.
    await provider.getByLabel('Voor wie').selectOption('children');
    await provider.getByLabel('Leeftijd van').fill('12');
    await provider.getByLabel('Leeftijd tot en met').fill('6');
    await provider.getByRole('button', { name: 'Aanmelden' }).click();
    await expectFieldError(provider, 'Titel', 'Beschrijf het aanbod in een paar woorden');
    await expectFieldError(provider, 'Leeftijd tot en met', 'De leeftijd "tot" is lager dan de leeftijd "van". Draai ze om.');
    await expectAccessible(provider, 'provider offer form with errors');
    await provider.getByLabel('Soort').selectOption('discount');
    await provider.getByRole('button', { name: 'Aanmelden' }).click();
    await expectFieldError(provider, 'Korting', 'Schrijf op welke korting er is');
    await provider.getByLabel('Soort').selectOption('offer');
    // A value only the server can judge (an end date in the past): its sentence next to the field, too.
    await provider.getByLabel('Titel').fill(title);
    await provider.getByLabel('Leeftijd van').fill('8');
    await provider.getByLabel('Leeftijd tot en met').fill('14');
    await provider.getByLabel('Prijs in euro (niet verplicht)').fill('7,50');
    await provider.getByLabel('Wijk').selectOption({ label: 'Wielwijk' });
    await provider.getByLabel('Geldig tot en met (niet verplicht)').fill('2020-01-31');
    await provider.getByRole('button', { name: 'Aanmelden' }).click();
    await expectFieldError(provider, 'Geldig tot en met (niet verplicht)', 'De einddatum ligt in het verleden.');
    await provider.getByLabel('Geldig tot en met (niet verplicht)').fill('2099-12-31');
    await provider.getByRole('button', { name: 'Aanmelden' }).click();
    await provider.getByText(`"${title}" is aangemeld.`).waitFor();
    const row = provider.getByRole('row', { name: new RegExp(title) });
    await expect(row.textContent()).resolves.toContain('Ingediend: wacht op de Dordtpas-balie');
    await expect(row.textContent()).resolves.toContain('Kinderen van 8 tot en met 14 jaar; Wielwijk');
    await expectAccessible(provider, 'provider offers after submitting');

    // Not public before the pass office approves it.
    const resident = await (await env.browser.newContext({ javaScriptEnabled: false })).newPage();
    expect(await publicTitles(resident)).not.toContain(title);

    const office = await (await env.browser.newContext()).newPage();
    await login(office, env.baseUrl, demoEmails.case_worker);
    await office.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Dordtpas aanbod beoordelen' }).click();
    await office.getByRole('heading', { level: 2, name: title }).waitFor();
    await expect(office.getByRole('main').textContent()).resolves.toContain('Sport en Cultuur Dordrecht');
    await expectAccessible(office, 'offer review');
    // Rejecting without a reason: refused next to the field, and the question does not open.
    await office.getByRole('button', { name: `${title} afwijzen` }).click();
    await expectFieldError(office, 'Reden van afwijzing', 'Geef de reden van de afwijzing in een paar woorden.');
    await expect(office.getByRole('dialog').count()).resolves.toBe(0);
    await expectAccessible(office, 'offer review with error');
    await office.getByRole('button', { name: `${title} goedkeuren` }).click();
    await office.getByRole('dialog', { name: 'Aanbod goedkeuren?' }).waitFor();
    await expectAccessible(office, 'approve question');
    await office.getByRole('button', { name: 'Ja, keur het goed' }).click();
    await office.getByText(`"${title}" is goedgekeurd en staat nu op de aanbodpagina.`).waitFor();
    await office.getByText('Er is geen aanbod dat op beoordeling wacht.').waitFor();

    // Public now, found by age and wijk; a child of 15 or another wijk does not find it.
    expect(await publicTitles(resident)).toContain(title);
    await expect(resident.getByRole('main').textContent()).resolves.toContain('Kinderen van 8 tot en met 14 jaar · Wijk: Wielwijk');
    expect(await publicTitles(resident, '?leeftijd=9&wijk=WK050504')).toContain(title);
    expect(await publicTitles(resident, '?leeftijd=15')).not.toContain(title);
    expect(await publicTitles(resident, '?wijk=WK050505')).not.toContain(title);

    await provider.reload();
    await expect(provider.getByRole('row', { name: new RegExp(title) }).textContent()).resolves.toContain('Goedgekeurd');
  });

  it('runs a campaign for a target group with an end date; wrong values are said next to the field; accessible', async () => {
    const page = await (await env.browser.newContext()).newPage();
    await login(page, env.baseUrl, demoEmails.admin);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Dordtpas bijdragen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dordtpas: eenmalige bijdrage' }).waitFor();
    await page.getByLabel('Code (uniek)').fill('zomer-wielwijk');
    await page.getByLabel('Naam').fill('Zomertegoed Wielwijk');
    await page.getByLabel('Leeftijd van (niet verplicht)').fill('12');
    await page.getByLabel('Leeftijd tot en met (niet verplicht)').fill('4');
    await page.getByRole('button', { name: 'Bijdrage uitvoeren' }).click();
    await expectFieldError(page, 'Leeftijd tot en met (niet verplicht)', 'De leeftijd "tot en met" is lager dan de leeftijd "van". Draai ze om.');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await expectAccessible(page, 'campaign form with errors');
    // An end date in the past: the server says so next to the field, and credits nobody.
    await page.getByLabel('Leeftijd van (niet verplicht)').fill('4');
    await page.getByLabel('Leeftijd tot en met (niet verplicht)').fill('12');
    await page.getByLabel('Wijk').selectOption({ label: 'Wielwijk' });
    await page.getByLabel('Te besteden tot en met (niet verplicht)').fill('2020-01-31');
    await page.getByRole('button', { name: 'Bijdrage uitvoeren' }).click();
    await page.getByRole('button', { name: 'Ja, voer de bijdrage uit' }).click();
    await expectFieldError(page, 'Te besteden tot en met (niet verplicht)', 'De einddatum ligt in het verleden.');
    await page.getByLabel('Te besteden tot en met (niet verplicht)').fill('2099-12-31');
    await page.getByRole('button', { name: 'Bijdrage uitvoeren' }).click();
    const question = page.getByRole('dialog', { name: 'Bijdrage uitvoeren?' });
    await expect(question.textContent()).resolves.toContain('Elk kind van 4 tot en met 12 jaar in Wielwijk');
    await expect(question.textContent()).resolves.toContain('te besteden tot en met 31-12-2099');
    await expectAccessible(page, 'campaign question');
    await page.getByRole('button', { name: 'Ja, voer de bijdrage uit' }).click();
    await page.getByText(/(kind kreeg|kinderen kregen) € 25,00 extra kindtegoed/).waitFor();
  });
});
