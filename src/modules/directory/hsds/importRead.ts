// Reading an HSDS 3.0 document for the import, pure: every object checked against our HSDS rules, the valid ones
// turned into rows of the map's tables (importPlan.ts), each invalid one reported with its JSON path and field.
import { audienceLabels, audiences, helpKindLabels, helpKinds, themeLabels, themes, type Audience, type HelpKind, type Theme } from '../contract.ts';
import { checkHsdsObject, checkUniqueIds, type Violation } from './conformance.ts';
import { defaultsUsedMessage, importProblemMessages, violationMessage, type ImportProblemCode } from './messages.ts';
import { weekdays, type ObjectType } from './rules.ts';
import { taxonomyName, vangnetTaxonomy, vangnetTerms } from './taxonomy.ts';

/** One problem: which object (type, id, place in the document), which field, and why, in plain Dutch. */
export interface ImportProblem {
  objectType: ObjectType | 'document';
  id?: string;
  path: string;
  field?: string;
  code: string;
  message: string;
  /** Whether the object was stored all the same (a notice such as `defaults_used`); false: it was not stored. */
  stored: boolean;
}

export type Counted = 'organization' | 'service' | 'location' | 'schedule';
type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export interface PlannedOrganization {
  sourceId: string;
  name: string;
  description: string;
  email: string | null;
  phone: string | null;
  url: string | null;
}
export interface PlannedLocation {
  sourceId: string;
  organizationSourceId: string;
  name: string;
  address: string;
  postcode: string | null;
  city: string;
  description: string;
  latitude: number | null;
  longitude: number | null;
  meetingPlace: boolean;
}
export interface PlannedSchedule {
  /** The HSDS schedule's id and the day: one weekly hour per day of `byday`. */
  key: string;
  locationSourceId: string | null;
  weekday: number;
  opensAt: string;
  closesAt: string;
  mobile: boolean;
  validFrom: string | null;
  validUntil: string | null;
  note: string;
}
export interface PlannedService {
  sourceId: string;
  organizationSourceId: string;
  name: string;
  description: string;
  themes: Theme[];
  audiences: Audience[];
  helpKind: HelpKind;
  email: string | null;
  phone: string | null;
  url: string | null;
  howToApply: string;
  active: boolean;
  schedules: PlannedSchedule[];
}
export interface ImportPlan {
  organizations: PlannedOrganization[];
  locations: PlannedLocation[];
  services: PlannedService[];
  problems: ImportProblem[];
  /** Objects not stored, per type (distinct ids; an object without an id counts once per place). */
  rejected: Record<Counted, number>;
}

/** A document the import cannot read at all: no list of services anywhere. */
export class NotHsdsError extends Error {
  constructor(readonly code: 'not_hsds') {
    super(code);
  }
}

/** Our defaults for a service that carries none of the map's own terms. */
export const importDefaults = { theme: 'money', audience: 'residents', helpKind: 'information' } as const;

// A term is the map's own when it is one of our ids, or carries our taxonomy and one of our codes.
const ownCodes = new Map(vangnetTerms.map((t) => [t.id, t.code]));
const ownCodeSet = new Set(vangnetTerms.map((t) => t.code));

class Reader {
  readonly problems: ImportProblem[] = [];
  readonly organizations = new Map<string, PlannedOrganization>();
  readonly locationRaw = new Map<string, { raw: Json; path: string }>();
  readonly services = new Map<string, PlannedService>();
  /** Per location id the organisation of the first service with hours there. */
  readonly locationOrg = new Map<string, string>();
  /** Service-at-location ids to their service and location, for schedules that name only the link. */
  readonly links = new Map<string, { serviceId: string; locationId: string }>();
  readonly scheduleIds = new Map<string, string>();
  readonly termCodes = new Map(ownCodes);
  readonly invalid: Record<Counted, Set<string>> = { organization: new Set(), service: new Set(), location: new Set(), schedule: new Set() };
  readonly anonymous: Record<Counted, number> = { organization: 0, service: 0, location: 0, schedule: 0 };
  /** Locations present but not stored, so a schedule there says why. */
  readonly badLocations = new Set<string>();
  /** Where each weekly hour at a place came from, to report its schedule when the place is not stored. */
  readonly hourOrigins = new Map<PlannedSchedule, { path: string; raw: Json }>();

