import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { caseRoutes } from './routes/cases.ts';
import { importRoutes } from './routes/imports.ts';
import { letterRoutes } from './routes/letters.ts';
import { monitorRoutes } from './routes/monitor.ts';
import { settingsRoutes } from './routes/settings.ts';
import { signalSettings } from './settings.ts';

const fileTypes = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
];

/**
 * HTTP for the signals module: thin, validate, call a command or query, answer. One file per area under `routes/`;
 * a refusal is an `AppError` with its code (`messages.ts`, `letterMessages.ts`), which the HTTP layer answers as
 * problem+json with its status and Dutch sentence.
 */
export const signalRoutes: FastifyPluginAsync<{ db: Database; config: Config }> = async (base, { db }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const deps = { app, db, settings: signalSettings() };

  // Files are streamed straight into the parser: memory stays flat, whatever the size.
  app.addContentTypeParser(fileTypes, (_request, payload, done) => done(null, payload));

  importRoutes(deps);
  settingsRoutes(deps);
  caseRoutes(deps);
  letterRoutes(deps);
  monitorRoutes(deps);
};
