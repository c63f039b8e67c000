import type { ModuleRouteOptions } from '../contracts.ts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCan } from '../../platform/authz.ts';
import { insightsSettings } from './settings.ts';
import { fileResponse, noContent } from '../../platform/contract.ts';
import {
  areaList,
  benchmark,
  benchmarkInput,
  benchmarkList,
  dashboardQuery,
  dashboardResult,
  datasetUpload,
  importList,
  importSummary,
  measure,
  measureInput,
  measurePatch,
  populationList,
  populationSummary,
  populationUpload,
  refreshSummary,
  regionCode,
  releaseDetail,
  releaseInput,
  releaseList,
  themeList,
} from './contract.ts';
import { dashboardOrRelease, getRelease, listReleases, publishRelease } from './releases.ts';
import { municipalityCodeOrDefault } from '../../platform/municipalities.ts';
import { createMeasure, deleteBenchmark, ensureInsightsReferenceData, importDataset, refreshFromModules, saveBenchmark, updateMeasure } from './commands.ts';
import { dashboardCsv, defaultRefreshRange } from './domain/dashboard.ts';
import { importPopulation } from './population.ts';
import { listAreas, listBenchmarks, listImports, listPopulation, listThemes } from './referenceQueries.ts';

const tags = ['insights'];
const month = z.string().regex(/^\d{4}-\d{2}$/);

