import {
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldMap } from '../../forms.tsx';
import { formatDateTime } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { directorySynonym, directorySynonymList } from '../../../../src/modules/directory/contract.ts';

type Synonym = Json<typeof directorySynonym>;
type Body = { term: string; synonyms: string };

const fields: FieldMap = {
  term: { id: 's-term', label: 'Zoekwoord' },
  synonyms: { id: 's-synonyms', label: 'Vindt ook' },
};

/**
 * The search synonyms of the social map: a word residents type ("huurachterstand") and the words in the texts it should
 * also find ("schuldhulp, schulden"). One form adds or changes; the table lists them, each with "Wijzigen" and "Verwijderen".
 */
export function DirectorySynonyms() {
  const list = useApi<Json<typeof directorySynonymList>>('/directory/synonyms');
  const [editing, setEditing] = useState<Synonym | null>(null);
  const [form, setForm] = useState<Body>({ term: '', synonyms: '' });
  const [done, setDone] = useState<string | null>(null);
  const onSuccess = (row: Synonym) => {
    setDone(editing ? `Het zoekwoord ${row.term} is gewijzigd.` : `Het zoekwoord ${row.term} is toegevoegd.`);
    setEditing(null);
    setForm({ term: '', synonyms: '' });
  };
  const create = useApiMutation<Body, Synonym>('POST', '/directory/synonyms', { invalidates: ['/directory/synonyms'], onSuccess });
  const update = useApiMutation<Body, Synonym>('PUT', () => `/directory/synonyms/${editing?.id}`, { invalidates: ['/directory/synonyms'], onSuccess });
  const save = editing ? update : create;
  const err = (name: string) => fieldError(name, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    save.mutate(form);
  };
  const startEdit = (row: Synonym) => {
    setDone(null);
    create.reset();
    update.reset();
    setEditing(row);
    setForm({ term: row.term, synonyms: row.synonyms.join(', ') });
  };
  return (
    <StaffShell>
      <p>
        <Link to="/medewerkers/sociale-kaart">Terug naar de sociale kaart</Link>
      </p>
      <Heading1>Zoekwoorden</Heading1>
      <Paragraph>
        Inwoners zoeken met hun eigen woorden. Zoekt iemand op een zoekwoord, dan vindt de zoekfunctie ook de hulp met een van de woorden erachter. Zo vindt
        "huurachterstand" ook de schuldhulp, al staat dat woord niet in de tekst.
      </Paragraph>
      <Heading2>{editing ? `Zoekwoord wijzigen: ${editing.term}` : 'Zoekwoord toevoegen'}</Heading2>
      <form onSubmit={submit} className="vn-form" aria-label={editing ? 'Zoekwoord wijzigen' : 'Zoekwoord toevoegen'} noValidate>
        <ErrorSummary error={save.error} fields={fields} />
        <Done>{done}</Done>
        <TextInput
          id="s-term"
          label="Zoekwoord"
          description="Eén woord, zoals inwoners het typen, bijvoorbeeld huurachterstand."
          value={form.term}
          error={err('term')}
          onChange={(term) => setForm({ ...form, term })}
          maxLength={40}
        />
        <TextInput
          id="s-synonyms"
          label="Vindt ook"
          description="Woorden uit de teksten van de hulp, met een komma ertussen, bijvoorbeeld schuldhulp, schulden."
          value={form.synonyms}
          error={err('synonyms')}
          onChange={(synonyms) => setForm({ ...form, synonyms })}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
            {editing ? 'Wijziging opslaan' : 'Zoekwoord toevoegen'}
          </Button>
          {editing ? (
            <Button
              type="button"
              appearance="secondary-action-button"
              onClick={() => {
                setEditing(null);
                update.reset();
                setForm({ term: '', synonyms: '' });
              }}
            >
              Annuleren
            </Button>
          ) : null}
        </ButtonGroup>
      </form>
      <Heading2>Alle zoekwoorden</Heading2>
      <ProblemAlert error={list.error} />
      <Loading loading={list.loading && !list.data}>
        <Table>
          <caption className="vn-caption">{list.data?.items.length ?? 0} zoekwoorden</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Zoekwoord</TableHeaderCell>
              <TableHeaderCell scope="col">Vindt ook</TableHeaderCell>
              <TableHeaderCell scope="col">Gewijzigd</TableHeaderCell>
              <TableHeaderCell scope="col">Acties</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data?.items.map((row) => (
              <TableRow key={row.id}>
                <TableCell>{row.term}</TableCell>
                <TableCell>{row.synonyms.join(', ')}</TableCell>
                <TableCell>{formatDateTime(row.updatedAt)}</TableCell>
                <TableCell>
                  <Button type="button" appearance="subtle-button" onClick={() => startEdit(row)} aria-label={`Wijzigen: ${row.term}`}>
                    Wijzigen
                  </Button>
                  <DeleteSynonym row={row} onDeleted={() => setDone(`Het zoekwoord ${row.term} is verwijderd.`)} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
    </StaffShell>
  );
}

function DeleteSynonym({ row, onDeleted }: { row: Synonym; onDeleted: () => void }) {
  const remove = useApiMutation<undefined, void>('DELETE', `/directory/synonyms/${row.id}`, { invalidates: ['/directory/synonyms'], onSuccess: onDeleted });
  return (
    <>
      <ConfirmButton
        label={`Verwijderen: ${row.term}`}
        title={`Zoekwoord ${row.term} verwijderen?`}
        consequence={`Wie op "${row.term}" zoekt, vindt dan alleen nog hulp waar dat woord zelf in staat.`}
        confirmLabel={`Ja, verwijder ${row.term}`}
        appearance="subtle-button"
        disabled={remove.isPending}
        onConfirm={() => remove.mutateAsync(undefined).catch(() => {})}
      />
      <ProblemAlert error={remove.error} />
    </>
  );
}
