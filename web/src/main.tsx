import '@utrecht/design-tokens/dist/index.css';
import '@utrecht/component-library-css/dist/index.css';
import './styles.css';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { NotFound } from './pages/NotFound.tsx';
import { StaffShell } from './layout/Shells.tsx';
import { pageRoutes } from './routes.tsx';
import { QueryProvider } from './query.tsx';
import { SessionProvider, useSession } from './session.tsx';

function Guard({ access, children }: { access?: string; children: ReactNode }) {
  const { user, loading, can } = useSession();
  const location = useLocation();
  if (!access) return <>{children}</>;
  if (loading) return <Paragraph role="status">Bezig met laden…</Paragraph>;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
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
