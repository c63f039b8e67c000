import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import {
  commitmentInput,
  commitmentPatch,
  createCommitment,
  createDecision,
  createInitiative,
  createLine,
  createProgramme,
  decisionInput,
  deleteDecision,
  deleteInitiative,
  generateLetter,
  initiativeInput,
  initiativePatch,
  letterInput,
  lineInput,
  linePatch,
  listProgrammes,
  programmeInput,
  programmeOverview,
  programmePatch,
  reportingPeriod,
  saveLetter,
  saveUpdate,
  updateCommitment,
  updateInitiative,
  updateInput,
  updateLine,
  updateProgramme,
} from './store.ts';

const tags = ['programme'];
const id = z.object({ id: z.string().uuid() });
const idPeriod = z.object({ id: z.string().uuid(), period: reportingPeriod });

export const programmeRoutes: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const read = { access: 'programme:read' as const };
  const manage = { access: 'programme:manage' as const };

  app.get('/programmes', { config: read, schema: { tags, summary: 'Programma’s' } }, async (request) => listProgrammes(db, request.actor));
  app.post('/programmes', { config: manage, schema: { tags, summary: 'Programma toevoegen', body: programmeInput } }, async (request, reply) =>
    reply.code(201).send(await createProgramme(db, request.actor, request.body)),
  );
  app.get(
    '/programmes/:id',
    { config: read, schema: { tags, summary: 'Programma met lijnen, initiatieven, voortgang en cijfers van een periode', params: id, querystring: z.object({ period: reportingPeriod }) } },
    async (request) => programmeOverview(db, request.actor, request.params.id, request.query.period),
  );
  app.patch('/programmes/:id', { config: manage, schema: { tags, summary: 'Programma wijzigen', params: id, body: programmePatch } }, async (request) =>
    updateProgramme(db, request.actor, request.params.id, request.body),
  );
  app.post('/programmes/:id/lines', { config: manage, schema: { tags, summary: 'Programmalijn toevoegen', params: id, body: lineInput } }, async (request, reply) =>
    reply.code(201).send(await createLine(db, request.actor, request.params.id, request.body)),
  );
  app.patch('/programme-lines/:id', { config: manage, schema: { tags, summary: 'Programmalijn wijzigen', params: id, body: linePatch } }, async (request) =>
    updateLine(db, request.actor, request.params.id, request.body),
  );
  app.post('/programme-lines/:id/initiatives', { config: manage, schema: { tags, summary: 'Initiatief toevoegen', params: id, body: initiativeInput } }, async (request, reply) =>
    reply.code(201).send(await createInitiative(db, request.actor, request.params.id, request.body)),
  );
  app.patch('/programme-initiatives/:id', { config: manage, schema: { tags, summary: 'Initiatief wijzigen', params: id, body: initiativePatch } }, async (request) =>
    updateInitiative(db, request.actor, request.params.id, request.body),
  );
  app.delete('/programme-initiatives/:id', { config: manage, schema: { tags, summary: 'Initiatief verwijderen', params: id } }, async (request, reply) => {
    await deleteInitiative(db, request.actor, request.params.id);
    return reply.code(204).send();
  });
  app.put(
    '/programme-initiatives/:id/updates/:period',
    { config: manage, schema: { tags, summary: 'Voortgang van een initiatief in een periode vastleggen', params: idPeriod, body: updateInput } },
    async (request) => saveUpdate(db, request.actor, request.params.id, request.params.period, request.body),
  );
  app.post('/programmes/:id/commitments', { config: manage, schema: { tags, summary: 'Toezegging aan de raad toevoegen', params: id, body: commitmentInput } }, async (request, reply) =>
    reply.code(201).send(await createCommitment(db, request.actor, request.params.id, request.body)),
  );
  app.patch('/programme-commitments/:id', { config: manage, schema: { tags, summary: 'Toezegging wijzigen (stand, antwoord)', params: id, body: commitmentPatch } }, async (request) =>
    updateCommitment(db, request.actor, request.params.id, request.body),
  );
  app.post('/programmes/:id/decisions', { config: manage, schema: { tags, summary: 'Gerelateerd besluit (RIS-dossier) toevoegen', params: id, body: decisionInput } }, async (request, reply) =>
    reply.code(201).send(await createDecision(db, request.actor, request.params.id, request.body)),
  );
  app.delete('/programme-decisions/:id', { config: manage, schema: { tags, summary: 'Gerelateerd besluit verwijderen', params: id } }, async (request, reply) => {
    await deleteDecision(db, request.actor, request.params.id);
    return reply.code(204).send();
  });
  app.put('/programmes/:id/letters/:period', { config: manage, schema: { tags, summary: 'Teksten van de raadsinformatiebrief van een periode', params: idPeriod, body: letterInput } }, async (request) =>
    saveLetter(db, request.actor, request.params.id, request.params.period, request.body),
  );
  app.get(
    '/programmes/:id/letters/:period/:format',
    {
      config: read,
      schema: { tags, summary: 'Raadsinformatiebrief downloaden (pdf of docx)', params: z.object({ id: z.string().uuid(), period: reportingPeriod, format: z.enum(['pdf', 'docx']) }) },
    },
    async (request, reply) => {
      const letter = await generateLetter(db, request.actor, request.params.id, request.params.period, request.params.format);
      reply.header('content-type', letter.contentType);
      reply.header('content-disposition', `attachment; filename="${letter.fileName}"`);
      return reply.send(letter.body);
    },
  );
};
