import type { ModuleDefinition } from '../contracts.ts';
import { insightsCommands } from './cli.ts';
import { ensureInsightsReferenceData, refreshFromModules } from './commands.ts';
import { seedInsightsDemo } from './demo.ts';
import { defaultRefreshRange } from './domain/dashboard.ts';
import { monthOf } from './periods.ts';
import { insightsRoutes } from './routes.ts';

/** The refresh reads the other modules' figures: the registry hands their list to the job and the demo. */
function required(modules: readonly ModuleDefinition[] | undefined): readonly ModuleDefinition[] {
  if (!modules) throw new Error('insights: the refresh needs the list of modules');
  return modules;
}

export const insightsModule: ModuleDefinition = {
  name: 'insights',
  routes: insightsRoutes,
  jobs: [
    {
      name: 'insights-refresh',
      everyMs: 24 * 60 * 60 * 1000,
      run: async (db, _config, modules) => {
        await ensureInsightsReferenceData(db);
        await refreshFromModules(db, required(modules), defaultRefreshRange(db.clock.now(), 3));
      },
    },
  ],
  seedDemo: async (db, _config, modules) => {
    await seedInsightsDemo(db, monthOf(db.clock.now()));
    await refreshFromModules(db, required(modules), { fromMonth: '2019-01', toMonth: monthOf(db.clock.now()) });
  },
  commands: insightsCommands,
};
