/**
 * The code lists of the chain approach (Ketenaanpak) with their Dutch labels: codes in English, labels for people.
 * Server and pages both use these (this file imports nothing, so the web app can import it).
 */

/** Themes of a question for help. */
export const referralThemes = {
  money_debts: 'Geld en schulden',
  work_income: 'Werk en inkomen',
  children_family: 'Kinderen en gezin',
  health: 'Gezondheid',
  housing: 'Wonen',
  participation: 'Meedoen en contact met anderen',
  administration: 'Administratie en post',
} as const;
export type ReferralTheme = keyof typeof referralThemes;
export const themeCodes = Object.keys(referralThemes) as ReferralTheme[];

/** How a referral entered the chain. `referral` is one partner referring to another. */
export const referralRoutes = {
  referral: 'Verwijzing door een partner',
  selftest: 'Geldfit-test (contactverzoek)',
  early_signal: 'Vroegsignalering (hulp geaccepteerd)',
  gp: 'Huisarts (sociaal recept)',
  walk_in: 'Inloop',
} as const;
export type ReferralRoute = keyof typeof referralRoutes;
export const routeCodes = Object.keys(referralRoutes) as ReferralRoute[];

export const referralStates = {
  sent: 'Verstuurd',
  accepted: 'Geaccepteerd',
  declined: 'Afgewezen',
  first_contact: 'Eerste contact gelegd',
  help_in_place: 'Hulp loopt',
  closed: 'Afgesloten',
} as const;
export type ReferralState = keyof typeof referralStates;
export const stateCodes = Object.keys(referralStates) as ReferralState[];

export type ReferralAction = 'accept' | 'decline' | 'first_contact' | 'help_in_place' | 'close';
export const actionLabels: Record<ReferralAction, string> = {
  accept: 'Accepteren',
  decline: 'Afwijzen',
  first_contact: 'Eerste contact vastleggen',
  help_in_place: 'Hulp loopt',
  close: 'Afsluiten',
};
export const actionCodes = Object.keys(actionLabels) as ReferralAction[];

/** The path of each action below `/referrals/:id/`. */
export const actionPaths: Record<ReferralAction, string> = {
  accept: 'accept',
  decline: 'decline',
  first_contact: 'first-contact',
  help_in_place: 'help-in-place',
  close: 'close',
};

/** What each action did, for the message after it ("De verwijzing is geaccepteerd."). */
export const actionDone: Record<ReferralAction, string> = {
  accept: 'De verwijzing is geaccepteerd.',
  decline: 'De verwijzing is afgewezen. De verwijzer ziet uw reden.',
  first_contact: 'Het eerste contact is vastgelegd.',
  help_in_place: 'Vastgelegd dat de hulp loopt.',
  close: 'De verwijzing is afgesloten.',
};

export type OverdueFlag = 'answer_overdue' | 'first_contact_overdue';
export const flagLabels: Record<OverdueFlag, string> = {
  answer_overdue: 'Antwoord te laat',
  first_contact_overdue: 'Eerste contact te laat',
};

/** What the resident can agree to share. */
export const consentScopes = {
  contact: 'Naam en contactgegevens',
  question: 'De hulpvraag',
  progress: 'Hoe de hulp verloopt (tijdlijn)',
} as const;
export type ConsentScope = keyof typeof consentScopes;
export const allConsentScopes = Object.keys(consentScopes) as ConsentScope[];

/** Another member of the household the question is also about. */
export const householdRelations = { partner: 'Partner', child: 'Kind', other: 'Ander gezinslid' } as const;
export type HouseholdRelation = keyof typeof householdRelations;

/** What happened on a resident's timeline. */
export const eventLabels: Record<string, string> = {
  sent: 'Verwijzing verstuurd',
  accepted: 'Geaccepteerd',
  declined: 'Afgewezen',
  first_contact: 'Eerste contact gelegd',
  help_in_place: 'Hulp loopt',
  closed: 'Afgesloten',
  consent_given: 'Toestemming gegeven',
  consent_withdrawn: 'Toestemming ingetrokken',
};
