import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeRefusalText, passError, passProblems, type PassProblem } from './messages.ts';
import {
  ageOn,
  chargeRefusal,
  checkEligibility,
  childBudgetFor,
  defaultRules,
  demoNorms2026,
  euro,
  formatPassNumber,
  householdTypeFor,
  isValidPassNumber,
  passNumberFrom,
  refundRefusal,
  statementPeriod,
  statementTotals,
  validOn,
  type NormRow,
} from './domain.ts';

const norms: NormRow[] = demoNorms2026.map((n) => ({ ...n, validFrom: '2026-01-01' }));
const rules = { ...defaultRules, validFrom: '2026-01-01' };

describe('household type', () => {
  it('follows partner, children and pension age', () => {
    expect(householdTypeFor({ hasPartner: false, childCount: 0, applicantBirthDate: '1990-01-01', on: '2026-03-01' })).toBe('single');
    expect(householdTypeFor({ hasPartner: false, childCount: 2, applicantBirthDate: '1990-01-01', on: '2026-03-01' })).toBe('single_parent');
    expect(householdTypeFor({ hasPartner: true, childCount: 2, applicantBirthDate: '1990-01-01', on: '2026-03-01' })).toBe('couple');
    expect(householdTypeFor({ hasPartner: false, childCount: 0, applicantBirthDate: '1958-01-01', on: '2026-03-01' })).toBe('single_pensioner');
    expect(householdTypeFor({ hasPartner: true, childCount: 0, applicantBirthDate: '1958-01-01', on: '2026-03-01' })).toBe('couple_pensioner');
    // One day before the 67th birthday is not yet pension age.
    expect(householdTypeFor({ hasPartner: false, childCount: 0, applicantBirthDate: '1959-03-02', on: '2026-03-01' })).toBe('single');
  });

  it('counts age in whole years, birthday included', () => {
    expect(ageOn('2012-03-02', '2026-03-01')).toBe(13);
    expect(ageOn('2012-03-02', '2026-03-02')).toBe(14);
  });
});

describe('eligibility against the norm table (140% of the social minimum)', () => {
  it('gives a free pass up to and including the limit, with the reason in Dutch', () => {
    // Single: norm EUR 1,401.00, limit 140% = EUR 1,961.40.
    const atLimit = checkEligibility({ householdType: 'single', monthlyNetIncomeCents: 196_140, on: '2026-05-01' }, norms, rules);
    expect(atLimit.eligible).toBe(true);
    expect(atLimit.limitCents).toBe(196_140);
    expect(atLimit.reason).toContain('€ 1.961,40');
    expect(atLimit.reason).toContain('140% van de bijstandsnorm van € 1.401,00');
    expect(atLimit.reason).toContain('U krijgt de Dordtpas gratis');

    const above = checkEligibility({ householdType: 'single', monthlyNetIncomeCents: 196_141, on: '2026-05-01' }, norms, rules);
    expect(above.eligible).toBe(false);
    expect(above.reason).toContain('€ 0,01 hoger dan de grens');
    expect(above.reason).toContain('U kunt de Dordtpas wel kopen');
  });

  it('uses the norm of the household type', () => {
    const couple = checkEligibility({ householdType: 'couple', monthlyNetIncomeCents: 250_000, on: '2026-05-01' }, norms, rules);
    expect(couple.eligible).toBe(true);
    expect(couple.limitCents).toBe(280_140);
    expect(couple.reason).toContain('gehuwden of samenwonenden');
    expect(checkEligibility({ householdType: 'single', monthlyNetIncomeCents: 250_000, on: '2026-05-01' }, norms, rules).eligible).toBe(false);
  });

  it('uses the norm valid on the date: a new period replaces the old one from its start date', () => {
    const withJuly: NormRow[] = [...norms, { householdType: 'single', validFrom: '2026-07-01', monthlyNormCents: 150_000 }];
    expect(checkEligibility({ householdType: 'single', monthlyNetIncomeCents: 200_000, on: '2026-06-30' }, withJuly, rules).eligible).toBe(false);
    const july = checkEligibility({ householdType: 'single', monthlyNetIncomeCents: 200_000, on: '2026-07-01' }, withJuly, rules);
    expect(july.eligible).toBe(true);
    expect(july.normValidFrom).toBe('2026-07-01');
  });

  it('follows a configured limit percentage', () => {
    const at120 = checkEligibility({ householdType: 'single', monthlyNetIncomeCents: 170_000, on: '2026-05-01' }, norms, { incomeLimitPercent: 120 });
    expect(at120.eligible).toBe(false);
    expect(at120.reason).toContain('120%');
  });

  it('refers to a case worker when no norm is known for the date', () => {
    const before = checkEligibility({ householdType: 'single', monthlyNetIncomeCents: 100_000, on: '2025-12-31' }, norms, rules);
    expect(before.eligible).toBe(false);
    expect(before.reason).toContain('geen bijstandsnorm bekend');
  });

  it('is monotone: a lower income is never refused where a higher one is accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        const hi = checkEligibility({ householdType: 'single_parent', monthlyNetIncomeCents: high, on: '2026-05-01' }, norms, rules);
        const lo = checkEligibility({ householdType: 'single_parent', monthlyNetIncomeCents: low, on: '2026-05-01' }, norms, rules);
        return !hi.eligible || lo.eligible;
      }),
    );
  });
});

