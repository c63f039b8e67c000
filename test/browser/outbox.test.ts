import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/actor.ts';
import { deliverDueMails } from '../../src/platform/mail/delivery.ts';
import { enqueueMail } from '../../src/platform/mail/outbox.ts';
import { demoEmails } from '../support/app.ts';
import { smtpEnv, startTestSmtp, type TestSmtp } from '../support/smtp.ts';
import { expectAccessible, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

/**
 * The admin's outbox page in a real browser, with mail sent to a real SMTP server: a mail the receiving server refused
 * shows as failed with the reason in plain Dutch and the address masked; "Opnieuw proberen" puts it back in line.
 */
describe('the outbox page for the admin, in a real browser', () => {
  let env: BrowserEnv;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    env = await startBrowserEnv(smtpEnv(smtp));
    smtp.refuse = (address) => (address === 'bestaat-niet@wijkteam.example' ? 550 : undefined);
    for (const to of ['verwijzingen@wijkteam.example', 'bestaat-niet@wijkteam.example']) {
      await env.db.audited(systemActor('test'), { action: 'create', objectType: 'test' }, (tx) =>
        enqueueMail(env.db, tx, {
          kind: 'referral_new',
          to,
          recipientLabel: 'Sociaal Wijkteam Dordrecht',
          subject: 'Nieuwe verwijzing in Vangnet',
          text: 'Er staat een nieuwe verwijzing voor uw organisatie klaar.\n',
          municipalityCodes: ['GM0505'],
        }),
      );
    }
    await deliverDueMails(env.db, env.config.mail!);
  });
  afterAll(async () => {
    await env?.close();
    await smtp?.close();
  });

  it('lists sent and failed mail with the reason in Dutch and the address masked, and sends a failed one again', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.admin);
    await page.goto(`${env.baseUrl}/medewerkers`);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Uitgaande e-mail' }).click();
    await page.getByRole('heading', { name: 'Uitgaande e-mail', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'Mislukt', exact: true }).waitFor();
    await page.getByText('0 wachtend, 1 verstuurd, 1 mislukt.').waitFor();
    const body = (await page.locator('tbody').textContent()) ?? '';
    expect(body).toContain('Sociaal Wijkteam Dordrecht (b•••@wijkteam.example)');
    expect(body).toContain('Sociaal Wijkteam Dordrecht (v•••@wijkteam.example)');
    expect(body).not.toContain('bestaat-niet@');
    expect(body).toContain('De mailserver van de ontvanger weigert dit bericht. Controleer het e-mailadres.');
    expect(body).not.toMatch(/550|Mailbox unavailable/);
    await expectAccessible(page, 'outbox');

    // Only the failed one can be sent again.
    const retry = page.getByRole('button', { name: /^Opnieuw proberen/ });
    await expect(retry.count()).resolves.toBe(1);
    smtp.refuse = () => undefined;
    await retry.click();
    await page.getByRole('status').getByText('Het bericht staat weer klaar.', { exact: false }).waitFor();
    await page.getByRole('cell', { name: 'Wacht op verzending', exact: true }).waitFor();
    await expectAccessible(page, 'outbox after a retry');

    await page.getByLabel('Status').selectOption({ label: 'Mislukt' });
    await page.getByText('Er is geen e-mail met de status “Mislukt”.').waitFor();

    // The mail job sends it; the page shows it sent.
    await deliverDueMails(env.db, env.config.mail!);
    expect(smtp.envelopes.at(-1)).toEqual(['bestaat-niet@wijkteam.example']);
    await page.getByLabel('Status').selectOption({ label: 'Verstuurd' });
    await page
      .getByRole('cell', { name: /^Verstuurd op / })
      .nth(1)
      .waitFor();
    await expect(page.getByRole('cell', { name: /^Verstuurd op / }).count()).resolves.toBe(2);
    await context.close();
  });

  it('is not offered to a signal officer', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.signal_officer);
    await page.goto(`${env.baseUrl}/medewerkers`);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).waitFor();
    await expect(page.getByRole('link', { name: 'Uitgaande e-mail' }).count()).resolves.toBe(0);
    await context.close();
  });
  it('says a wrong value next to its field on both password-reset pages; accessible', async () => {
    smtp.refuse = () => undefined;
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/login/wachtwoord-vergeten`);
    await page.getByLabel('E-mailadres').fill('consulent-wijkteam');
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await expectFieldError(page, 'E-mailadres', 'Vul uw e-mailadres in, bijvoorbeeld naam@organisatie.nl.');
    await expectAccessible(page, 'password reset request with a wrong address');
    await page.getByLabel('E-mailadres').fill(demoEmails.case_worker);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByRole('status').filter({ hasText: 'hebben wij een e-mail gestuurd' }).waitFor();

    await deliverDueMails(env.db, env.config.mail!);
    const mail = smtp.received.findLast((m) => m.subject === 'Nieuw wachtwoord voor Vangnet');
    const link = new URL(/https?:\/\/\S+\/login\/nieuw-wachtwoord\?code=[A-Za-z0-9_-]+/.exec(mail?.text ?? '')![0]);
    await page.goto(`${env.baseUrl}${link.pathname}${link.search}`);
    // Opened in the same browser right after asking: the form, not the answer of the page before.
    await page.getByRole('heading', { level: 1, name: 'Nieuw wachtwoord' }).waitFor();
    await expect(page.getByText('hebben wij een e-mail gestuurd').count()).resolves.toBe(0);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('kort1');
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('kort1');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expectFieldError(page, 'Nieuw wachtwoord', 'Een wachtwoord heeft minstens 12 tekens.');
    await expectAccessible(page, 'new password that is too short');
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('Nieuw-wachtwoord-2026');
    await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('Nieuw-wachtwoord-2027');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expectFieldError(page, 'Herhaal het nieuwe wachtwoord', 'De twee wachtwoorden zijn niet hetzelfde.');
    await expectAccessible(page, 'new password repeated differently');
    await context.close();
  });
});
