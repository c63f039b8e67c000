// The social map's vocabulary and its pure functions: searching, "open now / this week", HSDS export.
import { z } from 'zod';
import { dordrechtWijken } from '../../platform/areas.ts';
import { distanceKm, latitudeInput, longitudeInput, type Position } from './geo.ts';
import { alternativesFor, normaliseWord, type SynonymTable } from './synonyms.ts';

export {
  audiences,
  themes,
  helpKinds,
  audienceLabels,
  themeLabels,
  helpKindLabels,
  weekdayLabels,
  type Audience,
  type Theme,
  type HelpKind,
} from './contract.ts';
import { audiences, helpKinds, themes, weekdayLabels, type Audience, type HelpKind, type Theme } from './contract.ts';

export interface DirectoryLocation {
  id: string;
  code: string;
  name: string;
  address: string;
  postcode: string | null;
  city: string;
  areaCode: string | null;
  meetingPlace: boolean;
  description: string;
  /** WGS84 degrees, null when not known. */
  latitude: number | null;
  longitude: number | null;
}

export interface DirectorySchedule {
  id: string;
  weekday: number;
  opensAt: string;
  closesAt: string;
  mobile: boolean;
  validFrom: string | null;
  validUntil: string | null;
  note: string;
  location: DirectoryLocation | null;
}

export interface DirectoryOrganization {
  id: string;
  code: string;
  name: string;
  description: string;
  email: string | null;
  phone: string | null;
  url: string | null;
}

/** A service with its organisation and consultation hours: one entry of the social map. */
export interface DirectoryEntry {
  id: string;
  code: string;
  name: string;
  description: string;
  audiences: Audience[];
  themes: Theme[];
  helpKind: HelpKind;
  municipalityCode: string;
  email: string | null;
  phone: string | null;
  url: string | null;
  howToApply: string;
  active: boolean;
  /** The social map it was imported from (HSDS import); null or absent for Vangnet's own entries. */
  source?: string | null;
  /** Last change (HSDS `last_modified`). */
  updatedAt?: Date;
  organization: DirectoryOrganization;
  schedules: DirectorySchedule[];
}

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Gebruik uu:mm, bijvoorbeeld 09:30.');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Gebruik jjjj-mm-dd.');
const optionalText = z
  .string()
  .trim()
  .max(300)
  .nullable()
  .optional()
  .transform((v) => (v ? v : null));

export const scheduleInput = z
  .object({
    weekday: z.number().int().min(1).max(7),
    opensAt: time,
    closesAt: time,
    mobile: z.boolean().default(false),
    locationId: z.string().uuid().nullable().optional(),
    validFrom: isoDate.nullable().optional(),
    validUntil: isoDate.nullable().optional(),
    note: z.string().trim().max(200).default(''),
  })
  .refine((s) => s.opensAt < s.closesAt, { message: 'De eindtijd moet na de begintijd liggen.', path: ['closesAt'] });
export type ScheduleInput = z.infer<typeof scheduleInput>;

/** What staff may change about a service. */
export const serviceInput = z.object({
  name: z.string().trim().min(2).max(120),
  description: z.string().trim().min(10).max(2000),
  audiences: z.array(z.enum(audiences)).min(1, 'Kies minstens één doelgroep.').max(audiences.length),
  themes: z.array(z.enum(themes)).min(1, 'Kies minstens één thema.').max(themes.length),
  helpKind: z.enum(helpKinds),
  email: optionalText.pipe(z.string().email('Vul een geldig e-mailadres in.').nullable()),
  phone: optionalText,
  url: optionalText.pipe(
    z
      .string()
      .regex(/^(https?:\/\/[^\s]+|\/[^\s]*)$/, 'Vul een volledig webadres in, met https://, of een pad op deze website zoals /geldfit.')
      .nullable(),
  ),
  howToApply: z.string().trim().max(500).default(''),
  active: z.boolean().default(true),
  schedules: z.array(scheduleInput).max(50).default([]),
});
export type ServiceInput = z.infer<typeof serviceInput>;

const amsterdamFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export interface Moment {
  weekday: number;
  time: string;
  date: string;
}

/** Both coordinates or neither: a place with half a position cannot be placed on the map. */
const bothOrNeither = (p: { latitude: number | null; longitude: number | null }, ctx: z.RefinementCtx) => {
  if ((p.latitude === null) !== (p.longitude === null)) {
    const missing = p.latitude === null ? 'latitude' : 'longitude';
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: missing === 'latitude' ? 'Vul ook de breedtegraad in, of laat beide leeg.' : 'Vul ook de lengtegraad in, of laat beide leeg.',
    });
  }
};

/** Where a place is: WGS84 degrees (a decimal comma is fine), or both empty. */
export const positionInput = z.object({ latitude: latitudeInput.default(null), longitude: longitudeInput.default(null) }).superRefine(bothOrNeither);

/** A place where services are given; the wijk follows from the postcode. */
export const locationFields = z.object({
  organizationId: z.string().uuid(),
  name: z.string().trim().min(2).max(120),
  address: z.string().trim().min(3).max(200),
  postcode: z
    .string()
    .trim()
    .regex(/^[1-9]\d{3} ?[A-Za-z]{2}$/, 'Vul een postcode in zoals 3315 AB.')
    .transform((v) => `${v.slice(0, 4)} ${v.slice(-2).toUpperCase()}`),
  city: z.string().trim().min(2).max(80).default('Dordrecht'),
  meetingPlace: z.boolean().default(false),
  description: z.string().trim().max(500).default(''),
  latitude: latitudeInput.default(null),
  longitude: longitudeInput.default(null),
});
export const locationInput = locationFields.superRefine(bothOrNeither);
export type LocationInput = z.infer<typeof locationInput>;
/** What staff change about a place (its organisation stays). */
export const locationUpdateInput = locationFields.omit({ organizationId: true }).superRefine(bothOrNeither);
export type LocationUpdateInput = z.infer<typeof locationUpdateInput>;

