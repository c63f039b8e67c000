import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { fileResponse, noContent } from '../../platform/contract.ts';
import {
  approveInput,
  correctionInput,
  sendInput,
  commitment,
  commitmentInput,
  commitmentPatch,
  decision,
  decisionInput,
  initiative,
  initiativeInput,
  initiativePatch,
  letter,
  letterInput,
  line,
  lineInput,
  linePatch,
  overview,
  programme,
  programmeInput,
  programmeList,
  programmePatch,
  progressUpdate,
  reportingPeriod,
  updateInput,
} from './contract.ts';
import {
  createCommitment,
  createDecision,
  createInitiative,
  createLine,
  createProgramme,
  deleteDecision,
  deleteInitiative,
  approveLetter,
  correctLetter,
  saveLetter,
  saveUpdate,
  sendLetter,
  updateCommitment,
  updateInitiative,
  updateLine,
  updateProgramme,
} from './commands.ts';
import { generateLetter, listProgrammes, programmeOverview } from './queries.ts';

const tags = ['programme'];
const id = z.object({ id: z.string().uuid() });
const idPeriod = z.object({ id: z.string().uuid(), period: reportingPeriod });

/** The reply of a route that answers other than 200 (only the calls it needs, so every route's reply fits). */
interface StatusReply {
  code(status: number): { send(payload?: unknown): unknown };
}

/** Runs the command and answers 201 with the record it made, or 204 with nothing once it is done. */
async function answer<R extends StatusReply>(reply: R, status: 201 | 204, work: Promise<unknown>): Promise<R> {
  const result = await work;
  if (status === 201) reply.code(201).send(result);
  else reply.code(204).send();
  return reply;
}

