import type { NavItem } from '../../nav.ts';

/** The module's entries in the staff menu (kept apart from its pages, so the menu never imports a page). */
export const signalsStaffNav: NavItem[] = [
  { to: '/medewerkers/signalen', label: 'Vroeg Eropaf', permission: 'signals:work' },
  { to: '/medewerkers/signalen/brieven', label: 'Brieven maken', permission: 'signals:work' },
  { to: '/medewerkers/signalen/brieftekst', label: 'Brieftekst', permission: 'signals:templates' },
  { to: '/medewerkers/signalen/aanleveren', label: 'Signalen aanleveren', permission: 'signals:submit' },
  { to: '/medewerkers/signalen/terugkoppeling', label: 'Terugkoppeling op signalen', permission: 'signals:submit' },
  { to: '/medewerkers/signalen/monitor', label: 'Monitor vroegsignalering', permission: 'signals:monitor' },
  { to: '/medewerkers/signalen/kolomkoppeling', label: 'Kolomkoppeling', permission: 'signals:configure' },
];
