import type { ModuleDefinition } from '../registry.ts';

export const passModule: ModuleDefinition = { name: 'pass' };
