// Checks an object against the HSDS 3.0 rules of its type (rules.ts), nested objects included, and reports each
// violation with its JSON path ($.phones[0].id). Used by the tests on every HSDS response and by the import.
import { hsdsRules, type FieldRule, type Format, type ObjectType } from './rules.ts';

export type ViolationCode = 'not_object' | 'required' | 'type' | 'format' | 'value' | 'duplicate';

export interface Violation {
  /** JSON path of the offending value, e.g. `$.services[2].phones[0].id`. */
  path: string;
  code: ViolationCode;
  /** The field's name (the last part of the path). */
  field: string;
  /** What the rule expects: a type, a format or the allowed values. */
  expected: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// RFC 5322 is broad; this is the shape a receiving system can actually send to: local@domain.tld, no spaces.
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function isUri(value: string): boolean {
  // An absolute URI with a scheme (RFC 3986); a path such as /geldfit is not one.
  if (!/^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export function matchesFormat(format: Format, value: string): boolean {
  switch (format) {
    case 'uuid':
      return uuidPattern.test(value);
    case 'uri':
      return isUri(value);
    case 'email':
      return emailPattern.test(value);
    case 'date':
      return isCalendarDate(value);
    case 'time':
      return timePattern.test(value);
    case 'date-time':
      return dateTimePattern.test(value) && isCalendarDate(value.slice(0, 10));
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The problem with a single value (type, format, allowed values), or null. */
function valueProblem(rule: FieldRule, value: unknown): { code: ViolationCode; expected: string } | null {
  switch (rule.type) {
    case 'string':
      if (typeof value !== 'string') return { code: 'type', expected: 'string' };
      if (rule.format && !matchesFormat(rule.format, value)) return { code: 'format', expected: rule.format };
      if (rule.values && !rule.values.includes(value)) return { code: 'value', expected: rule.values.join(', ') };
      return null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : { code: 'type', expected: 'number' };
    case 'object':
      return isRecord(value) ? null : { code: 'type', expected: 'object' };
    case 'array':
      return Array.isArray(value) ? null : { code: 'type', expected: 'array' };
  }
}

function checkField(rule: FieldRule, value: unknown, path: string, field: string, out: Violation[]): void {
  const problem = valueProblem(rule, value);
  if (problem) {
    out.push({ path, field, ...problem });
  } else if (rule.type === 'object') {
    checkInto(rule.of, value as Record<string, unknown>, path, out);
  } else if (rule.type === 'array') {
    (value as unknown[]).forEach((item, i) => {
      if (isRecord(item)) checkInto(rule.of, item, `${path}[${i}]`, out);
      else out.push({ path: `${path}[${i}]`, code: 'type', field, expected: 'object' });
    });
  }
}

function checkInto(type: ObjectType, object: Record<string, unknown>, path: string, out: Violation[]): void {
  const rule = hsdsRules[type];
  for (const name of rule.required) {
    if (!(name in object) || object[name] === undefined) out.push({ path: `${path}.${name}`, code: 'required', field: name, expected: 'present' });
  }
  for (const [name, value] of Object.entries(object)) {
    const fieldRule = rule.fields[name];
    // Extra fields are allowed by the spec (its schemas do not close the objects).
    if (!fieldRule || value === undefined) continue;
    checkField(fieldRule, value, `${path}.${name}`, name, out);
  }
}

/** Every violation of the HSDS 3.0 rules in `object` as an object of `type`; an empty list when it conforms. */
export function checkHsdsObject(type: ObjectType, object: unknown, path = '$'): Violation[] {
  const out: Violation[] = [];
  if (!isRecord(object)) return [{ path, code: 'not_object', field: path.split('.').pop() ?? '$', expected: type }];
  checkInto(type, object, path, out);
  return out;
}

/** The violations of a list of objects of one type, each path starting at `path[i]`. */
export function checkHsdsList(type: ObjectType, objects: readonly unknown[], path = '$'): Violation[] {
  return objects.flatMap((o, i) => checkHsdsObject(type, o, `${path}[${i}]`));
}

/**
 * Ids of one type must be unique across a document (the spec's "unique" constraint on every `id`): the same id
 * for two different objects of a type is reported at its second place.
 */
export function checkUniqueIds(objects: readonly { id?: unknown }[], path = '$'): Violation[] {
  const seen = new Map<unknown, string>();
  const out: Violation[] = [];
  objects.forEach((o, i) => {
    const before = seen.get(o.id);
    if (before !== undefined && o.id !== undefined) out.push({ path: `${path}[${i}].id`, code: 'duplicate', field: 'id', expected: before });
    else seen.set(o.id, `${path}[${i}]`);
  });
  return out;
}

export type { ObjectType } from './rules.ts';
