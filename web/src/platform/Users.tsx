import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { Loading, ProblemAlert, TextField, useLoad } from '../components.tsx';
import { formatDateTime, roleLabels } from '../labels.ts';
import { StaffShell } from '../layout/Shells.tsx';

interface UserRow {
  id: string;
  organisationId: string;
  email: string;
  displayName: string;
  roles: string[];
  active: boolean;
  lastLoginAt: string | null;
}
interface OrganisationRow {
  id: string;
  name: string;
  /** Only organisations wholly within the municipalities you administer can get users from you. */
  manageable: boolean;
}

export function Users() {
  const users = useLoad(() => api<UserRow[]>('GET', '/users'), []);
  const organisations = useLoad(() => api<OrganisationRow[]>('GET', '/organisations'), []);
  const [form, setForm] = useState({ organisationId: '', email: '', displayName: '', role: 'case_worker', password: '' });
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const orgName = (id: string) => organisations.data?.find((o) => o.id === id)?.name ?? '–';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMessage('');
    try {
      await api('POST', '/users', { organisationId: form.organisationId, email: form.email, displayName: form.displayName, roles: [form.role], password: form.password });
      setMessage(`Gebruiker ${form.displayName} is aangemaakt.`);
      setForm({ ...form, email: '', displayName: '', password: '' });
      users.reload();
    } catch (err) {
      setError(err);
    }
  };
  const toggle = async (u: UserRow) => {
    try {
      await api('PATCH', `/users/${u.id}`, { active: !u.active });
      users.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <StaffShell>
      <Heading1>Gebruikers</Heading1>
      <ProblemAlert error={users.error ?? error} />
      {message && (
        <Paragraph role="status" className="vn-success">
          {message}
        </Paragraph>
      )}
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
                <TableCell>{u.roles.map((r) => roleLabels[r] ?? r).join(', ')}</TableCell>
                <TableCell>{formatDateTime(u.lastLoginAt)}</TableCell>
                <TableCell>
                  <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => toggle(u)}>
                    {u.active ? `Blokkeer ${u.displayName}` : `Activeer ${u.displayName}`}
                  </button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      <Heading2>Gebruiker toevoegen</Heading2>
      <form onSubmit={submit} className="vn-form" aria-label="Gebruiker toevoegen">
        <div className="vn-field">
          <label htmlFor="u-org">Organisatie</label>
          <select id="u-org" className="utrecht-select" required value={form.organisationId} onChange={(e) => setForm({ ...form, organisationId: e.target.value })}>
            <option value="">Kies een organisatie</option>
            {(organisations.data ?? []).filter((o) => o.manageable).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <TextField id="u-name" label="Naam" value={form.displayName} onChange={(v) => setForm({ ...form, displayName: v })} required />
        <TextField id="u-email" label="E-mailadres" type="email" value={form.email} onChange={(v) => setForm({ ...form, email: v })} required />
        <div className="vn-field">
          <label htmlFor="u-role">Rol</label>
          <select id="u-role" className="utrecht-select" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {Object.entries(roleLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="u-password"
          label="Eerste wachtwoord"
          type="password"
          description="Minstens 12 tekens, met letters en cijfers."
          value={form.password}
          onChange={(v) => setForm({ ...form, password: v })}
          required
          autoComplete="new-password"
        />
        <Button type="submit" appearance="primary-action-button">
          Toevoegen
        </Button>
      </form>
    </StaffShell>
  );
}
