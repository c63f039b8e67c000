import type { Json } from '../../../../src/platform/contract.ts';
import type { commitment, decision, initiativeView, letter, overview } from '../../../../src/modules/programme/contract.ts';
import { Field } from '../../forms.tsx';

/** What the parts of the programme page share: the API's types, what a change refreshes, and a text area. */

export type Overview = Json<typeof overview>;
export type Line = Overview['lines'][number];
export type Initiative = Json<typeof initiativeView>;
export type Commitment = Json<typeof commitment>;
export type Decision = Json<typeof decision>;
export type Letter = Json<typeof letter>;

/** Every change on this page touches the programme's overview. */
export const invalidates = ['/programmes'];

export const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function TextArea(props: { id: string; label: string; value: string; onChange: (v: string) => void; rows?: number; error?: string }) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(aria) => (
        <textarea {...aria} className="utrecht-textarea" rows={props.rows ?? 4} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </Field>
  );
}
