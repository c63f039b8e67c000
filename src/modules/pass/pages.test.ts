import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { decodeQrPng } from '../../../test/support/qr.ts';
import { childRowsOf, fieldLabel, parseDutchDate, readApplicationForm } from './applicationForm.ts';
import { seedPassDemo } from './demo.ts';
import { passNumberFrom } from './domain.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
const cookieOf = (setCookie: string | string[] | undefined) =>
  [setCookie]
    .flat()
    .find((c) => c?.startsWith('vangnet_dordtpas='))!
    .split(';')[0]!;

const filled = {
  route: 'income',
  'applicant.initials': 'W.',
  'applicant.surname': 'Willemsen',
  'applicant.birthDate': '4-3-1990',
  'applicant.street': 'Burgemeester de Raadtsingel',
  'applicant.houseNumber': '10',
  'applicant.postcode': '3311 JG',
  'applicant.city': 'Dordrecht',
  'children.0.initials': 'V.',
  'children.0.birthDate': '07-06-2015',
  income: '1.650,50',
  assets: '2.500',
  kinderen: '1',
};

describe('reading the application form', () => {
  it('reads Dutch dates and amounts, leaves empty rows out and gives a child the applicant’s surname', () => {
    expect(parseDutchDate('4-3-1990')).toBe('1990-03-04');
    expect(parseDutchDate('1990-03-04')).toBe('1990-03-04');
    expect(parseDutchDate('31-2-2020')).toBeNull();
    const read = readApplicationForm({ ...filled, 'children.2.initials': 'K.', 'children.2.birthDate': '1-1-2018' }, 3, 'GM0505');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.input.monthlyNetIncomeCents).toBe(165_050);
    expect(read.input.assetsCents).toBe(250_000);
    expect(read.input.adultCoResidents).toEqual([]);
    expect(read.input.children).toEqual([
      { initials: 'V.', surname: 'Willemsen', birthDate: '2015-06-07' },
      { initials: 'K.', surname: 'Willemsen', birthDate: '2018-01-01' },
    ]);
    expect(read.input.partner).toBeNull();
    expect(childRowsOf({ 'children.4.initials': 'X.' }, 1)).toBe(5);
  });

  it('says per field what is wrong, in plain Dutch, also for a child in a later row', () => {
    const read = readApplicationForm(
      { ...filled, 'applicant.postcode': '33', income: '1650,505', 'children.0.birthDate': '', 'children.2.initials': 'K.' },
      3,
      'GM0505',
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors['applicant.postcode']).toBe('Een postcode is vier cijfers en twee letters.');
    expect(read.errors.income).toBe('Schrijf het bedrag als 1.650,50 of 1650.');
    expect(read.errors['children.2.birthDate']).toBe('Vul de geboortedatum in, bijvoorbeeld 4-3-1990.');
    expect(Object.values(read.errors).join(' ')).not.toMatch(/children|applicant|string|expected/i);
  });
});

describe('other adults in the house, and assets, on the form', () => {
  it('reads a grown-up child with an income of 0, and asks for the assets and a missing income in plain Dutch', () => {
    const withAdult = readApplicationForm(
      {
        ...filled,
        'adultCoResidents.1.initials': 'J.',
        'adultCoResidents.1.surname': 'Willemsen',
        'adultCoResidents.1.birthDate': '1-2-2004',
        'adultCoResidents.1.income': '0',
      },
      1,
      'GM0505',
      2,
    );
    expect(withAdult.ok).toBe(true);
    if (withAdult.ok)
      expect(withAdult.input.adultCoResidents).toEqual([{ initials: 'J.', surname: 'Willemsen', birthDate: '2004-02-01', monthlyNetIncomeCents: 0 }]);

    const missing = readApplicationForm(
      { ...filled, assets: '', 'adultCoResidents.0.initials': 'J.', 'adultCoResidents.0.surname': 'Willemsen' },
      1,
      'GM0505',
      1,
    );
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.errors.assets).toBe('Vul uw vermogen in. Heeft u geen spaargeld of andere bezittingen, vul dan 0 in.');
    expect(missing.errors['adultCoResidents.0.income']).toBe('Vul het netto-inkomen van deze huisgenoot per maand in. Geen inkomen? Vul 0 in.');
    expect(missing.errors['adultCoResidents.0.birthDate']).toBe('Vul de geboortedatum in, bijvoorbeeld 4-3-1990.');
    expect(fieldLabel('adultCoResidents.0.income')).toBe('Netto-inkomen per maand, in euro, huisgenoot 1');
    // The assets are only asked on the income route.
    const bought = readApplicationForm({ ...filled, route: 'purchase', assets: '', income: '' }, 1, 'GM0505');
    expect(bought.ok).toBe(true);
    if (bought.ok) expect(bought.input.assetsCents).toBeNull();
  });
});

