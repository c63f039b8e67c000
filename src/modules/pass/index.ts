/** What other modules may call: the rules as pure functions and the figures. Nothing else. */
export { checkEligibility, childBudgetFor, householdTypeFor, euro } from './domain.ts';
export { collectPassMetrics, passMeasures } from './metrics.ts';
