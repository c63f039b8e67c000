import type { ReactNode } from 'react';
import { StaffHome } from './pages/StaffHome.tsx';
import { AuditLog } from './platform/AuditLog.tsx';
import { Organisations } from './platform/Organisations.tsx';
import { Outbox } from './platform/Outbox.tsx';
import { Users } from './platform/Users.tsx';
import { signalsPages } from './modules/signals/pages.tsx';
import { referralsPages } from './modules/referrals/pages.tsx';
import { selftestPages } from './modules/selftest/pages.tsx';
import { directoryPages } from './modules/directory/pages.tsx';
import { passPages } from './modules/pass/pages.tsx';
import { insightsPages } from './modules/insights/pages.tsx';
import { programmePages } from './modules/programme/pages.tsx';

/**
 * Every page of the browser app: the staff side under /medewerkers. Staff pages name the permission they need;
 * modules add their pages here (and their menu entries in nav.ts). The public pages (/, /login, /hulp, /geldfit,
 * /dordtpas) are rendered by the server without JavaScript.
 */
export interface PageRoute {
  path: string;
  element: ReactNode;
  /** undefined: public page. 'staff': any logged-in user. Otherwise a permission. */
  access?: 'staff' | string;
}

export const pageRoutes: PageRoute[] = [
  { path: '/medewerkers', element: <StaffHome />, access: 'staff' },
  { path: '/medewerkers/organisaties', element: <Organisations />, access: 'organisations:read' },
  { path: '/medewerkers/gebruikers', element: <Users />, access: 'users:manage' },
  { path: '/medewerkers/auditlog', element: <AuditLog />, access: 'audit:read' },
  { path: '/medewerkers/uitgaande-mail', element: <Outbox />, access: 'mail:manage' },
  ...signalsPages,
  ...referralsPages,
  ...selftestPages,
  ...directoryPages,
  ...passPages,
  ...insightsPages,
  ...programmePages,
];