describe('the Dordtpas pages over HTTP (no JavaScript)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedPassDemo(t.db);
  });
  afterAll(() => t?.close());

  it('answers a post with errors with 303 to the form, which shows each sentence next to its field and keeps the values', async () => {
    const post = await t.app.inject({ method: 'POST', url: '/dordtpas', headers: formHeaders, payload: form({ ...filled, 'applicant.postcode': '33' }) });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/dordtpas#fouten');
    const cookie = cookieOf(post.headers['set-cookie']);
    expect(String(post.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(post.headers['set-cookie'])).toMatch(/SameSite=Strict/i);
    const page = await t.app.inject({ url: '/dordtpas', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('aria-invalid="true" aria-describedby="f-applicant-postcode-hint f-applicant-postcode-error"');
    expect(page.body).toContain('<p class="vn-field-error" id="f-applicant-postcode-error">Een postcode is vier cijfers en twee letters.</p>');
    expect(page.body).toContain('<a href="#f-applicant-postcode">Postcode: Een postcode is vier cijfers en twee letters.</a>');
    expect(page.body).toContain('value="Willemsen"');
    expect(page.body).not.toContain('<script');
    // Without the cookie (another browser) the form is empty.
    expect((await t.app.inject({ url: '/dordtpas' })).body).not.toContain('Willemsen');
  });

  it('shows a Zwijndrecht postcode its reason next to the postcode field, and no free pass', async () => {
    const post = await t.app.inject({ method: 'POST', url: '/dordtpas', headers: formHeaders, payload: form({ ...filled, 'applicant.postcode': '3331 AB' }) });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/dordtpas#fouten');
    const page = await t.app.inject({ url: '/dordtpas', headers: { cookie: cookieOf(post.headers['set-cookie']) } });
    expect(page.body).toContain(
      '<p class="vn-field-error" id="f-applicant-postcode-error">Deze postcode ligt niet in Dordrecht, maar in Zwijndrecht. De Dordtpas is alleen voor inwoners van Dordrecht.',
    );
    expect(page.body).not.toContain('U krijgt de Dordtpas gratis');
  });

  it('applies with 303 to the result page; the code is shown there, never in an address; a cross-site post is refused', async () => {
    const post = await t.app.inject({ method: 'POST', url: '/dordtpas', headers: formHeaders, payload: form(filled) });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/dordtpas/ontvangen');
    const cookie = cookieOf(post.headers['set-cookie']);
    const page = await t.app.inject({ url: '/dordtpas/ontvangen', headers: { cookie } });
    const code = /data-testid="access-code">([A-Z0-9-]+)</.exec(page.body)![1]!;
    const reference = /data-testid="reference">(DP-[A-Z0-9]+)</.exec(page.body)![1]!;
    expect(page.body).toContain('€ 1.961,40');
    expect((await t.app.inject({ url: '/dordtpas/ontvangen' })).body).not.toContain(code);

    const lookup = await t.app.inject({
      method: 'POST',
      url: '/dordtpas/mijn-pas',
      headers: { ...formHeaders, cookie },
      payload: form({ reference, accessCode: code }),
    });
    expect(lookup.statusCode).toBe(303);
    expect(lookup.headers.location).toBe('/dordtpas/mijn-pas/overzicht');
    const overview = await t.app.inject({ url: '/dordtpas/mijn-pas/overzicht', headers: { cookie: cookieOf(lookup.headers['set-cookie']) } });
    expect(overview.body).toContain('Uw aanvraag: In behandeling');

    const foreign = await t.app.inject({
      method: 'POST',
      url: '/dordtpas',
      headers: { ...formHeaders, origin: 'https://kwaadwillend.example' },
      payload: form(filled),
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers['set-cookie']).toBeUndefined();
  });

  it("counts the income of an adult at the address and the household's assets, and says the verdict once", async () => {
    const result = async (fields: Record<string, string>) => {
      const post = await t.app.inject({ method: 'POST', url: '/dordtpas', headers: formHeaders, payload: form({ ...filled, ...fields }) });
      expect(post.headers.location).toBe('/dordtpas/ontvangen');
      return (await t.app.inject({ url: '/dordtpas/ontvangen', headers: { cookie: cookieOf(post.headers['set-cookie']) } })).body;
    };
    const alone = await result({});
    expect(alone).toContain('Uw vermogen is € 2.500,00. De grens voor een alleenstaande ouder is € 15.840,00.');
    expect(alone).toContain('U krijgt de Dordtpas gratis.');
    // € 1.650,50 and a grown-up son's € 400,00 make € 2.050,50: above the limit of € 1.961,40.
    const son = {
      huisgenoten: '1',
      'adultCoResidents.0.initials': 'J.',
      'adultCoResidents.0.surname': 'Willemsen',
      'adultCoResidents.0.birthDate': '1-2-2004',
    };
    const withSon = await result({ ...son, 'adultCoResidents.0.income': '400' });
    expect(withSon).toContain('Uw netto-inkomen is € 2.050,50 per maand.');
    expect(withSon).toContain('Het inkomen van uw volwassen huisgenoot telt mee.');
    expect(withSon).toContain('U krijgt de Dordtpas daarom niet gratis.');
    expect(withSon).not.toContain('U krijgt de Dordtpas gratis');
    // Savings above the limit: no free pass, however low the income.
    const savings = await result({ assets: '20.000' });
    expect(savings).toContain('Uw vermogen is € 4.160,00 hoger dan de grens.');
    expect(savings).not.toContain('U krijgt de Dordtpas gratis');
  });

  it('shows one more row after "Huisgenoot toevoegen", and puts a co-resident under 18 next to the birth date', async () => {
    const more = await t.app.inject({ method: 'POST', url: '/dordtpas', headers: formHeaders, payload: form({ ...filled, actie: 'huisgenoot-erbij' }) });
    expect(more.headers.location).toBe('/dordtpas#huisgenoten');
    const page = await t.app.inject({ url: '/dordtpas', headers: { cookie: cookieOf(more.headers['set-cookie']) } });
    expect(page.body).toContain('<legend>Huisgenoot 2</legend>');
    expect(page.body).not.toContain('<legend>Huisgenoot 3</legend>');
    const young = await t.app.inject({
      method: 'POST',
      url: '/dordtpas',
      headers: formHeaders,
      payload: form({
        ...filled,
        'adultCoResidents.0.initials': 'K.',
        'adultCoResidents.0.surname': 'Willemsen',
        'adultCoResidents.0.birthDate': '1-1-2012',
        'adultCoResidents.0.income': '0',
      }),
    });
    expect(young.headers.location).toBe('/dordtpas#fouten');
    const again = await t.app.inject({ url: '/dordtpas', headers: { cookie: cookieOf(young.headers['set-cookie']) } });
    expect(again.body).toContain(
      '<p class="vn-field-error" id="f-adultCoResidents-0-birthDate-error">Deze huisgenoot is jonger dan 18 jaar. Vul kinderen in bij &quot;Uw kinderen&quot;.</p>',
    );
  });

  it('offers no DigiD login while no broker is configured: the anonymous ways are all there is', async () => {
    for (const url of ['/dordtpas', '/dordtpas/mijn-pas']) expect((await t.app.inject({ url })).body).not.toContain('Inloggen met DigiD');
    expect((await t.app.inject({ url: '/inloggen/digid' })).statusCode).toBe(404);
    // A made-up resident cookie opens nothing.
    const page = await t.app.inject({ url: '/dordtpas/mijn-pas', headers: { cookie: 'vangnet_inwoner=verzonnen' } });
    expect(page.body).toContain('name="accessCode"');
  });

  it('refuses a wrong code next to the code field, and shows a demo pass with its balances in Dutch formats', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/dordtpas/mijn-pas',
      headers: formHeaders,
      payload: form({ reference: 'DP-DEMO0001', accessCode: 'FOUT-FOUT-FOUT' }),
    });
    expect(wrong.statusCode).toBe(303);
    const again = await t.app.inject({ url: '/dordtpas/mijn-pas', headers: { cookie: cookieOf(wrong.headers['set-cookie']) } });
    expect(again.body).toContain('id="f-accessCode-error">De combinatie van aanvraagnummer en code klopt niet.</p>');
    expect(again.body).toContain('value="DP-DEMO0001"');
    expect(again.body).not.toContain('FOUT-FOUT-FOUT');

    const right = await t.app.inject({
      method: 'POST',
      url: '/dordtpas/mijn-pas',
      headers: formHeaders,
      payload: form({ reference: 'DP-DEMO0001', accessCode: 'DEMO-0001-CODE' }),
    });
    const cookie = cookieOf(right.headers['set-cookie']);
    const overview = await t.app.inject({ url: '/dordtpas/mijn-pas/overzicht', headers: { cookie } });
    expect(overview.body).toContain('Uw aanvraag: Toegekend');
    expect(overview.body).toContain('€ 175,00');
    expect(overview.body).toMatch(/geldig van \d{1,2} [a-z]+ \d{4} tot en met/);
    // The QR code: inline SVG, no script; it is the library's code of the pass number alone (decoded back from the
    // same code rendered as PNG), so it holds no name and no BSN.
    const number = passNumberFrom('100000001');
    const svg = /<svg class="vn-pass-qr"[^>]*>[\s\S]*?<\/svg>/.exec(overview.body)?.[0];
    expect(svg).toContain(`role="img" aria-label="QR-code van pasnummer ${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}"`);
    const plain = (await QRCode.toString(number, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })).trim();
    expect(svg!.replace(/ class="vn-pass-qr" role="img" aria-label="[^"]*" width="200" height="200"/, '')).toBe(plain);
    expect(decodeQrPng(await QRCode.toBuffer(number, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 }))).toBe(number);
    expect(overview.body).not.toContain('<script');
    expect(overview.body).toContain('class="vn-no-print" method="post" action="/dordtpas/mijn-pas/sluiten"');
    const closed = await t.app.inject({ method: 'POST', url: '/dordtpas/mijn-pas/sluiten', headers: { ...formHeaders, cookie }, payload: '' });
    expect(closed.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/dordtpas/mijn-pas/overzicht', headers: { cookie } })).body).not.toContain('€ 175,00');
  });
});
