import { z } from 'zod';
import { timestamp } from '../../platform/contract.ts';
import { municipalityCodeOrDefault } from '../../platform/municipalities.ts';
import { patchSchema } from '../../platform/validation.ts';

/**
 * The contract of the Dashboard Sociaal Domein: what the routes take and answer, and the Dutch names of its codes.
 * Imports only zod and other contract files, so the web app reads its types and labels from here.
 */

/** The dashboard's themes, following the programme lines of Samen tegen Armoede plus income. */
export const themes = [
  { code: 'schulden', name: 'Voorkomen en aanpakken schulden' },
  { code: 'kinderen', name: 'Kinderen in armoede' },
  { code: 'werkende-armen', name: 'Werkende armen en meedoen' },
  { code: 'gezondheid', name: 'Armoede en gezondheid' },
  { code: 'inkomen', name: 'Inkomen en bijstand' },
] as const;
export type ThemeCode = (typeof themes)[number]['code'];
export const themeCodes = themes.map((t) => t.code) as [ThemeCode, ...ThemeCode[]];

export const units = ['count', 'percent', 'cents', 'days'] as const;
export const periodKinds = ['month', 'quarter', 'year'] as const;
export const aggregations = ['sum', 'last', 'avg'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Labels

/** "Periode per …" on the dashboard. */
export const granularityLabels: Record<(typeof periodKinds)[number], string> = { month: 'Maand', quarter: 'Kwartaal', year: 'Jaar' };

/** The unit of a measure, in words. */
export const unitLabels: Record<(typeof units)[number], string> = { count: 'Aantal', percent: 'Percentage', cents: 'Bedrag in euro', days: 'Aantal dagen' };

/** How a measure's figures roll up over time, in words. */
export const aggregationLabels: Record<(typeof aggregations)[number], string> = {
  sum: 'Opgeteld over de periode',
  last: 'Stand aan het eind van de periode',
  avg: 'Gemiddelde over de periode',
};

/** Why a cell is hidden, as the API names it. */
export const suppressionReasons = ['small_count', 'secondary', 'dominance', 'few_contributors', 'built_on_hidden'] as const;
export type SuppressionReasonCode = (typeof suppressionReasons)[number];

/** The short sentence a person sees next to a hidden cell (B1). */
export function suppressionExplanation(reason: SuppressionReasonCode, threshold: number): string {
  switch (reason) {
    case 'small_count':
      return `Verborgen: minder dan ${threshold} inwoners, zo blijft niemand herkenbaar.`;
    case 'secondary':
      return 'Verborgen: anders kunt u een verborgen cijfer uitrekenen met de totalen.';
    case 'dominance':
      return 'Verborgen: dit bedrag komt vooral van één of twee mensen.';
    case 'few_contributors':
      return 'Verborgen: dit bedrag komt van te weinig mensen.';
    case 'built_on_hidden':
      return 'Verborgen: dit is berekend met een verborgen cijfer.';
  }
}

/** What the page and the API say about a measure that counts no persons (and so is not protected). */
export const notAboutPersonsNote = 'Geen personen: niet afgeschermd. Dit cijfer telt bezoeken aan een website, geen inwoners.';

/** The dashboard level. */
export const levelLabels = { municipality: 'Gemeenten', wijk: 'Wijken van een gemeente', buurt: 'Buurten van een gemeente' } as const;
export const levels = ['wijk', 'municipality', 'buurt'] as const;
export type Level = (typeof levels)[number];

// ---------------------------------------------------------------------------------------------------------------
// Requests

export const measureInput = z.object({
  code: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/, 'Schrijf de code als bron.naam, met kleine letters, bijvoorbeeld sdd.schuldhulp.'),
  name: z.string().trim().min(2, 'Geef de maat een naam van minstens 2 tekens.').max(200),
  unit: z.enum(units),
  description: z.string().trim().max(2000).default(''),
  owner: z.string().trim().min(2, 'Schrijf wie de cijfers levert.').max(200),
  theme: z.enum(themeCodes),
  periodKind: z.enum(periodKinds).default('month'),
  aggregation: z.enum(aggregations).default('sum'),
});
// No defaults in a patch: a default would silently reset a field the client did not send.
export const measurePatch = patchSchema({
  name: z.string().trim().min(2).max(200).optional(),
  description: z.string().trim().max(2000).optional(),
  owner: z.string().trim().min(2).max(200).optional(),
  theme: z.enum(themeCodes).optional(),
  aggregation: z.enum(aggregations).optional(),
});

