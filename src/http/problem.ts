import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem } from '../platform/errors.ts';
import { API_VERSION, isApiUrl } from './version.ts';

/** Errors as application/problem+json (RFC 9457), with a Dutch title for people and a code for machines. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: FieldProblem[];
}

const titles: Record<number, string> = {
  400: 'De aanvraag is niet juist.',
  401: 'U bent niet ingelogd.',
  403: 'Geen toegang.',
  404: 'Niet gevonden.',
  405: 'Deze methode is niet toegestaan.',
  409: 'Dit botst met bestaande gegevens.',
  413: 'Het bestand of bericht is te groot.',
  415: 'Dit soort inhoud wordt niet ondersteund.',
  429: 'Te veel verzoeken.',
  500: 'Er ging iets mis aan onze kant.',
  503: 'De dienst is tijdelijk niet beschikbaar.',
};

/** Fastify's own refusals of a body, in Dutch (the size limits themselves are in `body.ts`). */
const bodyErrors: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'Het bericht is te groot voor deze route.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'De opgegeven lengte (Content-Length) klopt niet met het bericht.',
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Omit<Problem, 'type' | 'instance'>): FastifyReply {
  const body: Problem = { type: `https://vangnet.dev/problems/${problem.code}`, instance: request.url.split('?')[0], ...problem };
  // Also on refusals raised before any hook ran (an over-long address): every API answer names its version.
  if (isApiUrl(request.url)) reply.header('API-Version', API_VERSION);
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(body);
}

export function toProblem(error: unknown): Omit<Problem, 'type' | 'instance'> {
  if (error instanceof AppError) {
    return { status: error.status, code: error.code, title: titles[error.status] ?? error.message, detail: error.message, errors: error.details.errors };
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const errors = fastifyError.validation.map((v) => ({
      field: [
        fastifyError.validationContext,
        ...String(v.instancePath ?? '')
          .split('/')
          .filter(Boolean),
      ].join('.'),
      reason: v.message ?? 'ongeldige waarde',
    }));
    return { status: 400, code: 'validation_failed', title: titles[400]!, detail: 'Een of meer velden zijn niet juist ingevuld.', errors };
  }
  if (isDatabaseUnavailable(error)) {
    return { status: 503, code: 'unavailable', title: titles[503]!, detail: 'De database is even niet bereikbaar. Probeer het zo opnieuw.' };
  }
  const status = typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
  const bodyDetail = fastifyError?.code ? bodyErrors[fastifyError.code] : undefined;
  if (bodyDetail) return { status, code: fastifyError.code.toLowerCase(), title: titles[status] ?? titles[400]!, detail: bodyDetail };
  if (status === 500) return { status, code: 'internal_error', title: titles[500]!, detail: 'Probeer het later opnieuw.' };
  return { status, code: fastifyError.code?.toLowerCase() ?? 'bad_request', title: titles[status] ?? titles[400]!, detail: fastifyError.message };
}

/** A lost or refused database connection: the request fails cleanly with 503 and the next one may succeed. */
function isDatabaseUnavailable(error: unknown): boolean {
  // Drizzle wraps the driver's error; look through the chain of causes.
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = String(e.code ?? '');
    const message = String(e.message ?? '');
    if (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|57P0[1-3]|08\d{3})$/.test(code)) return true;
    if (/Connection terminated|connection error|not currently accepting connections|terminating connection/i.test(message)) return true;
  }
  return false;
}
