import {
  Button,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { Json } from '../../../../src/platform/contract.ts';
import { municipalityName } from '../../../../src/platform/municipalities.ts';
import {
  commitmentStateLabels,
  commitmentStates,
  letterHeadings,
  periodLabel,
  periodPattern,
  type commitment,
  type decision,
  type initiativeView,
  type letter,
  type overview,
  type programmeList,
} from '../../../../src/modules/programme/contract.ts';
import { query } from '../../api.ts';
import { ConfirmButton } from '../../confirm.tsx';
import { Loading, ProblemAlert } from '../../components.tsx';
import { Done, ErrorSummary, Field, fieldError, TextInput, type FieldErrors } from '../../forms.tsx';
import { formatDate } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { useSession } from '../../session.tsx';

type Overview = Json<typeof overview>;
type Line = Overview['lines'][number];
type Initiative = Json<typeof initiativeView>;
type Commitment = Json<typeof commitment>;
type Decision = Json<typeof decision>;
type Letter = Json<typeof letter>;

/** Every change on this page touches the programme's overview. */
const invalidates = ['/programmes'];

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function currentPeriod(): string {
  const d = new Date();
  return `${d.getFullYear()}-H${d.getMonth() < 6 ? 1 : 2}`;
}

function TextArea(props: { id: string; label: string; value: string; onChange: (v: string) => void; rows?: number; error?: string }) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(aria) => (
        <textarea {...aria} className="utrecht-textarea" rows={props.rows ?? 4} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </Field>
  );
}

