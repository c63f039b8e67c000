/**
 * What other modules may call in `referrals` (Ketenaanpak). Nothing else in this folder is public.
 *
 * - `createIntake(db, actor, input)`: a resident's question enters the chain (self-test contact request, early
 *   signal with help accepted, GP, walk-in). Refused with a Dutch ValidationError without consent. The actor may
 *   be anonymous for the `selftest` route. The intake goes to the route's default organisation
 *   (`defaultReceiverByRoute`: selftest → SWT, early_signal → SDD, gp → SWT, walk_in → the actor's own organisation)
 *   unless `targetOrganisationCode` is given. `theme` is one of `themeCodes` (money_debts, work_income, ...).
 * - `createIntakeForPerson(db, actor, input, personId)`: the same for a resident already in the `persons` register
 *   (e.g. the household an early-signal case is about), so no duplicate person is made. System or `persons:read` only.
 * - `openReferralsSql()`: a subquery `(id, person_id)` of the referrals still open, for set-based SQL (the signals
 *   import: a household already in help gets no new offer letter). `addWorkingDays`, `holidaysFrom`: the working-day
 *   helpers (weekends and Dutch public holidays) for other modules' terms.
 */
export { openReferralsSql, openReferralStates } from './openReferrals.ts';
export { addWorkingDays, holidaysFrom, dutchPublicHolidays } from './domain.ts';
export { createIntake, createIntakeForPerson, intakeInput, type IntakeInput } from './commands.ts';
export {
  defaultReceiverByRoute,
  referralThemes,
  themeCodes,
  referralRoutes,
  type ReferralTheme,
  type IntakeRoute,
} from './domain.ts';
