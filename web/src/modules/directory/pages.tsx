import type { PageRoute } from '../../routes.tsx';
import { DirectoryEdit, DirectoryList } from './DirectoryAdmin.tsx';

/**
 * The browser pages of the directory module and its staff menu entry. The public search (/hulp) and detail pages
 * (/hulp/:id) are rendered by the server without JavaScript (src/modules/directory/pages.ts).
 */
export const directoryPages: PageRoute[] = [
  { path: '/medewerkers/sociale-kaart', element: <DirectoryList />, access: 'directory:edit' },
  { path: '/medewerkers/sociale-kaart/:id', element: <DirectoryEdit />, access: 'directory:edit' },
];
