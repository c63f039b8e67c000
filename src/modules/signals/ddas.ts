/**
 * The national early-signal model (VNG Realisatie, DDAS vroegsignalering): creditor types, contact kinds,
 * signal statuses and final results. English codes in code, Dutch labels for people; the monitor export
 * uses these codes one to one.
 */
export const creditorTypes = [
  'rent',
  'mortgage',
  'energy',
  'water',
  'health_insurance',
  'cak_health_insurance',
  'municipal_taxes',
  'duo',
  'tax_authority',
  'cak_own_contribution',
  'allowances',
  'other',
] as const;
export type CreditorType = (typeof creditorTypes)[number];

export const creditorTypeLabels: Record<CreditorType, string> = {
  rent: 'Huur',
  mortgage: 'Hypotheek',
  energy: 'Energie',
  water: 'Drinkwater',
  health_insurance: 'Zorgverzekering',
  cak_health_insurance: 'CAK zorgverzekering (wanbetalers)',
  municipal_taxes: 'Gemeentelijke belastingen',
  duo: 'DUO',
  tax_authority: 'Belastingdienst',
  cak_own_contribution: 'CAK eigen bijdrage',
  allowances: 'Dienst Toeslagen',
  other: 'Overig',
};

/** The words creditors write in the `soort` column (lower case, spaces and hyphens as underscores). */
export const creditorTypeAliases: Record<string, CreditorType> = {
  huur: 'rent',
  hypotheek: 'mortgage',
  energie: 'energy',
  drinkwater: 'water',
  water: 'water',
  zorgverzekering: 'health_insurance',
  zorgverzekeraar: 'health_insurance',
  cak_zorgverzekering: 'cak_health_insurance',
  cak_wanbetalers: 'cak_health_insurance',
  gemeentelijke_belastingen: 'municipal_taxes',
  gemeentebelastingen: 'municipal_taxes',
  duo: 'duo',
  belastingdienst: 'tax_authority',
  cak_eigen_bijdrage: 'cak_own_contribution',
  toeslagen: 'allowances',
  dienst_toeslagen: 'allowances',
  overig: 'other',
  // The words of the v1.2 exchange schema's EnumSignaalpartner, as a DDAS export writes them.
  zorg: 'health_insurance',
  cak_zorgverzekeringen: 'cak_health_insurance',
  overige: 'other',
  ...Object.fromEntries(creditorTypes.map((t) => [t, t])),
};

export const contactKinds = ['email', 'letter', 'sms', 'phone', 'home_visit', 'appointment', 'card', 'other', 'administrative'] as const;
export type ContactKind = (typeof contactKinds)[number];
export const contactKindLabels: Record<ContactKind, string> = {
  email: 'E-mail',
  letter: 'Brief',
  sms: 'Sms/WhatsApp',
  phone: 'Telefoon',
  home_visit: 'Huisbezoek',
  appointment: 'Afspraak op locatie',
  card: 'Kaartje in de bus',
  other: 'Anders',
  administrative: 'Administratief (geen contact)',
};

export const partsOfDay = ['morning', 'afternoon', 'evening'] as const;
export type PartOfDay = (typeof partsOfDay)[number];
export const partOfDayLabels: Record<PartOfDay, string> = {
  morning: 'Ochtend (voor 12:00)',
  afternoon: 'Middag (12:00-18:00)',
  evening: 'Avond (vanaf 18:00)',
};

export const signalStatuses = [
  'not_yet_taken_up',
  'taken_up',
  'unjustified',
  'deceased',
  'not_resident',
  'repeated',
  'other_reason',
  'known_to_debt_help',
] as const;
export type SignalStatus = (typeof signalStatuses)[number];
export const signalStatusLabels: Record<SignalStatus, string> = {
  not_yet_taken_up: 'Nog niet opgepakt',
  taken_up: 'Opgepakt',
  unjustified: 'Niet opgepakt: onterecht signaal',
  deceased: 'Inwoner overleden',
  not_resident: 'Persoon is geen inwoner (meer) in de gemeente',
  repeated: 'Niet opgepakt: herhaalde melding',
  other_reason: 'Niet opgepakt: andere reden',
  known_to_debt_help: 'Inwoner al bekend bij schuldhulpverlening',
};

