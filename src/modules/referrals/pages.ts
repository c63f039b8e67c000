// "Mijn aanvragen": a resident logged in with DigiD sees the state of their own referrals, server-rendered without
// script. Only the state, the kind of organisation and the date: never the question, notes or names of workers.
import type { FastifyPluginAsync } from 'fastify';
import { anonymousActor } from '../../platform/actor.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { organisationKindLabels, type OrganisationKind } from '../../platform/contract-platform.ts';
import { formatDutchDate, html, publicPage, sendPage, type SafeHtml } from '../../platform/html.ts';
import { DEFAULT_MUNICIPALITY } from '../../platform/municipalities.ts';
import { currentResident, residentLoginBox } from '../../platform/residentPages.ts';
import type { ModuleRouteOptions } from '../contracts.ts';
import type { ReferralState } from './domain.ts';
import { residentOwnReferrals } from './queries.ts';

/** Each state as the resident reads it (plain Dutch, B1). */
const stateForResident: Record<ReferralState, string> = {
  sent: 'Doorgestuurd, nog niet opgepakt',
  accepted: 'Opgepakt, u hoort snel van ons',
  declined: 'Niet opgepakt door deze organisatie',
  first_contact: 'Er is contact met u geweest',
  help_in_place: 'U krijgt hulp',
  closed: 'Afgesloten',
};

export type OwnReferral = Awaited<ReturnType<typeof residentOwnReferrals>>[number];

export function myRequestsPage(loginBox: SafeHtml, view: { kind: 'anonymous' } | { kind: 'no_bsn' } | { kind: 'own'; referrals: OwnReferral[] }): string {
  const content =
    view.kind === 'anonymous'
      ? html`<p class="utrecht-paragraph">Log in om te zien hoe het staat met uw vraag om hulp. Zonder inloggen kunt u het vragen aan de organisatie die contact met u opnam.</p>`
      : view.kind === 'no_bsn'
        ? html`<p class="utrecht-paragraph">U bent ingelogd voor uw bedrijf. Aanvragen van uzelf ziet u als u inlogt met DigiD.</p>`
        : view.referrals.length
          ? html`<table class="vn-table"><caption>Uw aanvragen voor hulp</caption>
<thead><tr><th scope="col">Verstuurd op</th><th scope="col">Naar</th><th scope="col">Hoe staat het</th></tr></thead>
<tbody>${view.referrals.map(
              (r) =>
                html`<tr><td>${formatDutchDate(amsterdamDate(r.sentAt))}</td><td>${organisationKindLabels[r.organisationKind as OrganisationKind] ?? 'Organisatie'}</td><td>${
                  stateForResident[r.state] ?? r.state
                }</td></tr>`,
            )}</tbody></table>`
          : html`<p class="utrecht-paragraph">Wij hebben geen aanvraag voor hulp van u. Wilt u hulp? Doe de <a href="/geldfit">Geldfit-test</a> of <a href="/hulp">zoek hulp</a>.</p>`;
  const body = html`<h1 class="utrecht-heading-1">Mijn aanvragen</h1>
${loginBox}
${content}
<p class="utrecht-paragraph">Uw Dordtpas en kindtegoed staan op <a href="/dordtpas/mijn-pas">Mijn Dordtpas</a>.</p>`;
  return publicPage({ title: 'Mijn aanvragen', body });
}

export const referralPages: FastifyPluginAsync<ModuleRouteOptions> = async (app, { db, config }) => {
  app.get('/mijn-aanvragen', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const resident = await currentResident(db, request);
    const box = residentLoginBox(config, resident, '/mijn-aanvragen');
    if (!resident) return sendPage(reply, myRequestsPage(box, { kind: 'anonymous' }));
    if (!resident.bsn) return sendPage(reply, myRequestsPage(box, { kind: 'no_bsn' }));
    const referrals = await residentOwnReferrals(db, anonymousActor(request.ip), DEFAULT_MUNICIPALITY, resident.bsn);
    return sendPage(reply, myRequestsPage(box, { kind: 'own', referrals }));
  });
};
