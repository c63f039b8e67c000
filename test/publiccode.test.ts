import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

/**
 * publiccode.yml (Standard for Public Code, publiccode.yml 0.4): the mandatory keys of the core standard are there
 * and each value has the form the standard gives it. The checks are written here from the standard's field list.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The standard's controlled vocabularies.
const categories = new Set(
  (
    'accounting agile-project-management applicant-tracking application-development appointment-scheduling backup ' +
    'billing-and-invoicing blog budgeting business-intelligence business-process-management cad call-center-management ' +
    'cloud-management collaboration communications compliance-management contact-management content-management crm ' +
    'customer-service-and-support data-analytics data-collection data-visualization design design-system ' +
    'digital-asset-management digital-citizenship document-management donor-management e-commerce e-signature ' +
    'educational-content email-management email-marketing employee-management enterprise-project-management ' +
    'enterprise-social-networking erp event-management facility-management feedback-and-reviews-management ' +
    'financial-reporting fleet-management fundraising gamification geographic-information-systems grant-management ' +
    'graphic-design help-desk hr ide identity-management instant-messaging inventory-management it-asset-management ' +
    'it-development it-management it-security it-service-management knowledge-management learning-management-system ' +
    'marketing mind-mapping mobile-marketing mobile-payment network-management office online-booking online-community ' +
    'payment-gateway payroll predictive-analysis procurement productivity-suite project-collaboration project-management ' +
    'property-management real-estate-management remote-support resource-management sales-management seo service-desk ' +
    'social-media-management survey talent-management task-management taxes-management test-management time-management ' +
    'time-tracking translation video-conferencing video-editing visitor-management voip warehouse-management ' +
    'web-collaboration web-conferencing website-builder whistleblowing workflow-management'
  ).split(' '),
);
const scopes = new Set(
  (
    'agriculture culture defence education emergency-services employment energy environment finance-and-economic-development ' +
    'foreign-affairs healthcare infrastructures justice local-authorities manufacturing research science-and-technology ' +
    'security society sport tourism transportation welfare'
  ).split(' '),
);
const developmentStatuses = ['concept', 'development', 'beta', 'stable', 'obsolete'];
const softwareTypes = [
  'standalone/mobile',
  'standalone/iot',
  'standalone/desktop',
  'standalone/web',
  'standalone/backend',
  'standalone/other',
  'addon',
  'library',
  'configurationFiles',
];
const maintenanceTypes = ['internal', 'contract', 'community', 'none'];

/** A BCP 47 tag in its common shape: a primary language subtag, then optional script, region and variant subtags. */
const languageTag = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?(-[a-z0-9]{5,8})*$/;

type Yaml = Record<string, unknown>;
const isObject = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isUrl = (v: unknown) => isText(v) && URL.canParse(v) && /^https?:$/.test(new URL(v).protocol);
const isDate = (v: unknown) => isText(v) && /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** What is wrong with a parsed publiccode.yml, one sentence per problem; empty when it follows the core standard. */
function publiccodeProblems(doc: Yaml, packageLicense: string): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  need(doc.publiccodeYmlVersion === '0.4', 'publiccodeYmlVersion is not the string "0.4"');
  need(isText(doc.name), 'name is missing');
  need(isUrl(doc.url), 'url is not an http(s) address of the repository');
  if (doc.landingURL !== undefined) need(isUrl(doc.landingURL), 'landingURL is not an http(s) address');
  if (doc.softwareVersion !== undefined) need(isText(doc.softwareVersion), 'softwareVersion is not a string');
  if (doc.releaseDate !== undefined) need(isDate(doc.releaseDate), 'releaseDate is not a YYYY-MM-DD date');
  const platforms = [doc.platforms].flat();
  need(platforms.length > 0 && platforms.every(isText), 'platforms is missing');
  const cats = doc.categories;
  need(Array.isArray(cats) && cats.length > 0 && cats.every((c) => categories.has(c)), 'categories is missing or holds a word outside the list');
  need(developmentStatuses.includes(doc.developmentStatus as string), 'developmentStatus is not one of the allowed values');
  need(softwareTypes.includes(doc.softwareType as string), 'softwareType is not one of the allowed values');
  const audience = isObject(doc.intendedAudience) ? doc.intendedAudience : {};
  for (const key of ['countries', 'unsupportedCountries']) {
    const list = audience[key];
    if (list !== undefined)
      need(Array.isArray(list) && list.every((c) => /^[a-z]{2}$/.test(String(c))), `intendedAudience.${key} is not lowercase ISO 3166-1 codes`);
  }
  if (audience.scope !== undefined) {
    need(Array.isArray(audience.scope) && audience.scope.every((s) => scopes.has(s)), 'intendedAudience.scope holds a word outside the list');
  }

  const description = isObject(doc.description) ? doc.description : {};
  const languages = Object.entries(description);
  need(languages.length > 0, 'description has no language');
  for (const [lang, text] of languages) {
    need(languageTag.test(lang), `description.${lang} is not a BCP 47 language tag`);
    const d = isObject(text) ? text : {};
    const short = d.shortDescription;
    need(
      isText(short) && short.length <= 150 && !short.includes('\n'),
      `description.${lang}.shortDescription is missing, longer than 150 characters or not one line`,
    );
    const long = d.longDescription;
    need(isText(long) && long.length >= 150 && long.length <= 10000, `description.${lang}.longDescription is not 150 to 10000 characters`);
    need(Array.isArray(d.features) && d.features.length > 0 && d.features.every(isText), `description.${lang}.features is missing`);
    for (const key of ['documentation', 'apiDocumentation']) if (d[key] !== undefined) need(isUrl(d[key]), `description.${lang}.${key} is not an address`);
  }

  const legal = isObject(doc.legal) ? doc.legal : {};
  need(legal.license === packageLicense, `legal.license is not ${packageLicense}, the licence in package.json`);

  const maintenance = isObject(doc.maintenance) ? doc.maintenance : {};
  need(maintenanceTypes.includes(maintenance.type as string), 'maintenance.type is not one of the allowed values');
  const people = (key: string) => (Array.isArray(maintenance[key]) ? (maintenance[key] as unknown[]) : []);
  if (maintenance.type === 'internal' || maintenance.type === 'community') {
    need(people('contacts').length > 0 && people('contacts').every((c) => isObject(c) && isText(c.name)), 'maintenance.contacts (each with a name) is missing');
  }
  if (maintenance.type === 'contract') {
    need(
      people('contractors').length > 0 && people('contractors').every((c) => isObject(c) && isText(c.name) && isDate(c.until)),
      'maintenance.contractors (each with a name and an until date) is missing',
    );
  }

  const localisation = isObject(doc.localisation) ? doc.localisation : {};
  need(typeof localisation.localisationReady === 'boolean', 'localisation.localisationReady is not true or false');
  const available = localisation.availableLanguages;
  need(
    Array.isArray(available) && available.length > 0 && available.every((l) => languageTag.test(String(l))),
    'localisation.availableLanguages is not a list of BCP 47 tags',
  );
  return problems;
}

