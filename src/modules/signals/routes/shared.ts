import type { PassThrough } from 'node:stream';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { ownMunicipalities } from '../../../platform/municipalities.ts';
import { letterProblem } from '../letterMessages.ts';
import type { SignalSettings } from '../settings.ts';

/** What every area of the signals routes registers on: the app (with zod types), the database, the settings. */
export interface SignalRouteDeps {
  app: FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
  db: Database;
  settings: SignalSettings;
}

export const idParams = z.object({ id: z.string().uuid() });

/** A file's bytes or stream: its response schema describes it as binary text, which fastify sends as it is. */
export const bytes = (data: Buffer | PassThrough) => data as unknown as string;

/** The municipality asked for, or the actor's only one; someone with none or several must choose. */
export function singleMunicipality(actor: Actor, requested?: string): string {
  if (requested) return requested;
  const own = ownMunicipalities(actor);
  if (own.length === 1) return own[0]!;
  throw letterProblem(own.length ? 'municipality_ambiguous' : 'municipality_required');
}
