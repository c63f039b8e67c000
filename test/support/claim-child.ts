// A second process for src/db/owner.test.ts: claims the data folder named in argv[2] when told to on standard input.
//   mode `race`: wait for a line on stdin, claim, print `owned` or `in-use`, hold the claim until stdin closes.
//   mode `busy`: claim at once, print `owned`, then keep the event loop blocked for argv[4] milliseconds.
import { claimDataDir, DataDirInUseError } from '../../src/db/owner.ts';

const [dir, mode = 'race', busyMs = '3000'] = process.argv.slice(2);

async function claim(): Promise<void> {
  try {
    const held = await claimDataDir(dir!, { kind: 'command', command: `claim-child ${mode}` });
    process.stdout.write('owned\n');
    if (mode === 'busy') {
      const until = Date.now() + Number(busyMs);
      while (Date.now() < until) {
        // blocked, as PGlite is during a long statement
      }
    }
    process.stdin.on('end', async () => {
      await held.release();
      process.exit(0);
    });
    process.stdin.resume();
  } catch (error) {
    process.stdout.write(error instanceof DataDirInUseError ? 'in-use\n' : `error ${(error as Error).message}\n`);
    process.exit(0);
  }
}

if (mode === 'race') {
  process.stdin.once('data', () => void claim());
  process.stdout.write('ready\n');
} else void claim();
