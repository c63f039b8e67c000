import { spawn } from 'node:child_process';
import fs from 'node:fs';
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

export async function backupPostgres(url: string, file: string): Promise<number> {
  const partial = `${file}.partial`;
  await run('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${url}`]);
  fs.renameSync(partial, file);
  return fs.statSync(file).size;
}

export async function restorePostgres(url: string, file: string): Promise<void> {
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${url}`, file]);
}

function writeAtomically(file: string, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, bytes, { mode: 0o600 });
  fs.renameSync(partial, file);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', (error) => reject(new Error(`${command} kon niet starten: ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} faalde (${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`))));
  });
}
