import { AppError, ValidationError } from '../../platform/errors.ts';
import { municipalityName } from '../../platform/municipalities.ts';
import { maxSearchAge, type OfferSearchProblem } from './offerRules.ts';

/**
 * Every refusal of the Dordtpas as a code, with its HTTP status and its sentence for people (B1 Dutch). The rules
 * (`domain.ts`) and the commands return or throw a code; only this table writes Dutch, and no route compares text.
 */

const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** `2026-01-01` as `1 januari 2026`. */
export function dutchDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${months[m - 1]} ${y}`;
}

/** Cents as `€ 1.234,56` (`-€ 125,00` when negative). */
export function euro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}€ ${whole},${String(abs % 100).padStart(2, '0')}`;
}

/** Why a charge at the till cannot go ahead (from `chargeRefusal`). Nothing was debited. */
export type ChargeRefusal =
  | { code: 'pass_unknown' }
  | { code: 'pass_blocked' }
  | { code: 'pass_lost' }
  | { code: 'pass_not_valid_today'; today: string; validFrom: string; validTo: string }
  | { code: 'pass_other_municipality' }
  | { code: 'category_unknown' }
  | { code: 'category_not_allowed'; category: string }
  | { code: 'no_child_budget' }
  | { code: 'insufficient_balance'; balanceCents: number; amountCents: number }
  | { code: 'refund_above_charge'; leftCents: number }
  | { code: 'refund_complete' };

export function chargeRefusalText(refusal: ChargeRefusal): string {
  switch (refusal.code) {
    case 'pass_unknown':
      return 'Dit pasnummer is onbekend. Controleer het nummer op de pas.';
    case 'pass_blocked':
      return 'Deze pas is geblokkeerd. Er kan niet mee betaald worden.';
    case 'pass_lost':
      return 'Deze pas is als verloren gemeld en vervangen door een nieuwe pas. Vraag naar de nieuwe pas.';
    case 'pass_not_valid_today':
      return `Deze pas is niet geldig op ${dutchDate(refusal.today)}. De pas is geldig van ${dutchDate(refusal.validFrom)} tot en met ${dutchDate(refusal.validTo)}.`;
    case 'pass_other_municipality':
      return 'Deze pas is niet geldig bij deze aanbieder.';
    case 'category_unknown':
      return 'Deze categorie bestaat niet.';
    case 'category_not_allowed':
      return `Het kindtegoed mag niet besteed worden aan ${refusal.category.toLowerCase()}. Het kan alleen voor leermiddelen, sport en cultuur.`;
    case 'no_child_budget':
      return 'Voor dit kind op deze pas is geen kindtegoed voor dit jaar.';
    case 'insufficient_balance':
      return `Het kindtegoed is niet genoeg: er is nog ${euro(refusal.balanceCents)} over en er is ${euro(refusal.amountCents)} gevraagd. Er is niets afgeschreven.`;
    case 'refund_above_charge':
      return `U kunt niet meer terugbetalen dan er betaald is: van deze betaling staat nog ${euro(refusal.leftCents)} open.`;
    case 'refund_complete':
      return 'Deze betaling is al helemaal teruggeboekt. Er staat niets meer open.';
  }
}

/** A charge the rules refuse: shown to the cashier as is (422). The API code stays `insufficient_balance` or `charge_refused`. */
export class ChargeRefused extends AppError {
  constructor(readonly refusal: ChargeRefusal) {
    super(refusal.code === 'insufficient_balance' ? 'insufficient_balance' : 'charge_refused', 422, chargeRefusalText(refusal), { reason: refusal.code });
  }
}

/**
 * The other refusals of the pass office, the till and the configuration: code → status, API error code, the field it
 * is about (shown next to that field) and the sentence.
 */
