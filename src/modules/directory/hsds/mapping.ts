// The social map as Open Referral HSDS 3.0 objects. Every object has a uuid (stored, or derived in ids.ts), every
// required field is present, an optional field without a value is left out (never null), links are absolute.
import type { DirectoryEntry, DirectoryLocation, DirectoryOrganization, DirectorySchedule } from '../domain.ts';
import { matchesFormat } from './conformance.ts';
import type { HsdsLocation, HsdsOrganization, HsdsService } from './contract.ts';
import { hsdsId } from './ids.ts';
import { vangnetTaxonomy, vangnetTerm, vangnetTerms, type HsdsTerm } from './taxonomy.ts';

export type HsdsObject = { id: string } & Record<string, unknown>;

/** A place as stored, with the organisation it belongs to (and coordinates once the table has them). */
export type HsdsLocationRow = DirectoryLocation & { organizationId: string };

/** What the HSDS objects are made from. `baseUrl` turns the map's own paths (/geldfit) into absolute links. */
export interface HsdsSource {
  entries: DirectoryEntry[];
  organizations: DirectoryOrganization[];
  locations: HsdsLocationRow[];
  baseUrl: string;
}

/** The province of the map's own places (all Drechtsteden municipalities lie in Zuid-Holland). */
export const defaultProvince = 'Zuid-Holland';
const hsdsDays = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** A place's coordinates (WGS84), or null while unknown (HSDS then leaves them out). */
export function locationCoordinates(l: DirectoryLocation): { latitude: number; longitude: number } | null {
  return l.latitude !== null && l.longitude !== null ? { latitude: l.latitude, longitude: l.longitude } : null;
}

/** Only the fields with a value: HSDS wants a missing optional field left out, not null or empty. */
function present<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null && v !== undefined && v !== '')) as T;
}

export function absoluteUrl(url: string | null, baseUrl: string): string | undefined {
  if (!url) return undefined;
  const full = url.startsWith('/') && !url.startsWith('//') ? new URL(url, baseUrl).href : url;
  return /^https?:\/\//.test(full) && matchesFormat('uri', full) ? full : undefined;
}

const validEmail = (email: string | null) => (email && matchesFormat('email', email) ? email : undefined);

const dutch = (ownerKind: string, ownerId: string) => ({ id: hsdsId('language', ownerKind, ownerId, 'nl'), name: 'Nederlands', code: 'nl' });

function phones(number: string | null, owner: 'service_id' | 'organization_id', ownerId: string) {
  if (!number) return [];
  const id = hsdsId('phone', owner, ownerId, number);
  return [{ id, [owner]: ownerId, number, type: 'voice', languages: [{ ...dutch('phone', id), phone_id: id }] }];
}

function attribute(linkEntity: string, linkId: string, term: HsdsTerm) {
  return {
    id: hsdsId('attribute', linkEntity, linkId, term.code),
    link_id: linkId,
    link_type: term.code.split(':')[0],
    link_entity: linkEntity,
    taxonomy_term_id: term.id,
    taxonomy_term: term,
  };
}

function schedule(s: DirectorySchedule, serviceId: string, serviceAtLocationId?: string) {
  return present({
    id: s.id,
    service_id: serviceId,
    location_id: s.location?.id,
    service_at_location_id: serviceAtLocationId,
    freq: 'WEEKLY',
    interval: 1,
    byday: hsdsDays[s.weekday],
    wkst: 'MO',
    // Local wall-clock time in Europe/Amsterdam; HSDS's `timezone` is one fixed UTC offset, which summer time breaks.
    opens_at: s.opensAt,
    closes_at: s.closesAt,
    valid_from: s.validFrom,
    valid_to: s.validUntil,
    description: s.note,
    notes: s.mobile ? 'mobiel spreekuur' : undefined,
    attending_type: s.location ? 'op locatie' : 'telefonisch of online',
  });
}

export function serviceAtLocationId(serviceId: string, locationId: string): string {
  return hsdsId('service_at_location', serviceId, locationId);
}

/** A location: `full` adds its addresses, attributes and languages (the one-to-many parts). */
export function hsdsLocation(l: HsdsLocationRow | DirectoryLocation, full: boolean): HsdsLocation {
  const coordinates = locationCoordinates(l);
  const locationType: HsdsLocation['location_type'] = 'physical';
  const base = present({
    id: l.id,
    location_type: locationType,
    organization_id: 'organizationId' in l ? l.organizationId : undefined,
    name: l.name,
    alternate_name: l.code,
    description: l.description,
    latitude: coordinates?.latitude,
    longitude: coordinates?.longitude,
    external_identifier: l.areaCode ?? undefined,
    external_identifier_type: l.areaCode ? 'CBS wijkcode' : undefined,
  });
  if (!full) return base;
  const addresses = l.postcode
    ? [
        {
          id: hsdsId('address', l.id),
          location_id: l.id,
          address_1: l.address,
          city: l.city,
          state_province: defaultProvince,
          postal_code: l.postcode,
          country: 'NL',
          address_type: 'physical',
        },
      ]
    : [];
  return {
    ...base,
    addresses,
    languages: [{ ...dutch('location', l.id), location_id: l.id }],
    attributes: l.meetingPlace ? [attribute('location', l.id, vangnetTerm('meeting_place'))] : [],
  };
}

