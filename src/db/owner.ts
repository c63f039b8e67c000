import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * One embedded database, one owner. PGlite is a single PostgreSQL backend inside one process: a second process on
 * the same data folder corrupts it. So whoever opens an embedded folder first claims it, and every later opener
 * sees who holds it and stops (or, when the holder is the server, hands its command to the server).
 *
 * The claim is a directory next to the data folder, `<folder>.lock/`, that holds the owner's description
 * (`<id>.json`) and a Unix socket the owner listens on (`<id>.sock`):
 * - Taking it is one atomic `rename(2)` of a directory that was filled beforehand (owner file and listening
 *   socket) onto `<folder>.lock`. rename succeeds only when that name is absent or an empty directory, and a
 *   claimed lock is never empty, so of any number of processes started at the same moment exactly one wins.
 * - Whether the owner is alive is asked of the kernel: connecting to its socket succeeds while the process lives
 *   (even while it is busy) and is refused once it is gone, also after SIGKILL. No timestamps, no pid reuse.
 * - A stale claim is taken over by removing only the dead owner's own two files (their names carry its random
 *   id) and then `rmdir`, which only removes an empty directory. A racing process that has meanwhile put its own
 *   claim in place is therefore never removed; the losers of the race find the new owner alive and stop.
 * - The directory is created with mode 0700 and the socket with 0600, so only the same OS user can read who owns
 *   the folder or talk to the owner. The server answers commands on that socket (see src/control.ts).
 */

export type OwnerKind = 'server' | 'command';

export interface OwnerInfo {
  id: string;
  pid: number;
  kind: OwnerKind;
  /** What runs, e.g. `vangnet signals import`. */
  command: string;
  since: string;
}

/** Answers a connection on the owner's socket (the server's control channel); without one, the socket only proves life. */
export type ConnectionHandler = (socket: net.Socket) => void;

export class DataDirInUseError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly dataDir: string,
    readonly owner: OwnerInfo | null,
  ) {
    super(inUseMessage(dataDir, owner));
    this.name = 'DataDirInUseError';
  }
}

function inUseMessage(dataDir: string, owner: OwnerInfo | null): string {
  const folder = path.resolve(dataDir);
  if (!owner) {
    return `De gegevensmap ${folder} is in gebruik door een ander proces (de vergrendeling ${lockPath(folder)} kan niet worden gelezen of overgenomen). Stop dat proces en probeer het opnieuw.`;
  }
  const who = `${owner.command} (proces ${owner.pid}, sinds ${owner.since.slice(0, 19).replace('T', ' ')} UTC)`;
  if (owner.kind === 'server') {
    return `De gegevensmap ${folder} is in gebruik door de server ${who}. Er kan maar één server tegelijk op een gegevensmap draaien, en een back-up terugzetten kan alleen als hij gestopt is: gebruik de server die al draait, of stop hem eerst (Ctrl+C of kill ${owner.pid}) en probeer het opnieuw.`;
  }
  return `De gegevensmap ${folder} is in gebruik door ${who}. Wacht tot dat klaar is (of stop het met kill ${owner.pid}) en probeer het opnieuw; er kan maar één proces tegelijk de ingebouwde database openen.`;
}

