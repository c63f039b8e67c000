import { ConflictError, ValidationError, type AppError } from '../../platform/errors.ts';

/**
 * What the social map refuses, by code: per code its HTTP status and the plain Dutch sentences (the message, and for
 * a field the sentence shown next to it). Code throws `directoryProblem(code)`; nothing compares these texts.
 */
interface Entry {
  status: 400 | 409;
  message: string;
  field?: { name: string; reason: string };
}

export const directoryMessages = {
  postcode_malformed: {
    status: 400,
    message: 'Dit is geen postcode.',
    field: { name: 'postcode', reason: 'Vul een postcode in zoals 3311 of 3311 AB.' },
  },
  postcode_unknown: {
    status: 400,
    message: 'Deze postcode kennen we niet.',
    field: { name: 'postcode', reason: 'Deze postcode ligt niet in de Drechtsteden. Vul een postcode in de regio in, of zoek zonder postcode.' },
  },
  synonym_term_taken: {
    status: 409,
    message: 'Dit zoekwoord staat er al.',
    field: { name: 'term', reason: 'Dit zoekwoord staat al in de lijst. Pas het bestaande zoekwoord aan.' },
  },
} satisfies Record<string, Entry>;

export type DirectoryProblemCode = keyof typeof directoryMessages;

/** The error for a refusal code, with its Dutch message and the field it is about. */
export function directoryProblem(code: DirectoryProblemCode): AppError {
  const entry: Entry = directoryMessages[code];
  const errors = entry.field ? [{ field: entry.field.name, reason: entry.field.reason }] : [];
  const error = entry.status === 409 ? new ConflictError(entry.message, { errors }) : new ValidationError(entry.message, errors);
  error.details.reason = code;
  return error;
}
