// Scoring and advice: pure functions over a questionnaire (data), the answers and the social map's entries.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DirectoryEntry, HelpKind } from '../directory/index.ts';
import { profiles, questionnaireSchema, type Profile, type Questionnaire, type Tip } from './questionnaire.ts';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'questionnaires');

/** Reads and validates a questionnaire file; a broken file stops the start-up with the reason. */
export function loadQuestionnaireFile(file: string): Questionnaire {
  const parsed = questionnaireSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`Questionnaire ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const questionnaires: Questionnaire[] = ['residents.json', 'entrepreneurs.json'].map((f) => loadQuestionnaireFile(path.join(folder, f)));

export function questionnaireBySlug(slug: string): Questionnaire | undefined {
  return questionnaires.find((q) => q.slug === slug);
}

export type Answers = Record<string, string>;

export interface ScoreResult {
  profile: Profile;
  points: number;
  /** Question ids whose answer demands help today (eviction, cut-off, bankruptcy). */
  urgentTriggers: string[];
  flags: string[];
}

/** The answers as submitted, checked against the questionnaire: which questions are missing or have an unknown answer. */
export function readAnswers(questionnaire: Questionnaire, form: Record<string, unknown>): { answers: Answers; missing: string[] } {
  const answers: Answers = {};
  const missing: string[] = [];
  for (const question of questionnaire.questions) {
    const value = form[question.id];
    if (typeof value === 'string' && question.options.some((o) => o.value === value)) answers[question.id] = value;
    else missing.push(question.id);
  }
  return { answers, missing };
}

/**
 * The profile for complete answers: points against the questionnaire's thresholds, and any urgent trigger
 * makes it urgent regardless of the points.
 */
export function score(questionnaire: Questionnaire, answers: Answers): ScoreResult {
  let points = 0;
  const urgentTriggers: string[] = [];
  const flags = new Set<string>();
  for (const question of questionnaire.questions) {
    const option = question.options.find((o) => o.value === answers[question.id]);
    if (!option) throw new Error(`No answer to question ${question.id}`);
    points += option.points;
    if (option.urgent) urgentTriggers.push(question.id);
    for (const f of option.flags ?? []) flags.add(f);
  }
  const t = questionnaire.thresholds;
  const byPoints: Profile = points >= t.urgent ? 'urgent' : points >= t.act_now ? 'act_now' : points >= t.watch_out ? 'watch_out' : 'in_order';
  return { profile: urgentTriggers.length ? 'urgent' : byPoints, points, urgentTriggers, flags: [...flags].sort() };
}

export interface Advice {
  tips: Tip[];
  /** Directory entries, most fitting first. */
  referrals: DirectoryEntry[];
}

const maxReferrals = 5;

/**
 * What to advise: the tips whose profile or flags match, and services from the social map for the test's audience:
 * the kinds of help that fit the profile (money and debts, most fitting kind first), plus up to two services the
 * answers point to (a divorce → the Adviespunt scheiding, stress → a lifestyle coach).
 */
export function advise(questionnaire: Questionnaire, result: ScoreResult, entries: DirectoryEntry[]): Advice {
  const tips = questionnaire.tips.filter((tip) => {
    if (!tip.flags && !tip.profiles) return true;
    return (tip.profiles ?? []).includes(result.profile) || (tip.flags ?? []).some((f) => result.flags.includes(f));
  });
  const kinds: HelpKind[] = questionnaire.helpByProfile[result.profile] ?? ['information'];
  const candidates = entries.filter((e) => e.active && e.audiences.includes(questionnaire.audience) && !questionnaire.excludeServiceCodes.includes(e.code));
  const rank = (e: DirectoryEntry) => kinds.indexOf(e.helpKind);
  const primary = candidates
    .filter((e) => e.themes.includes('money') && kinds.includes(e.helpKind))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'nl'));
  const wanted = [
    ...new Set(
      Object.entries(questionnaire.servicesByFlag)
        .filter(([flag]) => result.flags.includes(flag))
        .flatMap(([, codes]) => codes),
    ),
  ];
  const extra = wanted
    .map((code) => candidates.find((e) => e.code === code))
    .filter((e): e is DirectoryEntry => !!e)
    .slice(0, 2);
  const referrals = [...primary.filter((e) => !extra.includes(e)).slice(0, maxReferrals - extra.length), ...extra];
  return { tips, referrals };
}

export { profileLabels } from './contract.ts';

export { profiles };
