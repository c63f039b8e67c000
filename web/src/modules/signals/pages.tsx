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
