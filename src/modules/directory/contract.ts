// The social map's contract: its vocabulary with the Dutch labels, and what the API answers (server and web app).
import { z } from 'zod';
import { id, timestamp } from '../../platform/contract.ts';

export const audiences = ['residents', 'entrepreneurs', 'young_people'] as const;
export type Audience = (typeof audiences)[number];
export const themes = ['money', 'work', 'children', 'health', 'housing'] as const;
export type Theme = (typeof themes)[number];
/**
 * What kind of help a service gives, from light to heavy. The self-test picks by it:
 * information and tools, a volunteer, professional social work, formal debt help by the municipality.
 */
export const helpKinds = ['information', 'volunteer', 'social_work', 'debt_help'] as const;
export type HelpKind = (typeof helpKinds)[number];

export const audienceLabels: Record<Audience, string> = { residents: 'Inwoners', entrepreneurs: 'Ondernemers', young_people: 'Jongeren' };
export const themeLabels: Record<Theme, string> = {
  money: 'Geld en schulden',
  work: 'Werk',
  children: 'Kinderen',
  health: 'Gezondheid',
  housing: 'Wonen',
};
export const helpKindLabels: Record<HelpKind, string> = {
  information: 'Informatie en hulpmiddelen',
  volunteer: 'Hulp van een vrijwilliger',
  social_work: 'Hulp van een professional',
  debt_help: 'Schuldhulp van de gemeente',
};
export const weekdayLabels = ['', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'] as const;

export const directoryLocation = z.object({
  id,
  code: z.string(),
  name: z.string(),
  address: z.string(),
  postcode: z.string().nullable(),
  city: z.string(),
  areaCode: z.string().nullable(),
  meetingPlace: z.boolean(),
  description: z.string(),
  /** WGS84 degrees; null when staff have not entered the position. */
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});

/** A place as stored (with the organisation it belongs to). */
export const directoryLocationRow = directoryLocation.extend({ organizationId: id });

export const directorySchedule = z.object({
  id,
  weekday: z.number().int().min(1).max(7),
  opensAt: z.string(),
  closesAt: z.string(),
  mobile: z.boolean(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  note: z.string(),
  location: directoryLocation.nullable(),
});

export const directoryOrganization = z.object({
  id,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  url: z.string().nullable(),
});

/** One entry of the map: a service with its organisation and consultation hours. */
export const directoryEntry = z.object({
  id,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  audiences: z.array(z.enum(audiences)),
  themes: z.array(z.enum(themes)),
  helpKind: z.enum(helpKinds),
  municipalityCode: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  url: z.string().nullable(),
  howToApply: z.string(),
  active: z.boolean(),
  organization: directoryOrganization,
  schedules: z.array(directorySchedule),
});

/** A search result: with a postcode, each entry has the distance to its nearest place (null: by phone or online). */
export const directorySearchItem = directoryEntry.extend({ distanceKm: z.number().nullable().optional() });

export const directorySearchResult = z.object({
  items: z.array(directorySearchItem),
  /** The area the distances are measured from, when a postcode was given. */
  origin: z.object({ pc4: z.string(), place: z.string() }).optional(),
});

/** A search synonym as staff maintain it: searching `term` also finds `synonyms`. */
export const directorySynonym = z.object({ id, term: z.string(), synonyms: z.array(z.string()), updatedAt: timestamp });
export const directorySynonymList = z.object({ items: z.array(directorySynonym) });

/** After loading postcode centre points: how many areas the table has now. */
export const postcodeCentresLoaded = z.object({ areas: z.number().int() });
export const postcodeCentresView = z.object({ areas: z.number().int(), builtIn: z.boolean() });

export const directoryOrganizationsResult = z.object({
  organizations: z.array(directoryOrganization.extend({ createdAt: timestamp })),
  locations: z.array(directoryLocationRow),
});
