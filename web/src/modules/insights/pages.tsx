import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';
import './insights.css';
import { InsightsDashboard } from './Dashboard.tsx';

/** The browser pages of the insights module and its menu entries (staff and public). */
export const insightsPages: PageRoute[] = [{ path: '/medewerkers/dashboard', element: <InsightsDashboard />, access: 'insights:read' }];
export const insightsStaffNav: NavItem[] = [{ to: '/medewerkers/dashboard', label: 'Dashboard Sociaal Domein', permission: 'insights:read' }];
export const insightsPublicNav: NavItem[] = [];
