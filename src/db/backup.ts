import { spawn as spawnProcess, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Backup and restore of the whole database. Embedded PGlite: a gzipped tarball of its data folder
 * (PGlite's own dump). PostgreSQL: `pg_dump --format=custom` and `pg_restore`, the server's own tools.
 */
export async function backupPglite(client: PGlite, file: string): Promise<number> {
  const dump = await client.dumpDataDir('gzip');
  const bytes = Buffer.from(await dump.arrayBuffer());
  writeAtomically(file, bytes);
  return bytes.length;
}

/** Restores a PGlite backup into an empty data folder (refuses a folder that already holds a database). */
export async function restorePglite(file: string, dataDir: string, options: { force?: boolean } = {}): Promise<void> {
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    if (!options.force) throw new Error(`De map ${dataDir} bevat al een database. Gebruik --force om die te vervangen.`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const blob = new Blob([fs.readFileSync(file)]);
  const client = new PGlite(dataDir, { loadDataDir: blob });
  await client.query('select 1');
  await client.close();
}

/** How the PostgreSQL tools are started; tests pass their own to see the arguments and environment. */
export type Spawn = (command: string, args: string[], options: SpawnOptions) => ChildProcess;
export interface ToolOptions {
  spawn?: Spawn;
}

/**
 * `pg_dump` writes to standard output, into a file this process created with mode 0600 (never readable by others,
 * not even for a moment). The connection goes through the environment, never the command line, which every user
 * of the machine can read (`ps`, /proc/<pid>/cmdline).
 */
export async function backupPostgres(url: string, file: string, options: ToolOptions = {}): Promise<number> {
  const env = postgresEnvironment(url);
  const partial = `${file}.partial`;
  const fd = openPrivate(partial);
  try {
    await run('pg_dump', ['--format=custom', '--no-owner'], env, fd, options.spawn);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(partial, file);
  return fs.statSync(file).size;
}

/** `pg_restore --clean` into the database of `url`; like `pg_dump`, it gets the connection through the environment. */
export async function restorePostgres(url: string, file: string, options: ToolOptions = {}): Promise<void> {
  const env = postgresEnvironment(url);
  // `--dbname` makes pg_restore restore into a database rather than print a script. It carries only the database's
  // name (with `=` libpq would read it as connection settings); host, user, password and TLS come from `env`.
  const database = env.PGDATABASE ?? env.PGUSER ?? os.userInfo().username;
  if (database.includes('=')) throw new Error('De databasenaam in DATABASE_URL mag geen = bevatten.');
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${database}`, file], env, 'ignore', options.spawn);
}

/** libpq's URL parameters and the environment variables that carry them (PostgreSQL docs, "Environment Variables"). */
const libpqEnvironment: Record<string, string> = {
  host: 'PGHOST',
  hostaddr: 'PGHOSTADDR',
  port: 'PGPORT',
  dbname: 'PGDATABASE',
  user: 'PGUSER',
  password: 'PGPASSWORD',
  passfile: 'PGPASSFILE',
  channel_binding: 'PGCHANNELBINDING',
  service: 'PGSERVICE',
  options: 'PGOPTIONS',
  application_name: 'PGAPPNAME',
  sslmode: 'PGSSLMODE',
  sslnegotiation: 'PGSSLNEGOTIATION',
  sslcompression: 'PGSSLCOMPRESSION',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  sslrootcert: 'PGSSLROOTCERT',
  sslcrl: 'PGSSLCRL',
  sslcrldir: 'PGSSLCRLDIR',
  sslsni: 'PGSSLSNI',
  requirepeer: 'PGREQUIREPEER',
  ssl_min_protocol_version: 'PGSSLMINPROTOCOLVERSION',
  ssl_max_protocol_version: 'PGSSLMAXPROTOCOLVERSION',
  gssencmode: 'PGGSSENCMODE',
  krbsrvname: 'PGKRBSRVNAME',
  gsslib: 'PGGSSLIB',
  gssdelegation: 'PGGSSDELEGATION',
  require_auth: 'PGREQUIREAUTH',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  client_encoding: 'PGCLIENTENCODING',
  target_session_attrs: 'PGTARGETSESSIONATTRS',
  load_balance_hosts: 'PGLOADBALANCEHOSTS',
};

/**
 * A `postgres://user:password@host:port/database?sslmode=...` URL as libpq environment variables. The variables of
 * this process that name another connection are left out, so nothing but the URL decides where the tools connect.
 */
export function postgresEnvironment(url: string): Record<string, string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('DATABASE_URL is geen geldige verbindings-URL (postgres://gebruiker:wachtwoord@server:poort/database).');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new Error('DATABASE_URL moet beginnen met postgres:// of postgresql://.');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !Object.values(libpqEnvironment).includes(key)) env[key] = value;
  const set = (name: string, value: string) => {
    if (value !== '') env[name] = value;
  };
  set('PGHOST', decodeURIComponent(parsed.hostname.replace(/^\[(.*)\]$/, '$1')));
  set('PGPORT', parsed.port);
  set('PGUSER', decodeURIComponent(parsed.username));
  set('PGPASSWORD', decodeURIComponent(parsed.password));
  set('PGDATABASE', decodeURIComponent(parsed.pathname.replace(/^\//, '')));
  for (const [key, value] of parsed.searchParams) {
    const name = libpqEnvironment[key];
    if (!name) throw new Error(`DATABASE_URL bevat de onbekende parameter ${key}.`);
    set(name, value);
  }
  return env;
}

function writeAtomically(file: string, bytes: Buffer): void {
  const partial = `${file}.partial`;
  const fd = openPrivate(partial);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, file);
}

/**
 * A new file that only its owner can read: created with mode 0600 in the same call that makes it (`wx`: a file left
 * by an earlier, broken run, whatever its mode, is removed first and never reused).
 */
function openPrivate(file: string): number {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.rmSync(file, { force: true });
  return fs.openSync(file, 'wx', 0o600);
}

function run(command: string, args: string[], env: Record<string, string>, stdout: number | 'ignore', spawn: Spawn = spawnProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', stdout, 'pipe'], env });
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', (error) => reject(new Error(`${command} kon niet starten: ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} faalde (${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`))));
  });
}
