import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';

/** The browser pages of the pass module and its menu entries (staff and public). */
export const passPages: PageRoute[] = [];
export const passStaffNav: NavItem[] = [];
export const passPublicNav: NavItem[] = [];