export const finalResults = [
  'not_taken_up_repeated',
  'not_taken_up_unjustified',
  'not_taken_up_other',
  'deceased',
  'not_resident',
  'known_to_debt_help',
  'other_trajectory',
  'no_contact',
  'no_response',
  'no_help_needed',
  'already_paid',
  'quick_fix',
  'referral_financial',
  'referral_non_financial',
  'referral_without_contact',
] as const;
export type FinalResult = (typeof finalResults)[number];
export const finalResultLabels: Record<FinalResult, string> = {
  not_taken_up_repeated: 'Niet opgepakt: herhaald signaal',
  not_taken_up_unjustified: 'Niet opgepakt: onterecht signaal',
  not_taken_up_other: 'Niet opgepakt: andere reden',
  deceased: 'Inwoner overleden',
  not_resident: 'Geen inwoner (meer) van de gemeente',
  known_to_debt_help: 'Al bekend bij schuldhulpverlening',
  other_trajectory: 'Heeft al een ander hulptraject',
  no_contact: 'Definitief geen contact',
  no_response: 'Geen reactie na eerder contact',
  no_help_needed: 'Inwoner heeft geen hulp nodig',
  already_paid: 'Al betaald of betalingsregeling getroffen',
  quick_fix: '(Budget)advies of snelle oplossing',
  referral_financial: 'Vervolghulp of doorverwijzing, financieel',
  referral_non_financial: 'Vervolghulp of doorverwijzing, niet-financieel',
  referral_without_contact: 'Doorverwijzing zonder contact',
};

/** Results in which the household got help: these cases are kept; the others are purged after the term. */
export const helpResults: readonly FinalResult[] = ['quick_fix', 'referral_financial', 'referral_non_financial', 'referral_without_contact'];
/** Results that hand the case on to another organisation: a referral target is required. */
export const referralResults: readonly FinalResult[] = ['referral_financial', 'referral_non_financial', 'referral_without_contact'];
/** Results for which the resident was reached (spoken to). */
export const reachedResults: readonly FinalResult[] = [
  'known_to_debt_help',
  'other_trajectory',
  'no_response',
  'no_help_needed',
  'already_paid',
  'quick_fix',
  'referral_financial',
  'referral_non_financial',
];

/** The resident's answer to the offer of help (the words; kept beside the DDAS result). */
export const helpResponses = ['accepted', 'declined', 'already_in_help', 'no_help_needed'] as const;
export type HelpResponse = (typeof helpResponses)[number];
export const helpResponseLabels: Record<HelpResponse, string> = {
  accepted: 'Hulp aangenomen',
  declined: 'Hulp afgeslagen',
  already_in_help: 'Al in de hulpverlening',
  no_help_needed: 'Geen hulp nodig',
};

/** Where a case is in the team's work. */
export const caseStatuses = ['below_threshold', 'awaiting_letter', 'letter_sent', 'in_contact', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const caseStatusLabels: Record<CaseStatus, string> = {
  below_threshold: 'Onder de drempel (niet opgepakt)',
  awaiting_letter: 'Brief nog versturen',
  letter_sent: 'Brief verstuurd, contact zoeken',
  in_contact: 'In contact',
  closed: 'Afgesloten',
};

/**
 * Does an outcome contradict what the contact attempts say? Returns the reason as a code, or null. "Definitively no
 * contact" cannot follow an attempt that reached the resident; "no response after earlier contact" needs one.
 */
export type OutcomeContradiction = 'contact_was_made' | 'no_earlier_contact';
export function outcomeContradiction(result: FinalResult, residentReached: boolean): OutcomeContradiction | null {
  if (result === 'no_contact' && residentReached) return 'contact_was_made';
  if (result === 'no_response' && !residentReached) return 'no_earlier_contact';
  return null;
}

/** Contact kinds that by their nature do not reach the resident (an administrative step is no contact). */
export const unreachableContactKinds: readonly ContactKind[] = ['administrative'];

/**
 * What a creditor is told about its own signal (DDAS): for the "not taken up" results, deceased and not a resident,
 * the result itself; for any other reason only that it was not taken up (never why: "already known to debt help"
 * would tell the creditor about the resident's help). A pending or taken-up signal is told as such.
 */
export const creditorFeedbacks = ['pending', 'taken_up', 'repeated', 'unjustified', 'deceased', 'not_resident', 'not_taken_up'] as const;
export type CreditorFeedback = (typeof creditorFeedbacks)[number];
export const creditorFeedbackLabels: Record<CreditorFeedback, string> = {
  pending: 'Nog niet opgepakt',
  taken_up: 'Opgepakt',
  repeated: 'Niet opgepakt: herhaalde melding',
  unjustified: 'Niet opgepakt: onterecht signaal',
  deceased: 'Inwoner is overleden',
  not_resident: 'Persoon is geen inwoner (meer) in de gemeente',
  not_taken_up: 'Niet opgepakt',
};
export const creditorFeedbackOf: Record<SignalStatus, CreditorFeedback> = {
  not_yet_taken_up: 'pending',
  taken_up: 'taken_up',
  repeated: 'repeated',
  unjustified: 'unjustified',
  deceased: 'deceased',
  not_resident: 'not_resident',
  other_reason: 'not_taken_up',
  known_to_debt_help: 'not_taken_up',
};
