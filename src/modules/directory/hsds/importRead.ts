// Reading an HSDS 3.0 document for the import, pure: every object checked against our HSDS rules, the valid ones
// turned into rows of the map's tables (stored by import.ts), each invalid one reported with its JSON path and field.
import { audienceLabels, audiences, helpKindLabels, helpKinds, themeLabels, themes } from '../contract.ts';
import { checkHsdsObject, type Violation } from './conformance.ts';
import {
  firstPhone,
  type Counted,
  type ImportPlan,
  importDefaults,
  isOwnTerm,
  isRecord,
  type Json,
  listOf,
  NotHsdsError,
  num,
  ownViolations,
  type PlannedLocation,
  type PlannedSchedule,
  type PlannedService,
  Reader,
  str,
  termCodes,
} from './importParts.ts';
import { defaultsUsedMessage, violationMessage } from './messages.ts';
import { weekdays } from './rules.ts';

export { NotHsdsError } from './importParts.ts';
export type { Counted, ImportPlan, ImportProblem, PlannedSchedule } from './importParts.ts';

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
    name: str(o.name)!,
    description: str(o.description) ?? '',
    email: str(o.email),
    phone: firstPhone(o.phones),
    url: str(o.website),
  });
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
    name: str(s.name)!,
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
