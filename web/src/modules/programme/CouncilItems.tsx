import { Button, Heading2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { commitmentStateLabels, commitmentStates, periodLabel } from '../../../../src/modules/programme/contract.ts';
import { ConfirmButton } from '../../confirm.tsx';
import { ProblemAlert } from '../../components.tsx';
import { Done, ErrorSummary, fieldError, TextInput } from '../../forms.tsx';
import { formatDate } from '../../format.ts';
import { useApiMutation } from '../../query.tsx';
import { capital, invalidates, type Commitment, type Decision } from './programmeShared.tsx';

/** What the programme owes the council and what it decided: commitments with their state, and related decisions. */

const commitmentFields = {
  code: { id: 'c-code', label: 'Nummer' },
  title: { id: 'c-title', label: 'Omschrijving' },
  dueOn: { id: 'c-due', label: 'Uiterlijk' },
};

export function Commitments({ programmeId, commitments, manage }: { programmeId: string; commitments: Commitment[]; manage: boolean }) {
  const [form, setForm] = useState({ code: '', title: '', dueOn: '' });
  const [done, setDone] = useState('');
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const add = useApiMutation<{ code: string; title: string; dueOn: string | null }>('POST', `/programmes/${programmeId}/commitments`, {
    invalidates,
    onSuccess: (_r, body) => {
      setForm({ code: '', title: '', dueOn: '' });
      setDone(`Toezegging ${body.code} is toegevoegd.`);
    },
  });
  const changeState = useApiMutation<{ id: string; code: string; state: string }>('PATCH', (b) => `/programme-commitments/${b.id}`, {
    invalidates,
    onSuccess: (_r, b) => setDone(`De stand van toezegging ${b.code} is nu: ${commitmentStateLabels[b.state as keyof typeof commitmentStateLabels]}.`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    add.mutate({ code: form.code, title: form.title, dueOn: form.dueOn || null });
  };
  return (
    <section aria-labelledby="commitments-heading">
      <Heading2 id="commitments-heading">Toezeggingen aan de raad</Heading2>
      <Table>
        <caption className="vn-caption">{commitments.length} toezeggingen</caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Toezegging</TableHeaderCell>
            <TableHeaderCell scope="col">Omschrijving</TableHeaderCell>
            <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
            <TableHeaderCell scope="col">Stand</TableHeaderCell>
            <TableHeaderCell scope="col">Beantwoord in</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {commitments.map((c) => (
            <TableRow key={c.id}>
              <TableHeaderCell scope="row">{c.code}</TableHeaderCell>
              <TableCell>{c.title}</TableCell>
              <TableCell>{formatDate(c.dueOn)}</TableCell>
              <TableCell>
                {manage ? (
                  <select
                    className="utrecht-select"
                    aria-label={`Stand van toezegging ${c.code}`}
                    value={c.state}
                    onChange={(e) => {
                      setDone('');
                      changeState.mutate({ id: c.id, code: c.code, state: e.target.value });
                    }}
                  >
                    {commitmentStates.map((v) => (
                      <option key={v} value={v}>
                        {commitmentStateLabels[v]}
                      </option>
                    ))}
                  </select>
                ) : (
                  commitmentStateLabels[c.state]
                )}
              </TableCell>
              <TableCell>{c.answeredInPeriod ? capital(periodLabel(c.answeredInPeriod)) : '–'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ProblemAlert error={changeState.error} />
      {manage && (
        <form onSubmit={submit} className="vn-filters" aria-label="Toezegging toevoegen" noValidate>
          <ErrorSummary error={add.error} fields={commitmentFields} />
          <TextInput id="c-code" label="Nummer (bijv. 191015/T1)" value={form.code} onChange={set('code')} required error={fieldError('code', add.error)} />
          <TextInput id="c-title" label="Omschrijving" value={form.title} onChange={set('title')} required error={fieldError('title', add.error)} />
          <TextInput id="c-due" label="Uiterlijk" type="date" value={form.dueOn} onChange={set('dueOn')} error={fieldError('dueOn', add.error)} />
          <Button type="submit" appearance="secondary-action-button" disabled={add.isPending}>
            Toezegging toevoegen
          </Button>
        </form>
      )}
      <Done>{done}</Done>
    </section>
  );
}

const decisionFields = {
  risNumber: { id: 'd-ris', label: 'RIS-dossiernummer' },
  title: { id: 'd-title', label: 'Titel' },
  decidedOn: { id: 'd-date', label: 'Datum' },
};

export function Decisions({ programmeId, decisions, manage }: { programmeId: string; decisions: Decision[]; manage: boolean }) {
  const [form, setForm] = useState({ risNumber: '', title: '', decidedOn: '' });
  const [done, setDone] = useState('');
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const add = useApiMutation<typeof form>('POST', `/programmes/${programmeId}/decisions`, {
    invalidates,
    onSuccess: (_r, body) => {
      setForm({ risNumber: '', title: '', decidedOn: '' });
      setDone(`Het besluit met RIS-dossier ${body.risNumber} is toegevoegd.`);
    },
  });
  const remove = useApiMutation<Decision>('DELETE', (d) => `/programme-decisions/${d.id}`, {
    invalidates,
    onSuccess: (_r, d) => setDone(`Het besluit met RIS-dossier ${d.risNumber} is verwijderd.`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    add.mutate(form);
  };
  return (
    <section aria-labelledby="decisions-heading">
      <Heading2 id="decisions-heading">Gerelateerde besluiten</Heading2>
      <ul>
        {decisions.map((d) => (
          <li key={d.id}>
            RIS dossier {d.risNumber}. {d.title}. {formatDate(d.decidedOn)}{' '}
            {manage && (
              <ConfirmButton
                label={`Besluit ${d.risNumber} verwijderen`}
                title={`Besluit ${d.risNumber} verwijderen?`}
                consequence={`Het besluit “${d.title}” verdwijnt uit het programma en uit de raadsinformatiebrieven die u daarna downloadt.`}
                confirmLabel={`Ja, verwijder besluit ${d.risNumber}`}
                appearance="subtle-button"
                onConfirm={() => remove.mutateAsync(d).then(() => undefined)}
              />
            )}
          </li>
        ))}
      </ul>
      <ProblemAlert error={remove.error} />
      {manage && (
        <form onSubmit={submit} className="vn-filters" aria-label="Besluit toevoegen" noValidate>
          <ErrorSummary error={add.error} fields={decisionFields} />
          <TextInput
            id="d-ris"
            label="RIS-dossiernummer"
            value={form.risNumber}
            onChange={set('risNumber')}
            required
            inputMode="numeric"
            error={fieldError('risNumber', add.error)}
          />
          <TextInput id="d-title" label="Titel" value={form.title} onChange={set('title')} required error={fieldError('title', add.error)} />
          <TextInput
            id="d-date"
            label="Datum"
            type="date"
            value={form.decidedOn}
            onChange={set('decidedOn')}
            required
            error={fieldError('decidedOn', add.error)}
          />
          <Button type="submit" appearance="secondary-action-button" disabled={add.isPending}>
            Besluit toevoegen
          </Button>
        </form>
      )}
      <Done>{done}</Done>
    </section>
  );
}
