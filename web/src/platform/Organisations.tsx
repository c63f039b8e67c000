import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { Loading, ProblemAlert, TextField, useLoad } from '../components.tsx';
import { formatDateTime, organisationKindLabels } from '../labels.ts';
import { StaffShell } from '../layout/Shells.tsx';
import { useSession } from '../session.tsx';
import { CreditorTypesForm } from '../modules/signals/CreditorTypes.tsx';
import { creditorTypeLabels } from '../modules/signals/shared.tsx';

interface OrganisationRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  municipalities: string[];
  /** Whether you administer every municipality it serves, and so may manage it. */
  manageable: boolean;
  creditorTypes?: string[];
}
interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function ApiKeys({ organisation }: { organisation: OrganisationRow }) {
  const keys = useLoad(() => api<ApiKeyRow[]>('GET', `/organisations/${organisation.id}/api-keys`), [organisation.id]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const result = await api<{ key: string }>('POST', `/organisations/${organisation.id}/api-keys`, { name });
      setCreated(result.key);
      setName('');
      keys.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (id: string) => {
    await api('DELETE', `/api-keys/${id}`).catch(setError);
    keys.reload();
  };
  return (
    <section aria-labelledby={`keys-${organisation.id}`}>
      <Heading2 id={`keys-${organisation.id}`}>API-sleutels van {organisation.name}</Heading2>
      <ProblemAlert error={keys.error ?? error} />
      {created && (
        <div className="vn-success" role="status">
          <Paragraph>Kopieer deze sleutel nu. Hij wordt niet nog een keer getoond:</Paragraph>
          <Paragraph>
            <code data-testid="new-api-key">{created}</code>
          </Paragraph>
        </div>
      )}
      <Loading loading={keys.loading}>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Naam</TableHeaderCell>
              <TableHeaderCell scope="col">Begin van de sleutel</TableHeaderCell>
              <TableHeaderCell scope="col">Gemaakt</TableHeaderCell>
              <TableHeaderCell scope="col">Laatst gebruikt</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(keys.data ?? []).map((k) => (
              <TableRow key={k.id}>
                <TableCell>{k.name}</TableCell>
                <TableCell>
                  <code>vn_{k.prefix}_…</code>
                </TableCell>
                <TableCell>{formatDateTime(k.createdAt)}</TableCell>
                <TableCell>{formatDateTime(k.lastUsedAt)}</TableCell>
                <TableCell>
                  {k.revokedAt ? (
                    `Ingetrokken ${formatDateTime(k.revokedAt)}`
                  ) : (
                    <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => revoke(k.id)}>
                      Intrekken: {k.name}
                    </button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      <form onSubmit={create} className="vn-form" aria-label={`Nieuwe API-sleutel voor ${organisation.name}`}>
        <TextField id="key-name" label="Naam van de nieuwe sleutel" value={name} onChange={setName} required />
        <Button type="submit" appearance="primary-action-button">
          Sleutel maken
        </Button>
      </form>
    </section>
  );
}

export function Organisations() {
  const { can } = useSession();
  const organisations = useLoad(() => api<OrganisationRow[]>('GET', '/organisations'), []);
  const [selected, setSelected] = useState<OrganisationRow | null>(null);
  const [typesOf, setTypesOf] = useState<OrganisationRow | null>(null);
  return (
    <StaffShell>
      <Heading1>Organisaties</Heading1>
      <ProblemAlert error={organisations.error} />
      <Loading loading={organisations.loading}>
        <Table>
          <caption className="vn-caption">Organisaties die werken voor uw gemeente(n)</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Naam</TableHeaderCell>
              <TableHeaderCell scope="col">Code</TableHeaderCell>
              <TableHeaderCell scope="col">Soort</TableHeaderCell>
              <TableHeaderCell scope="col">Gemeenten</TableHeaderCell>
              <TableHeaderCell scope="col">Soorten signalen</TableHeaderCell>
              {can('apikeys:manage') && <TableHeaderCell scope="col">Koppeling</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {(organisations.data ?? []).map((o) => (
              <TableRow key={o.id}>
                <TableCell>{o.name}</TableCell>
                <TableCell>{o.code}</TableCell>
                <TableCell>{organisationKindLabels[o.kind] ?? o.kind}</TableCell>
                <TableCell>{o.municipalities.join(', ')}</TableCell>
                <TableCell>
                  {o.kind === 'creditor' ? (
                    <>
                      {(o.creditorTypes ?? []).map((t) => creditorTypeLabels[t as keyof typeof creditorTypeLabels] ?? t).join(', ') || 'Nog niet vastgelegd'}
                      {can('organisations:manage') && (
                        <>
                          {' '}
                          <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => setTypesOf(o)}>
                            Soorten van {o.name} wijzigen
                          </button>
                        </>
                      )}
                    </>
                  ) : (
                    '–'
                  )}
                </TableCell>
                {can('apikeys:manage') && (
                  <TableCell>
                    {(o.kind === 'creditor' || o.kind === 'provider') && o.manageable ? (
                      <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => setSelected(o)}>
                        API-sleutels van {o.name}
                      </button>
                    ) : o.kind === 'creditor' || o.kind === 'provider' ? (
                      'Beheerd door een beheerder van al haar gemeenten'
                    ) : (
                      '–'
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      {selected && <ApiKeys organisation={selected} />}
      {typesOf && <CreditorTypesForm key={typesOf.id} organisation={typesOf} onSaved={organisations.reload} />}
    </StaffShell>
  );
}
