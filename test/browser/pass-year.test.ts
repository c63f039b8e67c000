import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPassDemo } from '../../src/modules/pass/demo.ts';
import { pain001SumProblems } from '../../src/modules/pass/sepa/sums.ts';
import { demoEmails } from '../support/app.ts';
import { decodeQrPng } from '../support/qr.ts';
import { xmllint } from '../support/xmllint.ts';
import { writeQrVideo } from '../support/y4m.ts';
import { expectAccessible, login, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * A resident's Dordtpas year in one walk, through the pages people use: the application, the case worker's
 * approval, the QR code on "Mijn Dordtpas", the provider's camera at the till with a split payment, and the pass
 * office's payout, whose SEPA file passes xmllint against the project's schema, marked paid; then the new pass year,
 * which the resident confirms on "Mijn Dordtpas".
 */
describe('a Dordtpas year in a real browser', () => {
  let env: BrowserEnv;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-year-'));
  const video = path.join(dir, 'camera.y4m');
  beforeAll(async () => {
    writeQrVideo(video, null); // the camera sees nothing until the resident's pass exists
    env = await startBrowserEnv(
      {},
      { launchArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`] },
    );
    await seedPassDemo(env.db);
  }, 120_000);
  afterAll(async () => {
    await env?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies, is approved, shows the QR code, is scanned at the till with a split payment, is paid out to the provider, and is renewed into the next year', async () => {
    // 1. The resident applies on the public page.
    const resident = await env.browser.newContext();
    const home = await resident.newPage();
    await home.goto(`${env.baseUrl}/dordtpas`);
    await home.getByRole('heading', { level: 1, name: 'Dordtpas aanvragen' }).waitFor();
    await expectAccessible(home, 'application form');
    await home.getByLabel('Waarom vraagt u de pas aan?').selectOption('income');
    await home.getByLabel('Voorletters', { exact: true }).fill('J.');
    await home.getByLabel('Achternaam', { exact: true }).fill('Jaarsma');
    await home.getByLabel('Geboortedatum', { exact: true }).fill('1988-02-14');
    await home.getByLabel('Straat').fill('Voorstraat');
    await home.getByLabel('Huisnummer').fill('200');
    await home.getByLabel('Postcode').fill('3311 ER');
    await home.getByRole('button', { name: 'Kind toevoegen' }).click();
    await home.getByLabel('Voorletters kind 1').fill('S.');
    await home.getByLabel('Geboortedatum kind 1').fill('2016-09-01');
    await home.getByLabel(/Netto-inkomen van u en uw partner/).fill('1500');
    await home.getByLabel(/Vermogen van uw huishouden/).fill('0');
    await home.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await home.getByRole('heading', { level: 1, name: 'Uw aanvraag is ontvangen' }).waitFor();
    const reference = (await home.getByTestId('reference').textContent())!.trim();
    const code = (await home.getByTestId('access-code').textContent())!.trim();
    expect(reference).toMatch(/^DP-/);
    await expectAccessible(home, 'application received');

    // 2. The case worker approves it.
    const worker = await env.browser.newContext();
    const desk = await worker.newPage();
    await login(desk, env.baseUrl, demoEmails.case_worker);
    await desk.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Dordtpas aanvragen' }).click();
    await desk.getByRole('cell', { name: 'J. Jaarsma' }).waitFor();
    await expectAccessible(desk, 'applications to decide');
    await desk.getByRole('button', { name: `Toekennen: ${reference}` }).click();
    await desk
      .getByRole('dialog', { name: `Aanvraag ${reference} toekennen?` })
      .getByRole('button', { name: `Ja, ken ${reference} toe` })
      .click();
    const approved = desk.getByRole('status').filter({ hasText: new RegExp(`Aanvraag ${reference} toegekend\\. Pasnummer \\d{4} \\d{4} \\d{2}\\.`) });
    await approved.waitFor();
    const issued = /Pasnummer (\d{4}) (\d{4}) (\d{2})/
      .exec((await approved.textContent())!)!
      .slice(1)
      .join('');
    await expectAccessible(desk, 'application approved');
    await worker.close();

    // 3. The resident sees the pass with its QR code and the child budget on "Mijn Dordtpas".
    await home.goto(`${env.baseUrl}/dordtpas/mijn-pas`);
    await home.getByLabel('Aanvraagnummer').fill(reference);
    await home.getByLabel('Code', { exact: true }).fill(code);
    await home.getByRole('button', { name: 'Bekijken' }).click();
    await home.getByRole('heading', { level: 2, name: 'Uw aanvraag: Toegekend' }).waitFor();
    await expect(home.getByTestId('pass-number').textContent()).resolves.toBe(`${issued.slice(0, 4)} ${issued.slice(4, 8)} ${issued.slice(8)}`);
    await home.getByRole('cell', { name: '€ 300,00' }).first().waitFor(); // the year's budget, all of it left
    await expectAccessible(home, 'my pass with its QR code');
    const onPhone = decodeQrPng(await home.getByRole('img', { name: /^QR-code van pasnummer/ }).screenshot());
    expect(onPhone).toBe(issued);
    await resident.close();

    // 4. At the provider's till the camera sees the code on the phone: the pass is checked without typing.
    writeQrVideo(video, onPhone);
    const provider = await env.browser.newContext({ permissions: ['camera'] });
    const till = await provider.newPage();
    await login(till, env.baseUrl, demoEmails.provider_cashier);
    await till.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Kassa Dordtpas' }).click();
    await till.getByRole('heading', { level: 1, name: 'Kassa Dordtpas' }).waitFor();
    await till.getByRole('button', { name: 'Scan de pas met de camera' }).click();
    await till.getByLabel('Camerabeeld voor het scannen van de pas').waitFor();
    await expectAccessible(till, 'till with the camera open');
    await till.getByRole('heading', { name: 'Pas is geldig' }).waitFor({ timeout: 20_000 });
    await expect(till.getByLabel('Pasnummer').inputValue()).resolves.toBe(issued);
    await till.getByRole('cell', { name: '€ 300,00' }).waitFor();
    await expectAccessible(till, 'till with the scanned pass');

    // 5. A price above the budget: the till says what the budget pays and what is left to pay otherwise.
    await till.getByLabel('Categorie').selectOption('sport');
    await till.getByLabel('Bedrag in euro', { exact: true }).fill('340,00');
    const notice = till.getByTestId('split-notice');
    await expect(notice.textContent().then((t) => t?.replace(/\s/g, ' '))).resolves.toBe(
      'Het kindtegoed is niet genoeg voor € 340,00. Het kindtegoed betaalt € 300,00; de klant betaalt € 40,00 op een andere manier.',
    );
    await expectAccessible(till, 'till with a split payment');
    await till.getByRole('button', { name: 'Afrekenen' }).click();
    const question = till.getByRole('dialog', { name: 'Afrekenen met kindtegoed?' });
    await expect(question.textContent().then((t) => t?.replace(/\s/g, ' '))).resolves.toContain('De klant betaalt de rest, € 40,00, op een andere manier.');
    await question.getByRole('button', { name: 'Ja, reken af' }).click();
    await till.getByRole('heading', { name: /^Betaald: bon B/ }).waitFor();
    expect((await till.getByTestId('balance-after').textContent())?.replace(/\s/g, ' ')).toBe('€ 0,00');
    expect((await till.getByTestId('other-payment').textContent())?.replace(/\s/g, ' ')).toBe('€ 40,00');
    await expectAccessible(till, 'till receipt of the split payment');
    await provider.close();

    // 6. The pass office pays the providers out; the downloaded SEPA file passes xmllint against the project's schema.
    const office = await env.browser.newContext();
    const payouts = await office.newPage();
    await login(payouts, env.baseUrl, demoEmails.admin);
    await payouts.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Dordtpas uitbetalingen' }).click();
    await payouts.getByRole('heading', { level: 1, name: 'Dordtpas: uitbetalingen' }).waitFor();
    await expectAccessible(payouts, 'payouts');
    const year = new Date().getFullYear();
    await payouts.getByLabel('Van', { exact: true }).fill(`${year}-01-01`);
    await payouts.getByLabel('Tot en met', { exact: true }).fill(`${year}-12-31`);
    await payouts.getByLabel('IBAN gemeente').fill('NL91 ABNA 0417 1643 00');
    await payouts.getByRole('button', { name: 'Uitbetaling klaarzetten' }).click();
    await payouts.getByRole('dialog', { name: 'Uitbetaling klaarzetten?' }).getByRole('button', { name: 'Ja, zet klaar' }).click();
    await payouts
      .getByRole('status')
      .filter({ hasText: /^Uitbetaling klaargezet: \d+ aanbieders?, samen €/ })
      .waitFor();
    await expectAccessible(payouts, 'payout prepared');
    const link = payouts.getByRole('link', { name: /^SEPA-bestand DP-/ });
    const [download] = await Promise.all([payouts.waitForEvent('download'), link.click()]);
    const xml = fs.readFileSync((await download.path())!, 'utf8');
    expect(xmllint(xml)).toEqual({ valid: true, errors: [] });
    expect(pain001SumProblems(xml)).toEqual([]);
    expect(xml).toContain('<Nm>Sport en Cultuur Dordrecht');
    expect(xml).not.toContain('Jaarsma');

    // 7. Finance confirms the bank took the file: marked paid.
    await payouts.getByRole('button', { name: /^Betaald: DP-/ }).click();
    await payouts.getByRole('dialog', { name: 'Als betaald markeren?' }).getByRole('button', { name: 'Ja, is betaald' }).click();
    await payouts.getByRole('cell', { name: 'Betaald', exact: true }).waitFor();
    await expect(payouts.getByRole('button', { name: /^Betaald: DP-/ }).count()).resolves.toBe(0);
    await expectAccessible(payouts, 'payout paid');
    await office.close();

    // 8. A new pass year: the social service's file does not hold this household, so it is invited to confirm; the
    // resident confirms on "Mijn Dordtpas", and the pass runs through the next year with a new child budget.
    const next = year + 1;
    const desk2 = await env.browser.newContext();
    const renew = await desk2.newPage();
    await login(renew, env.baseUrl, demoEmails.case_worker);
    await renew.goto(`${env.baseUrl}/medewerkers/dordtpas/nieuw-pasjaar`);
    await renew.getByRole('heading', { level: 1, name: 'Dordtpas nieuw pasjaar' }).waitFor();
    await renew.getByLabel('Nieuw pasjaar', { exact: true }).fill(String(next));
    await renew.getByLabel('Uitkeringsbestand').setInputFiles({
      name: 'uitkeringen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('bsn;uitkering\n111222333;Participatiewet\n'),
    });
    await renew.getByText('1 uitkeringsontvanger gelezen.').waitFor();
    await renew.getByRole('button', { name: 'Nieuw pasjaar starten' }).click();
    await renew
      .getByRole('dialog', { name: `Pasjaar ${next} starten?` })
      .getByRole('button', { name: 'Ja, start het pasjaar' })
      .click();
    await renew.getByText(new RegExp(`^Pasjaar ${next}: \\d+ pas(sen)? (is|zijn) verlengd, \\d+ huishoudens? (is|zijn) uitgenodigd`)).waitFor();
    await expectAccessible(renew, 'new pass year started');
    await desk2.close();

    const again = await env.browser.newContext();
    const mine = await again.newPage();
    await mine.goto(`${env.baseUrl}/dordtpas/mijn-pas`);
    await mine.getByLabel('Aanvraagnummer').fill(reference);
    await mine.getByLabel('Code', { exact: true }).fill(code);
    await mine.getByRole('button', { name: 'Bekijken' }).click();
    await mine.getByRole('heading', { level: 2, name: `Verleng uw Dordtpas voor ${next}` }).waitFor();
    await mine.getByLabel('Mijn situatie is hetzelfde gebleven').check();
    await mine.getByRole('button', { name: 'Bevestigen en verlengen' }).click();
    await mine.getByText(`Bedankt. Uw Dordtpas is verlengd tot en met 31 december ${next}.`).waitFor();
    await expect(mine.getByTestId('pass-number').textContent()).resolves.toBe(`${issued.slice(0, 4)} ${issued.slice(4, 8)} ${issued.slice(8)}`);
    await expectAccessible(mine, 'my pass renewed into the next year');
    await again.close();
  });
});
