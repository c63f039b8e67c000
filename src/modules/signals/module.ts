import type { ModuleDefinition } from '../registry.ts';
import { signalCommands } from './cli.ts';
import { purgeExpiredCases } from './commands/purgeExpiredCases.ts';
import { collectSignalMetrics, signalMeasures } from './metrics.ts';
import { signalPersonRelations } from './relations.ts';
import { signalRoutes } from './routes.ts';
import { seedSignalsDemo } from './demo.ts';
import { signalSettings } from './settings.ts';

/** Vroeg Eropaf: creditors' signals of arrears → households' cases → offer letter, contact, outcome → monitor. */
export const signalsModule: ModuleDefinition = {
  name: 'signals',
  routes: signalRoutes,
  commands: signalCommands,
  jobs: [{ name: 'signals-retention', everyMs: 24 * 60 * 60 * 1000, run: async (db) => void (await purgeExpiredCases(db, signalSettings())) }],
  seedDemo: seedSignalsDemo,
  metrics: { measures: signalMeasures, collect: collectSignalMetrics },
  personRelations: signalPersonRelations,
};
