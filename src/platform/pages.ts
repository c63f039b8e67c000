// The platform's own public pages, rendered on the server without any script: the home page, the staff login and
// the page for an address that does not exist; and the light stylesheet every public page uses.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { login, SESSION_COOKIE } from './auth.ts';
import { UnauthenticatedError } from './errors.ts';
import { ShortLivedStore } from './flash.ts';
import { errorSummary, formValue, html, isCrossSiteForm, publicPage, publicStylesheet, sendPage, textField, type FieldErrors } from './html.ts';

export const LOGIN_CSRF_COOKIE = 'vangnet_login_csrf';
const LOGIN_FLASH_COOKIE = 'vangnet_login_melding';

/** What the login page shows after a refused post: the e-mail address typed and the sentence (never the password). */
type LoginFlash = { email: string; errors?: FieldErrors; refused?: string };

/** The one sentence for every refused login (never which of the two was wrong, nor whether the account exists). */
export const wrongLogin = 'Het e-mailadres of het wachtwoord klopt niet, of uw account is tijdelijk geblokkeerd na te veel mislukte pogingen.';

export function homePage(): string {
  const body = html`<h1 class="utrecht-heading-1">Geldzorgen? U staat er niet alleen voor</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">In Dordrecht en de Drechtsteden werken de gemeente, de Sociale Dienst Drechtsteden, wijkteams en vrijwilligers samen. Wij helpen u op weg, ook als u nog geen schulden heeft maar wel zorgen.</p>
<h2 class="utrecht-heading-2">Wat kunt u hier doen?</h2>
<ul class="utrecht-unordered-list">
<li class="utrecht-unordered-list__item"><a href="/hulp">Hulp zoeken</a>: organisaties en vrijwilligers in Dordrecht die helpen bij geld, werk, kinderen, gezondheid en wonen, met hun spreekuren.</li>
<li class="utrecht-unordered-list__item"><a href="/geldfit">Geldfit</a>: een korte test over uw geldzaken. Gratis en anoniem. U krijgt advies en, als u dat wilt, belt iemand u.</li>
<li class="utrecht-unordered-list__item"><a href="/dordtpas">Dordtpas aanvragen</a>: korting op sport, cultuur en uitjes. Met een laag inkomen is de pas gratis en krijgen uw kinderen kindtegoed.</li>
<li class="utrecht-unordered-list__item"><a href="/dordtpas/mijn-pas">Mijn Dordtpas</a>: zie hoe het met uw aanvraag gaat en hoeveel kindtegoed er nog is.</li>
</ul>
<p class="utrecht-paragraph">Liever iemand spreken? Bel een van de nummers onderaan deze pagina, of loop binnen bij het Sociaal Wijkteam in uw wijk. Samen kijken we wat u nodig heeft. Hulp is gratis.</p>
<h2 class="utrecht-heading-2">Werkt u bij de gemeente of een partnerorganisatie?</h2>
<p class="utrecht-paragraph"><a href="/login">Log in als medewerker</a>.</p>`;
  return publicPage({ title: 'Hulp bij geldzorgen', body, current: '/' });
}

export function notFoundPage(): string {
  return publicPage({
    title: 'Niet gevonden',
    body: html`<h1 class="utrecht-heading-1">Deze pagina bestaat niet</h1>
<p class="utrecht-paragraph">Misschien is de link verouderd. <a href="/">Ga naar de startpagina</a> of kies hierboven wat u zoekt.</p>`,
  });
}

const loginLabels: Record<string, string> = { email: 'E-mailadres', password: 'Wachtwoord' };

export function loginPage(state: { csrf: string; back: string; email?: string; errors?: FieldErrors; refused?: string; oidcName?: string }): string {
  const errors = state.errors ?? {};
  const oidcHref = state.back ? `/login/oidc?terug=${encodeURIComponent(state.back)}` : '/login/oidc';
  const body = html`<h1 class="utrecht-heading-1">Inloggen voor medewerkers</h1>
<p class="utrecht-paragraph">Voor medewerkers van de gemeente en partnerorganisaties. Bent u inwoner? Dan hoeft u niet in te loggen: kies hierboven wat u zoekt.</p>
${state.refused ? html`<div class="vn-summary" id="fouten" role="alert"><p class="utrecht-paragraph">${state.refused}</p></div>` : ''}
${
  state.oidcName
    ? html`<p><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${oidcHref}">Inloggen met ${state.oidcName}</a></p>
<h2 class="utrecht-heading-2">Of log in met uw e-mailadres en wachtwoord</h2>`
    : ''
}
${errorSummary(errors, (f) => loginLabels[f] ?? f)}
<form method="post" action="/login" aria-label="Inloggen" novalidate>
<input type="hidden" name="csrf" value="${state.csrf}">
${state.back ? html`<input type="hidden" name="terug" value="${state.back}">` : ''}
${textField({ name: 'email', label: 'E-mailadres', type: 'email', value: state.email, error: errors.email, autocomplete: 'username', required: true })}
${textField({ name: 'password', label: 'Wachtwoord', type: 'password', error: errors.password, autocomplete: 'current-password', required: true })}
<p><button class="utrecht-button utrecht-button--primary-action" type="submit">Inloggen</button></p>
</form>
<p class="utrecht-paragraph"><a href="/login/wachtwoord-vergeten">Wachtwoord vergeten?</a></p>`;
  return publicPage({ title: 'Inloggen voor medewerkers', body, current: '/login' });
}

