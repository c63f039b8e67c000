import { getTableName, type Table } from 'drizzle-orm';

/**
 * The tables that hold residents' personal data. The database handle refuses to touch them outside an
 * audited unit of work (see `Database.audited`), so a read without an audit line cannot be written.
 */
const personalTables = new Set<Table>();

export function personal<T extends Table>(table: T): T {
  personalTables.add(table);
  return table;
}

export function isPersonalTable(value: unknown): value is Table {
  return personalTables.has(value as Table);
}

export function personalTableNames(): string[] {
  return [...personalTables].map((t) => getTableName(t)).sort();
}