const periodText = z.string().trim().min(4, 'Schrijf de periode als 2021-03, 2021-Q1 of 2021.').max(10, 'Schrijf de periode als 2021-03, 2021-Q1 of 2021.');

export const benchmarkInput = z.object({
  measure: z.string().min(1).max(100),
  period: periodText,
  value: z.number('Schrijf de landelijke waarde als een getal, bijvoorbeeld 1500 of 12,5.').finite().min(0, 'De landelijke waarde kan niet negatief zijn.'),
  source: z.string().trim().min(2, 'Schrijf waar het cijfer vandaan komt, bijvoorbeeld “CBS Statline”.').max(300),
  note: z.string().trim().max(1000).default(''),
});

/** `municipality=drechtsteden&level=wijk`: every wijk of the Drechtsteden municipalities one may read, in one table. */
export const regionCode = 'drechtsteden';

export const dashboardQuery = z.object({
  measure: z.string().min(1).max(100),
  municipality: z.union([z.literal(regionCode), municipalityCodeOrDefault]),
  level: z.enum(levels).default('wijk'),
  granularity: z.enum(periodKinds).default('quarter'),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  /** Comma-separated area codes to show (default: all). */
  areas: z.string().max(2000).optional(),
  /** A published release (its id, or `latest`: the municipality's newest): its frozen figures instead of live ones. */
  release: z.union([z.literal('latest'), z.uuid('Kies een gepubliceerde versie uit de lijst.')]).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const datasetUpload = z.object({
  measure: z.string().min(1, 'Kies de dataset.').max(100),
  fileName: z.string().max(200).default('upload.csv'),
  content: z.string().min(1, 'Het bestand is leeg.').max(20_000_000),
});

// ---------------------------------------------------------------------------------------------------------------
// Responses

export const measure = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  description: z.string(),
  source: z.string(),
  owner: z.string(),
  theme: z.string(),
  periodKind: z.enum(periodKinds),
  aggregation: z.enum(aggregations),
  /** false for a figure that counts no persons (website visits): it is not protected, and says so. */
  aboutPersons: z.boolean(),
});

export const theme = z.object({ code: z.string(), name: z.string(), measures: z.array(measure) });
export const themeList = z.array(theme);

export const area = z.object({ code: z.string(), name: z.string(), kind: z.string(), municipalityCode: z.string(), parentCode: z.string().nullable() });
export const areaList = z.array(area);

/**
 * A count per 1,000 inhabitants (one decimal), next to the count it is made from. Hidden whenever that count is
 * hidden (its state carries over, `value: null`); "geen inwonertal" when the area's population for the year is not
 * known. `inhabitants` is the population it was divided by (public CBS figures).
 */
export const rateCell = z.object({
  value: z.number().nullable(),
  display: z.string(),
  suppressed: z.enum(['primary', 'secondary']).nullable(),
  inhabitants: z.number().int().nullable(),
});

/**
 * One published figure: the value is null when it is hidden, so a hidden count never leaves the server. A count
 * of people has its rate per 1,000 inhabitants beside it.
 */
export const cell = z.object({
  value: z.number().nullable(),
  display: z.string(),
  suppressed: z.enum(['primary', 'secondary']).nullable(),
  rate: rateCell.optional(),
  /** Why it is hidden (null when shown); suppressionExplanation gives the sentence people see. */
  reason: z.enum(suppressionReasons).nullable(),
});

export const dashboardRow = z.object({
  areaCode: z.string(),
  name: z.string(),
  cells: z.array(cell),
  total: cell.nullable(),
  sharePercent: z.number().nullable(),
});

export const benchmarkComparison = z.object({
  periodCode: z.string(),
  value: z.number(),
  source: z.string(),
  note: z.string(),
  total: cell.nullable(),
  differencePercent: z.number().nullable(),
});

