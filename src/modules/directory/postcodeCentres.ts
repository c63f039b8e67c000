// Four-digit postcode areas (PC4) with a centre point, pure: the built-in Drechtsteden set and the CSV a municipality
// loads instead (the official CBS/PDOK PC4 file, reduced to one point per area: docs/directory.md).
import { parse } from 'csv-parse/sync';
import { ValidationError, type FieldProblem } from '../../platform/errors.ts';
import type { Position } from './geo.ts';

export interface PostcodeCentre extends Position {
  /** Four digits, `3311`. */
  pc4: string;
  /** The place (woonplaats), `Dordrecht`; empty when the file has none. */
  place: string;
}

type Centre = [pc4: string, latitude: number, longitude: number];

/**
 * Dordrecht's areas, each with an approximate centre point (WGS84, rounded to about 100 m) of the neighbourhood it
 * mostly covers (`src/platform/areas.ts`): good enough to sort help by distance within the city, not a geocoder.
 */
const dordrecht: Centre[] = [
  ['3311', 51.8128, 4.662], // Binnenstad: Voorstraat, Grote Kerk, Spuiboulevard
  ['3312', 51.81, 4.67], // Binnenstad-oost: Singel, Vest, station
  ['3313', 51.816, 4.679], // Noordflank
  ['3314', 51.802, 4.66], // Oud-Krispijn, Brouwersdijk
  ['3315', 51.7975, 4.647], // Wielwijk
  ['3316', 51.792, 4.6615], // Crabbehof
  ['3317', 51.8, 4.669], // Nieuw-Krispijn
  ['3318', 51.805, 4.715], // Stadspolders
  ['3319', 51.796, 4.713], // Dubbeldam
  ['3328', 51.792, 4.708], // Dubbeldam-zuid
  ['3329', 51.788, 4.718], // Oud-Dubbeldam
];

/**
 * The other six Drechtsteden municipalities: each area gets the centre of its town (approximate, WGS84), so a
 * resident there is sorted by how far Dordrecht's help is; load the CBS/PDOK file for one point per area.
 */
const towns: [place: string, latitude: number, longitude: number, pc4: string[]][] = [
  ['Zwijndrecht', 51.8149, 4.6396, ['3330', '3331', '3332', '3333', '3334', '3335']],
  ['Heerjansdam', 51.8347, 4.5636, ['2995']],
  ['Hendrik-Ido-Ambacht', 51.8447, 4.6386, ['3340', '3341', '3342', '3343', '3344']],
  ['Papendrecht', 51.8318, 4.6917, ['3350', '3351', '3352', '3353', '3354', '3355', '3356']],
  ['Sliedrecht', 51.8214, 4.7762, ['3360', '3361', '3362', '3363', '3364']],
  ['Hardinxveld-Giessendam', 51.8294, 4.8389, ['3370', '3371', '3372', '3373']],
  ['Alblasserdam', 51.8653, 4.6597, ['2950', '2951', '2952', '2953', '2954']],
];

/** The built-in set, used while the table `directory_postcode_centres` is empty. */
export const builtInPostcodeCentres: PostcodeCentre[] = [
  ...dordrecht.map(([pc4, latitude, longitude]) => ({ pc4, place: 'Dordrecht', latitude, longitude })),
  ...towns.flatMap(([place, latitude, longitude, pcs]) => pcs.map((pc4) => ({ pc4, place, latitude, longitude }))),
].sort((a, b) => a.pc4.localeCompare(b.pc4));

/** At most this many rows (the Netherlands has some 4,070 PC4 areas). */
export const MAX_POSTCODE_CENTRES = 10_000;

const columnNames: Record<string, 'pc4' | 'place' | 'latitude' | 'longitude'> = {
  pc4: 'pc4',
  postcode: 'pc4',
  postcode4: 'pc4',
  plaats: 'place',
  woonplaats: 'place',
  latitude: 'latitude',
  lat: 'latitude',
  breedtegraad: 'latitude',
  longitude: 'longitude',
  lon: 'longitude',
  lng: 'longitude',
  lengtegraad: 'longitude',
};