export function lockPath(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

/** The longest socket path Linux and macOS accept, with some margin. */
const maxSocketPath = 100;

/** A claim on an embedded data folder, held until `release()`. */
export class DataDirClaim {
  #handler: ConnectionHandler | undefined;
  #released = false;
  readonly #server: net.Server;

  constructor(
    readonly dataDir: string,
    readonly owner: OwnerInfo,
    readonly socketPath: string,
    server: net.Server,
  ) {
    this.#server = server;
    server.on('connection', (socket) => {
      socket.on('error', () => {});
      if (this.#handler) this.#handler(socket);
      else socket.end(`${JSON.stringify({ type: 'owner', owner: this.owner })}\n`);
    });
  }

  /** Lets the owner answer connections on its socket (the server's control channel). */
  accept(handler: ConnectionHandler): void {
    this.#handler = handler;
  }

  /** Gives the folder up. Call only after the database is closed. */
  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    const lock = lockPath(this.dataDir);
    for (const file of ownFiles(this.owner.id)) rmQuietly(path.join(lock, file));
    try {
      fs.rmdirSync(lock);
    } catch {
      // not empty (someone left other files there) or already gone: the next opener takes it over
    }
  }
}

function ownFiles(id: string): string[] {
  return [`${id}.sock`, `${id}.json`];
}

function rmQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

/**
 * Claims the embedded data folder for this process, or throws DataDirInUseError naming the live owner.
 * Never waits for another owner: a second opener stops at once.
 */
export async function claimDataDir(dataDir: string, description: { kind: OwnerKind; command: string }): Promise<DataDirClaim> {
  const folder = path.resolve(dataDir);
  const lock = lockPath(folder);
  const id = randomBytes(6).toString('hex');
  const owner: OwnerInfo = { id, pid: process.pid, kind: description.kind, command: description.command, since: new Date().toISOString() };
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  // Filled first under a name of its own, next to the lock so the rename stays on one file system.
  const staging = path.join(path.dirname(lock), `.${path.basename(lock)}.${id}`);
  const stagedSocket = path.join(staging, `${id}.sock`);
  if (Math.max(stagedSocket.length, path.join(lock, `${id}.sock`).length) > maxSocketPath) {
    throw new Error(`Het pad van de gegevensmap ${folder} is te lang voor de vergrendeling (${lock}). Kies met VANGNET_DATA_DIR een kortere map.`);
  }
  fs.mkdirSync(staging, { mode: 0o700 });
  let server: net.Server;
  try {
    server = await listen(stagedSocket);
    fs.chmodSync(stagedSocket, 0o600);
    fs.writeFileSync(path.join(staging, `${id}.json`), JSON.stringify(owner), { mode: 0o600 });
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const giveUp = async (error: Error): Promise<never> => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      fs.renameSync(staging, lock);
      // The listening socket is bound to its inode, so it keeps answering under the new name.
      return new DataDirClaim(folder, owner, path.join(lock, `${id}.sock`), server);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') return giveUp(error as Error);
    }
    const current = await inspectLock(lock);
    if (current.state === 'alive' || current.state === 'unreadable') return giveUp(new DataDirInUseError(folder, current.owner));
    if (current.state === 'stale') {
      // Remove only the dead owner's own files; rmdir then removes the directory only if nothing else is in it.
      for (const file of ownFiles(current.id)) rmQuietly(path.join(lock, file));
    }
    try {
      fs.rmdirSync(lock);
    } catch {
      // someone else was quicker, or there are files we do not know: look again
    }
  }
  return giveUp(new DataDirInUseError(folder, null));
}

type LockState = { state: 'absent' } | { state: 'alive'; owner: OwnerInfo | null } | { state: 'stale'; id: string } | { state: 'unreadable'; owner: null };

/** Who holds the lock, and whether that process is alive. */
async function inspectLock(lock: string): Promise<LockState> {
  let entries: string[];
  try {
    entries = fs.readdirSync(lock);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { state: 'absent' } : { state: 'unreadable', owner: null };
  }
  const ids = [...new Set(entries.map((e) => /^([0-9a-f]{12})\.(sock|json)$/.exec(e)?.[1]).filter((x): x is string => Boolean(x)))];
  if (ids.length === 0) return entries.length === 0 ? { state: 'absent' } : { state: 'unreadable', owner: null };
  for (const id of ids) {
    if (await isAlive(path.join(lock, `${id}.sock`))) return { state: 'alive', owner: readOwner(lock, id) };
  }
  return { state: 'stale', id: ids[0]! };
}

function readOwner(lock: string, id: string): OwnerInfo | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(lock, `${id}.json`), 'utf8')) as OwnerInfo;
  } catch {
    return null;
  }
}

/** The live owner of an embedded data folder, or null when nobody holds it. */
export async function currentOwner(dataDir: string): Promise<{ owner: OwnerInfo; socketPath: string } | null> {
  const lock = lockPath(dataDir);
  const state = await inspectLock(lock);
  if (state.state !== 'alive' || !state.owner) return null;
  return { owner: state.owner, socketPath: path.join(lock, `${state.owner.id}.sock`) };
}

/**
 * Asks the kernel: a connection to a live owner's socket is accepted (queued even while the owner is busy), a
 * dead owner's socket refuses it. Anything else (a full queue, a permission error) counts as alive: never take
 * over a folder on a doubt.
 */
function isAlive(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection(socketPath);
    const done = (alive: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(alive);
    };
    const timer = setTimeout(() => done(true), 5000);
    socket.once('connect', () => done(true));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code !== 'ECONNREFUSED' && error.code !== 'ENOENT'));
  });
}

function listen(socketPath: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      // The lock must never keep the process alive on its own.
      server.unref();
      resolve(server);
    });
  });
}
