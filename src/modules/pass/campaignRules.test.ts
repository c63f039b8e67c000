import { describe, expect, it } from 'vitest';
import { ageOn, allocateCharge, campaignTargetProblems, campaignTargets, expiredUnusedCents, spendableCents } from './campaignRules.ts';

const everyone = { targetMinAge: null, targetMaxAge: null, targetAreaCode: null };

describe('who a campaign targets', () => {
  it('counts whole years on the run date', () => {
    expect(ageOn('2016-05-10', '2026-05-09')).toBe(9);
    expect(ageOn('2016-05-10', '2026-05-10')).toBe(10);
    expect(ageOn('2016-02-29', '2026-02-28')).toBe(9);
  });
  it('reaches every child without a target, and only the age range or wijk with one', () => {
    const child = { birthDate: '2016-05-10', areaCode: 'WK050504' };
    expect(campaignTargets(everyone, child, '2026-12-01')).toBe(true);
    expect(campaignTargets({ ...everyone, targetMinAge: 4, targetMaxAge: 11 }, child, '2026-12-01')).toBe(true);
    expect(campaignTargets({ ...everyone, targetMinAge: 4, targetMaxAge: 9 }, child, '2026-12-01')).toBe(false);
    expect(campaignTargets({ ...everyone, targetMinAge: 11 }, child, '2026-12-01')).toBe(false);
    expect(campaignTargets({ ...everyone, targetAreaCode: 'WK050504' }, child, '2026-12-01')).toBe(true);
    expect(campaignTargets({ ...everyone, targetAreaCode: 'WK050505' }, child, '2026-12-01')).toBe(false);
    expect(campaignTargets({ ...everyone, targetMaxAge: 12 }, { birthDate: null, areaCode: null }, '2026-12-01')).toBe(false);
  });
  it('refuses ages the wrong way round and an end date in the past', () => {
    expect(campaignTargetProblems({ targetMinAge: 12, targetMaxAge: 4 }, '2026-12-01')).toEqual({ targetMaxAge: 'campaign_ages_out_of_order' });
    expect(campaignTargetProblems({ endsOn: '2026-11-30' }, '2026-12-01')).toEqual({ endsOn: 'campaign_ends_in_past' });
    expect(campaignTargetProblems({ targetMinAge: 4, targetMaxAge: 12, endsOn: '2026-12-01' }, '2026-12-01')).toEqual({});
  });
});

describe('credit with an end date', () => {
  const gift = { amountCents: 2500, usedCents: 1000, endsOn: '2027-01-31' };
  it('stays spendable up to and including the end date, then its unused part is gone', () => {
    expect(expiredUnusedCents([gift], '2027-01-31')).toBe(0);
    expect(expiredUnusedCents([gift], '2027-02-01')).toBe(1500);
    expect(spendableCents(30_000, [gift], '2027-02-01')).toBe(28_500);
    expect(spendableCents(1000, [gift], '2027-02-01')).toBe(0);
    expect(expiredUnusedCents([{ amountCents: 2500, usedCents: 0, endsOn: null }], '2099-01-01')).toBe(0);
  });
  it('uses the credit that ends first for a charge, then the next, then the ordinary budget', () => {
    const credits = [
      { amountCents: 2500, usedCents: 0, endsOn: '2027-03-31' },
      { amountCents: 1000, usedCents: 500, endsOn: '2027-01-31' },
      { amountCents: 5000, usedCents: 0, endsOn: '2026-11-30' }, // already ended
      { amountCents: 4000, usedCents: 0, endsOn: null },
    ];
    expect(allocateCharge(credits, 400, '2026-12-01')).toEqual([0, 400, 0, 0]);
    expect(allocateCharge(credits, 2000, '2026-12-01')).toEqual([1500, 500, 0, 0]);
    expect(allocateCharge(credits, 9000, '2026-12-01')).toEqual([2500, 500, 0, 0]);
  });
});
