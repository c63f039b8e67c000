// Positions on the social map, pure: great-circle distance, a resident's postcode, coordinates staff type in.
import { z } from 'zod';

/** A WGS84 position in decimal degrees. */
export interface Position {
  latitude: number;
  longitude: number;
}

/** The mean radius of the earth in kilometres (IUGG), the usual choice for the haversine formula. */
const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance between two positions in kilometres (haversine formula). */
export function distanceKm(a: Position, b: Position): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A postcode a resident typed, reduced to what the search needs. */
export interface ParsedPostcode {
  /** The four digits (PC4): `3311`. */
  pc4: string;
  /** The whole postcode when letters were given (`3311 AB`), else null. */
  postcode: string | null;
}

/**
 * A Dutch postcode as people type it: `3311`, `3311AB`, `3311 ab`, ` 3311  AB `. Four digits without a leading zero,
 * optionally two letters (never SA, SD or SS, which PostNL does not use). A 6-character postcode is searched by its
 * four digits. Null when it is not a postcode.
 */
export function parsePostcode(text: string): ParsedPostcode | null {
  const match = /^([1-9]\d{3})\s*([A-Za-z]{2})?$/.exec(text.trim());
  if (!match) return null;
  const letters = match[2]?.toUpperCase();
  if (letters && ['SA', 'SD', 'SS'].includes(letters)) return null;
  return { pc4: match[1]!, postcode: letters ? `${match[1]} ${letters}` : null };
}

/** A coordinate as staff type it: a number (a decimal comma is accepted), or empty for "not known". */
const coordinate = (min: number, max: number, name: string, example: string) =>
  z.preprocess(
    (v) => {
      if (v === null || v === undefined) return null;
      if (typeof v === 'string') {
        const text = v.trim().replace(',', '.');
        return text === '' ? null : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      }
      return v;
    },
    z
      .number({ message: `Vul de ${name} in als getal, bijvoorbeeld ${example}.` })
      .refine((n) => Number.isFinite(n), { message: `Vul de ${name} in als getal, bijvoorbeeld ${example}.` })
      .refine((n) => n >= min && n <= max, { message: `De ${name} ligt tussen ${min} en ${max} graden, bijvoorbeeld ${example}.` })
      .transform((n) => Math.round(n * 1e6) / 1e6)
      .nullable(),
  );

/** Latitude (noorderbreedte), WGS84: −90 to 90 degrees. */
export const latitudeInput = coordinate(-90, 90, 'breedtegraad', '51,8133');
/** Longitude (oosterlengte), WGS84: −180 to 180 degrees. */
export const longitudeInput = coordinate(-180, 180, 'lengtegraad', '4,6601');
