// Stable HSDS ids for objects Vangnet keeps no uuid for (a phone number, an address, a term): name-based UUIDs
// (RFC 9562 version 5) from the kind of object and the record it belongs to, so every export gives the same ids.
import { v5 } from 'uuid';

/** Vangnet's own namespace for these ids: itself a version-5 id of the project's name in the URL namespace. */
export const hsdsNamespace = v5('https://vangnet.example/hsds', v5.URL);

/** The id of an object of `kind` (phone, address, ...) that belongs to the record(s) in `keys`. */
export function hsdsId(kind: string, ...keys: string[]): string {
  return v5(`${kind}:${keys.join(':')}`, hsdsNamespace);
}
