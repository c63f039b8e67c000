import type { ModuleDefinition } from '../contracts.ts';
import { programmeCommands } from './cli.ts';
import { seedProgrammeDemo } from './demo.ts';
import { programmeRoutes } from './routes.ts';

export const programmeModule: ModuleDefinition = {
  name: 'programme',
  routes: programmeRoutes,
  seedDemo: async (db) => {
    await seedProgrammeDemo(db);
  },
  commands: programmeCommands,
};
