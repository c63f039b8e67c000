import type { ModuleDefinition } from './contracts.ts';
import { directoryModule } from './directory/module.ts';
import { insightsModule } from './insights/module.ts';
import { passModule } from './pass/module.ts';
import { programmeModule } from './programme/module.ts';
import { referralsModule } from './referrals/module.ts';
import { selftestModule } from './selftest/module.ts';
import { signalsModule } from './signals/module.ts';

export type { CliContext, Job, MeasureDefinition, MetricValue, ModuleDefinition } from './contracts.ts';

/** Every module of the application, in the order their routes, commands and jobs are registered. */
export const modules: ModuleDefinition[] = [signalsModule, referralsModule, selftestModule, directoryModule, passModule, insightsModule, programmeModule];
