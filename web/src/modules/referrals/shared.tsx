import { FormLabel, Paragraph } from '@utrecht/component-library-react';
import type { ChangeEvent, ReactNode } from 'react';
import { api } from '../../api.ts';
import { useLoad } from '../../components.tsx';

/** The code lists the API speaks in, with their Dutch labels. */
export interface CodeLists {
  themes: Record<string, string>;
  routes: Record<string, string>;
  states: Record<string, string>;
  actions: Record<string, string>;
  flags: Record<string, string>;
  consentScopes: Record<string, string>;
  householdRelations: Record<string, string>;
}

export function useCodeLists() {
  return useLoad(() => api<CodeLists>('GET', '/referrals/code-lists'), []);
}

export interface OrganisationRef {
  code: string;
  name: string;
}

export interface Partner extends OrganisationRef {
  id: string;
  kind: string;
  municipalities: string[];
}

export const municipalityNames: Record<string, string> = {
  GM0505: 'Dordrecht',
  GM0482: 'Alblasserdam',
  GM0531: 'Hendrik-Ido-Ambacht',
  GM0590: 'Papendrecht',
  GM0610: 'Sliedrecht',
  GM0642: 'Zwijndrecht',
  GM0523: 'Hardinxveld-Giessendam',
};

export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(new Date(value.length === 10 ? `${value}T12:00:00Z` : value));
}

/** Overdue flags in words, never only in colour. */
export function Flags({ flags, labels }: { flags: string[]; labels: Record<string, string> }) {
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
}) {
  return (
    <div className="vn-field">
      <FormLabel htmlFor={props.id}>{props.label}</FormLabel>
      <select
        id={props.id}
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
    </div>
  );
}

export function TextAreaField(props: { id: string; label: string; value: string; onChange: (value: string) => void; required?: boolean; description?: string }) {
  return (
    <div className="vn-field">
      <FormLabel htmlFor={props.id}>{props.label}</FormLabel>
      {props.description && (
        <Paragraph className="utrecht-form-field__description" id={`${props.id}-desc`}>
          {props.description}
        </Paragraph>
      )}
      <textarea
        id={props.id}
        className="utrecht-textarea utrecht-textarea--html-textarea"
        rows={4}
        value={props.value}
        required={props.required}
        aria-describedby={props.description ? `${props.id}-desc` : undefined}
        onChange={(e: ChangeEvent<HTMLTextAreaElement>) => props.onChange(e.target.value)}
      />
    </div>
  );
}

export function CheckboxField(props: { id: string; label: ReactNode; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="vn-field" style={{ display: 'flex', gap: '0.5rem', alignItems: 'start' }}>
      <input
        id={props.id}
        type="checkbox"
        className="utrecht-checkbox utrecht-checkbox--html-input"
        checked={props.checked}
        onChange={(e: ChangeEvent<HTMLInputElement>) => props.onChange(e.target.checked)}
      />
      <label htmlFor={props.id} style={{ fontWeight: 'normal' }}>
        {props.label}
      </label>
    </div>
  );
}
