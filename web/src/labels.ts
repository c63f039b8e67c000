/** Dutch names for the codes the API speaks in. Keep in step with docs/glossary.md. */
export const roleLabels: Record<string, string> = {
  admin: 'Beheerder',
  signal_officer: 'Medewerker vroegsignalering',
  case_worker: 'Consulent',
  creditor: 'Schuldeiser',
  provider_cashier: 'Kassamedewerker aanbieder',
  analyst: 'Analist',
  programme_manager: 'Programmamanager',
};

export const organisationKindLabels: Record<string, string> = {
  municipal_team: 'Gemeentelijk team',
  social_service: 'Sociale dienst',
  neighbourhood_team: 'Wijkteam',
  volunteer_organisation: 'Vrijwilligersorganisatie',
  creditor: 'Schuldeiser',
  provider: 'Aanbieder',
  health_care: 'Zorg',
  other: 'Overig',
};

export const auditActionLabels: Record<string, string> = {
  read: 'Ingezien',
  search: 'Gezocht',
  export: 'Geëxporteerd',
  print: 'Afgedrukt',
  create: 'Aangemaakt',
  update: 'Gewijzigd',
  delete: 'Verwijderd',
  login: 'Ingelogd',
  logout: 'Uitgelogd',
  send: 'Verstuurd (e-mail)',
};

export const auditResultLabels: Record<string, string> = { success: 'Gelukt', denied: 'Geweigerd', error: 'Fout' };

export { formatDateTime } from './format.ts';
export function formatDateTimeShort(value: string | null | undefined): string {
  if (!value) return '–';
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(value));
}
