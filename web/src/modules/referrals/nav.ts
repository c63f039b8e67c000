import type { NavItem } from '../../nav.ts';

/** The module's entries in the staff menu (kept apart from its pages, so the menu never imports a page). */
export const referralsStaffNav: NavItem[] = [
  { to: '/medewerkers/verwijzingen', label: 'Verwijzingen', permission: 'referrals:work' },
  { to: '/medewerkers/verwijzingen/nieuw', label: 'Nieuwe verwijzing', permission: 'referrals:work' },
  { to: '/medewerkers/verwijzingen/servicenormen', label: 'Servicenormen', permission: 'referrals:configure' },
];
