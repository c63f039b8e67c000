import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { labelOf, organisationKindLabels, type apiKey, type createdApiKey, type organisation } from '../../../src/platform/contract-platform.ts';
import type { Json } from '../../../src/platform/contract.ts';
import { municipalityName } from '../../../src/platform/municipalities.ts';
import { Loading, ProblemAlert } from '../components.tsx';
import { ConfirmButton } from '../confirm.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldMap } from '../forms.tsx';
import { formatDateTime } from '../format.ts';
import { StaffShell } from '../layout/Shells.tsx';
import { useApi, useApiMutation } from '../query.tsx';
import { useSession } from '../session.tsx';
import { CreditorTypesForm } from '../modules/signals/CreditorTypes.tsx';
import { creditorTypeLabels } from '../modules/signals/shared.tsx';

type OrganisationRow = Json<typeof organisation>;
type ApiKeyRow = Json<typeof apiKey>;
type NewApiKey = Json<typeof createdApiKey>;

const keyFields: FieldMap = { name: { id: 'key-name', label: 'Naam van de nieuwe sleutel' } };

function ApiKeys({ organisation }: { organisation: OrganisationRow }) {
  const keysUrl = `/organisations/${organisation.id}/api-keys`;
  const keys = useApi<ApiKeyRow[]>(keysUrl);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const create = useApiMutation<{ name: string }, NewApiKey>('POST', keysUrl, {
    invalidates: [keysUrl],
    onSuccess: (result) => {
      setCreated(result.key);
      setDone('');
      setName('');
    },
  });
  const revoke = useApiMutation<ApiKeyRow, ApiKeyRow>('DELETE', (k) => `/api-keys/${k.id}`, {
    invalidates: [keysUrl],
    onSuccess: (k) => {
      setCreated(null);
      setDone(`De sleutel „${k.name}” is ingetrokken. ${organisation.name} kan er niet meer mee inloggen.`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    create.mutate({ name });
  };
  return (
    <section aria-labelledby={`keys-${organisation.id}`}>
      <Heading2 id={`keys-${organisation.id}`}>API-sleutels van {organisation.name}</Heading2>
      <ProblemAlert error={keys.error ?? revoke.error} />
      <Done>{done}</Done>
      {created && (
        <div className="vn-success" role="status">
          <Paragraph>De sleutel is gemaakt. Kopieer hem nu: hij wordt niet nog een keer getoond.</Paragraph>
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
                    <ConfirmButton
                      appearance="subtle-button"
                      label={`Intrekken: ${k.name}`}
                      title={`Sleutel „${k.name}” intrekken?`}
                      consequence={`${organisation.name} kan dan niet meer inloggen met deze sleutel: hun systeem kan geen gegevens meer sturen of ophalen tot u een nieuwe sleutel maakt. U kunt dit niet ongedaan maken.`}
                      confirmLabel={`Ja, trek de sleutel ${k.name} in`}
                      onConfirm={() =>
                        revoke.mutateAsync(k).then(
                          () => undefined,
                          () => undefined,
                        )
                      }
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      <ErrorSummary error={create.error} fields={keyFields} />
      <form onSubmit={submit} className="vn-form" aria-label={`Nieuwe API-sleutel voor ${organisation.name}`} noValidate>
        <TextInput id="key-name" label="Naam van de nieuwe sleutel" value={name} onChange={setName} required error={fieldError('name', create.error)} />
        <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
          Sleutel maken
        </Button>
      </form>
    </section>
  );
}

export function Organisations() {
  const { can } = useSession();
  const organisations = useApi<OrganisationRow[]>('/organisations');
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
                <TableCell>{labelOf(organisationKindLabels, o.kind)}</TableCell>
                <TableCell>{o.municipalities.map(municipalityName).join(', ')}</TableCell>
                <TableCell>
                  {o.kind === 'creditor' ? (
                    <>
                      {o.creditorTypes.map((t) => creditorTypeLabels[t as keyof typeof creditorTypeLabels] ?? t).join(', ') || 'Nog niet vastgelegd'}
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
      {selected && <ApiKeys key={selected.id} organisation={selected} />}
      {typesOf && <CreditorTypesForm key={typesOf.id} organisation={typesOf} onSaved={organisations.reload} />}
    </StaffShell>
  );
}
