import '@utrecht/design-tokens/dist/index.css';
import '@utrecht/component-library-css/dist/index.css';
import './styles.css';
import { StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { NotFound } from './pages/NotFound.tsx';
import { StaffShell } from './layout/Shells.tsx';
import { pageRoutes } from './routes.tsx';
import { QueryProvider } from './query.tsx';
import { SessionProvider, useSession } from './session.tsx';

/** The server's login page (no JavaScript needed), with the page to come back to. */
function loginUrl(pathname: string): string {
  return `/login?terug=${encodeURIComponent(pathname)}`;
}

/** Sends a logged-out visitor to the login page with a full page load: that page is the server's, not the app's. */
function ToLogin({ pathname }: { pathname: string }) {
  useEffect(() => {
    window.location.replace(loginUrl(pathname));
  }, [pathname]);
  return (
    <Paragraph role="status">
      <a href={loginUrl(pathname)}>Naar de inlogpagina…</a>
    </Paragraph>
  );
}

function Guard({ access, children }: { access?: string; children: ReactNode }) {
  const { user, loading, can } = useSession();
  const location = useLocation();
  if (!access) return <>{children}</>;
  if (loading) return <Paragraph role="status">Bezig met laden…</Paragraph>;
  if (!user) return <ToLogin pathname={location.pathname} />;
  if (access !== 'staff' && !can(access)) {
    return (
      <StaffShell>
        <Heading1>Geen toegang</Heading1>
        <Paragraph>Uw rol geeft geen toegang tot deze pagina.</Paragraph>
      </StaffShell>
    );
  }
  return <>{children}</>;
}

function App() {
  return (
    <QueryProvider>
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            {pageRoutes.map((r) => (
              <Route key={r.path} path={r.path} element={<Guard access={r.access}>{r.element}</Guard>} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </QueryProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
