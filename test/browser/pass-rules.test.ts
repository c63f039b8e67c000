import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPassDemo } from '../../src/modules/pass/demo.ts';
import { demoEmails } from '../support/app.ts';
import { expectAccessible, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

/** The pass office sets the rules of a pass year on a page; a resident's application follows them at once. */
describe('Dordtpas regels per pasjaar in a real browser', () => {
  let env: BrowserEnv;
  const year = new Date().getFullYear();
  beforeAll(async () => {
    env = await startBrowserEnv();
    await seedPassDemo(env.db);
  }, 120_000);
  afterAll(() => env?.close());

  it('explains wrong values next to their fields, asks first, saves; a closed carer route and the assets limit reach the resident', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.case_worker);
    await page.goto(`${env.baseUrl}/medewerkers/dordtpas/regels-pasjaar`);
    await page.getByRole('heading', { level: 1, name: 'Dordtpas regels per pasjaar' }).waitFor();
    await page.getByText(`Pasjaar ${year} heeft nog geen eigen regels.`).waitFor();
    await expect(page.getByLabel('Inkomensgrens in procent van de bijstandsnorm').inputValue()).resolves.toBe('140');
    await expect(page.getByLabel('Vermogensgrens alleenstaande, in euro').inputValue()).resolves.toBe('7920,00');
    await expectAccessible(page, 'eligibility rules');

    await page.getByLabel('Inkomensgrens in procent van de bijstandsnorm').fill('95');
    await page.getByLabel('Vermogensgrens alleenstaande, in euro').fill('veel');
    await page.getByRole('button', { name: 'Regels opslaan' }).click();
    await expectFieldError(page, 'Inkomensgrens in procent van de bijstandsnorm', 'Schrijf de inkomensgrens als een heel getal van 100 tot en met 200');
    await expectFieldError(page, 'Vermogensgrens alleenstaande, in euro', 'Schrijf het bedrag als 7.920 of 7920,00 (0 of meer).');
    await expect(page.getByRole('dialog').isVisible()).resolves.toBe(false);
    await expectAccessible(page, 'eligibility rules with errors');

    await page.getByLabel('Inkomensgrens in procent van de bijstandsnorm').fill('130');
    await page.getByLabel('Vermogensgrens alleenstaande, in euro').fill('5.000');
    await page.getByLabel('Mantelzorgers kunnen de pas aanvragen').uncheck();
    await page.getByRole('button', { name: 'Regels opslaan' }).click();
    const question = page.getByRole('dialog', { name: `Regels voor pasjaar ${year} opslaan?` });
    await question.waitFor();
    await expect(question.textContent()).resolves.toContain('een inkomensgrens van 130% van de bijstandsnorm, geen mantelzorgers');
    await expectAccessible(page, 'eligibility rules question');
    await question.getByRole('button', { name: 'Ja, sla de regels op' }).click();
    await page.getByText(`De regels voor pasjaar ${year} zijn opgeslagen. Ze gelden voor aanvragen die vanaf nu binnenkomen.`).waitFor();
    await expect(page.getByText(`Pasjaar ${year} heeft nog geen eigen regels.`).count()).resolves.toBe(0);
    await expect(page.getByLabel('Vermogensgrens alleenstaande, in euro').inputValue()).resolves.toBe('5000,00');
    // Another year shows what it would take over.
    await page.getByLabel('Pasjaar', { exact: true }).fill(String(year + 1));
    await page.getByText(`Pasjaar ${year + 1} heeft nog geen eigen regels.`).waitFor();
    await expect(page.getByLabel('Inkomensgrens in procent van de bijstandsnorm').inputValue()).resolves.toBe('130');

    // The resident: the carer route is closed, said next to the choice; savings of € 6.000 are above the new limit.
    const resident = await (await env.browser.newContext()).newPage();
    const apply = async (route: string, assets: string) => {
      await resident.goto(`${env.baseUrl}/dordtpas`);
      await resident.getByLabel('Waarom vraagt u de pas aan?').selectOption(route);
      await resident.getByLabel('Voorletters', { exact: true }).fill('R.');
      await resident.getByLabel('Achternaam', { exact: true }).fill('Rietveld');
      await resident.getByLabel('Geboortedatum', { exact: true }).fill('4-3-1980');
      await resident.getByLabel('Straat').fill('Voorstraat');
      await resident.getByLabel('Huisnummer').fill('12');
      await resident.getByLabel('Postcode').fill('3311 JG');
      await resident.getByLabel('Woonplaats').fill('Dordrecht');
      await resident.getByLabel(/^Netto-inkomen van u en uw partner/).fill('1200');
      await resident.getByLabel(/^Vermogen van uw huishouden/).fill(assets);
      await resident.getByRole('button', { name: 'Aanvraag versturen' }).click();
    };
    await apply('carer', '0');
    await expectFieldError(resident, 'Waarom vraagt u de pas aan?', `De regeling voor mantelzorgers is in ${year} niet open.`);
    await apply('income', '6.000');
    await resident.getByRole('heading', { level: 1, name: 'Uw aanvraag is ontvangen' }).waitFor();
    const status = (await resident.getByRole('status').textContent()) ?? '';
    expect(status).toContain('(130% van de bijstandsnorm');
    expect(status).toContain('Uw vermogen is € 6.000,00. De grens voor een alleenstaande is € 5.000,00. Uw vermogen is € 1.000,00 hoger dan de grens.');
    expect(status).toContain('U krijgt de Dordtpas daarom niet gratis.');
    await context.close();
  });
});
