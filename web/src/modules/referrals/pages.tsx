import type { PageRoute } from '../../routes.tsx';
import { IntakeForm } from './IntakeForm.tsx';
import { NewReferral } from './NewReferral.tsx';
import { ReferralDetail } from './ReferralDetail.tsx';
import { ServiceLevels } from './ServiceLevels.tsx';
import { ResidentTimeline } from './Timeline.tsx';
import { WorkList } from './WorkList.tsx';

/** The browser pages of the referrals module (Ketenaanpak) and its menu entries. */
export const referralsPages: PageRoute[] = [
  { path: '/medewerkers/verwijzingen', element: <WorkList />, access: 'referrals:work' },
  { path: '/medewerkers/verwijzingen/nieuw', element: <NewReferral />, access: 'referrals:work' },
  { path: '/medewerkers/verwijzingen/inloop', element: <IntakeForm route="walk_in" key="walk_in" />, access: 'referrals:work' },
  { path: '/medewerkers/verwijzingen/sociaal-recept', element: <IntakeForm route="gp" key="gp" />, access: 'referrals:work' },
  { path: '/medewerkers/verwijzingen/servicenormen', element: <ServiceLevels />, access: 'referrals:configure' },
  { path: '/medewerkers/verwijzingen/inwoners/:personId', element: <ResidentTimeline />, access: 'referrals:work' },
  { path: '/medewerkers/verwijzingen/:id', element: <ReferralDetail />, access: 'referrals:work' },
];
