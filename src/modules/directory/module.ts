import type { ModuleDefinition } from '../registry.ts';

export const directoryModule: ModuleDefinition = { name: 'directory' };
