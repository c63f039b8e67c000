// The tables of the insights module (Dashboard Sociaal Domein). Only anonymous counts and sums live here (with, for
// an amount, how many people are behind it and the largest contributions, never who): no table is personal.
import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** What is counted: a module's metric or an imported dataset. */
export const insightsMeasures = pgTable('insights_measures', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** count | percent | cents | days */
  unit: text('unit').notNull(),
  description: text('description').notNull().default(''),
  /** `module:signals`, or `import` for a dataset delivered as a file. */
  source: text('source').notNull(),
  owner: text('owner').notNull(),
  /** The dashboard theme it belongs to (schulden, kinderen, werkende-armen, gezondheid, inkomen). */
  theme: text('theme').notNull().default('schulden'),
  /** The finest period its figures come in: month, quarter or year. */
  periodKind: text('period_kind').notNull().default('month'),
  /** How figures roll up over time: sum (a flow), last (a stock, the value at the end), avg (a percentage or duration). */
  aggregation: text('aggregation').notNull().default('sum'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Municipalities, wijken and buurten by CBS code (GM0505, WK050504, BU05050401). */
export const insightsAreas = pgTable(
  'insights_areas',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('insights_areas_municipality_idx').on(t.municipalityCode, t.kind)],
);

/** Calendar periods: months (2021-03), quarters (2021-Q1) and years (2021), with the quarter and year they roll up into. */
export const insightsPeriods = pgTable('insights_periods', {
  code: text('code').primaryKey(),
  kind: text('kind').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  quarterCode: text('quarter_code'),
  yearCode: text('year_code').notNull(),
});

/** One figure: measure × area × period → value. `derived` marks municipality totals computed from wijk figures. */
export const insightsObservations = pgTable(
  'insights_observations',
  {
    measureCode: text('measure_code')
      .notNull()
      .references(() => insightsMeasures.code, { onDelete: 'cascade' }),
    areaCode: text('area_code')
      .notNull()
      .references(() => insightsAreas.code),
    periodCode: text('period_code')
      .notNull()
      .references(() => insightsPeriods.code),
    value: doublePrecision('value').notNull(),
    /** For an amount: how many persons it comes from (null: unknown, then it is never shown). */
    contributors: integer('contributors'),
    /** For an amount: the largest contributions, largest first (at most five). */
    largest: jsonb('largest').$type<number[]>(),
    derived: boolean('derived').notNull().default(false),
    importId: integer('import_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.measureCode, t.areaCode, t.periodCode] }), index('insights_observations_period_idx').on(t.measureCode, t.periodCode)],
);

/** Every imported file, with its outcome, so an import can be checked and repeated. */
export const insightsImports = pgTable('insights_imports', {
  id: serial('id').primaryKey(),
  measureCode: text('measure_code').notNull(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  importedBy: text('imported_by').notNull(),
  rows: integer('rows').notNull(),
  accepted: integer('accepted').notNull(),
  duplicates: integer('duplicates').notNull(),
  rejected: integer('rejected').notNull(),
  rejections: jsonb('rejections').$type<{ line: number; field: string; reason: string }[]>().notNull().default(sql`'[]'::jsonb`),
});

/** National reference figures an analyst enters, to compare the municipality with. */
export const insightsBenchmarks = pgTable(
  'insights_benchmarks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    measureCode: text('measure_code')
      .notNull()
      .references(() => insightsMeasures.code, { onDelete: 'cascade' }),
    periodCode: text('period_code')
      .notNull()
      .references(() => insightsPeriods.code),
    value: doublePrecision('value').notNull(),
    source: text('source').notNull(),
    note: text('note').notNull().default(''),
    enteredBy: uuid('entered_by'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('insights_benchmarks_measure_period_key').on(t.measureCode, t.periodCode)],
);

/**
 * Inhabitants (and optionally households) per area and year, as an analyst imports them (CBS figures on 1 January),
 * for rates per 1,000 inhabitants. One figure per area and year.
 */
export const insightsPopulation = pgTable(
  'insights_population',
  {
    areaCode: text('area_code')
      .notNull()
      .references(() => insightsAreas.code),
    year: integer('year').notNull(),
    inhabitants: integer('inhabitants').notNull(),
    households: integer('households'),
    importId: integer('import_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.areaCode, t.year] })],
);

/**
 * A frozen release: the protected figures of one period (2021-H1) for one municipality, computed once and stored.
 * Reads of a published period come from here, never recomputed; later data make a new version, never a changed one.
 */
export const insightsReleases = pgTable(
  'insights_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    /** The period published: a half year (2021-H1), a quarter, a month or a year. */
    period: text('period').notNull(),
    version: integer('version').notNull(),
    /** The smallest count shown when it was published (VANGNET_INSIGHTS_MIN_COUNT then). */
    threshold: integer('threshold').notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [uniqueIndex('insights_releases_version_key').on(t.municipalityCode, t.period, t.version)],
);

/**
 * The protected base table of a release, per measure: every row (a wijk, a buurt, what is in no wijk) and the
 * municipality's totals (`area_code` '') × every period of the release, as the release's protection decided. The
 * live dashboard shows a published period from here, so the release and the live views are one protected table and
 * later data never move a published month. Only a shown entry keeps its value.
 */
export const insightsReleaseBase = pgTable(
  'insights_release_base',
  {
    releaseId: uuid('release_id')
      .notNull()
      .references(() => insightsReleases.id, { onDelete: 'cascade' }),
    measureCode: text('measure_code').notNull(),
    /** wijk | buurt: the level of the base table (a buurt table is built on the wijk table). */
    level: text('level').notNull(),
    /** The row's area code, or '' for the municipality's totals. */
    areaCode: text('area_code').notNull(),
    /** The row's name as published. */
    name: text('name').notNull(),
    periodCode: text('period_code').notNull(),
    value: doublePrecision('value'),
    /** shown | primary | secondary */
    state: text('state').notNull(),
    /** Why a hidden entry is hidden, when it is not a count's own state (amounts: dominance, few_contributors). */
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.measureCode, t.level, t.areaCode, t.periodCode] })],
);

/** One published figure of a release: shown (with its value), hidden (primary, secondary) or missing (no data). */
export const insightsReleaseCells = pgTable(
  'insights_release_cells',
  {
    releaseId: uuid('release_id')
      .notNull()
      .references(() => insightsReleases.id, { onDelete: 'cascade' }),
    measureCode: text('measure_code').notNull(),
    areaCode: text('area_code').notNull(),
    /** The measure's name and unit as published, so a later rename does not move the letter. */
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    /** Only a shown figure keeps its value: a hidden value is never stored here. */
    value: doublePrecision('value'),
    /** shown | primary | secondary | missing */
    state: text('state').notNull(),
    display: text('display').notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.measureCode, t.areaCode] })],
);
