import { describe, expect, it } from 'vitest';
import { checkHsdsList, checkHsdsObject, checkUniqueIds, matchesFormat } from './conformance.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const goodService = () => ({
  id: id(1),
  name: 'Schuldhulp',
  status: 'active',
  url: 'https://www.example.nl/hulp',
  email: 'info@example.nl',
  last_modified: '2026-01-31T12:00:00.000Z',
  phones: [{ id: id(2), number: '078 123 45 67', languages: [{ id: id(3), code: 'nl' }] }],
  schedules: [{ id: id(4), freq: 'WEEKLY', byday: 'MO', opens_at: '09:00', closes_at: '12:00', valid_from: '2026-01-01' }],
  organization: { id: id(5), name: 'Stichting', description: '' },
  service_at_locations: [{ id: id(6), location: { id: id(7), location_type: 'physical', latitude: 51.81, longitude: 4.67 } }],
});

describe('HSDS conformance rules', () => {
  it('accepts a service that follows the rules', () => {
    expect(checkHsdsObject('service', goodService())).toEqual([]);
  });

  it('reports each broken field of a nested object with its JSON path', () => {
    const broken = goodService() as Record<string, unknown>;
    delete broken.status;
    broken.email = null;
    broken.url = '/hulp';
    broken.last_modified = '31-01-2026';
    (broken.phones as Record<string, unknown>[])[0] = { number: '078' };
    (broken.schedules as Record<string, unknown>[])[0]!.timezone = 'Europe/Amsterdam';
    (broken.schedules as Record<string, unknown>[])[0]!.opens_at = '9 uur';
    (broken.schedules as Record<string, unknown>[])[0]!.freq = 'DAILY';
    (broken.organization as Record<string, unknown>).id = 'SDD';
    (broken.service_at_locations as { location: Record<string, unknown> }[])[0]!.location.location_type = 'building';
    const found = checkHsdsObject('service', broken).map((v) => `${v.path} ${v.code} ${v.expected}`);
    expect(found.sort()).toEqual(
      [
        '$.status required present',
        '$.email type string',
        '$.url format uri',
        '$.last_modified format date-time',
        '$.phones[0].id required present',
        '$.schedules[0].timezone type number',
        '$.schedules[0].opens_at format time',
        '$.schedules[0].freq value WEEKLY, MONTHLY',
        '$.organization.id format uuid',
        '$.service_at_locations[0].location.location_type value physical, postal, virtual',
      ].sort(),
    );
  });

  it('reports the required fields of an address and a taxonomy term', () => {
    const location = { id: id(1), location_type: 'physical', addresses: [{ address_1: 'Spuiboulevard 300', city: 'Dordrecht' }] };
    expect(checkHsdsObject('location', location).map((v) => v.path)).toEqual([
      '$.addresses[0].id',
      '$.addresses[0].state_province',
      '$.addresses[0].postal_code',
      '$.addresses[0].country',
      '$.addresses[0].address_type',
    ]);
    const attribute = { id: id(2), taxonomy_term: { code: 'theme:money', term: 'Geld' } };
    expect(checkHsdsObject('attribute', attribute).map((v) => v.path)).toEqual(['$.taxonomy_term.id', '$.taxonomy_term.name', '$.taxonomy_term.description']);
  });

  it('reports a value that is no object, a list item that is no object and a repeated id', () => {
    expect(checkHsdsObject('service', 'dienst')[0]!.code).toBe('not_object');
    expect(checkHsdsList('service', [goodService(), 3], '$.services').map((v) => v.path)).toEqual(['$.services[1]']);
    expect(checkHsdsObject('service', { ...goodService(), phones: ['078'] }).map((v) => v.path)).toEqual(['$.phones[0]']);
    expect(checkUniqueIds([{ id: id(1) }, { id: id(2) }, { id: id(1) }], '$.services')).toEqual([
      { path: '$.services[2].id', code: 'duplicate', field: 'id', expected: '$.services[0]' },
    ]);
  });

  it('knows the formats', () => {
    expect(matchesFormat('date', '2026-02-29')).toBe(false);
    expect(matchesFormat('date', '2028-02-29')).toBe(true);
    expect(matchesFormat('time', '09:30')).toBe(true);
    expect(matchesFormat('time', '09:30:00+01:00')).toBe(true);
    expect(matchesFormat('time', '24:00')).toBe(false);
    expect(matchesFormat('email', 'iemand@voorbeeld')).toBe(false);
    expect(matchesFormat('uri', 'javascript:alert(1)')).toBe(true); // a URI, though never shown as a link
    expect(matchesFormat('uri', 'www.example.nl')).toBe(false);
    expect(matchesFormat('uuid', 'sdd-schuldhulp')).toBe(false);
  });
});
