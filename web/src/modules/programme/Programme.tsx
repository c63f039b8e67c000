import { Button, Heading1, Heading2, Heading3, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { api, query } from '../../api.ts';
import { Loading, ProblemAlert, TextField, useLoad } from '../../components.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useSession } from '../../session.tsx';

interface Figure {
  code: string;
  name: string;
  value: number | null;
  display: string;
}
interface Initiative {
  id: string;
  name: string;
  progress: string | null;
  figures: Figure[];
  measureCodes: string[];
}
interface Line {
  id: string;
  number: number;
  title: string;
  initiatives: Initiative[];
}
interface Commitment {
  id: string;
  code: string;
  title: string;
  dueOn: string | null;
  state: string;
  answeredInPeriod: string | null;
  answer: string;
}
interface Decision {
  id: string;
  risNumber: string;
  title: string;
  decidedOn: string;
}
interface Letter {
  letterDate: string;
  caseNumber: string;
  reasonText: string;
  informationText: string;
  nextStepsText: string;
  costsText: string;
}
interface Overview {
  programme: { id: string; name: string; municipalityCode: string };
  period: string;
  periods: string[];
  lines: Line[];
  commitments: Commitment[];
  decisions: Decision[];
  letter: Letter | null;
}

const stateLabels: Record<string, string> = { open: 'Open', in_progress: 'In behandeling', fulfilled: 'Afgedaan', cancelled: 'Vervallen' };

function periodLabel(period: string): string {
  const [year, half] = period.split('-H');
  return `${half === '1' ? 'Eerste' : 'Tweede'} helft ${year}`;
}

function currentPeriod(): string {
  const d = new Date();
  return `${d.getFullYear()}-H${d.getMonth() < 6 ? 1 : 2}`;
}

function TextArea(props: { id: string; label: string; value: string; onChange: (v: string) => void; rows?: number }) {
  return (
    <div className="vn-field">
      <label htmlFor={props.id}>{props.label}</label>
      <textarea id={props.id} className="utrecht-textarea" rows={props.rows ?? 4} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

export function ProgrammePage() {
  const { can } = useSession();
  const programmes = useLoad(() => api<{ id: string; name: string }[]>('GET', '/programmes'), []);
  const [programmeId, setProgrammeId] = useState('');
  const [period, setPeriod] = useState('2021-H1');
  const [periodInput, setPeriodInput] = useState('2021-H1');
  const chosen = programmeId || programmes.data?.[0]?.id || '';
  const overview = useLoad(() => (chosen ? api<Overview>('GET', `/programmes/${chosen}${query({ period })}`) : Promise.resolve(null)), [chosen, period]);
  const data = overview.data;
  const manage = can('programme:manage');
  const choosePeriod = (e: FormEvent) => {
    e.preventDefault();
    setPeriod(periodInput.trim().toUpperCase().replace('-h', '-H'));
  };

  return (
    <StaffShell>
      <Heading1>Programma en raadsinformatiebrief</Heading1>
      <ProblemAlert error={programmes.error ?? overview.error} />
      <Loading loading={programmes.loading}>
        {programmes.data?.length === 0 && <Paragraph>Er is nog geen programma.</Paragraph>}
        <form onSubmit={choosePeriod} className="vn-filters" aria-label="Programma en periode kiezen">
          {(programmes.data?.length ?? 0) > 1 && (
            <div className="vn-field">
              <label htmlFor="p-programme">Programma</label>
              <select id="p-programme" className="utrecht-select" value={chosen} onChange={(e) => setProgrammeId(e.target.value)}>
                {programmes.data!.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="vn-field">
            <label htmlFor="p-period">Rapportageperiode (halfjaar)</label>
            <input id="p-period" className="utrecht-textbox" list="p-periods" value={periodInput} onChange={(e) => setPeriodInput(e.target.value)} aria-describedby="p-period-desc" />
            <datalist id="p-periods">
              {[...new Set([...(data?.periods ?? []), currentPeriod()])].map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
            <span id="p-period-desc">Bijvoorbeeld 2021-H1 (januari tot en met juni).</span>
          </div>
          <Button type="submit" appearance="primary-action-button">
            Toon periode
          </Button>
        </form>
      </Loading>
      {data && (
        <>
          <Heading2>
            {data.programme.name}: {periodLabel(data.period)}
          </Heading2>
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
            <LineSection key={line.id} line={line} period={data.period} manage={manage} onChanged={overview.reload} />
          ))}
          <Commitments programmeId={data.programme.id} commitments={data.commitments} manage={manage} onChanged={overview.reload} />
          <Decisions programmeId={data.programme.id} decisions={data.decisions} manage={manage} onChanged={overview.reload} />
          {manage && <LetterForm key={`${data.programme.id}-${data.period}`} programmeId={data.programme.id} period={data.period} letter={data.letter} onSaved={overview.reload} />}
        </>
      )}
    </StaffShell>
  );
}

function LineSection({ line, period, manage, onChanged }: { line: Line; period: string; manage: boolean; onChanged: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', `/programme-lines/${line.id}/initiatives`, { name });
      setName('');
      onChanged();
    } catch (err) {
      setError(err);
    }
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
            <InitiativeRow key={i.id} initiative={i} period={period} manage={manage} onChanged={onChanged} />
          ))}
        </TableBody>
      </Table>
      {manage && (
        <form onSubmit={add} className="vn-filters" aria-label={`Initiatief toevoegen aan programmalijn ${line.number}`}>
          <TextField id={`new-${line.id}`} label={`Nieuw initiatief in programmalijn ${line.number}`} value={name} onChange={setName} required />
          <Button type="submit" appearance="secondary-action-button">
            Initiatief toevoegen
          </Button>
        </form>
      )}
      <ProblemAlert error={error} />
    </section>
  );
}