describe('child budget by age group', () => {
  it('gives EUR 300 at primary and EUR 500 at secondary school age, by the age on 1 January', () => {
    expect(childBudgetFor('2016-05-10', 2026, rules)).toEqual({ ageGroup: 'primary', amountCents: 30_000 });
    expect(childBudgetFor('2014-01-01', 2026, rules)).toEqual({ ageGroup: 'secondary', amountCents: 50_000 });
    expect(childBudgetFor('2014-01-02', 2026, rules)).toEqual({ ageGroup: 'primary', amountCents: 30_000 });
    expect(childBudgetFor('2022-01-01', 2026, rules)).toEqual({ ageGroup: 'primary', amountCents: 30_000 });
    expect(childBudgetFor('2022-01-02', 2026, rules)).toBeNull();
    expect(childBudgetFor('2008-01-02', 2026, rules)).toEqual({ ageGroup: 'secondary', amountCents: 50_000 });
    expect(childBudgetFor('2008-01-01', 2026, rules)).toBeNull();
  });

  it('follows configured amounts', () => {
    expect(childBudgetFor('2016-05-10', 2026, { ...rules, primaryBudgetCents: 35_000 })?.amountCents).toBe(35_000);
  });
});

describe('pass numbers', () => {
  it('carry a Luhn check digit that catches any single mistyped digit', () => {
    const n = passNumberFrom('100000001');
    expect(isValidPassNumber(n)).toBe(true);
    expect(isValidPassNumber(formatPassNumber(n))).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 100_000_000, max: 999_999_999 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (nine, pos, delta) => {
        const valid = passNumberFrom(String(nine));
        const digits = [...valid];
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        return isValidPassNumber(valid) && !isValidPassNumber(digits.join(''));
      }),
    );
  });
});

