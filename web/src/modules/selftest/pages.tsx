import type { PageRoute } from '../../routes.tsx';
import { SelftestFigures } from './Figures.tsx';

/**
 * The browser pages of the selftest module and its staff menu entry. The test itself (/geldfit, /geldfit/inwoners,
 * /geldfit/ondernemers) is rendered by the server without JavaScript (src/modules/selftest/pages.ts).
 */
export const selftestPages: PageRoute[] = [{ path: '/medewerkers/geldfit', element: <SelftestFigures />, access: 'selftest:figures' }];
