import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { systemActor } from '../../src/platform/actor.ts';
import { createIntake } from '../../src/modules/referrals/index.ts';
import { ensureReferralDemoUsers } from '../../src/modules/referrals/demo.ts';
import { referrals } from '../../src/modules/referrals/schema.ts';
import { DEMO_PASSWORD, demoEmails } from '../support/app.ts';
import { expectAccessible, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

/** The chain approach in a real browser: a GP's sociaal recept, the neighbourhood team's work list, the timeline. */
describe('referrals (Ketenaanpak) in a real browser', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
    await ensureReferralDemoUsers(env.db, DEMO_PASSWORD);
  });
  afterAll(() => env?.close());

  async function staffPage(email: string): Promise<Page> {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, email);
    return page;
  }

  let detailUrl = '';

  it('lets a GP send a sociaal recept with a one-page form', async () => {
    const page = await staffPage('huisarts@drechtdokters.example');
    await page.goto(`${env.baseUrl}/medewerkers/verwijzingen`);
    await page.getByRole('heading', { level: 1, name: 'Verwijzingen' }).waitFor();
    await page.getByRole('link', { name: 'Sociaal recept uitschrijven' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sociaal recept' }).waitFor();
    await page.getByLabel('Verwijzen naar').locator('option', { hasText: 'Sociaal Wijkteam Dordrecht' }).waitFor({ state: 'attached' });
    await expectAccessible(page, 'sociaal recept form');
    await page.getByLabel('Voorletters').fill('T.');
    await page.getByLabel('Achternaam patiënt').fill('Smit');
    await page.getByLabel('Postcode').fill('3315 AB');
    await page.getByLabel('Telefoonnummer').fill('0611122233');
    await page.getByLabel('Onderwerp').selectOption('money_debts');
    await page.getByLabel('Reden van verwijzing').fill('Slaapt slecht door geldzorgen; rekeningen stapelen zich op.');
    await page.getByLabel('Waarvoor gaf de inwoner toestemming?').fill('Patiënt wil dat het wijkteam belt over de rekeningen.');
    // Without consent the form is refused with a Dutch reason.
    await page.getByRole('button', { name: 'Sociaal recept versturen' }).click();
    await expectFieldError(page, /^De inwoner geeft toestemming/, 'De inwoner moet toestemming geven om de vraag door te sturen.');
    await expectAccessible(page, 'sociaal recept refused');
    await page.getByLabel(/De inwoner geeft toestemming/).check();
    await page.getByRole('button', { name: 'Sociaal recept versturen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verwijzing: T. Smit' }).waitFor();
    expect(await page.getByTestId('referral-state').textContent()).toBe('Verstuurd');
    await expect(page.getByText('Uw organisatie (niet loslaten tot het eerste contact)').count()).resolves.toBe(1);
    detailUrl = page.url();
    await expectAccessible(page, 'referral detail (sender)');
    await page.context().close();
  });

  it('lets the neighbourhood team accept, record first contact and help in place', async () => {
    const page = await staffPage(demoEmails.case_worker);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Verwijzingen', exact: true }).click();
    const row = page.getByRole('row', { name: /T\. Smit/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Drechtdokters');
    await expectAccessible(page, 'work list');
    await row.getByRole('link', { name: 'T. Smit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verwijzing: T. Smit' }).waitFor();
    await expectAccessible(page, 'referral detail (receiver)');
    // Declining needs a reason: said next to the field and in the summary, before anything is asked or sent.
    await page.getByRole('button', { name: 'Afwijzen' }).click();
    await expectFieldError(page, 'Toelichting of reden', 'Geef een reden op.');
    await expectAccessible(page, 'decline without a reason');
    await page.getByRole('button', { name: 'Accepteren' }).click();
    await expect(page.getByTestId('referral-state').filter({ hasText: 'Geaccepteerd' }).waitFor()).resolves.toBeUndefined();
    await page.getByRole('status').filter({ hasText: 'De verwijzing is geaccepteerd.' }).waitFor();
    await page.getByLabel('Toelichting of reden').fill('Gebeld, huisbezoek dinsdag.');
    await page.getByRole('button', { name: 'Eerste contact vastleggen' }).click();
    await page.getByTestId('referral-state').filter({ hasText: 'Eerste contact gelegd' }).waitFor();
    await page.getByRole('button', { name: 'Hulp loopt' }).click();
    await page.getByTestId('referral-state').filter({ hasText: 'Hulp loopt' }).waitFor();
    await expect(page.getByText('Gebeld, huisbezoek dinsdag.').count()).resolves.toBe(1);
    await page.getByRole('link', { name: 'Tijdlijn en toestemmingen van deze inwoner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tijdlijn: T. Smit' }).waitFor();
    await page.getByRole('cell', { name: 'Drechtdokters (huisartsen)' }).first().waitFor();
    await expectAccessible(page, 'resident timeline');
    await page.context().close();
  });

  it('shows nothing of it to another organisation', async () => {
    const page = await staffPage('vrijwilliger@humanitas.example');
    await page.goto(`${env.baseUrl}/medewerkers/verwijzingen`);
    await page.getByRole('heading', { level: 2, name: /Binnengekomen/ }).waitFor();
    await expect(page.getByText('T. Smit').count()).resolves.toBe(0);
    await page.goto(detailUrl);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('niet gevonden');
    await expect(page.getByText('Smit').count()).resolves.toBe(0);
    await expectAccessible(page, 'referral detail refused');
    await page.context().close();
  });

  it('records a withdrawal and a narrower consent on the timeline; the GP then sees only contact details', async () => {
    const page = await staffPage(demoEmails.case_worker);
    await page.goto(detailUrl);
    await page.getByRole('link', { name: 'Tijdlijn en toestemmingen van deze inwoner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tijdlijn: T. Smit' }).waitFor();
    await page.getByRole('button', { name: 'Intrekken voor Drechtdokters (huisartsen)' }).click();
    // A note longer than the note may be: the server's sentence stands next to the note, the consent stays.
    const withdrawNote = page.getByLabel('Toelichting (bijvoorbeeld: hoe de inwoner dit liet weten)', { exact: true });
    await withdrawNote.fill('Patiënt belde. '.repeat(70));
    await page.getByRole('button', { name: 'Toestemming intrekken' }).click();
    await page.getByRole('button', { name: 'Ja, trek de toestemming in' }).click();
    await expectFieldError(page, 'Toelichting (bijvoorbeeld: hoe de inwoner dit liet weten)', 'Gebruik hoogstens 1.000 tekens.');
    await expectAccessible(page, 'withdraw consent with a note that is too long');
    await withdrawNote.fill('Patiënt wil niet dat de huisarts de voortgang ziet.');
    await expectAccessible(page, 'withdraw consent form');
    await page.getByRole('button', { name: 'Toestemming intrekken' }).click();
    await page.getByRole('dialog', { name: 'Toestemming intrekken?' }).waitFor();
    await expectAccessible(page, 'withdraw consent question');
    await page.getByRole('button', { name: 'Ja, trek de toestemming in' }).click();
    await page.getByRole('cell', { name: /Patiënt wil niet dat de huisarts de voortgang ziet/ }).waitFor();
    await page.getByRole('status').filter({ hasText: 'De toestemming voor Drechtdokters (huisartsen) is ingetrokken.' }).waitFor();
    // A new consent without an organisation: the sentence stands next to the field and in the summary.
    await page.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    await expectFieldError(page, 'Organisatie', 'Kies de organisatie die toestemming krijgt.');
    await page.getByLabel('Organisatie', { exact: true }).selectOption('DRECHTDOKTERS');
    await page.getByRole('checkbox', { name: 'De hulpvraag' }).uncheck();
    await page.getByRole('checkbox', { name: 'Hoe de hulp verloopt (tijdlijn)' }).uncheck();
    await page.getByLabel('Waarvoor gaf de inwoner toestemming?').fill('Alleen naam en telefoon, voor een terugbelverzoek.');
    await page.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    await page.getByText('“Alleen naam en telefoon, voor een terugbelverzoek.”').waitFor();
    await expectAccessible(page, 'timeline after consent changes');
    await page.context().close();

    const gp = await staffPage('huisarts@drechtdokters.example');
    await gp.goto(detailUrl);
    await gp.getByRole('heading', { level: 1, name: 'Verwijzing: T. Smit' }).waitFor();
    await gp.getByText('De inwoner deelt de vraag niet met uw organisatie.').waitFor();
    await expect(gp.getByText('Slaapt slecht door geldzorgen').count()).resolves.toBe(0);
    await gp.getByText('De inwoner deelt het verloop niet met uw organisatie.').waitFor();
    await gp.context().close();
  });

  it('records a walk-in at the desk: sent empty, each missing field says so next to it and in the summary; accessible', async () => {
    const page = await staffPage(demoEmails.case_worker);
    await page.goto(`${env.baseUrl}/medewerkers/verwijzingen/inloop`);
    await page.getByRole('heading', { level: 1, name: 'Aanmelding bij inloop' }).waitFor();
    await page.getByRole('button', { name: 'Aanmelding vastleggen' }).click();
    await expectFieldError(page, 'Achternaam', 'Vul een naam in.');
    await expectFieldError(page, 'Korte vraag', 'Beschrijf de vraag in een paar woorden.');
    await expectAccessible(page, 'walk-in intake sent empty');
    await page.context().close();
  });

  it('lets a case worker refer a resident to the social service with consent', async () => {
    const page = await staffPage(demoEmails.case_worker);
    await page.goto(`${env.baseUrl}/medewerkers/verwijzingen/nieuw`);
    await page.getByLabel('Verwijzen naar').locator('option', { hasText: 'Sociale Dienst Drechtsteden' }).waitFor({ state: 'attached' });
    await expectAccessible(page, 'new referral form');
    // Sent empty: each missing field says so next to it and in the summary.
    await page.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await expectFieldError(page, 'Achternaam', 'Vul dit veld in.');
    await expectFieldError(page, 'Verwijzen naar', 'Kies de organisatie waarnaar u verwijst.');
    await expectAccessible(page, 'new referral sent empty');
    await page.getByLabel('Achternaam', { exact: true }).fill('Koster');
    await page.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    await page.getByLabel('Relatie van gezinslid 1').selectOption('child');
    await page.getByLabel('Achternaam van gezinslid 1').fill('Koster');
    await page.getByLabel('Geboortedatum van gezinslid 1').fill('2016-02-29');
    await expectAccessible(page, 'new referral form with a household member');
    await page.getByLabel('Verwijzen naar').selectOption('SDD');
    await page.getByLabel('Onderwerp').selectOption('work_income');
    await page.getByLabel('Korte vraag').fill('Inkomen weggevallen, vraag naar uitkering.');
    await page.getByLabel('Waarvoor gaf de inwoner toestemming?').fill('Delen met de SDD voor een aanvraag levensonderhoud.');
    await page.getByLabel(/De inwoner geeft toestemming/).check();
    await page.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verwijzing: Koster' }).waitFor();
    await page.getByText('Kind: Koster, geboren 29 februari 2016').waitFor();
    await page.goto(`${env.baseUrl}/medewerkers/verwijzingen`);
    const row = page.getByRole('row', { name: /Koster/ });
    await expect(row.textContent()).resolves.toContain('Wij (niet loslaten)');
    await page.context().close();
  });

  it('lets the receiver decline with a reason, after which the sender refers the resident elsewhere', async () => {
    const sdd = await staffPage('consulent@sdd.example');
    await sdd.goto(`${env.baseUrl}/medewerkers/verwijzingen`);
    await sdd
      .getByRole('row', { name: /Koster/ })
      .getByRole('link', { name: 'Koster' })
      .click();
    await sdd.getByRole('heading', { level: 1, name: 'Verwijzing: Koster' }).waitFor();
    await sdd.getByLabel('Toelichting of reden').fill('Geen recht op een uitkering; eerst hulp bij budgetteren.');
    await sdd.getByRole('button', { name: 'Afwijzen' }).click();
    await sdd.getByRole('dialog', { name: 'Verwijzing afwijzen?' }).waitFor();
    await sdd.getByRole('button', { name: 'Ja, wijs de verwijzing af' }).click();
    await sdd.getByTestId('referral-state').filter({ hasText: 'Afgewezen' }).waitFor();
    await sdd.getByRole('status').filter({ hasText: 'De verwijzing is afgewezen.' }).waitFor();
    await sdd.context().close();

    const swt = await staffPage(demoEmails.case_worker);
    await swt.goto(`${env.baseUrl}/medewerkers/verwijzingen`);
    const row = swt.getByRole('row', { name: /Koster/ });
    await expect(row.textContent()).resolves.toContain('Afgewezen');
    await row.getByRole('link', { name: 'Koster' }).click();
    await swt.getByText('Geen recht op een uitkering; eerst hulp bij budgetteren.').first().waitFor();
    await swt.getByRole('link', { name: 'Verwijs naar een andere organisatie' }).click();
    await swt.locator('p', { hasText: 'Inwoner: Koster' }).waitFor();
    await swt.getByLabel('Verwijzen naar').locator('option', { hasText: 'Humanitas Thuisadministratie' }).waitFor({ state: 'attached' });
    await expectAccessible(swt, 'refer a known resident on');
    await swt.getByLabel('Verwijzen naar').selectOption('HUMANITAS');
    await swt.getByLabel('Korte vraag').fill('Hulp bij budgetteren.');
    await swt.getByLabel('Waarvoor gaf de inwoner toestemming?').fill('Delen met Humanitas voor hulp bij budgetteren.');
    await swt.getByLabel(/De inwoner geeft toestemming/).check();
    await swt.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await swt.getByRole('heading', { level: 1, name: 'Verwijzing: Koster' }).waitFor();
    await swt.locator('dd', { hasText: 'Humanitas Thuisadministratie' }).waitFor();
    await swt.context().close();
  });

  it('lets the programme manager set the service levels', async () => {
    const page = await staffPage(demoEmails.programme_manager);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Servicenormen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Servicenormen verwijzingen' }).waitFor();
    const field = page.getByLabel('Werkdagen tot antwoord: Wonen');
    await expect(field.inputValue()).resolves.toBe('2');
    await expectAccessible(page, 'service levels');
    await field.fill('twee');
    await page.getByRole('button', { name: 'Opslaan: Wonen' }).click();
    await expectFieldError(page, 'Werkdagen tot antwoord: Wonen', 'Vul een heel aantal werkdagen in, bijvoorbeeld 3.');
    await field.fill('1');
    await page.getByRole('button', { name: 'Opslaan: Wonen' }).click();
    await page.getByRole('status').filter({ hasText: 'De servicenorm voor Wonen is opgeslagen.' }).waitFor();
    await expect(page.getByRole('row', { name: /Wonen/ }).textContent()).resolves.toContain('Ingesteld');
    await page.context().close();
  });

  it('flags an overdue handover on the work list, and filters to the overdue ones', async () => {
    const { referralId } = await createIntake(env.db, systemActor('test'), {
      municipalityCode: 'GM0505',
      route: 'early_signal',
      targetOrganisationCode: 'SWT',
      theme: 'housing',
      question: 'Huurachterstand, hulp geaccepteerd.',
      contact: { name: 'Overdue' },
      consent: { given: true, text: 'Toestemming om te delen met het wijkteam.' },
    });
    // Sent two weeks ago: both terms have passed.
    await env.db.audited(systemActor('test'), { action: 'update', objectType: 'referral', objectId: referralId }, (tx) =>
      tx.update(referrals).set({ answerDueDate: '2020-01-02', firstContactDueDate: '2020-01-03' }).where(eq(referrals.id, referralId)),
    );
    const page = await staffPage(demoEmails.case_worker);
    await page.goto(`${env.baseUrl}/medewerkers/verwijzingen`);
    const row = page.getByRole('row', { name: /Overdue/ });
    await expect(row.textContent()).resolves.toContain('Antwoord te laat');
    await expect(row.textContent()).resolves.toContain('Eerste contact te laat');
    await page.getByRole('status').filter({ hasText: 'over de afgesproken termijn' }).waitFor();
    await page.getByLabel('Toon').selectOption('overdue');
    await expect(page.getByRole('row', { name: /Overdue/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('row', { name: /T\. Smit/ }).count()).resolves.toBe(0);
    await expectAccessible(page, 'work list filtered to overdue');
    await page.context().close();
  });
});
