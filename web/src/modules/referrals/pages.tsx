import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';

/** The browser pages of the referrals module and its menu entries (staff and public). */
export const referralsPages: PageRoute[] = [];
export const referralsStaffNav: NavItem[] = [];
export const referralsPublicNav: NavItem[] = [];
