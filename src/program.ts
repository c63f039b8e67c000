import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import './platform/i18n.ts';
import { restorePglite, restorePostgres } from './db/backup.ts';
import { systemActor } from './platform/actor.ts';
import { loadConfig, type Config } from './config.ts';
import { Database } from './db/database.ts';
import { claimDataDir, type OwnerKind } from './db/owner.ts';
import { buildServer } from './http/server.ts';
import { argPath, fail, print, printError, type CommandIo } from './io.ts';
import { demoUsers, ensureReferenceData, hasDemoUsers, hasOrganisations, seedDemo } from './platform/demo.ts';
import { modules } from './modules/registry.ts';
import { startJobs } from './jobs.ts';
import { configureMail } from './platform/mail/outbox.ts';
import { lend, serveCommands } from './control.ts';

/** How the commands reach the database and the caller: this process's terminal, or the server's control channel. */
export interface ProgramContext {
  io: CommandIo;
  config: () => Config;
  /** Opens the configured database for the command `command` (in the server: lends the server's own). */
  openDatabase: (command: string) => Promise<Database>;
  /** True when the server runs the command for a `vangnet` on its control channel. */
  inServer: boolean;
}

export async function openDatabase(config: Config, owner: { kind: OwnerKind; command: string }): Promise<Database> {
  const db = await Database.open({ url: config.databaseUrl, dataDir: config.dataDir, owner });
  configureMail(db, config.mail);
  try {
    await ensureReferenceData(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function seedAll(db: Database, config: Config): Promise<void> {
  await seedDemo(db, config.demoPassword);
  for (const module of modules) await module.seedDemo?.(db, config, modules);
}

function printDemoLogins(io: CommandIo, config: Config): void {
  print(io, `\nDemo-accounts (wachtwoord voor allemaal: ${config.demoPassword}):`);
  for (const u of demoUsers) print(io, `  ${u.roles.join(', ').padEnd(18)} ${u.email}`);
}

/** `vangnet serve restore` and the like, for the owner's description and for the messages. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * The `vangnet` command line. The same program runs in a terminal (src/main.ts) and, for a `vangnet` started while
 * the server owns the embedded folder, inside the server on its own database (src/control.ts).
 */
export function buildProgram(context: ProgramContext): Command {
  const { io } = context;
  let current = 'vangnet';
  const open = () => context.openDatabase(current);
  const program = new Command()
    .name('vangnet')
    .description('Vangnet: samen tegen armoede en schulden')
    .configureOutput({ writeOut: (text) => io.write(text), writeErr: (text) => io.writeError(text) })
    .exitOverride()
    .showHelpAfterError();
  program.hook('preAction', (_root, action) => {
    current = commandPath(action);
  });

  program
    .command('serve')
    .description('Start de webserver (migreert de database en laadt bij een lege ingebouwde database de demo)')
    .action(async () => {
      if (context.inServer) return fail(io, 'De server draait al op deze gegevensmap.', 2);
      const config = context.config();
      const db = await openDatabase(config, { kind: 'server', command: 'vangnet serve' });
      // While the server owns the embedded folder, `vangnet` commands reach the database through it.
      const channel = db.claim ? serveCommands(db.claim, (argv, callerIo) => runInServer(argv, callerIo, db, config)) : null;
      const seedWanted = config.demo === 'true' || (config.demo === 'auto' && db.kind === 'pglite' && !(await hasOrganisations(db)));
      if (seedWanted) await seedAll(db, config);
      const app = await buildServer({ db, config });
      const stopJobs = startJobs(db, config, app.log);
      const shutdown = async () => {
        let code = 0;
        try {
          stopJobs();
          await app.close();
          // Commands that run for a `vangnet` finish first; then the folder is closed and given up.
          await channel?.close();
          await db.close();
        } catch (error) {
          // Say why, and exit non-zero, but always exit: a half-closed server must not linger on the folder.
          printError(io, `Vangnet is gestopt, maar niet alles sloot netjes af: ${error instanceof Error ? error.message : String(error)}`);
          code = 1;
        }
        process.exit(code);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      await app.listen({ port: config.port, host: config.host });
      print(io, `\nVangnet draait op ${config.publicUrl} (database: ${db.kind === 'pglite' ? `ingebouwd, ${config.dataDir}` : 'PostgreSQL'})`);
      if (await hasDemoUsers(db)) printDemoLogins(io, config);
    });

  program
    .command('migrate')
    .description('Voer de databasemigraties uit')
    .action(async () => {
      const db = await open();
      print(io, `Database is bijgewerkt (${db.kind}).`);
      await db.close();
    });

  program
    .command('seed')
    .description('Laad gegevens')
    .option('--demo', 'laad de demo-gemeente Dordrecht met organisaties en een gebruiker per rol')
    .action(async (options: { demo?: boolean }) => {
      if (!options.demo) return fail(io, 'Geef aan wat u wilt laden, bijvoorbeeld: vangnet seed --demo', 2);
      const config = context.config();
      const db = await open();
      try {
        await seedAll(db, config);
        print(io, 'Demogegevens geladen.');
        printDemoLogins(io, config);
      } finally {
        await db.close();
      }
    });

  program
    .command('backup')
    .description('Maak een volledige back-up van de database (PGlite: .tar.gz van de datamap; PostgreSQL: pg_dump)')
    .requiredOption('--out <file>', 'het back-upbestand')
    .action(async (options: { out: string }) => {
      const db = await open();
      try {
        const bytes = await db.backup(systemActor(`backup:${os.userInfo().username}`), argPath(io, options.out));
        print(io, `Back-up geschreven naar ${options.out} (${(bytes / 1024 / 1024).toFixed(1)} MB). Bewaar hem versleuteld: hij bevat persoonsgegevens.`);
      } finally {
        await db.close();
      }
    });

  program
    .command('restore')
    .description('Zet een back-up terug (PGlite: in een lege datamap; PostgreSQL: pg_restore in de database van DATABASE_URL)')
    .argument('<file>', 'het back-upbestand')
    .option('--force', 'vervang een bestaande ingebouwde database')
    .action(async (name: string, options: { force?: boolean }) => {
      if (context.inServer) return fail(io, 'Een back-up terugzetten kan niet terwijl de server draait. Stop de server eerst en probeer het opnieuw.', 2);
      const config = context.config();
      const file = argPath(io, name);
      if (!fs.existsSync(file)) return fail(io, `Bestand niet gevonden: ${name}`, 2);
      let db: Database;
      if (config.databaseUrl) {
        await restorePostgres(config.databaseUrl, file);
        db = await Database.open({ url: config.databaseUrl });
      } else {
        // The folder is claimed before it is emptied and filled, and stays claimed until the audit line is written.
        const claim = await claimDataDir(config.dataDir, { kind: 'command', command: 'vangnet restore' });
        try {
          await restorePglite(file, config.dataDir, options);
        } catch (error) {
          await claim.release();
          throw error;
        }
        db = await Database.open({ dataDir: config.dataDir, claim });
      }
      try {
        await ensureReferenceData(db);
        await db.recordAuditEvent(
          systemActor(`restore:${os.userInfo().username}`),
          { action: 'update', objectType: 'backup', objectId: path.basename(file), details: { restored: true } },
          'success',
        );
      } finally {
        await db.close();
      }
      print(io, `Back-up ${name} teruggezet.`);
    });

  const withDatabase = async <T>(work: (db: Database) => Promise<T>): Promise<T> => {
    const db = await open();
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  };
  for (const module of modules) module.commands?.(program, { config: context.config, openDatabase: open, withDatabase, io, modules });
  return program;
}

/** Runs a `vangnet` command line for a caller on the server's own database, with the caller's output. */
async function runInServer(argv: string[], io: CommandIo, db: Database, config: Config): Promise<void> {
  const program = buildProgram({ io, config: () => config, openDatabase: async () => lend(db), inServer: true });
  await program.parseAsync(argv, { from: 'user' });
}

export { loadConfig };
