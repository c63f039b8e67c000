import { Button, Heading3, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Done, ErrorSummary, fieldError, TextInput } from '../../forms.tsx';
import { useApiMutation } from '../../query.tsx';
import { invalidates, TextArea, type Initiative, type Line } from './programmeShared.tsx';

/** A programme line: its initiatives with their progress and figures in the period, and a form to add one. */
export function LineSection({ line, period, manage }: { line: Line; period: string; manage: boolean }) {
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
  const [highlighted, setHighlighted] = useState(initiative.highlighted);
  const [done, setDone] = useState('');
  const save = useApiMutation<{ progress: string; highlighted: boolean }>('PUT', `/programme-initiatives/${initiative.id}/updates/${period}`, {
    invalidates,
    onSuccess: () => {
      setEditing(false);
      setDone(`De voortgang van ${initiative.name} is opgeslagen.`);
    },
  });
  const id = `progress-${initiative.id}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ progress: text, highlighted });
  };
  const figures = initiative.figures;
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
            <div className="utrecht-form-field utrecht-form-field--checkbox">
              <input
                id={`${id}-highlight`}
                type="checkbox"
                className="utrecht-checkbox"
                checked={highlighted}
                onChange={(e) => setHighlighted(e.target.checked)}
              />{' '}
              <label htmlFor={`${id}-highlight`}>Uitlichten in de brief onder “Wat is de te delen informatie?”</label>
            </div>
            <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
              Opslaan
            </Button>{' '}
            <Button type="button" appearance="subtle-button" onClick={() => setEditing(false)}>
              Annuleren
            </Button>
          </form>
        ) : (
          <>
            {initiative.highlighted && (
              <Paragraph>
                <strong>Uitgelicht in de brief.</strong>
              </Paragraph>
            )}
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
                {f.name}: <strong>{figureDisplay(f)}</strong>
              </li>
            ))}
          </ul>
        )}
      </TableCell>
    </TableRow>
  );
}

/** A hidden or missing figure is named as such, as in the letter. */
function figureDisplay(f: Initiative['figures'][number]): string {
  if (f.value !== null) return f.display;
  if (f.display === 'geen cijfers') return 'geen gegevens';
  const small = /^<\s*(\d+)/.exec(f.display);
  return small ? `niet getoond: minder dan ${small[1]} inwoners` : 'niet getoond: afgeschermd';
}
