// Reads for the HSDS export and API: the map, every organisation and every place (the map is public, unaudited).
import type { Database } from '../../../db/database.ts';
import { listLocations, listOrganizations, loadDirectory } from '../store.ts';
import type { HsdsSource } from './mapping.ts';

export async function loadHsdsSource(db: Database, baseUrl: string): Promise<HsdsSource> {
  const [entries, organizations, locations] = await Promise.all([loadDirectory(db), listOrganizations(db), listLocations(db)]);
  return { entries, organizations, locations, baseUrl };
}
