// The platform's contract: what the API answers about sessions, municipalities, organisations, users, API keys, the
// audit trail and the person register, and the Dutch names of the codes it speaks in (server and web app use both).
import { z } from 'zod';
import { id, isoDate, pageOf, timestamp } from './contract.ts';

export const organisationKinds = [
  'municipal_team',
  'social_service',
  'neighbourhood_team',
  'volunteer_organisation',
  'creditor',
  'provider',
  'health_care',
  'other',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const roles = ['admin', 'signal_officer', 'case_worker', 'creditor', 'provider_cashier', 'analyst', 'programme_manager'] as const;
export type Role = (typeof roles)[number];

export const auditActions = ['read', 'search', 'export', 'print', 'create', 'update', 'delete', 'login', 'logout', 'send'] as const;
export type AuditAction = (typeof auditActions)[number];
export const auditResults = ['success', 'denied', 'error'] as const;
export type AuditResult = (typeof auditResults)[number];

/** Dutch names for the codes (keep in step with docs/glossary.md). */
export const roleLabels: Record<Role, string> = {
  admin: 'Beheerder',
  signal_officer: 'Medewerker vroegsignalering',
  case_worker: 'Consulent',
  creditor: 'Schuldeiser',
  provider_cashier: 'Kassamedewerker aanbieder',
  analyst: 'Analist',
  programme_manager: 'Programmamanager',
};

export const organisationKindLabels: Record<OrganisationKind, string> = {
  municipal_team: 'Gemeentelijk team',
  social_service: 'Sociale dienst',
  neighbourhood_team: 'Wijkteam',
  volunteer_organisation: 'Vrijwilligersorganisatie',
  creditor: 'Schuldeiser',
  provider: 'Aanbieder',
  health_care: 'Zorg',
  other: 'Overig',
};

export const auditActionLabels: Record<AuditAction, string> = {
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

export const auditResultLabels: Record<AuditResult, string> = { success: 'Gelukt', denied: 'Geweigerd', error: 'Fout' };

/** The Dutch name of a code from one of the tables above, or the code itself when it is unknown. */
export function labelOf(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code;
}

export const health = z.object({ status: z.literal('ok') });

export const municipality = z.object({ code: z.string(), name: z.string(), createdAt: timestamp });

export const sessionView = z.object({
  user: z
    .object({
      id,
      displayName: z.string(),
      organisationId: id,
      organisationKind: z.enum(organisationKinds),
      roles: z.array(z.enum(roles)),
      municipalities: z.array(z.string()),
    })
    .nullable(),
  csrfToken: z.string().nullable(),
  permissions: z.array(z.string()),
});

export const organisation = z.object({
  id,
  code: z.string(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  creditorTypes: z.array(z.string()),
  municipalities: z.array(z.string()),
  /** Where new referrals are announced by e-mail (a shared inbox); null: none. */
  mailAddress: z.string().nullable(),
  /** The team lead's address for a referral not picked up in time; shown only to the admins who manage it. */
  teamLeadMailAddress: z.string().nullable(),
  /** Whether the asking admin administers every municipality it serves, and so may manage it. */
  manageable: z.boolean(),
});

/** A newly made organisation as stored. */
export const createdOrganisation = organisation.extend({ createdAt: timestamp });

export const user = z.object({
  id,
  organisationId: id,
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  active: z.boolean(),
  lockedUntil: timestamp.nullable(),
  lastLoginAt: timestamp.nullable(),
  createdAt: timestamp,
});

export const apiKey = z.object({
  id,
  organisationId: id,
  name: z.string(),
  prefix: z.string(),
  roles: z.array(z.enum(roles)),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});

/** A new key: the only time the key itself is shown. */
export const createdApiKey = apiKey.extend({ key: z.string() });

/** A resident the line is about, by name (only for those who may read the audit trail). */
export const auditSubject = z.object({ id, name: z.string().nullable() });

/**
 * One line of the audit trail, with names beside the ids: who (a staff member's name, or the organisation of an
 * API key, or a system job), on whose behalf, for which organisation, and which residents.
 */
export const auditEvent = z.object({
  id: z.number().int(),
  occurredAt: timestamp,
  actorKind: z.string(),
  actorUserId: id.nullable(),
  actorApiKeyId: id.nullable(),
  actorOrganisationId: id.nullable(),
  /** "Anna de Vries", "API-sleutel van Trivire", "Systeem (nightly)", "Inwoner (anoniem)". */
  actorName: z.string(),
  organisationName: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  municipalityCode: z.string().nullable(),
  municipalityCodes: z.array(z.string()),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  subjectIds: z.array(id),
  subjects: z.array(auditSubject),
  result: z.string(),
  origin: z.string().nullable(),
  purpose: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const auditPage = pageOf(auditEvent);

export const person = z.object({
  id,
  municipalityCode: z.string(),
  bsn: z.string().nullable(),
  initials: z.string().nullable(),
  prefix: z.string().nullable(),
  surname: z.string(),
  birthDate: isoDate.nullable(),
  street: z.string().nullable(),
  houseNumber: z.string().nullable(),
  houseNumberSuffix: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** What an audit line is about, in Dutch, for the kinds of object most lines name (the others show their code). */
export const auditObjectTypeLabels: Record<string, string> = {
  person: 'Inwoner',
  user: 'Gebruiker',
  organisation: 'Organisatie',
  api_key: 'API-sleutel',
  session: 'Inloggen',
  audit_event: 'Auditlog',
  route: 'Pagina of API',
  backup: 'Back-up',
  signal_case: 'Zaak vroegsignalering',
  signal_import: 'Bestand met signalen',
  signal_letter_run: 'Brieven vroegsignalering',
  referral: 'Verwijzing',
  referral_consent: 'Toestemming verwijzing',
  pass: 'Dordtpas',
  pass_application: 'Aanvraag Dordtpas',
  child_budget: 'Kindtegoed',
  directory_service: 'Dienst op de sociale kaart',
  directory_location: 'Plek op de sociale kaart',
  programme: 'Programma',
  initiative: 'Initiatief',
  commitment: 'Afspraak',
};
