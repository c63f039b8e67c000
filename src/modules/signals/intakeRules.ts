import type { Database } from '../../db/database.ts';
import { loadMunicipalIntake } from './municipalSettings.ts';
import { postcodeMunicipality } from './postcodeAreas.ts';
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
  /** The import's municipalities that accept municipal taxes. */
  readonly municipalTaxesIn: ReadonlySet<string>;
  check(row: RowResult): RowResult | Promise<RowResult>;
}

const months = (n: number) => (n === 1 ? '1 maand' : `${n} maanden`);
const dutchDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
};

export interface IntakeRulesInput {
  today: string;
  settings: SignalSettings;
  /** The municipalities the import's rows may go to, each with its name and its switch for municipal taxes. */
  municipalities: { code: string; name: string | null; municipalTaxes: boolean }[];
  /**
   * For a file for several municipalities of which only some accept municipal taxes: the municipality a postcode
   * belongs to (the routing's postcode table), or null outside it.
   */
  municipalityOfPostcode?: (postcode: string) => Promise<string | null>;
}

export function intakeRules(input: IntakeRulesInput): IntakeRules {
  const earliestSignalDate = subtractMonths(input.today, input.settings.retentionMonths);
  const term = months(input.settings.retentionMonths);
  const taxesIn = new Set(input.municipalities.filter((m) => m.municipalTaxes).map((m) => m.code));
  const single = input.municipalities.length === 1 ? input.municipalities[0] : undefined;
  const taxesReason = (name: string | null | undefined) =>
    `Signalen over gemeentelijke belastingen neemt ${name ? `de gemeente ${name}` : 'deze gemeente'} niet aan: dat is een proef (Wgs artikel 10) ` +
    'die de beheerder van de gemeente eerst moet aanzetten.';
  const refuse = (row: RowResult, field: string, reason: string): RowResult => ({ line: row.line, ok: false, rejections: [{ line: row.line, field, reason }] });
  const taxes = async (row: RowResult & { ok: true }): Promise<RowResult> => {
    if (taxesIn.size === 0) return refuse(row, 'soort', taxesReason(single?.name));
    if (taxesIn.size === input.municipalities.length) return row;
    // Some of the file's municipalities accept them: the row's own municipality decides (outside all: a non-resident).
    const code = input.municipalityOfPostcode ? await input.municipalityOfPostcode(row.record.postcode) : null;
    if (code === null || !input.municipalities.some((m) => m.code === code) || taxesIn.has(code)) return row;
    return refuse(row, 'soort', taxesReason(input.municipalities.find((m) => m.code === code)?.name));
  };
  return {
    earliestSignalDate,
    municipalTaxesIn: taxesIn,
    check(row) {
      if (!row.ok) return row;
      const { record } = row;
      if (record.signalDate < earliestSignalDate) {
        const reason =
          `De signaaldatum ${dutchDate(record.signalDate)} ligt meer dan ${term} terug (de bewaartermijn): ` +
          `signalen van vóór ${dutchDate(earliestSignalDate)} worden niet aangenomen.`;
        return refuse(row, 'signaaldatum', reason);
      }
      if (record.creditorType === 'municipal_taxes') return taxes(row);
      return row;
    },
  };
}

/** The rules for an import into these municipalities today (reads each municipality's switch once). */
export async function loadIntakeRules(db: Database, input: { municipalityCodes: string[]; today: string; settings: SignalSettings }): Promise<IntakeRules> {
  const municipalities = await Promise.all(input.municipalityCodes.map(async (code) => ({ code, ...(await loadMunicipalIntake(db, code)) })));
  const cache = new Map<string, string | null>();
  const municipalityOfPostcode = async (postcode: string): Promise<string | null> => {
    if (!cache.has(postcode)) cache.set(postcode, await postcodeMunicipality(db, postcode));
    return cache.get(postcode)!;
  };
  return intakeRules({ today: input.today, settings: input.settings, municipalities, municipalityOfPostcode });
}
