import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.ts';
import { systemActor } from '../platform/actor.ts';
import { ensureReferenceData } from '../platform/demo.ts';
import { persons } from '../platform/schema.ts';
import { restorePostgres } from './backup.ts';
import { Database } from './database.ts';

const exec = promisify(execFile);
const actor = systemActor('test');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function addPerson(db: Database, surname: string): Promise<string> {
  return db.audited(actor, { action: 'create', objectType: 'person' }, async (tx) => {
    const [p] = await tx.insert(persons).values({ municipalityCode: 'GM0505', surname }).returning();
    return p!.id;
  });
}

async function surnames(db: Database): Promise<string[]> {
  const rows = await db.audited(actor, { action: 'search', objectType: 'person' }, (tx) => tx.select().from(persons));
  return rows.map((r) => r.surname).sort();
}

describe('backup and restore', () => {
  it('round-trips the embedded database through `vangnet backup` and `vangnet restore`', async () => {
    const dataDir = path.join(tmp, 'data');
    const db = await Database.open({ dataDir });
    await ensureReferenceData(db);
    await addPerson(db, 'Voor-backup');
    await db.close();
    const env: NodeJS.ProcessEnv = { ...process.env, VANGNET_DATA_DIR: dataDir, VANGNET_LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const file = path.join(tmp, 'backup.tar.gz');
    const bin = path.resolve('bin/vangnet.js');
    const { stdout } = await exec(process.execPath, [bin, 'backup', '--out', file], { env });
    expect(stdout).toContain('Back-up geschreven');
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    const after = await Database.open({ dataDir });
    await addPerson(after, 'Na-backup');
    expect(await surnames(after)).toEqual(['Na-backup', 'Voor-backup']);
    await after.close();

    await expect(exec(process.execPath, [bin, 'restore', file], { env })).rejects.toThrow(/--force/);
    await exec(process.execPath, [bin, 'restore', file, '--force'], { env });
    const restored = await Database.open({ dataDir });
    expect(await surnames(restored)).toEqual(['Voor-backup']);
    await restored.close();
  }, 120_000);

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('round-trips a PostgreSQL database with pg_dump and pg_restore', async () => {
    const { db, url, cleanup } = await createTestDatabase();
    try {
      const id = await addPerson(db, 'Server-voor');
      const file = path.join(tmp, 'backup.pgdump');
      await db.backup(actor, file);
      await db.audited(actor, { action: 'delete', objectType: 'person' }, (tx) => tx.delete(persons).where(eq(persons.id, id)));
      await addPerson(db, 'Server-na');
      await restorePostgres(url!, file);
      expect(await surnames(db)).toEqual(['Server-voor']);
    } finally {
      await cleanup();
    }
  });
});
