import type { Json } from '../../../../src/platform/contract.ts';
import type { cell, dashboardResult, importSummary, measure, themeList } from '../../../../src/modules/insights/contract.ts';
import { Field } from '../../forms.tsx';
import { formatMonth } from '../../format.ts';

/** What the parts of the dashboard share: the API's types, a period in words and a select field. */

export type Measure = Json<typeof measure>;
export type Theme = Json<typeof themeList>[number];
export type Cell = Json<typeof cell>;
export type DashboardResult = Json<typeof dashboardResult>;
export type ImportSummary = Json<typeof importSummary>;

/** A period code in words: `2026-03` → "maart 2026", `2026-Q1` → "1e kwartaal 2026", `2026` stays. */
export function periodName(code: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(code);
  if (q) return `${q[2]}e kwartaal ${q[1]}`;
  return /^\d{4}-\d{2}$/.test(code) ? formatMonth(code) : code;
}

export function Select(props: { id: string; label: string; value: string; onChange: (v: string) => void; options: [string, string][]; error?: string }) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(aria) => (
        <select {...aria} className="utrecht-select" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {props.options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
