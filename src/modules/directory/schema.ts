// The tables of the directory module (GeldenzoDordt, the social map), in the shape of Open Referral HSDS:
// organization → service → (location, schedule). None of it is personal data: it describes organisations.
import { boolean, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A WGS84 degree with six decimals (about 10 cm): enough for a front door. */
const degrees = (name: string) => numeric(name, { precision: 9, scale: 6, mode: 'number' });

export const directoryOrganizations = pgTable(
  'directory_organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable short code, the platform organisation code where there is one (SDD, SWT, ...). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    url: text('url'),
    /** Imported from another social map (HSDS): the name of that source; null for Vangnet's own entries. */
    source: text('source'),
    /** The record's id in that source, so a second import updates it instead of adding it again. */
    sourceId: text('source_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('directory_organizations_code').on(t.code), uniqueIndex('directory_organizations_source').on(t.source, t.sourceId)],
);

export const directoryServices = pgTable(
  'directory_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => directoryOrganizations.id),
    /** Stable short code (e.g. sdd-ondernemersloket), used in links and by the self-test's advice. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Plain Dutch at language level B1. */
    description: text('description').notNull(),
    audiences: text('audiences').array().notNull(),
    themes: text('themes').array().notNull(),
    helpKind: text('help_kind').notNull(),
    municipalityCode: text('municipality_code').notNull().default('GM0505'),
    email: text('email'),
    phone: text('phone'),
    url: text('url'),
    /** How to get in: "Bel of mail", "Loop binnen tijdens het spreekuur", ... */
    howToApply: text('how_to_apply').notNull().default(''),
    active: boolean('active').notNull().default(true),
    /** Imported from another social map (HSDS): the name of that source; null for Vangnet's own entries. */
    source: text('source'),
    /** The record's id in that source, so a second import updates it instead of adding it again. */
    sourceId: text('source_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('directory_services_code').on(t.code),
    index('directory_services_org').on(t.organizationId),
    uniqueIndex('directory_services_source').on(t.source, t.sourceId),
  ],
);

export const directoryLocations = pgTable(
  'directory_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => directoryOrganizations.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    postcode: text('postcode'),
    city: text('city').notNull().default('Dordrecht'),
    /** CBS wijk code (WK050504), from the postcode or chosen. */
    areaCode: text('area_code'),
    /** A place where people meet (community centre, library, school): mobile consultation hours happen here. */
    meetingPlace: boolean('meeting_place').notNull().default(false),
    description: text('description').notNull().default(''),
    /** WGS84 position of the front door (null: not known yet); the public search sorts by distance from it. */
    latitude: degrees('latitude'),
    longitude: degrees('longitude'),
    /** Imported from another social map (HSDS): the name of that source; null for Vangnet's own entries. */
    source: text('source'),
    /** The record's id in that source, so a second import updates it instead of adding it again. */
    sourceId: text('source_id'),
  },
  (t) => [uniqueIndex('directory_locations_code').on(t.code), uniqueIndex('directory_locations_source').on(t.source, t.sourceId)],
);

export const directorySchedules = pgTable(
  'directory_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => directoryServices.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id').references(() => directoryLocations.id),
    /** ISO weekday: 1 Monday … 7 Sunday. */
    weekday: integer('weekday').notNull(),
    /** Local time in Europe/Amsterdam, HH:MM. */
    opensAt: text('opens_at').notNull(),
    closesAt: text('closes_at').notNull(),
    /** A mobile consultation hour: the team comes to a meeting place. */
    mobile: boolean('mobile').notNull().default(false),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    note: text('note').notNull().default(''),
  },
  (t) => [index('directory_schedules_service').on(t.serviceId)],
);

/**
 * Four-digit postcode areas (PC4) with a centre point: the public search turns a resident's postcode into a position.
 * Configuration, no personal data. Empty: the built-in Drechtsteden set (`postcodeCentres.ts`) is used; staff load
 * the official CBS/PDOK PC4 file from a CSV (`vangnet directory postcodes load FILE`), which replaces the whole table.
 */
export const directoryPostcodeCentres = pgTable('directory_postcode_centres', {
  /** Four digits, `3311`. */
  pc4: text('pc4').primaryKey(),
  /** The place name (woonplaats), for the sentence "Afstand vanaf 3311 (Dordrecht)". */
  place: text('place').notNull(),
  latitude: degrees('latitude').notNull(),
  longitude: degrees('longitude').notNull(),
});

/**
 * Search synonyms the directory staff maintain: searching `term` also finds texts with one of `synonyms`
 * ("huurachterstand" → "schuldhulp", "schulden"). Stored normalised (lower case, no accents).
 */
export const directorySynonyms = pgTable(
  'directory_synonyms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    term: text('term').notNull(),
    synonyms: text('synonyms').array().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('directory_synonyms_term').on(t.term)],
);
