import { type AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';

/**
 * Every refusal of the programme module, once: a code → its HTTP status, the field it is about and the Dutch
 * sentence people read. The commands throw by code; routes and tests never compare message text.
 */
type Params = Record<string, string | number | undefined>;

export const programmeMessages = {
  programme_not_found: { status: 404, field: null, title: 'Het programma', reason: () => '' },
  line_not_found: { status: 404, field: null, title: 'De programmalijn', reason: () => '' },
  initiative_not_found: { status: 404, field: null, title: 'Het initiatief', reason: () => '' },
  commitment_not_found: { status: 404, field: null, title: 'De toezegging', reason: () => '' },
  decision_not_found: { status: 404, field: null, title: 'Het besluit', reason: () => '' },
  letter_not_found: { status: 404, field: null, title: 'De raadsinformatiebrief', reason: () => '' },
  letter_not_draft: {
    status: 409,
    field: 'status',
    title: 'Deze brief is al vastgesteld of verstuurd.',
    reason: () => 'Een vastgestelde of verstuurde brief verandert niet meer. Maak een correctie: die wordt een nieuwe versie.',
  },
  letter_not_approved: {
    status: 409,
    field: 'status',
    title: 'Deze brief is nog niet vastgesteld.',
    reason: () => 'Stel de brief eerst vast; daarna kunt u hem naar de raad sturen.',
  },
  letter_not_sent: {
    status: 409,
    field: 'status',
    title: 'Deze brief is nog niet verstuurd.',
    reason: () => 'Alleen een verstuurde brief krijgt een correctie. Een concept kunt u gewoon wijzigen.',
  },
  period_invalid: {
    status: 400,
    field: 'period',
    title: 'De periode is niet geldig.',
    reason: () => 'Schrijf het halfjaar als 2021-H1 (januari tot en met juni) of 2021-H2.',
  },
  line_number_taken: {
    status: 400,
    field: 'number',
    title: 'Er is al een programmalijn met dit nummer.',
    reason: (p: Params) => `Programmalijn ${p.number} bestaat al. Kies een ander nummer.`,
  },
  initiative_other_programme: {
    status: 400,
    field: 'lineId',
    title: 'Een initiatief blijft binnen zijn programma.',
    reason: () => 'Kies een programmalijn van hetzelfde programma.',
  },
  commitment_code_taken: { status: 400, field: 'code', title: 'Deze toezegging staat er al.', reason: (p: Params) => `Toezegging ${p.code} bestaat al.` },
  decision_taken: { status: 400, field: 'risNumber', title: 'Dit besluit staat er al.', reason: (p: Params) => `RIS-dossier ${p.risNumber} staat er al.` },
} as const;

export type ProgrammeCode = keyof typeof programmeMessages;

export function programmeError(code: ProgrammeCode, params: Params = {}): AppError {
  const m = programmeMessages[code];
  if (m.status === 404) return new NotFoundError(m.title);
  if (m.status === 409) return new ConflictError(m.title, { errors: [{ field: m.field ?? 'form', reason: (m.reason as (p: Params) => string)(params) }] });
  return new ValidationError(m.title, [{ field: m.field ?? 'form', reason: m.reason(params) }]);
}
