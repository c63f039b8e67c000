// The shape of a questionnaire. Questionnaires themselves are data (questionnaires.data.ts), checked by this schema.
import { z } from 'zod';
import { audiences, helpKinds } from '../directory/index.ts';

export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];
export const profiles = ['in_order', 'watch_out', 'act_now', 'urgent'] as const;
export type Profile = (typeof profiles)[number];

const text = z.object({ nl: z.string().min(1), en: z.string().min(1) });
export type Text = z.infer<typeof text>;
const code = z.string().regex(/^[a-z][a-z0-9_]*$/);

export const optionSchema = z.object({
  value: code,
  text,
  points: z.number().int().min(0).max(10),
  /** Needs help today, whatever the other answers: eviction notice, cut-off of energy or water, bankruptcy petition. */
  urgent: z.boolean().optional(),
  /** Facts worth a tip or an extra referral: divorce, job_loss, stress, no_overview, tax_arrears, mixed_money, ... */
  flags: z.array(code).optional(),
});

export const questionSchema = z.object({
  id: code,
  text,
  help: text.optional(),
  options: z.array(optionSchema).min(2),
});

export const tipSchema = z.object({
  id: code,
  /** Shown when any of these flags is set, or the profile is one of these; without conditions: always. */
  flags: z.array(code).optional(),
  profiles: z.array(z.enum(profiles)).optional(),
  text,
});

export const questionnaireSchema = z
  .object({
    id: z.enum(['residents', 'entrepreneurs']),
    /** The URL segment: /geldfit/<slug>. */
    slug: z.string().regex(/^[a-z-]+$/),
    audience: z.enum(audiences),
    title: text,
    /** "{questions}" in the text becomes the number of questions. */
    intro: text,
    questions: z.array(questionSchema).min(8).max(20),
    /** Points from which a profile applies; below watch_out the profile is in_order. */
    thresholds: z.object({ watch_out: z.number().int().positive(), act_now: z.number().int().positive(), urgent: z.number().int().positive() }),
    /** Which kinds of help on the social map fit each profile, most fitting first. */
    helpByProfile: z.record(z.enum(profiles), z.array(z.enum(helpKinds)).min(1)),
    /** Flags that add specific services of the social map by code (divorce → the Adviespunt scheiding). */
    servicesByFlag: z.record(z.string(), z.array(z.string())),
    /** The organisation that receives a contact request (platform organisation code); null: the referrals default. */
    contactOrganisationCode: z.string().nullable(),
    /** Directory services never offered as a referral from this test (e.g. the test itself). */
    excludeServiceCodes: z.array(z.string()),
    tips: z.array(tipSchema).min(1),
  })
  .superRefine((q, ctx) => {
    const seen = new Set<string>();
    q.questions.forEach((question, i) => {
      if (seen.has(question.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate question id ${question.id}` });
      seen.add(question.id);
      const values = question.options.map((o) => o.value);
      if (new Set(values).size !== values.length) ctx.addIssue({ code: 'custom', path: ['questions', i, 'options'], message: 'duplicate option value' });
    });
    if (!(q.thresholds.watch_out < q.thresholds.act_now && q.thresholds.act_now < q.thresholds.urgent)) {
      ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'thresholds must rise: watch_out < act_now < urgent' });
    }
    for (const p of profiles) if (!q.helpByProfile[p]) ctx.addIssue({ code: 'custom', path: ['helpByProfile', p], message: 'missing profile' });
    const flags = new Set(q.questions.flatMap((question) => question.options.flatMap((o) => o.flags ?? [])));
    q.tips.forEach((tip, i) =>
      (tip.flags ?? []).forEach((f) => {
        if (!flags.has(f)) ctx.addIssue({ code: 'custom', path: ['tips', i, 'flags'], message: `no answer sets flag ${f}` });
      }),
    );
    for (const f of Object.keys(q.servicesByFlag)) {
      if (!flags.has(f)) ctx.addIssue({ code: 'custom', path: ['servicesByFlag', f], message: `no answer sets flag ${f}` });
    }
    if (!q.questions.some((question) => question.options.some((o) => o.urgent))) {
      ctx.addIssue({ code: 'custom', path: ['questions'], message: 'at least one answer must be an urgent trigger' });
    }
  });
export type Questionnaire = z.infer<typeof questionnaireSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Tip = z.infer<typeof tipSchema>;
