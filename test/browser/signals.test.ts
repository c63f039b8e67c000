import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { systemActor } from '../../src/platform/actor.ts';
import { users } from '../../src/platform/schema.ts';
import { demoEmails } from '../support/app.ts';
import { expectAccessible, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('Vroeg Eropaf in a real browser: upload, queue, case, monitor', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  afterAll(() => env?.close());

  it('lets a creditor upload a file and see each rejected row, without access to the queue', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.creditor);
    const menu = page.getByRole('navigation', { name: 'Menu medewerkers' });
    await expect(menu.getByRole('link', { name: 'Signalen aanleveren' }).count()).resolves.toBe(1);
    await expect(menu.getByRole('link', { name: 'Vroeg Eropaf' }).count()).resolves.toBe(0);
    await menu.getByRole('link', { name: 'Signalen aanleveren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signalen aanleveren' }).waitFor();
    await expectAccessible(page, 'signal upload (creditor)');

    const csv = [
      'referentie;datum;soort;bedrag;achternaam;voorletters;straat;postcode;huisnummer;woonplaats',
      `B-1;${daysAgo(10)};huur;€ 850,00;Yilmaz;A.;Wielwijkpark;3315 AB;21;Dordrecht`,
      `B-2;${daysAgo(9)};huur;€ 64,50;de Boer;J.;Krispijnseweg;3314 CD;7;Dordrecht`,
      `B-3;${daysAgo(9)};huur;€ 12;Kramer;P.;Krispijnseweg;3314 XX;;Dordrecht`,
    ].join('\n');
    await page.getByLabel('Bestand (CSV of XLSX)').setInputFiles({ name: 'achterstanden.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Aanleveren' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'regels gelezen' }).textContent()).resolves.toContain(
      '3 regels gelezen: 2 opgeslagen, 0 dubbel, 1 afgewezen',
    );
    await page.getByRole('cell', { name: 'Het huisnummer ontbreekt.' }).waitFor();
    await page.getByRole('cell', { name: 'achterstanden.csv' }).waitFor();
    await expectAccessible(page, 'signal upload result');

    await page.goto(`${env.baseUrl}/medewerkers/signalen`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.not.toContain('werkvoorraad');
    await context.close();
  });

  it('lets the team send the letters, work a case to its outcome and read the monitor', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.signal_officer);
    const menu = page.getByRole('navigation', { name: 'Menu medewerkers' });
    await menu.getByRole('link', { name: 'Vroeg Eropaf' }).click();
    await page.getByRole('link', { name: 'A. Yilmaz' }).waitFor();
    await expectAccessible(page, 'signal queue');

    await page.getByLabel('Wijk').selectOption({ label: 'Krispijn' });
    await page.getByRole('link', { name: 'J. de Boer' }).waitFor();
    await expect(page.getByRole('link', { name: 'A. Yilmaz' }).count()).resolves.toBe(0);
    await page.getByLabel('Wijk').selectOption({ label: 'Alle wijken' });

    await menu.getByRole('link', { name: 'Brieven maken' }).click();
    await page.getByLabel('Alle zaken die op een brief wachten').check();
    await page.getByRole('button', { name: 'Aantal brieven bekijken' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'U maakt' }).textContent()).resolves.toContain('U maakt 2 brieven');
    await expectAccessible(page, 'letters confirmation');
    await page.getByRole('button', { name: 'Doorgaan: 2 brieven maken' }).click();
    await page.getByRole('status').filter({ hasText: '2 van 2 brieven gemaakt' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Stapel 1 downloaden (PDF)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^brieven-\d{4}-\d{2}-\d{2}-stapel-1\.pdf$/);
    await expectAccessible(page, 'letters made');
    await menu.getByRole('link', { name: 'Vroeg Eropaf' }).click();

    await page.getByRole('link', { name: 'A. Yilmaz' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zaak A. Yilmaz' }).waitFor();
    await expectAccessible(page, 'signal case');

    // A wrong value: a contact attempt in the future. The server's plain sentence stands next to the date and in the summary.
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Datum', { exact: true }).fill(future);
    await page.getByRole('button', { name: 'Contactpoging opslaan' }).click();
    await expectFieldError(page, 'Datum', 'De datum ligt in de toekomst.');
    await expectAccessible(page, 'contact attempt with a date in the future');
    await page.getByLabel('Datum', { exact: true }).fill(daysAgo(0));

    await page.getByLabel('Soort contact').selectOption({ label: 'Huisbezoek' });
    await page.getByLabel('Inwoner bereikt?').selectOption({ label: 'Ja' });
    await page.getByLabel('Dagdeel').selectOption({ label: 'Avond (vanaf 18:00)' });
    await page.getByRole('button', { name: 'Contactpoging opslaan' }).click();
    await page.getByRole('cell', { name: 'Huisbezoek' }).waitFor();

    // Without a result the form says so next to the field before it asks anything, and the case stays open.
    await page.getByRole('button', { name: 'Uitkomst opslaan en zaak afsluiten' }).click();
    expect(await page.getByRole('dialog', { name: 'Zaak afsluiten?' }).isVisible()).toBe(false);
    await expectFieldError(page, 'Resultaat', 'Kies een resultaat.');
    await expectAccessible(page, 'outcome without a result');

    await page.getByLabel('Resultaat').selectOption({ label: 'Vervolghulp of doorverwijzing, financieel' });
    await page.getByLabel('Doorverwezen naar').selectOption({ label: 'Humanitas Thuisadministratie' });
    await page.getByRole('button', { name: 'Uitkomst opslaan en zaak afsluiten' }).click();
    const question = page.getByRole('dialog', { name: 'Zaak afsluiten?' });
    await expect(question.textContent()).resolves.toContain('De zaak wordt afgesloten');
    await question.getByRole('button', { name: 'Ja, sluit de zaak' }).click();
    await page.getByRole('status').filter({ hasText: 'De uitkomst is vastgelegd en de zaak is afgesloten.' }).waitFor();
    await page.getByText('Humanitas Thuisadministratie').waitFor();
    await expect(page.getByText('Hulp aangenomen').count()).resolves.toBe(1);
    await expectAccessible(page, 'closed signal case');

    await menu.getByRole('link', { name: 'Monitor vroegsignalering' }).click();
    // A period the monitor cannot read: the sentence stands next to the field and in the summary.
    await page.getByLabel('Periode', { exact: true }).fill('vorig jaar');
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await expectFieldError(page, 'Periode', /Schrijf de periode als 2025-Q1 \(kwartaal\), 2025-03 \(maand\) of 2025 \(jaar\)\./);
    await expectAccessible(page, 'signal monitor with a wrong period');
    await page.getByLabel('Periode', { exact: true }).fill(daysAgo(10).slice(0, 4));
    await expect.poll(() => page.getByLabel('Periode', { exact: true }).getAttribute('aria-invalid')).toBe(null);
    await page.getByRole('cell', { name: 'Huur' }).waitFor();
    await expectAccessible(page, 'signal monitor');
    await context.close();
  });

  it('says next to the field what is wrong in the letter text and the column mapping, and asks before saving a new letter text', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.signal_officer);
    const menu = page.getByRole('navigation', { name: 'Menu medewerkers' });

    await menu.getByRole('link', { name: 'Brieftekst' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brieftekst' }).waitFor();
    const subject = page.getByLabel('Onderwerp', { exact: true });
    await expect.poll(() => subject.inputValue()).not.toBe('');
    const body = page.getByLabel('Brieftekst', { exact: true });
    const original = await body.inputValue();

    // An empty subject: said before the question opens.
    const originalSubject = await subject.inputValue();
    await subject.fill('');
    await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    expect(await page.getByRole('dialog', { name: 'Brieftekst opslaan?' }).isVisible()).toBe(false);
    await expectFieldError(page, 'Onderwerp', /Vul het onderwerp in\./);
    await expectAccessible(page, 'letter text without a subject');
    await subject.fill(originalSubject);

    // A text without the required placeholders: the server's sentence stands next to the letter text.
    await body.fill('Beste inwoner, wij willen u graag helpen.');
    await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    const question = page.getByRole('dialog', { name: 'Brieftekst opslaan?' });
    await expect(question.textContent()).resolves.toContain('Alle brieven die u vanaf nu maakt, gebruiken deze tekst.');
    await question.getByRole('button', { name: 'Ja, sla de brieftekst op' }).click();
    await expectFieldError(page, 'Brieftekst', /De plaatshouder \{\w+\} ontbreekt/);
    await expectAccessible(page, 'letter text without its placeholders');

    await body.fill(original);
    await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    await question.getByRole('button', { name: 'Ja, sla de brieftekst op' }).click();
    await page.getByRole('status').filter({ hasText: 'De brieftekst is opgeslagen als versie 1.' }).waitFor();
    await expect(body.getAttribute('aria-invalid')).resolves.toBe(null);

    // The same column for two fields: the second field says which field has it already.
    await menu.getByRole('link', { name: 'Kolomkoppeling' }).click();
    await page.getByLabel('Schuldeiser', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Telefoon', { exact: true }).fill('tel');
    await page.getByLabel('E-mail', { exact: true }).fill('TEL');
    await page.getByRole('button', { name: 'Kolomkoppeling opslaan' }).click();
    await expectFieldError(page, 'E-mail', /De kolom "TEL" is al gekoppeld aan telefoon\./);
    await expectAccessible(page, 'column mapping with one column twice');
    await page.getByLabel('E-mail', { exact: true }).fill('mail');
    await page.getByRole('button', { name: 'Kolomkoppeling opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'is opgeslagen: 2 kolommen hebben een eigen naam' }).waitFor();
    await context.close();
  });
  it('says a wrong value next to its field on the upload, feedback, assignment, letters and creditor-types forms', async () => {
    const creditorContext = await env.browser.newContext();
    const creditor = await creditorContext.newPage();
    await login(creditor, env.baseUrl, demoEmails.creditor);
    // Sending without a file: said next to the file field, nothing is sent.
    await creditor.goto(`${env.baseUrl}/medewerkers/signalen/aanleveren`);
    await creditor.getByRole('heading', { level: 1, name: 'Signalen aanleveren' }).waitFor();
    await creditor.getByRole('button', { name: 'Aanleveren' }).click();
    await expectFieldError(creditor, 'Bestand (CSV of XLSX)', 'Kies een bestand (CSV of XLSX).');
    await expectAccessible(creditor, 'signal upload without a file');
    // A reference longer than any reference: the server's sentence stands next to the field.
    await creditor.goto(`${env.baseUrl}/medewerkers/signalen/terugkoppeling`);
    await creditor.getByRole('heading', { level: 1, name: 'Terugkoppeling op signalen' }).waitFor();
    await creditor.getByLabel('Uw referentie', { exact: true }).fill('B'.repeat(101));
    await expectFieldError(creditor, 'Uw referentie', 'Gebruik hoogstens 100 tekens.');
    await expectAccessible(creditor, 'feedback with a reference that is too long');
    await creditorContext.close();

    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.signal_officer);
    // A colleague who left between opening the case and saving: the sentence says whom to choose.
    const [officer] = await env.db.unaudited((q) => q.select().from(users).where(eq(users.email, demoEmails.signal_officer)));
    await env.db.audited(systemActor('test'), { action: 'create', objectType: 'user' }, (tx) =>
      tx.insert(users).values({
        organisationId: officer!.organisationId,
        email: 'vertrokken@dordrecht.example',
        displayName: 'Vera Vertrokken',
        passwordHash: officer!.passwordHash,
        roles: ['signal_officer'],
      }),
    );
    await page.goto(`${env.baseUrl}/medewerkers/signalen`);
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /^Zaak / }).waitFor();
    const worker = page.getByLabel('Medewerker', { exact: true });
    await worker.locator('option', { hasText: 'Vera Vertrokken' }).waitFor({ state: 'attached' });
    await worker.selectOption({ label: 'Vera Vertrokken' });
    await env.db.audited(systemActor('test'), { action: 'update', objectType: 'user' }, (tx) =>
      tx.update(users).set({ active: false }).where(eq(users.email, 'vertrokken@dordrecht.example')),
    );
    await page.getByRole('button', { name: 'Toewijzing opslaan' }).click();
    await expectFieldError(page, 'Medewerker', 'Kies een medewerker vroegsignalering van uw team.');
    await expectAccessible(page, 'assignment to a worker who left');

    // The new cases of one day, without the day.
    await page.goto(`${env.baseUrl}/medewerkers/signalen/brieven`);
    await page.getByLabel('De nieuwe zaken van één dag').check();
    await page.getByLabel('Dag', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Aantal brieven bekijken' }).click();
    await expectFieldError(page, 'Dag', 'Kies de dag van de nieuwe zaken.');
    await expectAccessible(page, 'letters without a day');
    await context.close();

    // A creditor that reports nothing: the admin is told next to the kinds, before anything is asked.
    const adminContext = await env.browser.newContext();
    const admin = await adminContext.newPage();
    await login(admin, env.baseUrl, demoEmails.admin);
    await admin.goto(`${env.baseUrl}/medewerkers/organisaties`);
    await admin
      .getByRole('button', { name: /^Soorten van .+ wijzigen$/ })
      .first()
      .click();
    const form = admin.getByRole('form', { name: /^Soorten signalen van / });
    for (const box of await form.getByRole('checkbox').all()) await box.uncheck();
    await form.getByRole('button', { name: 'Soorten opslaan' }).click();
    expect(await admin.getByRole('dialog').isVisible()).toBe(false);
    await expectFieldError(admin, 'Huur', 'Kies ten minste één soort signalen.');
    await expectAccessible(admin, 'creditor types without a kind');
    await adminContext.close();
  });
});
