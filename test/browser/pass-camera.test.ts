import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPassDemo } from '../../src/modules/pass/demo.ts';
import { passNumberFrom } from '../../src/modules/pass/domain.ts';
import { demoEmails } from '../support/app.ts';
import { writeQrVideo } from '../support/y4m.ts';
import { expectAccessible, login, startBrowserEnv, type BrowserEnv } from './support.ts';

/** The till reads the QR code of "Mijn Dordtpas" with the camera: chromium's fake camera plays a video of that code. */
describe('Dordtpas till: scanning the pass with the camera', () => {
  let env: BrowserEnv;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-camera-'));
  const video = path.join(dir, 'pass.y4m');
  const number = passNumberFrom('100000001');
  beforeAll(async () => {
    writeQrVideo(video, number);
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

  it('fills in the pass number from the QR code and checks the pass; another code is not taken; accessible with the camera open', async () => {
    const context = await env.browser.newContext({ permissions: ['camera'] });
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.provider_cashier);
    await page.goto(`${env.baseUrl}/medewerkers/dordtpas/kassa`);
    await page.getByRole('heading', { level: 1, name: 'Kassa Dordtpas' }).waitFor();

    // A QR code that is not a Dordtpas: said, and nothing is filled in.
    writeQrVideo(video, 'https://www.dordrecht.nl/');
    await page.getByRole('button', { name: 'Scan de pas met de camera' }).click();
    await page.getByLabel('Camerabeeld voor het scannen van de pas').waitFor();
    await page.getByTestId('scanner-status').filter({ hasText: 'Deze QR-code is geen Dordtpas.' }).waitFor({ timeout: 20_000 });
    await expect(page.getByLabel('Pasnummer').inputValue()).resolves.toBe('');
    await expectAccessible(page, 'cashier with the camera open');
    await page.getByRole('button', { name: 'Camera sluiten' }).click();

    // The pass's own code: the number is filled in and the pass is checked at once.
    writeQrVideo(video, number);
    await page.getByRole('button', { name: 'Scan de pas met de camera' }).click();
    await page.getByRole('heading', { name: 'Pas is geldig' }).waitFor({ timeout: 20_000 });
    await expect(page.getByLabel('Pasnummer').inputValue()).resolves.toBe(number);
    await expect(page.getByLabel('Camerabeeld voor het scannen van de pas').count()).resolves.toBe(0);
    await expect(page.getByRole('cell', { name: '€ 175,00' }).count()).resolves.toBe(1); // child 2 after the demo swimming lessons
    await expectAccessible(page, 'cashier after scanning');

    // Typing keeps working next to the camera.
    await page.getByLabel('Pasnummer').fill('1234567890');
    await page.getByRole('button', { name: 'Pas controleren' }).click();
    await page.getByText('Dit pasnummer klopt niet: controleer de tien cijfers op de pas.').first().waitFor();
    await context.close();
  });

  it('says in a plain sentence when the camera is refused, and the number can still be typed', async () => {
    const context = await env.browser.newContext();
    // The browser refuses the camera, as when the person says no to the question.
    await context.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.provider_cashier);
    await page.goto(`${env.baseUrl}/medewerkers/dordtpas/kassa`);
    await page.getByRole('button', { name: 'Scan de pas met de camera' }).click();
    await page
      .getByTestId('scanner-status')
      .filter({ hasText: 'De camera mag niet gebruikt worden. Geef de browser toestemming voor de camera, of typ het pasnummer in.' })
      .waitFor();
    await expectAccessible(page, 'cashier with the camera refused');
    await page.getByLabel('Pasnummer').fill(number);
    await page.getByRole('button', { name: 'Pas controleren' }).click();
    await page.getByRole('heading', { name: 'Pas is geldig' }).waitFor();
    await context.close();
  });
});
