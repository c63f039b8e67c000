import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmails } from '../support/app.ts';
import { queueCaseAddress, queueCaseSurname, seedQueueCases } from '../support/queue-cases.ts';
import { expectAccessible, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

const CASES = 20_000;

describe('the Vroeg Eropaf queue at volume, in a real browser', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
    await seedQueueCases(env.db, CASES);
  });
  afterAll(() => env?.close());

  it('lets a case worker find a household among 20,000 by postcode and house number, and open it', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.signal_officer);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Vroeg Eropaf' }).click();
    // The whole queue, a page at a time, urgent cases first.
    const caption = page.locator('caption');
    await expect.poll(() => caption.textContent()).toBe('1–50 van 20.000 zaken');
    await expect(page.getByRole('row').nth(1).getByText('Urgent', { exact: true }).count()).resolves.toBe(1);
    await expectAccessible(page, 'signal queue with 20,000 cases');

    await page.getByRole('button', { name: 'Volgende 50' }).click();
    await expect.poll(() => caption.textContent()).toBe('51–100 van 20.000 zaken');
    await page
      .getByRole('columnheader', { name: /Achterstand/ })
      .getByRole('button')
      .click();
    await expect.poll(() => page.getByRole('columnheader', { name: /Achterstand/ }).getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => caption.textContent()).toBe('1–50 van 20.000 zaken');

    // A wrong amount in a filter: a plain sentence next to the field and in the summary, and the queue stays as it was.
    const minimum = page.getByLabel('Achterstand vanaf (€)');
    await minimum.fill('veel');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await expectFieldError(page, 'Achterstand vanaf (€)', 'Schrijf het bedrag als 1.650,50 of 1650.');
    await expectAccessible(page, 'signal queue with a wrong amount');
    await minimum.fill('');

    // The household of case 12,345, typed as a case worker would: postcode with a space, then the number.
    const n = 12_345;
    const address = queueCaseAddress(n);
    await page
      .getByRole('searchbox', { name: 'Zoeken' })
      .fill(`${address.postcode.slice(0, 4)} ${address.postcode.slice(4).toLowerCase()} ${address.houseNumber}`);
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await expect.poll(() => caption.textContent()).toBe('1 zaak');
    const surname = queueCaseSurname(n);
    const link = page.getByRole('row').nth(1).getByRole('link');
    await expect(link.textContent()).resolves.toContain(surname.split(' ').at(-1));
    await expectAccessible(page, 'signal queue, one household found');
    await link.click();
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: surname.split(' ').at(-1)! })
      .waitFor();
    await page
      .getByText(new RegExp(`${address.postcode.slice(0, 4)}\\s?${address.postcode.slice(4)}`))
      .first()
      .waitFor();
    await page.getByRole('cell', { name: 'Trivire', exact: true }).waitFor();
    await context.close();
  });
});
