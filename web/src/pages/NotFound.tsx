import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import { StaffShell } from '../layout/Shells.tsx';

/** An address under /medewerkers that the staff app does not know (the server answers other unknown addresses). */
export function NotFound() {
  return (
    <StaffShell>
      <Heading1>Deze pagina bestaat niet</Heading1>
      <Paragraph>
        Misschien is de link verouderd. <Link to="/medewerkers">Ga naar de startpagina voor medewerkers</Link>.
      </Paragraph>
    </StaffShell>
  );
}
