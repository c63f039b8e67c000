import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';

/** The browser pages of the selftest module and its menu entries (staff and public). */
export const selftestPages: PageRoute[] = [];
export const selftestStaffNav: NavItem[] = [];
export const selftestPublicNav: NavItem[] = [];
