import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';
import { ServerPage } from '../directory/ServerPage.tsx';
import { SelftestFigures } from './Figures.tsx';

/**
 * The browser pages of the selftest module and its menu entries (staff and public).
 * The test itself (/geldfit, /geldfit/inwoners, /geldfit/ondernemers) is rendered by the server
 * (src/modules/selftest/pages.ts); these routes only hand a click in the app's menu over to it.
 */
export const selftestPages: PageRoute[] = [
  { path: '/geldfit', element: <ServerPage /> },
  { path: '/geldfit/:slug', element: <ServerPage /> },
  { path: '/medewerkers/geldfit', element: <SelftestFigures />, access: 'selftest:figures' },
];
export const selftestStaffNav: NavItem[] = [{ to: '/medewerkers/geldfit', label: 'Geldfit in cijfers', permission: 'selftest:figures' }];
export const selftestPublicNav: NavItem[] = [{ to: '/geldfit', label: 'Geldfit: doe de geldtest' }];
