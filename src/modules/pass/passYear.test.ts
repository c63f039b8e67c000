import { describe, expect, it } from 'vitest';
import { defaultRules } from './domain.ts';
import { invitationLapses, newYearBudgets, parseBenefitsCsv, planRenewal, renewalSummary, type OldYearPass } from './passYear.ts';

const rules = { ...defaultRules, validFrom: '2027-01-01' };

describe('the benefits file', () => {
  it('reads the recipients and reports every bad row with line and field', () => {
    const csv = 'BSN;Uitkering\n123456782;Participatiewet\n123456789;Participatiewet\n;IOAW\n111222333;\n111222333;IOAZ\n';
    const { recipients, problems } = parseBenefitsCsv(csv);
    expect(recipients.map((r) => [r.line, r.bsn])).toEqual([
      [2, '123456782'],
      [6, '111222333'],
    ]);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'bsn'],
      [4, 'bsn'],
      [5, 'uitkering'],
    ]);
    expect(problems[0]?.message).toBe('Regel 3: het BSN "123456789" klopt niet. Een BSN heeft 9 cijfers en moet de elfproef halen.');
    // Nothing lost: every data row is either a recipient or a problem.
    expect(recipients.length + new Set(problems.map((p) => p.line)).size).toBe(5);
  });

  it('reports a repeated BSN and a missing column', () => {
    expect(parseBenefitsCsv('bsn,uitkering\n123456782,PW\n123456782,PW\n').problems[0]?.message).toBe('Regel 3: dit BSN staat ook al op regel 2.');
    expect(parseBenefitsCsv('bsn\n123456782\n').problems).toEqual([
      { line: 1, field: 'uitkering', message: 'De kolom "uitkering" ontbreekt in de eerste regel van het bestand.' },
    ]);
  });
});

const pass = (over: Partial<OldYearPass>): OldYearPass => ({
  passId: 'p1',
  holderBsn: '123456782',
  status: 'active',
  children: [
    { memberNumber: 2, childPersonId: 'c-11', birthDate: '2014-12-01' },
    { memberNumber: 3, childPersonId: 'c-17', birthDate: '2008-12-01' },
  ],
  budgets: [
    { memberNumber: 2, balanceCents: 4_000 },
    { memberNumber: 3, balanceCents: 10_000 },
  ],
  existing: null,
  ...over,
});

describe('child budgets in the new year', () => {
  it('follow the new ages: 11 becomes 12 (secondary), 17 becomes 18 (none)', () => {
    const budgets = newYearBudgets(pass({}), 2027, rules, 'expire');
    expect(budgets).toEqual([{ memberNumber: 2, childPersonId: 'c-11', ageGroup: 'secondary', grantedCents: 50_000, carriedCents: 0 }]);
  });

  it('carry unspent budget over when the municipality says so', () => {
    const budgets = newYearBudgets(pass({}), 2027, rules, 'carry_over');
    expect(budgets[0]).toMatchObject({ grantedCents: 54_000, carriedCents: 4_000 });
  });
});

describe('the renewal plan', () => {
  it('renews benefit recipients, invites the others, leaves handled and inactive passes alone', () => {
    const passes = [
      pass({}),
      pass({ passId: 'p2', holderBsn: '111222333' }),
      pass({ passId: 'p3', existing: 'invited', holderBsn: '111222333' }),
      pass({ passId: 'p4', status: 'blocked' }),
    ];
    const plan = planRenewal(passes, new Set(['123456782']), 2027, rules, 'expire');
    expect(plan.map((a) => [a.passId, a.action])).toEqual([
      ['p1', 'renew'],
      ['p2', 'invite'],
      ['p3', 'unchanged'],
    ]);
    // A later file that lists an invited household renews it; a lapsed one stays lapsed.
    const later = planRenewal([pass({ existing: 'invited' }), pass({ passId: 'p5', existing: 'lapsed' })], new Set(['123456782']), 2027, rules, 'expire');
    expect(later.map((a) => a.action)).toEqual(['renew', 'unchanged']);
  });

  it('says what happened, or that nothing changed on a second run', () => {
    expect(renewalSummary(2027, { renewed: 3, invited: 1, unchanged: 0, lapsed: 0 }, '1 maart 2027')).toBe(
      'Pasjaar 2027: 3 passen zijn verlengd, 1 huishouden is uitgenodigd om te bevestigen vóór 1 maart 2027.',
    );
    expect(renewalSummary(2027, { renewed: 0, invited: 0, unchanged: 4, lapsed: 0 }, '1 maart 2027')).toBe(
      'Het pasjaar 2027 was al gestart. Er is niets veranderd.',
    );
  });

  it('lets an unconfirmed invitation lapse only after the deadline day', () => {
    expect(invitationLapses({ deadline: '2027-03-01', confirmedAt: null }, '2027-03-01')).toBe(false);
    expect(invitationLapses({ deadline: '2027-03-01', confirmedAt: null }, '2027-03-02')).toBe(true);
    expect(invitationLapses({ deadline: '2027-03-01', confirmedAt: '2027-02-10' }, '2027-03-02')).toBe(false);
  });
});
