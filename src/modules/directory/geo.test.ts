import { describe, expect, it } from 'vitest';
import { formatKilometres } from '../../platform/dutch.ts';
import { ValidationError } from '../../platform/errors.ts';
import { locationInput, nearestFirst, searchDirectory, type DirectoryEntry, type DirectoryLocation } from './domain.ts';
import { distanceKm, parsePostcode } from './geo.ts';
import { builtInPostcodeCentres, parsePostcodeCentres } from './postcodeCentres.ts';
import { synonymInput } from './synonyms.ts';

describe('great-circle distance', () => {
  it('is zero for one point and the same both ways', () => {
    const a = { latitude: 51.8133, longitude: 4.6601 };
    const b = { latitude: 51.8318, longitude: 4.6917 };
    expect(distanceKm(a, a)).toBe(0);
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 10);
  });

  it('gives 111.2 km for one degree of latitude and about 69 km for one degree of longitude at 51.8° north', () => {
    expect(distanceKm({ latitude: 51, longitude: 4.66 }, { latitude: 52, longitude: 4.66 })).toBeCloseTo(111.2, 1);
    // cos(51.8°) × 111.2 km ≈ 68.8 km
    expect(distanceKm({ latitude: 51.8, longitude: 4 }, { latitude: 51.8, longitude: 5 })).toBeCloseTo(68.8, 0);
  });

  it('measures Amsterdam (Dam) to Dordrecht (Grote Kerk) at about 64 km', () => {
    const km = distanceKm({ latitude: 52.3731, longitude: 4.8926 }, { latitude: 51.8125, longitude: 4.6606 });
    expect(km).toBeGreaterThan(63);
    expect(km).toBeLessThan(65);
  });

  it('is shown in Dutch with one decimal', () => {
    expect(formatKilometres(1.234)).toBe('1,2 km');
    expect(formatKilometres(12.05)).toMatch(/^12,[01] km$/);
    expect(formatKilometres(0.01)).toBe('0,1 km');
    expect(formatKilometres(null)).toBe('–');
  });
});

describe('a postcode as residents type it', () => {
  it('accepts four digits, or four digits and two letters, with or without a space, in any case', () => {
    expect(parsePostcode('3311')).toEqual({ pc4: '3311', postcode: null });
    expect(parsePostcode(' 3311ab ')).toEqual({ pc4: '3311', postcode: '3311 AB' });
    expect(parsePostcode('3311  AB')).toEqual({ pc4: '3311', postcode: '3311 AB' });
  });

  it('refuses what is not a postcode', () => {
    for (const text of ['', '331', '33111', '0311', '3311 A', '3311 ABC', 'Dordrecht', '3311 SS', '33 11']) expect(parsePostcode(text)).toBeNull();
  });

  it('knows every Drechtsteden area from the brief, and each point lies in the region', () => {
    const areas = new Map(builtInPostcodeCentres.map((c) => [c.pc4, c]));
    for (const pc4 of ['3311', '3315', '3319', '3328', '3329', '3331', '2995', '3341', '3351', '3361', '3371', '2951']) expect(areas.has(pc4)).toBe(true);
    expect(areas.has('3320')).toBe(false);
    for (const c of builtInPostcodeCentres) {
      expect(c.latitude).toBeGreaterThan(51.75);
      expect(c.latitude).toBeLessThan(51.9);
      expect(c.longitude).toBeGreaterThan(4.5);
      expect(c.longitude).toBeLessThan(4.9);
    }
    expect(areas.get('3351')!.place).toBe('Papendrecht');
  });
});

describe('a CSV of PC4 centre points', () => {
  it('reads columns in any order and case, with a decimal comma and a BOM', () => {
    const rows = parsePostcodeCentres('\ufeffPlaats;Latitude;PC4;Longitude\r\nDordrecht;51,8128;3311;4,662\r\nZwijndrecht;51.8149;3331;4.6396\r\n');
    expect(rows).toEqual([
      { pc4: '3311', place: 'Dordrecht', latitude: 51.8128, longitude: 4.662 },
      { pc4: '3331', place: 'Zwijndrecht', latitude: 51.8149, longitude: 4.6396 },
    ]);
    expect(parsePostcodeCentres('postcode,lat,lon\n3311,51.8,4.66\n')).toEqual([{ pc4: '3311', place: '', latitude: 51.8, longitude: 4.66 }]);
  });

  it('reports every bad row with its line and field in Dutch, and loads nothing', () => {
    const text = ['pc4;latitude;longitude', '3311;51,81;4,66', '331;51,81;4,66', '3312;abc;4,66', '3313;4,66;51,81', '3311;51,8;4,6'].join('\n');
    let error: unknown;
    try {
      parsePostcodeCentres(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).details.errors!;
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'pc4'],
      [4, 'latitude'],
      [5, 'latitude'],
      [5, 'longitude'],
      [6, 'pc4'],
    ]);
    expect(problems[0]!.reason).toBe('Een postcodegebied is vier cijfers, bijvoorbeeld 3311.');
    expect(problems[2]!.reason).toContain('niet in Nederland');
    expect(problems[4]!.reason).toBe('Dit postcodegebied staat al op regel 2.');
  });

  it('names a missing column in the header', () => {
    expect(() => parsePostcodeCentres('pc4;latitude\n3311;51,8\n')).toThrow(/kopregel/);
  });
});

