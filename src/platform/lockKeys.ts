import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { serverSecrets } from './schema.ts';

/**
 * Advisory-lock keys for names that hold personal data (a BSN, an address key). `pg_locks` shows every lock's key
 * to anyone who may connect, and a BSN has only 10^9 values: a plain hash of `signals:bsn:GM0505:123456782` is found
 * by trying them all. The key is therefore an HMAC under a secret all server processes of the database share, made
 * once at random and kept in `server_secrets` (which `pg_locks` does not show), read once per process.
 */
const secrets = new WeakMap<Database, Promise<Buffer>>();

export function lockSecret(db: Database): Promise<Buffer> {
  let secret = secrets.get(db);
  if (!secret) {
    secret = readOrCreate(db);
    secrets.set(db, secret);
    // A failed read (the database not reachable) is tried again on the next call.
    secret.catch(() => secrets.delete(db));
  }
  return secret;
}

async function readOrCreate(db: Database): Promise<Buffer> {
  const value = await db.unaudited(async (q) => {
    // Two processes starting at once: the first insert wins, both read the same row.
    await q
      .insert(serverSecrets)
      .values({ name: 'lock_keys', value: randomBytes(32).toString('base64'), createdAt: db.clock.now() })
      .onConflictDoNothing();
    const [row] = await q.select({ value: serverSecrets.value }).from(serverSecrets).where(sql`${serverSecrets.name} = 'lock_keys'`);
    return row!.value;
  });
  return Buffer.from(value, 'base64');
}

/** A 64-bit advisory-lock key for a name: HMAC-SHA-256 under the secret, first eight bytes, as a signed bigint. */
export function advisoryKey(secret: Buffer, name: string): string {
  return createHmac('sha256', secret).update(name).digest().readBigInt64BE(0).toString();
}
