/**
 * The changes of the chain approach, one file per change (or small group), each through `db.audited`:
 * intakes (`intake.ts`), a referral between partners (`referral.ts`), the steps of a referral (`act.ts`),
 * consents (`consents.ts`), the service levels (`serviceLevels.ts`), and the lock another module takes to link
 * its record to a referral (`link.ts`). What the commands take is in `inputs.ts`.
 */
export * from './inputs.ts';
export { actOnReferral } from './act.ts';
export { consentWithdrawnReason, grantConsent, withdrawConsent } from './consents.ts';
export { createIntake, createIntakeForPerson, createIntakeForResident, createStaffIntake } from './intake.ts';
export { lockReferralForLink } from './link.ts';
export { createReferral } from './referral.ts';
export { setServiceLevel } from './serviceLevels.ts';
export { findReceiver, serviceLevelFor, type OrganisationRef } from './shared.ts';