describe('publiccode.yml', () => {
  const bytes = fs.readFileSync(path.join(root, 'publiccode.yml'));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { license: string; version: string };

  it('is a UTF-8 YAML 1.2 document without errors or warnings', () => {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const document = parseDocument(text, { version: '1.2', uniqueKeys: true });
    expect([...document.errors, ...document.warnings].map((e) => e.message)).toEqual([]);
  });

  it('has every mandatory key of the standard, each in its form', () => {
    const doc = parseDocument(bytes.toString('utf8')).toJS() as Yaml;
    expect(publiccodeProblems(doc, pkg.license)).toEqual([]);
  });

  it('describes Vangnet in Dutch and English, for the Netherlands, with the version of package.json', () => {
    const doc = parseDocument(bytes.toString('utf8')).toJS() as {
      description: Record<string, unknown>;
      localisation: { availableLanguages: string[] };
      intendedAudience: { countries: string[] };
      softwareVersion: string;
    };
    expect(Object.keys(doc.description).sort()).toEqual(['en', 'nl']);
    expect(doc.localisation.availableLanguages).toContain('nl');
    expect(doc.intendedAudience.countries).toEqual(['nl']);
    expect(doc.softwareVersion).toBe(pkg.version);
  });

  it('names what is wrong in a file that breaks the standard', () => {
    const broken = {
      publiccodeYmlVersion: 0.4,
      name: 'Vangnet',
      url: 'vangnet',
      releaseDate: '2026-02-30',
      platforms: ['web'],
      categories: ['armoede'],
      developmentStatus: 'klaar',
      softwareType: 'standalone/web',
      description: { Dutch: { shortDescription: 'x'.repeat(151), longDescription: 'te kort', features: [] } },
      legal: { license: 'MIT' },
      maintenance: { type: 'community', contacts: [] },
      localisation: { localisationReady: 'ja', availableLanguages: ['Nederlands'] },
    };
    expect(publiccodeProblems(broken, 'EUPL-1.2')).toEqual([
      'publiccodeYmlVersion is not the string "0.4"',
      'url is not an http(s) address of the repository',
      'releaseDate is not a YYYY-MM-DD date',
      'categories is missing or holds a word outside the list',
      'developmentStatus is not one of the allowed values',
      'description.Dutch is not a BCP 47 language tag',
      'description.Dutch.shortDescription is missing, longer than 150 characters or not one line',
      'description.Dutch.longDescription is not 150 to 10000 characters',
      'description.Dutch.features is missing',
      'legal.license is not EUPL-1.2, the licence in package.json',
      'maintenance.contacts (each with a name) is missing',
      'localisation.localisationReady is not true or false',
      'localisation.availableLanguages is not a list of BCP 47 tags',
    ]);
  });
});
