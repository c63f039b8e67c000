import type { PageRoute } from '../../routes.tsx';
import './pass.css';
import { PassCashier } from './Cashier.tsx';
import { PassApplications } from './Applications.tsx';
import { PassCampaigns } from './Campaigns.tsx';
import { PassNorms } from './Norms.tsx';
import { PassNewYear } from './NewYear.tsx';
import { PassEligibilityRules } from './EligibilityRules.tsx';
import { PassPayouts } from './Payouts.tsx';
import { PassProviders } from './Providers.tsx';
import { PassMyOffers } from './MyOffers.tsx';
import { PassOfferReview } from './OfferReview.tsx';

/**
 * The browser pages of the pass module and its staff menu entries. The residents' pages (/dordtpas,
 * /dordtpas/mijn-pas) are rendered by the server without JavaScript (src/modules/pass/pages.ts).
 */
export const passPages: PageRoute[] = [
  { path: '/medewerkers/dordtpas/kassa', element: <PassCashier />, access: 'pass:charge' },
  { path: '/medewerkers/dordtpas/aanvragen', element: <PassApplications />, access: 'pass:administer' },
  { path: '/medewerkers/dordtpas/normen', element: <PassNorms />, access: 'pass:administer' },
  { path: '/medewerkers/dordtpas/nieuw-pasjaar', element: <PassNewYear />, access: 'pass:administer' },
  { path: '/medewerkers/dordtpas/regels-pasjaar', element: <PassEligibilityRules />, access: 'pass:administer' },
  { path: '/medewerkers/dordtpas/aanbieders', element: <PassProviders />, access: 'pass:providers' },
  { path: '/medewerkers/dordtpas/ons-aanbod', element: <PassMyOffers />, access: 'pass:charge' },
  { path: '/medewerkers/dordtpas/aanbod-beoordelen', element: <PassOfferReview />, access: 'pass:providers' },
  { path: '/medewerkers/dordtpas/bijdragen', element: <PassCampaigns />, access: 'pass:campaigns' },
  { path: '/medewerkers/dordtpas/uitbetalingen', element: <PassPayouts />, access: 'pass:providers' },
];
