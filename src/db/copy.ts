import type { Writable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from './database.ts';

/**
 * Bulk loading inside a transaction with PostgreSQL's COPY (text format), the fastest way rows get into a table.
 * On a PostgreSQL server the rows stream over the transaction's own connection while the caller goes on producing
 * them; on PGlite (which has no COPY FROM STDIN) they go in as blobs of a few megabytes, so memory stays flat.
 *
 * `statement` is a fixed `COPY table (columns) FROM STDIN` written by the caller, never built from input.
 */
export interface CopyWriter {
  /** Whole lines in COPY text format (see `copyField`), each ending in `\n`. */
  write(lines: string): Promise<void>;
  end(): Promise<void>;
  /** Ends the COPY with an error (the server is told, so the connection stays usable for the rollback). */
  abort(error: Error): Promise<void>;
}

const PGLITE_BLOB_CHARS = 4 << 20;

interface PgClientLike {
  query(stream: Writable): Writable;
}
interface PgliteTxLike {
  query(query: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
}

export function openCopy(tx: Tx, kind: 'pglite' | 'postgres', statement: string): CopyWriter {
  if (!/^copy [a-z_]+ \([a-z_, ]+\) from stdin$/i.test(statement)) throw new Error(`Not a COPY … FROM STDIN statement: ${statement}`);
  // drizzle keeps the transaction's connection (pg) or transaction (PGlite) on its session.
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  return kind === 'postgres' ? pgCopy(client as PgClientLike, statement) : pgliteCopy(client as PgliteTxLike, statement);
}

function pgCopy(client: PgClientLike, statement: string): CopyWriter {
  const stream = client.query(copyFrom(statement));
  let failure: Error | null = null;
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', (error: Error) => {
      failure = error;
      reject(error);
    });
  });
  finished.catch(() => {}); // surfaced by write() or end()
  return {
    async write(lines) {
      if (failure) throw failure;
      if (!stream.write(lines)) {
        await new Promise<void>((resolve, reject) => {
          const onError = (error: Error) => reject(error);
          stream.once('drain', () => {
            stream.off('error', onError);
            resolve();
          });
          stream.once('error', onError);
        });
      }
    },
    async end() {
      if (failure) throw failure;
      stream.end();
      await finished;
    },
    async abort(error) {
      if (failure || stream.destroyed) return;
      await new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.destroy(error);
      });
    },
  };
}

function pgliteCopy(client: PgliteTxLike, statement: string): CopyWriter {
  const fromBlob = statement.replace(/from stdin$/i, "from '/dev/blob'");
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!size) return;
    const blob = new Blob(parts);
    parts = [];
    size = 0;
    await client.query(fromBlob, [], { blob });
  };
  return {
    async write(lines) {
      parts.push(lines);
      size += lines.length;
      if (size >= PGLITE_BLOB_CHARS) await flush();
    },
    end: flush,
    async abort() {
      parts = [];
      size = 0;
    },
  };
}

const needsEscape = /[\\\t\n\r]/;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY text format: `\N` for null, backslash, tab and line breaks escaped. */
export function copyField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return needsEscape.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => escapes[c]!) : value;
}
