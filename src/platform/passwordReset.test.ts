import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_PASSWORD, demoEmails, loginAs, type TestApp } from '../../test/support/app.ts';
import { smtpEnv, startTestSmtp, type TestSmtp } from '../../test/support/smtp.ts';
import { FakeClock } from './clock.ts';
import { deliverDueMails } from './mail/delivery.ts';
import { RESETS_PER_HOUR } from './passwordReset.ts';
import { resetDone, resetRequested, resetUnusable } from './passwordResetPages.ts';
import { passwordResets } from './schema.ts';
import { sha256 } from './secrets.ts';

/**
 * "Wachtwoord vergeten" on the login page, with the mail arriving at a real SMTP server: the same answer for an
 * address with or without an account, a link that works once and not after it expired, stored only as a hash.
 */
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
const cookieOf = (setCookie: string | string[] | undefined, name: string) =>
  [setCookie]
    .flat()
    .find((c) => c?.startsWith(`${name}=`))
    ?.split(';')[0];
const joinCookies = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('; ');

let smtp: TestSmtp;
let t: TestApp;
const clock = new FakeClock('2026-12-02T09:00:00Z');

/** Posts a form the way a browser does: fetch the page, keep its cookie and token, post, follow the 303 once. */
async function submit(path: string, fields: Record<string, string>, extraCookie?: string) {
  const page = await t.app.inject({ url: path, headers: extraCookie ? { cookie: extraCookie } : {} });
  const csrfCookie = cookieOf(page.headers['set-cookie'], 'vangnet_reset_csrf')!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const cookie = joinCookies(csrfCookie, extraCookie);
  const post = await t.app.inject({
    method: 'POST',
    url: path,
    headers: { ...formHeaders, cookie },
    payload: new URLSearchParams({ ...fields, csrf }).toString(),
  });
  expect(post.statusCode).toBe(303);
  const shown = await t.app.inject({
    url: post.headers.location as string,
    headers: { cookie: joinCookies(cookieOf(post.headers['set-cookie'], 'vangnet_reset_melding'), extraCookie) },
  });
  return shown.body;
}

/** Opens the link from the mail: the code moves into a cookie and out of the address. */
async function openLink(link: string) {
  const url = new URL(link);
  const opened = await t.app.inject({ url: `${url.pathname}${url.search}` });
  expect(opened.statusCode).toBe(303);
  expect(opened.headers.location).toBe('/login/nieuw-wachtwoord');
  expect(String(opened.headers['set-cookie'])).toMatch(/SameSite=Lax/i);
  return cookieOf(opened.headers['set-cookie'], 'vangnet_reset_code')!;
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ clock, env: { ...smtpEnv(smtp), VANGNET_PUBLIC_URL: 'https://vangnet.dordrecht.example' } });
});

afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('wachtwoord vergeten', () => {
  let link: string;

  it('is linked from the login page', async () => {
    const login = await t.app.inject({ url: '/login' });
    expect(login.body).toContain('<a href="/login/wachtwoord-vergeten">Wachtwoord vergeten?</a>');
  });

  it('gives the same answer for an unknown address, and sends no mail for it', async () => {
    const body = await submit('/login/wachtwoord-vergeten', { email: 'niemand@dordrecht.example' });
    expect(body).toContain(resetRequested);
    expect(await deliverDueMails(t.db, t.config.mail!)).toMatchObject({ sent: 0 });
  });

  it('mails a single-use link to a known account; only the hash of its code is stored', async () => {
    const body = await submit('/login/wachtwoord-vergeten', { email: demoEmails.case_worker.toUpperCase() });
    expect(body).toContain(resetRequested);
    expect(await deliverDueMails(t.db, t.config.mail!)).toMatchObject({ sent: 1 });
    const mail = smtp.received.at(-1)!;
    expect(mail.subject).toBe('Nieuw wachtwoord voor Vangnet');
    expect(smtp.envelopes.at(-1)).toEqual([demoEmails.case_worker]);
    link = /https:\/\/vangnet\.dordrecht\.example\/login\/nieuw-wachtwoord\?code=[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0];
    const code = new URL(link).searchParams.get('code')!;
    const stored = await t.db.unaudited((q) => q.select().from(passwordResets));
    expect(stored.map((r) => r.tokenHash)).toContain(sha256(code));
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('sets a new password with the link once, ends the old sessions, and refuses the link a second time', async () => {
    const old = await loginAs(t.app, demoEmails.case_worker);
    const codeCookie = await openLink(link);
    const tooShort = await submit('/login/nieuw-wachtwoord', { password: 'kort1', repeat: 'kort1' }, codeCookie);
    expect(tooShort).toContain('Een wachtwoord heeft minstens 12 tekens.');
    const different = await submit('/login/nieuw-wachtwoord', { password: 'Nieuw-wachtwoord-2026', repeat: 'Nieuw-wachtwoord-2027' }, codeCookie);
    expect(different).toContain('De twee wachtwoorden zijn niet hetzelfde.');
    const done = await submit('/login/nieuw-wachtwoord', { password: 'Nieuw-wachtwoord-2026', repeat: 'Nieuw-wachtwoord-2026' }, codeCookie);
    expect(done).toContain(resetDone);
    // The old session is over, the old password no longer works, the new one does.
    expect((await t.app.inject({ url: '/api/v1/session', headers: old.headers })).statusCode).toBe(401);
    await expect(loginAs(t.app, demoEmails.case_worker, DEMO_PASSWORD)).rejects.toThrow();
    await loginAs(t.app, demoEmails.case_worker, 'Nieuw-wachtwoord-2026');
    // The same link again.
    const again = await t.app.inject({ url: '/login/nieuw-wachtwoord', headers: { cookie: await openLink(link) } });
    expect(again.body).toContain(resetUnusable);
    expect(again.body).not.toContain('name="password"');
  });

  it('refuses a link after it expired', async () => {
    await submit('/login/wachtwoord-vergeten', { email: demoEmails.analyst });
    await deliverDueMails(t.db, t.config.mail!);
    const expired = /https:\/\/\S+code=[A-Za-z0-9_-]+/.exec(smtp.received.at(-1)!.text ?? '')![0];
    clock.advance({ minutes: 31 });
    const page = await t.app.inject({ url: '/login/nieuw-wachtwoord', headers: { cookie: await openLink(expired) } });
    expect(page.body).toContain(resetUnusable);
    await loginAs(t.app, demoEmails.analyst, DEMO_PASSWORD);
  });

  it(`sends at most ${RESETS_PER_HOUR} links an hour to one account, with the same answer`, async () => {
    clock.advance({ hours: 2 });
    const before = smtp.received.length;
    for (let i = 0; i < RESETS_PER_HOUR + 2; i++) {
      expect(await submit('/login/wachtwoord-vergeten', { email: demoEmails.programme_manager })).toContain(resetRequested);
    }
    await deliverDueMails(t.db, t.config.mail!);
    expect(smtp.received.length - before).toBe(RESETS_PER_HOUR);
  });
});

describe('wachtwoord vergeten without a mail server', () => {
  it('says that Vangnet cannot send mail and to ask the admin, with no form', async () => {
    const off = await createTestApp();
    try {
      const page = await off.app.inject({ url: '/login/wachtwoord-vergeten' });
      expect(page.body).toContain('Vangnet kan op dit moment geen e-mail versturen. Vraag de beheerder van uw organisatie om een nieuw wachtwoord.');
      expect(page.body).not.toContain('<form');
    } finally {
      await off.close();
    }
  });
});
