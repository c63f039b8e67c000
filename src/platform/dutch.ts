/**
 * Dutch formats, in and out, for every page (the browser app through `web/src/format.ts`, the server-rendered pages
 * through `html.ts`): `1 januari 2026`, `€ 1.234,56`, `-€ 125,00`, `12.345`. Amounts travel as
 * whole cents; people type them as `1.650,50`, `1650,50`, `1650` or `€ 12,50`.
 */
const zone = 'Europe/Amsterdam';
const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone });
const monthFormat = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const countFormat = new Intl.NumberFormat('nl-NL');
const euroFormat = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A calendar day (`2026-01-01`) or a moment, as `1 januari 2026`; `–` when there is none. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '–';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
  }
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '–' : dateFormat.format(date);
}

/** A moment as `1 januari 2026 om 14:05`. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '–';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '–';
  const text = dateTimeFormat.format(date);
  return text.includes(' om ') ? text : text.replace(/,? (\d{2}:\d{2})$/, ' om $1');
}

/** A month (`2026-03`) as `maart 2026`. */
export function formatMonth(value: string | null | undefined): string {
  if (!value || !/^\d{4}-\d{2}$/.test(value)) return value ?? '–';
  const [y, m] = value.split('-').map(Number) as [number, number];
  return monthFormat.format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A count with a thousands separator: `12.345`. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : countFormat.format(value);
}

/** Cents as `€ 1.234,56`, or `-€ 125,00` when negative. */
export function formatAmount(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '–';
  const text = `€ ${euroFormat.format(Math.abs(cents) / 100)}`;
  return cents < 0 ? `-${text}` : text;
}

/** A share as `12,5%`. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '–';
  return `${new Intl.NumberFormat('nl-NL', { maximumFractionDigits: digits }).format(value)}%`;
}

/**
 * An amount as people type it, in cents: `1.650,50`, `1650,50`, `1650.50`, `1650`, `€ 12,50`, `12,5`. Null when it is
 * not an amount (letters, more than two decimals, a misplaced thousands dot, an English `1,650.50`).
 */
export function parseAmount(text: string): number | null {
  let t = text
    .replace(/\s|\u00a0/g, '')
    .replace(/^€/, '')
    .replace(/^EUR/i, '');
  let negative = false;
  if (t.startsWith('-')) {
    negative = true;
    t = t.slice(1).replace(/^€/, '');
  }
  if (!t) return null;
  let euros: string;
  let decimals = '';
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(t)) {
    // 1.650 or 1.650,50: dots group thousands
    [euros, decimals = ''] = t.replace(/\./g, '').split(',') as [string, string?];
  } else if (/^\d+(,\d{1,2})?$/.test(t)) {
    [euros, decimals = ''] = t.split(',') as [string, string?];
  } else if (/^\d+\.\d{1,2}$/.test(t)) {
    // 1650.50: a dot with one or two decimals is a decimal point
    [euros, decimals = ''] = t.split('.') as [string, string?];
  } else {
    return null;
  }
  const cents = Number(euros) * 100 + Number(decimals.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** Cents as people type them back into a field: `1650,50`. */
export function amountInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return (cents / 100).toFixed(2).replace('.', ',');
}

const kilometreFormat = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A distance in kilometres as `1,2 km` (one decimal; `0,1 km` at the least, so nothing reads as "0 km"). */
export function formatKilometres(km: number | null | undefined): string {
  if (km === null || km === undefined || !Number.isFinite(km)) return '–';
  return `${kilometreFormat.format(Math.max(km, 0.1))} km`;
}
