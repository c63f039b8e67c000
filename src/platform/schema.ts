import { sql, type SQL } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { personal } from '../db/personal.ts';
import { organisationKinds, roles } from './contract-platform.ts';

export {
  auditActions,
  auditResults,
  organisationKinds,
  roles,
  type AuditAction,
  type AuditResult,
  type OrganisationKind,
  type Role,
} from './contract-platform.ts';

export const organisationKindEnum = pgEnum('organisation_kind', organisationKinds);
export const roleEnum = pgEnum('role', roles);

/** Tenants: municipalities by CBS code (GM0505 Dordrecht). */
export const municipalities = pgTable('municipalities', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: organisationKindEnum('kind').notNull(),
    /** For a creditor: the DDAS signal types it reports (`rent`, `health_insurance`, ...; see signals/ddas.ts). */
    creditorTypes: text('creditor_types').array().notNull().default(sql`'{}'::text[]`),
    /** Where a new referral is announced (a shared inbox of the organisation, never a person's own address). */
    mailAddress: text('mail_address'),
    /** The team lead, who hears of a referral not picked up in time. */
    teamLeadMailAddress: text('team_lead_mail_address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisations_code_key').on(t.code)],
);

/** The municipalities an organisation works for; its users see those tenants' data and no other. */
export const organisationMunicipalities = pgTable(
  'organisation_municipalities',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.municipalityCode] })],
);

/** Staff accounts. Management of them is audited explicitly; they are not residents' data. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: roleEnum('roles').array().notNull(),
    active: boolean('active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** The account at the municipality's OpenID provider (issuer and subject) this user logs in with, once linked. */
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`), uniqueIndex('users_oidc_key').on(t.oidcIssuer, t.oidcSubject)],
);

/** Sessions are stored by the SHA-256 of their token, so a copy of this table does not let anyone log in. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** A session opened through the OpenID provider: its ID token, sent back as `id_token_hint` at logout. */
    idToken: text('id_token'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Residents logged in with DigiD (or eHerkenning) through the broker: a short session, its own cookie, no staff
 * rights. Stored by the SHA-256 of the token; the BSN (and KvK number) come from the broker's ID token.
 */
export const residentSessions = personal(
  pgTable('resident_sessions', {
    tokenHash: text('token_hash').primaryKey(),
    bsn: text('bsn'),
    kvkNumber: text('kvk_number'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  }),
);

/** Machine clients (creditors). The key itself is shown once; only its hash is kept. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    roles: roleEnum('roles').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_key_hash_key').on(t.keyHash)],
);

/**
 * Residents known to the platform: the one register of natural persons that modules refer to by id.
 * Every row belongs to exactly one municipality.
 */
/**
 * A surname as the queue searches it: lower case, without the prefixes a creditor may have written into it
 * ("van der Berg" is found as "berg"). One expression, in the index and in the query, so that a search is an index
 * lookup. A literal pattern (not a parameter): the planner matches the expression only when it is the same text.
 */
export const surnamePrefixPattern = "^((van|von|de|der|den|het|'t|ter|ten|te|in|op|uit|la|le|du|d') +)+";
export function surnameKey(column: unknown): SQL {
  return sql`regexp_replace(lower(${column}), ${sql.raw(`'${surnamePrefixPattern.replace(/'/g, "''")}'`)}, '')`;
}

export const persons = personal(
  pgTable(
    'persons',
    {
      id: uuid('id').primaryKey().defaultRandom(),
      municipalityCode: text('municipality_code')
        .notNull()
        .references(() => municipalities.code),
      bsn: text('bsn'),
      initials: text('initials'),
      prefix: text('prefix'),
      surname: text('surname').notNull(),
      birthDate: date('birth_date'),
      street: text('street'),
      houseNumber: text('house_number'),
      houseNumberSuffix: text('house_number_suffix'),
      postcode: text('postcode'),
      city: text('city'),
      phone: text('phone'),
      email: text('email'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      uniqueIndex('persons_municipality_bsn_key').on(t.municipalityCode, t.bsn),
      index('persons_address_idx').on(t.municipalityCode, t.postcode, t.houseNumber),
      // The queue's search by (the start of) a surname, case-insensitive (signals/queries.ts).
      index('persons_surname_search_idx').on(t.municipalityCode, sql`${surnameKey(t.surname)} text_pattern_ops`),
    ],
  ),
);

/**
 * The audit trail (BIO 12.4, NEN 7513): who, on whose behalf, what object, which action, result, origin, when.
 * It holds identifiers, never the personal data itself.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorKind: text('actor_kind').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorApiKeyId: uuid('actor_api_key_id'),
    actorOrganisationId: uuid('actor_organisation_id'),
    onBehalfOf: text('on_behalf_of'),
    municipalityCode: text('municipality_code'),
    /** The municipalities this line belongs to (see `auditMunicipalities`); an admin sees it only if they administer all of them. */
    municipalityCodes: text('municipality_codes').array().notNull().default(sql`'{}'::text[]`),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    subjectIds: uuid('subject_ids').array().notNull().default(sql`'{}'::uuid[]`),
    result: text('result').notNull(),
    origin: text('origin'),
    purpose: text('purpose'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_actor_idx').on(t.actorUserId, t.occurredAt),
    index('audit_events_object_idx').on(t.objectType, t.objectId),
    index('audit_events_subjects_idx').using('gin', t.subjectIds),
    index('audit_events_municipalities_idx').using('gin', t.municipalityCodes),
  ],
);

export type PersonRow = typeof persons.$inferSelect;
export type UserRow = typeof users.$inferSelect;

/**
 * Secrets the server processes of one database share, made once at random and never shown: `lock_keys` derives
 * the advisory-lock keys (see lockKeys.ts), so that `pg_locks` does not give away the BSNs or addresses they are for.
 */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * "Wachtwoord vergeten": single-use links for staff, stored by the SHA-256 of their token (as sessions are), so a
 * copy of this table resets no password. A link expires after a short time and is spent by its first use.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_resets_user_idx').on(t.userId, t.createdAt)],
);
