import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { directoryModule } from '../../src/modules/directory/module.ts';
import { refreshFromModules } from '../../src/modules/insights/commands.ts';
import { selftestModule } from '../../src/modules/selftest/module.ts';
import { demoEmails } from '../support/app.ts';
import { expectAccessible, expectAccessibleAsShown, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

/** Picks one answer per question by its label text, in the order of the questions. */
async function answer(page: Page, choices: [question: RegExp, option: string][]) {
  for (const [question, option] of choices) {
    await page.getByRole('group', { name: question }).getByLabel(option, { exact: true }).check();
  }
}

describe('Geldfit, the self-test, in a real browser', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
    const config = loadConfig({});
    await directoryModule.seedDemo!(env.db, config);
    await selftestModule.seedDemo!(env.db, config);
    // "Geldfit in cijfers" shows the dashboard's protected figures: there after the insights refresh.
    await refreshFromModules(env.db, [selftestModule], { fromMonth: '2021-01', toMonth: '2021-03' });
  });
  afterAll(() => env?.close());

  it('a resident takes the test in Dutch without JavaScript, gets urgent advice and asks to be contacted', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const axe = await env.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${env.baseUrl}/geldfit`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Geldfit: hoe staat u ervoor met geld?');
    await axe.goto(page.url());
    await expectAccessible(axe, 'selftest start (nl)');

    await page.getByRole('link', { name: 'Start de test voor inwoners' }).click();
    await axe.goto(page.url());
    await expectAccessible(axe, 'selftest questions (nl)');

    // Half answered: the page names what is missing and keeps the answers.
    await answer(page, [[/Hoe vaak heeft u aan het einde van de maand/, 'Ik kom elke maand geld tekort']]);
    await page.getByRole('button', { name: 'Bekijk mijn uitslag' }).click();
    await page.getByRole('alert').getByText('Nog niet alle vragen zijn beantwoord').waitFor();
    expect(await page.getByLabel('Ik kom elke maand geld tekort').isChecked()).toBe(true);
    // The sentence stands in the unanswered question, tied to its options, and the summary links to it.
    const unanswered = page
      .getByRole('group', { name: /Is uw inkomen het afgelopen jaar/ })
      .getByRole('radio')
      .first();
    await expectFieldError(page, unanswered, 'Kies een antwoord.');
    await expectAccessibleAsShown(env, page, 'selftest questions with errors (nl)');

    await answer(page, [
      [/Is uw inkomen het afgelopen jaar/, 'Ja, veel'],
      [/Betaalt u uw vaste lasten op tijd/, 'Vaak te laat'],
      [/achterstanden/, 'Ja, meer dan één'],
      [/aanmaning/, 'Ja, een aanmaning'],
      [/uit uw huis moet/, 'Ja, ik moet uit mijn huis (ontruiming)'],
      [/onverwachte uitgave/, 'Nee'],
      [/binnenkomt en uitgaat/, 'Ongeveer'],
      [/post en e-mails/, 'Altijd'],
      [/Leent u geld/, 'Soms'],
      [/iets groots gebeurd/, 'Ik ben gescheiden of uit elkaar gegaan'],
      [/zorgen over geld/, 'Vaak'],
      [/toeslagen of regelingen/, 'Ik weet het niet zeker'],
      [/kinderen jonger dan 18/, 'Ja'],
    ]);
    await page.getByRole('button', { name: 'Bekijk mijn uitslag' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Uw uitslag: Direct hulp nodig');
    await page.getByRole('link', { name: 'Schuldhulpverlening' }).waitFor();
    await page.getByRole('link', { name: 'Spreekuur Adviespunt scheiding' }).waitFor();
    expect(await page.getByRole('link', { name: 'Ondernemersloket' }).count()).toBe(0);

    // Without consent nothing is sent.
    await page.getByLabel('Naam').fill('Fatima Yilmaz');
    await page.getByLabel('Telefoonnummer').fill('06 12345678');
    await page.getByRole('button', { name: 'Neem contact met mij op' }).click();
    await page
      .getByRole('alert')
      .getByText(/Zet een vinkje bij toestemming/)
      .first()
      .waitFor();
    expect(await page.getByLabel('Naam').inputValue()).toBe('Fatima Yilmaz');
    await expectFieldError(page, /Ik geef toestemming/, 'Zet een vinkje bij toestemming');
    await page.getByLabel(/Ik geef toestemming/).check();
    await page.getByRole('button', { name: 'Neem contact met mij op' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Bedankt. Wij nemen contact met u op.');
    await context.close();
    await axe.close();
  });

  it('result and contact pages pass axe (rendered by a POST, so checked with script on)', async () => {
    const page = await env.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${env.baseUrl}/geldfit/inwoners`);
    const groups = page.getByRole('group');
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole('radio').last().check();
    await page.getByRole('button', { name: 'Bekijk mijn uitslag' }).click();
    await page.getByRole('heading', { level: 1, name: /Uw uitslag/ }).waitFor();
    await expectAccessible(page, 'selftest result (nl)');
    await page.getByRole('button', { name: 'Neem contact met mij op' }).click();
    await page.getByRole('alert').first().waitFor();
    await expectAccessible(page, 'selftest contact form with errors (nl)');
    await page.getByLabel('Naam').fill('Jan de Vries');
    await page.getByLabel('E-mailadres').fill('jan@example.org');
    await page.getByLabel(/Ik geef toestemming/).check();
    await page.getByRole('button', { name: 'Neem contact met mij op' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bedankt. Wij nemen contact met u op.' }).waitFor();
    await expectAccessible(page, 'selftest thanks (nl)');
    await page.close();
  });

  it('an entrepreneur takes Geldfit Zakelijk in English and is sent to the Ondernemersloket', async () => {
    const page = await env.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${env.baseUrl}/geldfit`);
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page, 'selftest start (en)');
    await page.getByRole('link', { name: 'Start the test for entrepreneurs' }).click();
    await expectAccessible(page, 'selftest questions (en)');
    await page.getByRole('button', { name: 'See my result' }).click();
    await page.getByRole('alert').getByText('Not all questions have been answered yet').waitFor();
    await expectAccessible(page, 'selftest questions with errors (en)');
    const groups = page.getByRole('group');
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole('radio').first().check();
    await answer(page, [
      [/turnover/, 'Much lower'],
      [/tax authority/, 'Yes'],
      [/How many creditors/, 'Three or more'],
      [/debt collector or bailiff/, 'Yes, from a debt collector or bailiff'],
    ]);
    await page.getByRole('button', { name: 'See my result' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Your result: Act now');
    await page.getByRole('link', { name: 'Ondernemersloket' }).waitFor();
    await expectAccessible(page, 'selftest result (en)');
    await page.getByRole('link', { name: 'Ondernemersloket' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ondernemersloket');
    await page.close();
  });

  it('shows the anonymous figures to the programme manager: the Q1 2021 figures of the council letter', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.programme_manager);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Geldfit in cijfers' }).click();
    await page.getByTestId('selftest-summary').waitFor();
    await expect(page.getByTestId('selftest-summary').textContent()).resolves.toContain('1.093 bezoeken, 244 afgeronde tests');
    await expectAccessible(page, 'selftest figures');
    // Whole months only; the sentence on protection is on the page.
    await expect(page.getByTestId('selftest-protection').textContent()).resolves.toContain('Aantallen van minder dan 10 inwoners zijn verborgen');
    // A period that ends before it begins: the sentence stands next to the first month and in the summary.
    await page.getByLabel('Vanaf maand').fill('2021-04');
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await expectFieldError(page, 'Vanaf maand', 'De beginmaand ligt na de eindmaand. Kies een eerdere beginmaand.');
    await expectAccessible(page, 'selftest figures with a reversed period');
    await context.close();
  });
});
