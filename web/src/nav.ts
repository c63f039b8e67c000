import { signalsStaffNav } from './modules/signals/nav.ts';
import { referralsStaffNav } from './modules/referrals/nav.ts';
import { selftestStaffNav } from './modules/selftest/nav.ts';
import { directoryStaffNav } from './modules/directory/nav.ts';
import { passStaffNav } from './modules/pass/nav.ts';
import { insightsStaffNav } from './modules/insights/nav.ts';
import { programmeStaffNav } from './modules/programme/nav.ts';

/** The staff menu: each module adds its pages here, shown only to roles with the permission. */
export interface NavItem {
  to: string;
  label: string;
  permission?: string;
}

export const staffNav: NavItem[] = [
  { to: '/medewerkers', label: 'Start' },
  ...signalsStaffNav,
  ...referralsStaffNav,
  ...selftestStaffNav,
  ...directoryStaffNav,
  ...passStaffNav,
  ...insightsStaffNav,
  ...programmeStaffNav,
  { to: '/medewerkers/organisaties', label: 'Organisaties', permission: 'organisations:read' },
  { to: '/medewerkers/gebruikers', label: 'Gebruikers', permission: 'users:manage' },
  { to: '/medewerkers/auditlog', label: 'Auditlog', permission: 'audit:read' },
  { to: '/medewerkers/uitgaande-mail', label: 'Uitgaande e-mail', permission: 'mail:manage' },
];

// The residents' menu is not here: the public pages are rendered by the server, with one menu (src/platform/html.ts).
