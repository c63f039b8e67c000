import type { ModuleDefinition } from '../registry.ts';

export const insightsModule: ModuleDefinition = { name: 'insights' };
