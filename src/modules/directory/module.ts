import type { ModuleDefinition } from '../contracts.ts';
import { directoryCommands } from './cli.ts';
import { seedDirectoryDemo } from './demo.ts';
import { directoryPages, directoryRoutes } from './routes.ts';

export const directoryModule: ModuleDefinition = {
  name: 'directory',
  routes: directoryRoutes,
  pages: directoryPages,
  commands: directoryCommands,
  seedDemo: (db) => seedDirectoryDemo(db),
};
