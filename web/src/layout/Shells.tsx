import { PageContent, PageFooter, PageHeader, Paragraph, SkipLink } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { staffNav } from '../nav.ts';
import { useSession } from '../session.tsx';
import { roleLabels } from '../labels.ts';

/** The residents' pages (/, /hulp, /geldfit, /dordtpas) are the server's: plain links, full page loads. */
function Footer() {
  return (
    <PageFooter>
      <Paragraph>
        Vangnet · Samen tegen Armoede · <a href="/">Voor inwoners</a>
      </Paragraph>
    </PageFooter>
  );
}

/** Staff side: the menu shows only what the logged-in role may use. */
export function StaffShell({ children }: { children: ReactNode }) {
  const { user, can, csrfToken } = useSession();
  const items = staffNav.filter((item) => !item.permission || can(item.permission));
  return (
    <div className="utrecht-page vn-page">
      <SkipLink href="#main">Naar de inhoud</SkipLink>
      <PageHeader>
        <div className="vn-header">
          <Link to="/medewerkers" className="vn-brand">
            Vangnet <span className="vn-brand-sub">Medewerkers</span>
          </Link>
          {user && (
            <div className="vn-user">
              <span>
                {user.displayName} ({user.roles.map((r) => roleLabels[r] ?? r).join(', ')})
              </span>
              {/* A plain form post: the server ends the session, and at the OpenID provider too when it was opened there. */}
              <form method="post" action="/uitloggen" className="vn-logout">
                <input type="hidden" name="csrf" value={csrfToken ?? ''} />
                <button type="submit" className="utrecht-button utrecht-button--secondary-action">
                  Uitloggen
                </button>
              </form>
            </div>
          )}
        </div>
        <nav aria-label="Menu medewerkers">
          <ul className="vn-menu">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/medewerkers'}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </PageHeader>
      <PageContent>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </PageContent>
      <Footer />
    </div>
  );
}
