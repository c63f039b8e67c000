import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';

/** The browser pages of the directory module and its menu entries (staff and public). */
export const directoryPages: PageRoute[] = [];
export const directoryStaffNav: NavItem[] = [];
export const directoryPublicNav: NavItem[] = [];
