import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../directory/index.ts';
import { questionnaireSchema } from './questionnaire.ts';
import { advise, loadQuestionnaireFile, questionnaireBySlug, questionnaires, readAnswers, score, type Answers } from './scoring.ts';

const residents = questionnaireBySlug('inwoners')!;
const entrepreneurs = questionnaireBySlug('ondernemers')!;

/** Every question answered with its first (lightest) option, then the given overrides. */
function answersFor(q: typeof residents, overrides: Answers = {}): Answers {
  return { ...Object.fromEntries(q.questions.map((question) => [question.id, question.options[0]!.value])), ...overrides };
}

describe('the questionnaires are data', () => {
  it('has a residents test of 12–15 questions and an entrepreneurs test, in Dutch and English', () => {
    expect(residents.questions.length).toBeGreaterThanOrEqual(12);
    expect(residents.questions.length).toBeLessThanOrEqual(15);
    expect(entrepreneurs.questions.length).toBeGreaterThanOrEqual(10);
    for (const q of questionnaires) {
      for (const question of q.questions) {
        expect(question.text.nl).not.toEqual(question.text.en);
        for (const o of question.options) expect(o.text.en.length).toBeGreaterThan(0);
      }
    }
  });

  it('covers the topics the programme asks for', () => {
    const ids = (q: typeof residents) => q.questions.map((x) => x.id);
    expect(ids(residents)).toEqual(
      expect.arrayContaining(['money_left', 'fixed_costs', 'arrears', 'reminders', 'buffer', 'overview', 'life_event', 'stress', 'threat']),
    );
    expect(ids(entrepreneurs)).toEqual(expect.arrayContaining(['turnover', 'tax_arrears', 'creditors', 'separate_money', 'threat']));
  });

  it('refuses a broken questionnaire file with the reason', () => {
    const broken = JSON.parse(JSON.stringify(residents));
    broken.questions[1].id = broken.questions[0].id;
    broken.thresholds = { watch_out: 10, act_now: 5, urgent: 20 };
    const result = questionnaireSchema.safeParse(broken);
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message).join(' | ');
    expect(messages).toContain('duplicate question id');
    expect(messages).toContain('thresholds must rise');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'geldfit-')), 'broken.json');
    fs.writeFileSync(file, JSON.stringify(broken));
    expect(() => loadQuestionnaireFile(file)).toThrow(/invalid/);
  });

  it('refuses a questionnaire without any urgent trigger', () => {
    const calm = JSON.parse(JSON.stringify(residents));
    for (const question of calm.questions) for (const o of question.options) delete o.urgent;
    expect(questionnaireSchema.safeParse(calm).error?.issues.map((i) => i.message)).toContain('at least one answer must be an urgent trigger');
  });
});

describe('scoring', () => {
  it('gives "in order" for the lightest answers', () => {
    expect(score(residents, answersFor(residents))).toMatchObject({ profile: 'in_order', points: 0, urgentTriggers: [] });
  });

  it('rises through watch out and act now with the points', () => {
    expect(score(residents, answersFor(residents, { money_left: 'rarely', buffer: 'hard', stress: 'sometimes' })).profile).toBe('watch_out');
    const actNow = answersFor(residents, { money_left: 'short', arrears: 'several', reminders: 'collector' });
    expect(score(residents, actNow)).toMatchObject({ profile: 'act_now', points: 11 });
  });

  it('makes an eviction notice or a cut-off urgent whatever the other answers', () => {
    for (const value of ['eviction', 'cut_off']) {
      const result = score(residents, answersFor(residents, { threat: value }));
      expect(result).toMatchObject({ profile: 'urgent', urgentTriggers: ['threat'] });
      expect(result.points).toBeLessThan(residents.thresholds.urgent);
    }
    expect(score(entrepreneurs, answersFor(entrepreneurs, { threat: 'bankruptcy' })).profile).toBe('urgent');
  });

  it('is urgent on points alone when everything goes wrong', () => {
    const worst = Object.fromEntries(
      residents.questions.map((q) => [q.id, [...q.options].filter((o) => !o.urgent).sort((a, b) => b.points - a.points)[0]!.value]),
    );
    expect(score(residents, worst)).toMatchObject({ profile: 'urgent', urgentTriggers: [] });
  });

  it('collects the flags of the answers', () => {
    expect(score(residents, answersFor(residents, { life_event: 'divorce', stress: 'often', overview: 'no' })).flags).toEqual([
      'divorce',
      'no_overview',
      'stress',
    ]);
  });

  it('reads only known answers and reports the missing ones', () => {
    const { answers, missing } = readAnswers(residents, { money_left: 'always', arrears: 'made-up', lang: 'en' });
    expect(answers).toEqual({ money_left: 'always' });
    expect(missing).toContain('arrears');
    expect(missing).toHaveLength(residents.questions.length - 1);
  });
});

