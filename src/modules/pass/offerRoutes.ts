import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { dordrechtWijken } from '../../platform/areas.ts';
import { ValidationError } from '../../platform/errors.ts';
import { municipalityCodeOrDefault } from '../../platform/municipalities.ts';
import { offerSearchTexts } from './messages.ts';
import * as oc from './offerContract.ts';
import { readOfferSearch } from './offerRules.ts';
import { decideOffer, listMyOffers, listOffersForReview, offerDecisionInput, offerReviewQuery, publicOfferList, withdrawOffer } from './offers.ts';
import { listCategories } from './configuration.ts';

const tags = ['pass'];
const idParams = z.object({ id: z.string().uuid() });
const publicQuery = z.object({
  municipalityCode: municipalityCodeOrDefault,
  zoek: z.string().max(200).optional(),
  categorie: z.string().max(50).optional(),
  wijk: z.string().max(20).optional(),
  leeftijd: z.string().max(10).optional(),
});

/** The routes of providers' offers: the provider's own list, the pass office's review, withdrawing, the public list. */
export const offerRoutes: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/pass/offers/public',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Goedgekeurd, lopend aanbod van de aanbieders (zoeken op tekst, categorie, wijk, leeftijd)',
        response: { 200: oc.publicOffers },
        querystring: publicQuery,
      },
    },
    async (request) => {
      const { municipalityCode, ...raw } = request.query;
      const categories = await listCategories(db);
      const read = readOfferSearch(raw, { categories: categories.map((c) => c.code), areas: dordrechtWijken.map((a) => a.code) });
      const errors = Object.entries(read.problems).map(([field, code]) => ({ field, reason: offerSearchTexts[code] }));
      if (errors.length) throw new ValidationError(errors[0]!.reason, errors);
      return publicOfferList(db, municipalityCode, read.search);
    },
  );

  app.get(
    '/pass/offers/mine',
    {
      config: { access: 'pass:charge' },
      schema: {
        tags,
        summary: 'Het aanbod van de eigen aanbieder, met de stand van elk aanbod',
        response: { 200: z.object({ provider: z.object({ id: z.string().uuid(), name: z.string() }), offers: oc.offerList }) },
      },
    },
    async (request) => listMyOffers(db, request.actor),
  );

  app.get(
    '/pass/offers/review',
    {
      config: { access: 'pass:providers' },
      schema: { tags, summary: 'Aangemeld aanbod om te beoordelen (Dordtpas-balie)', response: { 200: oc.offerReviewList }, querystring: offerReviewQuery },
    },
    async (request) => listOffersForReview(db, request.actor, request.query),
  );

  app.post(
    '/pass/offers/:id/decision',
    {
      config: { access: 'pass:providers' },
      schema: {
        tags,
        summary: 'Aanbod goedkeuren, of afwijzen met een reden',
        response: { 200: oc.offer },
        params: idParams,
        body: offerDecisionInput,
      },
    },
    async (request) => decideOffer(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/pass/offers/:id/withdraw',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Aanbod intrekken (eigen aanbieder of Dordtpas-balie)', response: { 200: oc.offer }, params: idParams },
    },
    async (request) => withdrawOffer(db, request.actor, request.params.id),
  );
};
