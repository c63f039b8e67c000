import type { ModuleDefinition } from '../registry.ts';

export const referralsModule: ModuleDefinition = { name: 'referrals' };
