import { z } from 'zod';
import { signalProblem } from '../messages.ts';
import { boundedRecord } from '../../../platform/validation.ts';
import { importSignalFile } from '../commands/importSignalFile.ts';
import { importResultFor } from '../importResult.ts';
import { feedbackPage, importResult, signalImport, signalImportList } from '../contract.ts';
import { readSignalFileBatches, validateBatch } from '../parse.ts';
import { listImports } from '../queries/imports.ts';
import { creditorFeedback, feedbackQuery } from '../feedback.ts';
import { municipalityCode, staffScope } from '../../../platform/municipalities.ts';
import { idParams, type SignalRouteDeps } from './shared.ts';

/** A JSON batch: larger deliveries go as a file to /signals/imports. A row has the file's columns, each value short. */
const MAX_BATCH_ROWS = 10_000;
const signalRow = boundedRecord(z.string().max(50), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]), 40);

/** The creditors' side: deliveries of signals (a JSON batch, a file), their results and the feedback per signal. */
export function importRoutes({ app, db, settings }: SignalRouteDeps): void {
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
        throw signalProblem('signal_file_not_sent');
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
}
