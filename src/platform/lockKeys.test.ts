import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../../test/support/db.ts';
import { advisoryKey, lockSecret } from './lockKeys.ts';
import { serverSecrets } from './schema.ts';

/** apiload's keys: the first eight bytes of a plain SHA-256 of the name, which anyone reading pg_locks could redo. */
const plainKey = (name: string) => createHash('sha256').update(name).digest().readBigInt64BE(0).toString();

describe('advisory-lock keys', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await createTestDatabase());
  });
  afterAll(() => cleanup?.());

  it('derives the key of a BSN with the database’s secret, not as a plain hash of the name', async () => {
    // Made by the migration, so the first import changes no table for it.
    const [made] = await db.unaudited((q) => q.select().from(serverSecrets));
    expect(made).toMatchObject({ name: 'lock_keys' });
    const secret = await lockSecret(db);
    expect(secret.equals(Buffer.from(made!.value, 'base64'))).toBe(true);
    expect(secret.length).toBe(32);
    const name = 'signals:bsn:GM0505:123456782';
    const key = advisoryKey(secret, name);
    expect(key).toMatch(/^-?\d+$/);
    expect(key).not.toBe(plainKey(name));
    // The same name gives the same key (two processes must meet on it); another BSN another key.
    expect(advisoryKey(secret, name)).toBe(key);
    expect(advisoryKey(secret, 'signals:bsn:GM0505:123456794')).not.toBe(key);
    // Another secret, another key: without the secret the keys cannot be recomputed.
    expect(advisoryKey(Buffer.alloc(32, 1), name)).not.toBe(key);
  });

  it('keeps one secret per database, stored once, that every process reads', async () => {
    const secret = await lockSecret(db);
    const rows = await db.unaudited((q) => q.select().from(serverSecrets));
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.value, 'base64').equals(secret)).toBe(true);
    // Asked again, the same secret (read once per process; the row is never replaced).
    expect((await lockSecret(db)).equals(secret)).toBe(true);
  });
});
