import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import { StaffShell } from '../layout/Shells.tsx';
import { roleLabels } from '../labels.ts';
import { staffNav } from '../nav.ts';
import { useSession } from '../session.tsx';

export function StaffHome() {
  const { user, can } = useSession();
  if (!user) return null;
  const tasks = staffNav.filter((item) => item.to !== '/medewerkers' && (!item.permission || can(item.permission)));
  return (
    <StaffShell>
      <Heading1>Welkom, {user.displayName}</Heading1>
      <Paragraph>U werkt als {user.roles.map((r) => roleLabels[r] ?? r).join(' en ')}.</Paragraph>
      <Heading2>Uw taken</Heading2>
      {tasks.length ? (
        <UnorderedList>
          {tasks.map((item) => (
            <UnorderedListItem key={item.to}>
              <Link to={item.to}>{item.label}</Link>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>Er zijn voor uw rol nog geen taken in Vangnet.</Paragraph>
      )}
    </StaffShell>
  );
}
