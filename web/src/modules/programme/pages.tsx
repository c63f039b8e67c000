import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';

/** The browser pages of the programme module and its menu entries (staff and public). */
export const programmePages: PageRoute[] = [];
export const programmeStaffNav: NavItem[] = [];
export const programmePublicNav: NavItem[] = [];
