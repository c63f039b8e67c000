/** What other modules may call. (`referrals` may later take over the referral step of a case.) */
export { creditorTypes, creditorTypeLabels, finalResults, finalResultLabels, helpResults } from './ddas.ts';
export { collectSignalMetrics, signalMeasures } from './metrics.ts';
export { purgeExpiredCases } from './commands/purgeExpiredCases.ts';
/** Which municipality a postcode lies in (the postcode table), for a module that checks residency (`pass`). */
export { municipalityOfPostcode } from './postcodeAreas.ts';
