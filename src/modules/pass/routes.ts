import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { anonymousActor } from '../../platform/actor.ts';
import { can } from '../../platform/authz.ts';
import {
  applicationInput,
  applicationListQuery,
  decideApplication,
  decisionInput,
  findPassByNumber,
  getPass,
  listApplications,
  replaceLostPass,
  residentStatus,
  setPassStatus,
  statusChangeInput,
  statusLookupInput,
  submitApplication,
} from './applications.ts';
import { campaignInput, listCampaigns, runCampaign } from './campaigns.ts';
import { chargeInput, chargePass, lookupInput, lookupPassForCharge, myProvider, payoutStatement, refundCharge, refundInput, statementQuery } from './charges.ts';
import {
  addOffer,
  createProvider,
  listConfiguration,
  listProviders,
  normInput,
  offerInput,
  providerInput,
  rulesInput,
  setCategoryAllowed,
  setNorm,
  setRules,
} from './configuration.ts';
import { publicInfo } from './public.ts';
import { collectPassMetrics } from './metrics.ts';
import { statementCsv, statementPdf } from './statement.ts';

const tags = ['pass'];
const idParams = z.object({ id: z.string().uuid() });
const municipalityQuery = z.object({ municipalityCode: z.string().regex(/^GM\d{4}$/).default('GM0505') });

