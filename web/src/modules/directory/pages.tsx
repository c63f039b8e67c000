import type { NavItem } from '../../nav.ts';
import type { PageRoute } from '../../routes.tsx';
import { DirectoryEdit, DirectoryList } from './DirectoryAdmin.tsx';
import { ServerPage } from './ServerPage.tsx';

/**
 * The browser pages of the directory module and its menu entries (staff and public).
 * The public search (/hulp) and detail pages (/hulp/:id) are rendered by the server (src/modules/directory/pages.ts);
 * these routes only hand a click in the app's menu over to them.
 */
export const directoryPages: PageRoute[] = [
  { path: '/hulp', element: <ServerPage /> },
  { path: '/hulp/:id', element: <ServerPage /> },
  { path: '/medewerkers/sociale-kaart', element: <DirectoryList />, access: 'directory:edit' },
  { path: '/medewerkers/sociale-kaart/:id', element: <DirectoryEdit />, access: 'directory:edit' },
];
export const directoryStaffNav: NavItem[] = [{ to: '/medewerkers/sociale-kaart', label: 'Sociale kaart', permission: 'directory:edit' }];
export const directoryPublicNav: NavItem[] = [{ to: '/hulp', label: 'Hulp zoeken' }];
