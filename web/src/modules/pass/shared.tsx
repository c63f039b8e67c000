import { useEffect, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import {
  ageGroupLabels as ageGroupNames,
  applicationStatusLabels as applicationStatusNames,
  householdTypeLabels as householdTypeNames,
  memberRelationLabels,
  passRouteLabels,
  passStatusLabels as passStatusNames,
  providerKindLabels as providerKindNames,
  transactionKindLabels as transactionKindNames,
} from '../../../../src/modules/pass/contract.ts';
import { Field, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { formatAmount, parseAmount } from '../../format.ts';

/**
 * What the pass pages share. The Dutch names of the codes come from the module's contract (the server uses the same
 * ones in statements and CSV files); here they are typed by string, because a row from the API carries a string.
 */
export const ageGroupLabels: Record<string, string> = ageGroupNames;
export const routeLabels: Record<string, string> = passRouteLabels;
export const applicationStatusLabels: Record<string, string> = applicationStatusNames;
export const passStatusLabels: Record<string, string> = passStatusNames;
export const householdTypeLabels: Record<string, string> = householdTypeNames;
export const transactionKindLabels: Record<string, string> = transactionKindNames;
export const relationLabels: Record<string, string> = memberRelationLabels;
export const providerKindLabels: Record<string, string> = providerKindNames;

/** Money in the browser: cents in, "€ 1.234,56" out. */
export const euro = formatAmount;

/** An amount as typed ("12,50", "1.650,50", "€ 12"), in cents; null when it is not an amount or below zero. */
export function parseEuro(text: string): number | null {
  const cents = parseAmount(text);
  return cents === null || cents < 0 ? null : cents;
}

export function formatPassNumber(n: string): string {
  return `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`;
}

/** A native select with a visible label, its description and its error (NL Design System styling). */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: ReactNode;
  required?: boolean;
  error?: string;
  description?: ReactNode;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error} description={props.description}>
      {(aria) => (
        <select
          {...aria}
          className={`utrecht-select${props.error ? ' utrecht-select--invalid' : ''}`}
          value={props.value}
          required={props.required}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => props.onChange(e.target.value)}
        >
          {props.children}
        </select>
      )}
    </Field>
  );
}

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Checks a form in the browser before anything is sent or asked: `checks` gives, per field, the plain sentence of
 * what is wrong (or nothing). The sentences show next to the fields and in the summary once the person tried to send
 * (also when a `ConfirmButton` asks the form first: the fields then refuse, and the question does not open).
 */
export function useLocalChecks(fields: FieldMap, checks: FieldErrors) {
  const [tried, setTried] = useState(false);
  // After every render: a field that appears later (the till's form after the pass check) gets its check too.
  useEffect(() => {
    for (const [name, { id }] of Object.entries(fields)) {
      const input = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
      input?.setCustomValidity?.(checks[name] ?? '');
    }
  });
  const ok = Object.keys(checks).length === 0;
  return {
    /** The errors to show: none before the first try. */
    errors: tried ? checks : {},
    ok,
    /** Call at each try (a submit); true when the form may go. */
    attempt(): boolean {
      setTried(true);
      return ok;
    },
    reset: () => setTried(false),
    /** Put on the form: a field the browser refuses shows our sentence instead of the browser's bubble. */
    formProps: {
      noValidate: true,
      onInvalidCapture: (event: FormEvent) => {
        event.preventDefault();
        setTried(true);
      },
    },
  };
}

/** A textarea with a visible label, its description and its error. */
export function TextAreaField(props: { id: string; label: string; value: string; onChange: (value: string) => void; description?: string; error?: string }) {
  return (
    <Field id={props.id} label={props.label} description={props.description} error={props.error}>
      {(aria) => (
        <textarea
          {...aria}
          className={`utrecht-textarea utrecht-textarea--html-textarea${props.error ? ' utrecht-textarea--invalid' : ''}`}
          rows={3}
          value={props.value}
          onChange={(e: ChangeEvent<HTMLTextAreaElement>) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