  report(type: ImportProblem['objectType'], object: unknown, p: Omit<ImportProblem, 'objectType' | 'id' | 'stored'>, stored = false): void {
    const id = isRecord(object) ? str(object.id) : null;
    this.problems.push({ objectType: type, ...(id ? { id } : {}), ...p, stored });
  }

  /** The object is not stored: each violation reported, the object counted once. */
  reject(type: ObjectType, object: unknown, violations: Violation[]): void {
    for (const v of violations) this.report(type, object, { path: v.path, field: v.field, code: v.code, message: violationMessage(v) });
    this.count(
      type,
      object,
      violations.some((v) => v.code === 'duplicate'),
    );
  }

  rejectFor(type: ObjectType, object: unknown, path: string, field: string | undefined, code: ImportProblemCode): void {
    this.report(type, object, { path: field ? `${path}.${field}` : path, ...(field ? { field } : {}), code, message: importProblemMessages[code] });
    this.count(type, object);
  }

  /**
   * Counts an object that is not stored. An organisation, service or place counts once per id (the same one may be
   * nested at several places, and stored from another); a second object with a taken id, and every schedule, once each.
   */
  count(type: ObjectType, object: unknown, duplicate = false): void {
    if (type !== 'organization' && type !== 'service' && type !== 'location' && type !== 'schedule') return;
    const id = isRecord(object) ? str(object.id) : null;
    if (id && !duplicate && type !== 'schedule') this.invalid[type].add(id);
    else this.anonymous[type]++;
  }
}

/** The violations of an object's own fields: the parts the import reads as objects of their own are checked apart. */
function ownViolations(type: ObjectType, object: unknown, path: string, apart: string[]): Violation[] {
  if (!isRecord(object)) return checkHsdsObject(type, object, path);
  const own = Object.fromEntries(Object.entries(object).filter(([k]) => !apart.includes(k)));
  const violations = checkHsdsObject(type, own, path);
  for (const field of apart) {
    const value = object[field];
    const expected = field === 'organization' || field === 'location' || field === 'service' ? 'object' : 'array';
    if (value !== undefined && (expected === 'array' ? !Array.isArray(value) : !isRecord(value)))
      violations.push({ path: `${path}.${field}`, code: 'type', field, expected });
  }
  return violations;
}

/** A list in the document: its items with their paths, and the duplicate ids among them. */
function listOf(value: unknown, path: string): { items: { item: unknown; path: string; duplicate?: Violation }[] } {
  if (!Array.isArray(value)) return { items: [] };
  const duplicates = new Map(
    checkUniqueIds(
      value.map((v) => (isRecord(v) ? v : {})),
      path,
    ).map((v) => [v.path.replace(/\.id$/, ''), v]),
  );
  return { items: value.map((item, i) => ({ item, path: `${path}[${i}]`, duplicate: duplicates.get(`${path}[${i}]`) })) };
}

function readOrganization(r: Reader, raw: unknown, path: string, extra: Violation[] = []): void {
  const violations = [...ownViolations('organization', raw, path, []), ...extra];
  if (violations.length) {
    r.reject('organization', raw, violations);
    return;
  }
  const o = raw as Json;
  const id = o.id as string;
  if (r.organizations.has(id)) return;
  r.organizations.set(id, {
    sourceId: id,
    name: (o.name as string).trim(),
    description: str(o.description) ?? '',
    email: str(o.email),
    phone: firstPhone(o.phones),
    url: str(o.website),
  });
}

function firstPhone(phones: unknown): string | null {
  if (!Array.isArray(phones)) return null;
  for (const p of phones) if (isRecord(p) && str(p.number)) return str(p.number);
  return null;
}

function readLocation(r: Reader, raw: unknown, path: string, extra: Violation[] = []): void {
  const violations = [...ownViolations('location', raw, path, []), ...extra];
  if (violations.length) {
    if (isRecord(raw) && str(raw.id)) r.badLocations.add(str(raw.id)!);
    r.reject('location', raw, violations);
    return;
  }
  const id = (raw as Json).id as string;
  if (!r.locationRaw.has(id)) r.locationRaw.set(id, { raw: raw as Json, path });
}