function InitiativeRow({ initiative, period, manage, onChanged }: { initiative: Initiative; period: string; manage: boolean; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(initiative.progress ?? '');
  const [error, setError] = useState<unknown>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('PUT', `/programme-initiatives/${initiative.id}/updates/${period}`, { progress: text });
      setEditing(false);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  const figures = initiative.figures.filter((f) => f.value !== null || f.display.startsWith('<'));
  return (
    <TableRow>
      <TableHeaderCell scope="row">{initiative.name}</TableHeaderCell>
      <TableCell>
        {editing ? (
          <form onSubmit={save} aria-label={`Voortgang ${initiative.name}`}>
            <TextArea id={`progress-${initiative.id}`} label={`Voortgang ${initiative.name}, ${period}`} value={text} onChange={setText} rows={8} />
            <Button type="submit" appearance="primary-action-button">
              Opslaan
            </Button>{' '}
            <Button type="button" appearance="subtle-button" onClick={() => setEditing(false)}>
              Annuleren
            </Button>
            <ProblemAlert error={error} />
          </form>
        ) : (
          <>
            {(initiative.progress ?? 'Nog geen voortgang voor deze periode.').split(/\n\s*\n/).map((p, i) => (
              <Paragraph key={i}>{p}</Paragraph>
            ))}
            {manage && (
              <Button type="button" appearance="subtle-button" onClick={() => setEditing(true)} aria-label={`Voortgang van ${initiative.name} bewerken`}>
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

function Commitments({ programmeId, commitments, manage, onChanged }: { programmeId: string; commitments: Commitment[]; manage: boolean; onChanged: () => void }) {
  const [form, setForm] = useState({ code: '', title: '', dueOn: '' });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', `/programmes/${programmeId}/commitments`, { code: form.code, title: form.title, dueOn: form.dueOn || null });
      setForm({ code: '', title: '', dueOn: '' });
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  const changeState = async (id: string, state: string) => {
    setError(null);
    try {
      await api('PATCH', `/programme-commitments/${id}`, { state });
      onChanged();
    } catch (err) {
      setError(err);
    }
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
              <TableCell>{c.dueOn ?? '–'}</TableCell>
              <TableCell>
                {manage ? (
                  <select className="utrecht-select" aria-label={`Stand van toezegging ${c.code}`} value={c.state} onChange={(e) => void changeState(c.id, e.target.value)}>
                    {Object.entries(stateLabels).map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                ) : (
                  (stateLabels[c.state] ?? c.state)
                )}
              </TableCell>
              <TableCell>{c.answeredInPeriod ?? '–'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {manage && (
        <form onSubmit={add} className="vn-filters" aria-label="Toezegging toevoegen">
          <TextField id="c-code" label="Nummer (bijv. 191015/T1)" value={form.code} onChange={set('code')} required />
          <TextField id="c-title" label="Omschrijving" value={form.title} onChange={set('title')} required />
          <TextField id="c-due" label="Uiterlijk" type="date" value={form.dueOn} onChange={set('dueOn')} />
          <Button type="submit" appearance="secondary-action-button">
            Toezegging toevoegen
          </Button>
        </form>
      )}
      <ProblemAlert error={error} />
    </section>
  );
}

function Decisions({ programmeId, decisions, manage, onChanged }: { programmeId: string; decisions: Decision[]; manage: boolean; onChanged: () => void }) {
  const [form, setForm] = useState({ risNumber: '', title: '', decidedOn: '' });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', `/programmes/${programmeId}/decisions`, form);
      setForm({ risNumber: '', title: '', decidedOn: '' });
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="decisions-heading">
      <Heading2 id="decisions-heading">Gerelateerde besluiten</Heading2>
      <ul>
        {decisions.map((d) => (
          <li key={d.id}>
            RIS dossier {d.risNumber}. {d.title}. {d.decidedOn}
          </li>
        ))}
      </ul>
      {manage && (
        <form onSubmit={add} className="vn-filters" aria-label="Besluit toevoegen">
          <TextField id="d-ris" label="RIS-dossiernummer" value={form.risNumber} onChange={set('risNumber')} required />
          <TextField id="d-title" label="Titel" value={form.title} onChange={set('title')} required />
          <TextField id="d-date" label="Datum" type="date" value={form.decidedOn} onChange={set('decidedOn')} required />
          <Button type="submit" appearance="secondary-action-button">
            Besluit toevoegen
          </Button>
        </form>
      )}
      <ProblemAlert error={error} />
    </section>
  );
}

function LetterForm({ programmeId, period, letter, onSaved }: { programmeId: string; period: string; letter: Letter | null; onSaved: () => void }) {
  const [form, setForm] = useState<Letter>(
    letter ?? { letterDate: new Date().toISOString().slice(0, 10), caseNumber: '', reasonText: '', informationText: '', nextStepsText: '', costsText: 'Niet van toepassing.' },
  );
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const set = (k: keyof Letter) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api('PUT', `/programmes/${programmeId}/letters/${period}`, form);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="letter-heading">
      <Heading2 id="letter-heading">Teksten van de raadsinformatiebrief</Heading2>
      <form onSubmit={save} className="vn-form" aria-label="Teksten van de raadsinformatiebrief">
        <TextField id="l-date" label="Datum van de brief" type="date" value={form.letterDate} onChange={set('letterDate')} required />
        <TextField id="l-case" label="Zaaknummer" value={form.caseNumber} onChange={set('caseNumber')} />
        <TextArea id="l-reason" label="Wat is de aanleiding om deze informatie kenbaar te maken?" value={form.reasonText} onChange={set('reasonText')} />
        <TextArea id="l-info" label="Wat is de te delen informatie?" value={form.informationText} onChange={set('informationText')} rows={8} />
        <TextArea id="l-next" label="Hoe verder na deze raadsinformatiebrief?" value={form.nextStepsText} onChange={set('nextStepsText')} />
        <TextArea id="l-costs" label="Welke kosten zijn verbonden aan het proces?" value={form.costsText} onChange={set('costsText')} rows={2} />
        <Button type="submit" appearance="primary-action-button">
          Teksten opslaan
        </Button>
      </form>
      <ProblemAlert error={error} />
      {saved && (
        <Paragraph className="vn-success" role="status">
          De teksten zijn opgeslagen.
        </Paragraph>
      )}
    </section>
  );
}
