import { amsterdamDate } from '../../platform/clock.ts';

/** Date arithmetic for the retention terms, shared by the purge and the import's intake rules. Pure. */

/** `date` minus whole months, clamped to the month's last day (2025-08-31 − 6 months = 2025-02-28). */
export function subtractMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The first instant of `date` in Europe/Amsterdam (midnight there is 22:00 or 23:00 UTC the day before). */
export function amsterdamMidnight(date: string): Date {
  const utc = Date.parse(`${date}T00:00:00Z`);
  for (const hours of [1, 2]) {
    const t = new Date(utc - hours * 3_600_000);
    if (amsterdamDate(t) === date && amsterdamDate(new Date(t.getTime() - 1)) !== date) return t;
  }
  return new Date(utc);
}
