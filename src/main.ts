import { Command } from 'commander';
import { loadConfig, type Config } from './config.ts';
import { Database } from './db/database.ts';
import { buildServer } from './http/server.ts';
import { demoUsers, ensureReferenceData, hasOrganisations, seedDemo } from './platform/demo.ts';
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
    if (seedWanted || (db.kind === 'pglite' && config.demo !== 'false')) printDemoLogins(config);
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

for (const module of modules) module.commands?.(program, { config: () => loadConfig(), openDatabase: () => openDatabase(loadConfig()) });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
