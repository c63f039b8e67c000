import type { Database } from '../../db/database.ts';
import { loadMunicipalIntake } from './municipalSettings.ts';
import { postcodeMunicipalities } from './postcodeAreas.ts';
import { subtractMonths } from './terms.ts';
import type { RowResult } from './signalRow.ts';
import { fieldProblem, type FieldReasonCode, type ReasonVars } from './messages.ts';
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
 * - **Another municipality's resident**: in a file routed by postcode, a row whose address lies in a municipality the
 *   creditor serves but the sender may not deliver for (a Dordrecht officer uploading a Drechtsteden-wide file) is
 *   refused with that municipality's name, so the resident is not lost as "no resident" and the creditor (or that
 *   municipality) can send it where it belongs.
 */
export interface IntakeRules {
  /** The first day a signal may be dated on (today − the term). */
  readonly earliestSignalDate: string;
  /** The import's municipalities that accept municipal taxes. */
  readonly municipalTaxesIn: ReadonlySet<string>;
  check(row: RowResult): RowResult;
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
  /** Municipalities the creditor serves but the sender may not deliver for (only for a file routed by postcode). */
  unreachable?: { code: string; name: string | null }[];
  /**
   * The municipality a postcode belongs to (the routing's postcode table), or null outside it: needed for a file for
   * several municipalities of which only some accept municipal taxes, and for `unreachable`.
   */
  municipalityOfPostcode?: (postcode: string) => string | null;
}

export function intakeRules(input: IntakeRulesInput): IntakeRules {
  const earliestSignalDate = subtractMonths(input.today, input.settings.retentionMonths);
  const term = months(input.settings.retentionMonths);
  const taxesIn = new Set(input.municipalities.filter((m) => m.municipalTaxes).map((m) => m.code));
  const single = input.municipalities.length === 1 ? input.municipalities[0] : undefined;
  const taxesReason = (name: string | null | undefined) => ['municipal_taxes_off', { municipality: name }] as const;
  const refuse = (row: RowResult, field: string, [code, vars]: readonly [FieldReasonCode, ReasonVars]): RowResult => ({
    line: row.line,
    ok: false,
    rejections: [fieldProblem(row.line, field, code, vars)],
  });
  const unreachable = new Map((input.unreachable ?? []).map((m) => [m.code, m.name]));
  const taxes = (row: RowResult & { ok: true }): RowResult => {
    if (taxesIn.size === 0) return refuse(row, 'soort', taxesReason(single?.name));
    if (taxesIn.size === input.municipalities.length) return row;
    // Some of the file's municipalities accept them: the row's own municipality decides (outside all: a non-resident).
    const code = input.municipalityOfPostcode ? input.municipalityOfPostcode(row.record.postcode) : null;
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
        const vars = { date: dutchDate(record.signalDate), term, earliest: dutchDate(earliestSignalDate) };
        return refuse(row, 'signaaldatum', ['signal_past_term', vars]);
      }
      if (unreachable.size && input.municipalityOfPostcode) {
        const code = input.municipalityOfPostcode(record.postcode);
        if (code && unreachable.has(code)) {
          const name = unreachable.get(code) ?? code;
          return refuse(row, 'postcode', ['address_elsewhere', { municipality: name }]);
        }
      }
      if (record.creditorType === 'municipal_taxes') return taxes(row);
      return row;
    },
  };
}

/**
 * The rules for an import into these municipalities today (reads each municipality's switch once). `unreachable`:
 * the municipalities the creditor serves that the sender may not deliver for, in a file routed by postcode. The
 * postcode table is read into memory only when a row's municipality may matter (a mixed taxes switch, unreachable
 * municipalities), and then only its rows for the municipalities concerned.
 */
export async function loadIntakeRules(
  db: Database,
  input: { municipalityCodes: string[]; unreachableCodes?: string[]; today: string; settings: SignalSettings },
): Promise<IntakeRules> {
  const municipalities = await Promise.all(input.municipalityCodes.map(async (code) => ({ code, ...(await loadMunicipalIntake(db, code)) })));
  const unreachable = await Promise.all((input.unreachableCodes ?? []).map(async (code) => ({ code, name: (await loadMunicipalIntake(db, code)).name })));
  const mixedTaxes = municipalities.some((m) => m.municipalTaxes) && municipalities.some((m) => !m.municipalTaxes);
  const concerned = [...(mixedTaxes ? municipalities.map((m) => m.code) : []), ...unreachable.map((m) => m.code)];
  let municipalityOfPostcode: ((postcode: string) => string | null) | undefined;
  if (concerned.length) {
    const table = await postcodeMunicipalities(db, concerned);
    municipalityOfPostcode = (postcode) => table.get(postcode) ?? table.get(postcode.slice(0, 4)) ?? null;
  }
  return intakeRules({ today: input.today, settings: input.settings, municipalities, unreachable, municipalityOfPostcode });
}