export const dashboardResult = z.object({
  measure,
  municipalityCode: z.string(),
  level: z.enum(levels),
  granularity: z.enum(periodKinds),
  from: z.string(),
  to: z.string(),
  threshold: z.number().int(),
  periods: z.array(z.string()),
  rows: z.array(dashboardRow),
  totals: z.array(cell).nullable(),
  grandTotal: cell.nullable(),
  totalLabel: z.string(),
  benchmarks: z.array(benchmarkComparison),
  /** How the figures are protected, or that they are not (a figure that counts no persons), in one plain sentence. */
  protection: z.string(),
  /** The release shown (its frozen figures, the municipality over its period), or null for live figures. */
  release: z
    .object({ id: z.uuid(), period: z.string(), version: z.number().int(), publishedAt: timestamp, publishedBy: z.string(), note: z.string() })
    .nullable(),
});

export const rejection = z.object({ line: z.number().int(), field: z.string(), reason: z.string() });

export const importSummary = z.object({
  importId: z.number().int().nullable(),
  measure: z.string(),
  rows: z.number().int(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(rejection),
});

export const populationUpload = z.object({
  fileName: z.string().max(200).default('inwoners.csv'),
  content: z.string().min(1, 'Het bestand is leeg.').max(20_000_000),
});

export const populationSummary = z.object({
  importId: z.number().int().nullable(),
  rows: z.number().int(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(rejection),
});

export const populationRow = z.object({
  areaCode: z.string(),
  name: z.string(),
  year: z.number().int(),
  inhabitants: z.number().int(),
  households: z.number().int().nullable(),
});
export const populationList = z.array(populationRow);

export const importRecord = z.object({
  id: z.number().int(),
  measureCode: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  importedAt: timestamp,
  importedBy: z.string(),
  rows: z.number().int(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(rejection),
});
export const importList = z.array(importRecord);

export const benchmark = z.object({
  id: z.uuid(),
  measureCode: z.string(),
  periodCode: z.string(),
  value: z.number(),
  source: z.string(),
  note: z.string(),
  enteredBy: z.string().nullable(),
  enteredAt: timestamp,
});
export const benchmarkList = z.array(benchmark);

export const refreshSummary = z.object({
  fromMonth: z.string(),
  toMonth: z.string(),
  modules: z.array(z.object({ name: z.string(), measures: z.number().int(), values: z.number().int(), skipped: z.number().int() })),
});

/** A frozen release of one period's figures (releases.ts). */
export const releaseInput = z.object({
  period: z
    .string()
    .trim()
    .regex(/^\d{4}(-H[12]|-Q[1-4]|-\d{2})?$/, 'Schrijf de periode als 2021-H1 (een halfjaar), 2021-Q1, 2021-03 of 2021.'),
  municipality: municipalityCodeOrDefault,
  /** Publish a new version when the period was published before; the old version stays as it was. */
  again: z.boolean().default(false),
  note: z.string().trim().max(2000, 'Een toelichting heeft hoogstens 2.000 tekens.').default(''),
});
export const releaseStates = ['shown', 'primary', 'secondary', 'missing'] as const;
export const releaseCell = z.object({
  measureCode: z.string(),
  areaCode: z.string(),
  name: z.string(),
  unit: z.string(),
  value: z.number().nullable(),
  state: z.enum(releaseStates),
  display: z.string(),
});
export const release = z.object({
  id: z.uuid(),
  municipalityCode: z.string(),
  period: z.string(),
  version: z.number().int(),
  threshold: z.number().int(),
  publishedBy: z.string(),
  publishedAt: timestamp,
  note: z.string(),
});
export const releaseDetail = release.extend({ cells: z.array(releaseCell) });
export const releaseList = z.array(release);
export type ReleaseState = (typeof releaseStates)[number];

export type Measure = z.infer<typeof measure>;
export type Cell = z.infer<typeof cell>;
export type RateCell = z.infer<typeof rateCell>;
export type DashboardResult = z.infer<typeof dashboardResult>;
export type ImportSummary = z.infer<typeof importSummary>;
export type RefreshSummary = z.infer<typeof refreshSummary>;
export type PopulationSummary = z.infer<typeof populationSummary>;