describe('coordinates staff enter for a place', () => {
  const base = { organizationId: '00000000-0000-4000-8000-000000000001', name: 'Buurthuis', address: 'Plein 1', postcode: '3311 AB' };
  const reasons = (input: Record<string, unknown>) => {
    const parsed = locationInput.safeParse({ ...base, ...input });
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('accepts degrees with a dot or a comma, and both empty', () => {
    const parsed = locationInput.parse({ ...base, latitude: '51,8125', longitude: 4.6606 });
    expect([parsed.latitude, parsed.longitude]).toEqual([51.8125, 4.6606]);
    expect(locationInput.parse({ ...base, latitude: '', longitude: '' })).toMatchObject({ latitude: null, longitude: null });
  });

  it('refuses a value out of range, text, or only one of the two, in plain Dutch', () => {
    expect(reasons({ latitude: 95, longitude: 4.66 })).toEqual({ latitude: 'De breedtegraad ligt tussen -90 en 90 graden, bijvoorbeeld 51,8133.' });
    expect(reasons({ latitude: 51.8, longitude: 'oost' })).toEqual({ longitude: 'Vul de lengtegraad in als getal, bijvoorbeeld 4,6601.' });
    expect(reasons({ latitude: 51.8 })).toEqual({ longitude: 'Vul ook de lengtegraad in, of laat beide leeg.' });
  });
});

describe('synonyms and nearest first', () => {
  const place = (id: string, latitude: number | null, longitude: number | null): DirectoryLocation => ({
    id,
    code: id,
    name: `Plek ${id}`,
    address: 'Plein 1',
    postcode: null,
    city: 'Dordrecht',
    areaCode: null,
    meetingPlace: false,
    description: '',
    latitude,
    longitude,
  });
  const entry = (code: string, description: string, location: DirectoryLocation | null): DirectoryEntry => ({
    id: code,
    code,
    name: code,
    description,
    audiences: ['residents'],
    themes: ['money'],
    helpKind: 'volunteer',
    municipalityCode: 'GM0505',
    email: null,
    phone: null,
    url: null,
    howToApply: '',
    active: true,
    organization: { id: 'o', code: 'O', name: 'Organisatie', description: '', email: null, phone: null, url: null },
    schedules: location
      ? [{ id: `h-${code}`, weekday: 1, opensAt: '09:00', closesAt: '10:00', mobile: false, validFrom: null, validUntil: null, note: '', location }]
      : [],
  });
  const at = new Date('2026-03-02T09:00:00Z');
  const far = entry('ver', 'Hulp bij schulden.', place('a', 51.8318, 4.6917)); // Papendrecht
  const near = entry('dichtbij', 'Hulp bij schulden en brieven.', place('b', 51.8125, 4.6625)); // Dordrecht centre
  const phone = entry('telefoon', 'Bel ons over schulden.', null);
  const food = entry('pakket', 'Een gratis boodschappenpakket.', place('c', 51.8, 4.669));

  it('a search word finds texts with one of its synonyms, only when staff made it a term', () => {
    const table = new Map([['voedselbank', ['voedselhulp', 'boodschappenpakket']]]);
    expect(searchDirectory([far, food], { q: 'voedselbank' }, at).map((e) => e.code)).toEqual([]);
    expect(searchDirectory([far, food], { q: 'Voedselbank' }, at, table).map((e) => e.code)).toEqual(['pakket']);
  });

  it('sorts by distance from the resident, with phone and online help last', () => {
    const origin = builtInPostcodeCentres.find((c) => c.pc4 === '3311')!;
    const sorted = nearestFirst([phone, far, near], origin);
    expect(sorted.map((s) => s.entry.code)).toEqual(['dichtbij', 'ver', 'telefoon']);
    expect(sorted[0]!.distanceKm!).toBeLessThan(0.5);
    expect(sorted[1]!.distanceKm!).toBeGreaterThan(2);
    expect(sorted[2]!.distanceKm).toBeNull();
  });

  it('refuses a search word with a space, and a list without synonyms, in Dutch', () => {
    const issues = synonymInput.safeParse({ term: 'huur achterstand', synonyms: ' , ' });
    expect(issues.success).toBe(false);
    expect(issues.error!.issues.map((i) => i.message)).toEqual([
      'Een zoekwoord is één woord, zonder spaties of leestekens, bijvoorbeeld huurachterstand.',
      'Vul minstens één woord in dat ook gevonden moet worden, bijvoorbeeld schuldhulp.',
    ]);
    expect(synonymInput.parse({ term: 'Huurachterstand', synonyms: 'Schuldhulp, schulden,schuldhulp' })).toEqual({
      term: 'huurachterstand',
      synonyms: ['schuldhulp', 'schulden'],
    });
  });
});
