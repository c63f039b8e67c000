import type { ModuleDefinition } from '../registry.ts';

export const programmeModule: ModuleDefinition = { name: 'programme' };
