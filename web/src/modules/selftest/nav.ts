import type { NavItem } from '../../nav.ts';

/** The module's entries in the staff menu (kept apart from its pages, so the menu never imports a page). */
export const selftestStaffNav: NavItem[] = [{ to: '/medewerkers/geldfit', label: 'Geldfit in cijfers', permission: 'selftest:figures' }];
