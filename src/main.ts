import { CommanderError } from 'commander';
import { buildProgram, loadConfig, openDatabase } from './program.ts';
import { ControlChannelUnavailable, forwardToServer } from './control.ts';
import { DataDirInUseError } from './db/owner.ts';
import { printError, terminalIo } from './io.ts';

/**
 * The `vangnet` command line in a terminal. A command that finds the embedded folder owned by the running server
 * is handed to that server (src/control.ts); any other second opener stops with exit code 2 and says who holds it.
 */
const io = terminalIo();
const argv = process.argv.slice(2);

/** Server and restore need the folder to themselves; every other command can run inside the server. */
const ownsFolderItself = (command: string) => command === 'vangnet serve' || command === 'vangnet restore';

class HandToServer extends Error {
  constructor(readonly inUse: DataDirInUseError) {
    super(inUse.message);
  }
}

async function main(): Promise<number> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const program = buildProgram({
      io,
      config: loadConfig,
      openDatabase: async (command) => {
        try {
          return await openDatabase(loadConfig(), { kind: 'command', command });
        } catch (error) {
          if (error instanceof DataDirInUseError && error.owner?.kind === 'server' && !ownsFolderItself(command)) throw new HandToServer(error);
          throw error;
        }
      },
      inServer: false,
    });
    try {
      await program.parseAsync(argv, { from: 'user' });
      return io.exitCode;
    } catch (error) {
      if (error instanceof CommanderError) return error.exitCode;
      if (error instanceof HandToServer) {
        try {
          return await forwardToServer(error.inUse.dataDir, error.inUse.owner!, argv, io);
        } catch (unavailable) {
          // The server stopped between the two looks: run the command here after all.
          if (unavailable instanceof ControlChannelUnavailable) continue;
          throw unavailable;
        }
      }
      if (error instanceof DataDirInUseError) {
        printError(io, error.message);
        return error.exitCode;
      }
      throw error;
    }
  }
  return io.exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    printError(io, error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