export const programmeRoutes: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { access: 'programme:read' as const };
  const manage = { access: 'programme:manage' as const };

  app.get('/programmes', { config: read, schema: { tags, summary: 'Programma’s', response: { 200: programmeList } } }, async (request) =>
    listProgrammes(db, request.actor),
  );
  app.post(
    '/programmes',
    { config: manage, schema: { tags, summary: 'Programma toevoegen', body: programmeInput, response: { 201: programme } } },
    async (request, reply) => reply.code(201).send(await createProgramme(db, request.actor, request.body)),
  );
  app.get(
    '/programmes/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Programma met lijnen, initiatieven, voortgang en cijfers van een periode',
        params: id,
        querystring: z.object({ period: reportingPeriod }),
        response: { 200: overview },
      },
    },
    async (request) => programmeOverview(db, request.actor, request.params.id, request.query.period),
  );
  app.patch(
    '/programmes/:id',
    { config: manage, schema: { tags, summary: 'Programma wijzigen', params: id, body: programmePatch, response: { 200: programme } } },
    async (request) => updateProgramme(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/programmes/:id/lines',
    { config: manage, schema: { tags, summary: 'Programmalijn toevoegen', params: id, body: lineInput, response: { 201: line } } },
    async (request, reply) => answer(reply, 201, createLine(db, request.actor, request.params.id, request.body)),
  );
  app.patch(
    '/programme-lines/:id',
    { config: manage, schema: { tags, summary: 'Programmalijn wijzigen', params: id, body: linePatch, response: { 200: line } } },
    async (request) => updateLine(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/programme-lines/:id/initiatives',
    { config: manage, schema: { tags, summary: 'Initiatief toevoegen', params: id, body: initiativeInput, response: { 201: initiative } } },
    async (request, reply) => answer(reply, 201, createInitiative(db, request.actor, request.params.id, request.body)),
  );
  app.patch(
    '/programme-initiatives/:id',
    { config: manage, schema: { tags, summary: 'Initiatief wijzigen', params: id, body: initiativePatch, response: { 200: initiative } } },
    async (request) => updateInitiative(db, request.actor, request.params.id, request.body),
  );
  app.delete(
    '/programme-initiatives/:id',
    { config: manage, schema: { tags, summary: 'Initiatief verwijderen', params: id, response: { 204: noContent } } },
    async (request, reply) => answer(reply, 204, deleteInitiative(db, request.actor, request.params.id)),
  );
  app.put(
    '/programme-initiatives/:id/updates/:period',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Voortgang van een initiatief in een periode vastleggen',
        params: idPeriod,
        body: updateInput,
        response: { 200: progressUpdate },
      },
    },
    async (request) => saveUpdate(db, request.actor, request.params.id, request.params.period, request.body),
  );
  app.post(
    '/programmes/:id/commitments',
    { config: manage, schema: { tags, summary: 'Toezegging aan de raad toevoegen', params: id, body: commitmentInput, response: { 201: commitment } } },
    async (request, reply) => answer(reply, 201, createCommitment(db, request.actor, request.params.id, request.body)),
  );
  app.patch(
    '/programme-commitments/:id',
    { config: manage, schema: { tags, summary: 'Toezegging wijzigen (stand, antwoord)', params: id, body: commitmentPatch, response: { 200: commitment } } },
    async (request) => updateCommitment(db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/programmes/:id/decisions',
    { config: manage, schema: { tags, summary: 'Gerelateerd besluit (RIS-dossier) toevoegen', params: id, body: decisionInput, response: { 201: decision } } },
    async (request, reply) => answer(reply, 201, createDecision(db, request.actor, request.params.id, request.body)),
  );
  app.delete(
    '/programme-decisions/:id',
    { config: manage, schema: { tags, summary: 'Gerelateerd besluit verwijderen', params: id, response: { 204: noContent } } },
    async (request, reply) => answer(reply, 204, deleteDecision(db, request.actor, request.params.id)),
  );
  app.put(
    '/programmes/:id/letters/:period',
    {
      config: manage,
      schema: { tags, summary: 'Teksten van de raadsinformatiebrief van een periode', params: idPeriod, body: letterInput, response: { 200: letter } },
    },
    async (request) => saveLetter(db, request.actor, request.params.id, request.params.period, request.body),
  );
  app.post(
    '/programmes/:id/letters/:period/approve',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Raadsinformatiebrief vaststellen: de cijfers van de periode worden vastgelegd',
        params: idPeriod,
        body: approveInput,
        response: { 200: letter },
      },
    },
    async (request) => approveLetter(db, request.actor, request.params.id, request.params.period, request.body),
  );
  app.post(
    '/programmes/:id/letters/:period/send',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Vastgestelde raadsinformatiebrief naar de raad sturen, met zaaknummer; PDF en DOCX worden bewaard zoals verstuurd',
        params: idPeriod,
        body: sendInput,
        response: { 200: letter },
      },
    },
    async (request) => sendLetter(db, request.actor, request.params.id, request.params.period, request.body),
  );
  app.post(
    '/programmes/:id/letters/:period/corrections',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Correctie op een verstuurde raadsinformatiebrief: een nieuwe versie met wat er veranderd is',
        params: idPeriod,
        body: correctionInput,
        response: { 201: letter },
      },
    },
    async (request, reply) => answer(reply, 201, correctLetter(db, request.actor, request.params.id, request.params.period, request.body)),
  );
  app.get(
    '/programmes/:id/letters/:period/:format',
    {
      config: read,
      schema: {
        tags,
        summary: 'Raadsinformatiebrief downloaden (pdf of docx); een verstuurde versie precies zoals verstuurd',
        params: z.object({ id: z.string().uuid(), period: reportingPeriod, format: z.enum(['pdf', 'docx']) }),
        querystring: z.object({ version: z.coerce.number().int().min(1).max(999).optional() }),
        response: {
          200: fileResponse(
            'De raadsinformatiebrief als PDF of als Word-bestand.',
            'application/pdf',
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          ),
        },
      },
    },
    async (request, reply) => {
      const letter = await generateLetter(db, request.actor, request.params.id, request.params.period, request.params.format, {
        version: request.query.version,
      });
      reply.header('content-type', letter.contentType);
      // The SHA-256 of the body: for a sent letter the hash stored when it was sent.
      reply.header('x-content-sha256', letter.sha256);
      reply.header('x-letter-status', letter.stored ? 'sent' : 'generated');
      reply.header('content-disposition', `attachment; filename="${letter.fileName}"`);
      // A file goes out as it is: Fastify sends a Buffer without the serializer.
      return reply.send(letter.body as unknown as string);
    },
  );
};
