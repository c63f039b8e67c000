import { describe, expect, it } from 'vitest';
import { defaultRules, demoNorms2026, type NormRow } from './domain.ts';
import { decidePassEligibility, defaultEligibilityRules, eligibilityRuleProblems, type HouseholdFacts } from './eligibilityRules.ts';

const norms: NormRow[] = demoNorms2026.map((n) => ({ ...n, validFrom: '2026-01-01' }));
const rules = defaultEligibilityRules('0505', 2026);
const prices = defaultRules;
const single: HouseholdFacts = {
  route: 'income',
  applicantBirthDate: '1990-01-01',
  applicantIncomeCents: 0,
  partner: null,
  children: [],
  adultCoResidents: [],
  assetsCents: 0,
  on: '2026-05-01',
};

describe('income limit as data (single, norm EUR 1,401.00)', () => {
  it('is free at 139% and 140%, not at 141%', () => {
    const at = (cents: number) => decidePassEligibility({ ...single, applicantIncomeCents: cents }, norms, rules, prices);
    expect(at(194_739).free).toBe(true); // 139%
    expect(at(196_140).free).toBe(true); // 140%, the limit itself
    const above = at(197_541); // 141%
    expect(above.free).toBe(false);
    expect(above.outcome).toBe('purchase_only');
    expect(above.reasons[0]).toContain('€ 14,01 hoger dan de grens');
  });

  it('follows the percentage the office set for the year', () => {
    const at120 = decidePassEligibility({ ...single, applicantIncomeCents: 170_000 }, norms, { ...rules, incomeLimitPercent: 120 }, prices);
    expect(at120.free).toBe(false);
    expect(at120.reasons[0]).toContain('120%');
  });
});

describe('assets limit per household type', () => {
  it('is free at limit-1 and at the limit, not at limit+1', () => {
    const limit = rules.assetsLimitCents.single;
    const at = (cents: number) => decidePassEligibility({ ...single, applicantIncomeCents: 150_000, assetsCents: cents }, norms, rules, prices);
    expect(at(limit - 1).free).toBe(true);
    expect(at(limit).free).toBe(true);
    const above = at(limit + 1);
    expect(above.free).toBe(false);
    expect(above.reasons[1]).toContain('€ 0,01 hoger dan de grens');
    expect(above.assets).toEqual({ limitCents: limit, assetsCents: limit + 1, withinLimit: false });
  });

  it('says the verdict once, at the end: never "gratis" from the income test and "niet gratis" from the assets test', () => {
    const limit = rules.assetsLimitCents.single;
    const tooRich = decidePassEligibility({ ...single, applicantIncomeCents: 150_000, assetsCents: limit + 1 }, norms, rules, prices);
    const text = tooRich.reasons.join(' ');
    expect(text).not.toContain('U krijgt de Dordtpas gratis');
    expect(tooRich.reasons.at(-1)).toBe('U krijgt de Dordtpas daarom niet gratis. U kunt de Dordtpas wel kopen.');
    expect(text.match(/U krijgt de Dordtpas/g)).toHaveLength(1);
    const within = decidePassEligibility({ ...single, applicantIncomeCents: 150_000, assetsCents: 0 }, norms, rules, prices);
    expect(within.reasons.at(-1)).toBe('U krijgt de Dordtpas gratis.');
    expect(within.reasons.join(' ').match(/U krijgt de Dordtpas/g)).toHaveLength(1);
  });

  it('names the limit when the assets were not given, and leaves them to the case worker', () => {
    const unknown = decidePassEligibility({ ...single, applicantIncomeCents: 150_000, assetsCents: null }, norms, rules, prices);
    expect(unknown.assets).toBeNull();
    expect(unknown.free).toBe(true);
    expect(unknown.reasons.join(' ')).toContain('Uw vermogen is niet opgegeven.');
    expect(unknown.reasons.at(-1)).toBe('Is uw vermogen niet hoger dan € 7.920,00, dan krijgt u de Dordtpas gratis.');
    const tooMuchIncome = decidePassEligibility({ ...single, applicantIncomeCents: 250_000, assetsCents: null }, norms, rules, prices);
    expect(tooMuchIncome.free).toBe(false);
  });

  it('uses the limit of the household type the counted members make', () => {
    const withChild = { ...single, applicantIncomeCents: 150_000, assetsCents: 1_000_000, children: [{ birthDate: '2016-06-01' }] };
    const decision = decidePassEligibility(withChild, norms, rules, prices);
    expect(decision.householdType).toBe('single_parent');
    expect(decision.free).toBe(true);
    // A child older than the age the office set does not count: a single, whose assets limit is lower.
    const notCounted = decidePassEligibility(withChild, norms, { ...rules, childrenUpToAge: 8 }, prices);
    expect(notCounted.householdType).toBe('single');
    expect(notCounted.free).toBe(false);
  });
});

describe('household members that count', () => {
  it('adds the partner and adult co-residents with an income when the rules say so', () => {
    const facts = {
      ...single,
      applicantIncomeCents: 150_000,
      partner: { monthlyNetIncomeCents: 100_000 },
      adultCoResidents: [{ monthlyNetIncomeCents: 60_000 }],
    };
    const counted = decidePassEligibility(facts, norms, rules, prices);
    expect(counted.householdType).toBe('couple');
    expect(counted.countedIncomeCents).toBe(310_000);
    expect(counted.free).toBe(false); // couple limit EUR 2,801.40
    const notCoResidents = decidePassEligibility(facts, norms, { ...rules, countAdultCoResidents: false }, prices);
    expect(notCoResidents.countedIncomeCents).toBe(250_000);
    expect(notCoResidents.free).toBe(true);
  });
});

describe('routes', () => {
  it('refuses a route the office switched off, in plain Dutch', () => {
    const closed = decidePassEligibility({ ...single, route: 'carer' }, norms, { ...rules, carerRouteOpen: false }, prices);
    expect(closed.outcome).toBe('route_closed');
    expect(closed.free).toBe(false);
    expect(closed.reasons[0]).toContain('mantelzorgers is in 2026 niet open');
    const volunteerClosed = decidePassEligibility({ ...single, route: 'volunteer' }, norms, { ...rules, volunteerRouteOpen: false }, prices);
    expect(volunteerClosed.outcome).toBe('route_closed');
  });

  it('lets an open route through with its reason and the proofs asked for', () => {
    const carer = decidePassEligibility({ ...single, route: 'carer', applicantIncomeCents: 900_000 }, norms, rules, prices);
    expect(carer.outcome).toBe('carer_review');
    expect(carer.free).toBe(true);
    expect(carer.proofs).toEqual(rules.proofs);
    const volunteer = decidePassEligibility({ ...single, route: 'volunteer' }, norms, rules, prices);
    expect(volunteer.outcome).toBe('volunteer');
    expect(volunteer.reasons[0]).toContain('€ 25,00');
  });
});

describe('rule set checks', () => {
  it('names the field of each wrong value', () => {
    const problems = eligibilityRuleProblems({
      ...rules,
      incomeLimitPercent: 40,
      childrenUpToAge: 30,
      proofs: ['Loonstrook', ' '],
      assetsLimitCents: { ...rules.assetsLimitCents, couple: -1 },
    });
    expect(problems.incomeLimitPercent).toContain('inkomensgrens');
    expect(problems.childrenUpToAge).toContain('leeftijd kinderen');
    expect(problems.proofs).toContain('lege regel');
    expect(problems['assetsLimitCents.couple']).toContain('gehuwden of samenwonenden');
    expect(eligibilityRuleProblems(rules)).toEqual({});
  });
});
