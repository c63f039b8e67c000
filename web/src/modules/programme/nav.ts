import type { NavItem } from '../../nav.ts';

/** The module's entries in the staff menu (kept apart from its pages, so the menu never imports a page). */
export const programmeStaffNav: NavItem[] = [{ to: '/medewerkers/programma', label: 'Programma en raadsbrief', permission: 'programme:read' }];
