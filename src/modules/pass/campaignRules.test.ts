import { describe, expect, it } from 'vitest';
import { ageOn, allocateCharge, campaignTargetProblems, campaignTargets, expiredUnusedCents, refundToCredits, spendableCents } from './campaignRules.ts';

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

describe('a refund of a charge that used campaign credit', () => {
  const a = { campaignId: 'a', childPersonId: 'c' };
  const b = { campaignId: 'b', childPersonId: 'c' };
  // A charge of 4,000: 1,000 from credit a (ends first), 2,000 from credit b, 1,000 ordinary budget.
  const uses = [
    { ...a, cents: 1_000 },
    { ...b, cents: 2_000 },
  ];
  it('gives the ordinary part back first, then the credits, the last one taken first', () => {
    expect(refundToCredits(4_000, uses, 0, 1_000)).toEqual([]);
    expect(refundToCredits(4_000, uses, 0, 1_500)).toEqual([{ ...b, cents: 500 }]);
    expect(refundToCredits(4_000, uses, 1_500, 2_000)).toEqual([
      { ...b, cents: 1_500 },
      { ...a, cents: 500 },
    ]);
  });
  it('gives every credit back exactly what the charge took, in one refund or in parts', () => {
    expect(refundToCredits(4_000, uses, 0, 4_000)).toEqual([
      { ...b, cents: 2_000 },
      { ...a, cents: 1_000 },
    ]);
    const parts = [700, 1_300, 900, 1_100].reduce<{ before: number; back: Record<string, number> }>(
      (acc, amount) => {
        for (const p of refundToCredits(4_000, uses, acc.before, amount)) acc.back[p.campaignId] = (acc.back[p.campaignId] ?? 0) + p.cents;
        return { before: acc.before + amount, back: acc.back };
      },
      { before: 0, back: {} },
    );
    expect(parts.back).toEqual({ a: 1_000, b: 2_000 });
    expect(refundToCredits(4_000, [], 0, 4_000)).toEqual([]);
  });
});
