// HTTP for Geldfit: light public pages under /geldfit (plain forms, no script) and the staff figures under /api/v1.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { anonymousActor } from '../../platform/actor.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { assertMunicipality } from '../../platform/authz.ts';
import { AppError } from '../../platform/errors.ts';
import { residentPersonByBsn } from '../../platform/persons.ts';
import { currentResident, residentLoginBox } from '../../platform/residentPages.ts';
import { listDirectory } from '../directory/index.ts';
import { readContactForm, requestContact } from './contact.ts';
import { figuresResponse } from './contract.ts';
import { readFigures } from './figures.ts';
import { contactErrorPage, messagePage, questionsPage, resultPage, startPage, strings, thanksPage } from './pages.ts';
import { profiles, type Language, type Profile } from './questionnaire.ts';
import { advise, questionnaireBySlug, readAnswers, score } from './scoring.ts';
import { boundedRecord } from '../../platform/validation.ts';
import { selftestSettings } from './settings.ts';
import { completeVisit, count, openVisit } from './store.ts';

type Options = { db: Database; config: Config };

const langOf = (value: unknown): Language => (value === 'en' ? 'en' : 'nl');

/**
 * The anonymous forms have no session and so no CSRF token; a cross-site POST is refused instead. Browsers that
 * send Fetch Metadata are judged by Sec-Fetch-Site alone (robust behind a proxy); otherwise an Origin that names
 * another host than this request's or the configured public address is refused. (With Referrer-Policy
 * no-referrer, browsers may send `Origin: null` for a same-origin form: that passes.)
 */
export function isCrossSite(headers: Record<string, string | string[] | undefined>, hosts: string[]): boolean {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return false;
  try {
    return !hosts.includes(new URL(origin).host);
  } catch {
    return true;
  }
}

function sendHtml(reply: FastifyReply, body: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body);
}

function refuseCrossSite(reply: FastifyReply, lang: Language) {
  const s = strings(lang);
  return sendHtml(reply, messagePage(lang, s.refusedTitle, s.refusedText), 403);
}

const pageQuery = z.object({ lang: z.string().max(5).optional(), via: z.string().max(10).optional() });
/** A filled-in form is a few kB; refuse anything much larger before parsing it. */
const formLimit = 32 * 1024;
const formBody = boundedRecord(z.string().max(100), z.union([z.string().max(2000), z.array(z.string().max(2000)).max(100)]), 200);