/** Only a page of the staff app may be the address to return to after logging in. */
export function safeReturnPath(value: string): string {
  return /^\/medewerkers(\/[A-Za-z0-9\-_/]*)?$/.test(value) ? value : '';
}

export function equalTokens(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

const loginForm = z.object({
  email: z.string().max(300).optional(),
  password: z.string().max(500).optional(),
  csrf: z.string().max(100).optional(),
  terug: z.string().max(300).optional(),
});

export const platformPages: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const publicHost = new URL(config.publicUrl).host;
  const flashes = new ShortLivedStore<LoginFlash>(5 * 60_000);
  /** Post/Redirect/Get: a refused login shows its sentence on GET /login, so Back and Reload never resend the form. */
  const again = (request: FastifyRequest, reply: FastifyReply, back: string, flash: LoginFlash) => {
    const key = flashes.put(flash, request.cookies[LOGIN_FLASH_COOKIE]);
    reply.setCookie(LOGIN_FLASH_COOKIE, key, { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/login', maxAge: 300 });
    return reply.redirect(back ? `/login?terug=${encodeURIComponent(back)}` : '/login', 303);
  };

  app.get('/stijl.css', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const sheet = publicStylesheet();
    if (!sheet) return reply.code(404).type('text/plain; charset=utf-8').send('De webpagina’s zijn niet gebouwd.');
    return reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=86400').send(sheet.css);
  });

  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => sendPage(reply, homePage()));

  /** Login CSRF: a fresh random token in a SameSite=Strict cookie and in the form; the post must bring both. */
  const newLoginForm = (reply: FastifyReply) => {
    const csrf = randomBytes(24).toString('base64url');
    reply.setCookie(LOGIN_CSRF_COOKIE, csrf, { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/login', maxAge: 3600 });
    return csrf;
  };

  app.get(
    '/login',
    { config: { access: 'public' }, schema: { hide: true, querystring: z.object({ terug: z.string().max(300).optional() }) } },
    async (request, reply) => {
      const back = safeReturnPath(request.query.terug ?? '');
      if (request.actor.kind === 'user') return reply.redirect(back || '/medewerkers', 303);
      const flash = flashes.get(request.cookies[LOGIN_FLASH_COOKIE]);
      return sendPage(reply, loginPage({ csrf: newLoginForm(reply), back, oidcName: config.staffOidc?.name, ...flash }));
    },
  );

  app.post(
    '/login',
    {
      config: { access: 'public', csrfExempt: true, rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' } },
      schema: { hide: true, body: loginForm },
    },
    async (request: FastifyRequest<{ Body: z.infer<typeof loginForm> }>, reply) => {
      const body = request.body ?? {};
      const back = safeReturnPath(formValue(body, 'terug'));
      const email = formValue(body, 'email');
      const formEncoded = String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const sameSite = !isCrossSiteForm(request.headers, [request.host, publicHost]);
      const cookie = request.cookies[LOGIN_CSRF_COOKIE] ?? '';
      if (!formEncoded || !sameSite || !equalTokens(cookie, formValue(body, 'csrf'))) {
        const refused = 'Deze pagina was verlopen of kwam niet van deze website. Vul uw gegevens opnieuw in.';
        // A post from another site gets no redirect that could set anything: just the refusal.
        if (!sameSite) return sendPage(reply, loginPage({ csrf: newLoginForm(reply), back, refused, oidcName: config.staffOidc?.name }), 403);
        return again(request, reply, back, { email, refused });
      }
      const password = typeof body.password === 'string' ? body.password : '';
      const errors: FieldErrors = {};
      if (!email) errors.email = 'Vul uw e-mailadres in.';
      if (!password) errors.password = 'Vul uw wachtwoord in.';
      if (Object.keys(errors).length) return again(request, reply, back, { email, errors });
      try {
        const result = await login(db, config, { email, password, origin: request.ip });
        reply.setCookie(SESSION_COOKIE, result.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: config.secureCookies,
          path: '/',
          maxAge: config.session.maxHours * 3600,
        });
        reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/login' });
        flashes.delete(request.cookies[LOGIN_FLASH_COOKIE]);
        reply.clearCookie(LOGIN_FLASH_COOKIE, { path: '/login' });
        return reply.redirect(back || '/medewerkers', 303);
      } catch (error) {
        if (!(error instanceof UnauthenticatedError)) throw error;
        return again(request, reply, back, { email, refused: wrongLogin });
      }
    },
  );
};
