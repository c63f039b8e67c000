import { describe, expect, it } from 'vitest';
import { isOfferPublic, offerDraftProblems, offerMatches, offerStatusOn, offerTransition, readOfferSearch, type SearchableOffer } from './offerRules.ts';

const today = '2026-05-04';
const submitted = { status: 'submitted', validFrom: null, validUntil: null };
const approved = { status: 'approved', validFrom: null, validUntil: null };

describe('the state machine of an offer', () => {
  it('approves or rejects a submitted offer; a rejection needs a reason', () => {
    expect(offerTransition(submitted, { type: 'approve' }, today)).toEqual({ ok: true, status: 'approved', reason: null });
    expect(offerTransition(submitted, { type: 'reject', reason: '  Geen korting voor pashouders  ' }, today)).toEqual({
      ok: true,
      status: 'rejected',
      reason: 'Geen korting voor pashouders',
    });
    expect(offerTransition(submitted, { type: 'reject', reason: '  ' }, today)).toEqual({ ok: false, code: 'offer_reason_required' });
  });

  it('decides an offer once', () => {
    for (const status of ['approved', 'rejected', 'withdrawn']) {
      const offer = { status, validFrom: null, validUntil: null };
      expect(offerTransition(offer, { type: 'approve' }, today), status).toEqual({ ok: false, code: 'offer_already_decided' });
      expect(offerTransition(offer, { type: 'reject', reason: 'Te duur' }, today), status).toEqual({ ok: false, code: 'offer_already_decided' });
    }
  });

  it('withdraws a submitted or approved offer, not a rejected, withdrawn or expired one', () => {
    expect(offerTransition(submitted, { type: 'withdraw' }, today)).toMatchObject({ ok: true, status: 'withdrawn' });
    expect(offerTransition(approved, { type: 'withdraw' }, today)).toMatchObject({ ok: true, status: 'withdrawn' });
    const expired = { ...approved, validUntil: '2026-05-03' };
    for (const offer of [{ ...submitted, status: 'rejected' }, { ...submitted, status: 'withdrawn' }, expired])
      expect(offerTransition(offer, { type: 'withdraw' }, today)).toEqual({ ok: false, code: 'offer_not_withdrawable' });
  });

  it('lets an approved offer expire after its end date, and shows it only while it runs', () => {
    const lastDay = { ...approved, validUntil: today };
    expect(offerStatusOn(lastDay, today)).toBe('approved');
    expect(isOfferPublic(lastDay, today)).toBe(true);
    expect(offerStatusOn(lastDay, '2026-05-05')).toBe('expired');
    expect(isOfferPublic(lastDay, '2026-05-05')).toBe(false);
    expect(isOfferPublic({ ...approved, validFrom: '2026-05-05' }, today)).toBe(false);
    expect(isOfferPublic(submitted, today)).toBe(false);
    // A submitted offer past its end date is still waiting: it never was approved.
    expect(offerStatusOn({ ...submitted, validUntil: '2026-01-01' }, today)).toBe('submitted');
  });
});

