import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmails } from '../support/app.ts';
import { seedInsightsDemo } from '../../src/modules/insights/demo.ts';
import { seedProgrammeDemo } from '../../src/modules/programme/demo.ts';
import { expectAccessible, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

describe('programme page in a real browser', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
    await seedInsightsDemo(env.db, '2021-12');
    await seedProgrammeDemo(env.db);
  });
  afterAll(() => env?.close());

  it('shows the four programme lines with progress and live figures, and lets a manager edit progress, accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.programme_manager);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Programma en raadsbrief' }).click();
    await page.getByRole('heading', { level: 2, name: /Samen tegen Armoede 2018-2022: Eerste helft 2021/ }).waitFor();
    for (const title of ['Voorkomen en aanpakken schulden', 'Kinderen in armoede', 'Werkende armen', 'Armoede en gezondheid'])
      await page.getByRole('heading', { level: 3, name: new RegExp(title) }).waitFor();
    const line1 = page.getByRole('table', { name: 'Voortgang programmalijn 1' });
    const vroegEropaf = line1.getByRole('row', { name: /^Vroeg Eropaf/ });
    await expect(vroegEropaf.textContent()).resolves.toContain('sinds juli 2020 uitgebreid naar heel Dordrecht');
    await expect(line1.getByRole('row', { name: /^Dashboard Sociaal Domein/ }).textContent()).resolves.toMatch(/Trajecten schuldhulpverlening SDD: \d/);
    await expectAccessible(page, 'programme overview (manager)');

    await page.getByRole('button', { name: 'Voortgang van Rekenkameronderzoek bewerken' }).click();
    const box = page.getByLabel('Voortgang Rekenkameronderzoek, 2021-H1');
    await box.fill('Alle aanbevelingen zijn uitgevoerd.');
    await page.getByLabel(/Uitlichten in de brief/).check();
    await expectAccessible(page, 'programme progress editor');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    // Wait for the page to say it saved: the text alone is also in the editor's textarea until it closes.
    await page.getByText('De voortgang van Rekenkameronderzoek is opgeslagen.').waitFor();
    const row = page.getByRole('row', { name: /^Rekenkameronderzoek/ });
    expect(await row.getByRole('textbox').count()).toBe(0);
    await expect(row.textContent()).resolves.toContain('Alle aanbevelingen zijn uitgevoerd.');
    await expect(row.textContent()).resolves.toContain('Uitgelicht in de brief.');

    await page.getByLabel('Stand van toezegging 191015/T1').selectOption('fulfilled');
    await page
      .getByLabel('Stand van toezegging 191015/T1')
      .evaluate((el) => (el as HTMLSelectElement).value)
      .then((v) => expect(v).toBe('fulfilled'));

    // Forms say what is wrong next to the field: a too short initiative, a RIS number with letters, a too long case number.
    await page.getByLabel('Nieuw initiatief in programmalijn 1').fill('x');
    await page.getByRole('button', { name: 'Initiatief toevoegen' }).first().click();
    await expectFieldError(page, 'Nieuw initiatief in programmalijn 1', /minstens 2 tekens/);
    await page.getByLabel('Nieuw initiatief in programmalijn 1').fill('Schuldhulp op school');
    await page.getByRole('button', { name: 'Initiatief toevoegen' }).first().click();
    await page.getByText('Het initiatief “Schuldhulp op school” is toegevoegd aan programmalijn 1.').waitFor();
    await line1.getByRole('row', { name: /^Schuldhulp op school/ }).waitFor();

    await page.getByLabel('RIS-dossiernummer').fill('12ab');
    await page.getByLabel('Titel', { exact: true }).fill('Evaluatie Vroeg Eropaf');
    await page.getByLabel('Datum', { exact: true }).fill('2021-05-11');
    await page.getByRole('button', { name: 'Besluit toevoegen' }).click();
    await expectFieldError(page, 'RIS-dossiernummer', /cijfers/);
    await expectAccessible(page, 'decision form with an error');
    await page.getByLabel('RIS-dossiernummer').fill('2799001');
    await page.getByRole('button', { name: 'Besluit toevoegen' }).click();
    await page.getByText('Het besluit met RIS-dossier 2799001 is toegevoegd.').waitFor();
    // Deleting asks first, then says what happened.
    await page.getByRole('button', { name: 'Besluit 2799001 verwijderen' }).click();
    await page.getByRole('dialog', { name: 'Besluit 2799001 verwijderen?' }).waitFor();
    await page.getByRole('button', { name: 'Ja, verwijder besluit 2799001' }).click();
    await page.getByText('Het besluit met RIS-dossier 2799001 is verwijderd.').waitFor();
    expect(await page.getByRole('button', { name: 'Besluit 2799001 verwijderen' }).count()).toBe(0);

    // A commitment with a number too short: refused next to the number, nothing added.
    await page.getByLabel('Nummer (bijv. 191015/T1)').fill('T');
    await page.getByLabel('Omschrijving', { exact: true }).fill('De raad hoort hoe de Dordtpas bekend wordt gemaakt.');
    await page.getByRole('button', { name: 'Toezegging toevoegen' }).click();
    await expectFieldError(page, 'Nummer (bijv. 191015/T1)', 'Schrijf het nummer van de toezegging, bijvoorbeeld 191015/T1.');
    await page.getByLabel('Nummer (bijv. 191015/T1)').fill('');
    await page.getByLabel('Omschrijving', { exact: true }).fill('');

    await page.getByLabel('Zaaknummer').fill('Z'.repeat(201));
    await page.getByRole('button', { name: 'Teksten opslaan' }).click();
    await page.getByRole('button', { name: 'Ja, sla de teksten op' }).click();
    await expectFieldError(page, 'Zaaknummer', /200 tekens/);
    await page.getByLabel('Zaaknummer').fill('BBV 2021-0123');
    await page.getByRole('button', { name: 'Teksten opslaan' }).click();
    await page.getByRole('button', { name: 'Ja, sla de teksten op' }).click();
    await page.getByText(/De teksten zijn opgeslagen\./).waitFor();
    await expectAccessible(page, 'programme forms after saving');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download de raadsinformatiebrief (Word, te bewerken)' }).click();
    expect((await download).suggestedFilename()).toMatch(/raadsinformatiebrief-.*-2021-H1\.docx$/);
    const pdf = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download de raadsinformatiebrief (PDF)' }).click();
    expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);

    // The lifecycle: approve (asked first), then send with the zaaknummer (asked first); the state shows in Dutch.
    await page.getByText('Versie 1: Concept.').waitFor();
    await page.getByRole('button', { name: 'Brief vaststellen' }).click();
    await page.getByRole('dialog', { name: 'Raadsinformatiebrief vaststellen?' }).waitFor();
    await page.getByRole('button', { name: 'Ja, stel de brief vast' }).click();
    await page.getByText(/De brief is vastgesteld\./).waitFor();
    await page.getByText(/Versie 1: Vastgesteld\. Vastgesteld door/).waitFor();
    expect(await page.getByRole('heading', { name: 'Teksten van de raadsinformatiebrief' }).count()).toBe(0);
    await page.getByLabel('Zaaknummer').fill('');
    await page.getByRole('button', { name: 'Naar de raad sturen' }).click();
    await expectFieldError(page, 'Zaaknummer', 'Schrijf het zaaknummer van de brief.');
    await page.getByLabel('Zaaknummer').fill('InProces BBV: 2021-0031337');
    await page.getByRole('button', { name: 'Naar de raad sturen' }).click();
    await page.getByRole('dialog', { name: 'Brief naar de raad sturen?' }).waitFor();
    await page.getByRole('button', { name: 'Ja, stuur de brief naar de raad' }).click();
    await page.getByText(/De brief is verstuurd naar de raad\./).waitFor();
    await page.getByText(/Versie 1: Verstuurd naar de raad\..*zaaknummer InProces BBV: 2021-0031337/).waitFor();
    await page.getByText(/SHA-256 van de PDF: [0-9a-f]{64}/).waitFor();
    await page.getByRole('button', { name: 'Correctie maken' }).waitFor();
    await expectAccessible(page, 'programme letter sent');
    // A correction without what changed: said next to the field before anything is asked; the sent letter stays.
    await page.getByRole('button', { name: 'Correctie maken' }).click();
    await expectFieldError(page, 'Wat is er veranderd', 'Schrijf wat er veranderd is ten opzichte van de verstuurde brief.');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await expectAccessible(page, 'correction without what changed');
    await context.close();
  });

  it('shows the programme read-only to an analyst, and the 2019-H2 period of seed 000', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.analyst);
    await page.goto(`${env.baseUrl}/medewerkers/programma`);
    await page.getByRole('heading', { level: 2, name: /Eerste helft 2021/ }).waitFor();
    expect(await page.getByRole('button', { name: /bewerken/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Teksten van de raadsinformatiebrief' }).count()).toBe(0);
    await page.getByText(/Versie 1: Verstuurd naar de raad\./).waitFor();
    expect(await page.getByRole('button', { name: /Correctie maken|Brief vaststellen|Naar de raad sturen/ }).count()).toBe(0);
    await page.getByLabel('Rapportageperiode (halfjaar)').fill('2019-H2');
    await page.getByRole('button', { name: 'Toon periode' }).click();
    await page.getByRole('heading', { level: 2, name: /Tweede helft 2019/ }).waitFor();
    await expect(page.getByRole('table', { name: 'Voortgang programmalijn 2' }).textContent()).resolves.toContain('Open Limonade');
    await expectAccessible(page, 'programme overview (analyst)');
    await context.close();
  });
  it('says a wrong value next to its field on the period and the progress forms; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.programme_manager);
    await page.goto(`${env.baseUrl}/medewerkers/programma`);
    await page.getByRole('heading', { level: 2, name: /Eerste helft 2021/ }).waitFor();
    await page.getByLabel('Rapportageperiode (halfjaar)').fill('vorig jaar');
    await page.getByRole('button', { name: 'Toon periode' }).click();
    await expectFieldError(page, 'Rapportageperiode (halfjaar)', 'Schrijf het halfjaar als 2021-H1 (januari tot en met juni) of 2021-H2.');
    await expectAccessible(page, 'programme with a wrong period');

    // Progress saved empty: the server's sentence stands next to the text.
    await page.getByRole('button', { name: 'Voortgang van Rekenkameronderzoek bewerken' }).click();
    await page.getByLabel('Voortgang Rekenkameronderzoek, 2021-H1').fill('');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expectFieldError(page, 'Voortgang Rekenkameronderzoek, 2021-H1', 'Schrijf de voortgang in deze periode.');
    await expectAccessible(page, 'empty progress');
    await context.close();
  });
});
