import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmails } from '../support/app.ts';
import { seedInsightsDemo } from '../../src/modules/insights/demo.ts';
import { refreshFromModules } from '../../src/modules/insights/commands.ts';
import { publishRelease } from '../../src/modules/insights/releases.ts';
import { systemActor } from '../../src/platform/actor.ts';
import type { ModuleDefinition } from '../../src/modules/contracts.ts';
import { expectAccessible, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

function month(offset: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

describe('Dashboard Sociaal Domein in a real browser', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
    await seedInsightsDemo(env.db, month(0));
    // A module that delivers its measures with keys as names: a child-budget amount (one child in Krispijn, many
    // elsewhere) and Geldfit visits, which count no persons.
    const m = month(-1);
    const fake: ModuleDefinition = {
      name: 'pass',
      metrics: {
        measures: [
          {
            code: 'pass.child_budget_spent_cents.sport',
            name: 'pass.child_budget_spent_cents.sport',
            unit: 'cents',
            description: 'Besteed aan sport.',
            owner: 'pass',
          },
        ],
        collect: async () => [
          {
            measure: 'pass.child_budget_spent_cents.sport',
            municipalityCode: 'GM0505',
            areaCode: 'WK050503',
            month: m,
            value: 13999,
            contributors: 1,
            largest: [13999],
          },
          ...['WK050501', 'WK050504', 'WK050505', 'WK050510'].map((areaCode, i) => ({
            measure: 'pass.child_budget_spent_cents.sport',
            municipalityCode: 'GM0505',
            areaCode,
            month: m,
            value: 250000 + i * 10000,
            contributors: 40,
            largest: [9000, 8000],
          })),
        ],
      },
    };
    const geldfit: ModuleDefinition = {
      name: 'selftest',
      metrics: {
        measures: [{ code: 'selftest.visits', name: 'selftest.visits', unit: 'count', description: 'Bezoeken aan Geldfit.', owner: 'selftest' }],
        collect: async () => [{ measure: 'selftest.visits', municipalityCode: 'GM0505', areaCode: null, month: m, value: 4 }],
      },
    };
    await refreshFromModules(env.db, [fake, geldfit], { fromMonth: m, toMonth: m });
  });
  afterAll(() => env?.close());

  it('shows charts, the table with small counts hidden, CSV export and benchmark entry to an analyst, accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.analyst);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Dashboard Sociaal Domein' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard Sociaal Domein' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Aanmaningen gemeentebelastingen' }).waitFor();
    await page.getByLabel('Cijfer', { exact: true }).selectOption({ label: 'Trajecten schuldhulpverlening SDD' });
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await page.getByRole('heading', { level: 2, name: 'Trajecten schuldhulpverlening SDD' }).waitFor();
    // Two charts (canvas with a text alternative) and a table as the accessible alternative.
    expect(await page.locator('canvas[role="img"]').count()).toBe(2);
    const table = page.getByRole('table', { name: /Trajecten schuldhulpverlening SDD per gebied en kwartaal/ });
    await table.waitFor();
    // Oud-Dubbeldam has a handful of trajectories a month: hidden, as "< 10" or (secondary suppression, which cells
    // depends on the demo's months up to today) "afgeschermd", and no small number shows.
    const small = (await table.getByRole('row', { name: /Oud-Dubbeldam/ }).textContent()) ?? '';
    expect(small).toMatch(/< 10|afgeschermd/);
    expect(small.replace(/< 10/g, '')).not.toMatch(/(?<![\d.,])[1-9](?![\d.,])/);
    await expect(table.getByRole('row', { name: /Wielwijk/ }).textContent()).resolves.toMatch(/\d{3}/);
    await expectAccessible(page, 'insights dashboard');

    // Filters: one wijk, per month.
    await page.getByLabel('Gebied', { exact: true }).selectOption({ label: 'Crabbehof' });
    await page.getByLabel('Periode per', { exact: true }).selectOption('month');
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await page.getByRole('table', { name: /per gebied en maand/ }).waitFor();
    expect(
      await page
        .getByRole('table', { name: /per gebied en maand/ })
        .getByRole('row')
        .count(),
    ).toBe(3); // header, Crabbehof, total

    // CSV export.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download de tabel als CSV-bestand' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^sdd\.debt_help_trajectories-.*\.csv$/);

    // Benchmark entry.
    await page.getByLabel('Periode per', { exact: true }).selectOption('year');
    await page.getByLabel('Gebied', { exact: true }).selectOption({ label: 'Alle wijken' });
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await page.getByRole('table', { name: /per gebied en jaar/ }).waitFor();
    const year = month(0).slice(0, 4);
    // A value that is no number, and a period that is none: a plain sentence next to each field and in the summary.
    await page.getByLabel('Periode', { exact: true }).fill(year);
    await page.getByLabel('Landelijke waarde').fill('veel');
    await page.getByLabel('Bron', { exact: true }).fill('Landelijke monitor');
    await page.getByRole('button', { name: 'Benchmark opslaan' }).click();
    await expectFieldError(page, 'Landelijke waarde', /Schrijf de landelijke waarde als een getal/);
    await expectAccessible(page, 'benchmark form with an error');
    await page.getByLabel('Periode', { exact: true }).fill(`${year}-13`);
    await page.getByLabel('Landelijke waarde').fill('1.500');
    await page.getByRole('button', { name: 'Benchmark opslaan' }).click();
    await expectFieldError(page, 'Periode', /Schrijf de periode als 2021-03, 2021-Q1 of 2021/);
    await page.getByLabel('Periode', { exact: true }).fill(year);
    await page.getByLabel('Landelijke waarde').fill('1500');
    await page.getByLabel('Bron', { exact: true }).fill('Landelijke monitor');
    await page.getByRole('button', { name: 'Benchmark opslaan' }).click();
    await page.getByRole('table', { name: 'Totaal tegenover de landelijke benchmark' }).waitFor();
    await page.getByText(`De landelijke benchmark voor ${year} is opgeslagen.`).waitFor();
    await expect(page.getByRole('table', { name: 'Totaal tegenover de landelijke benchmark' }).textContent()).resolves.toContain('Landelijke monitor');
    await expectAccessible(page, 'insights dashboard with benchmark');
    await context.close();
  });

  it('shows Dutch names and never a key, a reason next to every hidden amount, and says when a figure counts no persons', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.analyst);
    await page.goto(`${env.baseUrl}/medewerkers/dashboard`);
    await page.getByRole('heading', { level: 2, name: 'Aanmaningen gemeentebelastingen' }).waitFor();
    await page.getByLabel('Thema', { exact: true }).selectOption({ label: 'Kinderen in armoede' });
    await page.getByLabel('Cijfer', { exact: true }).selectOption({ label: 'Dordtpas: besteed kindtegoed: sport' });
    await page.getByLabel('Periode per', { exact: true }).selectOption('month');
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await page.getByRole('heading', { level: 2, name: 'Dordtpas: besteed kindtegoed: sport' }).waitFor();
    const table = page.getByRole('table', { name: /besteed kindtegoed: sport per gebied en maand/ });
    await table.waitFor();
    // Krispijn's one child: hidden, with why, and the 139,99 shows nowhere.
    const krispijn = (await table.getByRole('row', { name: /Krispijn/ }).textContent()) ?? '';
    expect(krispijn).toContain('Verborgen: dit bedrag komt van te weinig mensen.');
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toMatch(/139,99/);
    expect(body).toContain('Bedragen van minder dan 3 mensen');
    // No key anywhere on the page: not the measure's code, not a snake_case code, not a module name as owner.
    const options = await page.locator('select option').allTextContents();
    for (const text of [body, ...options]) {
      expect(text).not.toMatch(/\b(?:pass|selftest|referrals|signals)\.[a-z_.]+/);
      expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    }
    expect(body).toContain('Gemeente (Dordtpas)');
    await expectAccessible(page, 'insights amount with hidden cells');

    // Geldfit visits count no persons: 4 is shown, and the page says why it is not protected.
    await page.getByLabel('Thema', { exact: true }).selectOption({ label: 'Voorkomen en aanpakken schulden' });
    await page.getByLabel('Cijfer', { exact: true }).selectOption({ label: 'Geldfit: bezoeken' });
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await page.getByRole('heading', { level: 2, name: 'Geldfit: bezoeken' }).waitFor();
    await page.getByText('Geen personen: niet afgeschermd.', { exact: false }).waitFor();
    const visits = page.getByRole('table', { name: /per gebied en maand/ });
    expect(
      await visits
        .getByRole('row', { name: /Dordrecht/ })
        .first()
        .getByRole('cell')
        .allTextContents(),
    ).toContain('4');
    await expectAccessible(page, 'insights figure without persons');
    await context.close();
  });

  it('lets an analyst upload a dataset and shows every rejected line', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.analyst);
    await page.goto(`${env.baseUrl}/medewerkers/dashboard`);
    await page.getByRole('heading', { level: 2, name: 'Bestand met cijfers inlezen' }).waitFor();
    // No file chosen: the field says so, and so does the summary.
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await expectFieldError(page, 'CSV-bestand', /Kies het CSV-bestand dat u wilt inlezen/);
    await expectAccessible(page, 'import form with an error');
    await page.getByLabel('Dataset').selectOption({ label: 'Kwijtscheldingen gemeentebelastingen' });
    await page.getByLabel('CSV-bestand').setInputFiles({
      name: 'kwijtschelding.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('gebied;periode;waarde\nWK050504;2021-01;33\nWK050504;2021-13;5\n'),
    });
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await page.getByText('2 regels: 1 opgeslagen, 0 al bekend, 1 afgewezen.').waitFor();
    await expect(page.getByRole('table', { name: 'Afgewezen regels' }).textContent()).resolves.toContain('geen periode');
    await expectAccessible(page, 'insights import result');
    await context.close();
  });

  it('shows buurten with their names and rates per 1,000 inhabitants, and takes a population file with every rejected line', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.analyst);
    await page.goto(`${env.baseUrl}/medewerkers/dashboard`);
    await page.getByRole('heading', { level: 2, name: 'Aanmaningen gemeentebelastingen' }).waitFor();
    await page.getByLabel('Cijfer', { exact: true }).selectOption({ label: 'Trajecten schuldhulpverlening SDD' });
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await page.getByRole('heading', { level: 2, name: 'Trajecten schuldhulpverlening SDD' }).waitFor();
    // The demo has inhabitants per wijk: every shown count has its rate beside it.
    const wijken = page.getByRole('table', { name: /per gebied en kwartaal, met eronder het aantal per 1\.000 inwoners/ });
    await expect(wijken.getByRole('row', { name: /Wielwijk/ }).textContent()).resolves.toMatch(/\d+,\d per 1\.000/);
    await page.getByLabel('Niveau').selectOption({ label: 'Buurten van een gemeente' });
    await page.getByLabel('Gebied', { exact: true }).selectOption({ label: 'Buurten van Crabbehof' });
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    const buurten = page.getByRole('table', { name: /per gebied en kwartaal/ });
    await buurten.getByRole('row', { name: /Crabbehof-Noord/ }).waitFor();
    // Crabbehof-Oost is small: hidden, and so is its rate; no small number shows.
    const oost = (await buurten.getByRole('row', { name: /Crabbehof-Oost/ }).textContent()) ?? '';
    expect(oost).toMatch(/< 10|afgeschermd/);
    expect(oost).not.toMatch(/per 1\.000/);
    await expect(buurten.getByRole('row', { name: /Crabbehof-Noord/ }).textContent()).resolves.toMatch(/\d+,\d per 1\.000/);
    await expectAccessible(page, 'insights dashboard per buurt');

    await page.getByLabel('Bestand met inwonertallen (CSV)').setInputFiles({
      name: 'inwoners.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('gebied;jaar;inwoners\nWK050504;2018;9400\nWK050504;18;9400\n'),
    });
    await page.getByRole('button', { name: 'Lees de inwonertallen in' }).click();
    await page.getByText('2 regels: 1 opgeslagen, 0 al bekend, 1 afgewezen.').waitFor();
    await expect(page.getByRole('table', { name: 'Afgewezen regels' }).textContent()).resolves.toContain('geen jaar');
    await expectAccessible(page, 'population import result');
    await context.close();
  });

  it('says next to the field when no population file, or no CSV file, is chosen; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.analyst);
    await page.goto(`${env.baseUrl}/medewerkers/dashboard`);
    await page.getByRole('heading', { level: 2, name: 'Inwonertallen inlezen' }).waitFor();
    await page.getByRole('button', { name: 'Lees de inwonertallen in' }).click();
    await expectFieldError(page, 'Bestand met inwonertallen (CSV)', 'Kies het bestand met inwonertallen dat u wilt inlezen.');
    await expectAccessible(page, 'population form without a file');
    await page
      .getByLabel('Bestand met inwonertallen (CSV)')
      .setInputFiles({ name: 'inwoners.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('x') });
    await page.getByRole('button', { name: 'Lees de inwonertallen in' }).click();
    await expectFieldError(page, 'Bestand met inwonertallen (CSV)', 'Kies een CSV-bestand (de naam eindigt op .csv).');
    await context.close();
  });

  it('shows all Drechtsteden wijken in one table, and a published release named with its date; accessible', async () => {
    // The month before this one is published (frozen) for Dordrecht.
    await publishRelease(env.db, systemActor('test'), { period: month(-1), municipality: 'GM0505' }, 10);
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.analyst);
    await page.goto(`${env.baseUrl}/medewerkers/dashboard`);
    await page.getByRole('heading', { level: 2, name: 'Aanmaningen gemeentebelastingen' }).waitFor();
    await page.getByLabel('Cijfer', { exact: true }).selectOption({ label: 'Trajecten schuldhulpverlening SDD' });
    await page.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Alle gemeenten van de Drechtsteden' });
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    const table = page.getByRole('table', { name: /Trajecten schuldhulpverlening SDD per gebied en kwartaal/ });
    await table.getByRole('row', { name: /Wielwijk/ }).waitFor();
    // Oud-Dubbeldam's handful stays hidden in the region's table too.
    await expect(table.getByRole('row', { name: /Oud-Dubbeldam/ }).textContent()).resolves.toMatch(/< 10|afgeschermd/);
    await expectAccessible(page, 'insights dashboard, all Drechtsteden wijken');

    await page.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Dordrecht' });
    const option = page.getByLabel('Welke cijfers').locator('option', { hasText: `Gepubliceerd: ${month(-1)}, versie 1` });
    await option.waitFor({ state: 'attached' });
    await page.getByLabel('Welke cijfers').selectOption({ label: (await option.textContent()) ?? '' });
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    const named = page.getByTestId('insights-release');
    await named.waitFor();
    await expect(named.textContent()).resolves.toMatch(new RegExp(`gepubliceerde cijfers van ${month(-1)}, versie 1, gepubliceerd op \\d+ \\w+ \\d{4}`));
    await page
      .getByRole('table', { name: /per gebied/ })
      .getByRole('row', { name: /Dordrecht/ })
      .waitFor();
    await expectAccessible(page, 'insights dashboard showing a release');
    await context.close();
  });

  it('shows the dashboard but no import or benchmark forms to a programme manager', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.programme_manager);
    await page.goto(`${env.baseUrl}/medewerkers/dashboard`);
    await page.getByRole('heading', { level: 2, name: 'Aanmaningen gemeentebelastingen' }).waitFor();
    await expectAccessible(page, 'insights dashboard (programme manager)');
    expect(await page.getByRole('heading', { name: 'Bestand met cijfers inlezen' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Landelijke benchmark invoeren' }).count()).toBe(0);
    await context.close();
  });
  it('says a wrong period next to its field in the dashboard filters; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.analyst);
    await page.goto(`${env.baseUrl}/medewerkers/dashboard`);
    await page.getByRole('heading', { level: 2, name: 'Aanmaningen gemeentebelastingen' }).waitFor();
    await page.getByLabel('Van (jjjj-mm)').fill('vorig jaar');
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await expectFieldError(page, 'Van (jjjj-mm)', 'Schrijf de periode als 2021-03, 2021-Q1 of 2021.');
    await expectAccessible(page, 'dashboard with a wrong period');
    // A period that ends before it starts: said at the start.
    await page.getByLabel('Van (jjjj-mm)').fill('2025-06');
    await page.getByLabel('Tot en met (jjjj-mm)').fill('2025-01');
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await expectFieldError(page, 'Van (jjjj-mm)', 'Het begin ligt na het einde.');
    await page.getByLabel('Tot en met (jjjj-mm)').fill('2025-12');
    await page.getByRole('button', { name: 'Toon cijfers' }).click();
    await expect.poll(() => page.getByLabel('Van (jjjj-mm)').getAttribute('aria-invalid')).toBe(null);
    await context.close();
  });
});
