import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { letterBatchPdf, letterPdf, letterPreview, letterPreviewPdf, letterRunPlanned, letterRunView, letterTemplateView } from '../contract.ts';
import { DeliveryAbortedError, untilFlushed } from '../commands/letterDelivery.ts';
import { letterPreviewInput, letterRunInput } from '../commands/letterSelection.ts';
import { planOfferLetters, previewOfferLetters } from '../commands/planOfferLetters.ts';
import { produceLetterBatch } from '../commands/produceLetterBatch.ts';
import { previewTemplateLetter, reprintOfferLetter } from '../commands/reprintOfferLetter.ts';
import { getLetterRun } from '../queries/letterRuns.ts';
import { assertTemplateAccess, getLetterTemplate, letterTemplateInput, saveLetterTemplate } from '../commands/letterTemplates.ts';
import { compileLetterTemplate } from '../letterTemplate.ts';
import { municipalityCode } from '../../../platform/municipalities.ts';
import { bytes, idParams, singleMunicipality, type SignalRouteDeps } from './shared.ts';

/** Offer letters: the dry run, the run in print batches, each batch as a streamed PDF, a reprint, the letter text. */
export function letterRoutes({ app, db, settings }: SignalRouteDeps): void {
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
}
