import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { anonymousActor } from '../../platform/actor.ts';
import { fileResponse } from '../../platform/contract.ts';
import { municipalityCodeOrDefault } from '../../platform/municipalities.ts';
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
import {
  chargeInput,
  chargePass,
  lookupInput,
  lookupPassForCharge,
  myProvider,
  payoutStatement,
  refundCharge,
  refundInput,
  statementQuery,
} from './charges.ts';
import {
  createProvider,
  listConfiguration,
  listProviders,
  normInput,
  providerInput,
  rulesInput,
  setCategoryAllowed,
  setNorm,
  setRules,
} from './configuration.ts';
import * as c from './contract.ts';
import { listPayouts, markPayoutPaid, payoutFile, payoutInput, providerIbanInput, runPayout, setProviderIban } from './payouts.ts';
import { offerRoutes } from './offerRoutes.ts';
import { yearRoutes } from './yearRoutes.ts';
import { offerInput, submitOffer } from './offers.ts';
import { publicInfo } from './public.ts';
import { statementCsv, statementPdf } from './statement.ts';

const tags = ['pass'];
const idParams = z.object({ id: z.string().uuid() });
const municipalityQuery = z.object({ municipalityCode: municipalityCodeOrDefault });
/** The statement as JSON, or as a file for the bookkeeping (`format=csv|pdf`). */
const statementResponse = {
  description: 'Het uitbetalingsoverzicht: JSON, of een bestand (CSV, PDF).',
  content: { 'application/json': { schema: c.statement }, ...fileResponse('Het overzicht als bestand.', 'text/csv', 'application/pdf').content },
};