/** The wall-clock moment in Europe/Amsterdam: ISO weekday, HH:MM and the local date. */
export function amsterdamMoment(instant: Date): Moment {
  const parts = Object.fromEntries(amsterdamFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1;
  return { weekday, time: `${parts.hour}:${parts.minute}`, date: `${parts.year}-${parts.month}-${parts.day}` };
}

const momentOf = (at: Date | Moment): Moment => (at instanceof Date ? amsterdamMoment(at) : at);

function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function validOn(schedule: DirectorySchedule, day: string): boolean {
  return (!schedule.validFrom || schedule.validFrom <= day) && (!schedule.validUntil || schedule.validUntil >= day);
}

/** A consultation hour running right now (Amsterdam time). */
export function isOpenNow(schedule: DirectorySchedule, at: Date | Moment): boolean {
  const now = momentOf(at);
  return schedule.weekday === now.weekday && validOn(schedule, now.date) && schedule.opensAt <= now.time && now.time < schedule.closesAt;
}

/**
 * The next time this consultation hour still happens in the current week (today up to and including Sunday),
 * as a local date, or null. Today's hour counts while it has not yet closed.
 */
export function nextThisWeek(schedule: DirectorySchedule, at: Date | Moment): string | null {
  const now = momentOf(at);
  if (schedule.weekday < now.weekday) return null;
  if (schedule.weekday === now.weekday && schedule.closesAt <= now.time) return null;
  const day = addDays(now.date, schedule.weekday - now.weekday);
  return validOn(schedule, day) ? day : null;
}

export const directoryQuery = z.object({
  q: z.string().trim().max(100).optional(),
  theme: z.enum(themes).optional(),
  audience: z.enum(audiences).optional(),
  area: z
    .string()
    .regex(/^WK\d{6}$/)
    .optional(),
  when: z.enum(['now', 'week']).optional(),
  helpKinds: z.array(z.enum(helpKinds)).optional(),
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

const normalise = normaliseWord;

/**
 * The entries that match a search, best first. Text matches name, organisation, description and place names,
 * every word must occur. A neighbourhood matches a service with a consultation hour there, or a city-wide
 * service without any fixed place (phone, online). Inactive services never show.
 */
export function searchDirectory(entries: DirectoryEntry[], query: DirectoryQuery, instant: Date, synonyms: SynonymTable = new Map()): DirectoryEntry[] {
  const now = amsterdamMoment(instant);
  // Each word stands for itself and its synonyms (staff maintain them): "huurachterstand" also finds "schuldhulp".
  const words = query.q
    ? normalise(query.q)
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => alternativesFor(w, synonyms))
    : [];
  const results: { entry: DirectoryEntry; score: number }[] = [];
  for (const entry of entries) {
    if (!entry.active) continue;
    if (query.theme && !entry.themes.includes(query.theme)) continue;
    if (query.audience && !entry.audiences.includes(query.audience)) continue;
    if (query.helpKinds && !query.helpKinds.includes(entry.helpKind)) continue;
    if (query.area) {
      const areas = entry.schedules.map((s) => s.location?.areaCode).filter(Boolean);
      const placed = entry.schedules.some((s) => s.location);
      if (placed && !areas.includes(query.area)) continue;
    }
    if (query.when === 'now' && !entry.schedules.some((s) => isOpenNow(s, now))) continue;
    if (query.when === 'week' && !entry.schedules.some((s) => nextThisWeek(s, now))) continue;
    let score = 0;
    if (words.length) {
      const name = normalise(`${entry.name} ${entry.organization.name}`);
      const rest = normalise(
        [entry.description, entry.howToApply, ...entry.schedules.map((s) => `${s.location?.name ?? ''} ${s.location?.address ?? ''} ${s.note}`)].join(' '),
      );
      if (!words.every((alts) => alts.some((w) => name.includes(w) || rest.includes(w)))) continue;
      score = words.filter((alts) => alts.some((w) => name.includes(w))).length;
    }
    results.push({ entry, score });
  }
  return results.sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name, 'nl')).map((r) => r.entry);
}

/** A search result with how far its nearest place is from the resident (null: no place with a position). */
export interface NearbyEntry {
  entry: DirectoryEntry;
  distanceKm: number | null;
}

/**
 * The results sorted by the great-circle distance from `origin` to each service's nearest place; services without a
 * placed consultation hour (phone, online) come last, in the order the search gave them.
 */
export function nearestFirst(entries: DirectoryEntry[], origin: Position): NearbyEntry[] {
  const withDistance = entries.map((entry) => {
    const distances = entry.schedules
      .map((s) => s.location)
      .filter((l): l is DirectoryLocation & Position => !!l && l.latitude !== null && l.longitude !== null)
      .map((l) => distanceKm(origin, l));
    return { entry, distanceKm: distances.length ? Math.min(...distances) : null };
  });
  return withDistance.sort((a, b) => {
    if (a.distanceKm === null || b.distanceKm === null) return a.distanceKm === b.distanceKm ? 0 : a.distanceKm === null ? 1 : -1;
    return a.distanceKm - b.distanceKm;
  });
}

export function areaOptions(): { code: string; name: string }[] {
  return dordrechtWijken.map((a) => ({ code: a.code, name: a.name }));
}

/** Only web links and paths on this site become links; anything else (javascript:, data:) is never rendered as href. */
export function safeHref(url: string | null): string | null {
  return url && /^(https?:\/\/|\/(?!\/))/.test(url) ? url : null;
}

/** "maandag 09:00–12:00" */
export function describeSchedule(s: DirectorySchedule): string {
  return `${weekdayLabels[s.weekday]} ${s.opensAt}–${s.closesAt}`;
}
