import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPassDemo } from '../../src/modules/pass/demo.ts';
import { passNumberFrom } from '../../src/modules/pass/domain.ts';
import { demoEmails } from '../support/app.ts';
import { decodeQrPng } from '../support/qr.ts';
import { expectAccessible, expectFieldError, login, startBrowserEnv, type BrowserEnv } from './support.ts';

describe('Dordtpas in a real browser', () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
    await seedPassDemo(env.db);
  }, 120_000);
  afterAll(() => env?.close());

  it('lets a resident apply, shows the reason, the reference and the code, and the status with them; accessible', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.baseUrl}/dordtpas`);
    await page.getByRole('heading', { level: 1, name: 'Dordtpas aanvragen' }).waitFor();
    await page.getByText('€ 300,00 per jaar op de basisschool').waitFor();
    await expectAccessible(page, 'pass application form');
    await page.getByLabel('Waarom vraagt u de pas aan?').selectOption('income');
    await page.getByLabel('Voorletters', { exact: true }).fill('W.');
    await page.getByLabel('Achternaam', { exact: true }).fill('Willemsen');
    await page.getByLabel('Geboortedatum', { exact: true }).fill('1990-03-04');
    await page.getByLabel('Straat').fill('Burgemeester de Raadtsingel');
    await page.getByLabel('Huisnummer').fill('10');
    await page.getByLabel('Postcode').fill('3311 JG');
    await page.getByRole('button', { name: 'Kind toevoegen' }).click();
    await page.getByLabel('Voorletters kind 1').fill('V.');
    await page.getByLabel('Geboortedatum kind 1').fill('2015-06-07');
    await page.getByLabel(/Netto-inkomen van u en uw partner/).fill('1650');
    await page.getByLabel(/Vermogen van uw huishouden/).fill('0');
    await expectAccessible(page, 'pass application form filled in');
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uw aanvraag is ontvangen' }).waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toContain('De grens voor een alleenstaande ouder is € 1.961,40 per maand');
    const reference = (await page.getByTestId('reference').textContent())!;
    const code = (await page.getByTestId('access-code').textContent())!;
    expect(reference).toMatch(/^DP-/);
    await expectAccessible(page, 'application received');

    await page.getByRole('link', { name: 'Mijn Dordtpas' }).first().click();
    await page.getByLabel('Aanvraagnummer').fill(reference);
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await page.getByRole('heading', { level: 2, name: 'Uw aanvraag: In behandeling' }).waitFor();
    await expectAccessible(page, 'my pass, pending');

    // The overview is a page of its own (the code never in its address); a wrong code is refused on the form.
    await page.goto(`${env.baseUrl}/dordtpas/mijn-pas`);
    await page.getByLabel('Aanvraagnummer').fill(reference);
    await page.getByLabel('Code', { exact: true }).fill('FOUT-FOUT-FOUT');
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('klopt niet');
    await page.close();
  });

  it('lets the cashier check a pass, charge a child budget with a receipt, and explains a refusal; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.provider_cashier);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Kassa Dordtpas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kassa Dordtpas' }).waitFor();
    await expectAccessible(page, 'cashier');
    // A pass number with a wrong check digit: said next to the field, and nothing about a pass is shown.
    await page.getByLabel('Pasnummer').fill('1234567890');
    await page.getByRole('button', { name: 'Pas controleren' }).click();
    await expectFieldError(page, 'Pasnummer', 'Dit pasnummer klopt niet: controleer de tien cijfers op de pas.');
    await expect(page.getByRole('heading', { name: 'Pas is geldig' }).count()).resolves.toBe(0);
    await page.getByLabel('Pasnummer').fill(passNumberFrom('100000001'));
    await page.getByRole('button', { name: 'Pas controleren' }).click();
    await page.getByRole('heading', { name: 'Pas is geldig' }).waitFor();
    await expect(page.getByRole('cell', { name: '€ 175,00' }).count()).resolves.toBe(1); // child 2 after the demo swimming lessons
    await expect(page.getByRole('main').textContent()).resolves.not.toContain('Jansen');
    await expectAccessible(page, 'cashier with pass');

    await page.getByLabel('Kind', { exact: true }).selectOption('3');
    await page.getByLabel('Aanbod').selectOption({ label: 'Theaterworkshop voor kinderen (€ 45,00)' });
    await expect(page.getByLabel('Bedrag in euro', { exact: true }).inputValue()).resolves.toBe('45,00');
    await page.getByRole('button', { name: 'Afrekenen' }).click();
    // Asked first, with what will happen.
    const question = page.getByRole('dialog', { name: 'Afrekenen met kindtegoed?' });
    await expect(question.textContent()).resolves.toMatch(
      /€\s45,00 gaat af van het kindtegoed van .+ \(kind 3\) voor Theaterworkshop voor kinderen\. Daarna is er nog €\s455,00 over\./,
    );
    await expectAccessible(page, 'cashier confirmation');
    await question.getByRole('button', { name: 'Ja, reken af' }).click();
    await page.getByRole('heading', { name: /^Betaald: bon B/ }).waitFor();
    expect((await page.getByTestId('balance-after').textContent())?.replace(/\s/g, ' ')).toBe('€ 455,00');
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: 'afgeschreven' })
        .textContent()
        .then((t) => t?.replace(/\s/g, ' ')),
    ).resolves.toMatch(/^€ 45,00 afgeschreven van het kindtegoed van .+ \(kind 3\) voor Theaterworkshop voor kinderen; nog € 455,00 over\.$/);
    await expectAccessible(page, 'cashier receipt');

    // A wrong amount: said next to the field and in the summary; nothing asked, nothing sent.
    await page.getByLabel('Aanbod').selectOption('');
    await page.getByLabel('Categorie').selectOption('sport');
    await page.getByLabel('Bedrag in euro', { exact: true }).fill('12,5x');
    await page.getByRole('button', { name: 'Afrekenen' }).click();
    await expectFieldError(page, 'Bedrag in euro', 'Schrijf het bedrag als 12,50.');
    await expect(page.getByRole('dialog').isVisible()).resolves.toBe(false);
    await expectAccessible(page, 'cashier with a wrong amount');

    // Too much for the till: the server's sentence, next to the field, never a field path.
    await page.getByLabel('Bedrag in euro', { exact: true }).fill('1.650,50');
    await page.getByRole('button', { name: 'Afrekenen' }).click();
    await page.getByRole('dialog', { name: 'Afrekenen met kindtegoed?' }).getByRole('button', { name: 'Ja, reken af' }).click();
    await expectFieldError(page, 'Bedrag in euro', 'Het bedrag kan hoogstens € 1.000,00 zijn.');

    // 12,50 is read as € 12,50.
    await page.getByLabel('Bedrag in euro', { exact: true }).fill('12,50');
    await page.getByRole('button', { name: 'Afrekenen' }).click();
    await page.getByRole('dialog', { name: 'Afrekenen met kindtegoed?' }).getByRole('button', { name: 'Ja, reken af' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /€\s12,50 afgeschreven .* voor Sport; nog €\s442,50 over\./ })
      .waitFor();

    await page.getByLabel('Aanbod').selectOption({ label: 'Dagje speeltuin (€ 15,00)' });
    await page.getByRole('button', { name: 'Afrekenen' }).click();
    await page.getByRole('dialog', { name: 'Afrekenen met kindtegoed?' }).getByRole('button', { name: 'Ja, reken af' }).click();
    await expect(page.locator('.vn-error-summary').textContent()).resolves.toContain('niet besteed worden aan uitjes');
    await expectAccessible(page, 'cashier refusal');

    // Split payment: € 200,00 on child 2's € 175,00. The till says what the budget pays and what is left to pay.
    await page.getByLabel('Kind', { exact: true }).selectOption('2');
    await page.getByLabel('Aanbod').selectOption('');
    await page.getByLabel('Categorie').selectOption('sport');
    await page.getByLabel('Bedrag in euro', { exact: true }).fill('200,00');
    await expect(
      page
        .getByTestId('split-notice')
        .textContent()
        .then((t) => t?.replace(/\s/g, ' ')),
    ).resolves.toBe('Het kindtegoed is niet genoeg voor € 200,00. Het kindtegoed betaalt € 175,00; de klant betaalt € 25,00 op een andere manier.');
    await page.getByRole('button', { name: 'Afrekenen' }).click();
    const splitQuestion = page.getByRole('dialog', { name: 'Afrekenen met kindtegoed?' });
    await expect(splitQuestion.textContent().then((t) => t?.replace(/\s/g, ' '))).resolves.toContain(
      'De klant betaalt de rest, € 25,00, op een andere manier.',
    );
    await splitQuestion.getByRole('button', { name: 'Ja, reken af' }).click();
    await page.getByRole('status').filter({ hasText: 'Nog te betalen op een andere manier' }).waitFor();
    expect((await page.getByTestId('other-payment').textContent())?.replace(/\s/g, ' ')).toBe('€ 25,00');
    expect((await page.getByTestId('balance-after').textContent())?.replace(/\s/g, ' ')).toBe('€ 0,00');
    await expectAccessible(page, 'cashier split payment');

    // A refund with a wrong amount.
    await page.getByLabel('Bonnummer').fill('B000000000000');
    await page.getByLabel('Bedrag in euro (leeg: alles)').fill('tien');
    await page.getByRole('button', { name: 'Terugboeken' }).click();
    await expectFieldError(page, 'Bedrag in euro (leeg: alles)', 'Schrijf het bedrag als 12,50, of laat het leeg om alles terug te boeken.');
    await expectAccessible(page, 'refund with a wrong amount');
    await context.close();
  });

  it('shows the resident of a demo household the pass and the balance per child', async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.baseUrl}/dordtpas/mijn-pas`);
    await page.getByLabel('Aanvraagnummer').fill('DP-DEMO0001');
    await page.getByLabel('Code', { exact: true }).fill('DEMO-0001-CODE');
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await page.getByRole('heading', { level: 2, name: 'Uw aanvraag: Toegekend' }).waitFor();
    const number = passNumberFrom('100000001');
    await expect(page.getByTestId('pass-number').textContent()).resolves.toBe(`${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}`);
    await page.getByRole('cell', { name: '€ 442,50' }).waitFor(); // after the till's € 45,00 and € 12,50 above
    await expectAccessible(page, 'my pass with balances');
    // The QR code, as the phone shows it: decoded from a screenshot, it holds the pass number and nothing else.
    const qr = page.getByRole('img', { name: `QR-code van pasnummer ${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}` });
    expect(decodeQrPng(await qr.screenshot())).toBe(number);
    // Printed: the pass, its QR code and the balances; not the menu, the footer or the buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(qr.isVisible()).resolves.toBe(true);
    await expect(page.getByRole('cell', { name: '€ 442,50' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('header').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Afsluiten' }).isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  it('lets the case worker decide on applications and see the norm table; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.case_worker);
    const menu = page.getByRole('navigation', { name: 'Menu medewerkers' });
    await menu.getByRole('link', { name: 'Dordtpas aanvragen' }).click();
    await page.getByRole('cell', { name: 'K. Visser' }).waitFor();
    // The proofs of this pass year, as the office set them (the defaults here), above the work list.
    const proofs = page.getByRole('region', { name: `Bewijsstukken die u vraagt in pasjaar ${new Date().getFullYear()}` });
    await expect(proofs.getByRole('listitem').first().textContent()).resolves.toBe('Een loonstrook of uitkeringsspecificatie van de laatste maand');
    await expectAccessible(page, 'applications');
    // Refusing without a reason: the reason field says what is missing.
    await page.getByRole('button', { name: 'Afwijzen: DP-DEMO0004' }).click();
    await page.getByRole('dialog', { name: 'Aanvraag DP-DEMO0004 afwijzen?' }).getByRole('button', { name: 'Ja, wijs DP-DEMO0004 af' }).click();
    await expectFieldError(page, 'Toelichting bij DP-DEMO0004', 'Geef de reden van de afwijzing. De aanvrager krijgt die te zien.');
    await expectAccessible(page, 'refusal without a reason');

    await page.getByRole('button', { name: 'Toekennen: DP-DEMO0004' }).click();
    const question = page.getByRole('dialog', { name: 'Aanvraag DP-DEMO0004 toekennen?' });
    await expect(question.textContent()).resolves.toContain('K. Visser krijgt een Dordtpas voor dit jaar');
    await expectAccessible(page, 'approval question');
    await question.getByRole('button', { name: 'Ja, ken DP-DEMO0004 toe' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Aanvraag DP-DEMO0004 toegekend\. Pasnummer \d{4} \d{4} \d{2}\./ })
      .waitFor();
    await page.getByRole('cell', { name: 'K. Visser' }).waitFor({ state: 'detached' });
    await menu.getByRole('link', { name: 'Dordtpas normen' }).click();
    await page.getByRole('cell', { name: 'Alleenstaande ouder' }).first().waitFor();
    await expectAccessible(page, 'norm table');

    // A norm with an amount that is not one.
    await page.getByLabel('Geldig vanaf').first().fill('2026-07-01');
    await page.getByLabel('Norm per maand in euro').fill('1.40,10');
    await page.getByLabel('Bron').fill('Normenbrief juli 2026');
    await page.getByRole('button', { name: 'Norm opslaan' }).click();
    await expectFieldError(page, 'Norm per maand in euro', 'Schrijf het bedrag als 1.650,50 of 1650.');
    await expectAccessible(page, 'norm with a wrong amount');
    await page.getByLabel('Norm per maand in euro').fill('1.650,50');
    await page.getByRole('button', { name: 'Norm opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'De norm voor alleenstaande vanaf 1 juli 2026 is opgeslagen: € 1.650,50 per maand.' }).waitFor();
    await context.close();
  });

  it('lets the pass office add an offer for a provider and see every provider’s statement links; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.admin);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Dordtpas aanbieders' }).click();
    await page.getByRole('cell', { name: 'Boekhandel De Dordtse Pen (demo)' }).waitFor();
    await expectAccessible(page, 'providers');
    await page.getByLabel('Aanbieder', { exact: true }).selectOption({ label: 'Muziekschool Drechtsteden (demo)' });
    await page.getByLabel('Omschrijving').fill('Pianoles, 10 lessen');
    await page.getByLabel('Categorie').selectOption('music');
    await page.getByLabel('Prijs in euro (niet verplicht)').fill('160 euro');
    await page.getByRole('button', { name: 'Aanbod toevoegen' }).click();
    await expectFieldError(page, 'Prijs in euro (niet verplicht)', 'Schrijf het bedrag als 1.650,50 of 1650, of laat de prijs leeg.');
    await expectAccessible(page, 'offer with a wrong price');
    await page.getByLabel('Prijs in euro (niet verplicht)').fill('160');
    await page.getByRole('button', { name: 'Aanbod toevoegen' }).click();
    await page.getByRole('cell', { name: /Pianoles, 10 lessen \(€\s160,00\)/ }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Aanbod "Pianoles, 10 lessen" is toegevoegd bij Muziekschool Drechtsteden (demo).' }).waitFor();
    await expect(page.getByRole('link', { name: 'Download als CSV' }).count()).resolves.toBe(3);
    await expectAccessible(page, 'providers after adding an offer');
    await context.close();
  });

  it('sets a provider IBAN, prepares a payout with its SEPA file, and marks it paid once; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.admin);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Dordtpas uitbetalingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dordtpas: uitbetalingen' }).waitFor();
    await expectAccessible(page, 'payouts');
    // A mistyped IBAN: the server's sentence next to the field.
    await page.getByLabel('Aanbieder', { exact: true }).selectOption({ label: 'Muziekschool Drechtsteden (demo) (geen IBAN)' });
    await page.getByLabel('IBAN aanbieder').fill('NL91 ABNA 0417 1643 01');
    await page.getByRole('button', { name: 'IBAN opslaan' }).click();
    await expectFieldError(page, 'IBAN aanbieder', 'Dit IBAN klopt niet. Controleer het nummer, bijvoorbeeld NL91 ABNA 0417 1643 00.');
    await expectAccessible(page, 'payouts with a wrong IBAN');
    await page.getByLabel('IBAN aanbieder').fill('NL32 BUNQ 2012 3456 78');
    await page.getByRole('button', { name: 'IBAN opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Het IBAN van Muziekschool Drechtsteden (demo) is opgeslagen: NL32BUNQ2012345678.' }).waitFor();

    // A payout without the municipality's IBAN, over a period that ends before it starts: said next to each field, nothing asked.
    await page.getByLabel('Van', { exact: true }).fill('2026-12-31');
    await page.getByLabel('Tot en met', { exact: true }).fill('2026-01-01');
    await page.getByRole('button', { name: 'Uitbetaling klaarzetten' }).click();
    await expectFieldError(page, 'IBAN gemeente', 'Vul het IBAN van de gemeente in.');
    await expectFieldError(page, 'Tot en met', 'De einddatum ligt voor de begindatum.');
    await expect(page.getByRole('dialog').isVisible()).resolves.toBe(false);
    await expectAccessible(page, 'payout without the municipality IBAN');
    await page.getByLabel('Van', { exact: true }).fill('2026-01-01');
    await page.getByLabel('Tot en met', { exact: true }).fill('2026-12-31');
    await page.getByLabel('IBAN gemeente').fill('NL91 ABNA 0417 1643 00');
    await page.getByRole('button', { name: 'Uitbetaling klaarzetten' }).click();
    await page.getByRole('dialog', { name: 'Uitbetaling klaarzetten?' }).getByRole('button', { name: 'Ja, zet klaar' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Uitbetaling klaargezet: \d+ aanbieders, samen €/ })
      .waitFor();
    const link = page.getByRole('link', { name: /^SEPA-bestand DP-/ });
    await expect(link.count()).resolves.toBe(1);
    const file = await page.request.get(new URL((await link.getAttribute('href'))!, env.baseUrl).toString());
    expect(file.status()).toBe(200);
    expect(await file.text()).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    await expectAccessible(page, 'payout prepared');
    // Nothing left to pay in the same period.
    await page.getByRole('button', { name: 'Uitbetaling klaarzetten' }).click();
    await page.getByRole('dialog', { name: 'Uitbetaling klaarzetten?' }).getByRole('button', { name: 'Ja, zet klaar' }).click();
    await expect(page.locator('.vn-error-summary').textContent()).resolves.toContain('Er is niets uit te betalen in deze periode');
    await page.getByRole('button', { name: /^Betaald: DP-/ }).click();
    await page.getByRole('dialog', { name: 'Als betaald markeren?' }).getByRole('button', { name: 'Ja, is betaald' }).click();
    await page.getByRole('cell', { name: 'Betaald', exact: true }).waitFor();
    await expect(page.getByRole('button', { name: /^Betaald: DP-/ }).count()).resolves.toBe(0);
    await context.close();
  });

  it('runs a campaign only after asking, says a wrong amount next to the field, and says what happened; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.admin);
    await page.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Dordtpas bijdragen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dordtpas: eenmalige bijdrage' }).waitFor();
    await page.getByLabel('Code (uniek)').fill('test-bijdrage');
    await page.getByLabel('Pasjaar').fill('2026');
    await page.getByLabel('Bedrag per kind in euro').fill('25 euro');
    await page.getByRole('button', { name: 'Bijdrage uitvoeren' }).click();
    await expectFieldError(page, 'Bedrag per kind in euro', 'Schrijf het bedrag als 1.650,50 of 1650.');
    await expect(page.getByRole('dialog').isVisible()).resolves.toBe(false);
    await expectAccessible(page, 'campaign with a wrong amount');
    await page.getByLabel('Bedrag per kind in euro').fill('12,50');
    await page.getByRole('button', { name: 'Bijdrage uitvoeren' }).click();
    const question = page.getByRole('dialog', { name: 'Bijdrage uitvoeren?' });
    await expect(question.textContent()).resolves.toMatch(/Elk kind met kindtegoed op een geldige pas in 2026 krijgt €\s12,50 erbij/);
    await question.getByRole('button', { name: 'Ja, voer de bijdrage uit' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /kregen €\s12,50 extra kindtegoed\. 0 kinderen hadden deze bijdrage al\./ })
      .waitFor();
    await expectAccessible(page, 'campaign done');
    await context.close();
  });
  it('says a wrong value next to its field on the rules, the pass search, the pass status and joining a provider; accessible', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await login(page, env.baseUrl, demoEmails.case_worker);
    const menu = page.getByRole('navigation', { name: 'Menu medewerkers' });
    await menu.getByRole('link', { name: 'Dordtpas normen' }).click();
    const rules = page.getByRole('form', { name: 'Regels vastleggen' });
    await rules.getByLabel('Geldig vanaf').fill('2027-01-01');
    await rules.getByLabel('Inkomensgrens in procent van de bijstandsnorm').fill('veel');
    await rules.getByRole('button', { name: 'Regels opslaan' }).click();
    await expectFieldError(
      page,
      'Inkomensgrens in procent van de bijstandsnorm',
      'Schrijf de grens als een heel getal van 100 tot en met 300, bijvoorbeeld 140.',
    );
    await expectAccessible(page, 'rules with a wrong income limit');
    // Three digits, but out of range: the server's sentence stands next to the field.
    await rules.getByLabel('Inkomensgrens in procent van de bijstandsnorm').fill('999');
    await rules.getByRole('button', { name: 'Regels opslaan' }).click();
    await expectFieldError(page, 'Inkomensgrens in procent van de bijstandsnorm', /300/);

    await menu.getByRole('link', { name: 'Dordtpas aanvragen' }).click();
    await page.getByLabel('Pasnummer').fill('12');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expectFieldError(page, 'Pasnummer', 'Vul het pasnummer in: de tien cijfers op de pas.');
    await expectAccessible(page, 'pass search with a short number');
    await page.getByLabel('Pasnummer').fill(passNumberFrom('100000001'));
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('button', { name: 'Pas blokkeren' }).click();
    expect(await page.getByRole('dialog', { name: 'Pas blokkeren?' }).isVisible()).toBe(false);
    await expectFieldError(page, 'Reden (voor blokkeren of deblokkeren)', 'Schrijf kort op waarom, bijvoorbeeld "Melding misbruik".');
    await expectAccessible(page, 'blocking a pass without a reason');
    await context.close();

    const admin = await (await env.browser.newContext()).newPage();
    await login(admin, env.baseUrl, demoEmails.admin);
    await admin.getByRole('navigation', { name: 'Menu medewerkers' }).getByRole('link', { name: 'Dordtpas aanbieders' }).click();
    const join = admin.getByRole('form', { name: 'Aanbieder aansluiten' });
    await join.getByLabel('Organisatie (soort aanbieder)').locator('option', { hasText: 'Zwemvereniging De Biesbosch' }).waitFor({ state: 'attached' });
    await join.getByRole('button', { name: 'Aansluiten' }).click();
    await expectFieldError(admin, 'Organisatie (soort aanbieder)', 'Kies de organisatie die aanbieder wordt.');
    await expectAccessible(admin, 'joining a provider without an organisation');
    await admin.context().close();
  });
});
