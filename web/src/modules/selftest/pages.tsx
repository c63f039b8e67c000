import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';
import { SelftestFigures } from './Figures.tsx';

/**
 * The browser pages of the selftest module and its staff menu entry. The test itself (/geldfit, /geldfit/inwoners,
 * /geldfit/ondernemers) is rendered by the server without JavaScript (src/modules/selftest/pages.ts).
 */
export const selftestPages: PageRoute[] = [
  { path: '/medewerkers/geldfit', element: <SelftestFigures />, access: 'selftest:figures' },
];
export const selftestStaffNav: NavItem[] = [{ to: '/medewerkers/geldfit', label: 'Geldfit in cijfers', permission: 'selftest:figures' }];