export const passProblems = {
  income_required: { status: 400, field: 'monthlyNetIncomeCents', text: 'Vul het netto-inkomen van u en uw partner per maand in.' },
  volunteer_organisation_required: { status: 400, field: 'volunteerOrganisationId', text: 'Kies de vrijwilligersorganisatie die de pas voor u koopt.' },
  not_a_volunteer_organisation: { status: 400, field: 'volunteerOrganisationId', text: 'Deze organisatie is geen vrijwilligersorganisatie.' },
  already_decided: { status: 409, field: null, text: 'Over deze aanvraag is al besloten.' },
  reason_required: { status: 400, field: 'reason', text: 'Geef de reden van de afwijzing. De aanvrager krijgt die te zien.' },
  not_free: {
    status: 400,
    field: 'approve',
    text: 'Het inkomen of het vermogen is hoger dan de grens, of er is geen norm bekend. Wijs de aanvraag af of laat de aanvrager de pas kopen.',
  },
  pass_replaced: { status: 409, field: null, text: 'Deze pas is vervangen en kan niet meer worden gebruikt.' },
  pass_already_replaced: { status: 409, field: null, text: 'Deze pas is al vervangen.' },
  wrong_access_code: { status: 403, field: null, text: 'De combinatie van aanvraagnummer en code klopt niet.' },
  offer_not_yours: { status: 400, field: 'offerId', text: 'Dit aanbod hoort niet bij uw organisatie of is niet meer actief.' },
  not_a_provider: { status: 403, field: null, text: 'Uw organisatie is geen (actieve) aanbieder van de Dordtpas.' },
  charge_in_progress: { status: 409, field: null, text: 'Deze betaling wordt al verwerkt. Probeer het zo opnieuw met dezelfde sleutel.' },
  key_reused: { status: 409, field: null, text: 'Deze sleutel (idempotency key) is al gebruikt voor een andere betaling. Gebruik een nieuwe sleutel.' },
  period_reversed: { status: 400, field: 'to', text: 'De einddatum ligt voor de begindatum.' },
  ages_out_of_order: {
    status: 400,
    field: 'secondaryFromAge',
    text: 'De leeftijden kloppen niet: basisschool begint voor middelbare school, en die voor de eindleeftijd.',
  },
  not_a_provider_organisation: {
    status: 400,
    field: 'organisationId',
    text: 'Alleen een organisatie van het soort "aanbieder" kan aanbieder van de Dordtpas worden.',
  },
  already_provider: { status: 400, field: 'organisationId', text: 'Deze organisatie is al aanbieder van de Dordtpas.' },
  category_unknown: { status: 400, field: 'category', text: 'Deze categorie bestaat niet.' },
  payout_empty: {
    status: 409,
    field: null,
    text: 'Er is niets uit te betalen in deze periode: alles is al uitbetaald, of er zijn geen betalingen bij aanbieders met een geldig IBAN.',
  },
  payout_already_paid: { status: 409, field: null, text: 'Deze uitbetaling is al als betaald gemarkeerd. Er wordt niets twee keer betaald.' },
  own_organisation_only: { status: 403, field: null, text: 'U heeft alleen toegang tot de gegevens van uw eigen organisatie.' },
  campaign_target_differs: {
    status: 409,
    field: null,
    text: 'Deze bijdrage is al uitgevoerd met een andere doelgroep of einddatum. Met dezelfde code kan dat niet: dan krijgen kinderen het verschillend. Er is niets bijgeschreven. Kies een nieuwe code.',
  },
  campaign_ages_out_of_order: { status: 400, field: 'targetMaxAge', text: 'De leeftijd "tot en met" is lager dan de leeftijd "van". Draai ze om.' },
  campaign_ends_in_past: { status: 400, field: 'endsOn', text: 'De einddatum ligt in het verleden. Kies vandaag of een latere dag.' },
  offer_already_decided: { status: 409, field: null, text: 'Over dit aanbod is al besloten. Het kan niet nog eens worden goedgekeurd of afgewezen.' },
  offer_reason_required: { status: 400, field: 'reason', text: 'Geef de reden van de afwijzing in een paar woorden. De aanbieder krijgt die te zien.' },
  offer_not_withdrawable: { status: 409, field: null, text: 'Dit aanbod kan niet worden ingetrokken: het is afgewezen, al ingetrokken of verlopen.' },
  offer_discount_text_required: { status: 400, field: 'discountText', text: 'Schrijf op welke korting er is, bijvoorbeeld "25% korting op de entree".' },
  offer_ages_required: { status: 400, field: 'minAge', text: 'Vul bij aanbod voor kinderen in voor welke leeftijd het is: van en tot.' },
  offer_ages_out_of_order: { status: 400, field: 'maxAge', text: 'De leeftijd "tot" is lager dan de leeftijd "van". Draai ze om.' },
  offer_child_age_too_high: {
    status: 400,
    field: 'maxAge',
    text: 'Aanbod voor kinderen is tot en met 17 jaar. Kies "Volwassenen" of "Iedereen" voor ouderen.',
  },
  offer_dates_reversed: { status: 400, field: 'validUntil', text: 'De einddatum ligt voor de begindatum.' },
  offer_until_past: { status: 400, field: 'validUntil', text: 'De einddatum ligt in het verleden. Kies een datum vanaf vandaag.' },
  offer_area_unknown: { status: 400, field: 'areaCodes', text: 'Deze wijk kennen wij niet. Kies een wijk uit de lijst, of de hele stad.' },
} as const satisfies Record<string, { status: number; field: string | null; text: string }>;
export type PassProblem = keyof typeof passProblems;

