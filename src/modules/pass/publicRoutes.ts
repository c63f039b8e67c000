// HTTP for the residents' Dordtpas pages (pages.ts): plain form posts, each answered with 303 See Other to a GET page,
// so Back and Reload never ask to send a form again. What a result page shows is kept a few minutes on the server
// under a random one-time key in an HttpOnly, SameSite=Strict cookie: never the code in an address.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { anonymousActor } from '../../platform/actor.ts';
import { AppError, ValidationError } from '../../platform/errors.ts';
import { ShortLivedStore } from '../../platform/flash.ts';
import { formValue, isCrossSiteForm, sendPage } from '../../platform/html.ts';
import { DEFAULT_MUNICIPALITY } from '../../platform/municipalities.ts';
import { residentPersonByBsn } from '../../platform/persons.ts';
import { currentResident, residentLoginBox } from '../../platform/residentPages.ts';
import { boundedRecord } from '../../platform/validation.ts';
import { residentStatus, residentStatusesByBsn, statusLookupInput, submitApplication, type ApplicationOutcome } from './applications.ts';
import { confirmRenewal } from './commands/passYear.ts';
import { passIdOfReference, residentStatusOfReference } from './queries.ts';
import { confirmMissingText } from './yearPages.ts';
import {
  childRowsOf,
  coResidentRowsOf,
  formFieldNames,
  maxChildRows,
  maxCoResidentRows,
  readApplicationForm,
  type ApplicationFormValues,
} from './applicationForm.ts';
import { applyPage, expiredPage, myPassesPage, myPassFormPage, myPassPage, receivedPage, refusedPage, type ResidentStatus } from './pages.ts';
import { publicInfo } from './public.ts';
import { offerSearchTexts } from './messages.ts';
import { offersPage } from './offerPages.ts';
import { readOfferSearch } from './offerRules.ts';
import { publicOfferList } from './offers.ts';

const RESULT_COOKIE = 'vangnet_dordtpas';
/** How long a page after a post stays visible (Reload, Back) before the resident has to fill in the form again. */
const resultTtlMs = 10 * 60_000;

/** What the page after a post shows: the form again with its errors, the received application, or the pass. */
type Kept =
  | { kind: 'form'; values: ApplicationFormValues; errors: Record<string, string>; rows: number; adultRows?: number; formError?: string }
  | { kind: 'received'; outcome: ApplicationOutcome }
  | { kind: 'lookup'; reference: string; errors: Record<string, string> }
  | { kind: 'status'; status: ResidentStatus; renewal?: { errors: Record<string, string>; message?: string } };

const formBody = boundedRecord(z.string().max(100), z.union([z.string().max(500), z.array(z.string().max(500)).max(5)]), 120);

