import type { PageRoute } from '../../routes.tsx';
import './insights.css';
import { InsightsDashboard } from './Dashboard.tsx';

/** The browser pages of the insights module and its menu entries (staff and public). */
export const insightsPages: PageRoute[] = [{ path: '/medewerkers/dashboard', element: <InsightsDashboard />, access: 'insights:read' }];
