import type { NavItem } from '../../nav.ts';

/** The module's entries in the staff menu (kept apart from its pages, so the menu never imports a page). */
export const insightsStaffNav: NavItem[] = [{ to: '/medewerkers/dashboard', label: 'Dashboard Sociaal Domein', permission: 'insights:read' }];
