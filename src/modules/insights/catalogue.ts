import type { MeasureDefinition } from '../contracts.ts';
import type { PeriodKind } from './periods.ts';

import { themeCodes, themes, type ThemeCode } from './contract.ts';

export { themeCodes, themes, type ThemeCode };

export type Aggregation = 'sum' | 'last' | 'avg';

export interface MeasureRecord {
  code: string;
  name: string;
  unit: string;
  description: string;
  source: string;
  owner: string;
  theme: string;
  periodKind: PeriodKind;
  aggregation: Aggregation;
  /** false for a figure that counts no persons (see aboutPersons) */
  aboutPersons: boolean;
}

/** The datasets that come in as files (seed 002: debt help, municipal taxes, social assistance, CAK). */
export const importedMeasures: Omit<MeasureRecord, 'aboutPersons'>[] = [
  {
    code: 'sdd.debt_help_trajectories',
    name: 'Trajecten schuldhulpverlening SDD',
    unit: 'count',
    description: 'Lopende en gestarte trajecten schuldhulpverlening bij de Sociale Dienst Drechtsteden in de maand.',
    source: 'import',
    owner: 'Sociale Dienst Drechtsteden',
    theme: 'schulden',
    periodKind: 'month',
    aggregation: 'sum',
  },
  {
    code: 'taxes.reminders',
    name: 'Aanmaningen gemeentebelastingen',
    unit: 'count',
    description: 'Verstuurde aanmaningen voor gemeentelijke belastingen in de maand.',
    source: 'import',
    owner: 'Gemeentebelastingen Drechtsteden',
    theme: 'schulden',
    periodKind: 'month',
    aggregation: 'sum',
  },
  {
    code: 'taxes.remissions',
    name: 'Kwijtscheldingen gemeentebelastingen',
    unit: 'count',
    description: 'Toegekende verzoeken om kwijtschelding van gemeentelijke belastingen in de maand.',
    source: 'import',
    owner: 'Gemeentebelastingen Drechtsteden',
    theme: 'schulden',
    periodKind: 'month',
    aggregation: 'sum',
  },
  {
    code: 'sdd.social_assistance',
    name: 'Bijstandsuitkeringen',
    unit: 'count',
    description: 'Huishoudens met een bijstandsuitkering (Participatiewet) aan het eind van de maand.',
    source: 'import',
    owner: 'Sociale Dienst Drechtsteden',
    theme: 'inkomen',
    periodKind: 'month',
    aggregation: 'last',
  },
  {
    code: 'cak.arrears_regime',
    name: 'Inwoners in het wanbetalersregime CAK',
    unit: 'count',
    description: 'Inwoners met een betalingsachterstand zorgverzekering van zes maanden of meer, aan het eind van het kwartaal.',
    source: 'import',
    owner: 'CAK',
    theme: 'gezondheid',
    periodKind: 'quarter',
    aggregation: 'last',
  },
];

/**
 * The measures that count no persons: visits to a web page and tests opened on an anonymous website (Geldfit asks no
 * name, no postcode, and counts no one twice on purpose). They are not protected, and the dashboard says so. Every
 * other measure, also an analyst's own, is about persons and protected. Only this list decides it, in code: no
 * setting or API can switch the protection off.
 */
const notAboutPersons = new Set(['selftest.visits', 'selftest.visits_entrepreneurs', 'selftest.started']);

/** Whether a measure is about persons (and so protected). */
export function aboutPersons(code: string): boolean {
  return !notAboutPersons.has(code);
}

/** Which theme a module's measure belongs to. */
export function themeForModuleMeasure(moduleName: string, code: string): ThemeCode {
  if (moduleName === 'pass') return /child|kind/.test(code) ? 'kinderen' : 'werkende-armen';
  return 'schulden';
}

/**
 * How a module's figure rolls up over time. Percentages and durations are averaged; stocks (holders, a
 * target group, a running total of the year) take the last month; everything else is a flow and is added up.
 * An analyst can change it per measure.
 */
export function aggregationForModuleMeasure(m: MeasureDefinition): Aggregation {
  if (m.unit === 'percent' || m.unit === 'days') return 'avg';
  if (/holders|target_group|with_budget|used_budget|active|open_cases|stock/.test(m.code)) return 'last';
  return 'sum';
}

