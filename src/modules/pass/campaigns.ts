import { randomBytes } from 'node:crypto';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { actorColumns, type Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { municipalityCodeOrDefault, ownMunicipalities } from '../../platform/municipalities.ts';
import { dordrechtWijken } from '../../platform/areas.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { ValidationError } from '../../platform/errors.ts';
import { campaignTargetProblems, campaignTargets } from './campaignRules.ts';
import { mailCampaignNotices } from './campaignMails.ts';
import { campaignDiffers, passError, passProblems } from './messages.ts';
import { childBudgets, passCampaignCredits, passCampaigns, passMembers, passTransactions, passes } from './schema.ts';

const targetAge = z
  .number()
  .int('Schrijf de leeftijd als een heel getal, bijvoorbeeld 4.')
  .min(0, 'Een leeftijd is 0 of meer.')
  .max(25, 'Kindtegoed is er tot 18 jaar: kies een leeftijd van 0 tot en met 25.');

export const campaignInput = z.object({
  municipalityCode: municipalityCodeOrDefault,
  code: z.string().regex(/^[a-z0-9-]{3,50}$/, 'Een code bestaat uit 3 tot 50 kleine letters, cijfers of -.'),
  name: z.string().trim().min(3).max(200),
  year: z
    .number()
    .int('Schrijf het pasjaar als vier cijfers, bijvoorbeeld 2026.')
    .min(2020, 'Het pasjaar ligt tussen 2020 en 2100.')
    .max(2100, 'Het pasjaar ligt tussen 2020 en 2100.'),
  amountCents: z
    .number()
    .int('Het bedrag is in hele centen.')
    .min(1, 'Het bedrag moet meer dan € 0,00 zijn.')
    .max(100_000, 'Het bedrag per kind kan hoogstens € 1.000,00 zijn.'),
  /** The target group: children from / up to this age on the run date (empty: every child). */
  targetMinAge: targetAge.nullable().optional(),
  targetMaxAge: targetAge.nullable().optional(),
  /** Only children in this wijk (empty: the whole city). */
  targetAreaCode: z
    .string()
    .max(20)
    .refine((code) => dordrechtWijken.some((a) => a.code === code), 'Deze wijk kennen wij niet. Kies een wijk uit de lijst, of de hele stad.')
    .nullable()
    .optional(),
  /** After this day the unused credit can no longer be spent (empty: as long as the budget). */
  endsOn: z.iso.date('Schrijf de einddatum als jjjj-mm-dd, bijvoorbeeld 2027-01-31.').nullable().optional(),
});

/**
 * A one-off credit to every child with a budget on a valid pass in the year (the EUR 25 child gift). Each child is
 * credited once per campaign (primary key campaign + child), so running it again, or twice at once, credits no one twice.
 * Running a code again with another amount or year is refused (`campaign_differs`, 409) and credits no one.
 */
export async function runCampaign(db: Database, actor: Actor, input: z.infer<typeof campaignInput>) {
  // The system (the CLI, a scheduled job) may run a campaign too; people need pass:campaigns.
  if (actor.kind !== 'system') assertCan(actor, 'pass:campaigns');
  assertMunicipality(actor, input.municipalityCode);
  const now = db.clock.now();
  const today = amsterdamDate(now);
  const problems = Object.entries(campaignTargetProblems(input, today)).map(([field, code]) => ({ field, reason: passProblems[code].text }));
  if (problems.length) throw new ValidationError(problems[0]!.reason, problems);
  const target = {
    targetMinAge: input.targetMinAge ?? null,
    targetMaxAge: input.targetMaxAge ?? null,
    targetAreaCode: input.targetAreaCode ?? null,
    endsOn: input.endsOn ?? null,
  };
  return db.audited(
    actor,
    { action: 'update', objectType: 'pass_campaign', municipalityCode: input.municipalityCode, purpose: 'Eenmalige bijdrage kindtegoed' },
    async (tx, trail) => {
      await tx
        .insert(passCampaigns)
        .values({ municipalityCode: input.municipalityCode, code: input.code, name: input.name, year: input.year, amountCents: input.amountCents, ...target })
        .onConflictDoNothing();
      const [campaign] = await tx
        .select()
        .from(passCampaigns)
        .where(and(eq(passCampaigns.municipalityCode, input.municipalityCode), eq(passCampaigns.code, input.code)))
        .for('update');
      trail.objectId = campaign!.id;
      if (campaign!.amountCents !== input.amountCents || campaign!.year !== input.year) {
        throw campaignDiffers({
          code: campaign!.code,
          year: campaign!.year,
          amountCents: campaign!.amountCents,
          askedYear: input.year,
          askedAmountCents: input.amountCents,
        });
      }
      // Another target group or end date under the same code would treat children differently, too.
      const ran = {
        targetMinAge: campaign!.targetMinAge,
        targetMaxAge: campaign!.targetMaxAge,
        targetAreaCode: campaign!.targetAreaCode,
        endsOn: campaign!.endsOn,
      };
      if (JSON.stringify(ran) !== JSON.stringify(target)) throw passError('campaign_target_differs');
      const candidates = await tx
        .select({
          budgetId: childBudgets.id,
          childPersonId: childBudgets.childPersonId,
          passId: childBudgets.passId,
          areaCode: childBudgets.areaCode,
          birthDate: passMembers.birthDate,
        })
        .from(childBudgets)
        .innerJoin(passes, eq(passes.id, childBudgets.passId))
        .leftJoin(passMembers, and(eq(passMembers.passId, childBudgets.passId), eq(passMembers.memberNumber, childBudgets.memberNumber)))
        .where(and(eq(childBudgets.municipalityCode, input.municipalityCode), eq(childBudgets.year, campaign!.year), ne(passes.status, 'lost')));
      // The target group on the run date (campaignRules.ts): an age range, a wijk, or every child.
      const eligible = candidates.filter((c) => campaignTargets(campaign!, c, today));
      const credited: typeof eligible = [];
      // In slices, so a city's worth of children stays within statement parameter limits.
      for (let i = 0; i < eligible.length; i += 1000) {
        const slice = eligible.slice(i, i + 1000);
        const inserted = await tx
          .insert(passCampaignCredits)
          .values(
            slice.map((e) => ({
              campaignId: campaign!.id,
              childPersonId: e.childPersonId,
              budgetId: e.budgetId,
              amountCents: campaign!.amountCents,
              creditedAt: now,
            })),
          )
          .onConflictDoNothing()
          .returning({ budgetId: passCampaignCredits.budgetId });
        if (!inserted.length) continue;
        const ids = inserted.map((r) => r.budgetId);
        await tx
          .update(childBudgets)
          .set({
            balanceCents: sql`${childBudgets.balanceCents} + ${campaign!.amountCents}`,
            grantedCents: sql`${childBudgets.grantedCents} + ${campaign!.amountCents}`,
          })
          .where(inArray(childBudgets.id, ids));
        const rows = slice.filter((e) => ids.includes(e.budgetId));
        await tx.insert(passTransactions).values(
          rows.map((e) => ({
            receiptNumber: `C${randomBytes(6).toString('hex').toUpperCase()}`,
            municipalityCode: input.municipalityCode,
            kind: 'campaign',
            budgetId: e.budgetId,
            passId: e.passId,
            amountCents: campaign!.amountCents,
            description: campaign!.name,
            areaCode: e.areaCode,
            ...actorColumns(actor),
            occurredAt: now,
          })),
        );
        credited.push(...rows);
      }
      await tx.update(passCampaigns).set({ lastRunAt: now }).where(eq(passCampaigns.id, campaign!.id));
      // Families hear of it: Mijn Dordtpas shows the credit, and a household with an e-mail address gets a mail.
      const mailed = await mailCampaignNotices(db, tx, campaign!, [...new Set(credited.map((c) => c.passId))]);
      trail.subjectIds = credited.map((c) => c.childPersonId);
      trail.details = { code: input.code, credited: credited.length, eligible: eligible.length, mailed };
      return {
        campaignId: campaign!.id,
        code: campaign!.code,
        eligible: eligible.length,
        credited: credited.length,
        alreadyCredited: eligible.length - credited.length,
        amountCents: campaign!.amountCents,
        endsOn: campaign!.endsOn,
        mailed,
      };
    },
  );
}

export async function listCampaigns(db: Database, actor: Actor) {
  assertCan(actor, 'pass:campaigns');
  const rows = await db.unaudited((q) => q.select().from(passCampaigns));
  const mine = ownMunicipalities(actor);
  return rows.filter((r) => mine.includes(r.municipalityCode));
}
