// "Wachtwoord vergeten" on the server-rendered staff login: ask for a link by e-mail, then choose a new password.
// Without any script, Post/Redirect/Get like the login page (pages.ts); the same answer whether an account exists.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { ShortLivedStore } from './flash.ts';
import { errorSummary, formValue, html, isCrossSiteForm, publicPage, sendPage, textField, type FieldErrors } from './html.ts';
import { mailSettings } from './mail/outbox.ts';
import { RESET_MINUTES, requestPasswordReset, resetPassword, resetTokenUsable } from './passwordReset.ts';
import { passwordProblems } from './secrets.ts';

const CSRF_COOKIE = 'vangnet_reset_csrf';
const FLASH_COOKIE = 'vangnet_reset_melding';
/** The reset code, moved out of the address into a cookie so it is not left in the browser's history. */
const CODE_COOKIE = 'vangnet_reset_code';

type Flash = { email?: string; errors?: FieldErrors; refused?: string; done?: string };
/** A flash belongs to the page it was made for: "a link is on its way" must not stand on the new-password page. */
type StoredFlash = Flash & { page: string };

/** The one answer to every request, for an account that exists or not. */
export const resetRequested = `Als dit e-mailadres bij een account in Vangnet hoort, hebben wij een e-mail gestuurd met een link. De link werkt ${RESET_MINUTES} minuten. Kijk ook bij ongewenste e-mail.`;
export const resetUnusable = 'Deze link werkt niet meer: hij is verlopen of al gebruikt. Vraag hieronder een nieuwe link aan.';
export const resetDone = 'Uw wachtwoord is gewijzigd. U kunt nu inloggen met uw nieuwe wachtwoord.';
const stale = 'Deze pagina was verlopen of kwam niet van deze website. Probeer het opnieuw.';

function notice(text: string | undefined, role: 'alert' | 'status' = 'alert') {
  return text ? html`<div class="${role === 'alert' ? 'vn-summary' : 'vn-success'}" role="${role}"><p class="utrecht-paragraph">${text}</p></div>` : '';
}

export function forgottenPage(state: { csrf: string; enabled: boolean } & Flash): string {
  const errors = state.errors ?? {};
  const body = state.enabled
    ? html`<h1 class="utrecht-heading-1">Wachtwoord vergeten</h1>
${notice(state.refused)}${notice(state.done, 'status')}
${errorSummary(errors, () => 'E-mailadres')}
<p class="utrecht-paragraph">Vul het e-mailadres in waarmee u inlogt. U krijgt een e-mail met een link om een nieuw wachtwoord te kiezen.</p>
<form method="post" action="/login/wachtwoord-vergeten" aria-label="Nieuw wachtwoord aanvragen" novalidate>
<input type="hidden" name="csrf" value="${state.csrf}">
${textField({ name: 'email', label: 'E-mailadres', type: 'email', value: state.email, error: errors.email, autocomplete: 'username', required: true })}
<p><button class="utrecht-button utrecht-button--primary-action" type="submit">Stuur mij een link</button></p>
</form>
<p class="utrecht-paragraph"><a href="/login">Terug naar inloggen</a></p>`
    : html`<h1 class="utrecht-heading-1">Wachtwoord vergeten</h1>
<p class="utrecht-paragraph">Vangnet kan op dit moment geen e-mail versturen. Vraag de beheerder van uw organisatie om een nieuw wachtwoord.</p>
<p class="utrecht-paragraph"><a href="/login">Terug naar inloggen</a></p>`;
  return publicPage({ title: 'Wachtwoord vergeten', body, current: '/login' });
}

const newPasswordLabels: Record<string, string> = { password: 'Nieuw wachtwoord', repeat: 'Herhaal het nieuwe wachtwoord' };

export function newPasswordPage(state: { csrf: string; usable: boolean } & Flash): string {
  const errors = state.errors ?? {};
  let body: ReturnType<typeof html>;
  if (state.done) {
    body = html`<h1 class="utrecht-heading-1">Nieuw wachtwoord</h1>${notice(state.done, 'status')}<p class="utrecht-paragraph"><a href="/login">Inloggen</a></p>`;
  } else if (!state.usable) {
    body = html`<h1 class="utrecht-heading-1">Nieuw wachtwoord</h1>${notice(resetUnusable)}<p class="utrecht-paragraph"><a href="/login/wachtwoord-vergeten">Nieuwe link aanvragen</a></p>`;
  } else {
    body = html`<h1 class="utrecht-heading-1">Nieuw wachtwoord</h1>
${notice(state.refused)}
${errorSummary(errors, (f) => newPasswordLabels[f] ?? f)}
<form method="post" action="/login/nieuw-wachtwoord" aria-label="Nieuw wachtwoord kiezen" novalidate>
<input type="hidden" name="csrf" value="${state.csrf}">
${textField({ name: 'password', label: 'Nieuw wachtwoord', type: 'password', error: errors.password, autocomplete: 'new-password', required: true, hint: 'Minstens 12 tekens, met letters en cijfers.' })}
${textField({ name: 'repeat', label: 'Herhaal het nieuwe wachtwoord', type: 'password', error: errors.repeat, autocomplete: 'new-password', required: true })}
<p><button class="utrecht-button utrecht-button--primary-action" type="submit">Wachtwoord opslaan</button></p>
</form>`;
  }
  return publicPage({ title: 'Nieuw wachtwoord', body, current: '/login' });
}