export const passRoutes: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  await app.register(offerRoutes, { db, config });
  await app.register(yearRoutes, { db, config });

  // Residents (no account): information, applying, and looking up their own pass with reference + code.
  app.get(
    '/pass/public-info',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Dordtpas: regels, categorieën en vrijwilligersorganisaties', response: { 200: c.publicInfo }, querystring: municipalityQuery },
    },
    async (request) => publicInfo(db, request.query.municipalityCode),
  );

  app.post(
    '/pass/applications',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Dordtpas aanvragen (inwoner, of consulent namens inwoner)', response: { 201: c.applicationOutcome }, body: applicationInput },
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
      schema: {
        tags,
        summary: 'Eigen aanvraag, pas en kindtegoed bekijken met aanvraagnummer en code',
        response: { 200: c.residentStatus },
        body: statusLookupInput,
      },
    },
    async (request) => residentStatus(db, anonymousActor(request.ip), request.body),
  );

  // The pass office.
  app.get(
    '/pass/applications',
    {
      config: { access: 'pass:administer' },
      schema: { tags, summary: 'Aanvragen (werklijst)', response: { 200: c.applicationList }, querystring: applicationListQuery },
    },
    async (request) => listApplications(db, request.actor, request.query),
  );
  app.post(
    '/pass/applications/:id/decision',
    {
      config: { access: 'pass:administer' },
      schema: {
        tags,
        summary: 'Besluit op een aanvraag; bij toekennen wordt de pas gemaakt',
        response: { 200: c.decisionResult },
        params: idParams,
        body: decisionInput,
      },
    },
    async (request) => decideApplication(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/pass/passes/search',
    {
      config: { access: 'pass:administer' },
      schema: { tags, summary: 'Pas zoeken op pasnummer', response: { 200: c.passView }, body: z.object({ number: z.string().min(4).max(20) }) },
    },
    async (request) => findPassByNumber(db, request.actor, request.body.number),
  );
  app.get(
    '/pass/passes/:id',
    { config: { access: 'pass:administer' }, schema: { tags, summary: 'Pas met huishouden en kindtegoeden', response: { 200: c.passView }, params: idParams } },
    async (request) => getPass(db, request.actor, request.params.id),
  );
  app.post(
    '/pass/passes/:id/status',
    {
      config: { access: 'pass:administer' },
      schema: { tags, summary: 'Pas blokkeren of deblokkeren', response: { 200: c.passStatusChanged }, params: idParams, body: statusChangeInput },
    },
    async (request) => setPassStatus(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/pass/passes/:id/replace',
    {
      config: { access: 'pass:administer' },
      schema: { tags, summary: 'Verloren pas vervangen; het tegoed gaat mee', response: { 200: c.passReplaced }, params: idParams },
    },
    async (request) => replaceLostPass(db, request.actor, request.params.id),
  );

  // Configuration as data.
  app.get(
    '/pass/configuration',
    {
      config: { access: 'pass:administer' },
      schema: { tags, summary: 'Normtabel, regels en categorieën', response: { 200: c.configuration }, querystring: municipalityQuery },
    },
    async (request) => listConfiguration(db, request.actor, request.query.municipalityCode),
  );
  app.put(
    '/pass/norms',
    {
      config: { access: 'pass:administer' },
      schema: { tags, summary: 'Bijstandsnorm vastleggen voor een huishoudtype vanaf een datum', response: { 200: c.normRow }, body: normInput },
    },
    async (request) => setNorm(db, request.actor, request.body),
  );
  app.put(
    '/pass/rules',
    {
      config: { access: 'pass:administer' },
      schema: { tags, summary: 'Regels vastleggen (inkomensgrens, kindtegoed, prijzen) vanaf een datum', response: { 200: c.rulesRow }, body: rulesInput },
    },
    async (request) => setRules(db, request.actor, request.body),
  );
  app.put(
    '/pass/categories/:code',
    {
      config: { access: 'pass:administer' },
      schema: {
        tags,
        summary: 'Mag het kindtegoed aan deze categorie besteed worden?',
        response: { 200: c.category },
        params: z.object({ code: z.string().max(50) }),
        body: z.object({ childBudgetAllowed: z.boolean() }),
      },
    },
    async (request) => setCategoryAllowed(db, request.actor, request.params.code, request.body.childBudgetAllowed),
  );

  // Providers, offers and payout statements.
  app.get(
    '/pass/providers',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Aanbieders met hun aanbod', response: { 200: c.providerList } } },
    async (request) => listProviders(db, request.actor),
  );
  app.post(
    '/pass/providers',
    { config: { access: 'pass:providers' }, schema: { tags, summary: 'Aanbieder aansluiten', response: { 201: c.provider }, body: providerInput } },
    async (request, reply) => reply.code(201).send(await createProvider(db, request.actor, request.body)),
  );
  app.post(
    '/pass/providers/:id/offers',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Aanbod of korting aanmelden (aanbieder: wacht op de Dordtpas-balie; balie: meteen goedgekeurd)',
        response: { 201: c.offer },
        params: idParams,
        body: offerInput,
      },
    },
    async (request, reply) => reply.code(201).send(await submitOffer(db, request.actor, request.params.id, request.body)),
  );
  app.get(
    '/pass/providers/:id/statement',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Uitbetalingsoverzicht van een aanbieder over een periode (JSON, CSV of PDF)',
        response: { 200: statementResponse },
        params: idParams,
        querystring: statementQuery.extend({ format: z.enum(['json', 'csv', 'pdf']).default('json') }),
      },
    },
    async (request, reply) => {
      const { format, ...period } = request.query;
      const statement = await payoutStatement(db, request.actor, request.params.id, period);
      const file = `uitbetaling-dordtpas-${period.from}-${period.to}`;
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file}.csv"`)
          .send(statementCsv(statement) as never); // a file: the JSON schema does not apply
      if (format === 'pdf')
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${file}.pdf"`)
          .send((await statementPdf(statement)) as never);
      return statement;
    },
  );

  // The till: a cashier's session or the provider's API key.
  app.get(
    '/pass/cashier',
    { config: { access: 'pass:charge' }, schema: { tags, summary: 'Eigen aanbieder, aanbod en categorieën voor de kassa', response: { 200: c.cashierInfo } } },
    async (request) => myProvider(db, request.actor),
  );
  app.post(
    '/pass/cashier/lookup',
    { config: { access: 'pass:charge' }, schema: { tags, summary: 'Pas controleren aan de kassa', response: { 200: c.cashierLookup }, body: lookupInput } },
    async (request) => lookupPassForCharge(db, request.actor, request.body),
  );
  app.post(
    '/pass/charges',
    {
      config: { access: 'pass:charge' },
      schema: {
        tags,
        summary: 'Betalen met kindtegoed (atomair, met idempotency key); geeft een bon',
        response: { 200: c.receipt, 201: c.receipt },
        body: chargeInput,
      },
    },
    async (request, reply) => {
      const receipt = await chargePass(db, request.actor, request.body);
      return reply.code(receipt.replayed ? 200 : 201).send(receipt);
    },
  );
  app.post(
    '/pass/refunds',
    {
      config: { access: 'pass:charge' },
      schema: { tags, summary: 'Betaling (deels) terugboeken op het kindtegoed', response: { 200: c.receipt, 201: c.receipt }, body: refundInput },
    },
    async (request, reply) => {
      const receipt = await refundCharge(db, request.actor, request.body);
      return reply.code(receipt.replayed ? 200 : 201).send(receipt);
    },
  );

  // Payouts: the provider's IBAN, a run per period (a pain.001.001.03 file for the bank), marked paid once.
  app.put(
    '/pass/providers/:id/iban',
    {
      config: { access: 'pass:providers' },
      schema: { tags, summary: 'IBAN van een aanbieder (voor de uitbetaling)', response: { 200: c.providerIban }, params: idParams, body: providerIbanInput },
    },
    async (request) => setProviderIban(db, request.actor, request.params.id, request.body),
  );
  app.get(
    '/pass/payouts',
    { config: { access: 'pass:providers' }, schema: { tags, summary: 'Uitbetalingen aan aanbieders', response: { 200: c.payoutList } } },
    async (request) => listPayouts(db, request.actor),
  );
  app.post(
    '/pass/payouts',
    {
      config: { access: 'pass:providers' },
      schema: {
        tags,
        summary: 'Uitbetaling over een periode: per aanbieder wat nog niet is uitbetaald, als SEPA-bestand',
        response: { 201: c.payoutResult },
        body: payoutInput,
      },
    },
    async (request, reply) => reply.code(201).send(await runPayout(db, request.actor, request.body)),
  );
  app.post(
    '/pass/payouts/:id/paid',
    {
      config: { access: 'pass:providers' },
      schema: { tags, summary: 'Uitbetaling als betaald markeren (één keer)', response: { 200: c.payoutResult }, params: idParams },
    },
    async (request) => markPayoutPaid(db, request.actor, request.params.id),
  );
  app.get(
    '/pass/payouts/:id/pain001',
    {
      config: { access: 'pass:providers' },
      schema: {
        tags,
        summary: 'Het SEPA-bestand (pain.001.001.03) van een uitbetaling, voor de bank',
        response: { 200: fileResponse('Het SEPA-overschrijvingsbestand.', 'application/xml') },
        params: idParams,
      },
    },
    async (request, reply) => {
      const file = await payoutFile(db, request.actor, request.params.id);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.xml as never);
    },
  );

  // Campaigns. The figures reach people only through insights, which protects them (no route hands them out raw).
  app.get(
    '/pass/campaigns',
    { config: { access: 'pass:campaigns' }, schema: { tags, summary: 'Eenmalige bijdragen', response: { 200: c.campaignList } } },
    async (request) => listCampaigns(db, request.actor),
  );
  app.post(
    '/pass/campaigns',
    {
      config: { access: 'pass:campaigns' },
      schema: { tags, summary: 'Eenmalige bijdrage uitvoeren (idempotent)', response: { 200: c.campaignResult }, body: campaignInput },
    },
    async (request) => runCampaign(db, request.actor, request.body),
  );
};
