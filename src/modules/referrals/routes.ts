import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { municipalityCode, ownMunicipalities } from '../../platform/municipalities.ts';
import {
  actOnReferral,
  consentGrantInput,
  createReferral,
  createStaffIntake,
  referralActionInput,
  referralInput,
  serviceLevelInput,
  setServiceLevel,
  staffIntakeInput,
  grantConsent,
  withdrawConsent,
} from './commands/index.ts';
import {
  actionLabels,
  actionPaths,
  actionResult,
  codeListsResponse,
  consentGranted,
  consentScopes,
  consentWithdrawn,
  flagLabels,
  householdRelations,
  intakeCreated,
  partnersResponse,
  referralCreated,
  referralRoutes,
  referralStates,
  referralThemes,
  referralView,
  serviceLevelSaved,
  serviceLevelsResponse,
  timelineResponse,
  workListResponse,
  type ReferralAction,
} from './contract.ts';
import { getReferral, listPartners, listServiceLevels, residentTimeline, workList } from './queries.ts';

const idParams = z.object({ id: z.string().uuid() });
const tags = ['referrals'];

const actionSummaries: Record<ReferralAction, string> = {
  accept: 'Verwijzing accepteren (ontvanger)',
  decline: 'Verwijzing afwijzen met reden (ontvanger)',
  first_contact: 'Eerste contact met de inwoner vastleggen (ontvanger); daarna is de verwijzer niet meer verantwoordelijk',
  help_in_place: 'Vastleggen dat de hulp loopt (ontvanger)',
  close: 'Verwijzing afsluiten',
};

export const referralRoutesPlugin: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/referrals/code-lists',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Codelijsten: onderwerpen, routes, statussen, signalen, toestemmingen', response: { 200: codeListsResponse } },
    },
    async () => ({
      themes: referralThemes,
      routes: referralRoutes,
      states: referralStates,
      actions: actionLabels,
      flags: flagLabels,
      consentScopes,
      householdRelations,
    }),
  );

  app.get(
    '/referrals/partners',
    { config: { access: 'referrals:work' }, schema: { tags, summary: 'Organisaties waarnaar u kunt verwijzen', response: { 200: partnersResponse } } },
    async (request) => listPartners(db, request.actor),
  );

  app.get(
    '/referrals/service-levels',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Servicenormen per onderwerp (werkdagen tot antwoord en tot eerste contact)',
        querystring: z.object({ municipalityCode }),
        response: { 200: serviceLevelsResponse },
      },
    },
    async (request) => {
      if (!ownMunicipalities(request.actor).includes(request.query.municipalityCode)) throw new ForbiddenError();
      return listServiceLevels(db, request.query.municipalityCode);
    },
  );

  app.put(
    '/referrals/service-levels',
    {
      config: { access: 'referrals:configure' },
      schema: { tags, summary: 'Servicenorm voor een onderwerp instellen', body: serviceLevelInput, response: { 200: serviceLevelSaved } },
    },
    async (request) => setServiceLevel(db, request.actor, request.body),
  );

  app.get(
    '/referrals/worklist',
    {
      config: { access: 'referrals:work' },
      schema: {
        tags,
        summary: 'Werklijst: binnenkomende en uitgaande verwijzingen met signalen',
        querystring: z.object({ includeClosed: z.enum(['true', 'false']).optional() }),
        response: { 200: workListResponse },
      },
    },
    async (request) => workList(db, request.actor, { includeClosed: request.query.includeClosed === 'true' }),
  );

  app.post(
    '/referrals',
    {
      config: { access: 'referrals:work' },
      schema: { tags, summary: 'Inwoner verwijzen naar een andere organisatie (met toestemming)', body: referralInput, response: { 201: referralCreated } },
    },
    async (request, reply) => reply.code(201).send(await createReferral(db, request.actor, request.body)),
  );

  app.post(
    '/referrals/intakes',
    {
      config: { access: 'referrals:work' },
      schema: { tags, summary: 'Aanmelding bij inloop of door de huisarts (sociaal recept)', body: staffIntakeInput, response: { 201: intakeCreated } },
    },
    async (request, reply) => reply.code(201).send(await createStaffIntake(db, request.actor, request.body)),
  );

  app.get(
    '/referrals/:id',
    {
      config: { access: 'referrals:work' },
      schema: { tags, summary: 'Eén verwijzing met de stappen die u nu kunt zetten', params: idParams, response: { 200: referralView } },
    },
    async (request) => getReferral(db, request.actor, request.params.id),
  );

  for (const [action, path] of Object.entries(actionPaths) as [ReferralAction, string][]) {
    app.post(
      `/referrals/:id/${path}`,
      {
        config: { access: 'referrals:work' },
        schema: { tags, summary: actionSummaries[action], params: idParams, body: referralActionInput, response: { 200: actionResult } },
      },
      async (request) => actOnReferral(db, request.actor, request.params.id, action, request.body ?? {}),
    );
  }

  app.get(
    '/referrals/residents/:id/timeline',
    {
      config: { access: 'referrals:work' },
      schema: {
        tags,
        summary: 'Tijdlijn van een inwoner over alle betrokken organisaties (alleen met toestemming)',
        params: idParams,
        response: { 200: timelineResponse },
      },
    },
    async (request) => residentTimeline(db, request.actor, request.params.id),
  );

  app.post(
    '/referrals/residents/:id/consents',
    {
      config: { access: 'referrals:work' },
      schema: {
        tags,
        summary: 'Toestemming van de inwoner vastleggen voor een organisatie',
        params: idParams,
        body: consentGrantInput,
        response: { 201: consentGranted },
      },
    },
    async (request, reply) => reply.code(201).send(await grantConsent(db, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/referrals/consents/:id/withdraw',
    {
      config: { access: 'referrals:work' },
      schema: {
        tags,
        summary: 'Toestemming intrekken: de organisatie ziet daarna niets meer van deze inwoner',
        params: idParams,
        body: z.object({ note: z.string().trim().max(1000).optional().nullable() }),
        response: { 200: consentWithdrawn },
      },
    },
    async (request) => withdrawConsent(db, request.actor, request.params.id, request.body ?? {}),
  );
};