export function ProgrammePage() {
  const { can } = useSession();
  const programmes = useApi<Json<typeof programmeList>>('/programmes');
  const [programmeId, setProgrammeId] = useState('');
  const [period, setPeriod] = useState('2021-H1');
  const [periodInput, setPeriodInput] = useState('2021-H1');
  const [periodError, setPeriodError] = useState<FieldErrors>({});
  const chosen = programmeId || programmes.data?.[0]?.id || '';
  const view = useApi<Overview>(chosen ? `/programmes/${chosen}${query({ period })}` : null);
  const data = view.data;
  const manage = can('programme:manage');
  const choosePeriod = (e: FormEvent) => {
    e.preventDefault();
    const value = periodInput.trim().toUpperCase();
    if (!periodPattern.test(value)) {
      setPeriodError({ period: 'Schrijf het halfjaar als 2021-H1 (januari tot en met juni) of 2021-H2.' });
      return;
    }
    setPeriodError({});
    setPeriod(value);
  };

  return (
    <StaffShell>
      <Heading1>Programma en raadsinformatiebrief</Heading1>
      <ProblemAlert error={programmes.error ?? view.error} />
      <Loading loading={programmes.loading}>
        {programmes.data?.length === 0 && <Paragraph>Er is nog geen programma.</Paragraph>}
        <form onSubmit={choosePeriod} className="vn-filters" aria-label="Programma en periode kiezen" noValidate>
          <ErrorSummary local={periodError} fields={{ period: { id: 'p-period', label: 'Rapportageperiode' } }} />
          {(programmes.data?.length ?? 0) > 1 && (
            <Field id="p-programme" label="Programma">
              {(aria) => (
                <select {...aria} className="utrecht-select" value={chosen} onChange={(e) => setProgrammeId(e.target.value)}>
                  {programmes.data!.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} ({municipalityName(p.municipalityCode)})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field id="p-period" label="Rapportageperiode (halfjaar)" description="Bijvoorbeeld 2021-H1 (januari tot en met juni)." error={periodError.period}>
            {(aria) => (
              <>
                <input {...aria} className="utrecht-textbox" list="p-periods" value={periodInput} onChange={(e) => setPeriodInput(e.target.value)} />
                <datalist id="p-periods">
                  {[...new Set([...(data?.periods ?? []), currentPeriod()])].map((p) => (
                    <option key={p} value={p}>
                      {capital(periodLabel(p))}
                    </option>
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Button type="submit" appearance="primary-action-button">
            Toon periode
          </Button>
        </form>
      </Loading>
      {data && (
        <>
          <Heading2>
            {data.programme.name}: {capital(periodLabel(data.period))}
          </Heading2>
          <Paragraph>
            Gemeente {municipalityName(data.programme.municipalityCode)}, {formatDate(data.programme.startsOn)} tot en met {formatDate(data.programme.endsOn)}.
          </Paragraph>
          <Paragraph>
            <a className="utrecht-link" href={`/api/v1/programmes/${data.programme.id}/letters/${data.period}/pdf`} download>
              Download de raadsinformatiebrief (PDF)
            </a>
            {' · '}
            <a className="utrecht-link" href={`/api/v1/programmes/${data.programme.id}/letters/${data.period}/docx`} download>
              Download de raadsinformatiebrief (Word, te bewerken)
            </a>
          </Paragraph>
          {data.lines.map((line) => (
            <LineSection key={line.id} line={line} period={data.period} manage={manage} />
          ))}
          <Commitments programmeId={data.programme.id} commitments={data.commitments} manage={manage} />
          <Decisions programmeId={data.programme.id} decisions={data.decisions} manage={manage} />
          {manage && <LetterForm key={`${data.programme.id}-${data.period}`} programmeId={data.programme.id} period={data.period} letter={data.letter} />}
        </>
      )}
    </StaffShell>
  );
}

function LineSection({ line, period, manage }: { line: Line; period: string; manage: boolean }) {
  const [name, setName] = useState('');
  const [done, setDone] = useState('');
  const add = useApiMutation<{ name: string }>('POST', `/programme-lines/${line.id}/initiatives`, {
    invalidates,
    onSuccess: (_r, body) => {
      setName('');
      setDone(`Het initiatief “${body.name}” is toegevoegd aan programmalijn ${line.number}.`);
    },
  });
  const id = `new-${line.id}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    add.mutate({ name });
  };
  return (
    <section aria-labelledby={`line-${line.number}`}>
      <Heading3 id={`line-${line.number}`}>
        Programmalijn {line.number}: {line.title}
      </Heading3>
      <Table>
        <caption className="vn-caption">Voortgang programmalijn {line.number}</caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Initiatief</TableHeaderCell>
            <TableHeaderCell scope="col">Voortgang</TableHeaderCell>
            <TableHeaderCell scope="col">Cijfers in deze periode</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {line.initiatives.map((i) => (
            <InitiativeRow key={i.id} initiative={i} period={period} manage={manage} />
          ))}
        </TableBody>
      </Table>
      {manage && (
        <form onSubmit={submit} className="vn-filters" aria-label={`Initiatief toevoegen aan programmalijn ${line.number}`} noValidate>
          <ErrorSummary error={add.error} fields={{ name: { id, label: 'Nieuw initiatief' } }} />
          <TextInput
            id={id}
            label={`Nieuw initiatief in programmalijn ${line.number}`}
            value={name}
            onChange={setName}
            required
            error={fieldError('name', add.error)}
          />
          <Button type="submit" appearance="secondary-action-button" disabled={add.isPending}>
            Initiatief toevoegen
          </Button>
        </form>
      )}
      <Done>{done}</Done>
    </section>
  );
}

function InitiativeRow({ initiative, period, manage }: { initiative: Initiative; period: string; manage: boolean }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(initiative.progress ?? '');
  const [done, setDone] = useState('');
  const save = useApiMutation<{ progress: string }>('PUT', `/programme-initiatives/${initiative.id}/updates/${period}`, {
    invalidates,
    onSuccess: () => {
      setEditing(false);
      setDone(`De voortgang van ${initiative.name} is opgeslagen.`);
    },
  });
  const id = `progress-${initiative.id}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ progress: text });
  };
  const figures = initiative.figures.filter((f) => f.value !== null || f.display.startsWith('<'));
  return (
    <TableRow>
      <TableHeaderCell scope="row">{initiative.name}</TableHeaderCell>
      <TableCell>
        {editing ? (
          <form onSubmit={submit} aria-label={`Voortgang ${initiative.name}`} noValidate>
            <ErrorSummary error={save.error} fields={{ progress: { id, label: 'Voortgang' } }} />
            <TextArea
              id={id}
              label={`Voortgang ${initiative.name}, ${period}`}
              value={text}
              onChange={setText}
              rows={8}
              error={fieldError('progress', save.error)}
            />
            <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
              Opslaan
            </Button>{' '}
            <Button type="button" appearance="subtle-button" onClick={() => setEditing(false)}>
              Annuleren
            </Button>
          </form>
        ) : (
          <>
            {(initiative.progress ?? 'Nog geen voortgang voor deze periode.').split(/\n\s*\n/).map((p, i) => (
              <Paragraph key={i}>{p}</Paragraph>
            ))}
            <Done>{done}</Done>
            {manage && (
              <Button
                type="button"
                appearance="subtle-button"
                onClick={() => {
                  setDone('');
                  setEditing(true);
                }}
                aria-label={`Voortgang van ${initiative.name} bewerken`}
              >
                Bewerken
              </Button>
            )}
          </>
        )}
      </TableCell>
      <TableCell>
        {figures.length === 0 ? (
          '–'
        ) : (
          <ul>
            {figures.map((f) => (
              <li key={f.code}>
                {f.name}: <strong>{f.display}</strong>
              </li>
            ))}
          </ul>
        )}
      </TableCell>
    </TableRow>
  );
}

const commitmentFields = {
  code: { id: 'c-code', label: 'Nummer' },
  title: { id: 'c-title', label: 'Omschrijving' },
  dueOn: { id: 'c-due', label: 'Uiterlijk' },
};

function Commitments({ programmeId, commitments, manage }: { programmeId: string; commitments: Commitment[]; manage: boolean }) {
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

function Decisions({ programmeId, decisions, manage }: { programmeId: string; decisions: Decision[]; manage: boolean }) {
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

type LetterTexts = Pick<Letter, 'letterDate' | 'caseNumber' | 'reasonText' | 'informationText' | 'nextStepsText' | 'costsText'>;

const letterFields = {
  letterDate: { id: 'l-date', label: 'Datum van de brief' },
  caseNumber: { id: 'l-case', label: 'Zaaknummer' },
  reasonText: { id: 'l-reason', label: 'Aanleiding' },
  informationText: { id: 'l-info', label: 'Te delen informatie' },
  nextStepsText: { id: 'l-next', label: 'Hoe verder' },
  costsText: { id: 'l-costs', label: 'Kosten' },
};

function LetterForm({ programmeId, period, letter }: { programmeId: string; period: string; letter: Letter | null }) {
  const [form, setForm] = useState<LetterTexts>(
    letter
      ? {
          letterDate: letter.letterDate,
          caseNumber: letter.caseNumber,
          reasonText: letter.reasonText,
          informationText: letter.informationText,
          nextStepsText: letter.nextStepsText,
          costsText: letter.costsText,
        }
      : {
          letterDate: new Date().toISOString().slice(0, 10),
          caseNumber: '',
          reasonText: '',
          informationText: '',
          nextStepsText: '',
          costsText: 'Niet van toepassing.',
        },
  );
  const [local, setLocal] = useState<FieldErrors>({});
  const [done, setDone] = useState('');
  const save = useApiMutation<LetterTexts>('PUT', `/programmes/${programmeId}/letters/${period}`, {
    invalidates,
    onSuccess: () => setDone(`De teksten zijn opgeslagen. De raadsinformatiebrief van de ${periodLabel(period)} gebruikt ze vanaf nu.`),
  });
  const set = (k: keyof LetterTexts) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const check = (): boolean => {
    const errors: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.letterDate)) errors.letterDate = 'Kies de datum van de brief.';
    setLocal(errors);
    return Object.keys(errors).length === 0;
  };
  const err = (name: keyof LetterTexts) => fieldError(name, save.error, local);
  return (
    <section aria-labelledby="letter-heading">
      <Heading2 id="letter-heading">Teksten van de raadsinformatiebrief</Heading2>
      <form id="letter-form" onSubmit={(e) => e.preventDefault()} className="vn-form" aria-label="Teksten van de raadsinformatiebrief" noValidate>
        <ErrorSummary error={save.error} local={local} fields={letterFields} />
        <TextInput id="l-date" label="Datum van de brief" type="date" value={form.letterDate} onChange={set('letterDate')} required error={err('letterDate')} />
        <TextInput id="l-case" label="Zaaknummer" value={form.caseNumber} onChange={set('caseNumber')} error={err('caseNumber')} />
        <TextArea id="l-reason" label={letterHeadings.reason} value={form.reasonText} onChange={set('reasonText')} error={err('reasonText')} />
        <TextArea
          id="l-info"
          label={letterHeadings.information}
          value={form.informationText}
          onChange={set('informationText')}
          rows={8}
          error={err('informationText')}
        />
        <TextArea id="l-next" label={letterHeadings.nextSteps} value={form.nextStepsText} onChange={set('nextStepsText')} error={err('nextStepsText')} />
        <TextArea id="l-costs" label={letterHeadings.costs} value={form.costsText} onChange={set('costsText')} rows={2} error={err('costsText')} />
        <ConfirmButton
          label="Teksten opslaan"
          title="Teksten van de raadsinformatiebrief opslaan?"
          consequence={`De teksten van de brief over de ${periodLabel(period)} worden vervangen. Wie de brief daarna downloadt, krijgt de nieuwe teksten.`}
          confirmLabel="Ja, sla de teksten op"
          onConfirm={async () => {
            setDone('');
            if (!check()) return;
            save.reset();
            await save.mutateAsync(form).catch(() => undefined);
          }}
        />
      </form>
      <Done>{done}</Done>
    </section>
  );
}