/**
 * What kind of figure a measure is, and so how a total of it is made: a count or an amount is added up; a share
 * (in percent) is its numerator's total over its denominator's total; an average is its sum's total over its
 * count's total; any other figure (a median, a percentage delivered without its parts) has no total at all,
 * because adding or averaging it would mean nothing.
 */
export type MeasureKind =
  | { kind: 'count' }
  | { kind: 'amount' }
  | { kind: 'share'; numerator: string; denominator: string }
  | { kind: 'average'; sum: string; count: string }
  | { kind: 'figure' };

/** The shares and averages whose parts are measures themselves: the one place that ties them together. */
const ratioParts: Record<string, MeasureKind> = {
  'pass.reach_percent': { kind: 'share', numerator: 'pass.holders_low_income', denominator: 'pass.target_group_adults' },
  'referrals.help_in_place_share': { kind: 'share', numerator: 'referrals.help_in_place', denominator: 'referrals.sent' },
};

/**
 * A figure about a group that a module computed itself (a median): the count of that group, so that the figure is
 * hidden wherever the count is (a median of one referral is that person's own lead time).
 */
const groupCounts: Record<string, string> = { 'referrals.first_contact_days': 'referrals.first_contacts' };

/**
 * Counts whose parts add up to them per area and month: Geldfit's four outcomes make the completed tests. The
 * dashboard protects a partition as one system (linkedTables.ts), so the total minus three shown parts never gives
 * away a hidden fourth.
 */
const partitions: { total: string; parts: string[] }[] = [
  {
    total: 'selftest.completed',
    parts: ['selftest.profile_in_order', 'selftest.profile_watch_out', 'selftest.profile_act_now', 'selftest.profile_urgent'],
  },
];

/** The partition a count is the total or a part of, if any. */
export function partitionOf(code: string): { total: string; parts: string[] } | undefined {
  return partitions.find((p) => p.total === code || p.parts.includes(code));
}

/** The count of the group a delivered figure is about, if the catalogue knows it. */
export function groupCountOf(code: string): string | undefined {
  return groupCounts[code];
}

/** The kind of a measure (see MeasureKind), from the catalogue of parts and its unit. */
export function measureKind(m: { code: string; unit: string }): MeasureKind {
  const parts = ratioParts[m.code];
  if (parts) return parts;
  if (m.unit === 'count') return { kind: 'count' };
  if (m.unit === 'cents') return { kind: 'amount' };
  return { kind: 'figure' };
}

/** A name that is a key or code rather than words: `pass.holders`, `act_now`, `first_contact_days`. */
export const rawKeyPattern = /^\s*[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\s*$/;

/** The Dutch words for the parts of a key, for a measure whose name was delivered as its key. */
const keyWords: Record<string, string> = {
  pass: 'Dordtpas',
  selftest: 'Geldfit',
  referrals: 'verwijzingen',
  signals: 'signalen',
  child_budget_spent_cents: 'besteed kindtegoed',
  sport: 'sport',
  culture: 'cultuur',
  learning_materials: 'leermiddelen',
  swimming: 'zwemmen',
  leisure: 'vrije tijd',
  in_order: 'op orde',
  watch_out: 'let op',
  act_now: 'kom in actie',
  urgent: 'direct hulp nodig',
  visits: 'bezoeken',
  visits_entrepreneurs: 'bezoeken ondernemers',
  started: 'tests geopend',
  completed: 'tests afgerond',
  holders: 'pashouders',
};

/**
 * The name a person sees for a measure: its own Dutch name, or, when it was delivered as a key, a Dutch label
 * made from the words of the key (never the key itself). The one place where measure names are made readable.
 */
export function measureLabel(m: { code: string; name: string }): string {
  if (m.name.trim() && !rawKeyPattern.test(m.name)) return m.name;
  const [head, ...rest] = m.code.split('.');
  const words = [keyWords[head!] ?? 'Cijfer', ...rest.map((part) => keyWords[part] ?? part.replace(/_/g, ' '))];
  const label = words.join(': ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** The owner a person sees: a module's name in Dutch. */
export function ownerLabel(owner: string): string {
  return rawKeyPattern.test(owner) || /^[a-z]+$/.test(owner) ? (keyWords[owner] ? `Gemeente (${keyWords[owner]})` : 'Gemeente') : owner;
}
