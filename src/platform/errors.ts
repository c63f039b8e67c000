/**
 * Typed errors: a code for machines, a Dutch message for people, details for both.
 * The HTTP layer turns them into application/problem+json (RFC 9457).
 */
export interface FieldProblem {
  field: string;
  reason: string;
  line?: number;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: { errors?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, errors: FieldProblem[] = []) {
    super('validation_failed', 400, message, { errors });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'U bent niet ingelogd, of uw sessie is verlopen.') {
    super('unauthenticated', 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'U heeft geen toegang tot deze gegevens of handeling.') {
    super('forbidden', 403, message);
  }
}

/** The route is closed to the actor's role(s), whatever the record. */
export class RoleForbiddenError extends AppError {
  constructor() {
    super('role_forbidden', 403, 'Uw rol geeft geen toegang tot deze handeling.');
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Het gevraagde') {
    super('not_found', 404, `${what} is niet gevonden.`);
  }
}

/**
 * The actor's organisation has no lawful relation with this resident (need-to-know). Answered exactly like a
 * resident who does not exist, so existence does not leak; the audit line records it as denied.
 */
export class NoNeedToKnowError extends NotFoundError {
  constructor(what = 'De persoon') {
    super(what);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('conflict', 409, message, details);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string) {
    super('too_many_requests', 429, message);
  }
}

/** Thrown when code touches residents' personal data outside an audited unit of work: a programming error. */
export class UnauditedPersonalDataAccess extends Error {
  constructor(table: string) {
    super(`Personal table "${table}" was accessed outside Database.audited(); every such access must be audited.`);
    this.name = 'UnauditedPersonalDataAccess';
  }
}

/**
 * An error as a command-line tool prints it: the sentence, then each field problem on its own line
 * (`  regel 3, postcode: Vul een postcode in.`). Used by the modules' `vangnet` commands.
 */
export function describeForCli(error: unknown): string {
  if (error instanceof AppError) {
    const lines = (error.details.errors ?? []).map((e) => `  ${e.line ? `regel ${e.line}, ` : ''}${e.field}: ${e.reason}`);
    return [error.message, ...lines].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}
