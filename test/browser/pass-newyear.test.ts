import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPassDemo } from '../../src/modules/pass/demo.ts';
import { passApplications, passes } from '../../src/modules/pass/schema.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { persons } from '../../src/platform/schema.ts';
import { demoEmails } from '../support/app.ts';
import { startTestProvider, type TestProvider } from '../support/oidcProvider.ts';
import { expectAccessible, expectFieldError, freePort, login, startBrowserEnv, type BrowserEnv } from './support.ts';

/** A made-up BSN that passes the eleven test: the Bakker household (DP-DEMO0003) as DigiD gives it. */
const BSN_BAKKER = '111222333';

/** The pass office starts a new pass year from the social service's file; a resident confirms on Mijn Dordtpas. */
describe('Dordtpas nieuw pasjaar in a real browser', () => {
  let env: BrowserEnv;
  let provider: TestProvider;
  const year = new Date().getFullYear() + 1;
  beforeAll(async () => {
    // A real OpenID provider as the municipality's DigiD broker, sending the browser back to this test's server.
    const port = await freePort();
    provider = await startTestProvider(`http://127.0.0.1:${port}`);
    provider.accounts.set('bakker', { bsn: BSN_BAKKER });
    env = await startBrowserEnv(provider.digidEnv(), { port });
    await seedPassDemo(env.db);
    // The social service knows the Jansen household by its BSN; DigiD knows the Bakkers by theirs.
    await env.db.audited(systemActor('test'), { action: 'update', objectType: 'test' }, async (tx) => {
      for (const [reference, bsn] of [
        ['DP-DEMO0001', '123456782'],
        ['DP-DEMO0003', BSN_BAKKER],
      ]) {
        const [app] = await tx.select().from(passApplications).where(eq(passApplications.reference, reference!));
        await tx.update(persons).set({ bsn }).where(eq(persons.id, app!.applicantPersonId));
      }
    });
  }, 120_000);
  afterAll(async () => {
    await env?.close();
    await provider?.close();
  });

  /** Until when the pass of an application runs, as stored. */
  async function validToOf(reference: string): Promise<string | undefined> {
    const [pass] = await env.db.audited(systemActor('test'), { action: 'read', objectType: 'test' }, (tx) =>
      tx
        .select({ validTo: passes.validTo })
        .from(passes)
        .innerJoin(passApplications, eq(passApplications.id, passes.applicationId))
        .where(eq(passApplications.reference, reference)),
    );
    return pass?.validTo;
  }

  it('shows the bad row next to its line, asks first, says what happened; the resident confirms; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.case_worker);
    await page.goto(`${env.baseUrl}/medewerkers/dordtpas/nieuw-pasjaar`);
    await page.getByRole('heading', { level: 1, name: 'Dordtpas nieuw pasjaar' }).waitFor();
    await expectAccessible(page, 'new pass year');

    // Wrong values: a year of two digits, no file chosen.
    await page.getByLabel('Nieuw pasjaar', { exact: true }).fill('27');
    await page.getByRole('button', { name: 'Nieuw pasjaar starten' }).click();
    await expectFieldError(page, 'Nieuw pasjaar', 'Schrijf het pasjaar als vier cijfers');
    await expectFieldError(page, 'Uitkeringsbestand', 'Kies het bestand met uitkeringsontvangers');
    await expect(page.getByRole('dialog').isVisible()).resolves.toBe(false);
    await expectAccessible(page, 'new pass year with errors');

    await page.getByLabel('Nieuw pasjaar', { exact: true }).fill(String(year));
    await page.getByLabel('Uitkeringsbestand').setInputFiles({
      name: 'uitkeringen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('bsn;uitkering\n123456782;Participatiewet\n12345;IOAW\n'),
    });
    const rejected = page.getByRole('table').getByRole('row').filter({ hasText: 'Regel 3: het BSN "12345" klopt niet' });
    await rejected.waitFor();
    await expect(rejected.getByRole('cell').first().textContent()).resolves.toBe('3');
    await expect(page.getByText('1 uitkeringsontvanger gelezen. 1 regel kon niet worden gelezen.').isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'benefits file checked');

    await page.getByRole('button', { name: 'Nieuw pasjaar starten' }).click();
    const question = page.getByRole('dialog', { name: `Pasjaar ${year} starten?` });
    await question.waitFor();
    await expectAccessible(page, 'new pass year question');
    await question.getByRole('button', { name: 'Ja, start het pasjaar' }).click();
    await page.getByText(`Pasjaar ${year}: 1 pas is verlengd, 2 huishoudens zijn uitgenodigd om te bevestigen vóór 31 januari ${year}.`).waitFor();
    // Again: nothing changes, and the page says so.
    await page.getByRole('button', { name: 'Nieuw pasjaar starten' }).click();
    await question.getByRole('button', { name: 'Ja, start het pasjaar' }).click();
    await page.getByText(`Het pasjaar ${year} was al gestart. Er is niets veranderd.`).waitFor();
    await context.close();

    const resident = await env.browser.newPage();
    await resident.goto(`${env.baseUrl}/dordtpas/mijn-pas`);
    await resident.getByLabel('Aanvraagnummer').fill('DP-DEMO0002');
    await resident.getByLabel('Code', { exact: true }).fill('DEMO-0002-CODE');
    await resident.getByRole('button', { name: 'Bekijken' }).click();
    await resident.getByRole('heading', { level: 2, name: `Verleng uw Dordtpas voor ${year}` }).waitFor();
    await expectAccessible(resident, 'my pass with the invitation');
    await resident.getByRole('button', { name: 'Bevestigen en verlengen' }).click();
    await expectFieldError(resident, 'Mijn situatie is hetzelfde gebleven', 'Vink aan dat uw inkomen en uw gezin hetzelfde zijn gebleven');
    await expectAccessible(resident, 'my pass, confirmation not ticked');
    await resident.getByLabel('Mijn situatie is hetzelfde gebleven').check();
    await resident.getByRole('button', { name: 'Bevestigen en verlengen' }).click();
    await resident.getByText(`Bedankt. Uw Dordtpas is verlengd tot en met 31 december ${year}.`).waitFor();
    await expect(resident.getByText(`Uw Dordtpas is verlengd voor ${year}. U hoeft niets te doen.`).isVisible()).resolves.toBe(true);
    await expectAccessible(resident, 'my pass renewed');
    expect(await validToOf('DP-DEMO0002')).toBe(`${year}-12-31`);
    await resident.close();
  }, 180_000);

  it('lets an invited resident renew after logging in with DigiD, without reference or code; accessible', async () => {
    // Runs after the pass year was started above: the Bakkers are invited to confirm.
    const context = await env.browser.newContext();
    const resident = await context.newPage();
    await resident.goto(`${env.baseUrl}/dordtpas/mijn-pas`);
    await resident.getByRole('link', { name: /Inloggen met DigiD/ }).click();
    // The provider's own login and consent pages.
    await resident.locator('input[name="login"]').fill('bakker');
    await resident.locator('input[name="password"]').fill('x');
    await resident.locator('button[type="submit"]').click();
    await resident.locator('button[type="submit"]').click();
    await resident.getByRole('heading', { level: 2, name: `Verleng uw Dordtpas voor ${year}` }).waitFor();
    expect(new URL(resident.url()).pathname).toBe('/dordtpas/mijn-pas');
    // Their own application, found by the BSN from DigiD (shown masked).
    await expect(resident.getByText('U bent ingelogd met DigiD. Uw burgerservicenummer is ******333').isVisible()).resolves.toBe(true);
    await expect(resident.getByText(/Aanvraagnummer DP-DEMO0003\./).isVisible()).resolves.toBe(true);
    await expect(resident.getByLabel('Aanvraagnummer').count()).resolves.toBe(0);
    await expectAccessible(resident, 'my pass after DigiD, with the invitation');
    await resident.getByRole('button', { name: 'Bevestigen en verlengen' }).click();
    await expectFieldError(resident, 'Mijn situatie is hetzelfde gebleven', 'Vink aan dat uw inkomen en uw gezin hetzelfde zijn gebleven');
    await resident.getByLabel('Mijn situatie is hetzelfde gebleven').check();
    await resident.getByRole('button', { name: 'Bevestigen en verlengen' }).click();
    await resident.getByText(`Bedankt. Uw Dordtpas is verlengd tot en met 31 december ${year}.`).waitFor();
    await expectAccessible(resident, 'my pass renewed after DigiD');
    expect(await validToOf('DP-DEMO0003')).toBe(`${year}-12-31`);
    await context.close();
  }, 120_000);
});