/** The map's own term codes an object carries (`theme:money`, `meeting_place`), through its attributes. */
function termCodes(r: Reader, attributes: unknown): string[] {
  if (!Array.isArray(attributes)) return [];
  return attributes.flatMap((a) => {
    if (!isRecord(a)) return [];
    const term = isRecord(a.taxonomy_term) ? a.taxonomy_term : null;
    const code = r.termCodes.get(String(a.taxonomy_term_id)) ?? (term && isOwnTerm(term) ? String(term.code) : undefined);
    return code ? [code] : [];
  });
}

const isOwnTerm = (t: Json) => (t.taxonomy === taxonomyName || t.taxonomy_id === vangnetTaxonomy.id) && ownCodeSet.has(String(t.code));

function readService(r: Reader, raw: unknown, path: string, duplicate?: Violation): void {
  const s = isRecord(raw) ? raw : null;
  // Its organisation and places are objects of their own: read (stored or reported) also when the service is not.
  if (s && s.organization !== undefined) readOrganization(r, s.organization, `${path}.organization`);
  for (const { item, path: p } of listOf(s?.service_at_locations, `${path}.service_at_locations`).items) {
    if (isRecord(item) && item.location !== undefined) readLocation(r, item.location, `${p}.location`);
  }
  const violations = [...ownViolations('service', raw, path, ['organization', 'service_at_locations', 'schedules']), ...(duplicate ? [duplicate] : [])];
  if (violations.length || !s) {
    r.reject('service', raw, violations);
    return;
  }
  const organizationId = str(s.organization_id) ?? (isRecord(s.organization) ? str(s.organization.id) : null);
  if (!organizationId || !r.organizations.has(organizationId)) {
    r.rejectFor('service', s, path, 'organization_id', 'no_organization');
    return;
  }
  const id = s.id as string;
  const codes = termCodes(r, s.attributes);
  const pick = <T extends string>(prefix: string, allowed: readonly T[]) =>
    codes
      .filter((c) => c.startsWith(`${prefix}:`))
      .map((c) => c.slice(prefix.length + 1) as T)
      .filter((v) => allowed.includes(v));
  const ownThemes = [...new Set(pick('theme', themes))];
  const ownAudiences = [...new Set(pick('audience', audiences))];
  const ownHelp = pick('help', helpKinds)[0];
  const chosen = {
    theme: ownThemes.length ? undefined : themeLabels[importDefaults.theme],
    audience: ownAudiences.length ? undefined : audienceLabels[importDefaults.audience],
    helpKind: ownHelp ? undefined : helpKindLabels[importDefaults.helpKind],
  };
  if (chosen.theme || chosen.audience || chosen.helpKind) {
    r.report('service', s, { path: `${path}.attributes`, field: 'attributes', code: 'defaults_used', message: defaultsUsedMessage(chosen) }, true);
  }
  const service: PlannedService = {
    sourceId: id,
    organizationSourceId: organizationId,
    name: (s.name as string).trim(),
    description: str(s.description) ?? '',
    themes: ownThemes.length ? ownThemes : [importDefaults.theme],
    audiences: ownAudiences.length ? ownAudiences : [importDefaults.audience],
    helpKind: ownHelp ?? importDefaults.helpKind,
    email: str(s.email),
    phone: firstPhone(s.phones),
    url: str(s.url),
    howToApply: str(s.application_process) ?? '',
    active: s.status === 'active',
    schedules: [],
  };
  r.services.set(id, service);
  listOf(s.schedules, `${path}.schedules`).items.forEach(({ item, path: p }) => readSchedule(r, item, p, service, null));
  listOf(s.service_at_locations, `${path}.service_at_locations`).items.forEach(({ item, path: p }) => readLink(r, item, p, service));
}

/** A service at a location: its place (nested or by id) and the hours held there. */
function readLink(r: Reader, raw: unknown, path: string, service: PlannedService | null): void {
  const link = isRecord(raw) ? raw : null;
  if (!service && link && link.location !== undefined) readLocation(r, link.location, `${path}.location`);
  const violations = ownViolations('service_at_location', raw, path, ['location', 'schedules', 'service']);
  if (violations.length || !link) {
    r.reject('service_at_location', raw, violations);
    return;
  }
  const owner = service ?? r.services.get(String(link.service_id));
  if (!owner) {
    r.rejectFor('service_at_location', link, path, 'service_id', 'service_missing');
    return;
  }
  const locationId = str(link.location_id) ?? (isRecord(link.location) ? str(link.location.id) : null);
  if (!locationId) {
    r.rejectFor('service_at_location', link, path, 'location_id', 'location_missing');
    return;
  }
  r.links.set(link.id as string, { serviceId: owner.sourceId, locationId });
  if (!r.locationOrg.has(locationId)) r.locationOrg.set(locationId, owner.organizationSourceId);
  listOf(link.schedules, `${path}.schedules`).items.forEach(({ item, path: p }) => readSchedule(r, item, p, owner, locationId));
}

