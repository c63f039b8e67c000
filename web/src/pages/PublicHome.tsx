import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import { PublicShell } from '../layout/Shells.tsx';
import { publicNav } from '../nav.ts';

export function PublicHome() {
  const services = publicNav.filter((item) => item.to !== '/');
  return (
    <PublicShell>
      <Heading1>Geldzorgen? U staat er niet alleen voor</Heading1>
      <Paragraph lead>
        In Dordrecht en de Drechtsteden werken de gemeente, de Sociale Dienst Drechtsteden, wijkteams en vrijwilligers samen. Wij
        helpen u op weg, ook als u nog geen schulden heeft maar wel zorgen.
      </Paragraph>
      <Heading2>Hulp nodig?</Heading2>
      {services.length ? (
        <UnorderedList>
          {services.map((item) => (
            <UnorderedListItem key={item.to}>
              <Link to={item.to}>{item.label}</Link>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : null}
      <Paragraph>
        Bel de Sociale Dienst Drechtsteden of loop binnen bij het Sociaal Wijkteam in uw wijk. Samen kijken we wat u nodig heeft. Hulp
        is gratis.
      </Paragraph>
      <Heading2>Werkt u bij een gemeente of partnerorganisatie?</Heading2>
      <Paragraph>
        <Link to="/login">Log in als medewerker</Link>.
      </Paragraph>
    </PublicShell>
  );
}
