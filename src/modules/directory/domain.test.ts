import { describe, expect, it } from 'vitest';
import { amsterdamMoment, isOpenNow, nextThisWeek, safeHref, searchDirectory, serviceInput, type DirectoryEntry, type DirectorySchedule } from './domain.ts';

const place = (areaCode: string | null, name = 'Wijkcentrum') => ({
  id: `loc-${areaCode}`,
  code: `c-${areaCode}`,
  name,
  address: 'Plein 1',
  postcode: null,
  city: 'Dordrecht',
  areaCode,
  meetingPlace: true,
  description: '',
  latitude: null,
  longitude: null,
});
const hour = (weekday: number, opensAt: string, closesAt: string, extra: Partial<DirectorySchedule> = {}): DirectorySchedule => ({
  id: `h-${weekday}-${opensAt}`,
  weekday,
  opensAt,
  closesAt,
  mobile: false,
  validFrom: null,
  validUntil: null,
  note: '',
  location: null,
  ...extra,
});
const entry = (over: Partial<DirectoryEntry>): DirectoryEntry => ({
  id: over.code ?? 'x',
  code: 'x',
  name: 'Dienst',
  description: 'Uitleg',
  audiences: ['residents'],
  themes: ['money'],
  helpKind: 'volunteer',
  municipalityCode: 'GM0505',
  email: null,
  phone: null,
  url: null,
  howToApply: '',
  active: true,
  organization: { id: 'o1', code: 'ORG', name: 'Organisatie', description: '', email: null, phone: null, url: null },
  schedules: [],
  ...over,
});

describe('time in Dordrecht', () => {
  it('reads the wall clock in Europe/Amsterdam, summer and winter', () => {
    expect(amsterdamMoment(new Date('2021-06-09T08:00:00Z'))).toEqual({ weekday: 3, time: '10:00', date: '2021-06-09' });
    expect(amsterdamMoment(new Date('2021-01-03T23:30:00Z'))).toEqual({ weekday: 1, time: '00:30', date: '2021-01-04' });
  });

  it('is open from the opening time up to (not including) the closing time, on the right day only', () => {
    const h = hour(3, '09:00', '11:00');
    expect(isOpenNow(h, new Date('2021-06-09T06:59:00Z'))).toBe(false); // 08:59
    expect(isOpenNow(h, new Date('2021-06-09T07:00:00Z'))).toBe(true); // 09:00
    expect(isOpenNow(h, new Date('2021-06-09T09:00:00Z'))).toBe(false); // 11:00
    expect(isOpenNow(h, new Date('2021-06-10T08:00:00Z'))).toBe(false); // Thursday
  });

  it('respects the first day a consultation hour runs', () => {
    const h = hour(3, '09:00', '11:00', { validFrom: '2021-06-01' });
    expect(isOpenNow(h, new Date('2021-05-26T08:00:00Z'))).toBe(false);
    expect(isOpenNow(h, new Date('2021-06-02T08:00:00Z'))).toBe(true);
    expect(nextThisWeek(h, new Date('2021-05-24T08:00:00Z'))).toBeNull();
  });

  it('finds the next hour this week: later today, later this week, but not one that closed or falls on next Monday', () => {
    const wednesday10 = new Date('2021-06-09T08:00:00Z');
    expect(nextThisWeek(hour(3, '13:00', '15:00'), wednesday10)).toBe('2021-06-09');
    expect(nextThisWeek(hour(3, '08:00', '09:30'), wednesday10)).toBeNull();
    expect(nextThisWeek(hour(6, '10:00', '12:00'), wednesday10)).toBe('2021-06-12');
    expect(nextThisWeek(hour(1, '10:00', '12:00'), wednesday10)).toBeNull();
  });
});

describe('searching the map', () => {
  const wijkteam = entry({
    code: 'wijkteam',
    name: 'Sociaal Wijkteam',
    themes: ['money', 'housing'],
    schedules: [hour(1, '13:00', '15:00', { location: place('WK050504', 'Wijkcentrum Wielwijk') })],
  });
  const loket = entry({
    code: 'loket',
    name: 'Ondernemersloket',
    audiences: ['entrepreneurs'],
    helpKind: 'debt_help',
    schedules: [hour(3, '09:00', '12:00', { location: place('WK050501') })],
  });
  const phoneOnly = entry({ code: 'maatje', name: 'SchuldHulpMaatje', description: 'Een maatje helpt u met uw schulden' });
  const closed = entry({ code: 'oud', name: 'Gestopt', active: false });
  const all = [wijkteam, loket, phoneOnly, closed];
  const wednesday10 = new Date('2021-06-09T08:00:00Z');
  const codes = (q: Parameters<typeof searchDirectory>[1]) => searchDirectory(all, q, wednesday10).map((e) => e.code);

  it('never shows inactive entries', () => expect(codes({})).not.toContain('oud'));
  it('filters by audience and theme', () => {
    expect(codes({ audience: 'entrepreneurs' })).toEqual(['loket']);
    expect(codes({ theme: 'housing' })).toEqual(['wijkteam']);
  });
  it('matches every word, accents and case ignored, in name, description and place', () => {
    expect(codes({ q: 'SCHULDEN maatje' })).toEqual(['maatje']);
    expect(codes({ q: 'wielwijk' })).toEqual(['wijkteam']);
    expect(codes({ q: 'wielwijk schulden' })).toEqual([]);
  });
  it('keeps city-wide services without a place when filtering on a neighbourhood', () => {
    expect(codes({ area: 'WK050504' }).sort()).toEqual(['maatje', 'wijkteam']);
  });
  it('filters on open now and this week', () => {
    expect(codes({ when: 'now' })).toEqual(['loket']);
    expect(codes({ when: 'week' })).toEqual(['loket']);
  });
});

describe('input and export', () => {
  it('refuses an hour that closes before it opens, and an empty audience', () => {
    const base = { name: 'Dienst', description: 'Een beschrijving in B1.', audiences: ['residents'], themes: ['money'], helpKind: 'volunteer' };
    expect(serviceInput.safeParse({ ...base, schedules: [{ weekday: 1, opensAt: '12:00', closesAt: '09:00' }] }).success).toBe(false);
    expect(serviceInput.safeParse({ ...base, audiences: [] }).success).toBe(false);
    expect(serviceInput.safeParse({ ...base, email: '' }).data?.email).toBeNull();
    expect(serviceInput.safeParse({ ...base, url: 'javascript:alert(1)' }).success).toBe(false);
    expect(serviceInput.safeParse({ ...base, url: '/geldfit' }).success).toBe(true);
    expect(serviceInput.safeParse({ ...base, url: 'https://www.nibud.nl' }).success).toBe(true);
  });

  it('never turns a non-web address into a link', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('/geldfit')).toBe('/geldfit');
    expect(safeHref('https://www.nibud.nl')).toBe('https://www.nibud.nl');
  });
});
