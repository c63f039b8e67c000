import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { municipalityCodeOrDefault } from '../../platform/municipalities.ts';
import { lapseInvitations, newYearInput, previewBenefits, startPassYear } from './commands/passYear.ts';
import { eligibilityRulesInput, getEligibilityRules, setEligibilityRules } from './eligibilityConfig.ts';
import * as yc from './yearContract.ts';

const tags = ['pass'];
const yearQuery = z.object({ municipalityCode: municipalityCodeOrDefault, year: z.coerce.number().int().min(2020).max(2100) });
const yearBody = z.object({ municipalityCode: municipalityCodeOrDefault, year: z.number().int().min(2021).max(2100) });

/** The pass office's routes for a pass year: eligibility rules per year, the benefits file, starting the year, lapsing. */
export const yearRoutes: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/pass/eligibility-rules',
    {
      config: { access: 'pass:administer' },
      schema: { tags, summary: 'Regels voor de Dordtpas in een pasjaar', response: { 200: yc.yearRules }, querystring: yearQuery },
    },
    async (request) => getEligibilityRules(db, request.actor, request.query.municipalityCode, request.query.year),
  );
  app.put(
    '/pass/eligibility-rules',
    {
      config: { access: 'pass:administer' },
      schema: { tags, summary: 'Regels voor de Dordtpas in een pasjaar opslaan', response: { 200: yc.yearRules }, body: eligibilityRulesInput },
    },
    async (request) => setEligibilityRules(db, request.actor, request.body),
  );
  app.post(
    '/pass/years/benefits-preview',
    {
      config: { access: 'pass:administer' },
      schema: {
        tags,
        summary: 'Uitkeringsbestand controleren: aantal ontvangers en elke foute regel',
        response: { 200: yc.benefitsPreview },
        body: z.object({ benefitsCsv: z.string().max(5_000_000) }),
      },
    },
    async (request) => previewBenefits(request.actor, request.body.benefitsCsv),
  );
  app.post(
    '/pass/years/start',
    {
      config: { access: 'pass:administer' },
      schema: {
        tags,
        summary: 'Nieuw pasjaar: verlengen, uitnodigen, vervallen (nog een keer draaien verandert niets)',
        response: { 200: yc.newYearResult },
        body: newYearInput,
      },
    },
    async (request) => startPassYear(db, request.actor, request.body),
  );
  app.post(
    '/pass/years/lapse',
    {
      config: { access: 'pass:administer' },
      schema: { tags, summary: 'Uitnodigingen na de uiterste datum laten vervallen', response: { 200: yc.lapseResult }, body: yearBody },
    },
    async (request) => lapseInvitations(db, request.actor, request.body.municipalityCode, request.body.year),
  );
};
