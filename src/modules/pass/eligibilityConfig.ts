import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Db, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { ValidationError } from '../../platform/errors.ts';
import { municipalityCode } from '../../platform/municipalities.ts';
import { householdTypes, type HouseholdType } from './contract.ts';
import { defaultEligibilityRules, eligibilityRuleProblems, type EligibilityRuleSet } from './eligibilityRules.ts';
import type { UnspentBudgetRule } from './passYear.ts';
import { passEligibilityRules } from './yearSchema.ts';

/**
 * The eligibility rules per municipality and pass year, as the pass office keeps them (page "Dordtpas regels per
 * pasjaar", `vangnet pass eligibility`). A year without its own row uses the latest earlier year, else the defaults.
 */
type Reader = Db | Tx;

export interface YearRules extends EligibilityRuleSet {
  unspentBudgetRule: UnspentBudgetRule;
  /** Whether the office saved rules for exactly this year (false: taken over from an earlier year or the defaults). */
  saved: boolean;
}

export const eligibilityRulesInput = z.object({
  municipalityCode,
  passYear: z.number().int().min(2020).max(2100),
  incomeLimitPercent: z.number(),
  assetsLimitCents: z.object(Object.fromEntries(householdTypes.map((t) => [t, z.number()])) as Record<HouseholdType, z.ZodNumber>),
  carerRouteOpen: z.boolean(),
  volunteerRouteOpen: z.boolean(),
  countPartner: z.boolean(),
  childrenUpToAge: z.number(),
  countAdultCoResidents: z.boolean(),
  proofs: z.array(z.string().max(300)).max(20),
  unspentBudgetRule: z.enum(['expire', 'carry_over']),
});

export async function eligibilityRulesFor(q: Reader, municipality: string, year: number): Promise<YearRules> {
  const rows = await q.select().from(passEligibilityRules).where(eq(passEligibilityRules.municipalityCode, municipality));
  const earlier = rows.filter((r) => r.passYear <= year).sort((a, b) => b.passYear - a.passYear)[0];
  if (!earlier) return { ...defaultEligibilityRules(municipality, year), unspentBudgetRule: 'expire', saved: false };
  const { updatedAt: _updatedAt, ...rules } = earlier;
  return { ...rules, passYear: year, saved: earlier.passYear === year };
}

export async function getEligibilityRules(db: Database, actor: Actor, municipality: string, year: number): Promise<YearRules> {
  if (actor.kind !== 'system') assertCan(actor, 'pass:administer');
  assertMunicipality(actor, municipality);
  return db.unaudited((q) => eligibilityRulesFor(q, municipality, year));
}

/** Saves the rules of one pass year; every wrong value is named with its field in plain Dutch. Audited. */
export async function setEligibilityRules(db: Database, actor: Actor, input: z.infer<typeof eligibilityRulesInput>): Promise<YearRules> {
  if (actor.kind !== 'system') assertCan(actor, 'pass:administer');
  assertMunicipality(actor, input.municipalityCode);
  const proofs = input.proofs.map((p) => p.trim());
  const problems = eligibilityRuleProblems({ ...input, proofs: input.proofs });
  const fields = Object.entries(problems).map(([field, reason]) => ({ field, reason: reason! }));
  if (fields.length) throw new ValidationError('Niet alle regels zijn goed ingevuld. Kijk bij de velden met een melding.', fields);
  const values = { ...input, proofs: proofs.filter((p) => p !== '') };
  return db.audited(
    actor,
    {
      action: 'update',
      objectType: 'pass_eligibility_rules',
      objectId: String(input.passYear),
      municipalityCode: input.municipalityCode,
      details: { ...values },
    },
    async (tx) => {
      const { municipalityCode: _m, passYear: _y, ...changes } = values;
      await tx
        .insert(passEligibilityRules)
        .values(values)
        .onConflictDoUpdate({ target: [passEligibilityRules.municipalityCode, passEligibilityRules.passYear], set: { ...changes, updatedAt: db.clock.now() } });
      const [row] = await tx
        .select()
        .from(passEligibilityRules)
        .where(and(eq(passEligibilityRules.municipalityCode, input.municipalityCode), eq(passEligibilityRules.passYear, input.passYear)));
      const { updatedAt: _u, ...rules } = row!;
      return { ...rules, saved: true };
    },
  );
}
