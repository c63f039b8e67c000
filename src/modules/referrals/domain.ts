/**
 * The rules of the chain approach (Ketenaanpak), as pure functions over plain data: the code lists, the
 * state machine of a referral, who is responsible ("niet loslaten"), working days and service-level flags.
 */

import {
  consentScopes,
  type ConsentScope,
  type OverdueFlag,
  type ReferralAction,
  type ReferralRoute,
  type ReferralState,
  type ReferralTheme,
} from './labels.ts';

export {
  actionLabels,
  allConsentScopes,
  consentScopes,
  flagLabels,
  referralRoutes,
  referralStates,
  referralThemes,
  routeCodes,
  themeCodes,
  type ConsentScope,
  type OverdueFlag,
  type ReferralAction,
  type ReferralRoute,
  type ReferralState,
  type ReferralTheme,
} from './labels.ts';
export type IntakeRoute = Exclude<ReferralRoute, 'referral'>;

/** Where an intake goes when the caller names no organisation. */
export const defaultReceiverByRoute: Record<IntakeRoute, string> = {
  selftest: 'SWT',
  early_signal: 'SDD',
  gp: 'SWT',
  walk_in: 'SWT',
};

/** Which side of a referral an organisation is on. When sender and receiver are the same, it is the receiver. */
export type Side = 'sender' | 'receiver';

interface Transition {
  to: ReferralState;
  by: Side[];
  reasonRequired: boolean;
}

/** The whole state machine in one table. */
const transitions: Record<ReferralState, Partial<Record<ReferralAction, Transition>>> = {
  sent: {
    accept: { to: 'accepted', by: ['receiver'], reasonRequired: false },
    decline: { to: 'declined', by: ['receiver'], reasonRequired: true },
    close: { to: 'closed', by: ['sender', 'receiver'], reasonRequired: true },
  },
  accepted: {
    first_contact: { to: 'first_contact', by: ['receiver'], reasonRequired: false },
    close: { to: 'closed', by: ['sender', 'receiver'], reasonRequired: true },
  },
  // After a refusal the sender still holds the resident: it closes the referral, usually after referring elsewhere.
  declined: {
    close: { to: 'closed', by: ['sender', 'receiver'], reasonRequired: false },
  },
  first_contact: {
    help_in_place: { to: 'help_in_place', by: ['receiver'], reasonRequired: false },
    close: { to: 'closed', by: ['receiver'], reasonRequired: true },
  },
  help_in_place: {
    close: { to: 'closed', by: ['receiver'], reasonRequired: false },
  },
  closed: {},
};

/** Why a step cannot be taken; `messages.ts` says it in Dutch. */
export type TransitionRefusal = 'not_in_this_state' | 'receiver_only' | 'sender_only' | 'reason_required';
export type TransitionResult = { ok: true; to: ReferralState } | { ok: false; reason: TransitionRefusal };

/** May this side take this action in this state? A code when not. */
export function transition(state: ReferralState, action: ReferralAction, side: Side, reason?: string | null): TransitionResult {
  const t = transitions[state][action];
  if (!t) return { ok: false, reason: 'not_in_this_state' };
  if (!t.by.includes(side)) return { ok: false, reason: side === 'sender' ? 'receiver_only' : 'sender_only' };
  if (t.reasonRequired && !reason?.trim()) return { ok: false, reason: 'reason_required' };
  return { ok: true, to: t.to };
}

/** The actions this side may take now; the pages show only these buttons. */
export function availableActions(state: ReferralState, side: Side): ReferralAction[] {
  return (Object.entries(transitions[state]) as [ReferralAction, Transition][]).filter(([, t]) => t.by.includes(side)).map(([action]) => action);
}

export function reasonRequired(state: ReferralState, action: ReferralAction): boolean {
  return transitions[state][action]?.reasonRequired ?? false;
}

/** Before the receiver has made first contact, the resident is still the sender's responsibility. */
export function responsibleSide(state: ReferralState, hasSender: boolean): Side | null {
  if (state === 'closed') return null;
  if (!hasSender) return 'receiver';
  return state === 'sent' || state === 'accepted' || state === 'declined' ? 'sender' : 'receiver';
}

/** Day of the week of a calendar date, 0 = Sunday; computed in UTC so the date itself is never shifted. */
function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, holidays: ReadonlySet<string> = new Set()): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6 && !holidays.has(day);
}

/**
 * The date `n` working days after `day` (weekends and the given holidays skipped). A referral sent on Friday
 * with 3 working days is due on Wednesday; one sent on Saturday counts from Monday, so it is due on Wednesday too.
 */
