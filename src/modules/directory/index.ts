/**
 * What other modules may call in `directory` (GeldenzoDordt, the social map). The map is not personal data.
 *
 * - `listDirectory(db)`: every active entry (service + organisation + consultation hours + places).
 * - `findServices(db, query)`: the search the public page uses (text with the staff's synonyms, theme, audience, area,
 *   open now / this week, kinds of help), evaluated at `db.clock.now()` in Europe/Amsterdam.
 * - `getDirectoryEntry(db, id)`: one entry (NotFoundError when unknown).
 */
import type { Database } from '../../db/database.ts';
import { searchDirectory, type DirectoryEntry, type DirectoryQuery } from './domain.ts';
import { getEntry, loadDirectory } from './store.ts';
import { synonymTable } from './synonymStore.ts';

export async function listDirectory(db: Database): Promise<DirectoryEntry[]> {
  return (await loadDirectory(db)).filter((e) => e.active);
}

export async function findServices(db: Database, query: DirectoryQuery): Promise<DirectoryEntry[]> {
  return searchDirectory(await loadDirectory(db), query, db.clock.now(), await synonymTable(db));
}

export async function getDirectoryEntry(db: Database, id: string): Promise<DirectoryEntry> {
  return getEntry(db, id);
}

export {
  audiences,
  themes,
  helpKinds,
  themeLabels,
  audienceLabels,
  helpKindLabels,
  describeSchedule,
  type Audience,
  type Theme,
  type HelpKind,
  type DirectoryEntry,
  type DirectoryQuery,
} from './domain.ts';
