import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forwardToServer, serveCommands } from '../control.ts';
import type { CommandIo } from '../io.ts';
import { Database } from './database.ts';
import { claimDataDir, currentOwner, DataDirInUseError, lockPath } from './owner.ts';

/**
 * The claim on an embedded data folder, between real processes: of processes started at the same moment exactly one
 * owns the folder, also when they race to take over a stale claim; a SIGKILLed owner never blocks the next one;
 * a busy owner is still an owner; only the owner's OS user can see or reach it.
 */
const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vo-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let folders = 0;
const newFolder = () => path.join(tmp, `d${folders++}`);

interface Child {
  process: ChildProcessWithoutNullStreams;
  lines: string[];
  next: (wanted: RegExp) => Promise<string>;
}

function child(dir: string, mode: 'race' | 'busy', busyMs = 3000): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/claim-child.ts', dir, mode, String(busyMs)], { cwd: root });
  const lines: string[] = [];
  const waiters: { wanted: RegExp; resolve: (line: string) => void }[] = [];
  let buffer = '';
  proc.stdout.on('data', (chunk) => {
    buffer += String(chunk);
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (!w.wanted.test(line)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  return {
    process: proc,
    lines,
    next: (wanted) =>
      new Promise((resolve) => {
        const seen = lines.find((l) => wanted.test(l));
        if (seen) resolve(seen);
        else waiters.push({ wanted, resolve });
      }),
  };
}

function exited(c: Child): Promise<void> {
  return new Promise((resolve) => {
    if (c.process.exitCode !== null || c.process.signalCode !== null) return resolve();
    c.process.once('exit', () => resolve());
  });
}

/** Starts `n` processes, lets them all claim `dir` at the same moment, and returns what each reported. */
async function race(dir: string, n: number): Promise<{ outcomes: string[]; children: Child[] }> {
  const children = Array.from({ length: n }, () => child(dir, 'race'));
  await Promise.all(children.map((c) => c.next(/^ready$/)));
  for (const c of children) c.process.stdin.write('go\n');
  const outcomes = await Promise.all(children.map((c) => c.next(/^(owned|in-use|error.*)$/)));
  return { outcomes, children };
}

async function stop(children: Child[]): Promise<void> {
  for (const c of children) c.process.stdin.end();
  await Promise.all(children.map(exited));
}

describe('one owner per embedded data folder', () => {
  it('gives the folder to exactly one of eight processes that claim it at the same moment', async () => {
    const dir = newFolder();
    const { outcomes, children } = await race(dir, 8);
    try {
      expect(outcomes.filter((o) => o === 'owned')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'in-use')).toHaveLength(7);
    } finally {
      await stop(children);
    }
    expect(fs.existsSync(lockPath(dir)), 'the owner gives the folder up when it stops').toBe(false);
  }, 120_000);

  it('lets the next process take over from an owner killed with SIGKILL, and exactly one of racing successors', async () => {
    const dir = newFolder();
    const victim = child(dir, 'busy', 0);
    expect(await victim.next(/^(owned|in-use)$/)).toBe('owned');
    victim.process.kill('SIGKILL');
    await exited(victim);
    expect(fs.readdirSync(lockPath(dir)).length, 'the dead owner left its claim behind').toBe(2);
    expect(await currentOwner(dir)).toBeNull();

    const { outcomes, children } = await race(dir, 6);
    try {
      expect(outcomes.filter((o) => o === 'owned')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'in-use')).toHaveLength(5);
    } finally {
      await stop(children);
    }

    const again = child(dir, 'busy', 0);
    expect(await again.next(/^(owned|in-use)$/)).toBe('owned');
    again.process.kill('SIGKILL');
    await exited(again);
    const started = Date.now();
    const claim = await claimDataDir(dir, { kind: 'command', command: 'test' });
    // Liveness, not speed: a stale claim is taken over at once, not after some lease runs out.
    expect(Date.now() - started).toBeLessThan(10_000);
    await claim.release();
  }, 120_000);

  it('counts an owner whose event loop is blocked (a long PGlite statement) as alive', async () => {
    const dir = newFolder();
    const busy = child(dir, 'busy', 4000);
    try {
      expect(await busy.next(/^(owned|in-use)$/)).toBe('owned');
      const error = await claimDataDir(dir, { kind: 'command', command: 'test' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirInUseError);
      expect((error as DataDirInUseError).exitCode).toBe(2);
      expect((error as Error).message).toContain('claim-child busy');
      expect((error as Error).message).toContain(`proces ${busy.process.pid}`);
    } finally {
      await stop([busy]);
    }
  }, 60_000);

  it('stops a second Database.open of the folder with a Dutch message naming the owner', async () => {
    const dir = newFolder();
    const first = await Database.open({ dataDir: dir, owner: { kind: 'command', command: 'vangnet signals import' } });
    try {
      const error = await Database.open({ dataDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirInUseError);
      expect((error as Error).message).toMatch(
        /^De gegevensmap .* is in gebruik door vangnet signals import \(proces \d+, sinds .*\)\. Wacht tot dat klaar is/,
      );
      // Only the owner's user can look inside the claim.
      expect(fs.statSync(lockPath(dir)).mode & 0o777).toBe(0o700);
      for (const file of fs.readdirSync(lockPath(dir))) expect(fs.statSync(path.join(lockPath(dir), file)).mode & 0o077).toBe(0);
    } finally {
      await first.close();
    }
    const reopened = await Database.open({ dataDir: dir });
    await reopened.close();
    expect(fs.existsSync(lockPath(dir))).toBe(false);
  }, 120_000);

  it('needs no claim for in-memory PGlite or a PostgreSQL server', async () => {
    const memory = await Database.open({ dataDir: 'memory' });
    expect(memory.claim).toBeNull();
    await memory.close();
    if (process.env.TEST_DATABASE_URL) {
      const server = await Database.open({ url: process.env.TEST_DATABASE_URL });
      expect(server.claim).toBeNull();
      await server.close();
    }
  });
});

describe("the server's control channel", () => {
  function recordingIo(): CommandIo & { out: string; err: string } {
    return {
      out: '',
      err: '',
      write(text) {
        this.out += text;
      },
      writeError(text) {
        this.err += text;
      },
      interactive: false,
      errorInteractive: false,
      cwd: '/srv/werk',
      exitCode: 0,
    };
  }

  it("runs the caller's command line with the caller's directory and relays output and exit code", async () => {
    const dir = newFolder();
    const claim = await claimDataDir(dir, { kind: 'server', command: 'vangnet serve' });
    const seen: { argv: string[]; cwd: string }[] = [];
    const channel = serveCommands(claim, async (argv, io) => {
      seen.push({ argv, cwd: io.cwd });
      io.write('uit\n');
      io.writeError('fout\n');
      io.exitCode = 3;
    });
    try {
      const io = recordingIo();
      const code = await forwardToServer(dir, claim.owner, ['signals', 'import', 'a.csv'], io);
      expect({ code, out: io.out, err: io.err }).toEqual({ code: 3, out: 'uit\n', err: 'fout\n' });
      expect(seen).toEqual([{ argv: ['signals', 'import', 'a.csv'], cwd: '/srv/werk' }]);
    } finally {
      await channel.close();
      await claim.release();
    }
  });

  it('sends nothing to a claim that another user could have planted or can reach', async () => {
    const dir = newFolder();
    const claim = await claimDataDir(dir, { kind: 'server', command: 'vangnet serve' });
    let runs = 0;
    const channel = serveCommands(claim, async () => {
      runs += 1;
    });
    try {
      fs.chmodSync(lockPath(dir), 0o755);
      await expect(forwardToServer(dir, claim.owner, ['purge'], recordingIo())).rejects.toThrow(/niet van uw gebruiker of is voor anderen toegankelijk/);
      fs.chmodSync(lockPath(dir), 0o700);
      if (process.getuid?.() === 0) {
        fs.chownSync(lockPath(dir), 65534, 65534);
        await expect(forwardToServer(dir, claim.owner, ['purge'], recordingIo())).rejects.toThrow(/niet van uw gebruiker/);
        fs.chownSync(lockPath(dir), 0, 0);
      }
      expect(runs).toBe(0);
    } finally {
      await channel.close();
      await claim.release();
    }
  });
});