export function addWorkingDays(day: string, n: number, holidays: ReadonlySet<string> = new Set()): string {
  let current = day;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, holidays)) left -= 1;
  }
  return current;
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string, holidays: ReadonlySet<string> = new Set()): number {
  if (to < from) return -workingDaysBetween(to, from, holidays);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) count += 1;
  return count;
}

/** Easter Sunday (Gregorian, the anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The generally recognised public holidays of the Algemene termijnenwet (art. 3) that can fall on a weekday:
 * New Year's Day, Easter Monday, King's Day (26 April when the 27th is a Sunday), 5 May, Ascension Day,
 * Whit Monday, Christmas and Boxing Day. Partners do not count them as working days for service levels.
 */
export function dutchPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const kingsDay = weekday(`${year}-04-27`) === 0 ? `${year}-04-26` : `${year}-04-27`;
  return [`${year}-01-01`, addDays(easter, 1), kingsDay, `${year}-05-05`, addDays(easter, 39), addDays(easter, 50), `${year}-12-25`, `${year}-12-26`].sort();
}

/** Holidays for the years a term starting on `day` can run into. */
export function holidaysFrom(day: string): ReadonlySet<string> {
  const year = Number(day.slice(0, 4));
  return new Set([...dutchPublicHolidays(year), ...dutchPublicHolidays(year + 1)]);
}

export interface ServiceLevel {
  answerWorkingDays: number;
  firstContactWorkingDays: number;
}

/** The agreed defaults, used when a municipality has configured nothing for a theme. */
export const defaultServiceLevel: ServiceLevel = { answerWorkingDays: 3, firstContactWorkingDays: 5 };
export const defaultServiceLevels: Record<ReferralTheme, ServiceLevel> = {
  money_debts: { answerWorkingDays: 3, firstContactWorkingDays: 5 },
  work_income: { answerWorkingDays: 5, firstContactWorkingDays: 10 },
  children_family: { answerWorkingDays: 3, firstContactWorkingDays: 5 },
  health: { answerWorkingDays: 5, firstContactWorkingDays: 10 },
  housing: { answerWorkingDays: 2, firstContactWorkingDays: 3 },
  participation: { answerWorkingDays: 5, firstContactWorkingDays: 10 },
  administration: { answerWorkingDays: 5, firstContactWorkingDays: 10 },
};

/** Due dates in working days: weekends and Dutch public holidays (unless other holidays are given) are skipped. */
export function dueDates(
  sentDay: string,
  level: ServiceLevel,
  holidays: ReadonlySet<string> = holidaysFrom(sentDay),
): { answerDueDate: string; firstContactDueDate: string } {
  return {
    answerDueDate: addWorkingDays(sentDay, level.answerWorkingDays, holidays),
    firstContactDueDate: addWorkingDays(sentDay, level.firstContactWorkingDays, holidays),
  };
}

/** The service levels this referral has missed, as of `today` (a date in Europe/Amsterdam). */
export function overdueFlags(r: { state: ReferralState; answerDueDate: string; firstContactDueDate: string }, today: string): OverdueFlag[] {
  const flags: OverdueFlag[] = [];
  if (r.state === 'sent' && today > r.answerDueDate) flags.push('answer_overdue');
  if ((r.state === 'sent' || r.state === 'accepted') && today > r.firstContactDueDate) flags.push('first_contact_overdue');
  return flags;
}

export interface ConsentRecord {
  organisationId: string;
  withdrawnAt: Date | null;
  scopes?: readonly string[];
}

/** An organisation may see a resident's referral data only with a consent for it that is not withdrawn. */
export function hasActiveConsent(consents: readonly ConsentRecord[], organisationId: string): boolean {
  return consents.some((c) => c.organisationId === organisationId && c.withdrawnAt === null);
}

/** What the resident currently shares with this organisation: the union of its consents that are not withdrawn. */
export function activeScopes(consents: readonly ConsentRecord[], organisationId: string): Set<ConsentScope> {
  return new Set(
    consents
      .filter((c) => c.organisationId === organisationId && c.withdrawnAt === null)
      .flatMap((c) => (c.scopes ?? []).filter((s): s is ConsentScope => s in consentScopes)),
  );
}

/** Which side an organisation is on, or null when it is not involved. */
export function sideOf(r: { fromOrganisationId: string | null; toOrganisationId: string }, organisationId: string): Side | null {
  if (r.toOrganisationId === organisationId) return 'receiver';
  if (r.fromOrganisationId === organisationId) return 'sender';
  return null;
}
