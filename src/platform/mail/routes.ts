import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { listOutbox, retryMail } from './admin.ts';
import { outboxPage, outboxQuery } from './contract.ts';

const retried = z.object({ id: z.string().uuid(), status: z.literal('waiting') });

/** The outbox for the functional admin: what went out, what waits, what failed and why; retry of a failed mail. */
export const mailRoutes: FastifyPluginAsync<{ db: Database }> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/admin/mail',
    {
      config: { access: 'mail:manage' },
      schema: { tags: ['platform'], summary: 'Uitgaande e-mail: verstuurd, wachtend, mislukt', querystring: outboxQuery, response: { 200: outboxPage } },
    },
    async (request) => listOutbox(db, request.actor, request.query),
  );

  app.post(
    '/admin/mail/:id/retry',
    {
      config: { access: 'mail:manage' },
      schema: { tags: ['platform'], summary: 'Mislukte e-mail opnieuw versturen', params: z.object({ id: z.string().uuid() }), response: { 200: retried } },
    },
    async (request) => retryMail(db, request.actor, request.params.id),
  );
};
