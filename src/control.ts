import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CommanderError } from 'commander';
import type { Database } from './db/database.ts';
import { lockPath, type DataDirClaim, type OwnerInfo } from './db/owner.ts';
import { printError, type CommandIo } from './io.ts';

/**
 * The server's control channel. While `vangnet serve` owns an embedded data folder, no other process may open it,
 * so a `vangnet` command started meanwhile sends its command line to the server instead, on the owner's Unix
 * socket in `<folder>.lock/` (see src/db/owner.ts). The server runs the same command code in its own process on
 * its own Database (so PGlite's one session serialises the command's transactions with the server's requests)
 * and streams standard output, standard error and the exit code back.
 *
 * Who may talk: only the OS user who owns the server. The socket sits in a directory of mode 0700 with mode 0600
 * itself, and the client checks that the directory belongs to its own user before it sends anything, so it never
 * hands a command line to a socket someone else planted.
 *
 * Frames are JSON lines. Request: `{"type":"run","argv":[...],"cwd":"/abs"}`. Answers: `{"type":"out","data":"..."}`,
 * `{"type":"err","data":"..."}` and finally `{"type":"exit","code":0}`.
 */

const maxRequestBytes = 256 * 1024;

type Runner = (argv: string[], io: CommandIo) => Promise<void>;

interface RunRequest {
  type: 'run';
  argv: string[];
  cwd: string;
}

function parseRequest(line: string): RunRequest | null {
  try {
    const value = JSON.parse(line) as Partial<RunRequest>;
    if (value.type !== 'run' || !Array.isArray(value.argv) || !value.argv.every((a) => typeof a === 'string')) return null;
    if (typeof value.cwd !== 'string' || !path.isAbsolute(value.cwd)) return null;
    return { type: 'run', argv: value.argv, cwd: value.cwd };
  } catch {
    return null;
  }
}

/** Answers command lines on the owner's socket; `close()` waits for the commands that are still running. */
export function serveCommands(claim: DataDirClaim, run: Runner): { close: () => Promise<void> } {
  const running = new Set<Promise<void>>();
  let closing = false;
  claim.accept((socket) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\n');
      if (end < 0) {
        if (buffer.length > maxRequestBytes) socket.destroy();
        return;
      }
      socket.off('data', onData);
      const request = parseRequest(buffer.slice(0, end));
      const send = (frame: object) => {
        if (!socket.destroyed) socket.write(`${JSON.stringify(frame)}\n`);
      };
      if (!request) {
        send({ type: 'err', data: 'Onbekend verzoek aan de server.\n' });
        send({ type: 'exit', code: 2 });
        socket.end();
        return;
      }
      if (closing) {
        send({ type: 'err', data: 'De server stopt; probeer het opnieuw als hij gestopt is.\n' });
        send({ type: 'exit', code: 2 });
        socket.end();
        return;
      }
      const task = execute(request, send).finally(() => {
        running.delete(task);
        socket.end();
      });
      running.add(task);
    };
    socket.on('data', onData);
  });

  async function execute(request: RunRequest, send: (frame: object) => void): Promise<void> {
    const io: CommandIo = {
      write: (data) => send({ type: 'out', data }),
      writeError: (data) => send({ type: 'err', data }),
      interactive: false,
      errorInteractive: false,
      cwd: request.cwd,
      exitCode: 0,
    };
    try {
      await run(request.argv, io);
    } catch (error) {
      if (error instanceof CommanderError) io.exitCode = error.exitCode;
      else {
        printError(io, error instanceof Error ? error.message : String(error));
        io.exitCode = io.exitCode || 1;
      }
    }
    send({ type: 'exit', code: io.exitCode });
  }

  return {
    close: async () => {
      closing = true;
      await Promise.allSettled([...running]);
    },
  };
}

/** The server's Database for one command: the command's `close()` leaves it open for the server. */
export function lend(db: Database): Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'close') return async () => {};
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Why a command could not be handed to the server (the caller then tries on its own or stops). */
export class ControlChannelUnavailable extends Error {}

/**
 * Sends this command line to the server that owns the embedded folder and relays its output. Resolves to the
 * command's exit code. Throws ControlChannelUnavailable when the server is gone (it just stopped).
 */
export async function forwardToServer(dataDir: string, owner: OwnerInfo, argv: string[], io: CommandIo): Promise<number> {
  const lock = lockPath(dataDir);
  const stat = fs.statSync(lock);
  if (typeof process.getuid === 'function' && (stat.uid !== process.getuid() || (stat.mode & 0o077) !== 0)) {
    throw new Error(
      `De vergrendeling ${lock} is niet van uw gebruiker of is voor anderen toegankelijk; er wordt niets naar gestuurd. Controleer wie die map heeft gemaakt.`,
    );
  }
  const socketPath = path.join(lock, `${owner.id}.sock`);
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    let buffer = '';
    let connected = false;
    let exitCode: number | null = null;
    socket.on('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify({ type: 'run', argv, cwd: io.cwd })}\n`);
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        let frame: { type?: string; data?: unknown; code?: unknown };
        try {
          frame = JSON.parse(line);
        } catch {
          continue;
        }
        if (frame.type === 'out' && typeof frame.data === 'string') io.write(frame.data);
        else if (frame.type === 'err' && typeof frame.data === 'string') io.writeError(frame.data);
        else if (frame.type === 'exit' && typeof frame.code === 'number') exitCode = frame.code;
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected) reject(new ControlChannelUnavailable(error.message));
    });
    socket.on('close', () => {
      if (!connected) return;
      if (exitCode === null) {
        printError(
          io,
          'De verbinding met de server werd verbroken voordat het commando klaar was. Kijk in het auditlog of het is uitgevoerd voordat u het opnieuw probeert.',
        );
        resolve(1);
      } else resolve(exitCode);
    });
  });
}
