// Residents log in with DigiD (entrepreneurs with eHerkenning) through the municipality's OIDC broker: the start,
// the return from the broker, and the logout form. Server-rendered, no script; the anonymous ways stay open.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { anonymousActor } from './actor.ts';
import { html, isCrossSiteForm, sendPage, type SafeHtml } from './html.ts';
import { OidcClient, OidcLoginError } from './oidc.ts';
import { oidcMessages } from './oidcMessages.ts';
import { continuePage, oidcRefusedPage, providerAnswer } from './oidcPages.ts';
import { endResidentSession, openResidentSession, RESIDENT_COOKIE, resolveResident, type Resident } from './residentSession.ts';

const DIGID_LOGIN_COOKIE = 'vangnet_digid';

/** Only a resident's page may be the address to return to after logging in. */
export function residentReturnPath(value: string): string {
  return /^\/(dordtpas|geldfit|mijn-aanvragen)(\/[A-Za-z0-9\-_/]*)?$/.test(value) && !value.includes('//') ? value : '';
}

/** The BSN as a resident sees it on a page: only its last three digits (`******789`), never the whole number. */
export function maskedBsn(bsn: string): string {
  return `${'*'.repeat(bsn.length - 3)}${bsn.slice(-3)}`;
}

/** The resident logged in in this browser, or null; every page that uses it asks here (an audited read). */
export function currentResident(db: Database, request: FastifyRequest): Promise<Resident | null> {
  return resolveResident(db, request.cookies[RESIDENT_COOKIE], anonymousActor(request.ip));
}

/** On a resident's page: "log in with DigiD" (when the broker is configured), or who is logged in and a logout button. */
export function residentLoginBox(config: Pick<Config, 'residentOidc'>, resident: Resident | null, back: string): SafeHtml {
  const settings = config.residentOidc;
  if (!settings) return html``;
  if (resident) {
    const who = resident.bsn
      ? html`Uw burgerservicenummer is <span data-testid="bsn">${maskedBsn(resident.bsn)}</span> (van ${settings.name}). U hoeft het niet in te vullen.`
      : html`U bent ingelogd voor uw bedrijf (KvK ${resident.kvkNumber ?? ''}).`;
    return html`<div class="vn-resident" aria-label="Ingelogd">
<p class="utrecht-paragraph">U bent ingelogd met ${settings.name}. ${who}</p>
<p class="utrecht-paragraph"><a href="/dordtpas/mijn-pas">Mijn Dordtpas</a> · <a href="/mijn-aanvragen">Mijn aanvragen</a></p>
<form method="post" action="/inloggen/uitloggen"><button class="utrecht-button utrecht-button--secondary-action" type="submit">Uitloggen</button></form>
</div>`;
  }
  return html`<p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="/inloggen/digid?terug=${encodeURIComponent(back)}">Inloggen met ${settings.name}</a> Dan hoeft u minder in te vullen en ziet u uw eigen aanvragen. Het kan ook zonder inloggen.</p>`;
}

export const residentPages: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const settings = config.residentOidc;
  if (!settings) return;
  const broker = new OidcClient(settings);
  const publicHost = new URL(config.publicUrl).host;
  const loginCookie = { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/inloggen/digid' } as const;
  const again = { href: '/inloggen/digid', label: `Opnieuw inloggen met ${settings.name}` };
  const withoutLogin = html`<p class="utrecht-paragraph">Het kan ook zonder inloggen: <a href="/dordtpas">Dordtpas aanvragen</a>, <a href="/dordtpas/mijn-pas">Mijn Dordtpas</a> met uw aanvraagnummer en code, of de <a href="/geldfit">Geldfit-test</a>.</p>`;

  const refuse = async (request: FastifyRequest, reply: FastifyReply, error: OidcLoginError) => {
    await db.recordAuditEvent(
      anonymousActor(request.ip),
      {
        action: 'login',
        objectType: 'resident_session',
        municipalityCodes: [],
        details: { method: 'digid', reason: error.reason, ...(error.detail ? { detail: error.detail } : {}) },
      },
      'denied',
    );
    reply.clearCookie(DIGID_LOGIN_COOKIE, loginCookie);
    return sendPage(reply, oidcRefusedPage(oidcMessages[error.reason], again, false, withoutLogin), error.reason === 'provider_unreachable' ? 503 : 401);
  };

  app.get(
    '/inloggen/digid',
    {
      config: { access: 'public', rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' } },
      schema: { hide: true, querystring: z.object({ terug: z.string().max(300).optional() }) },
    },
    async (request, reply) => {
      try {
        const started = await broker.start(residentReturnPath(request.query.terug ?? ''));
        reply.setCookie(DIGID_LOGIN_COOKIE, started.key, { ...loginCookie, maxAge: 600 });
        return reply.redirect(started.url, 303);
      } catch (error) {
        if (error instanceof OidcLoginError) return refuse(request, reply, error);
        throw error;
      }
    },
  );

  app.get(
    '/inloggen/digid/terug',
    {
      config: { access: 'public', rateLimit: { max: config.login.ratePerMinute, timeWindow: '1 minute' } },
      schema: { hide: true, querystring: providerAnswer },
    },
    async (request, reply) => {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
      try {
        const verified = await broker.finish(query, request.cookies[DIGID_LOGIN_COOKIE]);
        const { token } = await openResidentSession(db, config, verified, anonymousActor(request.ip));
        reply.clearCookie(DIGID_LOGIN_COOKIE, loginCookie);
        reply.setCookie(RESIDENT_COOKIE, token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: config.secureCookies,
          path: '/',
          maxAge: settings.sessionMinutes * 60,
        });
        return sendPage(reply, continuePage(verified.back || '/dordtpas/mijn-pas', 'Verder'));
      } catch (error) {
        if (error instanceof OidcLoginError) return refuse(request, reply, error);
        throw error;
      }
    },
  );

  /** Ends the resident's session here, and at the broker when it has an end-session endpoint. */
  app.post('/inloggen/uitloggen', { config: { access: 'public', csrfExempt: true }, schema: { hide: true } }, async (request, reply) => {
    if (isCrossSiteForm(request.headers, [request.host, publicHost])) return reply.code(403).type('text/plain; charset=utf-8').send('Niet toegestaan.');
    const token = request.cookies[RESIDENT_COOKIE];
    if (token) await endResidentSession(db, token, anonymousActor(request.ip));
    reply.clearCookie(RESIDENT_COOKIE, { path: '/' });
    const atBroker = token ? await broker.endSessionUrl(null, new URL('/', config.publicUrl).href) : null;
    return reply.redirect(atBroker ?? '/', 303);
  });
};
