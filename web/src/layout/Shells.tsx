import { PageContent, PageFooter, PageHeader, Paragraph, SkipLink } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { publicNav, staffNav } from '../nav.ts';
import { useSession } from '../session.tsx';
import { roleLabels } from '../labels.ts';

function Footer() {
  return (
    <PageFooter>
      <Paragraph>
        Vangnet · Samen tegen Armoede · <Link to="/">Voor inwoners</Link> · <Link to="/login">Inloggen voor medewerkers</Link>
      </Paragraph>
    </PageFooter>
  );
}

/** Residents' side: light, no login, works on a small screen. */
export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <div className="utrecht-page vn-page">
      <SkipLink href="#main">Naar de inhoud</SkipLink>
      <PageHeader>
        <div className="vn-header">
          <Link to="/" className="vn-brand">
            Vangnet <span className="vn-brand-sub">Hulp bij geldzorgen</span>
          </Link>
          <nav aria-label="Hoofdmenu">
            <ul className="vn-menu">
              {publicNav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
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

/** Staff side: the menu shows only what the logged-in role may use. */
export function StaffShell({ children }: { children: ReactNode }) {
  const { user, can, logout } = useSession();
  const navigate = useNavigate();
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
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action"
                onClick={async () => {
                  await logout();
                  navigate('/login');
                }}
              >
                Uitloggen
              </button>
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
