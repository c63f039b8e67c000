// The staff login through the municipality's OpenID provider (server-rendered, no script): the start, the return
// from the provider, and the logout form that also ends the session at the provider (RP-initiated logout).
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { anonymousActor } from './actor.ts';
import { logout, resolveSession, SESSION_COOKIE } from './auth.ts';
import { formValue, html, publicPage, type SafeHtml, sendPage } from './html.ts';
import { OidcClient, OidcLoginError } from './oidc.ts';
import { oidcMessages } from './oidcMessages.ts';
import { loginWithOidc } from './oidcStaff.ts';
import { equalTokens, safeReturnPath } from './pages.ts';

/** Holds the key of the pending login. SameSite=Lax: the provider's redirect back is a cross-site navigation. */
export const STAFF_OIDC_COOKIE = 'vangnet_oidc';

/** The parameters a provider sends back (RFC 6749 4.1.2, RFC 9207); openid-client reads the raw query itself. */
export const providerAnswer = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(500).optional(),
  session_state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});

export function oidcRefusedPage(sentence: string, again: { href: string; label: string }, passwordLogin: boolean, more: SafeHtml | string = ''): string {
  const body = html`<h1 class="utrecht-heading-1">Inloggen is niet gelukt</h1>
<div class="vn-summary" role="alert"><p class="utrecht-paragraph">${sentence}</p></div>
<p class="utrecht-paragraph"><a href="${again.href}">${again.label}</a></p>
${passwordLogin ? html`<p class="utrecht-paragraph"><a href="/login">Inloggen met uw e-mailadres en wachtwoord</a></p>` : ''}
${more}`;
  return publicPage({ title: 'Inloggen is niet gelukt', body });
}

/** After a login: a page that goes on to the staff app. A plain redirect would, after the provider's cross-site
 * redirect, arrive without the new SameSite=Strict session cookie in some browsers; a page load from here does not. */
export function continuePage(target: string, text: string): string {
  return publicPage({
    title: 'U bent ingelogd',
    body: html`<meta http-equiv="refresh" content="0;url=${target}">
<h1 class="utrecht-heading-1">U bent ingelogd</h1>
<p class="utrecht-paragraph"><a href="${target}">${text}</a></p>`,
  });
}

export const staffOidcPages: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const settings = config.staffOidc;
  const oidc = settings ? new OidcClient(settings) : null;
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/login/oidc' } as const;

  const refuse = async (reply: FastifyReply, origin: string, error: OidcLoginError) => {
    await db.recordAuditEvent(
      anonymousActor(origin),
      {
        action: 'login',
        objectType: 'session',
        municipalityCodes: [],
        details: { method: 'oidc', reason: error.reason, ...(error.detail ? { detail: error.detail } : {}) },
      },
      'denied',
    );
    reply.clearCookie(STAFF_OIDC_COOKIE, cookieOptions);
    const again = { href: '/login/oidc', label: `Opnieuw inloggen met ${settings?.name ?? 'de inlogdienst'}` };
    return sendPage(reply, oidcRefusedPage(oidcMessages[error.reason], again, true), error.reason === 'provider_unreachable' ? 503 : 401);
  };

  if (oidc && settings) {
    app.get(
      '/login/oidc',
      {
        config: { access: 'public', rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' } },
        schema: { hide: true, querystring: z.object({ terug: z.string().max(300).optional() }) },
      },
      async (request, reply) => {
        try {
          const started = await oidc.start(safeReturnPath(request.query.terug ?? ''));
          reply.setCookie(STAFF_OIDC_COOKIE, started.key, { ...cookieOptions, maxAge: 600 });
          return reply.redirect(started.url, 303);
        } catch (error) {
          if (error instanceof OidcLoginError) return refuse(reply, request.ip, error);
          throw error;
        }
      },
    );

    app.get(
      '/login/oidc/terug',
      {
        config: { access: 'public', rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' } },
        schema: { hide: true, querystring: providerAnswer },
      },
      async (request, reply) => {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
        try {
          const verified = await oidc.finish(query, request.cookies[STAFF_OIDC_COOKIE]);
          const result = await loginWithOidc(db, { ...config, staffOidc: settings }, verified, request.ip);
          reply.clearCookie(STAFF_OIDC_COOKIE, cookieOptions);
          reply.setCookie(SESSION_COOKIE, result.token, {
            httpOnly: true,
            sameSite: 'strict',
            secure: config.secureCookies,
            path: '/',
            maxAge: config.session.maxHours * 3600,
          });
          return sendPage(reply, continuePage(verified.back || '/medewerkers', 'Verder naar Vangnet voor medewerkers'));
        } catch (error) {
          if (error instanceof OidcLoginError) return refuse(reply, request.ip, error);
          throw error;
        }
      },
    );
  }

  /**
   * Logout as a form post (it works without script): ends the session here, and when it was opened through the
   * provider and the provider has an end-session endpoint, sends the browser there with the ID token as hint.
   */
  app.post(
    '/uitloggen',
    { config: { access: 'public', csrfExempt: true }, schema: { hide: true, body: z.object({ csrf: z.string().max(100).optional() }).optional() } },
    async (request, reply) => {
      const token = request.sessionToken;
      const session = token ? await resolveSession(db, config, token, request.ip) : null;
      if (!token || !session) return reply.redirect('/login', 303);
      if (!equalTokens(session.csrfToken, formValue(request.body ?? {}, 'csrf'))) {
        return sendPage(
          reply,
          oidcRefusedPage(
            'Deze pagina was verlopen. U bent nog ingelogd. Probeer opnieuw uit te loggen.',
            { href: '/medewerkers', label: 'Terug naar Vangnet' },
            false,
          ),
          403,
        );
      }
      const { idToken } = await logout(db, token, request.actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      const atProvider = oidc && idToken ? await oidc.endSessionUrl(idToken, new URL('/login', config.publicUrl).href) : null;
      return reply.redirect(atProvider ?? '/login', 303);
    },
  );
};