export const passRoutes: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  // Residents (no account): information, applying, and looking up their own pass with reference + code.
  app.get('/pass/public-info', { config: { access: 'public' }, schema: { tags, summary: 'Dordtpas: regels, categorieën en vrijwilligersorganisaties', querystring: municipalityQuery } }, async (request) =>
    publicInfo(db, request.query.municipalityCode),
  );

  app.post(
    '/pass/applications',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Dordtpas aanvragen (inwoner, of consulent namens inwoner)', body: applicationInput },
    },
    async (request, reply) => {
      // A staff member without pass:administer who happens to be logged in applies like any resident.
      const actor = can(request.actor, 'pass:administer') ? request.actor : anonymousActor(request.ip);
      return reply.code(201).send(await submitApplication(db, actor, request.body));
    },
  );

  app.post(
    '/pass/status',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Eigen aanvraag, pas en kindtegoed bekijken met aanvraagnummer en code', body: statusLookupInput },
    },
    async (request) => residentStatus(db, anonymousActor(request.ip), request.body),
  );

  // The pass office.
  app.get('/pass/applications', { config: { access: 'pass:administer' }, schema: { tags, summary: 'Aanvragen (werklijst)', querystring: applicationListQuery } }, async (request) =>
    listApplications(db, request.actor, request.query),
  );
  app.post(
    '/pass/applications/:id/decision',
    { config: { access: 'pass:administer' }, schema: { tags, summary: 'Besluit op een aanvraag; bij toekennen wordt de pas gemaakt', params: idParams, body: decisionInput } },
    async (request) => decideApplication(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/pass/passes/search',
    { config: { access: 'pass:administer' }, schema: { tags, summary: 'Pas zoeken op pasnummer', body: z.object({ number: z.string().min(4).max(20) }) } },
    async (request) => findPassByNumber(db, request.actor, request.body.number),
  );
  app.get('/pass/passes/:id', { config: { access: 'pass:administer' }, schema: { tags, summary: 'Pas met huishouden en kindtegoeden', params: idParams } }, async (request) =>
    getPass(db, request.actor, request.params.id),
  );
  app.post(
    '/pass/passes/:id/status',
    { config: { access: 'pass:administer' }, schema: { tags, summary: 'Pas blokkeren of deblokkeren', params: idParams, body: statusChangeInput } },
    async (request) => setPassStatus(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/pass/passes/:id/replace',
    { config: { access: 'pass:administer' }, schema: { tags, summary: 'Verloren pas vervangen; het tegoed gaat mee', params: idParams } },
    async (request) => replaceLostPass(db, request.actor, request.params.id),
  );

  // Configuration as data.
  app.get('/pass/configuration', { config: { access: 'pass:administer' }, schema: { tags, summary: 'Normtabel, regels en categorieën', querystring: municipalityQuery } }, async (request) =>
    listConfiguration(db, request.actor, request.query.municipalityCode),
  );
  app.put('/pass/norms', { config: { access: 'pass:administer' }, schema: { tags, summary: 'Bijstandsnorm vastleggen voor een huishoudtype vanaf een datum', body: normInput } }, async (request) =>
    setNorm(db, request.actor, request.body),
  );
  app.put('/pass/rules', { config: { access: 'pass:administer' }, schema: { tags, summary: 'Regels vastleggen (inkomensgrens, kindtegoed, prijzen) vanaf een datum', body: rulesInput } }, async (request) =>
    setRules(db, request.actor, request.body),
  );
  app.put(
    '/pass/categories/:code',
    {
      config: { access: 'pass:administer' },
      schema: { tags, summary: 'Mag het kindtegoed aan deze categorie besteed worden?', params: z.object({ code: z.string().max(50) }), body: z.object({ childBudgetAllowed: z.boolean() }) },
    },
    async (request) => setCategoryAllowed(db, request.actor, request.params.code, request.body.childBudgetAllowed),
  );

  // Providers, offers and payout statements.
  app.get('/pass/providers', { config: { access: 'authenticated' }, schema: { tags, summary: 'Aanbieders met hun aanbod' } }, async (request) => listProviders(db, request.actor));
  app.post('/pass/providers', { config: { access: 'pass:providers' }, schema: { tags, summary: 'Aanbieder aansluiten', body: providerInput } }, async (request, reply) =>
    reply.code(201).send(await createProvider(db, request.actor, request.body)),
  );
  app.post(
    '/pass/providers/:id/offers',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Aanbod toevoegen', params: idParams, body: offerInput } },
    async (request, reply) => reply.code(201).send(await addOffer(db, request.actor, request.params.id, request.body)),
  );
  app.get(
    '/pass/providers/:id/statement',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Uitbetalingsoverzicht van een aanbieder over een periode (JSON, CSV of PDF)',
        params: idParams,
        querystring: statementQuery.extend({ format: z.enum(['json', 'csv', 'pdf']).default('json') }),
      },
    },
    async (request, reply) => {
      const { format, ...period } = request.query;
      const statement = await payoutStatement(db, request.actor, request.params.id, period);
      const file = `uitbetaling-dordtpas-${period.from}-${period.to}`;
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(statementCsv(statement));
      if (format === 'pdf') return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file}.pdf"`).send(await statementPdf(statement));
      return statement;
    },
  );

  // The till: a cashier's session or the provider's API key.
  app.get('/pass/cashier', { config: { access: 'pass:charge' }, schema: { tags, summary: 'Eigen aanbieder, aanbod en categorieën voor de kassa' } }, async (request) =>
    myProvider(db, request.actor),
  );
  app.post('/pass/cashier/lookup', { config: { access: 'pass:charge' }, schema: { tags, summary: 'Pas controleren aan de kassa', body: lookupInput } }, async (request) =>
    lookupPassForCharge(db, request.actor, request.body),
  );
  app.post(
    '/pass/charges',
    {
      config: { access: 'pass:charge' },
      schema: { tags, summary: 'Betalen met kindtegoed (atomair, met idempotency key); geeft een bon', body: chargeInput },
    },
    async (request, reply) => {
      const receipt = await chargePass(db, request.actor, request.body);
      return reply.code(receipt.replayed ? 200 : 201).send(receipt);
    },
  );
  app.post('/pass/refunds', { config: { access: 'pass:charge' }, schema: { tags, summary: 'Betaling (deels) terugboeken op het kindtegoed', body: refundInput } }, async (request, reply) => {
    const receipt = await refundCharge(db, request.actor, request.body);
    return reply.code(receipt.replayed ? 200 : 201).send(receipt);
  });

  // Campaigns and figures.
  app.get('/pass/campaigns', { config: { access: 'pass:campaigns' }, schema: { tags, summary: 'Eenmalige bijdragen' } }, async (request) => listCampaigns(db, request.actor));
  app.post('/pass/campaigns', { config: { access: 'pass:campaigns' }, schema: { tags, summary: 'Eenmalige bijdrage uitvoeren (idempotent)', body: campaignInput } }, async (request) =>
    runCampaign(db, request.actor, request.body),
  );
  app.get(
    '/pass/figures',
    {
      config: { access: 'pass:figures' },
      schema: { tags, summary: 'Bereik en besteding per wijk en maand (geanonimiseerd)', querystring: z.object({ fromMonth: z.string().regex(/^\d{4}-\d{2}$/), toMonth: z.string().regex(/^\d{4}-\d{2}$/) }) },
    },
    async (request) => {
      const me = request.actor;
      const values = await collectPassMetrics(db, request.query);
      return values.filter((v) => me.kind === 'user' || me.kind === 'api_key' ? me.municipalities.includes(v.municipalityCode) : false);
    },
  );
};
