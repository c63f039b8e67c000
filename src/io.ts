import path from 'node:path';

/**
 * Where a command prints, and whose working directory its file names are relative to. In a terminal that is this
 * process; when the server runs a command for `vangnet` on its control channel (src/control.ts), it is the
 * caller's terminal at the other end of the socket. Commands never use console or process.stdout directly.
 */
export interface CommandIo {
  /** Standard output, as is. */
  write(text: string): void;
  /** Standard error, as is. */
  writeError(text: string): void;
  /** Standard output is a terminal (progress bars); false on the control channel. */
  readonly interactive: boolean;
  /** Standard error is a terminal. */
  readonly errorInteractive: boolean;
  /** The caller's working directory, for file names on the command line. */
  readonly cwd: string;
  /** The exit code of the command (0 unless set). */
  exitCode: number;
}

/** A line on standard output. */
export function print(io: CommandIo, line = ''): void {
  io.write(`${line}\n`);
}

/** A line on standard error. */
export function printError(io: CommandIo, line: string): void {
  io.writeError(`${line}\n`);
}

/** A message on standard error and the exit code. */
export function fail(io: CommandIo, message: string, code = 1): void {
  printError(io, message);
  io.exitCode = code;
}

/** A file named on the command line that is missing or cannot be read: said in one sentence, exit code 2. */
export function failUnreadableFile(io: CommandIo, name: string): void {
  fail(io, `Het bestand ${name} bestaat niet of kan niet worden gelezen.`, 2);
}

/** A file named on the command line, as an absolute path (relative names are the caller's). */
export function argPath(io: CommandIo, file: string): string {
  return path.resolve(io.cwd, file);
}

/** This process's own terminal. */
export function terminalIo(): CommandIo {
  return {
    write: (text) => void process.stdout.write(text),
    writeError: (text) => void process.stderr.write(text),
    interactive: Boolean(process.stdout.isTTY),
    errorInteractive: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    get exitCode() {
      return typeof process.exitCode === 'number' ? process.exitCode : 0;
    },
    set exitCode(code: number) {
      process.exitCode = code;
    },
  };
}
