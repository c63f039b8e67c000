import { execFile, spawn, type SpawnOptions } from 'node:child_process';
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
import { backupPostgres, restorePostgres, type Spawn } from './backup.ts';
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

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

/** Records how a PostgreSQL tool was started, then runs a stand-in that writes `output` to its standard output. */
function recordingSpawn(output = '') {
  const calls: { command: string; args: string[]; env: Record<string, string | undefined> }[] = [];
  const fake: Spawn = (command, args, options: SpawnOptions) => {
    calls.push({ command, args, env: { ...(options.env ?? {}) } });
    return spawn(process.execPath, ['-e', `process.stdout.write(${JSON.stringify(output)})`], { ...options, env: { PATH: process.env.PATH } });
  };
  return { calls, fake };
}

describe('backups are private', () => {
  const secretUrl =
    'postgres://vangnet_app:Geheim%21w8woord@db.gemeente.example:6543/vangnet_prod?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fgemeente-ca.pem&application_name=vangnet';

  it('writes the PGlite backup with mode 0600, also over a world-readable file left by an earlier run', async () => {
    const dataDir = path.join(tmp, 'private');
    const db = await Database.open({ dataDir });
    try {
      const file = path.join(tmp, 'private.tar.gz');
      for (const left of [file, `${file}.partial`]) {
        fs.writeFileSync(left, 'oud');
        fs.chmodSync(left, 0o644);
      }
      await db.backup(actor, file);
      expect(modeOf(file)).toBe(0o600);
      expect(fs.existsSync(`${file}.partial`)).toBe(false);
      expect(fs.statSync(file).size).toBeGreaterThan(1000);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('starts pg_dump with the connection in the environment, never on the command line, into a file made 0600', async () => {
    const { calls, fake } = recordingSpawn('PGDMP-inhoud');
    const file = path.join(tmp, 'secret.pgdump');
    fs.writeFileSync(`${file}.partial`, 'oud');
    fs.chmodSync(`${file}.partial`, 0o644);
    await backupPostgres(secretUrl, file, { spawn: fake });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.command).toBe('pg_dump');
    const argv = call!.args.join(' ');
    for (const secret of ['postgres://', 'Geheim', 'vangnet_app', 'db.gemeente.example', '6543', 'vangnet_prod']) expect(argv).not.toContain(secret);
    expect(call!.env).toMatchObject({
      PGHOST: 'db.gemeente.example',
      PGPORT: '6543',
      PGUSER: 'vangnet_app',
      PGPASSWORD: 'Geheim!w8woord',
      PGDATABASE: 'vangnet_prod',
      PGSSLMODE: 'verify-full',
      PGSSLROOTCERT: '/etc/ssl/gemeente-ca.pem',
      PGAPPNAME: 'vangnet',
    });
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('PGDMP-inhoud');
  });

  it('starts pg_restore the same way, and never passes on connection settings of its own environment', async () => {
    const { calls, fake } = recordingSpawn();
    const previous = { PGPASSWORD: process.env.PGPASSWORD, PGHOST: process.env.PGHOST };
    process.env.PGPASSWORD = 'wachtwoord-van-een-ander';
    process.env.PGHOST = 'andere-server.example';
    try {
      await restorePostgres('postgres://herstel@db.gemeente.example/vangnet_prod', path.join(tmp, 'secret.pgdump'), { spawn: fake });
    } finally {
      for (const [key, value] of Object.entries(previous))
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    }
    const [call] = calls;
    expect(call!.command).toBe('pg_restore');
    expect(call!.args.join(' ')).not.toMatch(/postgres:|db\.gemeente\.example|herstel/);
    expect(call!.args).toContain('--dbname=vangnet_prod');
    expect(call!.env).toMatchObject({ PGHOST: 'db.gemeente.example', PGUSER: 'herstel', PGDATABASE: 'vangnet_prod' });
    expect(call!.env.PGPASSWORD).toBeUndefined();
  });

  it('refuses a DATABASE_URL with a parameter libpq would not know, with a Dutch message naming it', async () => {
    await expect(backupPostgres('postgres://a@b/c?sslmdoe=require', path.join(tmp, 'x.pgdump'), { spawn: recordingSpawn().fake })).rejects.toThrow(
      'DATABASE_URL bevat de onbekende parameter sslmdoe.',
    );
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    'the real pg_dump: its command line (/proc/<pid>/cmdline) holds no connection details; the file is 0600',
    async () => {
      const { url, cleanup } = await createTestDatabase();
      try {
        const server = new URL(url!);
        const cmdlines: string[] = [];
        const watching: Spawn = (command, args, options) => {
          const child = spawn(command, args, options);
          cmdlines.push(fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
          return child;
        };
        const file = path.join(tmp, 'real.pgdump');
        await backupPostgres(url!, file, { spawn: watching });
        expect(cmdlines[0]).toContain('pg_dump');
        for (const secret of ['postgres://', server.pathname.slice(1), `${server.hostname}:`]) expect(cmdlines[0]).not.toContain(secret);
        expect(modeOf(file)).toBe(0o600);
        expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
        await restorePostgres(url!, file, { spawn: watching });
        expect(cmdlines[1]).toContain('pg_restore');
        expect(cmdlines[1]).not.toContain('postgres://');
      } finally {
        await cleanup();
      }
    },
  );
});