describe('the checks of a new offer', () => {
  const areas = ['WK050504', 'WK050505'];
  const base = { kind: 'offer' as const, audience: 'everyone' as const, areaCodes: [] };
  it('accepts a plain offer for the whole city', () => {
    expect(offerDraftProblems(base, areas, today)).toEqual({});
  });
  it('needs the discount text of a discount, and the ages of an offer for children in order and at most 17', () => {
    expect(offerDraftProblems({ ...base, kind: 'discount' }, areas, today)).toEqual({ discountText: 'offer_discount_text_required' });
    expect(offerDraftProblems({ ...base, audience: 'children' }, areas, today)).toEqual({ minAge: 'offer_ages_required', maxAge: 'offer_ages_required' });
    expect(offerDraftProblems({ ...base, audience: 'children', minAge: 12, maxAge: 4 }, areas, today)).toEqual({ maxAge: 'offer_ages_out_of_order' });
    expect(offerDraftProblems({ ...base, audience: 'children', minAge: 4, maxAge: 18 }, areas, today)).toEqual({ maxAge: 'offer_child_age_too_high' });
    expect(offerDraftProblems({ ...base, audience: 'children', minAge: 4, maxAge: 12 }, areas, today)).toEqual({});
  });
  it('refuses an end date before the start or in the past, and an unknown wijk', () => {
    expect(offerDraftProblems({ ...base, validFrom: '2026-06-01', validUntil: '2026-05-31' }, areas, today)).toEqual({ validUntil: 'offer_dates_reversed' });
    expect(offerDraftProblems({ ...base, validUntil: '2026-05-03' }, areas, today)).toEqual({ validUntil: 'offer_until_past' });
    expect(offerDraftProblems({ ...base, areaCodes: ['WK050504', 'WK999999'] }, areas, today)).toEqual({ areaCodes: 'offer_area_unknown' });
  });
});

describe('the public search', () => {
  const swimming: SearchableOffer = {
    title: 'Zwemles',
    description: 'Tien lessen in het Sportboulevard-bad',
    discountText: null,
    providerName: 'Sport en Cultuur Dordrecht',
    category: 'sport',
    audience: 'children',
    minAge: 4,
    maxAge: 12,
    areaCodes: ['WK050504'],
  };
  const museum: SearchableOffer = {
    ...swimming,
    title: 'Museumkaart',
    description: null,
    discountText: '50% korting',
    category: 'culture',
    audience: 'adults',
    minAge: null,
    maxAge: null,
    areaCodes: [],
  };

  it('finds by words in title, description, discount or provider, any case', () => {
    expect(offerMatches(swimming, { text: 'ZWEM sportboulevard' })).toBe(true);
    expect(offerMatches(swimming, { text: 'zwem piano' })).toBe(false);
    expect(offerMatches(museum, { text: '50%' })).toBe(true);
  });
  it('filters by category, wijk (whole-city offers always fit) and age', () => {
    expect(offerMatches(swimming, { category: 'culture' })).toBe(false);
    expect(offerMatches(swimming, { areaCode: 'WK050505' })).toBe(false);
    expect(offerMatches(swimming, { areaCode: 'WK050504' })).toBe(true);
    expect(offerMatches(museum, { areaCode: 'WK050505' })).toBe(true);
    expect(offerMatches(swimming, { age: 3 })).toBe(false);
    expect(offerMatches(swimming, { age: 4 })).toBe(true);
    expect(offerMatches(swimming, { age: 13 })).toBe(false);
    expect(offerMatches(museum, { age: 17 })).toBe(false);
    expect(offerMatches(museum, { age: 40 })).toBe(true);
    expect(offerMatches({ ...museum, audience: 'everyone' }, { age: 9 })).toBe(true);
  });
  it('reads the form: a wrong age, category or wijk is refused by field, the rest still searches', () => {
    const known = { categories: ['sport'], areas: ['WK050504'] };
    expect(readOfferSearch({ leeftijd: '150', zoek: ' zwemmen ' }, known)).toEqual({
      search: { text: 'zwemmen' },
      problems: { leeftijd: 'search_age_out_of_range' },
    });
    expect(readOfferSearch({ leeftijd: 'negen' }, known).problems).toEqual({ leeftijd: 'search_age_not_a_number' });
    expect(readOfferSearch({ leeftijd: '-1' }, known).problems).toEqual({ leeftijd: 'search_age_not_a_number' });
    expect(readOfferSearch({ categorie: 'casino', wijk: 'WK1' }, known).problems).toEqual({
      categorie: 'search_category_unknown',
      wijk: 'search_area_unknown',
    });
    expect(readOfferSearch({ categorie: 'sport', wijk: 'WK050504', leeftijd: '9' }, known)).toEqual({
      search: { category: 'sport', areaCode: 'WK050504', age: 9 },
      problems: {},
    });
  });
});
