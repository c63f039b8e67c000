import type { ModuleDefinition } from '../registry.ts';
import { seedDirectoryDemo } from './demo.ts';
import { directoryRoutes } from './routes.ts';

export const directoryModule: ModuleDefinition = {
  name: 'directory',
  routes: directoryRoutes,
  seedDemo: (db) => seedDirectoryDemo(db),
};