function equalTokens(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

const form = z.object({
  email: z.string().max(300).optional(),
  password: z.string().max(500).optional(),
  repeat: z.string().max(500).optional(),
  csrf: z.string().max(100).optional(),
});

export const passwordResetPages: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const publicHost = new URL(config.publicUrl).host;
  const flashes = new ShortLivedStore<StoredFlash>(5 * 60_000);
  const flashFor = (request: FastifyRequest, page: string): Flash => {
    const { page: madeFor, ...flash } = flashes.get(request.cookies[FLASH_COOKIE]) ?? { page };
    return madeFor === page ? flash : {};
  };
  const cookieOptions = { httpOnly: true, secure: config.secureCookies, path: '/login' } as const;

  const newCsrf = (reply: FastifyReply) => {
    const csrf = randomBytes(24).toString('base64url');
    reply.setCookie(CSRF_COOKIE, csrf, { ...cookieOptions, sameSite: 'strict', maxAge: 3600 });
    return csrf;
  };
  const again = (request: FastifyRequest, reply: FastifyReply, to: string, flash: Flash) => {
    const key = flashes.put({ ...flash, page: to }, request.cookies[FLASH_COOKIE]);
    reply.setCookie(FLASH_COOKIE, key, { ...cookieOptions, sameSite: 'strict', maxAge: 300 });
    return reply.redirect(to, 303);
  };
  /** A form post must be form-encoded, from this site, and bring the token of the form's cookie. */
  const checkForm = (request: FastifyRequest<{ Body: z.infer<typeof form> }>): 'ok' | 'stale' | 'foreign' => {
    if (isCrossSiteForm(request.headers, [request.host, publicHost])) return 'foreign';
    const formEncoded = String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    if (!formEncoded || !equalTokens(request.cookies[CSRF_COOKIE] ?? '', formValue(request.body ?? {}, 'csrf'))) return 'stale';
    return 'ok';
  };
  const rateLimit = { max: config.login.ratePerMinute, timeWindow: '1 minute' };

  app.get('/login/wachtwoord-vergeten', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const flash = flashFor(request, '/login/wachtwoord-vergeten');
    return sendPage(reply, forgottenPage({ csrf: newCsrf(reply), enabled: mailSettings(db) !== null, ...flash }));
  });

  app.post(
    '/login/wachtwoord-vergeten',
    { config: { access: 'public', csrfExempt: true, rateLimit }, schema: { hide: true, body: form } },
    async (request: FastifyRequest<{ Body: z.infer<typeof form> }>, reply) => {
      const checked = checkForm(request);
      const email = formValue(request.body ?? {}, 'email');
      if (checked === 'foreign') return sendPage(reply, forgottenPage({ csrf: newCsrf(reply), enabled: mailSettings(db) !== null, refused: stale }), 403);
      if (checked === 'stale') return again(request, reply, '/login/wachtwoord-vergeten', { email, refused: stale });
      if (!email || !z.string().email().safeParse(email).success) {
        return again(request, reply, '/login/wachtwoord-vergeten', { email, errors: { email: 'Vul uw e-mailadres in, bijvoorbeeld naam@organisatie.nl.' } });
      }
      await requestPasswordReset(db, { email, origin: request.ip });
      return again(request, reply, '/login/wachtwoord-vergeten', { done: resetRequested });
    },
  );

  app.get(
    '/login/nieuw-wachtwoord',
    { config: { access: 'public' }, schema: { hide: true, querystring: z.object({ code: z.string().max(100).optional() }) } },
    async (request, reply) => {
      if (request.query.code) {
        // Lax: the link is opened from a mail program, a navigation from another site.
        reply.setCookie(CODE_COOKIE, request.query.code, { ...cookieOptions, sameSite: 'lax', maxAge: RESET_MINUTES * 60 });
        return reply.redirect('/login/nieuw-wachtwoord', 303);
      }
      const flash = flashFor(request, '/login/nieuw-wachtwoord');
      const usable = await resetTokenUsable(db, request.cookies[CODE_COOKIE] ?? '');
      return sendPage(reply, newPasswordPage({ csrf: newCsrf(reply), usable, ...flash }));
    },
  );

  app.post(
    '/login/nieuw-wachtwoord',
    { config: { access: 'public', csrfExempt: true, rateLimit }, schema: { hide: true, body: form } },
    async (request: FastifyRequest<{ Body: z.infer<typeof form> }>, reply) => {
      const checked = checkForm(request);
      if (checked === 'foreign') return sendPage(reply, newPasswordPage({ csrf: newCsrf(reply), usable: false }), 403);
      if (checked === 'stale') return again(request, reply, '/login/nieuw-wachtwoord', { refused: stale });
      const password = typeof request.body?.password === 'string' ? request.body.password : '';
      const repeat = typeof request.body?.repeat === 'string' ? request.body.repeat : '';
      const errors: FieldErrors = {};
      if (!password) errors.password = 'Vul een nieuw wachtwoord in.';
      else if (passwordProblems(password).length) errors.password = passwordProblems(password).join(' ');
      else if (repeat !== password) errors.repeat = 'De twee wachtwoorden zijn niet hetzelfde.';
      if (Object.keys(errors).length) return again(request, reply, '/login/nieuw-wachtwoord', { errors });
      const changed = await resetPassword(db, { token: request.cookies[CODE_COOKIE] ?? '', password, origin: request.ip });
      reply.clearCookie(CODE_COOKIE, { path: '/login' });
      // A spent or expired link shows the page that says so (no flash needed: the code is gone).
      return again(request, reply, '/login/nieuw-wachtwoord', changed ? { done: resetDone } : {});
    },
  );
};
