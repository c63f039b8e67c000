import { onReferralEnded } from '../referrals/index.ts';
import type { ModuleDefinition } from '../contracts.ts';
import { signalCommands } from './cli.ts';
import { purgeExpiredCases } from './commands/purgeExpiredCases.ts';
import { reopenCaseAfterHandoverEnded } from './commands/reopenCase.ts';
import { collectSignalMetrics, signalMeasures } from './metrics.ts';
import { signalPersonRelations } from './relations.ts';
import { signalRoutes } from './routes.ts';
import { seedSignalsDemo } from './demo.ts';
import { signalSettings } from './settings.ts';

// At start-up (every entry point loads the module registry): a handover that the chain declines, closes before first
// contact or loses its consent for sends the case back to the team's queue, in the same transaction.
onReferralEnded('signals', reopenCaseAfterHandoverEnded);

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