const hhmm = (v: unknown) => (typeof v === 'string' ? (/^([01]\d|2[0-3]):[0-5]\d/.exec(v)?.[0] ?? null) : null);

/** A schedule becomes one weekly hour per day; anything else (monthly, every other week, no times) is reported. */
function readSchedule(r: Reader, raw: unknown, path: string, service: PlannedService | null, locationId: string | null): void {
  const violations = ownViolations('schedule', raw, path, []);
  const s = isRecord(raw) ? raw : null;
  const id = s ? str(s.id) : null;
  if (id && r.scheduleIds.has(id)) violations.push({ path: `${path}.id`, code: 'duplicate', field: 'id', expected: r.scheduleIds.get(id)! });
  if (violations.length || !s) {
    r.reject('schedule', raw, violations);
    return;
  }
  r.scheduleIds.set(id!, path);
  const link = str(s.service_at_location_id) ? r.links.get(s.service_at_location_id as string) : undefined;
  const owner = service ?? (link ? r.services.get(link.serviceId) : r.services.get(String(s.service_id)));
  if (!owner) {
    r.rejectFor('schedule', s, path, str(s.service_at_location_id) ? 'service_at_location_id' : 'service_id', 'service_missing');
    return;
  }
  const days = typeof s.byday === 'string' ? s.byday.split(',').map((d) => d.trim().toUpperCase()) : [];
  const notWeekly =
    s.freq !== 'WEEKLY'
      ? 'freq'
      : (num(s.interval) ?? 1) !== 1
        ? 'interval'
        : !days.length || days.some((d) => !(weekdays as readonly string[]).includes(d))
          ? 'byday'
          : s.bymonthday !== undefined || s.byyearday !== undefined || s.byweekno !== undefined
            ? 'bymonthday'
            : null;
  if (notWeekly) {
    r.rejectFor('schedule', s, path, notWeekly, 'schedule_not_weekly');
    return;
  }
  const opensAt = hhmm(s.opens_at);
  const closesAt = hhmm(s.closes_at);
  if (!opensAt || !closesAt || closesAt <= opensAt) {
    r.rejectFor('schedule', s, path, opensAt ? 'closes_at' : 'opens_at', 'schedule_no_times');
    return;
  }
  const at = locationId ?? link?.locationId ?? str(s.location_id);
  for (const day of new Set(days)) {
    const hour: PlannedSchedule = {
      key: `${id}:${day}`,
      locationSourceId: at,
      weekday: weekdays.indexOf(day as (typeof weekdays)[number]) + 1,
      opensAt,
      closesAt,
      mobile: s.notes === 'mobiel spreekuur',
      validFrom: str(s.valid_from),
      validUntil: str(s.valid_to),
      note: str(s.description) ?? '',
    };
    owner.schedules.push(hour);
    if (at) r.hourOrigins.set(hour, { path, raw: s });
  }
}

/** A place needs an organisation and a street address with a city; otherwise it is reported. */
function planLocation(r: Reader, id: string, raw: Json, path: string): PlannedLocation | null {
  const organizationId = [str(raw.organization_id), r.locationOrg.get(id)].find((o) => o && r.organizations.has(o));
  if (!organizationId) {
    r.rejectFor('location', raw, path, 'organization_id', 'location_no_organization');
    return null;
  }
  const addresses = Array.isArray(raw.addresses) ? raw.addresses.filter(isRecord) : [];
  const address = [...addresses]
    .sort((a, b) => Number(b.address_type === 'physical') - Number(a.address_type === 'physical'))
    .find((a) => str(a.address_1) && str(a.city));
  if (!address) {
    r.rejectFor('location', raw, path, 'addresses', 'location_no_address');
    return null;
  }
  const latitude = num(raw.latitude);
  const longitude = num(raw.longitude);
  const onEarth = latitude !== null && longitude !== null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
  return {
    sourceId: id,
    organizationSourceId: organizationId,
    name: str(raw.name) ?? str(address.address_1)!,
    address: str(address.address_1)!,
    postcode: str(address.postal_code),
    city: str(address.city)!,
    description: str(raw.description) ?? '',
    latitude: onEarth ? latitude : null,
    longitude: onEarth ? longitude : null,
    meetingPlace: termCodes(r, raw.attributes).includes('meeting_place'),
  };
}

