import type { ModuleDefinition } from '../contracts.ts';
import { seedDirectoryDemo } from './demo.ts';
import { directoryPages, directoryRoutes } from './routes.ts';

export const directoryModule: ModuleDefinition = {
  name: 'directory',
  routes: directoryRoutes,
  pages: directoryPages,
  seedDemo: (db) => seedDirectoryDemo(db),
};
