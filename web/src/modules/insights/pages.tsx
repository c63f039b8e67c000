import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';

/** The browser pages of the insights module and its menu entries (staff and public). */
export const insightsPages: PageRoute[] = [];
export const insightsStaffNav: NavItem[] = [];
export const insightsPublicNav: NavItem[] = [];
