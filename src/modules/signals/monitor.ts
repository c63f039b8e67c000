import { csvNumber, writeCsv, type CsvCell } from '../../platform/csv.ts';
import { signalProblem } from './messages.ts';
import { creditorTypeLabels, finalResults, type CreditorType, type FinalResult } from './ddas.ts';

/** A monitor period: a month `2025-03`, a quarter `2025-Q1` or a year `2025`. Pure. */
export interface Period {
  label: string;
  from: string;
  to: string;
  fromMonth: string;
  toMonth: string;
}

export function parsePeriod(text: string): Period {
  const s = text.trim().toUpperCase();
  let y: number, first: number, last: number;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(s);
  const monthly = /^(\d{4})-(\d{2})$/.exec(s);
  const year = /^(\d{4})$/.exec(s);
  if (quarter) [y, first, last] = [Number(quarter[1]), (Number(quarter[2]) - 1) * 3 + 1, Number(quarter[2]) * 3];
  else if (monthly && Number(monthly[2]) >= 1 && Number(monthly[2]) <= 12) [y, first, last] = [Number(monthly[1]), Number(monthly[2]), Number(monthly[2])];
  else if (year) [y, first, last] = [Number(year[1]), 1, 12];
  else throw signalProblem('period_invalid');
  const month = (n: number) => `${y}-${String(n).padStart(2, '0')}`;
  const lastDay = new Date(Date.UTC(y, last, 0)).getUTCDate();
  return { label: s, from: `${month(first)}-01`, to: `${month(last)}-${String(lastDay).padStart(2, '0')}`, fromMonth: month(first), toMonth: month(last) };
}

export interface MonitorRow {
  municipalityCode: string;
  period: string;
  creditorType: string;
  signals: number;
  households: number;
  lettersSent: number;
  reached: number;
  accepted: number;
  /** reached / letters sent, in percent (one decimal), null when no letters. */
  reachedPct: number | null;
  /** accepted / reached, in percent (one decimal), null when nobody was reached. */
  acceptedPct: number | null;
  /** Signals for people who are no resident (routed by postcode outside the municipalities): no case, no letter. */
  notResident: number;
  outcomes: Partial<Record<FinalResult, number>>;
  /**
   * Median lead times in days over the households of the row (live cases; purged ones keep no dates): first signal →
   * offer letter, letter → first contact attempt, first attempt → first attempt that reached the resident.
   */
  medianDays: { toLetter: number | null; toFirstAttempt: number | null; toContact: number | null };
}

/** The row over all creditor types together: every household counted once. */
export const allCreditorTypes = 'all';

export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

const header = [
  'gemeente',
  'periode',
  'soort_schuldeiser',
  'soort_omschrijving',
  'signalen',
  'huishoudens',
  'brieven',
  'bereikt',
  'bereikt_pct',
  'hulp_aangenomen',
  'aangenomen_pct',
  ...finalResults.map((r) => `resultaat_${r}`),
  'mediaan_dagen_signaal_brief',
  'mediaan_dagen_brief_eerste_poging',
  'mediaan_dagen_poging_contact',
  'geen_inwoner',
];

/** The national-monitor CSV: `;`-separated, decimal comma, one row per municipality and creditor type (shared CSV writer). */
export function monitorCsv(rows: MonitorRow[]): string {
  const decimal = (v: number | null) => (v === null ? null : csvNumber(v, 1));
  const lines: CsvCell[][] = rows.map((r) => [
    r.municipalityCode,
    r.period,
    r.creditorType,
    r.creditorType === allCreditorTypes ? 'Alle soorten samen' : (creditorTypeLabels[r.creditorType as CreditorType] ?? r.creditorType),
    r.signals,
    r.households,
    r.lettersSent,
    r.reached,
    decimal(r.reachedPct),
    r.accepted,
    decimal(r.acceptedPct),
    ...finalResults.map((f) => r.outcomes[f] ?? 0),
    decimal(r.medianDays.toLetter),
    decimal(r.medianDays.toFirstAttempt),
    decimal(r.medianDays.toContact),
    r.notResident,
  ]);
  return writeCsv([header, ...lines]);
}