/** An organisation's own fields (the list level). */
export function hsdsOrganizationBase(o: DirectoryOrganization, baseUrl: string): HsdsOrganization {
  const fields = present({ id: o.id, name: o.name, alternate_name: o.code, email: validEmail(o.email), website: absoluteUrl(o.url, baseUrl) });
  // The description is required, also when empty.
  return { ...fields, description: o.description };
}

/** A service's own fields (the list level, with its organisation's own fields). */
export function hsdsServiceBase(e: DirectoryEntry, baseUrl: string): HsdsService {
  const status: HsdsService['status'] = e.active ? 'active' : 'inactive';
  return present({
    id: e.id,
    organization_id: e.organization.id,
    name: e.name,
    alternate_name: e.code,
    description: e.description,
    url: absoluteUrl(e.url, baseUrl),
    email: validEmail(e.email),
    status,
    application_process: e.howToApply,
    last_modified: e.updatedAt?.toISOString(),
  });
}

function locationsOf(e: DirectoryEntry): DirectoryLocation[] {
  return [...new Map(e.schedules.filter((s) => s.location).map((s) => [s.location!.id, s.location!])).values()];
}

/** The service's links to its places, each with its consultation hours there; `withService` nests the service. */
export function hsdsServiceAtLocations(e: DirectoryEntry, source: HsdsSource, options: { full: boolean; withService?: boolean }): HsdsObject[] {
  const rows = new Map(source.locations.map((l) => [l.id, l]));
  return locationsOf(e).map((l) => {
    const id = serviceAtLocationId(e.id, l.id);
    const location = rows.get(l.id) ?? l;
    const base: HsdsObject = { id, service_id: e.id, location_id: l.id };
    const service = options.withService ? { service: options.full ? hsdsServiceFull(e, source, false) : hsdsServiceList(e, source) } : {};
    if (!options.full) return { ...base, location: hsdsLocation(location, false), ...service };
    return {
      ...base,
      schedules: e.schedules.filter((s) => s.location?.id === l.id).map((s) => schedule(s, e.id, id)),
      location: hsdsLocation(location, true),
      ...service,
    };
  });
}

/** A service in a list: its own fields and its organisation's. */
export function hsdsServiceList(e: DirectoryEntry, source: HsdsSource): HsdsService {
  return { ...hsdsServiceBase(e, source.baseUrl), organization: hsdsOrganizationBase(e.organization, source.baseUrl) };
}

/** A service fully nested: phones, hours without a place, areas, places, language, terms, organisation. */
export function hsdsServiceFull(e: DirectoryEntry, source: HsdsSource, withPlaces = true): HsdsService {
  const terms = [...e.themes.map((t) => `theme:${t}`), ...e.audiences.map((a) => `audience:${a}`), `help:${e.helpKind}`];
  return {
    ...hsdsServiceBase(e, source.baseUrl),
    phones: phones(e.phone, 'service_id', e.id),
    schedules: e.schedules.filter((s) => !s.location).map((s) => schedule(s, e.id)),
    service_areas: [
      { id: hsdsId('service_area', e.id, e.municipalityCode), service_id: e.id, name: e.municipalityCode, description: 'Gemeente (CBS-gemeentecode)' },
    ],
    ...(withPlaces ? { service_at_locations: hsdsServiceAtLocations(e, source, { full: true }) } : {}),
    languages: [{ ...dutch('service', e.id), service_id: e.id }],
    attributes: terms.map((code) => attribute('service', e.id, vangnetTerm(code))),
    organization: hsdsOrganizationBase(e.organization, source.baseUrl),
  };
}

/** An organisation fully nested: phones, its places and its services (list level, or full with `fullServices`). */
export function hsdsOrganizationFull(o: DirectoryOrganization, source: HsdsSource, fullServices = false): HsdsOrganization {
  const services = source.entries.filter((e) => e.organization.id === o.id);
  return {
    ...hsdsOrganizationBase(o, source.baseUrl),
    phones: phones(o.phone, 'organization_id', o.id),
    locations: source.locations.filter((l) => l.organizationId === o.id).map((l) => hsdsLocation(l, true)),
    services: services.map((e) => (fullServices ? hsdsServiceFull(e, source) : hsdsServiceBase(e, source.baseUrl))),
  };
}

/** The whole map in one document (`GET /api/v1/directory/hsds`): every record once, each fully nested. */
export function hsdsExport(source: HsdsSource, generatedAt: Date) {
  return {
    hsds_version: '3.0' as const,
    generated_at: generatedAt.toISOString(),
    organizations: source.organizations.map((o) => ({ ...hsdsOrganizationBase(o, source.baseUrl), phones: phones(o.phone, 'organization_id', o.id) })),
    services: source.entries.map((e) => hsdsServiceFull(e, source)),
    locations: source.locations.map((l) => hsdsLocation(l, true)),
    taxonomies: [vangnetTaxonomy],
    taxonomy_terms: vangnetTerms,
  };
}
