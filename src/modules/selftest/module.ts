import { print } from '../../io.ts';
import type { ModuleDefinition } from '../contracts.ts';
import { seedSelftestDemo } from './demo.ts';
import { selftestMeasures, summarise, toMetrics } from './figures.ts';
import { selftestPages, selftestRoutes } from './routes.ts';
import { selftestSettings } from './settings.ts';
import { countsBetween } from './store.ts';

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

export const selftestModule: ModuleDefinition = {
  name: 'selftest',
  routes: selftestRoutes,
  pages: selftestPages,
  seedDemo: (db) => seedSelftestDemo(db, selftestSettings().municipalityCode),
  commands: (program, ctx) => {
    const selftest = program.command('selftest').description('Geldfit, de anonieme geldtest');
    selftest
      .command('figures')
      .description('Anonieme tellingen (bezoeken, afgerond, uitslagen, verwijzingen) over een periode, als JSON')
      .requiredOption('--from <date>', 'eerste dag, jjjj-mm-dd')
      .requiredOption('--to <date>', 'laatste dag, jjjj-mm-dd')
      .action(async (options: { from: string; to: string }) => {
        const db = await ctx.openDatabase();
        try {
          print(ctx.io, JSON.stringify(summarise(await countsBetween(db, options.from, options.to), options.from, options.to), null, 2));
        } finally {
          await db.close();
        }
      });
  },
  metrics: {
    measures: selftestMeasures,
    collect: async (db, { fromMonth, toMonth }) => toMetrics(await countsBetween(db, `${fromMonth}-01`, lastDayOf(toMonth))),
  },
};
