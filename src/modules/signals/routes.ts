import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { ValidationError } from '../../platform/errors.ts';
import { boundedRecord } from '../../platform/validation.ts';
import { importSignalFile } from './commands/importSignalFile.ts';
import { importResultFor } from './importResult.ts';
import {
  caseAssigned,
  caseClosed,
  caseDetail,
  casePage,
  columnMappingView,
  contactAttemptRecorded,
  creditorTypesView,
  ddasResponse,
  feedbackPage,
  importResult,
  letterBatchPdf,
  letterPdf,
  letterPreview,
  letterPreviewPdf,
  letterRunPlanned,
  letterRunView,
  letterTemplateView,
  monitorResponse,
  municipalSettingsView,
  postcodeAreasLoaded,
  postcodeAreasView,
  signalImport,
  signalImportList,
  workerList,
} from './contract.ts';
import {
  DeliveryAbortedError,
  untilFlushed,
  getLetterRun,
  letterPreviewInput,
  letterRunInput,
  planOfferLetters,
  previewOfferLetters,
  previewTemplateLetter,
  produceLetterBatch,
  reprintOfferLetter,
} from './commands/sendOfferLetters.ts';
import { assertTemplateAccess, getLetterTemplate, letterTemplateInput, saveLetterTemplate } from './commands/letterTemplates.ts';
import { compileLetterTemplate } from './letterTemplate.ts';
import { assignCase, caseAssignment, contactAttemptInput, outcomeInput, recordContactAttempt, recordOutcome } from './commands/workCase.ts';
import { readSignalFileBatches, validateBatch } from './parse.ts';
import { creditorTypesInput, setCreditorTypes } from './creditors.ts';
import { getMunicipalSignalSettings, municipalSettingsInput, setMunicipalSignalSettings } from './municipalSettings.ts';
import { columnMappingInput, getColumnMapping, setColumnMapping } from './mapping.ts';
import { caseFilter, getCase, listCases, listImports, listWorkers, monitorCsvExport, monitorFigures } from './queries.ts';
import { signalSettings } from './settings.ts';
import { ddasQuery, exportDdas } from './ddasExport.ts';
import { creditorFeedback, feedbackQuery } from './feedback.ts';
import { loadPostcodeAreasCsv, postcodeAreaCounts } from './postcodeAreas.ts';
import { municipalityCode, ownMunicipalities, staffScope } from '../../platform/municipalities.ts';

const idParams = z.object({ id: z.string().uuid() });
/** A JSON batch: larger deliveries go as a file to /signals/imports. A row has the file's columns, each value short. */
const MAX_BATCH_ROWS = 10_000;
const signalRow = boundedRecord(z.string().max(50), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]), 40);
const fileTypes = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
];

/** A file's bytes or stream: its response schema describes it as binary text, which fastify sends as it is. */
const bytes = (data: Buffer | PassThrough) => data as unknown as string;

function singleMunicipality(actor: Actor, requested?: string): string {
  if (requested) return requested;
  const own = ownMunicipalities(actor);
  if (own.length === 1) return own[0]!;
  throw new ValidationError('Kies een gemeente.', [{ field: 'municipalityCode', reason: 'U werkt voor meerdere gemeenten.' }]);
}

