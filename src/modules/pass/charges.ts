/**
 * The till and the payout statement: the names other files (routes, the CLI, demo data, tests) import. The inputs
 * live in `chargeInputs.ts`, the changes (charge, refund) in `commands/charges.ts`, the reads in `chargeQueries.ts`
 * and the maths (refusals, periods, totals) in `domain.ts`.
 */
export { chargeInput, lookupInput, refundInput, statementQuery, type ChargeInput } from './chargeInputs.ts';
export { lookupPassForCharge, myProvider, payoutStatement, type Statement } from './chargeQueries.ts';
export { chargePass, refundCharge, type Receipt } from './commands/charges.ts';
export { ChargeRefused } from './messages.ts';
