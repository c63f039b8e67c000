import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';
import './pass.css';
import { PassCashier } from './Cashier.tsx';
import { PassApplications } from './Applications.tsx';
import { PassCampaigns } from './Campaigns.tsx';
import { PassFigures } from './Figures.tsx';
import { PassNorms } from './Norms.tsx';
import { PassProviders } from './Providers.tsx';

/**
 * The browser pages of the pass module and its staff menu entries. The residents' pages (/dordtpas,
 * /dordtpas/mijn-pas) are rendered by the server without JavaScript (src/modules/pass/pages.ts).
 */
export const passPages: PageRoute[] = [
  { path: '/medewerkers/dordtpas/kassa', element: <PassCashier />, access: 'pass:charge' },
  { path: '/medewerkers/dordtpas/aanvragen', element: <PassApplications />, access: 'pass:administer' },
  { path: '/medewerkers/dordtpas/normen', element: <PassNorms />, access: 'pass:administer' },
  { path: '/medewerkers/dordtpas/aanbieders', element: <PassProviders />, access: 'pass:providers' },
  { path: '/medewerkers/dordtpas/bijdragen', element: <PassCampaigns />, access: 'pass:campaigns' },
  { path: '/medewerkers/dordtpas/cijfers', element: <PassFigures />, access: 'pass:figures' },
];
export const passStaffNav: NavItem[] = [
  { to: '/medewerkers/dordtpas/kassa', label: 'Kassa Dordtpas', permission: 'pass:charge' },
  { to: '/medewerkers/dordtpas/aanvragen', label: 'Dordtpas aanvragen', permission: 'pass:administer' },
  { to: '/medewerkers/dordtpas/normen', label: 'Dordtpas normen', permission: 'pass:administer' },
  { to: '/medewerkers/dordtpas/aanbieders', label: 'Dordtpas aanbieders', permission: 'pass:providers' },
  { to: '/medewerkers/dordtpas/bijdragen', label: 'Dordtpas bijdragen', permission: 'pass:campaigns' },
  { to: '/medewerkers/dordtpas/cijfers', label: 'Dordtpas cijfers', permission: 'pass:figures' },
];
