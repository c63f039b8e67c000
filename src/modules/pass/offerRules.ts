import type { OfferAudience, OfferKind, OfferStatus } from './offerContract.ts';

/**
 * The rules of providers' offers as pure functions: the state machine (submitted → approved | rejected;
 * submitted/approved → withdrawn; approved → expired after the end date), the checks of a new offer, which offers are
 * public, and the search of the public page. They return codes; messages.ts writes the Dutch.
 */

/** The oldest age an offer for children can name; older is "adults". */
export const maxChildAge = 17;
/** The highest age the public search accepts. */
export const maxSearchAge = 120;

export interface OfferState {
  status: OfferStatus | string;
  validFrom: string | null;
  validUntil: string | null;
}

export type OfferEvent = { type: 'approve' } | { type: 'reject'; reason: string } | { type: 'withdraw' };

export type OfferRefusal = 'offer_already_decided' | 'offer_reason_required' | 'offer_not_withdrawable';

/** The state an offer is in on a day: an approved offer whose end date has passed has expired. */
export function offerStatusOn(offer: OfferState, today: string): OfferStatus {
  if (offer.status === 'approved' && offer.validUntil && offer.validUntil < today) return 'expired';
  return offer.status as OfferStatus;
}

/** The next state, or the code of why the change is refused. */
export function offerTransition(
  offer: OfferState,
  event: OfferEvent,
  today: string,
): { ok: true; status: OfferStatus; reason: string | null } | { ok: false; code: OfferRefusal } {
  const now = offerStatusOn(offer, today);
  switch (event.type) {
    case 'approve':
      return now === 'submitted' ? { ok: true, status: 'approved', reason: null } : { ok: false, code: 'offer_already_decided' };
    case 'reject': {
      if (now !== 'submitted') return { ok: false, code: 'offer_already_decided' };
      const reason = event.reason.trim();
      return reason.length >= 3 ? { ok: true, status: 'rejected', reason } : { ok: false, code: 'offer_reason_required' };
    }
    case 'withdraw':
      return now === 'submitted' || now === 'approved' ? { ok: true, status: 'withdrawn', reason: null } : { ok: false, code: 'offer_not_withdrawable' };
  }
}

/** Approved, not expired and already begun: what residents see and the till may charge. */
export function isOfferPublic(offer: OfferState, today: string): boolean {
  return offerStatusOn(offer, today) === 'approved' && (!offer.validFrom || offer.validFrom <= today);
}

export interface OfferDraft {
  kind: OfferKind;
  audience: OfferAudience;
  minAge?: number | null;
  maxAge?: number | null;
  discountText?: string | null;
  areaCodes: string[];
  validFrom?: string | null;
  validUntil?: string | null;
}

export type OfferDraftProblem =
  | 'offer_discount_text_required'
  | 'offer_ages_required'
  | 'offer_ages_out_of_order'
  | 'offer_child_age_too_high'
  | 'offer_dates_reversed'
  | 'offer_until_past'
  | 'offer_area_unknown';

/** What is wrong with a new offer, per field (empty when it may be submitted). */
export function offerDraftProblems(draft: OfferDraft, knownAreas: readonly string[], today: string): Record<string, OfferDraftProblem> {
  const problems: Record<string, OfferDraftProblem> = {};
  if (draft.kind === 'discount' && !draft.discountText?.trim()) problems.discountText = 'offer_discount_text_required';
  if (draft.audience === 'children') {
    if (draft.minAge == null) problems.minAge = 'offer_ages_required';
    if (draft.maxAge == null) problems.maxAge = 'offer_ages_required';
    else if (draft.maxAge > maxChildAge) problems.maxAge = 'offer_child_age_too_high';
    else if (draft.minAge != null && draft.minAge > draft.maxAge) problems.maxAge = 'offer_ages_out_of_order';
  }
  if (draft.validUntil && draft.validFrom && draft.validUntil < draft.validFrom) problems.validUntil = 'offer_dates_reversed';
  else if (draft.validUntil && draft.validUntil < today) problems.validUntil = 'offer_until_past';
  if (draft.areaCodes.some((a) => !knownAreas.includes(a))) problems.areaCodes = 'offer_area_unknown';
  return problems;
}

export interface OfferSearch {
  text?: string;
  category?: string;
  areaCode?: string;
  age?: number;
}

export interface SearchableOffer {
  title: string;
  description: string | null;
  discountText: string | null;
  providerName: string;
  category: string;
  audience: OfferAudience | string;
  minAge: number | null;
  maxAge: number | null;
  areaCodes: string[];
}

/** Does an offer fit the search? Text in title, description, discount or provider; a wijk (or the whole city); an age. */
export function offerMatches(offer: SearchableOffer, search: OfferSearch): boolean {
  if (search.category && offer.category !== search.category) return false;
  if (search.areaCode && offer.areaCodes.length > 0 && !offer.areaCodes.includes(search.areaCode)) return false;
  if (search.age !== undefined) {
    if (offer.audience === 'adults' && search.age <= maxChildAge) return false;
    if (offer.audience === 'children') {
      if (search.age > maxChildAge) return false;
      if (offer.minAge != null && search.age < offer.minAge) return false;
      if (offer.maxAge != null && search.age > offer.maxAge) return false;
    }
  }
  const words = (search.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = [offer.title, offer.description, offer.discountText, offer.providerName].filter(Boolean).join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export type OfferSearchProblem =
  | 'search_age_not_a_number'
  | 'search_age_out_of_range'
  | 'search_category_unknown'
  | 'search_area_unknown'
  | 'search_text_too_long';

/** Reads the public page's search form (strings from the address); unknown values are refused per field. */
export function readOfferSearch(
  raw: Record<string, string | undefined>,
  known: { categories: readonly string[]; areas: readonly string[] },
): { search: OfferSearch; problems: Record<string, OfferSearchProblem> } {
  const search: OfferSearch = {};
  const problems: Record<string, OfferSearchProblem> = {};
  const text = raw.zoek?.trim();
  if (text) {
    if (text.length > 100) problems.zoek = 'search_text_too_long';
    else search.text = text;
  }
  if (raw.categorie) {
    if (known.categories.includes(raw.categorie)) search.category = raw.categorie;
    else problems.categorie = 'search_category_unknown';
  }
  if (raw.wijk) {
    if (known.areas.includes(raw.wijk)) search.areaCode = raw.wijk;
    else problems.wijk = 'search_area_unknown';
  }
  const age = raw.leeftijd?.trim();
  if (age) {
    if (!/^\d{1,3}$/.test(age)) problems.leeftijd = 'search_age_not_a_number';
    else if (Number(age) > maxSearchAge) problems.leeftijd = 'search_age_out_of_range';
    else search.age = Number(age);
  }
  return { search, problems };
}
