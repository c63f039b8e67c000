/** What other modules may call. (`referrals` may later take over the referral step of a case.) */
export { creditorTypes, creditorTypeLabels, finalResults, finalResultLabels, helpResults } from './ddas.ts';
export { collectSignalMetrics, signalMeasures } from './metrics.ts';
export { purgeExpiredCases } from './commands/purgeExpiredCases.ts';
