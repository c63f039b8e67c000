import { Button, Heading2 } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { ErrorSummary, Field, fieldError, type FieldMap } from '../../forms.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { caseAssigned, contactAttemptRecorded, workerList } from '../../../../src/modules/signals/contract.ts';
import { type CaseDetailData, today } from './caseShared.ts';
import { contactKindLabels, contactKinds, partOfDayLabels, partsOfDay } from './shared.tsx';

/** What a form of the case page tells the page: it starts sending (clear the last message), or it is done. */
export interface CaseFormProps {
  /** The case's id, as in the page's address. */
  caseId: string;
  c: CaseDetailData;
  onStart: () => void;
  onDone: (message: string) => void;
}

const touched = ['/signals/cases'];

const assignFields: FieldMap = { assignedUserId: { id: 'c-worker', label: 'Medewerker' }, dueDate: { id: 'c-due', label: 'Termijn' } };
const attemptFields: FieldMap = {
  kind: { id: 'a-kind', label: 'Soort contact' },
  reached: { id: 'a-reached', label: 'Inwoner bereikt?' },
  date: { id: 'a-date', label: 'Datum' },
  partOfDay: { id: 'a-part', label: 'Dagdeel' },
  note: { id: 'a-note', label: 'Notitie' },
};

/** Who works on the case, and by when contact is sought. */
export function AssignForm({ caseId, c, onStart, onDone }: CaseFormProps) {
  const workers = useApi<Json<typeof workerList>>('/signals/workers');
  const [assign, setAssign] = useState<{ assignedUserId: string; dueDate: string } | null>(null);
  const assignment = useApiMutation<{ assignedUserId: string | null; dueDate: string | null }, Json<typeof caseAssigned>>('PATCH', `/signals/cases/${caseId}`, {
    invalidates: touched,
    onSuccess: () => {
      setAssign(null);
      onDone('De toewijzing is opgeslagen.');
    },
  });
  const assignValue = assign ?? { assignedUserId: c.assignedUserId ?? '', dueDate: c.dueDate ?? '' };
  const save = (e: FormEvent) => {
    e.preventDefault();
    onStart();
    assignment.mutate({ assignedUserId: assignValue.assignedUserId || null, dueDate: assignValue.dueDate || null });
  };
  return (
    <>
      <Heading2>Toewijzen</Heading2>
      <form className="vn-form" aria-label="Zaak toewijzen" onSubmit={save} noValidate>
        <ErrorSummary error={assignment.error} fields={assignFields} />
        <Field id="c-worker" label="Medewerker" error={fieldError('assignedUserId', assignment.error)}>
          {(aria) => (
            <select
              {...aria}
              className="utrecht-select"
              value={assignValue.assignedUserId}
              onChange={(e) => setAssign({ ...assignValue, assignedUserId: e.target.value })}
            >
              <option value="">Niemand</option>
              {(workers.data ?? []).map((w) => (
                <option key={w.id} value={w.id}>
                  {w.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="c-due" label="Termijn" description="De dag waarop u uiterlijk contact zoekt." error={fieldError('dueDate', assignment.error)}>
          {(aria) => (
            <input
              {...aria}
              className="utrecht-textbox"
              type="date"
              value={assignValue.dueDate}
              onChange={(e) => setAssign({ ...assignValue, dueDate: e.target.value })}
            />
          )}
        </Field>
        <Button type="submit" appearance="secondary-action-button" disabled={assignment.isPending}>
          Toewijzing opslaan
        </Button>
      </form>
    </>
  );
}

const firstAttempt = () => ({ kind: 'phone', reached: 'no', date: today(), partOfDay: 'morning', note: '' });

/** One attempt to reach the resident: how, when, and whether it worked. */
export function ContactAttemptForm({ caseId, onStart, onDone }: CaseFormProps) {
  const [attempt, setAttempt] = useState(firstAttempt);
  const contact = useApiMutation<Record<string, unknown>, Json<typeof contactAttemptRecorded>>('POST', `/signals/cases/${caseId}/contact-attempts`, {
    invalidates: touched,
    onSuccess: () => {
      setAttempt(firstAttempt());
      onDone('De contactpoging is vastgelegd.');
    },
  });
  const save = (e: FormEvent) => {
    e.preventDefault();
    onStart();
    contact.mutate({ kind: attempt.kind, reached: attempt.reached === 'yes', date: attempt.date, partOfDay: attempt.partOfDay, note: attempt.note || null });
  };
  return (
    <>
      <Heading2>Contactpoging vastleggen</Heading2>
      <form className="vn-form" aria-label="Contactpoging vastleggen" onSubmit={save} noValidate>
        <ErrorSummary error={contact.error} fields={attemptFields} />
        <Field id="a-kind" label="Soort contact" error={fieldError('kind', contact.error)}>
          {(aria) => (
            <select {...aria} className="utrecht-select" value={attempt.kind} onChange={(e) => setAttempt({ ...attempt, kind: e.target.value })}>
              {contactKinds.map((k) => (
                <option key={k} value={k}>
                  {contactKindLabels[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="a-reached" label="Inwoner bereikt?" error={fieldError('reached', contact.error)}>
          {(aria) => (
            <select {...aria} className="utrecht-select" value={attempt.reached} onChange={(e) => setAttempt({ ...attempt, reached: e.target.value })}>
              <option value="no">Nee</option>
              <option value="yes">Ja</option>
            </select>
          )}
        </Field>
        <Field id="a-date" label="Datum" error={fieldError('date', contact.error)}>
          {(aria) => (
            <input {...aria} className="utrecht-textbox" type="date" value={attempt.date} onChange={(e) => setAttempt({ ...attempt, date: e.target.value })} />
          )}
        </Field>
        <Field id="a-part" label="Dagdeel" error={fieldError('partOfDay', contact.error)}>
          {(aria) => (
            <select {...aria} className="utrecht-select" value={attempt.partOfDay} onChange={(e) => setAttempt({ ...attempt, partOfDay: e.target.value })}>
              {partsOfDay.map((p) => (
                <option key={p} value={p}>
                  {partOfDayLabels[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="a-note" label="Notitie (optioneel)" error={fieldError('note', contact.error)}>
          {(aria) => (
            <textarea {...aria} className="utrecht-textarea" value={attempt.note} onChange={(e) => setAttempt({ ...attempt, note: e.target.value })} />
          )}
        </Field>
        <Button type="submit" appearance="secondary-action-button" disabled={contact.isPending}>
          Contactpoging opslaan
        </Button>
      </form>
    </>
  );
}