export const insightsRoutes: FastifyPluginAsync<ModuleRouteOptions> = async (base, { db, modules }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const settings = insightsSettings();
  await ensureInsightsReferenceData(db);

  // A dataset may also be posted as the raw file (text/csv) by a machine client, with ?measure=CODE.
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.get(
    '/insights/themes',
    { config: { access: 'insights:read' }, schema: { tags, summary: 'Thema’s van het dashboard met hun maten', response: { 200: themeList } } },
    async () => listThemes(db),
  );

  app.get(
    '/insights/areas',
    {
      config: { access: 'insights:read' },
      schema: {
        tags,
        summary: 'Gebieden (gemeenten, wijken, buurten)',
        querystring: z.object({ municipality: z.string().max(6).optional() }),
        response: { 200: areaList },
      },
    },
    async (request) => listAreas(db, request.query.municipality),
  );

  app.post(
    '/insights/measures',
    {
      config: { access: 'insights:manage' },
      schema: { tags, summary: 'Maat toevoegen (voor een in te lezen bestand)', body: measureInput, response: { 201: measure } },
    },
    async (request, reply) => reply.code(201).send(await createMeasure(db, request.actor, request.body)),
  );

  app.patch(
    '/insights/measures/:code',
    {
      config: { access: 'insights:manage' },
      schema: {
        tags,
        summary: 'Maat wijzigen (thema, optelling)',
        params: z.object({ code: z.string().max(100) }),
        body: measurePatch,
        response: { 200: measure },
      },
    },
    async (request) => updateMeasure(db, request.actor, request.params.code, request.body),
  );

  app.get(
    '/insights/dashboard',
    {
      config: { access: 'insights:read' },
      schema: {
        tags,
        summary: 'Cijfers per gebied en periode (kleine aantallen afgeschermd)',
        querystring: dashboardQuery,
        response: { 200: dashboardResult },
      },
    },
    async (request) => dashboardOrRelease(db, request.actor, request.query, settings.minCount, settings.amountRule),
  );

  app.get(
    '/insights/dashboard.csv',
    {
      config: { access: 'insights:read' },
      schema: {
        tags,
        summary: 'De tabel van het dashboard als CSV',
        querystring: dashboardQuery,
        response: { 200: fileResponse('De tabel als CSV-bestand (puntkomma’s, UTF-8).', 'text/csv') },
      },
    },
    async (request, reply) => {
      const result = await dashboardOrRelease(db, request.actor, request.query, settings.minCount, settings.amountRule);
      await db.recordAuditEvent(
        request.actor,
        {
          action: 'export',
          objectType: 'insights_dashboard',
          objectId: result.measure.code,
          municipalityCode: result.municipalityCode === regionCode ? null : result.municipalityCode,
        },
        'success',
      );
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${result.measure.code}-${result.from}-${result.to}.csv"`);
      return dashboardCsv(result);
    },
  );

  app.post(
    '/insights/imports',
    {
      config: { access: 'insights:manage', body: 'file' },
      schema: {
        tags,
        summary: 'Bestand met cijfers inlezen (JSON met de inhoud, of het ruwe CSV-bestand met ?measure=)',
        querystring: z.object({ measure: z.string().max(100).optional(), fileName: z.string().max(200).optional() }),
        body: z.union([datasetUpload, z.instanceof(Buffer)]),
        response: { 200: importSummary },
      },
    },
    async (request) => {
      const body = request.body;
      if (Buffer.isBuffer(body)) {
        return importDataset(db, request.actor, {
          measureCode: request.query.measure ?? '',
          fileName: request.query.fileName ?? 'upload.csv',
          content: new Uint8Array(body),
        });
      }
      return importDataset(db, request.actor, { measureCode: body.measure, fileName: body.fileName, content: body.content });
    },
  );

  app.post(
    '/insights/population',
    {
      config: { access: 'insights:manage', body: 'file' },
      schema: {
        tags,
        summary: 'Inwonertallen per gebied en jaar inlezen (JSON met de inhoud, of het ruwe CSV-bestand)',
        querystring: z.object({ fileName: z.string().max(200).optional() }),
        body: z.union([populationUpload, z.instanceof(Buffer)]),
        response: { 200: populationSummary },
      },
    },
    async (request) => {
      const body = request.body;
      if (Buffer.isBuffer(body))
        return importPopulation(db, request.actor, { fileName: request.query.fileName ?? 'inwoners.csv', content: new Uint8Array(body) });
      return importPopulation(db, request.actor, { fileName: body.fileName, content: body.content });
    },
  );

  app.get(
    '/insights/population',
    {
      config: { access: 'insights:read' },
      schema: {
        tags,
        summary: 'Inwonertallen per gebied en jaar',
        querystring: z.object({ municipality: z.string().max(6).optional() }),
        response: { 200: populationList },
      },
    },
    async (request) => listPopulation(db, request.query.municipality),
  );

  app.get(
    '/insights/imports',
    { config: { access: 'insights:manage' }, schema: { tags, summary: 'Ingelezen bestanden', response: { 200: importList } } },
    async () => listImports(db),
  );

  app.get(
    '/insights/benchmarks',
    {
      config: { access: 'insights:read' },
      schema: {
        tags,
        summary: 'Landelijke vergelijkingscijfers',
        querystring: z.object({ measure: z.string().max(100).optional() }),
        response: { 200: benchmarkList },
      },
    },
    async (request) => listBenchmarks(db, request.query.measure),
  );

  app.put(
    '/insights/benchmarks',
    {
      config: { access: 'insights:manage' },
      schema: { tags, summary: 'Landelijk vergelijkingscijfer invoeren of wijzigen', body: benchmarkInput, response: { 200: benchmark } },
    },
    async (request) => saveBenchmark(db, request.actor, request.body),
  );

  app.delete(
    '/insights/benchmarks/:id',
    {
      config: { access: 'insights:manage' },
      schema: { tags, summary: 'Vergelijkingscijfer verwijderen', params: z.object({ id: z.string().uuid() }), response: { 204: noContent } },
    },
    async (request, reply) => {
      await deleteBenchmark(db, request.actor, request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/insights/refresh',
    {
      config: { access: 'insights:manage' },
      schema: {
        tags,
        summary: 'Cijfers van alle modules opnieuw ophalen',
        body: z.object({ fromMonth: month.optional(), toMonth: month.optional() }),
        response: { 200: refreshSummary },
      },
    },
    async (request) => {
      assertCan(request.actor, 'insights:manage');
      const range = defaultRefreshRange(db.clock.now());
      return refreshFromModules(db, modules, { fromMonth: request.body.fromMonth ?? range.fromMonth, toMonth: request.body.toMonth ?? range.toMonth });
    },
  );

  app.post(
    '/insights/releases',
    {
      config: { access: 'insights:manage' },
      schema: {
        tags,
        summary: 'De cijfers van een periode publiceren en vastleggen (een nieuwe versie alleen met again)',
        body: releaseInput,
        response: { 201: releaseDetail },
      },
    },
    async (request, reply) => reply.code(201).send(await publishRelease(db, request.actor, request.body, settings.minCount)),
  );

  app.get(
    '/insights/releases',
    {
      config: { access: 'insights:read' },
      schema: {
        tags,
        summary: 'Gepubliceerde perioden van een gemeente, met hun versies',
        querystring: z.object({ municipality: municipalityCodeOrDefault, period: z.string().max(10).optional() }),
        response: { 200: releaseList },
      },
    },
    async (request) => listReleases(db, request.actor, request.query),
  );

  app.get(
    '/insights/releases/:id',
    {
      config: { access: 'insights:read' },
      schema: { tags, summary: 'Een publicatie met haar vastgelegde cijfers', params: z.object({ id: z.uuid() }), response: { 200: releaseDetail } },
    },
    async (request) => getRelease(db, request.actor, request.params.id),
  );
};
