import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { getTableName, is, StringChunk, Table, sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.ts';
import { isPersonalTable } from './personal.ts';
import { backupPglite, backupPostgres } from './backup.ts';
import { claimDataDir, type DataDirClaim, type OwnerKind } from './owner.ts';
import { noWalRecycle, scrubAfterErasure, type ScrubReport } from './scrub.ts';
import { auditEvents, type AuditAction, type AuditResult } from '../platform/schema.ts';
import { actorColumns, type Actor } from '../platform/actor.ts';
import { AppError, ForbiddenError, NoNeedToKnowError, UnauditedPersonalDataAccess } from '../platform/errors.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import { mapDatabaseError } from './errors.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** The parts of an audit line that a statement computes itself (`Database.auditedStatement`), as SQL on the rows of `from`. */
export interface AuditLineSql {
  from: SQL;
  objectId: SQL;
  subjectIds: SQL;
  municipalityCode: SQL;
  /** A jsonb object merged over the event's details. */
  details: SQL;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** What an audited unit of work is about. The work may fill in what it only learns while running. */
export interface AuditEvent {
  action: AuditAction;
  objectType: string;
  objectId?: string | null;
  subjectIds?: string[];
  /** The municipality of the record, when the work is about one (the most precise scope). */
  municipalityCode?: string | null;
  /**
   * The municipalities the line belongs to when it is not one record's: the object's (an organisation and the
   * municipalities it serves). An empty list means the line belongs to no municipality (shown to no municipal admin).
   */
  municipalityCodes?: string[];
  purpose?: string | null;
  details?: Record<string, unknown>;
}

export interface DatabaseOptions {
  /** A PostgreSQL connection string; when absent, embedded PGlite is used. */
  url?: string;
  /** Folder for PGlite's files; `memory` keeps everything in memory (tests). */
  dataDir?: string;
  clock?: Clock;
  poolSize?: number;
  /** Who opens an embedded folder, for the message a second opener gets (default: this program's name). */
  owner?: { kind: OwnerKind; command: string };
  /** A claim on `dataDir` this process already holds (restore claims the folder before it fills it). */
  claim?: DataDirClaim;
}

/**
 * The one database connection. Personal data can only be reached through `audited()`, which writes the
 * audit line in the same transaction as the work; `unaudited()` hands out a handle that refuses personal tables.
 */
export class Database {
  readonly kind: 'pglite' | 'postgres';
  readonly clock: Clock;
  readonly #db: Db;
  readonly #close: () => Promise<void>;
  readonly #source: { pglite: PGlite; dataDir?: string } | { url: string };
  /** The claim on the embedded data folder (null for PostgreSQL and in-memory PGlite): only one process may open it. */
  readonly claim: DataDirClaim | null;

  private constructor(
    kind: 'pglite' | 'postgres',
    db: Db,
    close: () => Promise<void>,
    clock: Clock,
    source: { pglite: PGlite; dataDir?: string } | { url: string },
    claim: DataDirClaim | null = null,
  ) {
    this.kind = kind;
    this.claim = claim;
    this.#db = db;
    this.#close = close;
    this.clock = clock;
    this.#source = source;
  }

  static async open(options: DatabaseOptions = {}): Promise<Database> {
    const clock = options.clock ?? systemClock;
    if (options.url) {
      const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
      // A dropped connection must not take the process down; the next query fails cleanly instead.
      pool.on('error', () => {});
      const db = drizzlePg(pool, { schema }) as unknown as Db;
      const database = new Database('postgres', db, () => pool.end(), clock, { url: options.url });
      await migratePg(db as never, { migrationsFolder });
      return database;
    }
    const dataDir = options.dataDir ?? './data';
    if (dataDir === 'memory') {
      const client = new PGlite();
      const db = drizzlePglite(client, { schema }) as unknown as Db;
      const database = new Database('pglite', db, () => client.close(), clock, { pglite: client });
      await migratePglite(db as never, { migrationsFolder });
      return database;
    }
    // The folder is claimed before PGlite touches it: a second process stops here (DataDirInUseError).
    const claim = options.claim ?? (await claimDataDir(dataDir, options.owner ?? { kind: 'command', command: defaultOwnerCommand() }));
    let client: PGlite | undefined;
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      client = new PGlite(dataDir);
      const pglite = client;
      const db = drizzlePglite(pglite, { schema }) as unknown as Db;
      const database = new Database('pglite', db, () => pglite.close(), clock, { pglite, dataDir }, claim);
      // Old WAL segments are unlinked at a checkpoint, never renamed for reuse with erased rows still in them.
      await pglite.exec(noWalRecycle);
      await migratePglite(db as never, { migrationsFolder });
      return database;
    } catch (error) {
      await client?.close().catch(() => {});
      await claim.release();
      throw error;
    }
  }

  /** Closes the connection; an embedded folder is given up only after PGlite has closed it. */
  async close(): Promise<void> {
    try {
      await this.#close();
    } finally {
      await this.claim?.release();
    }
  }

  /**
   * Runs `work` in one transaction and writes its audit line in that same transaction.
   * If the work fails, nothing of it is kept and an audit line with the failure is written instead.
   */
  async audited<T>(actor: Actor, event: AuditEvent, work: (tx: Tx, trail: AuditEvent) => Promise<T>): Promise<T> {
    const trail: AuditEvent = { ...event, subjectIds: [...(event.subjectIds ?? [])] };
    try {
      return await this.#db.transaction(async (tx) => {
        const result = await work(tx, trail);
        await tx.insert(auditEvents).values(this.#auditRow(actor, trail, 'success'));
        return result;
      });
    } catch (raw) {
      // Mapped first: the audit line records the error's code, never the driver's message.
      const error = mapDatabaseError(raw);
      const result: AuditResult = error instanceof ForbiddenError || error instanceof NoNeedToKnowError ? 'denied' : 'error';
      const code = error instanceof AppError ? error.code : 'internal_error';
      await sanitised(() => this.#db.insert(auditEvents).values(this.#auditRow(actor, { ...trail, details: { ...trail.details, error: code } }, result)));
      throw error;
    }
  }

  /**
   * Work whose change is one SQL statement that also writes its own audit line, as a data-modifying CTE built by
   * `auditLine` (see pass charges): a statement commits as a whole, so the change and its line are kept together or
   * not at all, in one round trip instead of a transaction's four. `work` says whether its statement wrote the line;
   * when it did not (nothing changed, e.g. a repeated request answered from the first one), the line is written here,
   * from `trail`, as `audited` writes it. When `work` throws, the failure's line is written exactly as in `audited`.
   */
  async auditedStatement<T>(
    actor: Actor,
    event: AuditEvent,
    work: (q: Db, trail: AuditEvent, auditLine: (line: AuditLineSql) => SQL) => Promise<{ result: T; lineWritten: boolean }>,
  ): Promise<T> {
    const trail: AuditEvent = { ...event, subjectIds: [...(event.subjectIds ?? [])] };
    try {
      const { result, lineWritten } = await work(this.#db, trail, (line) => this.#auditLineSql(actor, trail, line));
      if (!lineWritten) await this.#db.insert(auditEvents).values(this.#auditRow(actor, trail, 'success'));
      return result;
    } catch (raw) {
      const error = mapDatabaseError(raw);
      const result: AuditResult = error instanceof ForbiddenError || error instanceof NoNeedToKnowError ? 'denied' : 'error';
      const code = error instanceof AppError ? error.code : 'internal_error';
      await sanitised(() => this.#db.insert(auditEvents).values(this.#auditRow(actor, { ...trail, details: { ...trail.details, error: code } }, result)));
      throw error;
    }
  }

  /** `insert into audit_events ... select ... from <line.from>`: a success line whose object, subjects, municipality and details come from SQL. */
  #auditLineSql(actor: Actor, event: AuditEvent, line: AuditLineSql): SQL {
    const row = this.#auditRow(actor, event, 'success');
    const codes = sql`${`{${row.municipalityCodes!.join(',')}}`}::text[]`;
    return sql`insert into ${auditEvents} (occurred_at, actor_kind, actor_user_id, actor_api_key_id, actor_organisation_id, on_behalf_of,
        municipality_code, municipality_codes, action, object_type, object_id, subject_ids, result, origin, purpose, details)
      select ${row.occurredAt!.toISOString()}::timestamptz, ${row.actorKind}, ${row.actorUserId}::uuid, ${row.actorApiKeyId}::uuid,
        ${row.actorOrganisationId}::uuid, ${row.onBehalfOf}::text, ${line.municipalityCode}, case when ${line.municipalityCode} is null then ${codes} else array[${line.municipalityCode}]::text[] end,
        ${row.action}, ${row.objectType}, ${line.objectId}, ${line.subjectIds}, 'success', ${row.origin}::text, ${row.purpose}::text,
        ${JSON.stringify(row.details ?? {})}::jsonb || ${line.details}
      from ${line.from}`;
  }

  /** Records an event that touches no personal table (a login, a denied request) on its own. */
  async recordAuditEvent(actor: Actor, event: AuditEvent, result: AuditResult): Promise<void> {
    await sanitised(() => this.#db.insert(auditEvents).values(this.#auditRow(actor, event, result)));
  }

  /** Work on non-personal data (organisations, configuration, metrics). The handle refuses personal tables. */
  async unaudited<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return sanitised(() => work(guard(this.#db)));
  }

  /** One transaction on non-personal data. */
  async unauditedTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return sanitised(() => this.#db.transaction((tx) => work(guard(tx))));
  }

  /** Raw SQL for maintenance (health check, benchmarks' baselines). Refuses statements naming personal tables. */
  async maintenance(statement: SQL): Promise<unknown> {
    return sanitised(() => guard(this.#db).execute(statement));
  }

  /** Writes a full backup to `file` and records it in the audit trail as an export. Returns its size in bytes. */
  async backup(actor: Actor, file: string): Promise<number> {
    const size = 'pglite' in this.#source ? await backupPglite(this.#source.pglite, file) : await backupPostgres(this.#source.url, file);
    await this.recordAuditEvent(actor, { action: 'export', objectType: 'backup', objectId: path.basename(file), details: { bytes: size } }, 'success');
    return size;
  }

  /**
   * After personal rows were deleted (retention, a request for erasure): rewrites the tables, their indexes and
   * statistics and the WAL so the erased values are no longer in the data files or a later backup (see scrub.ts).
   * Takes an exclusive lock on each table while it is rewritten. Call it after the erasure's transaction committed.
   */
  async scrubAfterErasure(tables: Table[]): Promise<ScrubReport> {
    const execute = async (statement: string) => (await this.#db.execute(sql.raw(statement))) as { rows?: Record<string, unknown>[] };
    const dataDir = 'pglite' in this.#source ? this.#source.dataDir : undefined;
    return scrubAfterErasure(
      { kind: this.kind, execute, dataDir },
      tables.map((t) => getTableName(t)),
    );
  }

  async ping(): Promise<void> {
    await sanitised(() => this.#db.execute(sql`select 1`));
  }

  #auditRow(actor: Actor, event: AuditEvent, result: AuditResult): typeof auditEvents.$inferInsert {
    const municipalityCodes = auditMunicipalities(actor, event);
    return {
      occurredAt: this.clock.now(),
      actorKind: actor.kind === 'system' ? `system:${actor.job}` : actor.kind,
      ...actorColumns(actor),
      actorOrganisationId: actor.kind === 'user' || actor.kind === 'api_key' ? actor.organisationId : null,
      onBehalfOf: actor.onBehalfOf ?? null,
      municipalityCode: event.municipalityCode ?? (municipalityCodes.length === 1 ? municipalityCodes[0]! : null),
      municipalityCodes,
      action: event.action,
      objectType: event.objectType,
      objectId: event.objectId ?? null,
      subjectIds: event.subjectIds ?? [],
      result,
      origin: actor.origin ?? null,
      purpose: event.purpose ?? null,
      details: event.details ?? null,
    };
  }
}

/**
 * Every audit line is scoped to the municipalities it belongs to, in this order: the record's municipality; else
 * the object's municipalities named by the work; else those of the acting user's or key's organisation. A system
 * job or an anonymous caller with neither belongs to no municipality.
 */
export function auditMunicipalities(actor: Actor, event: AuditEvent): string[] {
  if (event.municipalityCode) return [event.municipalityCode];
  if (event.municipalityCodes) return [...new Set(event.municipalityCodes)].sort();
  if (actor.kind === 'user' || actor.kind === 'api_key') return [...new Set(actor.municipalities)].sort();
  return [];
}

/** Runs database work; a database error leaves as a mapped error without the query or its parameters (see errors.ts). */
async function sanitised<T>(work: () => PromiseLike<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw mapDatabaseError(error);
  }
}

function defaultOwnerCommand(): string {
  return [path.basename(process.argv[1] ?? 'node'), ...process.argv.slice(2, 4)].join(' ');
}

const checkedMethods = new Set([
  'select',
  'selectDistinct',
  'selectDistinctOn',
  'insert',
  'update',
  'delete',
  'from',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'crossJoin',
  'innerJoinLateral',
  'leftJoinLateral',
  'crossJoinLateral',
  'with',
  '$with',
  'as',
  'union',
  'unionAll',
  'intersect',
  'except',
  'where',
  'set',
  'values',
]);
const passThrough = new Set(['then', 'catch', 'finally', 'toSQL', 'getSQL', 'prepare']);

function assertNotPersonal(value: unknown): void {
  if (isPersonalTable(value)) throw new UnauditedPersonalDataAccess(getTableName(value));
  if (is(value, Table)) {
    // Aliases of a personal table are proxies with their own identity; compare by original name.
    const original = (value as unknown as Record<symbol, unknown>)[Symbol.for('drizzle:OriginalName')];
    if (typeof original === 'string' && personalNames().has(original)) throw new UnauditedPersonalDataAccess(original);
  }
  if (value && typeof value === 'object' && 'queryChunks' in value) {
    for (const chunk of (value as { queryChunks: unknown[] }).queryChunks) assertNotPersonal(chunk);
  }
  // Raw SQL text (sql.raw, literal parts of sql``) naming a personal table is refused too.
  // (Only SQL text: bound parameters are data, and may well contain such a word.)
  if (is(value, StringChunk)) {
    const text = value.value.join(' ');
    const named = personalNamePattern().exec(text);
    if (named) throw new UnauditedPersonalDataAccess(named[1]!);
  }
}

let personalPattern: RegExp | undefined;
function personalNamePattern(): RegExp {
  personalPattern ??= new RegExp(`(?<![\\w.])"?(${[...personalNames()].join('|')})"?(?![\\w.])`, 'i');
  return personalPattern;
}

let personalNameCache: Set<string> | undefined;
function personalNames(): Set<string> {
  personalNameCache ??= new Set(
    Object.values(schema)
      .filter((v) => isPersonalTable(v))
      .map((t) => getTableName(t as Table)),
  );
  return personalNameCache;
}

/** Wraps a Drizzle handle or builder so that any use of a personal table throws. */
function guard<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (prop === 'query' && value && typeof value === 'object') {
        return new Proxy(value as object, {
          get(relational, key, r) {
            const table = (schema as Record<string, unknown>)[key as string];
            if (isPersonalTable(table)) throw new UnauditedPersonalDataAccess(getTableName(table));
            return Reflect.get(relational, key, r);
          },
        });
      }
      if (typeof value !== 'function' || typeof prop === 'symbol') return value;
      if (passThrough.has(prop)) return value.bind(obj);
      if (prop === 'transaction') {
        return (fn: (tx: object) => Promise<unknown>, config?: unknown) =>
          (value as (f: unknown, c?: unknown) => Promise<unknown>).call(obj, (tx: object) => fn(guard(tx)), config);
      }
      return (...args: unknown[]) => {
        if (checkedMethods.has(prop) || prop === 'execute') args.forEach(assertNotPersonal);
        const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
        return result && typeof result === 'object' && !(result instanceof Promise) ? guard(result) : result;
      };
    },
  });
}
