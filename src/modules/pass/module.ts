import type { ModuleDefinition } from '../contracts.ts';
import { passCommands } from './cli.ts';
import { seedPassDemo } from './demo.ts';
import { collectPassMetrics, passMeasures } from './metrics.ts';
import { passPages } from './publicRoutes.ts';
import { passRoutes } from './routes.ts';

export const passModule: ModuleDefinition = {
  name: 'pass',
  routes: passRoutes,
  pages: passPages,
  commands: passCommands,
  seedDemo: (db) => seedPassDemo(db),
  metrics: { measures: passMeasures, collect: collectPassMetrics },
};
