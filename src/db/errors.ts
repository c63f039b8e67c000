import { AppError, ConflictError, UnauditedPersonalDataAccess, ValidationError } from '../platform/errors.ts';

/**
 * Database errors, mapped in one place. A driver's error (node-postgres, PGlite) and Drizzle's wrapper around it
 * carry the SQL, its parameters (a BSN, a surname) and the row that clashed (`detail`: "Key (bsn)=(...)"). None
 * of that may reach a person, a log line or the audit trail. `Database` passes every error through
 * `mapDatabaseError`, so what leaves it is either a typed `AppError` with a Dutch message (409, 400, 503) or a
 * `DatabaseFailure` that holds only the SQLSTATE and the stack frames.
 */

/** What a unique constraint means, in Dutch, and which field of the input it is about. */
export interface UniqueMeaning {
  message: string;
  field: string;
  reason: string;
}

const uniqueMeanings = new Map<string, UniqueMeaning>();

/** The table's owner says what a clash on its unique constraint means (see `persons.ts`). */
export function describeUniqueConstraint(constraint: string, meaning: UniqueMeaning): void {
  uniqueMeanings.set(constraint, meaning);
}

/** An unexpected database error, stripped of the query, its parameters and the driver's message. */
export class DatabaseFailure extends Error {
  readonly code: string;
  constructor(code: string, frames: string) {
    super(`Databasefout ${code}`);
    this.name = 'DatabaseFailure';
    this.code = code;
    this.stack = `${this.name}: ${this.message}${frames ? `\n${frames}` : ''}`;
  }
}

/** The database cannot be reached (restart, lost connection): the request may be retried. */
export class DatabaseUnavailableError extends AppError {
  constructor() {
    super('unavailable', 503, 'De database is even niet bereikbaar. Probeer het zo opnieuw.');
  }
}

interface DriverError {
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
  column?: unknown;
  cause?: unknown;
  stack?: unknown;
}

function chain(error: unknown): DriverError[] {
  const found: DriverError[] = [];
  for (let e = error as DriverError | undefined, depth = 0; e && typeof e === 'object' && depth < 6; e = e.cause as DriverError | undefined, depth++)
    found.push(e);
  return found;
}

const connectionCodes = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|57P0[1-3]|08\d{3})$/;
const connectionMessages =
  /Connection terminated|connection error|not currently accepting connections|terminating connection|Client was closed|PGlite is closed/i;

/** Only the stack frames (`    at ...`): the first lines of a stack repeat the message, which may quote the query. */
export function stackFrames(stack: unknown, limit = 8): string {
  return String(stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, limit)
    .join('\n');
}

/** Is this an error from the database or from Drizzle running a query (as opposed to the application's own)? */
function isDatabaseError(links: DriverError[]): boolean {
  return links.some(
    (e) =>
      (typeof e.code === 'string' && (/^[0-9A-Z]{5}$/.test(e.code) || connectionCodes.test(e.code))) ||
      (e as Error).name === 'DrizzleQueryError' ||
      /^Failed query:/.test(String(e.message ?? '')) ||
      connectionMessages.test(String(e.message ?? '')),
  );
}

export function mapDatabaseError(error: unknown): unknown {
  if (error instanceof AppError || error instanceof UnauditedPersonalDataAccess || error instanceof DatabaseFailure) return error;
  const links = chain(error);
  if (!isDatabaseError(links)) return error;
  const codes = links.map((e) => String(e.code ?? ''));
  if (codes.some((c) => connectionCodes.test(c)) || links.some((e) => connectionMessages.test(String(e.message ?? '')))) return new DatabaseUnavailableError();
  const driver = links.find((e) => typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code));
  const sqlState = String(driver?.code ?? 'unknown');
  const column = typeof driver?.column === 'string' ? driver.column : undefined;
  switch (sqlState) {
    case '23505': {
      const meaning = typeof driver?.constraint === 'string' ? uniqueMeanings.get(driver.constraint) : undefined;
      return meaning
        ? new ConflictError(meaning.message, { errors: [{ field: meaning.field, reason: meaning.reason }] })
        : new ConflictError('Deze gegevens zijn al vastgelegd.');
    }
    case '23503':
      return new ConflictError('Dit verwijst naar gegevens die niet (meer) bestaan, of die nog in gebruik zijn.');
    case '23502':
    case '23514':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
    case '22021':
      return new ValidationError('Een of meer velden zijn niet juist ingevuld.', column ? [{ field: column, reason: 'Deze waarde past niet.' }] : []);
    default:
      return new DatabaseFailure(sqlState, stackFrames((error as DriverError).stack));
  }
}
