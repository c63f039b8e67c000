import { Alert, FormField, FormLabel, Heading2, Paragraph, Textbox } from '@utrecht/component-library-react';
import { useEffect, useRef, type ChangeEvent, type ReactNode } from 'react';
import { ApiError } from './api.ts';

/**
 * Forms that say what is wrong, in plain Dutch, next to the field: each field error is tied to its input
 * (`aria-invalid`, `aria-describedby`), and a summary at the top links to every field that needs attention
 * (NL Design System's pattern). Never a validator's text, never a field path like `body.amountCents`.
 */

/** Field name → one plain sentence. Keys are the API's field names without `body.`/`querystring.`. */
export type FieldErrors = Record<string, string>;

/** Where each field of a form is and what it is called: `{ amountCents: { id: 'charge-amount', label: 'Bedrag' } }`. */
export type FieldMap = Record<string, { id: string; label: string }>;

const partPrefix = /^(body|querystring|params|headers)\.?/;

/** The field errors of an API problem, keyed by field name (`amountCents`, `children.0.birthDate`). */
export function problemFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const out: FieldErrors = {};
  for (const e of error.problem.errors ?? []) {
    const field = e.field.replace(partPrefix, '') || 'form';
    out[field] ??= e.reason;
  }
  return out;
}

/** One plain sentence for a problem that names no field (or for any failure). */
export function problemSentence(error: unknown): string {
  if (error instanceof ApiError) {
    const p = error.problem;
    if (p.status >= 500) return 'Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw.';
    if (p.status === 401) return p.detail ?? 'U bent niet (meer) ingelogd. Log opnieuw in.';
    if (p.status === 413) return p.detail ?? 'Het bestand is te groot.';
    if (p.errors?.length) return p.detail && !/velden zijn niet juist/.test(p.detail) ? p.detail : 'Niet alles is goed ingevuld. Kijk de velden hieronder na.';
    return p.detail ?? p.title;
  }
  if (error instanceof TypeError) return 'De verbinding met de server is verbroken. Kijk of u online bent en probeer het opnieuw.';
  return 'Er ging iets mis. Probeer het opnieuw.';
}

/** `children.0.birthDate` → the map entry for `children.0.birthDate`, else `children.birthDate`, else `children`. */
function lookup(fields: FieldMap, name: string): { id: string; label: string } | undefined {
  return fields[name] ?? fields[name.replace(/\.\d+(?=\.|$)/g, '')] ?? fields[name.split('.')[0]!];
}

/**
 * The error summary at the top of a form: what went wrong, with a link to each field. Gets focus when it appears,
 * so a screen reader and a keyboard user land on it. Pass the API error and, optionally, errors found before sending.
 */
export function ErrorSummary({ error, local, fields = {} }: { error?: unknown; local?: FieldErrors; fields?: FieldMap }) {
  const ref = useRef<HTMLDivElement>(null);
  const fieldErrors = { ...problemFieldErrors(error), ...(local ?? {}) };
  const entries = Object.entries(fieldErrors);
  const show = Boolean(error) || entries.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new problem (another failed submit) moves the focus here again
  useEffect(() => {
    if (show) ref.current?.focus();
  }, [show, error, local]);
  if (!show) return null;
  return (
    <div ref={ref} tabIndex={-1} className="vn-error-summary">
      <Alert type="error" role="alert">
        <Heading2 className="vn-error-summary__title">{entries.length ? 'Niet alles is goed ingevuld' : 'Dat lukte niet'}</Heading2>
        {error && (entries.length === 0 || !(error instanceof ApiError) || error.problem.status !== 400) ? (
          <Paragraph>{problemSentence(error)}</Paragraph>
        ) : null}
        {entries.length > 0 && (
          <ul>
            {entries.map(([name, reason]) => {
              const field = lookup(fields, name);
              return (
                <li key={name}>
                  {field ? (
                    <a href={`#${field.id}`}>
                      {field.label}: {lowerFirst(reason)}
                    </a>
                  ) : (
                    reason
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Alert>
    </div>
  );
}

const lowerFirst = (text: string) => (text ? text[0]!.toLowerCase() + text.slice(1) : text);

/** The error of one field from the API problem or the local checks, or undefined. */
export function fieldError(name: string, error: unknown, local?: FieldErrors): string | undefined {
  const errors = { ...problemFieldErrors(error), ...(local ?? {}) };
  return errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1];
}

/** The ARIA attributes of an input with an optional description and error. */
export function describedBy(id: string, { description, error }: { description?: ReactNode; error?: string }) {
  const ids = [description ? `${id}-desc` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? (true as const) : undefined, 'aria-describedby': ids || undefined };
}

/**
 * A labelled field with its description and error message in the NL Design System order (label, description, error,
 * input). `children` renders the input and gets the id and ARIA attributes to put on it.
 */
export function Field(props: {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  children: (input: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  return (
    <FormField invalid={Boolean(props.error)}>
      <Paragraph className="utrecht-form-field__label">
        <FormLabel htmlFor={props.id}>{props.label}</FormLabel>
      </Paragraph>
      <FieldNotes id={props.id} description={props.description} error={props.error} />
      <div className="utrecht-form-field__input">{props.children({ id: props.id, ...describedBy(props.id, props) })}</div>
    </FormField>
  );
}

/** A field's description and its error, at the ids `describedBy` points to (`<id>-desc`, `<id>-error`). */
function FieldNotes(props: { id: string; description?: ReactNode; error?: string }) {
  return (
    <>
      {props.description && (
        <Paragraph className="utrecht-form-field__description" id={`${props.id}-desc`}>
          {props.description}
        </Paragraph>
      )}
      {props.error && (
        <Paragraph className="utrecht-form-field-error-message vn-field-error" id={`${props.id}-error`}>
          {props.error}
        </Paragraph>
      )}
    </>
  );
}

/**
 * A checkbox with its label beside it, wired like `Field`: the description and the error above it, tied to it with
 * `aria-describedby`, `aria-invalid` while it has an error, and the error at `<id>-error` with the checkbox at `id`,
 * where the error summary's link lands.
 */
export function Checkbox(props: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: ReactNode;
  error?: string;
  disabled?: boolean;
}) {
  return (
    <div className="vn-field">
      <FieldNotes id={props.id} description={props.description} error={props.error} />
      <div className="vn-checkbox">
        <input
          id={props.id}
          type="checkbox"
          className="utrecht-checkbox utrecht-checkbox--html-input"
          checked={props.checked}
          disabled={props.disabled}
          {...describedBy(props.id, props)}
          onChange={(e: ChangeEvent<HTMLInputElement>) => props.onChange(e.target.checked)}
        />
        <label htmlFor={props.id}>{props.label}</label>
      </div>
    </div>
  );
}

/** A text input in a `Field`. */
export function TextInput(props: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'tel';
  description?: ReactNode;
  error?: string;
  maxLength?: number;
}) {
  return (
    <Field id={props.id} label={props.label} description={props.description} error={props.error}>
      {(aria) => (
        <Textbox
          {...aria}
          type={props.type ?? 'text'}
          value={props.value}
          required={props.required}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          maxLength={props.maxLength}
          invalid={Boolean(props.error)}
          onChange={(e: ChangeEvent<HTMLInputElement>) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A message that says what just happened ("De zaak is gesloten."), read out by screen readers. */
export function Done({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <Alert type="ok" role="status">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}