export const passPages: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const store = new ShortLivedStore<Kept>(resultTtlMs);
  const publicHost = new URL(config.publicUrl).host;
  const municipalityCode = DEFAULT_MUNICIPALITY;
  const crossSite = (request: FastifyRequest) => isCrossSiteForm(request.headers, [request.host, publicHost]);
  const kept = (request: FastifyRequest) => store.get(request.cookies[RESULT_COOKIE]);
  /** Post/Redirect/Get: keep what the next page shows, answer 303 to it. */
  const keepAndGo = (request: FastifyRequest, reply: FastifyReply, item: Kept, to: string) => {
    const key = store.put(item, request.cookies[RESULT_COOKIE]);
    reply.setCookie(RESULT_COOKIE, key, { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/dordtpas', maxAge: resultTtlMs / 1000 });
    return reply.redirect(to, 303);
  };
  const refuse = (reply: FastifyReply) => sendPage(reply, refusedPage(), 403);
  // A resident's form never acts as the staff member who may be logged in in the same browser (and needs no CSRF header).
  const formConfig = { access: 'public' as const, csrfExempt: true };

  app.get('/dordtpas', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const info = await publicInfo(db, municipalityCode);
    const resident = await currentResident(db, request);
    const box = residentLoginBox(config, resident, '/dordtpas');
    const draft = kept(request);
    if (draft?.kind === 'form') return sendPage(reply, applyPage(info, draft.values, draft.errors, draft.rows, draft.formError, box, draft.adultRows ?? 1));
    const values: ApplicationFormValues = { route: 'income', 'applicant.city': 'Dordrecht' };
    // Logged in with DigiD: what Vangnet already knows of this resident is filled in (they check and change it).
    const known = resident?.bsn ? await residentPersonByBsn(db, anonymousActor(request.ip), municipalityCode, resident.bsn) : null;
    if (known) {
      const fields = {
        initials: known.initials,
        prefix: known.prefix,
        surname: known.surname,
        street: known.street,
        houseNumber: known.houseNumber,
        postcode: known.postcode,
        city: known.city,
        email: known.email,
      };
      for (const [name, value] of Object.entries(fields)) if (value) values[`applicant.${name}`] = value;
      if (known.birthDate) values['applicant.birthDate'] = known.birthDate.split('-').reverse().join('-');
    }
    return sendPage(reply, applyPage(info, values, {}, 1, undefined, box));
  });

  app.post(
    '/dordtpas',
    { config: { ...formConfig, rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { hide: true, body: formBody } },
    async (request, reply) => {
      if (crossSite(request)) return refuse(reply);
      const body = request.body;
      const requested = Math.min(maxChildRows, Number.parseInt(formValue(body, 'kinderen'), 10) || 1);
      const values: ApplicationFormValues = {};
      for (const name of formFieldNames(maxChildRows)) {
        const value = formValue(body, name);
        if (value) values[name] = value;
      }
      const rows = childRowsOf(values, requested);
      const adultRows = coResidentRowsOf(values, Number.parseInt(formValue(body, 'huisgenoten'), 10) || 1);
      const again = (errors: Record<string, string>, rowCount = rows, formError?: string, adultCount = adultRows, anchor = '#kinderen') =>
        keepAndGo(
          request,
          reply,
          { kind: 'form', values, errors, rows: rowCount, adultRows: adultCount, formError },
          Object.keys(errors).length || formError ? '/dordtpas#fouten' : `/dordtpas${anchor}`,
        );
      // "Kind toevoegen", "Huisgenoot toevoegen": the same form with one more row, nothing sent yet.
      if (formValue(body, 'actie') === 'kind-erbij') return again({}, Math.min(maxChildRows, rows + 1));
      if (formValue(body, 'actie') === 'huisgenoot-erbij') return again({}, rows, undefined, Math.min(maxCoResidentRows, adultRows + 1), '#huisgenoten');
      const read = readApplicationForm(values, rows, municipalityCode, adultRows);
      if (!read.ok) return again(read.errors);
      try {
        const resident = await currentResident(db, request);
        const outcome = await submitApplication(db, anonymousActor(request.ip), read.input, resident?.bsn ? { bsn: resident.bsn } : null);
        return keepAndGo(request, reply, { kind: 'received', outcome }, '/dordtpas/ontvangen');
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        const first = error instanceof ValidationError ? error.details.errors?.[0] : undefined;
        const field = first?.field;
        const known = field === 'monthlyNetIncomeCents' ? 'income' : field === 'assetsCents' ? 'assets' : field;
        if (known && formFieldNames(rows, adultRows).includes(known)) return again({ [known]: first?.reason ?? error.message });
        return again({}, rows, error.message);
      }
    },
  );

  // What residents can do with the pass: approved, current offers, searched with a GET form (no script, shareable).
  const offerQuery = z.object({
    zoek: z.string().max(300).optional(),
    categorie: z.string().max(100).optional(),
    wijk: z.string().max(100).optional(),
    leeftijd: z.string().max(100).optional(),
  });
  app.get('/dordtpas/aanbod', { config: { access: 'public' }, schema: { hide: true, querystring: offerQuery } }, async (request, reply) => {
    const all = await publicOfferList(db, municipalityCode);
    const read = readOfferSearch(request.query, { categories: all.categories.map((c) => c.code), areas: all.areas.map((a) => a.code) });
    const errors = Object.fromEntries(Object.entries(read.problems).map(([field, code]) => [field, offerSearchTexts[code]]));
    // A wrong value is said next to its field; the other values still search.
    const list = Object.keys(read.search).length ? await publicOfferList(db, municipalityCode, read.search) : all;
    return sendPage(reply, offersPage(list, request.query, errors));
  });

  app.get('/dordtpas/ontvangen', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const page = kept(request);
    return page?.kind === 'received' ? sendPage(reply, receivedPage(page.outcome)) : sendPage(reply, expiredPage('received'));
  });

  app.get('/dordtpas/mijn-pas', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const resident = await currentResident(db, request);
    const box = residentLoginBox(config, resident, '/dordtpas/mijn-pas');
    // Logged in with DigiD: the resident's own applications, found by the BSN from the token; no code needed.
    if (resident?.bsn)
      return sendPage(reply, await myPassesPage(await residentStatusesByBsn(db, anonymousActor(request.ip), municipalityCode, resident.bsn), box));
    const page = kept(request);
    return sendPage(
      reply,
      page?.kind === 'lookup' ? myPassFormPage({ reference: page.reference }, page.errors, undefined, box) : myPassFormPage({}, {}, undefined, box),
    );
  });

  app.post(
    '/dordtpas/mijn-pas',
    { config: { ...formConfig, rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { hide: true, body: formBody } },
    async (request, reply) => {
      if (crossSite(request)) return refuse(reply);
      const reference = formValue(request.body, 'reference');
      const accessCode = formValue(request.body, 'accessCode');
      const errors: Record<string, string> = {};
      if (!reference) errors.reference = 'Vul uw aanvraagnummer in.';
      if (!accessCode) errors.accessCode = 'Vul uw code in.';
      const parsed = statusLookupInput.safeParse({ reference, accessCode });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const name = String(issue.path[0]);
          errors[name] ??=
            name === 'reference'
              ? 'Dit is geen aanvraagnummer. Het begint met DP-, bijvoorbeeld DP-AB12CD34.'
              : 'Deze code is te kort of te lang. Neem de code over zoals u die kreeg.';
        }
      }
      const again = (fieldErrors: Record<string, string>) =>
        keepAndGo(request, reply, { kind: 'lookup', reference, errors: fieldErrors }, '/dordtpas/mijn-pas#fouten');
      if (Object.keys(errors).length) return again(errors);
      try {
        const status = await residentStatus(db, anonymousActor(request.ip), parsed.data!);
        return keepAndGo(request, reply, { kind: 'status', status }, '/dordtpas/mijn-pas/overzicht');
      } catch (error) {
        // A wrong reference or code is one refusal (passError('wrong_access_code')): say so next to the code.
        if (!(error instanceof AppError && error.details.reason === 'wrong_access_code')) throw error;
        return again({ accessCode: error.message });
      }
    },
  );

  app.get('/dordtpas/mijn-pas/overzicht', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const page = kept(request);
    return page?.kind === 'status' ? sendPage(reply, await myPassPage(page.status, page.renewal)) : sendPage(reply, expiredPage('status'));
  });

  // The resident confirms the next pass year: only for the application shown to them (reference and code, or DigiD).
  app.post('/dordtpas/mijn-pas/verlengen', { config: formConfig, schema: { hide: true, body: formBody } }, async (request, reply) => {
    if (crossSite(request)) return refuse(reply);
    const reference = formValue(request.body, 'reference');
    const year = Number(formValue(request.body, 'year'));
    const page = kept(request);
    const resident = page?.kind === 'status' ? null : await currentResident(db, request);
    const own =
      page?.kind === 'status'
        ? page.status.reference === reference
        : resident?.bsn
          ? (await residentStatusesByBsn(db, anonymousActor(request.ip), municipalityCode, resident.bsn)).some((s) => s.reference === reference)
          : false;
    if (!own || !Number.isInteger(year)) return sendPage(reply, expiredPage('status'));
    const actor = anonymousActor(request.ip);
    const status = await residentStatusOfReference(db, actor, reference);
    if (formValue(request.body, 'confirm') !== 'ja')
      return keepAndGo(request, reply, { kind: 'status', status, renewal: { errors: { confirm: confirmMissingText } } }, '/dordtpas/mijn-pas/overzicht#fouten');
    const passId = await passIdOfReference(db, actor, reference);
    if (!passId) return sendPage(reply, expiredPage('status'));
    const result = await confirmRenewal(db, actor, passId, year);
    const after = await residentStatusOfReference(db, actor, reference);
    return keepAndGo(request, reply, { kind: 'status', status: after, renewal: { errors: {}, message: result.message } }, '/dordtpas/mijn-pas/overzicht');
  });

  app.post('/dordtpas/mijn-pas/sluiten', { config: formConfig, schema: { hide: true } }, async (request, reply) => {
    store.delete(request.cookies[RESULT_COOKIE]);
    reply.clearCookie(RESULT_COOKIE, { path: '/dordtpas' });
    return reply.redirect('/dordtpas/mijn-pas', 303);
  });
};
