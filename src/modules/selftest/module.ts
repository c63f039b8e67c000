import type { ModuleDefinition } from '../contracts.ts';
import { selftestCommands } from './cli.ts';
import { seedSelftestDemo } from './demo.ts';
import { lastDayOf, selftestMeasures, toMetrics } from './figures.ts';
import { selftestPages, selftestRoutes } from './routes.ts';
import { selftestSettings } from './settings.ts';
import { countsBetween } from './store.ts';

export const selftestModule: ModuleDefinition = {
  name: 'selftest',
  routes: selftestRoutes,
  pages: selftestPages,
  seedDemo: (db) => seedSelftestDemo(db, selftestSettings().municipalityCode),
  commands: selftestCommands,
  metrics: {
    measures: selftestMeasures,
    collect: async (db, { fromMonth, toMonth }) => toMetrics(await countsBetween(db, `${fromMonth}-01`, lastDayOf(toMonth))),
  },
};
