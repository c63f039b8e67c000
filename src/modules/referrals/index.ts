/**
 * What other modules may call in `referrals` (Ketenaanpak). Nothing else in this folder is public.
 *
 * - `createIntake(db, actor, input)`: a resident's question enters the chain (self-test contact request, early
 *   signal with help accepted, GP, walk-in). Refused with a Dutch ValidationError without consent. The actor may
 *   be anonymous for the `selftest` route. The intake goes to the route's default organisation
 *   (`defaultReceiverByRoute`: selftest → SWT, early_signal → SDD, gp → SWT, walk_in → the actor's own organisation)
 *   unless `targetOrganisationCode` is given. `theme` is one of `themeCodes` (money_debts, work_income, ...).
 * - `createIntakeForResident(db, actor, input, bsn)`: a self-test contact request of a resident logged in with DigiD;
 *   the intake is attached to the person with the token's BSN (found in the register or registered with it), so the
 *   resident sees its state on "Mijn aanvragen" (`/mijn-aanvragen`, this module's page).
 * - `createIntakeForPerson(db, actor, input, personId)`: the same for a resident already in the `persons` register
 *   (e.g. the household an early-signal case is about), so no duplicate person is made. System or `persons:read` only.
 *   An early-signal intake may carry `signals` (creditor type, amount, months, ontstaansdatum, signal date; never a
 *   BSN or a creditor's reference), which the receiver sees under the `question` consent scope.
 * - `openReferralsSql()`: a subquery `(id, person_id)` of the referrals still open, for set-based SQL (the signals
 *   import: a household already in help gets no new offer letter). `addWorkingDays`, `holidaysFrom`: the working-day
 *   helpers (weekends and Dutch public holidays) for other modules' terms.
 * - `onReferralEnded(name, listener)`: subscribe (once, at module start-up) to referrals that end before help got
 *   going: declined, closed before first contact, or closed because a consent was withdrawn. The listener runs in
 *   the same transaction as that change (see `src/platform/hooks.ts`) and returns what it changed, for the audit line.
 * - `lockReferralForLink(tx, referralId)`: in the caller's transaction that links its record to a referral it just
 *   made, lock the referral first and learn whether it already ended (as the announcement would have said), so that
 *   a decline racing the link is never missed.
 */
export { openReferralsSql, openReferralStates } from './openReferrals.ts';
export { addWorkingDays, holidaysFrom, dutchPublicHolidays } from './domain.ts';
export {
  createIntake,
  createIntakeForPerson,
  createIntakeForResident,
  intakeInput,
  consentWithdrawnReason,
  lockReferralForLink,
  type IntakeInput,
} from './commands/index.ts';
export { onReferralEnded, type ReferralEndedEvent } from './events.ts';
export {
  defaultReceiverByRoute,
  referralThemes,
  themeCodes,
  referralRoutes,
  type ReferralTheme,
  type IntakeRoute,
} from './domain.ts';
