import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';
import { SignalCase } from './CaseDetail.tsx';
import { SignalFeedback } from './Feedback.tsx';
import { SignalLetterTemplate } from './LetterTemplate.tsx';
import { SignalLetters } from './Letters.tsx';
import { SignalMapping } from './Mapping.tsx';
import { SignalMonitor } from './Monitor.tsx';
import { SignalQueue } from './Queue.tsx';
import { SignalUpload } from './Upload.tsx';
import './signals.css';

/** The browser pages of the signals module (Vroeg Eropaf) and its menu entries (staff and public). */
export const signalsPages: PageRoute[] = [
  { path: '/medewerkers/signalen', element: <SignalQueue />, access: 'signals:work' },
  { path: '/medewerkers/signalen/aanleveren', element: <SignalUpload />, access: 'signals:submit' },
  { path: '/medewerkers/signalen/terugkoppeling', element: <SignalFeedback />, access: 'signals:submit' },
  { path: '/medewerkers/signalen/monitor', element: <SignalMonitor />, access: 'signals:monitor' },
  { path: '/medewerkers/signalen/kolomkoppeling', element: <SignalMapping />, access: 'signals:configure' },
  { path: '/medewerkers/signalen/brieven', element: <SignalLetters />, access: 'signals:work' },
  { path: '/medewerkers/signalen/brieftekst', element: <SignalLetterTemplate />, access: 'signals:templates' },
  { path: '/medewerkers/signalen/zaken/:id', element: <SignalCase />, access: 'signals:work' },
];
export const signalsStaffNav: NavItem[] = [
  { to: '/medewerkers/signalen', label: 'Vroeg Eropaf', permission: 'signals:work' },
  { to: '/medewerkers/signalen/brieven', label: 'Brieven maken', permission: 'signals:work' },
  { to: '/medewerkers/signalen/brieftekst', label: 'Brieftekst', permission: 'signals:templates' },
  { to: '/medewerkers/signalen/aanleveren', label: 'Signalen aanleveren', permission: 'signals:submit' },
  { to: '/medewerkers/signalen/terugkoppeling', label: 'Terugkoppeling op signalen', permission: 'signals:submit' },
  { to: '/medewerkers/signalen/monitor', label: 'Monitor vroegsignalering', permission: 'signals:monitor' },
  { to: '/medewerkers/signalen/kolomkoppeling', label: 'Kolomkoppeling', permission: 'signals:configure' },
];
export const signalsPublicNav: NavItem[] = [];
