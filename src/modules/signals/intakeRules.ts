import type { Database } from '../../db/database.ts';
import { loadMunicipalIntake } from './municipalSettings.ts';
import { subtractMonths } from './terms.ts';
import type { RowResult } from './parse.ts';
import type { SignalSettings } from './settings.ts';

/**
 * Rules for each row of an import that depend on the law's terms and the municipality's choices, not on the row's
 * form (that is `parse.ts`). The import's row loop calls `check` on every row once the row itself is valid:
 *
 * - **Past the term**: a signal dated before today − the retention term (`VANGNET_SIGNALS_RETENTION_MONTHS`) is
 *   refused. It could only be kept for less than the term, and it is what a creditor's resend of a signal the purge
 *   already erased looks like: refusing it keeps an erased signal from coming back under the same reference.
 * - **Municipal taxes** (`municipal_taxes`) are an experiment under Wgs art. 10, not a standard signal: refused unless
 *   the municipality switched them on (`municipalSettings.ts`).
 */
export interface IntakeRules {
  /** The first day a signal may be dated on (today − the term). */
  readonly earliestSignalDate: string;
  readonly municipalTaxes: boolean;
  check(row: RowResult): RowResult;
}

const months = (n: number) => (n === 1 ? '1 maand' : `${n} maanden`);
const dutchDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
};

export function intakeRules(input: { today: string; settings: SignalSettings; municipalTaxes: boolean; municipalityName?: string }): IntakeRules {
  const earliestSignalDate = subtractMonths(input.today, input.settings.retentionMonths);
  const term = months(input.settings.retentionMonths);
  const taxesReason =
    `Signalen over gemeentelijke belastingen neemt ${input.municipalityName ? `de gemeente ${input.municipalityName}` : 'deze gemeente'} niet aan: dat is een proef (Wgs artikel 10) ` +
    'die de beheerder van de gemeente eerst moet aanzetten.';
  return {
    earliestSignalDate,
    municipalTaxes: input.municipalTaxes,
    check(row) {
      if (!row.ok) return row;
      const { record } = row;
      if (record.signalDate < earliestSignalDate) {
        const reason =
          `De signaaldatum ${dutchDate(record.signalDate)} ligt meer dan ${term} terug (de bewaartermijn): ` +
          `signalen van vóór ${dutchDate(earliestSignalDate)} worden niet aangenomen.`;
        return { line: row.line, ok: false, rejections: [{ line: row.line, field: 'signaaldatum', reason }] };
      }
      if (record.creditorType === 'municipal_taxes' && !input.municipalTaxes) {
        return { line: row.line, ok: false, rejections: [{ line: row.line, field: 'soort', reason: taxesReason }] };
      }
      return row;
    },
  };
}

/** The rules for an import into this municipality today (reads the municipality's switch once). */
export async function loadIntakeRules(db: Database, input: { municipalityCode: string; today: string; settings: SignalSettings }): Promise<IntakeRules> {
  const municipality = await loadMunicipalIntake(db, input.municipalityCode);
  return intakeRules({ today: input.today, settings: input.settings, municipalTaxes: municipality.municipalTaxes, municipalityName: municipality.name ?? undefined });
}
