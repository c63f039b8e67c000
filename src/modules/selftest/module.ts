import type { ModuleDefinition } from '../registry.ts';

export const selftestModule: ModuleDefinition = { name: 'selftest' };
