import type { NavItem } from '../../nav.ts';

/** The module's entries in the staff menu (kept apart from its pages, so the menu never imports a page). */
export const directoryStaffNav: NavItem[] = [{ to: '/medewerkers/sociale-kaart', label: 'Sociale kaart', permission: 'directory:edit' }];