const pageRoutes: FastifyPluginAsync<Options> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { municipalityCode } = selftestSettings();
  const publicHost = new URL(config.publicUrl).host;
  const crossSite = (request: FastifyRequest) => isCrossSite(request.headers, [request.host, publicHost]);
  // HEAD requests (link checkers, previews) run the GET handler too; they are not visits.
  const counted = (request: FastifyRequest) => request.method === 'GET';
  /** Logged in with DigiD: the contact form says so, filled in with what the register knows of the resident. */
  const contactPrefill = async (request: FastifyRequest) => {
    const resident = await currentResident(db, request);
    if (!resident) return undefined;
    const known = resident.bsn ? await residentPersonByBsn(db, anonymousActor(request.ip), municipalityCode, resident.bsn) : null;
    const naam = known ? [known.initials, known.prefix, known.surname].filter(Boolean).join(' ') : '';
    return {
      values: { naam, telefoon: known?.phone ?? '', email: known?.email ?? '' },
      loginBox: residentLoginBox(config, resident, '/geldfit'),
    };
  };

  app.get('/geldfit', { config: { access: 'public' }, schema: { hide: true, querystring: pageQuery } }, async (request, reply) => {
    if (counted(request)) await count(db, municipalityCode, [{ questionnaire: 'all', counter: 'visit' }]);
    const resident = await currentResident(db, request);
    return sendHtml(reply, startPage(langOf(request.query.lang), residentLoginBox(config, resident, '/geldfit')));
  });

  app.get(
    '/geldfit/naar/:serviceId',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: z.object({ serviceId: z.string().uuid() }),
        querystring: z.object({ test: z.string().max(20).optional(), profiel: z.string().max(20).optional() }),
      },
    },
    async (request, reply) => {
      const questionnaire = questionnaireBySlug(request.query.test ?? '');
      if (counted(request)) await count(db, municipalityCode, [{ questionnaire: questionnaire?.id ?? 'all', counter: 'referral_followed' }]);
      return reply.code(303).redirect(`/hulp/${request.params.serviceId}`);
    },
  );

  app.post(
    '/geldfit/contact',
    {
      config: { access: 'public', csrfExempt: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      bodyLimit: formLimit,
      schema: { hide: true, body: formBody },
    },
    async (request, reply) => {
      const form = request.body as Record<string, unknown>;
      const lang = langOf(form.lang);
      if (crossSite(request)) return refuseCrossSite(reply, lang);
      const questionnaire = questionnaireBySlug(String(form.test ?? ''));
      const profile = profiles.includes(form.profiel as Profile) ? (form.profiel as Profile) : null;
      if (!questionnaire || !profile) return sendHtml(reply, messagePage(lang, strings(lang).notFound, strings(lang).refusedText), 400);
      const { values, errors } = readContactForm(form, lang);
      const resident = await currentResident(db, request);
      const loginBox = resident ? residentLoginBox(config, resident, '/geldfit') : undefined;
      if (errors.length) return sendHtml(reply, contactErrorPage(questionnaire, profile, lang, { values, errors, loginBox }), 400);
      // Always the resident, also when a logged-in staff member happens to fill in the form. Logged in with DigiD:
      // the BSN from the broker's token goes with the request (a BSN in the form is never read).
      await requestContact(db, anonymousActor(request.ip), { municipalityCode, questionnaire, profile, lang, values, residentBsn: resident?.bsn });
      return sendHtml(reply, thanksPage(lang));
    },
  );

  app.get(
    '/geldfit/:slug',
    { config: { access: 'public' }, schema: { hide: true, params: z.object({ slug: z.string().max(30) }), querystring: pageQuery } },
    async (request, reply) => {
      const lang = langOf(request.query.lang);
      const questionnaire = questionnaireBySlug(request.params.slug);
      if (!questionnaire) return sendHtml(reply, messagePage(lang, strings(lang).notFound, ''), 404);
      let visit: string | undefined;
      if (counted(request)) {
        await count(db, municipalityCode, [
          { questionnaire: questionnaire.id, counter: 'started' },
          // Reached directly (an advert, a link from a partner): that is a visit too.
          ...(request.query.via === 'start' ? [] : [{ questionnaire: 'all' as const, counter: 'visit' }]),
        ]);
        // The visit was counted here or on the start page: its token ties the completed test to it.
        visit = await openVisit(db);
      }
      return sendHtml(reply, questionsPage(questionnaire, lang, {}, [], visit));
    },
  );

  app.post(
    '/geldfit/:slug',
    {
      config: { access: 'public', csrfExempt: true },
      bodyLimit: formLimit,
      schema: { hide: true, params: z.object({ slug: z.string().max(30) }), body: formBody },
    },
    async (request, reply) => {
      const form = request.body as Record<string, unknown>;
      const lang = langOf(form.lang);
      if (crossSite(request)) return refuseCrossSite(reply, lang);
      const questionnaire = questionnaireBySlug(request.params.slug);
      if (!questionnaire) return sendHtml(reply, messagePage(lang, strings(lang).notFound, ''), 404);
      const { answers, missing } = readAnswers(questionnaire, form);
      const token = typeof form.bezoek === 'string' && /^[0-9a-f-]{36}$/i.test(form.bezoek) ? form.bezoek : undefined;
      if (missing.length) return sendHtml(reply, questionsPage(questionnaire, lang, answers, missing, token), 400);
      const result = score(questionnaire, answers);
      const advice = advise(questionnaire, result, await listDirectory(db));
      // A resubmitted form (back button, reload) counts once; only a completion of a counted visit is in the rate.
      const tie = await completeVisit(db, token);
      if (tie !== 'again') {
        await count(db, municipalityCode, [
          { questionnaire: questionnaire.id, counter: 'completed' },
          ...(tie === 'first' ? [{ questionnaire: questionnaire.id, counter: 'completed_after_visit' }] : []),
          { questionnaire: questionnaire.id, counter: `profile:${result.profile}` },
          { questionnaire: questionnaire.id, counter: 'referrals_shown', by: advice.referrals.length },
        ]);
      }
      return sendHtml(reply, resultPage(questionnaire, lang, result, advice, await contactPrefill(request)));
    },
  );
};

/** A whole month, YYYY-MM: Geldfit's figures are there per whole month only (never per day). */
const wholeMonth = (field: 'from' | 'to') =>
  z
    .string()
    .regex(
      /^\d{4}-(0[1-9]|1[0-2])$/,
      `Kies de ${field === 'from' ? 'beginmaand' : 'eindmaand'} als jaar en maand, bijvoorbeeld 2021-01. De cijfers zijn er alleen per hele maand.`,
    );

const apiRoutes: FastifyPluginAsync<Options> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/selftest/figures',
    {
      config: { access: 'selftest:figures' },
      schema: {
        tags: ['selftest'],
        summary: 'Geldfit in cijfers: anonieme tellingen per hele maand, kleine aantallen afgeschermd',
        querystring: z.object({ from: wholeMonth('from').optional(), to: wholeMonth('to').optional() }),
        response: { 200: figuresResponse },
      },
    },
    async (request) => {
      const thisMonth = amsterdamDate(db.clock.now()).slice(0, 7);
      const to = request.query.to ?? thisMonth;
      const from = request.query.from ?? `${to.slice(0, 4)}-01`;
      if (from > to)
        throw new AppError('validation_failed', 400, 'De beginmaand ligt na de eindmaand.', {
          errors: [{ field: 'from', reason: 'Kies een beginmaand die vóór de eindmaand ligt, of dezelfde maand.' }],
        });
      // The dashboard's protected monthly figures of the municipality: one protected table for both pages. Only for
      // staff who work for that municipality, as on the dashboard.
      assertMunicipality(request.actor, selftestSettings().municipalityCode);
      return readFigures(db, from, to);
    },
  );
};

/** The API, mounted under /api/v1, and the residents' pages at /geldfit (see `ModuleDefinition.pages`). */
export { apiRoutes as selftestRoutes, pageRoutes as selftestPages };
