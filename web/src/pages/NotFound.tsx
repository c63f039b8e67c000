import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import { PublicShell } from '../layout/Shells.tsx';

export function NotFound() {
  return (
    <PublicShell>
      <Heading1>Deze pagina bestaat niet</Heading1>
      <Paragraph>
        Misschien is de link verouderd. <Link to="/">Ga naar de startpagina</Link>.
      </Paragraph>
    </PublicShell>
  );
}
