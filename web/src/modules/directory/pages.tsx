import type { PageRoute } from '../../routes.tsx';
import { DirectoryEdit } from './DirectoryEdit.tsx';
import { DirectoryList } from './DirectoryList.tsx';
import { PlaceEdit } from './Places.tsx';
import { DirectorySynonyms } from './Synonyms.tsx';

/**
 * The browser pages of the directory module and its staff menu entry. The public search (/hulp) and detail pages
 * (/hulp/:id) are rendered by the server without JavaScript (src/modules/directory/pages.ts).
 */
export const directoryPages: PageRoute[] = [
  { path: '/medewerkers/sociale-kaart', element: <DirectoryList />, access: 'directory:edit' },
  { path: '/medewerkers/sociale-kaart/zoekwoorden', element: <DirectorySynonyms />, access: 'directory:edit' },
  { path: '/medewerkers/sociale-kaart/plekken/:id', element: <PlaceEdit />, access: 'directory:edit' },
  { path: '/medewerkers/sociale-kaart/:id', element: <DirectoryEdit />, access: 'directory:edit' },
];
