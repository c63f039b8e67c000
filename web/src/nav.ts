import { signalsPublicNav, signalsStaffNav } from './modules/signals/pages.tsx';
import { referralsPublicNav, referralsStaffNav } from './modules/referrals/pages.tsx';
import { selftestPublicNav, selftestStaffNav } from './modules/selftest/pages.tsx';
import { directoryPublicNav, directoryStaffNav } from './modules/directory/pages.tsx';
import { passPublicNav, passStaffNav } from './modules/pass/pages.tsx';
import { insightsPublicNav, insightsStaffNav } from './modules/insights/pages.tsx';
import { programmePublicNav, programmeStaffNav } from './modules/programme/pages.tsx';

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
];

/** The residents' menu on the public side. */
export const publicNav: NavItem[] = [
  { to: '/', label: 'Home' },
  ...signalsPublicNav,
  ...referralsPublicNav,
  ...selftestPublicNav,
  ...directoryPublicNav,
  ...passPublicNav,
  ...insightsPublicNav,
  ...programmePublicNav,
];
