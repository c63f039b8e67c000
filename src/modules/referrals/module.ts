import type { ModuleDefinition } from '../contracts.ts';
import { referralCommands } from './cli.ts';
import { mailOverdueReferrals } from './commands/overdueMails.ts';
import { seedReferralsDemo } from './demo.ts';
import { collectReferralMetrics, referralMeasures } from './metrics.ts';
import { referralPages } from './pages.ts';
import { referralPersonRelations } from './relations.ts';
import { referralRoutesPlugin } from './routes.ts';

export const referralsModule: ModuleDefinition = {
  name: 'referrals',
  routes: referralRoutesPlugin,
  pages: referralPages,
  seedDemo: seedReferralsDemo,
  metrics: { measures: referralMeasures, collect: collectReferralMetrics },
  personRelations: referralPersonRelations,
  commands: referralCommands,
  jobs: [{ name: 'referrals-overdue-mail', everyMs: 60 * 60 * 1000, run: async (db) => void (await mailOverdueReferrals(db)) }],
};