/** Reads a document: a list of services (bare, or as an API page's `contents`), or the full export's object. */
export function readHsdsDocument(document: unknown): ImportPlan {
  const r = new Reader();
  const doc = isRecord(document) ? document : null;
  const [services, servicesPath] = Array.isArray(document)
    ? [document, '$']
    : doc && Array.isArray(doc.services)
      ? [doc.services, '$.services']
      : doc && Array.isArray(doc.contents)
        ? [doc.contents, '$.contents']
        : [null, ''];
  if (!services) throw new NotHsdsError('not_hsds');
  const top = (field: string) => (doc && servicesPath === '$.services' ? doc[field] : undefined);
  for (const field of ['organizations', 'locations', 'service_at_locations', 'schedules', 'taxonomy_terms']) {
    const value = top(field);
    if (value !== undefined && !Array.isArray(value)) {
      r.report('document', null, {
        path: `$.${field}`,
        field,
        code: 'type',
        message: violationMessage({ path: `$.${field}`, field, code: 'type', expected: 'array' }),
      });
    }
  }
  for (const { item, path, duplicate } of listOf(top('taxonomy_terms'), '$.taxonomy_terms').items) {
    const violations = [...checkHsdsObject('taxonomy_term', item, path), ...(duplicate ? [duplicate] : [])];
    if (violations.length) r.reject('taxonomy_term', item, violations);
    else if (isOwnTerm(item as Json)) r.termCodes.set((item as Json).id as string, String((item as Json).code));
  }
  for (const { item, path, duplicate } of listOf(top('organizations'), '$.organizations').items) readOrganization(r, item, path, duplicate ? [duplicate] : []);
  for (const { item, path, duplicate } of listOf(top('locations'), '$.locations').items) readLocation(r, item, path, duplicate ? [duplicate] : []);
  for (const { item, path, duplicate } of listOf(services, servicesPath).items) readService(r, item, path, duplicate);
  for (const { item, path } of listOf(top('service_at_locations'), '$.service_at_locations').items) readLink(r, item, path, null);
  for (const { item, path } of listOf(top('schedules'), '$.schedules').items) readSchedule(r, item, path, null, null);

  const locations = [...r.locationRaw].map(([id, { raw, path }]) => planLocation(r, id, raw, path)).filter((l): l is PlannedLocation => l !== null);
  const stored = new Set(locations.map((l) => l.sourceId));
  // An hour at a place that is not stored is left out, its schedule reported once.
  const reported = new Set<Json>();
  for (const service of r.services.values()) {
    service.schedules = service.schedules.filter((h) => {
      if (!h.locationSourceId || stored.has(h.locationSourceId)) return true;
      const origin = r.hourOrigins.get(h)!;
      if (!reported.has(origin.raw)) {
        reported.add(origin.raw);
        const known = r.locationRaw.has(h.locationSourceId) || r.badLocations.has(h.locationSourceId);
        r.rejectFor('schedule', origin.raw, origin.path, 'location_id', known ? 'location_invalid' : 'location_missing');
      }
      return false;
    });
  }
  const keptIds: Record<Exclude<Counted, 'schedule'>, { has(id: string): boolean }> = {
    organization: r.organizations,
    service: r.services,
    location: stored,
  };
  const rejected = {
    organization: [...r.invalid.organization].filter((id) => !keptIds.organization.has(id)).length + r.anonymous.organization,
    service: [...r.invalid.service].filter((id) => !keptIds.service.has(id)).length + r.anonymous.service,
    location: [...r.invalid.location].filter((id) => !keptIds.location.has(id)).length + r.anonymous.location,
    schedule: r.anonymous.schedule,
  };
  return { organizations: [...r.organizations.values()], locations, services: [...r.services.values()], problems: r.problems, rejected };
}
