import { and, gte, lt } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../../platform/actor.ts';
import type { MeasureDefinition, MetricValue } from '../contracts.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { holidaysFrom, referralRoutes, referralThemes, routeCodes, themeCodes, workingDaysBetween } from './domain.ts';
import { referrals } from './schema.ts';

const owner = 'Ketenaanpak Schulden (referrals)';

/** The figures `insights` pulls from this module. Themes and routes are separate measures, since a value has no other dimension. */
export const referralMeasures: MeasureDefinition[] = [
  { code: 'referrals.sent', name: 'Verwijzingen', unit: 'count', description: 'Verwijzingen en aanmeldingen verstuurd in de maand.', owner },
  ...themeCodes.map((t) => ({
    code: `referrals.sent.theme.${t}`,
    name: `Verwijzingen: ${referralThemes[t].toLowerCase()}`,
    unit: 'count' as const,
    description: `Verwijzingen verstuurd in de maand met onderwerp '${referralThemes[t]}'.`,
    owner,
  })),
  ...routeCodes.map((r) => ({
    code: `referrals.sent.route.${r}`,
    name: `Verwijzingen via: ${referralRoutes[r].toLowerCase()}`,
    unit: 'count' as const,
    description: `Verwijzingen verstuurd in de maand via de route '${referralRoutes[r]}'.`,
    owner,
  })),
  {
    code: 'referrals.first_contact_days',
    name: 'Werkdagen tot eerste contact (mediaan)',
    unit: 'days',
    description: 'Mediaan van het aantal werkdagen tussen versturen en eerste contact, voor eerste contacten in de maand.',
    owner,
  },
  {
    code: 'referrals.first_contacts',
    name: 'Eerste contacten',
    unit: 'count',
    description: 'Verwijzingen met een eerste contact in de maand (de groep waarover de mediaan gaat).',
    owner,
  },
  {
    code: 'referrals.help_in_place',
    name: 'Hulp op gang',
    unit: 'count',
    description: 'Verwijzingen verstuurd in de maand waarbij de hulp inmiddels loopt (of liep).',
    owner,
  },
  {
    code: 'referrals.help_in_place_share',
    name: 'Aandeel met hulp op gang',
    unit: 'percent',
    description: 'Deel van de verwijzingen verstuurd in de maand waarbij de hulp inmiddels loopt (of liep), in procenten.',
    owner,
  },
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const monthOf = (d: Date) => amsterdamDate(d).slice(0, 7);

/**
 * Counts per municipality, wijk and month. Aggregating reads the personal referral table, so it runs as one audited
 * export by the system; only counts leave this function.
 */
export async function collectReferralMetrics(db: Database, range: { fromMonth: string; toMonth: string }): Promise<MetricValue[]> {
  // A month in Amsterdam starts up to two hours before UTC midnight; widen the window and filter on the local month.
  const from = new Date(`${range.fromMonth}-01T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - 1);
  const [y, m] = range.toMonth.split('-').map(Number) as [number, number];
  const to = new Date(Date.UTC(y, m, 2));
  const rows = await db.audited(systemActor('metrics'), { action: 'export', objectType: 'referrals_metrics', details: { ...range } }, async (tx) =>
    tx
      .select({
        municipalityCode: referrals.municipalityCode,
        areaCode: referrals.areaCode,
        theme: referrals.theme,
        route: referrals.route,
        sentAt: referrals.sentAt,
        firstContactAt: referrals.firstContactAt,
        helpInPlaceAt: referrals.helpInPlaceAt,
      })
      .from(referrals)
      // First contacts in the range may belong to referrals sent before it; take a year's margin for those.
      .where(and(gte(referrals.sentAt, new Date(from.getTime() - 366 * 86_400_000)), lt(referrals.sentAt, to))),
  );
  const inRange = (month: string) => month >= range.fromMonth && month <= range.toMonth;
  const counts = new Map<string, number>();
  const days = new Map<string, number[]>();
  const add = (measure: string, municipality: string, area: string | null, month: string, n = 1) => {
    const key = JSON.stringify([measure, municipality, area, month]);
    counts.set(key, (counts.get(key) ?? 0) + n);
  };
  for (const r of rows) {
    const sentMonth = monthOf(r.sentAt);
    if (inRange(sentMonth)) {
      add('referrals.sent', r.municipalityCode, r.areaCode, sentMonth);
      add(`referrals.sent.theme.${r.theme}`, r.municipalityCode, r.areaCode, sentMonth);
      add(`referrals.sent.route.${r.route}`, r.municipalityCode, r.areaCode, sentMonth);
      add('referrals.help_in_place', r.municipalityCode, r.areaCode, sentMonth, r.helpInPlaceAt ? 1 : 0);
    }
    if (r.firstContactAt && inRange(monthOf(r.firstContactAt))) {
      const key = JSON.stringify(['referrals.first_contact_days', r.municipalityCode, r.areaCode, monthOf(r.firstContactAt)]);
      days.set(key, [
        ...(days.get(key) ?? []),
        workingDaysBetween(amsterdamDate(r.sentAt), amsterdamDate(r.firstContactAt), holidaysFrom(amsterdamDate(r.sentAt))),
      ]);
    }
  }
  const values: MetricValue[] = [];
  for (const [key, value] of counts) {
    const [measure, municipalityCode, areaCode, month] = JSON.parse(key) as [string, string, string | null, string];
    values.push({ measure, municipalityCode, areaCode, month, value });
    if (measure === 'referrals.sent') {
      const helped = counts.get(JSON.stringify(['referrals.help_in_place', municipalityCode, areaCode, month])) ?? 0;
      values.push({ measure: 'referrals.help_in_place_share', municipalityCode, areaCode, month, value: Math.round((1000 * helped) / value) / 10 });
    }
  }
  for (const [key, list] of days) {
    const [measure, municipalityCode, areaCode, month] = JSON.parse(key) as [string, string, string | null, string];
    values.push({ measure, municipalityCode, areaCode, month, value: median(list) });
    values.push({ measure: 'referrals.first_contacts', municipalityCode, areaCode, month, value: list.length });
  }
  return values.sort((a, b) => a.measure.localeCompare(b.measure) || a.month.localeCompare(b.month) || (a.areaCode ?? '').localeCompare(b.areaCode ?? ''));
}
