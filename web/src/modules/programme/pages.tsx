import type { PageRoute } from '../../routes.tsx';
import { ProgrammePage } from './Programme.tsx';

/** The browser pages of the programme module and its menu entries (staff and public). */
export const programmePages: PageRoute[] = [{ path: '/medewerkers/programma', element: <ProgrammePage />, access: 'programme:read' }];