/** HTTP for the signals module: thin, validate, call a command or query, answer. */
export const signalRoutes: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const settings = signalSettings();

  // Files are streamed straight into the parser: memory stays flat, whatever the size.
  app.addContentTypeParser(fileTypes, (_request, payload, done) => done(null, payload));

  app.post(
    '/signals',
    {
      config: { access: 'signals:submit', body: 'batch' },
      schema: {
        tags: ['signals'],
        summary: 'Signalen aanleveren als batch (API-sleutel van een schuldeiser); kolommen als in het bestandsformaat',
        body: z.object({
          creditorOrganisationId: z.string().uuid().optional(),
          municipalityCode: municipalityCode.optional(),
          signals: z.array(signalRow).min(1).max(MAX_BATCH_ROWS),
        }),
        response: { 201: importResult },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const creditorId = request.body.creditorOrganisationId ?? staffScope(actor)?.organisationId;
      const summary = await importSignalFile(db, actor, {
        creditor: { id: creditorId },
        municipalityCode: request.body.municipalityCode,
        channel: 'api',
        rows: (today, intake) => validateBatch(request.body.signals, today, intake),
        settings,
      });
      return reply.code(201).send(importResultFor(actor, summary));
    },
  );

  app.post(
    '/signals/imports',
    {
      config: { access: 'signals:submit', body: 'file' },
      schema: {
        tags: ['signals'],
        summary: 'Een bestand met signalen uploaden (CSV of XLSX als request body; bestandsnaam in de header x-file-name)',
        querystring: z.object({ creditorOrganisationId: z.string().uuid().optional(), municipalityCode: municipalityCode.optional() }),
        response: { 201: importResult },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const body = request.body as NodeJS.ReadableStream | undefined;
      if (!body || typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] !== 'function') {
        throw new ValidationError('Stuur het bestand als CSV of XLSX.', [{ field: 'bestand', reason: 'Geen bestand ontvangen.' }]);
      }
      const creditorId = request.query.creditorOrganisationId ?? staffScope(actor)?.organisationId;
      const fileName = typeof request.headers['x-file-name'] === 'string' ? decodeURIComponent(request.headers['x-file-name']).slice(0, 200) : null;
      const summary = await importSignalFile(db, actor, {
        creditor: { id: creditorId },
        municipalityCode: request.query.municipalityCode,
        channel: 'upload',
        fileName,
        rows: (today, intake) => readSignalFileBatches(body as AsyncIterable<Uint8Array>, { today, intake }),
        settings,
      });
      return reply.code(201).send(importResultFor(actor, summary));
    },
  );

  app.get(
    '/signals/imports',
    {
      config: { access: 'signals:submit' },
      schema: { tags: ['signals'], summary: 'Aanleveringen (een schuldeiser ziet alleen de eigen)', response: { 200: signalImportList } },
    },
    async (request) => listImports(db, request.actor),
  );

  app.get(
    '/signals/imports/:id',
    {
      config: { access: 'signals:submit' },
      schema: { tags: ['signals'], summary: 'Eén aanlevering met de afgewezen regels', params: idParams, response: { 200: signalImport } },
    },
    async (request) => (await listImports(db, request.actor, { id: request.params.id }))[0],
  );

  const organisationParams = z.object({ organisationId: z.string().uuid() });
  app.get(
    '/signals/mappings/:organisationId',
    {
      config: { access: 'signals:configure' },
      schema: {
        tags: ['signals'],
        summary: 'Kolomkoppeling van een schuldeiser (welke kolom in diens bestanden welk veld is)',
        params: organisationParams,
        response: { 200: columnMappingView },
      },
    },
    async (request) => getColumnMapping(db, request.actor, { id: request.params.organisationId }),
  );
  app.put(
    '/signals/mappings/:organisationId',
    {
      config: { access: 'signals:configure' },
      schema: {
        tags: ['signals'],
        summary: 'Kolomkoppeling van een schuldeiser vastleggen (vervangt de vorige; leeg = verwijderen)',
        params: organisationParams,
        body: columnMappingInput,
        response: { 200: columnMappingView },
      },
    },
    async (request) => setColumnMapping(db, request.actor, { id: request.params.organisationId }, request.body),
  );
  app.delete(
    '/signals/mappings/:organisationId',
    {
      config: { access: 'signals:configure' },
      schema: {
        tags: ['signals'],
        summary: 'Kolomkoppeling van een schuldeiser verwijderen',
        params: organisationParams,
        response: { 200: columnMappingView },
      },
    },
    async (request) => setColumnMapping(db, request.actor, { id: request.params.organisationId }, { columns: {} }),
  );

  app.put(
    '/signals/creditors/:organisationId/types',
    {
      config: { access: 'organisations:manage' },
      schema: {
        tags: ['signals'],
        summary: 'De soorten signalen die een schuldeiser aanlevert (beheerder)',
        params: organisationParams,
        body: creditorTypesInput,
        response: { 200: creditorTypesView },
      },
    },
    async (request) => setCreditorTypes(db, request.actor, request.params.organisationId, request.body),
  );

  // The municipality's own choices (its admin): municipal taxes, an experiment under Wgs art. 10, off by default.
  const municipalityParams = z.object({ code: municipalityCode });
  app.get(
    '/signals/municipalities/:code/settings',
    {
      config: { access: 'signals:administer' },
      schema: {
        tags: ['signals'],
        summary: 'Instellingen vroegsignalering van een gemeente (beheerder)',
        params: municipalityParams,
        response: { 200: municipalSettingsView },
      },
    },
    async (request) => getMunicipalSignalSettings(db, request.actor, request.params.code),
  );
  app.put(
    '/signals/municipalities/:code/settings',
    {
      config: { access: 'signals:administer' },
      schema: {
        tags: ['signals'],
        summary: 'Signalen over gemeentelijke belastingen aan- of uitzetten voor een gemeente (beheerder)',
        params: municipalityParams,
        body: municipalSettingsInput,
        response: { 200: municipalSettingsView },
      },
    },
    async (request) => setMunicipalSignalSettings(db, request.actor, request.params.code, request.body),
  );
  // The postcode table (configuration, no personal data): the admin replaces it for another region.
  app.put(
    '/admin/postcode-areas',
    {
      config: { access: 'organisations:manage', body: 'file' },
      schema: {
        tags: ['signals'],
        summary: 'De postcodetabel vervangen (CSV: postcode;gemeente;wijk;wijknaam;buurt;buurtnaam), voor de routering van signalen (beheerder)',
        response: { 200: postcodeAreasLoaded },
      },
    },
    async (request) => {
      const body = request.body as AsyncIterable<Uint8Array> | undefined;
      if (!body || typeof body[Symbol.asyncIterator] !== 'function') {
        throw new ValidationError('Stuur de postcodetabel als CSV.', [{ field: 'bestand', reason: 'Geen bestand ontvangen.' }]);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.from(chunk));
      return loadPostcodeAreasCsv(db, request.actor, Buffer.concat(chunks).toString('utf8'));
    },
  );
  app.get(
    '/admin/postcode-areas',
    {
      config: { access: 'organisations:manage' },
      schema: { tags: ['signals'], summary: 'De postcodetabel: aantal postcodes per gemeente (beheerder)', response: { 200: postcodeAreasView } },
    },
    async () => ({ municipalities: await postcodeAreaCounts(db) }),
  );

  app.get(
    '/signals/feedback',
    {
      config: { access: 'signals:submit' },
      schema: {
        tags: ['signals'],
        summary: 'Terugkoppeling per signaal aan de schuldeiser: wat de schuldeiser volgens de wet mag weten',
        querystring: feedbackQuery,
        response: { 200: feedbackPage },
      },
    },
    async (request) => creditorFeedback(db, request.actor, request.query),
  );

  app.get(
    '/signals/cases',
    {
      config: { access: 'signals:work' },
      schema: { tags: ['signals'], summary: 'Werkvoorraad: zaken (huishoudens)', querystring: caseFilter, response: { 200: casePage } },
    },
    async (request) => listCases(db, request.actor, request.query),
  );

  app.get(
    '/signals/cases/:id',
    {
      config: { access: 'signals:work' },
      schema: { tags: ['signals'], summary: 'Eén zaak met signalen, brief, contactpogingen en uitkomst', params: idParams, response: { 200: caseDetail } },
    },
    async (request) => getCase(db, request.actor, request.params.id),
  );

  app.patch(
    '/signals/cases/:id',
    {
      config: { access: 'signals:work' },
      schema: { tags: ['signals'], summary: 'Zaak toewijzen of een termijn zetten', params: idParams, body: caseAssignment, response: { 200: caseAssigned } },
    },
    async (request) => assignCase(db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/signals/cases/:id/contact-attempts',
    {
      config: { access: 'signals:work' },
      schema: {
        tags: ['signals'],
        summary: 'Contactpoging vastleggen',
        params: idParams,
        body: contactAttemptInput,
        response: { 201: contactAttemptRecorded },
      },
    },
    async (request, reply) => reply.code(201).send(await recordContactAttempt(db, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/signals/cases/:id/outcome',
    {
      config: { access: 'signals:work' },
      schema: {
        tags: ['signals'],
        summary: 'Uitkomst (eindresultaat DDAS) vastleggen en de zaak afsluiten',
        params: idParams,
        body: outcomeInput,
        response: { 200: caseClosed },
      },
    },
    async (request) => recordOutcome(db, request.actor, request.params.id, request.body),
  );

  app.get(
    '/signals/cases/:id/letter',
    {
      config: { access: 'signals:work' },
      schema: {
        tags: ['signals'],
        summary: 'De brief van een zaak opnieuw afdrukken (PDF, met de briefversie waarmee hij verstuurd is)',
        params: idParams,
        response: { 200: letterPdf },
      },
    },
    async (request, reply) => {
      const pdf = await reprintOfferLetter(db, request.actor, request.params.id, settings);
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="brief.pdf"').send(bytes(pdf));
    },
  );

  app.post(
    '/signals/letters/preview',
    {
      // A selection from the queue may list up to 10,000 case ids (about 400 kB).
      config: { access: 'signals:work', body: 'batch' },
      schema: {
        tags: ['signals'],
        summary: 'Proefrun: hoeveel brieven een selectie oplevert, in hoeveel stapels, en welke zaken worden overgeslagen (en waarom)',
        body: letterPreviewInput,
        response: { 200: letterPreview },
      },
    },
    async (request) =>
      previewOfferLetters(db, request.actor, { ...request.body, municipalityCode: singleMunicipality(request.actor, request.body.municipalityCode) }, settings),
  );

  app.post(
    '/signals/letters',
    {
      config: { access: 'signals:work', body: 'batch' },
      schema: {
        tags: ['signals'],
        summary:
          'Brieven maken voor een selectie, na bevestiging van het aantal (confirmCount): legt de stapels voor de drukkerij vast; elke stapel is daarna als PDF te downloaden',
        body: letterRunInput,
        response: { 201: letterRunPlanned },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await planOfferLetters(
            db,
            request.actor,
            { ...request.body, municipalityCode: singleMunicipality(request.actor, request.body.municipalityCode) },
            settings,
          ),
        ),
  );

  app.get(
    '/signals/letters/runs/:id',
    {
      config: { access: 'signals:work' },
      schema: { tags: ['signals'], summary: 'De stapels van een brievenrun en hoe ver ze zijn', params: idParams, response: { 200: letterRunView } },
    },
    async (request) => getLetterRun(db, request.actor, request.params.id),
  );

  app.get(
    '/signals/letters/batches/:id',
    {
      config: { access: 'signals:work' },
      schema: {
        tags: ['signals'],
        summary:
          'Eén stapel brieven als PDF (voorblad + brieven op postcode), gestreamd; de zaken gaan pas op "brief verstuurd" als de PDF helemaal is afgeleverd',
        params: idParams,
        querystring: z.object({ again: z.enum(['true', 'false']).optional() }),
        response: { 200: letterBatchPdf },
      },
    },
    async (request, reply) => {
      let stream: PassThrough | undefined;
      try {
        await produceLetterBatch(db, request.actor, request.params.id, {
          settings,
          again: request.query.again === 'true',
          open: (info) => {
            const out = new PassThrough();
            stream = out;
            const raw = reply.raw;
            let gone = false;
            raw.once('close', () => {
              if (raw.writableFinished) return;
              gone = true;
              out.destroy();
            });
            void reply
              .type('application/pdf')
              .header('cache-control', 'no-store')
              .header('content-disposition', `attachment; filename="brieven-${info.date}-stapel-${info.number}-van-${info.batchCount}.pdf"`)
              .header('x-letter-count', String(info.letters))
              .send(bytes(out));
            // Handed over: nothing left in the stream, the response or its socket's buffer.
            return {
              out,
              flushed: () =>
                untilFlushed(
                  () => out.readableLength + out.writableLength + raw.writableLength,
                  () => gone || out.destroyed,
                ),
            };
          },
        });
      } catch (error) {
        // Before the first byte the error is an ordinary answer; after it, the download breaks off (and nothing was marked sent).
        if (!stream) throw error;
        if (!(error instanceof DeliveryAbortedError)) request.log.warn({ err: error }, 'letter batch broke off');
        stream.destroy();
      }
      return reply;
    },
  );

  app.get(
    '/signals/letter-template',
    {
      config: { access: 'signals:templates' },
      schema: {
        tags: ['signals'],
        summary: 'De brieftekst van de gemeente: huidige versie, eerdere versies, plaatshouders',
        querystring: z.object({ municipalityCode: municipalityCode.optional() }),
        response: { 200: letterTemplateView },
      },
    },
    async (request) => getLetterTemplate(db, request.actor, singleMunicipality(request.actor, request.query.municipalityCode)),
  );

  app.put(
    '/signals/letter-template',
    {
      config: { access: 'signals:templates' },
      schema: {
        tags: ['signals'],
        summary: 'De brieftekst wijzigen: wordt een nieuwe versie (gecontroleerd, vastgelegd in het auditlog)',
        body: letterTemplateInput,
        response: { 200: letterTemplateView },
      },
    },
    async (request) => {
      const { municipalityCode: requested, ...text } = request.body;
      return saveLetterTemplate(db, request.actor, singleMunicipality(request.actor, requested), text);
    },
  );

  app.post(
    '/signals/letter-template/preview',
    {
      config: { access: 'signals:templates' },
      schema: {
        tags: ['signals'],
        summary: 'Voorbeeld van een brieftekst als PDF, met voorbeeldgegevens of met de gegevens van een zaak (caseId)',
        body: letterTemplateInput.extend({ caseId: z.string().uuid().optional() }),
        response: { 200: letterPreviewPdf },
      },
    },
    async (request, reply) => {
      const { municipalityCode: requested, caseId, ...text } = request.body;
      const code = singleMunicipality(request.actor, requested);
      assertTemplateAccess(request.actor, code);
      const pdf = await previewTemplateLetter(db, request.actor, { municipalityCode: code, template: compileLetterTemplate(text, 0), caseId }, settings);
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline; filename="voorbeeldbrief.pdf"')
        .send(bytes(pdf));
    },
  );

  app.get(
    '/signals/workers',
    {
      config: { access: 'signals:work' },
      schema: { tags: ['signals'], summary: 'Medewerkers aan wie een zaak kan worden toegewezen', response: { 200: workerList } },
    },
    async (request) => listWorkers(db, request.actor),
  );

  app.get(
    '/signals/ddas',
    {
      config: { access: 'signals:ddas' },
      schema: {
        tags: ['signals'],
        summary: 'Het DDAS-uitwisselbestand (versie 1.2) voor de monitor van het CBS over een periode, per pagina van ten hoogste 50.000 signalen',
        querystring: ddasQuery,
        response: { 200: ddasResponse },
      },
    },
    async (request, reply) => {
      const result = await exportDdas(db, request.actor, request.query, settings);
      const link = (page: number) => {
        const params = new URLSearchParams({ from: request.query.from, to: request.query.to, page: String(page), pageSize: String(result.pageSize) });
        if (request.query.municipalityCode) params.set('municipalityCode', request.query.municipalityCode);
        return `</api/v1/signals/ddas?${params}>`;
      };
      const links = [`${link(1)}; rel="first"`, `${link(result.pages)}; rel="last"`];
      if (result.page > 1) links.push(`${link(result.page - 1)}; rel="prev"`);
      if (result.page < result.pages) links.push(`${link(result.page + 1)}; rel="next"`);
      return reply
        .header('cache-control', 'no-store')
        .header('link', links.join(', '))
        .header('x-total-count', String(result.totalSignals))
        .header('x-pagination-page', String(result.page))
        .header('x-pagination-pages', String(result.pages))
        .header('x-pagination-limit', String(result.pageSize))
        .header('content-disposition', `attachment; filename="ddas-${request.query.from}-${request.query.to}-${result.page}.json"`)
        .send(result.document);
    },
  );

  app.get(
    '/signals/monitor',
    {
      config: { access: 'signals:monitor' },
      schema: {
        tags: ['signals'],
        summary: 'Monitor vroegsignalering per gemeente, periode en soort schuldeiser (JSON of CSV)',
        querystring: z.object({
          period: z.string().min(4).max(7),
          municipalityCode: municipalityCode.optional(),
          format: z.enum(['json', 'csv']).default('json'),
        }),
        response: { 200: monitorResponse },
      },
    },
    async (request, reply) => {
      const { format, ...input } = request.query;
      if (format === 'csv') {
        const csv = await monitorCsvExport(db, request.actor, input);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="monitor-vroegsignalering-${input.period}.csv"`)
          .send(csv);
      }
      return monitorFigures(db, request.actor, input);
    },
  );
};
