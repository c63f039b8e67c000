import {
  Alert,
  FormField,
  FormLabel,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import type { ChangeEvent, ReactNode } from 'react';
import { ApiError } from './api.ts';
import { problemSentence } from './forms.tsx';

/**
 * Shows why something failed, in one plain sentence, with the reasons of the fields the problem names (without
 * their technical paths). A form with fields uses `ErrorSummary` and `TextInput` from `forms.tsx` instead.
 */
export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  return (
    <Alert type="error" role="alert">
      <Paragraph>{problemSentence(error)}</Paragraph>
      {problem?.errors?.length ? (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.line ?? ''}:${e.field}:${e.reason}`}>
              {e.line ? `Regel ${e.line}: ` : ''}
              {e.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  description?: string;
}) {
  return (
    <FormField>
      <Paragraph className="utrecht-form-field__label">
        <FormLabel htmlFor={props.id}>{props.label}</FormLabel>
      </Paragraph>
      {props.description && (
        <Paragraph className="utrecht-form-field__description" id={`${props.id}-desc`}>
          {props.description}
        </Paragraph>
      )}
      <Paragraph className="utrecht-form-field__input">
        <Textbox
          id={props.id}
          type={props.type ?? 'text'}
          value={props.value}
          required={props.required}
          autoComplete={props.autoComplete}
          aria-describedby={props.description ? `${props.id}-desc` : undefined}
          onChange={(e: ChangeEvent<HTMLInputElement>) => props.onChange(e.target.value)}
        />
      </Paragraph>
    </FormField>
  );
}

export function Loading({ loading, children }: { loading: boolean; children: ReactNode }) {
  return loading ? (
    <Paragraph role="status" aria-live="polite">
      Bezig met laden…
    </Paragraph>
  ) : (
    children
  );
}

/** The rows of an imported file that were refused, each with its line, field and reason (signals, datasets). */
export function RejectionsTable({ rejections, fieldHeader }: { rejections: { line: number; field: string; reason: string }[]; fieldHeader: string }) {
  return (
    <Table>
      <caption className="vn-caption">Afgewezen regels</caption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">Regel</TableHeaderCell>
          <TableHeaderCell scope="col">{fieldHeader}</TableHeaderCell>
          <TableHeaderCell scope="col">Reden</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rejections.map((r) => (
          <TableRow key={`${r.line}:${r.field}:${r.reason}`}>
            <TableCell>{r.line}</TableCell>
            <TableCell>{r.field}</TableCell>
            <TableCell>{r.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
