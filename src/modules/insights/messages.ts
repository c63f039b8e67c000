import { type AppError, NotFoundError, ValidationError } from '../../platform/errors.ts';

/**
 * Every refusal of the insights module, once: a code (what the domain and the commands say) → its HTTP status,
 * the field it is about and the Dutch sentence people read. Routes and tests never compare message text.
 */
export const insightsMessages = {
  measure_exists: { status: 400, field: 'code', title: 'Deze maat bestaat al.', reason: (p: Params) => `De code ${p.code} is al in gebruik.` },
  measure_not_found: { status: 404, field: null, title: 'De maat', reason: (p: Params) => (p.code ? `De maat ${p.code}` : 'De maat') },
  measure_from_module: {
    status: 400,
    field: 'measure',
    title: 'Deze maat komt uit een module en kan niet met een bestand worden gevuld.',
    reason: (p: Params) => `${p.code} wordt gevuld door ${p.source}.`,
  },
  period_invalid: { status: 400, field: 'period', title: 'De periode is niet geldig.', reason: () => 'Schrijf de periode als 2021-03, 2021-Q1 of 2021.' },
  period_reversed: { status: 400, field: 'from', title: 'De periode is niet geldig.', reason: () => 'Het begin ligt na het einde.' },
  region_level: {
    status: 400,
    field: 'level',
    title: 'Voor de hele Drechtsteden zijn er cijfers per wijk.',
    reason: () => 'Kies “Wijken” als u alle gemeenten van de Drechtsteden tegelijk wilt zien, of kies één gemeente.',
  },
  region_counts_only: {
    status: 400,
    field: 'measure',
    title: 'Deze maat is er niet voor alle wijken van de Drechtsteden tegelijk.',
    reason: () => 'Kies één gemeente voor deze maat. Alle wijken van de Drechtsteden samen zijn er voor aantallen, bedragen en percentages.',
  },
  release_period_invalid: {
    status: 400,
    field: 'period',
    title: 'De periode is niet geldig.',
    reason: () => 'Schrijf de periode als 2021-H1 (een halfjaar), 2021-Q1, 2021-03 of 2021.',
  },
  release_exists: {
    status: 400,
    field: 'again',
    title: 'De cijfers van deze periode zijn al gepubliceerd.',
    reason: (p: Params) =>
      `De cijfers van ${p.period} zijn al vastgelegd als versie ${p.version}. Die blijven zoals ze zijn. Wilt u een nieuwe versie met de cijfers van nu? Kies dan voor een nieuwe versie.`,
  },
  release_none: {
    status: 400,
    field: 'release',
    title: 'Er zijn nog geen gepubliceerde cijfers.',
    reason: (p: Params) => `Voor ${p.municipality} zijn nog geen cijfers gepubliceerd. Kies de actuele cijfers.`,
  },
  release_per_municipality: {
    status: 400,
    field: 'release',
    title: 'Gepubliceerde cijfers zijn er per gemeente.',
    reason: () => 'Kies één gemeente om haar gepubliceerde cijfers te zien, of kies de actuele cijfers.',
  },
  release_not_found: { status: 404, field: null, title: 'De publicatie', reason: () => 'De publicatie' },
  benchmark_not_found: { status: 404, field: null, title: 'Het vergelijkingscijfer', reason: () => 'Het vergelijkingscijfer' },
} as const;

type Params = Record<string, string | undefined>;
export type InsightsCode = keyof typeof insightsMessages;

/** The error to throw for a code; `field` overrides the table's field (e.g. `from` or `to` for a period). */
export function insightsError(code: InsightsCode, params: Params = {}, field?: string): AppError {
  const m = insightsMessages[code];
  if (m.status === 404) return new NotFoundError(m.reason(params));
  return new ValidationError(m.title, [{ field: field ?? m.field ?? 'form', reason: m.reason(params) }]);
}
