import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import './platform/i18n.ts';
import { restorePglite, restorePostgres } from './db/backup.ts';
import { systemActor } from './platform/actor.ts';
import { loadConfig, type Config } from './config.ts';
import { Database } from './db/database.ts';
import { buildServer } from './http/server.ts';
import { demoUsers, ensureReferenceData, hasDemoUsers, hasOrganisations, seedDemo } from './platform/demo.ts';
import { modules } from './modules/registry.ts';
import { startJobs } from './jobs.ts';

async function seedAll(db: Database, config: Config): Promise<void> {
  await seedDemo(db, config.demoPassword);
  for (const module of modules) await module.seedDemo?.(db, config);
}

export async function openDatabase(config: Config): Promise<Database> {
  const db = await Database.open({ url: config.databaseUrl, dataDir: config.dataDir });
  await ensureReferenceData(db);
  return db;
}

function printDemoLogins(config: Config): void {
  console.log('\nDemo-accounts (wachtwoord voor allemaal: %s):', config.demoPassword);
  for (const u of demoUsers) console.log(`  ${u.roles.join(', ').padEnd(18)} ${u.email}`);
}

const program = new Command()
  .name('vangnet')
  .description('Vangnet: samen tegen armoede en schulden')
  .showHelpAfterError();

program
  .command('serve')
  .description('Start de webserver (migreert de database en laadt bij een lege ingebouwde database de demo)')
  .action(async () => {
    const config = loadConfig();
    const db = await openDatabase(config);
    const seedWanted = config.demo === 'true' || (config.demo === 'auto' && db.kind === 'pglite' && !(await hasOrganisations(db)));
    if (seedWanted) await seedAll(db, config);
    const app = await buildServer({ db, config });
    const stopJobs = startJobs(db, config, app.log);
    const shutdown = async () => {
      stopJobs();
      await app.close();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    await app.listen({ port: config.port, host: config.host });
    console.log(`\nVangnet draait op ${config.publicUrl} (database: ${db.kind === 'pglite' ? `ingebouwd, ${config.dataDir}` : 'PostgreSQL'})`);
    if (await hasDemoUsers(db)) printDemoLogins(config);
  });

program
  .command('migrate')
  .description('Voer de databasemigraties uit')
  .action(async () => {
    const db = await openDatabase(loadConfig());
    console.log(`Database is bijgewerkt (${db.kind}).`);
    await db.close();
  });

program
  .command('seed')
  .description('Laad gegevens')
  .option('--demo', 'laad de demo-gemeente Dordrecht met organisaties en een gebruiker per rol')
  .action(async (options: { demo?: boolean }) => {
    if (!options.demo) {
      console.error('Geef aan wat u wilt laden, bijvoorbeeld: vangnet seed --demo');
      process.exitCode = 2;
      return;
    }
    const config = loadConfig();
    const db = await openDatabase(config);
    await seedAll(db, config);
    console.log('Demogegevens geladen.');
    printDemoLogins(config);
    await db.close();
  });

program
  .command('backup')
  .description('Maak een volledige back-up van de database (PGlite: .tar.gz van de datamap; PostgreSQL: pg_dump)')
  .requiredOption('--out <file>', 'het back-upbestand')
  .action(async (options: { out: string }) => {
    const db = await openDatabase(loadConfig());
    try {
      const bytes = await db.backup(systemActor(`backup:${os.userInfo().username}`), options.out);
      console.log(`Back-up geschreven naar ${options.out} (${(bytes / 1024 / 1024).toFixed(1)} MB). Bewaar hem versleuteld: hij bevat persoonsgegevens.`);
    } finally {
      await db.close();
    }
  });

program
  .command('restore')
  .description('Zet een back-up terug (PGlite: in een lege datamap; PostgreSQL: pg_restore in de database van DATABASE_URL)')
  .argument('<file>', 'het back-upbestand')
  .option('--force', 'vervang een bestaande ingebouwde database')
  .action(async (file: string, options: { force?: boolean }) => {
    const config = loadConfig();
    if (!fs.existsSync(file)) throw new Error(`Bestand niet gevonden: ${file}`);
    if (config.databaseUrl) await restorePostgres(config.databaseUrl, file);
    else await restorePglite(file, config.dataDir, options);
    const db = await openDatabase(config);
    await db.recordAuditEvent(systemActor(`restore:${os.userInfo().username}`), { action: 'update', objectType: 'backup', objectId: path.basename(file), details: { restored: true } }, 'success');
    await db.close();
    console.log(`Back-up ${file} teruggezet.`);
  });

for (const module of modules) module.commands?.(program, { config: () => loadConfig(), openDatabase: () => openDatabase(loadConfig()) });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
