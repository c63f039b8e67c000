import { type AppError, ConflictError, ForbiddenError, ValidationError, type FieldProblem } from '../../platform/errors.ts';
import { referralStates, type ReferralState } from './labels.ts';

/**
 * Every refusal of this module as a code, with its HTTP status and its Dutch sentence: the commands and the state
 * machine name a code, only this table says it to people. A field sentence goes next to that field in the form.
 */
interface Message {
  status: 400 | 403 | 409;
  /** The sentence at the top (problem detail). */
  text: (p: MessageParams) => string;
  /** The field it is about and the sentence next to it. */
  field?: { name: (p: MessageParams) => string; reason: (p: MessageParams) => string };
}

export interface MessageParams {
  state?: ReferralState;
  organisationCode?: string;
  field?: string;
}

const fixed = (text: string) => () => text;

export const referralMessages = {
  // The state machine (domain.ts `transition`).
  not_in_this_state: { status: 409, text: (p) => `Dit kan niet: de verwijzing is '${p.state ? referralStates[p.state].toLowerCase() : 'veranderd'}'.` },
  receiver_only: { status: 409, text: fixed('Alleen de ontvangende organisatie kan dit doen.') },
  sender_only: { status: 409, text: fixed('Alleen de verwijzende organisatie kan dit doen.') },
  reason_required: { status: 400, text: fixed('Geef een reden op.'), field: { name: fixed('reason'), reason: fixed('Geef een reden op.') } },
  // Making a referral or an intake.
  no_consent: {
    status: 400,
    text: fixed('Zonder toestemming van de inwoner sturen wij geen gegevens door.'),
    field: { name: fixed('consent.given'), reason: fixed('De inwoner moet toestemming geven om de vraag door te sturen.') },
  },
  receiver_unknown: {
    status: 400,
    text: fixed('Deze organisatie is onbekend.'),
    field: {
      name: (p) => p.field ?? 'toOrganisationCode',
      reason: (p) => `Organisatie ${p.organisationCode} kan geen verwijzingen ontvangen in deze gemeente.`,
    },
  },
  receiver_refused: {
    status: 400,
    text: fixed('Naar deze organisatie kunt u niet verwijzen.'),
    field: {
      name: (p) => p.field ?? 'toOrganisationCode',
      reason: (p) => `Organisatie ${p.organisationCode} kan geen verwijzingen ontvangen in deze gemeente.`,
    },
  },
  own_organisation: {
    status: 400,
    text: fixed('U kunt niet naar uw eigen organisatie verwijzen.'),
    field: { name: fixed('toOrganisationCode'), reason: fixed('Kies een andere organisatie.') },
  },
  gp_route_only_health_care: { status: 403, text: fixed('Alleen een huisartsenpraktijk of zorgorganisatie kan een sociaal recept uitschrijven.') },
  signals_only_early_signal: {
    status: 400,
    text: fixed('Alleen een overdracht uit vroegsignalering kan signalen meegeven.'),
    field: { name: fixed('signals'), reason: fixed('Signalen kunnen alleen mee met een overdracht uit vroegsignalering.') },
  },
  // Consents.
  consent_organisation_unknown: {
    status: 400,
    text: fixed('Deze organisatie is onbekend.'),
    field: { name: fixed('organisationCode'), reason: fixed('Kies een organisatie uit de lijst.') },
  },
  consent_organisation_not_involved: {
    status: 400,
    text: fixed('Deze organisatie is niet betrokken bij een verwijzing voor deze inwoner.'),
    field: { name: fixed('organisationCode'), reason: fixed('Verwijs eerst naar deze organisatie.') },
  },
  consent_exists: { status: 409, text: fixed('Er is al een geldige toestemming voor deze organisatie.') },
  consent_already_withdrawn: { status: 409, text: fixed('Deze toestemming is al ingetrokken.') },
  no_consent_to_see: { status: 403, text: fixed('De inwoner heeft uw organisatie geen toestemming (meer) gegeven om deze gegevens te zien.') },
  progress_not_shared: { status: 403, text: fixed('De inwoner deelt het verloop van de hulp (de tijdlijn) niet met uw organisatie.') },
} satisfies Record<string, Message>;

export type ReferralMessageCode = keyof typeof referralMessages;

/** The error to throw for a code: its status, its sentence, and the field it is about. */
export function referralError(code: ReferralMessageCode, params: MessageParams = {}): AppError {
  const m: Message = referralMessages[code];
  const errors: FieldProblem[] = m.field ? [{ field: m.field.name(params), reason: m.field.reason(params) }] : [];
  const text = m.text(params);
  const error =
    m.status === 400
      ? new ValidationError(text, errors)
      : m.status === 403
        ? new ForbiddenError(text)
        : new ConflictError(text, params.state ? { state: params.state } : {});
  error.details.reason = code;
  return error;
}
