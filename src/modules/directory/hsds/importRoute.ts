// POST /api/v1/directory/hsds-imports: another social map's HSDS 3.0 document as the body (up to the upload limit),
// the source's name in the query. In a plugin of its own: here a JSON body is parsed with the budget of a dataset,
// and a body that is no JSON gets a plain Dutch sentence instead of the parser's own text.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/database.ts';
import { bodyLimits, jsonStructureProblem } from '../../../http/body.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { municipalityCode } from '../../../platform/municipalities.ts';
import { hsdsImportResult } from './contract.ts';
import { importHsds } from './import.ts';
import { importProblemMessages } from './messages.ts';

type Options = { db: Database; config: Config };

const importQuery = z.object({
  source: z.string().trim().min(1, importProblemMessages.source_missing).max(100, 'Gebruik voor de bron een naam van ten hoogste 100 tekens.'),
  municipalityCode: municipalityCode.optional(),
});

function notJson(): ValidationError {
  const error = new ValidationError(importProblemMessages.not_json, [{ field: 'body', reason: importProblemMessages.not_json }]);
  error.details.reason = 'not_json';
  return error;
}

export const hsdsImportRoutes: FastifyPluginAsync<Options> = async (base, { db, config }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const limits = bodyLimits(config.uploadMaxBytes);
  const parseJson = app.getDefaultJsonParser('error', 'error');
  /** The dataset's text as JSON: bounded in structure like a batch (the size is bounded by the upload limit). */
  const parse = (text: string) =>
    new Promise<unknown>((resolve, reject) => {
      const problem = jsonStructureProblem(text, limits, 'batch');
      if (problem) return reject(new ValidationError(problem, [{ field: 'body', reason: problem }]));
      parseJson({} as FastifyRequest, text, (error, value) => (error ? reject(notJson()) : resolve(value)));
    });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    parse(String(text)).then(
      (value) => done(null, value),
      (error: Error) => done(error),
    );
  });

  app.post(
    '/directory/hsds-imports',
    {
      config: { access: 'directory:edit', body: 'file' },
      schema: {
        tags: ['directory'],
        summary: 'Een sociale kaart als Open Referral HSDS 3.0 inlezen (JSON: een lijst diensten of het hele bestand) (medewerkers)',
        description:
          'De body is het HSDS-document zelf. Geldige objecten worden opgeslagen onder de bron, elk ongeldig object wordt gemeld met zijn plaats (JSON-pad) en veld. Nog een keer hetzelfde bestand inlezen verandert niets.',
        querystring: importQuery,
        response: { 200: hsdsImportResult },
      },
    },
    async (request) => {
      const document: unknown = request.body;
      if (document === undefined) throw notJson();
      return importHsds(db, request.actor, { document, source: request.query.source, municipalityCode: request.query.municipalityCode });
    },
  );
};
