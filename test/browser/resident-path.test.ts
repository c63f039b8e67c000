import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { directoryModule } from '../../src/modules/directory/module.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { createIntake } from '../../src/modules/referrals/index.ts';
import { ensureReferralDemoUsers } from '../../src/modules/referrals/demo.ts';
import { selftestModule } from '../../src/modules/selftest/module.ts';
import { DEMO_PASSWORD, demoEmails } from '../support/app.ts';
import { expectAccessible, expectAccessibleAsShown, login, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * Issue 4, "done when": from first worry to help in place. A resident takes the Geldfit self-test, asks to be
 * contacted (from the home page, with JavaScript switched off), the referral arrives at the Sociaal Wijkteam, which accepts it, records first contact and help in place;
 * another organisation sees nothing of it. Axe checks every page on the way.
 */
describe('the resident path: self-test → contact request → partner → help in place', () => {
  let env: BrowserEnv;
  let detailUrl = '';
  let timelineUrl = '';

  beforeAll(async () => {
    env = await startBrowserEnv();
    const config = loadConfig({ VANGNET_DEMO_PASSWORD: DEMO_PASSWORD });
    await directoryModule.seedDemo!(env.db, config);
    await selftestModule.seedDemo!(env.db, config);
    await ensureReferralDemoUsers(env.db, DEMO_PASSWORD);
    // The SDD has work of its own, so its list visibly loads before we look for what it must not show.
    await createIntake(env.db, systemActor('signals'), {
      municipalityCode: 'GM0505',
      route: 'early_signal',
      theme: 'money_debts',
      question: 'Betalingsachterstand zorgverzekering; hulp geaccepteerd.',
      contact: { name: 'Jansen' },
      consent: { given: true, text: 'Toestemming om te delen met de SDD.' },
    });
  });
  afterAll(() => env?.close());

  async function staffPage(email: string): Promise<Page> {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, email);
    return page;
  }

  it('a resident takes the self-test on a phone without JavaScript and asks to be contacted', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(env.baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Geldzorgen? U staat er niet alleen voor' }).waitFor();
    await expectAccessibleAsShown(env, page, 'home');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Geldfit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Geldfit: hoe staat u ervoor met geld?' }).waitFor();
    await expectAccessibleAsShown(env, page, 'self-test start');
    await page.getByRole('link', { name: 'Start de test voor inwoners' }).click();
    await page.getByRole('button', { name: 'Bekijk mijn uitslag' }).waitFor();
    await expectAccessibleAsShown(env, page, 'self-test questions');
    // The last answer of every question is the most worrying one.
    const groups = page.getByRole('group');
    const questions = await groups.count();
    expect(questions).toBeGreaterThanOrEqual(12);
    for (let i = 0; i < questions; i++) await groups.nth(i).getByRole('radio').last().check();
    await page.getByRole('button', { name: 'Bekijk mijn uitslag' }).click();
    await page.getByRole('heading', { level: 1, name: /^Uw uitslag: / }).waitFor();
    await expectAccessibleAsShown(env, page, 'self-test result with contact form');
    await page.getByLabel('Naam').fill('Fatima Yilmaz');
    await page.getByLabel('Telefoonnummer').fill('06 12345678');
    await page.getByLabel('Waar wilt u hulp bij? (niet verplicht)').fill('Ik krijg steeds aanmaningen en slaap er slecht van.');
    await page.getByLabel(/Ik geef toestemming/).check();
    await page.getByRole('button', { name: 'Neem contact met mij op' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bedankt. Wij nemen contact met u op.' }).waitFor();
    await expectAccessibleAsShown(env, page, 'self-test thanks');
    await context.close();
  });

  it("the request arrives on the Sociaal Wijkteam's work list, which holds the resident from the start", async () => {
    const page = await staffPage(demoEmails.case_worker);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Verwijzingen', exact: true }).click();
    const incoming = page.getByRole('table', { name: 'Verwijzingen naar uw organisatie' });
    const row = incoming.getByRole('row', { name: /Fatima Yilmaz/ });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Geldfit-test (contactverzoek)');
    expect(text).toContain('Geld en schulden');
    expect(text).toContain('Verstuurd');
    expect(text).toContain('Wij (niet loslaten)');
    await expectAccessible(page, 'work list with the self-test request');

    await row.getByRole('link', { name: 'Fatima Yilmaz' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verwijzing: Fatima Yilmaz' }).waitFor();
    detailUrl = page.url();
    await page
      .getByText(/Contactverzoek na de Geldfit-test/)
      .first()
      .waitFor();
    await page.getByText('Ik krijg steeds aanmaningen en slaap er slecht van.', { exact: false }).first().waitFor();
    await expect(page.locator('dd', { hasText: '06 12345678' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'referral detail before acceptance');

    await page.getByRole('button', { name: 'Accepteren' }).click();
    await page.getByTestId('referral-state').filter({ hasText: 'Geaccepteerd' }).waitFor();
    await page.getByLabel('Toelichting of reden').fill('Gebeld; afspraak donderdag bij het wijkteam.');
    await page.getByRole('button', { name: 'Eerste contact vastleggen' }).click();
    await page.getByTestId('referral-state').filter({ hasText: 'Eerste contact gelegd' }).waitFor();
    await expectAccessible(page, 'referral detail after first contact');
    await page.getByLabel('Toelichting of reden').fill('Aangemeld bij schuldhulpverlening; budgetcoach gestart.');
    await page.getByRole('button', { name: 'Hulp loopt' }).click();
    await page.getByTestId('referral-state').filter({ hasText: 'Hulp loopt' }).waitFor();
    await expect(page.getByRole('button', { name: 'Accepteren' }).count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Tijdlijn en toestemmingen van deze inwoner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tijdlijn: Fatima Yilmaz' }).waitFor();
    timelineUrl = page.url();
    const history = page.getByRole('list').filter({ hasText: 'Verwijzing verstuurd' });
    await history.waitFor();
    for (const step of ['Toestemming gegeven', 'Verwijzing verstuurd', 'Geaccepteerd', 'Eerste contact gelegd', 'Hulp loopt']) {
      await expect(history.getByText(step, { exact: true }).count(), step).resolves.toBeGreaterThan(0);
    }
    await expectAccessible(page, 'resident timeline');

    // Back on the work list: help is in place, nothing overdue.
    await page.goto(`${env.baseUrl}/medewerkers/verwijzingen`);
    await expect(
      page
        .getByRole('table', { name: 'Verwijzingen naar uw organisatie' })
        .getByRole('row', { name: /Fatima Yilmaz/ })
        .textContent(),
    ).resolves.toContain('Hulp loopt');
    await page.context().close();
  });

  it('another organisation sees nothing of it', async () => {
    const page = await staffPage('consulent@sdd.example');
    await page.goto(`${env.baseUrl}/medewerkers/verwijzingen`);
    await page.getByRole('heading', { level: 2, name: /Binnengekomen/ }).waitFor();
    await page.getByRole('row', { name: /Jansen/ }).waitFor();
    await expect(page.getByText('Yilmaz').count()).resolves.toBe(0);
    await page.getByRole('checkbox', { name: 'Ook afgesloten verwijzingen tonen' }).check();
    await page.getByRole('row', { name: /Jansen/ }).waitFor();
    await expect(page.getByText('Yilmaz').count()).resolves.toBe(0);
    await expectAccessible(page, 'work list of another organisation');
    for (const url of [detailUrl, timelineUrl]) {
      await page.goto(url);
      await expect(page.getByRole('alert').textContent()).resolves.toContain('niet gevonden');
      await expect(page.getByText('Yilmaz').count()).resolves.toBe(0);
    }
    await expectAccessible(page, 'referral refused to another organisation');
    await page.context().close();

    // A creditor does not even get the menu entry or the page.
    const creditor = await staffPage(demoEmails.creditor);
    await expect(creditor.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Verwijzingen', exact: true }).count()).resolves.toBe(
      0,
    );
    await creditor.goto(detailUrl);
    await creditor.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
    await expect(creditor.getByText('Yilmaz').count()).resolves.toBe(0);
    const api = await creditor.evaluate(async (id) => (await fetch(`/api/v1/referrals/${id}`)).status, detailUrl.split('/').pop()!);
    expect(api).toBe(403);
    await creditor.context().close();
  });
});
