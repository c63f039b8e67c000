import fc from 'fast-check';

/**
 * Bodies that cost the server by their size or shape rather than their content, for the fuzz suites: larger
 * than any route takes, nested thousands deep, objects of thousands of keys, arrays of thousands of elements.
 * The first three must be refused on every route (413 or 400) before any handler sees them.
 */
export interface HostileBody {
  name: string;
  contentType: string;
  payload: string;
  /** Refused by the body mechanism itself, whatever the route. */
  alwaysRefused: boolean;
}

/** More than the largest body any route of a test server with VANGNET_UPLOAD_MAX_MB=2 takes (the 4 MB batch). */
export const OVERSIZE_BYTES = 4 * 1024 * 1024 + 1;

export function deepJson(depth: number, open = '[', close = ']', middle = ''): string {
  return open.repeat(depth) + middle + close.repeat(depth);
}

export function deepObject(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export function wideObject(keys: number): string {
  return `{${Array.from({ length: keys }, (_, i) => `"k${i}":${i}`).join(',')}}`;
}

export function longArray(length: number, element = '0'): string {
  return `[${Array.from({ length }, () => element).join(',')}]`;
}

export const fixedHostileBodies: HostileBody[] = [
  { name: 'oversize JSON', contentType: 'application/json', payload: `{"a":"${'x'.repeat(OVERSIZE_BYTES)}"}`, alwaysRefused: true },
  { name: 'oversize form', contentType: 'application/x-www-form-urlencoded', payload: `a=${'x'.repeat(OVERSIZE_BYTES)}`, alwaysRefused: true },
  { name: 'oversize file', contentType: 'text/csv', payload: `referentie;datum\n${'x;y\n'.repeat(OVERSIZE_BYTES / 4)}`, alwaysRefused: true },
  { name: 'deep arrays', contentType: 'application/json', payload: deepJson(20_000), alwaysRefused: true },
  { name: 'deep objects', contentType: 'application/json', payload: deepObject(5_000), alwaysRefused: true },
  { name: 'wide object', contentType: 'application/json', payload: wideObject(5_000), alwaysRefused: true },
  { name: 'long array', contentType: 'application/json', payload: longArray(20_000), alwaysRefused: true },
  { name: 'signals of empty rows', contentType: 'application/json', payload: `{"signals":${longArray(11_000, '{}')}}`, alwaysRefused: true },
];

/** Generated size-and-shape attacks: depth, width and length vary around the limits. */
export const hostileShape: fc.Arbitrary<HostileBody> = fc.oneof(
  fc
    .integer({ min: 1, max: 3_000 })
    .map((depth) => ({ name: `deep ${depth}`, contentType: 'application/json', payload: deepJson(depth, '[{"a":', '}]', '1'), alwaysRefused: false })),
  fc
    .integer({ min: 1, max: 3_000 })
    .map((keys) => ({ name: `wide ${keys}`, contentType: 'application/json', payload: wideObject(keys), alwaysRefused: false })),
  fc
    .integer({ min: 1, max: 15_000 })
    .map((length) => ({ name: `array ${length}`, contentType: 'application/json', payload: longArray(length, '"x"'), alwaysRefused: false })),
  fc.integer({ min: 1, max: 200_000 }).map((length) => ({
    name: `string ${length}`,
    contentType: 'application/json',
    payload: JSON.stringify({ name: 'x'.repeat(length), signals: ['x'.repeat(length)] }),
    alwaysRefused: false,
  })),
  fc.integer({ min: 1_000, max: 200_000 }).map((length) => ({
    name: `form ${length}`,
    contentType: 'application/x-www-form-urlencoded',
    payload: Array.from({ length: Math.ceil(length / 8) }, (_, i) => `k${i}=v`).join('&'),
    alwaysRefused: false,
  })),
);