describe('charge refusal', () => {
  const pass = { status: 'active', validFrom: '2026-01-01', validTo: '2026-12-31' };
  const sport = { code: 'sport', name: 'Sport', childBudgetAllowed: true };
  it('gives each refusal as a code, written out in Dutch by the messages table', () => {
    const refuse = (input: Parameters<typeof chargeRefusal>[0]) => chargeRefusal(input);
    expect(refuse({ pass: null, today: '2026-05-01', category: sport, budget: null, amountCents: 1 })).toEqual({ code: 'pass_unknown' });
    expect(refuse({ pass: { ...pass, status: 'blocked' }, today: '2026-05-01', category: sport, budget: { balanceCents: 100 }, amountCents: 1 })).toEqual({
      code: 'pass_blocked',
    });
    expect(refuse({ pass: { ...pass, status: 'lost' }, today: '2026-05-01', category: sport, budget: { balanceCents: 100 }, amountCents: 1 })).toEqual({
      code: 'pass_lost',
    });
    const outside = refuse({ pass, today: '2027-01-01', category: sport, budget: { balanceCents: 100 }, amountCents: 1 });
    expect(chargeRefusalText(outside!)).toBe('Deze pas is niet geldig op 1 januari 2027. De pas is geldig van 1 januari 2026 tot en met 31 december 2026.');
    const leisure = refuse({
      pass,
      today: '2026-05-01',
      category: { code: 'leisure', name: 'Uitjes', childBudgetAllowed: false },
      budget: { balanceCents: 100 },
      amountCents: 1,
    });
    expect(leisure).toEqual({ code: 'category_not_allowed', category: 'Uitjes' });
    expect(chargeRefusalText(leisure!)).toContain('niet besteed worden aan uitjes');
    expect(chargeRefusalText(refuse({ pass, today: '2026-05-01', category: sport, budget: { balanceCents: 100 }, amountCents: 101 })!)).toBe(
      'Het kindtegoed is niet genoeg: er is nog € 1,00 over en er is € 1,01 gevraagd. Er is niets afgeschreven.',
    );
    expect(refuse({ pass, today: '2026-05-01', category: sport, budget: { balanceCents: 100 }, amountCents: 100 })).toBeNull();
  });

  it('has a status and a sentence for every other refusal, and names the field a form shows it at', () => {
    for (const [code, problem] of Object.entries(passProblems)) {
      expect(problem.text, code).toMatch(/^[A-Z].*\.$/);
      const error = passError(code as PassProblem);
      expect(error.status).toBe(problem.status);
      expect(error.details.errors?.[0]?.field ?? null).toBe(problem.field);
    }
  });
});

describe('statement totals and money', () => {
  it('pays out charges minus refunds', () => {
    expect(
      statementTotals([
        { kind: 'charge', amountCents: 12_500 },
        { kind: 'charge', amountCents: 4_500 },
        { kind: 'refund', amountCents: 2_000 },
      ]),
    ).toEqual({
      charges: 2,
      chargeCents: 17_000,
      refunds: 1,
      refundCents: 2_000,
      payoutCents: 15_000,
    });
  });
  it('writes euros the Dutch way', () => {
    expect(euro(123_456_78)).toBe('€ 123.456,78');
    expect(euro(5)).toBe('€ 0,05');
    expect(euro(-2_500)).toBe('-€ 25,00');
  });
  it('picks the latest row valid on a date', () => {
    expect(validOn([{ validFrom: '2026-01-01' }, { validFrom: '2026-07-01' }, { validFrom: '2027-01-01' }], '2026-08-01')?.validFrom).toBe('2026-07-01');
  });
  it('refunds at most what is left of a charge', () => {
    expect(refundRefusal({ chargedCents: 5_000, refundedCents: 2_000, amountCents: 3_000 })).toBeNull();
    expect(refundRefusal({ chargedCents: 5_000, refundedCents: 2_000, amountCents: 3_001 })).toEqual({ code: 'refund_above_charge', leftCents: 3_000 });
    expect(refundRefusal({ chargedCents: 5_000, refundedCents: 5_000, amountCents: 1 })).toEqual({ code: 'refund_above_charge', leftCents: 0 });
  });
  it('covers whole Amsterdam days in a statement period, across the change to summer time', () => {
    const winter = statementPeriod('2026-01-01', '2026-01-31');
    expect(winter.start.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(winter.end.toISOString()).toBe('2026-01-31T23:00:00.000Z');
    const spring = statementPeriod('2026-03-29', '2026-03-29');
    expect(spring.start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(spring.end.toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});
