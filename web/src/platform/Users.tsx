import { Button, Heading1, Heading2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { labelOf, roleLabels, roles, type organisation, type Role, type user } from '../../../src/platform/contract-platform.ts';
import type { Json } from '../../../src/platform/contract.ts';
import { Loading, ProblemAlert } from '../components.tsx';
import { ConfirmButton } from '../confirm.tsx';
import { Done, ErrorSummary, Field, fieldError, TextInput, type FieldMap } from '../forms.tsx';
import { formatDateTime } from '../format.ts';
import { StaffShell } from '../layout/Shells.tsx';
import { useApi, useApiMutation } from '../query.tsx';

type User = Json<typeof user>;
type Organisation = Json<typeof organisation>;
type NewUser = { organisationId: string; email: string; displayName: string; roles: Role[]; password: string };

const fields: FieldMap = {
  organisationId: { id: 'u-org', label: 'Organisatie' },
  displayName: { id: 'u-name', label: 'Naam' },
  email: { id: 'u-email', label: 'E-mailadres' },
  roles: { id: 'u-role', label: 'Rol' },
  password: { id: 'u-password', label: 'Eerste wachtwoord' },
};
const emptyForm = { organisationId: '', email: '', displayName: '', role: 'case_worker' as Role, password: '' };

export function Users() {
  const users = useApi<User[]>('/users');
  const organisations = useApi<Organisation[]>('/organisations');
  const [form, setForm] = useState(emptyForm);
  const [done, setDone] = useState('');
  const create = useApiMutation<NewUser, User>('POST', '/users', {
    invalidates: ['/users'],
    onSuccess: (created) => {
      setDone(`${created.displayName} is toegevoegd en kan inloggen met het eerste wachtwoord.`);
      setForm((f) => ({ ...f, email: '', displayName: '', password: '' }));
    },
  });
  const toggle = useApiMutation<{ id: string; active: boolean }, User>('PATCH', (b) => `/users/${b.id}`, {
    invalidates: ['/users'],
    onSuccess: (u) => setDone(u.active ? `${u.displayName} kan weer inloggen.` : `${u.displayName} is geblokkeerd en kan niet meer inloggen.`),
  });
  const orgName = (id: string) => organisations.data?.find((o) => o.id === id)?.name ?? '–';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    toggle.reset();
    create.mutate({ organisationId: form.organisationId, email: form.email, displayName: form.displayName, roles: [form.role], password: form.password });
  };
  const block = async (u: User, active: boolean) => {
    setDone('');
    create.reset();
    await toggle.mutateAsync({ id: u.id, active }).catch(() => undefined);
  };

  return (
    <StaffShell>
      <Heading1>Gebruikers</Heading1>
      <ProblemAlert error={users.error ?? toggle.error} />
      <Done>{done}</Done>
      <Loading loading={users.loading}>
        <Table>
          <caption className="vn-caption">Medewerkers van organisaties in uw gemeente(n)</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Naam</TableHeaderCell>
              <TableHeaderCell scope="col">E-mail</TableHeaderCell>
              <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
              <TableHeaderCell scope="col">Rollen</TableHeaderCell>
              <TableHeaderCell scope="col">Laatst ingelogd</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(users.data ?? []).map((u) => (
              <TableRow key={u.id}>
                <TableCell>{u.displayName}</TableCell>
                <TableCell>{u.email}</TableCell>
                <TableCell>{orgName(u.organisationId)}</TableCell>
                <TableCell>{u.roles.map((r) => labelOf(roleLabels, r)).join(', ')}</TableCell>
                <TableCell>{formatDateTime(u.lastLoginAt)}</TableCell>
                <TableCell>
                  {u.active ? (
                    <ConfirmButton
                      appearance="subtle-button"
                      label={`Blokkeer ${u.displayName}`}
                      title={`${u.displayName} blokkeren?`}
                      consequence={`${u.displayName} kan dan niet meer inloggen. Is ${u.displayName} nu ingelogd, dan wordt dat meteen beëindigd. U kunt de blokkade later opheffen.`}
                      confirmLabel={`Ja, blokkeer ${u.displayName}`}
                      onConfirm={() => block(u, false)}
                    />
                  ) : (
                    <>
                      Geblokkeerd.{' '}
                      <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => block(u, true)}>
                        Activeer {u.displayName}
                      </button>
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      <Heading2>Gebruiker toevoegen</Heading2>
      <ErrorSummary error={create.error} fields={fields} />
      <form onSubmit={submit} className="vn-form" aria-label="Gebruiker toevoegen" noValidate>
        <Field id="u-org" label="Organisatie" error={fieldError('organisationId', create.error)}>
          {(aria) => (
            <select
              {...aria}
              className="utrecht-select"
              required
              value={form.organisationId}
              onChange={(e) => setForm({ ...form, organisationId: e.target.value })}
            >
              <option value="">Kies een organisatie</option>
              {(organisations.data ?? [])
                .filter((o) => o.manageable)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <TextInput
          id="u-name"
          label="Naam"
          value={form.displayName}
          onChange={(v) => setForm({ ...form, displayName: v })}
          required
          error={fieldError('displayName', create.error)}
        />
        <TextInput
          id="u-email"
          label="E-mailadres"
          type="email"
          inputMode="email"
          autoComplete="off"
          value={form.email}
          onChange={(v) => setForm({ ...form, email: v })}
          required
          error={fieldError('email', create.error)}
        />
        <Field id="u-role" label="Rol" error={fieldError('roles', create.error)}>
          {(aria) => (
            <select {...aria} className="utrecht-select" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextInput
          id="u-password"
          label="Eerste wachtwoord"
          type="password"
          description="Minstens 12 tekens, met letters en cijfers."
          value={form.password}
          onChange={(v) => setForm({ ...form, password: v })}
          required
          autoComplete="new-password"
          error={fieldError('password', create.error)}
        />
        <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
          Toevoegen
        </Button>
      </form>
    </StaffShell>
  );
}