const entry = (code: string, over: Partial<DirectoryEntry>): DirectoryEntry => ({
  id: code,
  code,
  name: code,
  description: '',
  audiences: ['residents'],
  themes: ['money'],
  helpKind: 'information',
  municipalityCode: 'GM0505',
  email: null,
  phone: null,
  url: null,
  howToApply: '',
  active: true,
  organization: { id: 'o', code: 'O', name: 'Org', description: '', email: null, phone: null, url: null },
  schedules: [],
  ...over,
});

const map = [
  entry('budgetplanner', { helpKind: 'information' }),
  entry('geldfit-test', { helpKind: 'information', audiences: ['residents', 'entrepreneurs'] }),
  entry('humanitas', { helpKind: 'volunteer' }),
  entry('wijkteam', { helpKind: 'social_work', themes: ['money', 'housing', 'children'] }),
  entry('schuldhulp', { helpKind: 'debt_help' }),
  entry('ondernemersloket', { helpKind: 'debt_help', audiences: ['entrepreneurs'], themes: ['money', 'work'] }),
  entry('adviespunt-scheiding', { helpKind: 'social_work', themes: ['children', 'money'] }),
  entry('your-healthspot-leefstijl', { helpKind: 'social_work', themes: ['health'] }),
  entry('gestopt', { helpKind: 'volunteer', active: false }),
];
const codes = (advice: ReturnType<typeof advise>) => advice.referrals.map((e) => e.code);

describe('advice', () => {
  it('gives light help when in order, and never the test itself or an inactive service', () => {
    const advice = advise(residents, score(residents, answersFor(residents)), map);
    expect(codes(advice)).toEqual(['budgetplanner']);
    expect(advice.tips.map((t) => t.id)).toEqual(['in_order']);
  });

  it('puts formal debt help first when urgent, with the tips for the trigger', () => {
    const advice = advise(residents, score(residents, answersFor(residents, { threat: 'eviction' })), map);
    expect(codes(advice)[0]).toBe('schuldhulp');
    expect(codes(advice)).toContain('wijkteam');
    expect(codes(advice)).not.toContain('budgetplanner');
    expect(advice.tips.map((t) => t.id)).toEqual(expect.arrayContaining(['urgent_call', 'eviction']));
  });

  it('adds the Adviespunt scheiding after a divorce and lifestyle help for stress', () => {
    const advice = advise(
      residents,
      score(residents, answersFor(residents, { money_left: 'short', arrears: 'one', life_event: 'divorce', stress: 'often' })),
      map,
    );
    expect(codes(advice)).toEqual(expect.arrayContaining(['adviespunt-scheiding', 'your-healthspot-leefstijl', 'humanitas']));
    expect(advice.tips.map((t) => t.id)).toEqual(expect.arrayContaining(['divorce', 'stress']));
  });

  it('sends entrepreneurs to the Ondernemersloket and never to residents-only services', () => {
    for (const overrides of [{}, { tax_arrears: 'yes', creditors: 'many', collection: 'bailiff' }, { threat: 'bankruptcy' }] as Answers[]) {
      const advice = advise(entrepreneurs, score(entrepreneurs, answersFor(entrepreneurs, overrides)), map);
      expect(codes(advice)).toContain('ondernemersloket');
      expect(codes(advice).filter((c) => !['ondernemersloket'].includes(c))).toEqual([]);
    }
  });
});
