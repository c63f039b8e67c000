import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, demoEmails, type TestApp } from '../../test/support/app.ts';
import { directoryModule } from '../modules/directory/module.ts';

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
const cookie = (setCookie: string | string[] | undefined, name: string) =>
  [setCookie]
    .flat()
    .find((c) => c?.startsWith(`${name}=`))
    ?.split(';')[0];

describe('the platform’s public pages (no JavaScript)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await directoryModule.seedDemo!(t.db, t.config);
  });
  afterAll(() => t?.close());

  it('serves the home page and a 404 page in the one shell, with the phone numbers and without a script', async () => {
    const home = await t.app.inject({ url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
    expect(home.body).toContain('Geldzorgen? U staat er niet alleen voor');
    expect(home.body).toContain('<a href="tel:14078">14 078</a>');
    expect(home.body).toContain('Sociale Dienst Drechtsteden: <a href="tel:0780001000">078 000 10 00</a>');
    expect(home.body).not.toContain('<script');
    for (const label of ['Home', 'Hulp zoeken (sociale kaart)', 'Geldfit', 'Dordtpas', 'Mijn Dordtpas', 'Inloggen voor medewerkers'])
      expect(home.body).toContain(`>${label}</a>`);
    const missing = await t.app.inject({ url: '/bestaat-niet' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Deze pagina bestaat niet');
  });

  it('logs staff in with a form post and a double-submit token; a wrong password says so in one sentence', async () => {
    const form = await t.app.inject({ url: '/login?terug=/medewerkers/auditlog' });
    const csrfCookie = cookie(form.headers['set-cookie'], 'vangnet_login_csrf')!;
    expect(String(form.headers['set-cookie'])).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/i);
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)![1]!;
    expect(csrfCookie).toBe(`vangnet_login_csrf=${csrf}`);
    const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/login',
        headers: { ...formHeaders, cookie: csrfCookie, ...headers },
        payload: new URLSearchParams(fields).toString(),
      });

    const wrong = await post({ email: demoEmails.admin, password: 'fout', csrf, terug: '/medewerkers/auditlog' });
    expect(wrong.statusCode).toBe(303);
    expect(wrong.headers.location).toBe('/login?terug=%2Fmedewerkers%2Fauditlog');
    expect(cookie(wrong.headers['set-cookie'], 'vangnet_session')).toBeUndefined();
    const shown = await t.app.inject({ url: '/login', headers: { cookie: cookie(wrong.headers['set-cookie'], 'vangnet_login_melding')! } });
    expect(shown.body).toContain('Het e-mailadres of het wachtwoord klopt niet, of uw account is tijdelijk geblokkeerd na te veel mislukte pogingen.</p>');
    expect(shown.body).toContain(`value="${demoEmails.admin}"`);

    expect((await post({ email: demoEmails.admin, password: DEMO_PASSWORD, csrf: 'anders' })).headers['set-cookie']).not.toContain('vangnet_session');
    const foreign = await post({ email: demoEmails.admin, password: DEMO_PASSWORD, csrf }, { origin: 'https://kwaadwillend.example' });
    expect(foreign.statusCode).toBe(403);
    expect(cookie(foreign.headers['set-cookie'], 'vangnet_session')).toBeUndefined();
    const json = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/json', cookie: csrfCookie },
      payload: JSON.stringify({ email: demoEmails.admin, password: DEMO_PASSWORD, csrf }),
    });
    expect(cookie(json.headers['set-cookie'], 'vangnet_session')).toBeUndefined();

    const right = await post({ email: demoEmails.admin, password: DEMO_PASSWORD, csrf, terug: '/medewerkers/auditlog' });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/medewerkers/auditlog');
    const session = cookie(right.headers['set-cookie'], 'vangnet_session')!;
    expect((await t.app.inject({ url: '/api/v1/session', headers: { cookie: session } })).statusCode).toBe(200);
    // Only a staff page is a place to return to.
    const offsite = await post({ email: demoEmails.admin, password: DEMO_PASSWORD, csrf, terug: '//kwaadwillend.example/' });
    expect(offsite.headers.location).toBe('/medewerkers');
  });
});
