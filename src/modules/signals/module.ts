import type { ModuleDefinition } from '../registry.ts';

export const signalsModule: ModuleDefinition = { name: 'signals' };
