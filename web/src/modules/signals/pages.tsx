import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';

/** The browser pages of the signals module and its menu entries (staff and public). */
export const signalsPages: PageRoute[] = [];
export const signalsStaffNav: NavItem[] = [];
export const signalsPublicNav: NavItem[] = [];
