import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../../platform/actor.ts';
import type { MeasureDefinition, MetricValue } from '../contracts.ts';
import { helpResults } from './ddas.ts';

/** Anonymised figures for `insights`: counts per municipality, wijk and month of the signal. Never ids. */
export const signalMeasures: MeasureDefinition[] = [
  {
    code: 'signals.received',
    name: 'Signalen ontvangen',
    unit: 'count',
    description: 'Signalen van betalingsachterstanden van schuldeisers, naar maand van het signaal.',
    owner: 'signals',
  },
  {
    code: 'signals.households',
    name: 'Huishoudens met een signaal',
    unit: 'count',
    description: 'Unieke huishoudens (zaken) met ten minste één signaal in de maand.',
    owner: 'signals',
  },
  {
    code: 'signals.letters_sent',
    name: 'Brieven met hulpaanbod',
    unit: 'count',
    description: 'Huishoudens met een signaal in de maand die een brief met een aanbod van hulp kregen.',
    owner: 'signals',
  },
  {
    code: 'signals.reached',
    name: 'Huishoudens bereikt',
    unit: 'count',
    description: 'Huishoudens met een signaal in de maand met wie het team contact had.',
    owner: 'signals',
  },
  {
    code: 'signals.help_accepted',
    name: 'Hulp aangenomen',
    unit: 'count',
    description: 'Huishoudens met een signaal in de maand die de hulp aannamen (advies of doorverwijzing).',
    owner: 'signals',
  },
];

export async function collectSignalMetrics(db: Database, range: { fromMonth: string; toMonth: string }): Promise<MetricValue[]> {
  const help = sql.join(
    helpResults.map((r) => sql`${r}`),
    sql`, `,
  );
  const from = `${range.fromMonth}-01`;
  return db.audited(systemActor('metrics'), { action: 'export', objectType: 'signals_metrics', details: range }, async (tx) => {
    const result = await tx.execute(sql`
      with facts as (
        select c.archive_token::text as token, s.municipality_code, c.area_code, to_char(s.signal_date, 'YYYY-MM') as month, count(*)::int as signals,
          c.letter_sent_on is not null as letter, coalesce(c.reached, false) as reached,
          (c.help_response = 'accepted' or c.result in (${help})) as accepted
        from signals s join signal_cases c on c.id = s.case_id
        where s.signal_date >= ${from}::date and to_char(s.signal_date, 'YYYY-MM') <= ${range.toMonth}
        group by 1, 2, 3, 4, 6, 7, 8
        union all
        select a.case_token::text, a.municipality_code, a.area_code, a.month, sum(a.signals)::int, bool_or(a.letter_sent), bool_or(a.reached), bool_or(a.accepted)
        from signal_archive a where a.month between ${range.fromMonth} and ${range.toMonth} and a.result is distinct from 'not_resident'
        group by 1, 2, 3, 4
      )
      select municipality_code, area_code, month, sum(signals)::int as received, count(distinct token)::int as households,
        (count(distinct token) filter (where letter))::int as letters, (count(distinct token) filter (where reached))::int as reached,
        (count(distinct token) filter (where accepted))::int as accepted
      from facts group by 1, 2, 3 order by 1, 2, 3`);
    const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
    const out: MetricValue[] = [];
    for (const r of rows) {
      const base = { municipalityCode: String(r.municipality_code), areaCode: (r.area_code as string | null) ?? null, month: String(r.month) };
      out.push({ ...base, measure: 'signals.received', value: Number(r.received) });
      out.push({ ...base, measure: 'signals.households', value: Number(r.households) });
      out.push({ ...base, measure: 'signals.letters_sent', value: Number(r.letters) });
      out.push({ ...base, measure: 'signals.reached', value: Number(r.reached) });
      out.push({ ...base, measure: 'signals.help_accepted', value: Number(r.accepted) });
    }
    return out;
  });
}
