import { z } from 'zod';

/**
 * A partial update: every field optional, but at least one must be given. An empty change is a client error
 * (400 with a Dutch reason), not an UPDATE without columns.
 */
export function patchSchema<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).refine((value) => Object.values(value).some((v) => v !== undefined), { message: 'Geef minstens één veld om te wijzigen.' });
}

const recordBounds = new WeakMap<z.ZodType, number>();

/**
 * A record (an object with free keys) of at most `maxKeys` entries. zod's `z.record()` has no size limit of its
 * own; the route check at start-up (`unboundedParts`) accepts a record only when it comes from here.
 */
export function boundedRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V, maxKeys: number) {
  const record = z.record(key, value);
  const bounded = record.refine((entries) => Object.keys(entries).length <= maxKeys, { message: `Ten hoogste ${maxKeys} velden.` });
  recordBounds.set(bounded, maxKeys);
  return bounded;
}

/** String formats whose own pattern fixes the length. */
const fixedLengthFormats = new Set(['uuid', 'guid', 'date']);

interface SchemaInternals {
  _zod: { def: { type: string; format?: string; checks?: { _zod: { def: { check: string; format?: string; pattern?: RegExp } } }[]; [key: string]: unknown } };
}

/**
 * Whether a pattern can only match strings of bounded length: anchored at both ends, no top-level alternative,
 * and no unbounded repetition (`*`, `+`, `{n,}`). `/^GM\d{4}$/` is; `/^\d+$/` is not.
 */
export function patternIsBounded(pattern: RegExp): boolean {
  const source = pattern.source.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
  if (!source.startsWith('^') || !source.endsWith('$')) return false;
  let depth = 0;
  for (const char of source) {
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) return false;
  }
  return !/[*+]|\{\d*,\}/.test(source);
}

/**
 * The paths inside a request schema where a string, array or record has no upper bound. The server refuses to
 * start with a route schema that has one, so every field a client can send is bounded where it is declared.
 */
export function unboundedParts(schema: unknown, path = '', seen = new Set<unknown>()): string[] {
  if (!schema || typeof schema !== 'object' || !('_zod' in schema) || seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as SchemaInternals)._zod.def;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const capped = checks.some((c) => c.check === 'max_length' || c.check === 'length_equals');
  const walk = (child: unknown, suffix = '') => unboundedParts(child, path + suffix, seen);
  switch (def.type) {
    case 'string': {
      const formats = checks.filter((c) => c.check === 'string_format');
      const format = def.format ?? formats[0]?.format;
      const bounded =
        capped || (format && fixedLengthFormats.has(format)) || formats.some((c) => c.format === 'regex' && c.pattern && patternIsBounded(c.pattern));
      return bounded ? [] : [`${path || '(root)'}: string without max`];
    }
    case 'array':
      return [...(capped ? [] : [`${path || '(root)'}: array without max`]), ...walk(def.element, '[]')];
    case 'record':
      return [
        ...(recordBounds.has(schema as z.ZodType) ? [] : [`${path || '(root)'}: record without boundedRecord()`]),
        ...walk(def.keyType, '{key}'),
        ...walk(def.valueType, '{}'),
      ];
    case 'object':
      return [
        ...Object.entries(def.shape as Record<string, unknown>).flatMap(([key, child]) => walk(child, path ? `.${key}` : key)),
        ...(def.catchall && (def.catchall as SchemaInternals)._zod.def.type !== 'never' ? [`${path || '(root)'}: object with catchall`] : []),
      ];
    case 'tuple':
      return [...(def.items as unknown[]).flatMap((item, i) => walk(item, `[${i}]`)), ...(def.rest ? [`${path || '(root)'}: tuple with rest`] : [])];
    case 'union':
      return (def.options as unknown[]).flatMap((option) => walk(option));
    case 'intersection':
      return [...walk(def.left), ...walk(def.right)];
    case 'pipe':
      return walk(def.in);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return walk(def.innerType);
    case 'any':
    case 'unknown':
    case 'lazy':
      return [`${path || '(root)'}: ${def.type}`];
    default:
      return [];
  }
}