const apiCodes: Record<number, string> = { 400: 'validation_failed', 403: 'forbidden', 409: 'conflict', 422: 'charge_refused' };

/** The error to throw for a refusal: its status, its sentence, and the field it is about (for the form). */
export function passError(code: PassProblem): AppError {
  const problem = passProblems[code];
  const details = problem.field ? { errors: [{ field: problem.field, reason: problem.text }], reason: code } : { reason: code };
  return new AppError(apiCodes[problem.status] ?? 'conflict', problem.status, problem.text, details);
}

/** No rules for a municipality on a date: no pass can be issued or checked until the pass office sets them. */
export function noRulesText(municipality: string, on: string): string {
  return `Er zijn geen Dordtpas-regels vastgesteld voor ${municipality} op ${dutchDate(on)}. Vraag de beheerder de normtabel in te vullen.`;
}

/**
 * The applicant's postcode does not lie in the municipality of the pass (`postcode_outside`: it lies in another one
 * the postcode table knows; `postcode_unknown`: the table knows it nowhere). A 400 on the field `applicant.postcode`,
 * so the form shows it next to the postcode; never the income check's "U krijgt de Dordtpas gratis".
 */
export function residencyError(
  refusal: { code: 'postcode_outside'; municipality: string; lies: string } | { code: 'postcode_unknown'; municipality: string },
): ValidationError {
  const own = municipalityName(refusal.municipality);
  const text =
    refusal.code === 'postcode_outside'
      ? `Deze postcode ligt niet in ${own}, maar in ${municipalityName(refusal.lies)}. De Dordtpas is alleen voor inwoners van ${own}. Controleer uw postcode, of vraag uw eigen gemeente naar een regeling.`
      : `Deze postcode ligt niet in ${own}: wij kennen deze postcode niet. De Dordtpas is alleen voor inwoners van ${own}. Controleer uw postcode.`;
  const error = new ValidationError(text, [{ field: 'applicant.postcode', reason: text }]);
  error.details.reason = refusal.code;
  return error;
}

/**
 * A campaign code that ran before with another amount or pass year (`campaign_differs`, 409): running it again would
 * give children different amounts, so nothing is credited. The same code with the same amount and year stays a
 * harmless re-run.
 */
export function campaignDiffers(input: { code: string; year: number; amountCents: number; askedYear: number; askedAmountCents: number }): AppError {
  const asked = input.askedYear === input.year ? euro(input.askedAmountCents) : `${euro(input.askedAmountCents)} voor ${input.askedYear}`;
  const text = `De bijdrage met code ${input.code} is al uitgevoerd met ${euro(input.amountCents)} per kind voor ${input.year}. Met dezelfde code kan het niet opnieuw met ${asked}: dan krijgen kinderen verschillende bedragen. Er is niets bijgeschreven. Kies een nieuwe code voor een nieuwe bijdrage.`;
  return new AppError('campaign_differs', 409, text, {
    reason: 'campaign_differs',
    campaign: { code: input.code, year: input.year, amountCents: input.amountCents },
  });
}

/** Why the public offers page cannot search with a value (shown next to that field). */
export const offerSearchTexts: Record<OfferSearchProblem, string> = {
  search_age_not_a_number: 'Schrijf de leeftijd als een getal, bijvoorbeeld 9.',
  search_age_out_of_range: `Een leeftijd is hoogstens ${maxSearchAge} jaar. Controleer de leeftijd.`,
  search_category_unknown: 'Deze categorie kennen wij niet. Kies een categorie uit de lijst.',
  search_area_unknown: 'Deze wijk kennen wij niet. Kies een wijk uit de lijst.',
  search_text_too_long: 'Zoek met minder woorden: hoogstens 100 tekens.',
};
