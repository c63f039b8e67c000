import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPassDemo } from '../../src/modules/pass/demo.ts';
import { passNumberFrom } from '../../src/modules/pass/domain.ts';
import { demoEmails } from '../support/app.ts';
import { expectAccessible, login, startBrowserEnv, type BrowserEnv } from './support.ts';

describe('Dordtpas in a real browser', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
    await seedPassDemo(env.db);
  }, 120_000);
  afterAll(() => env?.close());

  it('lets a resident apply, shows the reason, the reference and the code, and the status with them; accessible', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.baseUrl}/dordtpas`);
    await page.getByRole('heading', { level: 1, name: 'Dordtpas aanvragen' }).waitFor();
    await page.getByText('€ 300,00 per jaar op de basisschool').waitFor();
    await expectAccessible(page, 'pass application form');
    await page.getByLabel('Waarom vraagt u de pas aan?').selectOption('income');
    await page.getByLabel('Voorletters', { exact: true }).fill('W.');
    await page.getByLabel('Achternaam', { exact: true }).fill('Willemsen');
    await page.getByLabel('Geboortedatum', { exact: true }).fill('1990-03-04');
    await page.getByLabel('Straat').fill('Burgemeester de Raadtsingel');
    await page.getByLabel('Huisnummer').fill('10');
    await page.getByLabel('Postcode').fill('3311 JG');
    await page.getByRole('button', { name: 'Kind toevoegen' }).click();
    await page.getByLabel('Voorletters kind 1').fill('V.');
    await page.getByLabel('Geboortedatum kind 1').fill('2015-06-07');
    await page.getByLabel(/Netto-inkomen van uw huishouden/).fill('1650');
    await expectAccessible(page, 'pass application form filled in');
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uw aanvraag is ontvangen' }).waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toContain('De grens voor een alleenstaande ouder is € 1.961,40 per maand');
    const reference = (await page.getByTestId('reference').textContent())!;
    const code = (await page.getByTestId('access-code').textContent())!;
    expect(reference).toMatch(/^DP-/);
    await expectAccessible(page, 'application received');

    await page.getByRole('link', { name: 'Mijn Dordtpas' }).first().click();
    await page.getByLabel('Aanvraagnummer').fill(reference);
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await page.getByRole('heading', { level: 2, name: 'Uw aanvraag: In behandeling' }).waitFor();
    await expectAccessible(page, 'my pass, pending');

    // The overview is a page of its own (the code never in its address); a wrong code is refused on the form.
    await page.goto(`${env.baseUrl}/dordtpas/mijn-pas`);
    await page.getByLabel('Aanvraagnummer').fill(reference);
    await page.getByLabel('Code', { exact: true }).fill('FOUT-FOUT-FOUT');
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('klopt niet');
    await page.close();
  });

  it('lets the cashier check a pass, charge a child budget with a receipt, and explains a refusal; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.provider_cashier);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Kassa Dordtpas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kassa Dordtpas' }).waitFor();
    await expectAccessible(page, 'cashier');
    await page.getByLabel('Pasnummer').fill(passNumberFrom('100000001'));
    await page.getByRole('button', { name: 'Pas controleren' }).click();
    await page.getByRole('heading', { name: 'Pas is geldig' }).waitFor();
    await expect(page.getByRole('cell', { name: '€ 175,00' }).count()).resolves.toBe(1); // child 2 after the demo swimming lessons
    await expect(page.getByRole('main').textContent()).resolves.not.toContain('Jansen');
    await expectAccessible(page, 'cashier with pass');

    await page.getByLabel('Kind', { exact: true }).selectOption('3');
    await page.getByLabel('Aanbod').selectOption({ label: 'Theaterworkshop voor kinderen (€ 45,00)' });
    await expect(page.getByLabel('Bedrag in euro', { exact: true }).inputValue()).resolves.toBe('45,00');
    await page.getByRole('button', { name: 'Afrekenen' }).click();
    await page.getByRole('heading', { name: /^Betaald: bon B/ }).waitFor();
    expect((await page.getByTestId('balance-after').textContent())?.replace(/\s/g, ' ')).toBe('€ 455,00');
    await expectAccessible(page, 'cashier receipt');

    await page.getByLabel('Aanbod').selectOption({ label: 'Dagje speeltuin (€ 15,00)' });
    await page.getByRole('button', { name: 'Afrekenen' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('niet besteed worden aan uitjes');
    await expectAccessible(page, 'cashier refusal');
    await context.close();
  });

  it('shows the resident of a demo household the pass and the balance per child', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.baseUrl}/dordtpas/mijn-pas`);
    await page.getByLabel('Aanvraagnummer').fill('DP-DEMO0001');
    await page.getByLabel('Code', { exact: true }).fill('DEMO-0001-CODE');
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await page.getByRole('heading', { level: 2, name: 'Uw aanvraag: Toegekend' }).waitFor();
    const number = passNumberFrom('100000001');
    await expect(page.getByTestId('pass-number').textContent()).resolves.toBe(`${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}`);
    await page.getByRole('cell', { name: '€ 455,00' }).waitFor();
    await expectAccessible(page, 'my pass with balances');
    await page.close();
  });

  it('lets the case worker decide on applications and see the norm table; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.case_worker);
    const menu = page.getByRole('navigation', { name: 'Menu medewerkers' });
    await menu.getByRole('link', { name: 'Dordtpas aanvragen' }).click();
    await page.getByRole('cell', { name: 'K. Visser' }).waitFor();
    await expectAccessible(page, 'applications');
    await page.getByRole('button', { name: 'Toekennen: DP-DEMO0004' }).click();
    await page.getByRole('status').filter({ hasText: /Aanvraag DP-DEMO0004 toegekend\. Pasnummer \d{4} \d{4} \d{2}\./ }).waitFor();
    await page.getByRole('cell', { name: 'K. Visser' }).waitFor({ state: 'detached' });
    await menu.getByRole('link', { name: 'Dordtpas normen' }).click();
    await page.getByRole('cell', { name: 'Alleenstaande ouder' }).first().waitFor();
    await expectAccessible(page, 'norm table');
    await context.close();
  });

  it('lets the pass office add an offer for a provider and see every provider’s statement links; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.admin);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Dordtpas aanbieders' }).click();
    await page.getByRole('cell', { name: 'Boekhandel De Dordtse Pen (demo)' }).waitFor();
    await expectAccessible(page, 'providers');
    await page.getByLabel('Aanbieder', { exact: true }).selectOption({ label: 'Muziekschool Drechtsteden (demo)' });
    await page.getByLabel('Omschrijving').fill('Pianoles, 10 lessen');
    await page.getByLabel('Categorie').selectOption('music');
    await page.getByLabel('Prijs in euro (niet verplicht)').fill('160');
    await page.getByRole('button', { name: 'Aanbod toevoegen' }).click();
    await page.getByRole('cell', { name: /Pianoles, 10 lessen \(€\s160,00\)/ }).waitFor();
    await expect(page.getByRole('link', { name: 'Download als CSV' }).count()).resolves.toBe(3);
    await expectAccessible(page, 'providers after adding an offer');
    await context.close();
  });
});