/** Roughly the Netherlands (with the Wadden and Zeeland): a point outside is a mistake, most often lat/lon swapped. */
const bounds = { latitude: [50.7, 53.7], longitude: [3.2, 7.3] } as const;

function number(text: string): number | null {
  const t = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/**
 * A CSV of PC4 centre points → rows, or a ValidationError naming every bad line and field in Dutch. The header names
 * the columns in any order and case: `pc4` (or `postcode`), `latitude` (`lat`, `breedtegraad`), `longitude` (`lon`,
 * `lengtegraad`) and optionally `plaats` (`woonplaats`). Separator `;`, `,` or tab (from the header line); a decimal
 * comma is fine with `;` or tab. Degrees WGS84. Pure.
 */
export function parsePostcodeCentres(text: string): PostcodeCentre[] {
  const clean = text.replace(/^\ufeff/, '');
  const headerLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = headerLine.includes(';') ? ';' : headerLine.includes('\t') ? '\t' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(clean, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new ValidationError('Het bestand is geen leesbare CSV.', [{ line, field: 'bestand', reason: 'Controleer de aanhalingstekens op deze regel.' }]);
  }
  const [header, ...rows] = records;
  const columns = (header?.record ?? []).map((h) => columnNames[h.toLowerCase().replace(/[\s_-]+/g, '')] ?? null);
  const missing = (['pc4', 'latitude', 'longitude'] as const).filter((c) => !columns.includes(c));
  if (missing.length) {
    const dutch = { pc4: 'pc4', latitude: 'latitude', longitude: 'longitude' };
    throw new ValidationError('Het bestand heeft geen kopregel met de kolommen pc4, latitude en longitude (en eventueel plaats).', [
      { line: 1, field: dutch[missing[0]!], reason: 'Deze kolom ontbreekt in de kopregel.' },
    ]);
  }
  if (rows.length > MAX_POSTCODE_CENTRES) {
    throw new ValidationError(`Het bestand heeft meer dan ${MAX_POSTCODE_CENTRES} regels.`, [{ line: 1, field: 'bestand', reason: 'Te veel regels.' }]);
  }
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  const result: PostcodeCentre[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    const cell = (c: 'pc4' | 'place' | 'latitude' | 'longitude') => {
      const at = columns.indexOf(c);
      return at >= 0 ? (record[at] ?? '').trim() : '';
    };
    const reject = (field: string, reason: string) => {
      if (problems.length < 1000) problems.push({ line, field, reason });
      return false;
    };
    let ok = true;
    const pc4 = cell('pc4');
    if (!/^[1-9]\d{3}$/.test(pc4)) ok = reject('pc4', 'Een postcodegebied is vier cijfers, bijvoorbeeld 3311.');
    else if (seen.has(pc4)) ok = reject('pc4', `Dit postcodegebied staat al op regel ${seen.get(pc4)}.`);
    const latitude = number(cell('latitude'));
    const longitude = number(cell('longitude'));
    if (latitude === null) ok = reject('latitude', 'Vul de breedtegraad in als getal, bijvoorbeeld 51,8133.');
    else if (latitude < bounds.latitude[0] || latitude > bounds.latitude[1])
      ok = reject('latitude', 'Deze breedtegraad ligt niet in Nederland (tussen 50,7 en 53,7). Zijn breedte en lengte omgewisseld?');
    if (longitude === null) ok = reject('longitude', 'Vul de lengtegraad in als getal, bijvoorbeeld 4,6601.');
    else if (longitude < bounds.longitude[0] || longitude > bounds.longitude[1])
      ok = reject('longitude', 'Deze lengtegraad ligt niet in Nederland (tussen 3,2 en 7,3). Zijn breedte en lengte omgewisseld?');
    if (!ok) continue;
    seen.set(pc4, line);
    result.push({ pc4, place: cell('place').slice(0, 80), latitude: latitude!, longitude: longitude! });
  }
  if (problems.length) throw new ValidationError('De postcodegebieden zijn niet geladen: er staan fouten in het bestand.', problems);
  if (!result.length) throw new ValidationError('Het bestand bevat geen postcodegebieden.', [{ line: 2, field: 'pc4', reason: 'Geen regels na de kopregel.' }]);
  return result;
}
