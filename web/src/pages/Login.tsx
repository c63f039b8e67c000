import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { ProblemAlert, TextField } from '../components.tsx';
import { PublicShell } from '../layout/Shells.tsx';
import { useSession } from '../session.tsx';

export function Login() {
  const { login, user } = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to="/medewerkers" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
      navigate('/medewerkers');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicShell>
      <Heading1>Inloggen voor medewerkers</Heading1>
      <Paragraph>Voor medewerkers van de gemeente en partnerorganisaties.</Paragraph>
      <ProblemAlert error={error} />
      <form onSubmit={submit} className="vn-form" aria-label="Inloggen">
        <TextField id="email" label="E-mailadres" type="email" value={email} onChange={setEmail} required autoComplete="username" />
        <TextField id="password" label="Wachtwoord" type="password" value={password} onChange={setPassword} required autoComplete="current-password" />
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          Inloggen
        </Button>
      </form>
    </PublicShell>
  );
}
