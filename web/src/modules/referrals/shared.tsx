import type { ChangeEvent } from 'react';
import type { Json } from '../../../../src/platform/contract.ts';
import type { codeListsResponse, organisationRef, partner } from '../../../../src/modules/referrals/contract.ts';
import { Field } from '../../forms.tsx';

/** The code lists the API speaks in, with their Dutch labels (also in `src/modules/referrals/labels.ts`). */
export type CodeLists = Json<typeof codeListsResponse>;
export type OrganisationRef = Json<typeof organisationRef>;
export type Partner = Json<typeof partner>;

/** Overdue flags in words, never only in colour. */
export function Flags({ flags, labels }: { flags: readonly string[]; labels: Record<string, string> }) {
  if (!flags.length) return <>–</>;
  return (
    <>
      {flags.map((f) => (
        <strong key={f} className="vn-flag" style={{ color: '#a4000f', display: 'block' }}>
          {labels[f] ?? f}
        </strong>
      ))}
    </>
  );
}

export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
  required?: boolean;
  placeholder?: string;
  error?: string;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(aria) => (
        <select
          {...aria}
          className="utrecht-select utrecht-select--html-select"
          value={props.value}
          required={props.required}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => props.onChange(e.target.value)}
        >
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function TextAreaField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  description?: string;
  error?: string;
}) {
  return (
    <Field id={props.id} label={props.label} description={props.description} error={props.error}>
      {(aria) => (
        <textarea
          {...aria}
          className={`utrecht-textarea utrecht-textarea--html-textarea${props.error ? ' utrecht-textarea--invalid' : ''}`}
          rows={4}
          value={props.value}
          required={props.required}
          onChange={(e: ChangeEvent<HTMLTextAreaElement>) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
