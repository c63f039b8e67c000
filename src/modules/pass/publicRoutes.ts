// HTTP for the residents' Dordtpas pages (pages.ts): plain form posts, each answered with 303 See Other to a GET page,
// so Back and Reload never ask to send a form again. What a result page shows is kept a few minutes on the server
// under a random one-time key in an HttpOnly, SameSite=Strict cookie: never the code in an address.
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { anonymousActor } from '../../platform/actor.ts';
import { AppError, ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { formValue, isCrossSiteForm, sendPage } from '../../platform/html.ts';
import { DEFAULT_MUNICIPALITY } from '../../platform/municipalities.ts';
import { boundedRecord } from '../../platform/validation.ts';
import { residentStatus, statusLookupInput, submitApplication, type ApplicationOutcome } from './applications.ts';
import { childRowsOf, formFieldNames, maxChildRows, readApplicationForm, type ApplicationFormValues } from './applicationForm.ts';
import { applyPage, expiredPage, myPassFormPage, myPassPage, receivedPage, refusedPage, type ResidentStatus } from './pages.ts';
import { publicInfo } from './public.ts';

const RESULT_COOKIE = 'vangnet_dordtpas';
/** How long a result page stays visible (Reload, Back) before the resident has to fill in the form again. */
const resultTtlMs = 10 * 60_000;
const maxKept = 5_000;

type KeptItem = { kind: 'received'; outcome: ApplicationOutcome } | { kind: 'status'; status: ResidentStatus };
type Kept = KeptItem & { expires: number };

/** Result pages kept in this process's memory only; expired ones are dropped on every write. */
export class ResultStore {
  private readonly items = new Map<string, Kept>();
  constructor(private readonly now: () => number = Date.now) {}
  put(item: KeptItem): string {
    const now = this.now();
    for (const [key, kept] of this.items) if (kept.expires <= now) this.items.delete(key);
    while (this.items.size >= maxKept) this.items.delete(this.items.keys().next().value!);
    const key = randomBytes(24).toString('base64url');
    this.items.set(key, { ...item, expires: now + resultTtlMs });
    return key;
  }
  get(key: string | undefined): Kept | null {
    const kept = key ? this.items.get(key) : undefined;
    if (!kept || kept.expires <= this.now()) return null;
    return kept;
  }
  delete(key: string | undefined): void {
    if (key) this.items.delete(key);
  }
}

const formBody = boundedRecord(z.string().max(100), z.union([z.string().max(500), z.array(z.string().max(500)).max(5)]), 120);

export const passPages: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const store = new ResultStore();
  const publicHost = new URL(config.publicUrl).host;
  const municipalityCode = DEFAULT_MUNICIPALITY;
  const crossSite = (request: FastifyRequest) => isCrossSiteForm(request.headers, [request.host, publicHost]);
  const keep = (reply: FastifyReply, item: KeptItem) =>
    reply.setCookie(RESULT_COOKIE, store.put(item), { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/dordtpas', maxAge: resultTtlMs / 1000 });
  const refuse = (reply: FastifyReply) => sendPage(reply, refusedPage(), 403);
  // A resident's form never acts as the staff member who may be logged in in the same browser (and needs no CSRF header).
  const formConfig = { access: 'public' as const, csrfExempt: true };

  app.get('/dordtpas', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    sendPage(reply, applyPage(await publicInfo(db, municipalityCode), { route: 'income', 'applicant.city': 'Dordrecht' }, {}, 1)),
  );

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
      const info = await publicInfo(db, municipalityCode);
      if (formValue(body, 'actie') === 'kind-erbij') return sendPage(reply, applyPage(info, values, {}, Math.min(maxChildRows, rows + 1)));
      const read = readApplicationForm(values, rows, municipalityCode);
      if (!read.ok) return sendPage(reply, applyPage(info, values, read.errors, rows), 400);
      try {
        const outcome = await submitApplication(db, anonymousActor(request.ip), read.input);
        keep(reply, { kind: 'received', outcome });
        return reply.redirect('/dordtpas/ontvangen', 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        const field = error instanceof ValidationError ? error.details.errors?.[0]?.field : undefined;
        const known = field === 'monthlyNetIncomeCents' ? 'income' : field;
        if (known && formFieldNames(rows).includes(known)) return sendPage(reply, applyPage(info, values, { [known]: error.message }, rows), 400);
        return sendPage(reply, applyPage(info, values, {}, rows, error.message), error.status);
      }
    },
  );

  app.get('/dordtpas/ontvangen', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const kept = store.get(request.cookies[RESULT_COOKIE]);
    return kept?.kind === 'received' ? sendPage(reply, receivedPage(kept.outcome)) : sendPage(reply, expiredPage('received'));
  });

  app.get('/dordtpas/mijn-pas', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => sendPage(reply, myPassFormPage({}, {})));

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
          errors[name] ??= name === 'reference' ? 'Dit is geen aanvraagnummer. Het begint met DP-, bijvoorbeeld DP-AB12CD34.' : 'Deze code is te kort of te lang. Neem de code over zoals u die kreeg.';
        }
      }
      if (Object.keys(errors).length) return sendPage(reply, myPassFormPage({ reference }, errors), 400);
      try {
        const status = await residentStatus(db, anonymousActor(request.ip), parsed.data!);
        store.delete(request.cookies[RESULT_COOKIE]);
        keep(reply, { kind: 'status', status });
        return reply.redirect('/dordtpas/mijn-pas/overzicht', 303);
      } catch (error) {
        if (!(error instanceof ForbiddenError)) throw error;
        return sendPage(reply, myPassFormPage({ reference }, { accessCode: error.message }), 403);
      }
    },
  );

  app.get('/dordtpas/mijn-pas/overzicht', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const kept = store.get(request.cookies[RESULT_COOKIE]);
    return kept?.kind === 'status' ? sendPage(reply, myPassPage(kept.status)) : sendPage(reply, expiredPage('status'));
  });

  app.post('/dordtpas/mijn-pas/sluiten', { config: formConfig, schema: { hide: true } }, async (request, reply) => {
    store.delete(request.cookies[RESULT_COOKIE]);
    reply.clearCookie(RESULT_COOKIE, { path: '/dordtpas' });
    return reply.redirect('/dordtpas/mijn-pas', 303);
  });
};
