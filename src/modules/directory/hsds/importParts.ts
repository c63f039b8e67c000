// The parts of reading an HSDS document for the import (importRead.ts): what a read gives (the planned rows and the
// problems), the reader that collects them, and the small checks every object type shares.
import type { Audience, HelpKind, Theme } from '../contract.ts';
import { checkHsdsObject, checkUniqueIds, type Violation } from './conformance.ts';
import { importProblemMessages, violationMessage, type ImportProblemCode } from './messages.ts';
import type { ObjectType } from './rules.ts';
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
export type Json = Record<string, unknown>;
export const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A text with something in it, trimmed, without NUL characters (which the database refuses); else null. */
export const str = (v: unknown): string | null => {
  const text = typeof v === 'string' ? v.replaceAll('\u0000', '').trim() : '';
  return text ? text : null;
};
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

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

export class Reader {
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
export function ownViolations(type: ObjectType, object: unknown, path: string, apart: string[]): Violation[] {
  if (!isRecord(object)) return checkHsdsObject(type, object, path);
  const own = Object.fromEntries(Object.entries(object).filter(([k]) => !apart.includes(k)));
  const violations = checkHsdsObject(type, own, path);
  // A name of only spaces is no name: reported as missing, like the field itself.
  if (typeof own.name === 'string' && !str(own.name) && (type === 'service' || type === 'organization')) {
    violations.push({ path: `${path}.name`, code: 'required', field: 'name', expected: 'present' });
  }
  for (const field of apart) {
    const value = object[field];
    const expected = field === 'organization' || field === 'location' || field === 'service' ? 'object' : 'array';
    if (value !== undefined && (expected === 'array' ? !Array.isArray(value) : !isRecord(value)))
      violations.push({ path: `${path}.${field}`, code: 'type', field, expected });
  }
  return violations;
}

/** A list in the document: its items with their paths, and the duplicate ids among them. */
export function listOf(value: unknown, path: string): { items: { item: unknown; path: string; duplicate?: Violation }[] } {
  if (!Array.isArray(value)) return { items: [] };
  const duplicates = new Map(
    checkUniqueIds(
      value.map((v) => (isRecord(v) ? v : {})),
      path,
    ).map((v) => [v.path.replace(/\.id$/, ''), v]),
  );
  return { items: value.map((item, i) => ({ item, path: `${path}[${i}]`, duplicate: duplicates.get(`${path}[${i}]`) })) };
}

export function firstPhone(phones: unknown): string | null {
  if (!Array.isArray(phones)) return null;
  for (const p of phones) if (isRecord(p) && str(p.number)) return str(p.number);
  return null;
}

/** The map's own term codes an object carries (`theme:money`, `meeting_place`), through its attributes. */
export function termCodes(r: Reader, attributes: unknown): string[] {
  if (!Array.isArray(attributes)) return [];
  return attributes.flatMap((a) => {
    if (!isRecord(a)) return [];
    const term = isRecord(a.taxonomy_term) ? a.taxonomy_term : null;
    const code = r.termCodes.get(String(a.taxonomy_term_id)) ?? (term && isOwnTerm(term) ? String(term.code) : undefined);
    return code ? [code] : [];
  });
}

export const isOwnTerm = (t: Json) => (t.taxonomy === taxonomyName || t.taxonomy_id === vangnetTaxonomy.id) && ownCodeSet.has(String(t.code));
