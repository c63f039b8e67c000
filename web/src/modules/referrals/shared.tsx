import type { ChangeEvent, ReactNode } from 'react';
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

export function CheckboxField(props: { id: string; label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; error?: string }) {
  return (
    <div className="vn-field">
      {props.error && (
        <p className="utrecht-form-field-error-message vn-field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'start' }}>
        <input
          id={props.id}
          type="checkbox"
          className="utrecht-checkbox utrecht-checkbox--html-input"
          checked={props.checked}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${props.id}-error` : undefined}
          onChange={(e: ChangeEvent<HTMLInputElement>) => props.onChange(e.target.checked)}
        />
        <label htmlFor={props.id} style={{ fontWeight: 'normal' }}>
          {props.label}
        </label>
      </div>
    </div>
  );
}
