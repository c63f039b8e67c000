import { and, asc, eq, lte, desc } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Db, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality, can } from '../../platform/authz.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { organisations } from '../../platform/schema.ts';
import { providerKinds } from './contract.ts';
import { defaultCategories, defaultRules, demoNorms2026, householdTypes, type NormRow, type PassRuleSet } from './domain.ts';
import { forgetCategories } from './categories.ts';
import { noRulesText, passError } from './messages.ts';
import { DEFAULT_MUNICIPALITY, municipalityCode, municipalityName, staffScope } from '../../platform/municipalities.ts';
import { passCategories, passNorms, passOffers, passProviders, passRules, passTargetGroups } from './schema.ts';

/**
 * Configuration of the pass as data: the norm table (social minimum per household type and period), the rules
 * (140% limit, child budgets, prices), the categories, the providers and their offers. None of it is personal data.
 */
const isoDate = z.iso.date();

export const normInput = z.object({
  municipalityCode,
  householdType: z.enum(householdTypes),
  validFrom: isoDate,
  monthlyNormCents: z
    .number()
    .int('Het bedrag is in hele centen.')
    .min(1, 'De norm moet meer dan € 0,00 zijn.')
    .max(10_000_00, 'De norm kan hoogstens € 10.000,00 per maand zijn.'),
  source: z.string().trim().min(2).max(300),
});

export const rulesInput = z.object({
  municipalityCode,
  validFrom: isoDate,
  incomeLimitPercent: z
    .number()
    .int('Schrijf de grens als een heel getal, bijvoorbeeld 140.')
    .min(100, 'De inkomensgrens ligt tussen 100% en 300%.')
    .max(300, 'De inkomensgrens ligt tussen 100% en 300%.'),
  primaryBudgetCents: z
    .number()
    .int('Het bedrag is in hele centen.')
    .min(0, 'Het kindtegoed kan niet negatief zijn.')
    .max(1_000_000, 'Het kindtegoed kan hoogstens € 10.000,00 per jaar zijn.'),
  secondaryBudgetCents: z
    .number()
    .int('Het bedrag is in hele centen.')
    .min(0, 'Het kindtegoed kan niet negatief zijn.')
    .max(1_000_000, 'Het kindtegoed kan hoogstens € 10.000,00 per jaar zijn.'),
  primaryFromAge: z.number().int().min(0).max(25),
  secondaryFromAge: z.number().int().min(0).max(25),
  budgetUntilAge: z.number().int().min(1).max(27),
  purchasePriceCents: z.number().int().min(0).max(100_000),
  volunteerPriceCents: z.number().int().min(0).max(100_000),
});

export const providerInput = z.object({
  organisationId: z.string().uuid(),
  municipalityCode,
  name: z.string().trim().min(2).max(200),
  kind: z.enum(providerKinds),
});
type Reader = Db | Tx;

/** The categories, the first norms and rules and the reference target group: what every installation starts with. Idempotent. */
export async function ensurePassConfiguration(db: Database, municipalityCodes: string[] = [DEFAULT_MUNICIPALITY], validFrom = '2026-01-01'): Promise<void> {
  await db.unauditedTransaction(async (tx) => {
    await tx
      .insert(passCategories)
      .values(defaultCategories.map((c, i) => ({ ...c, sortOrder: i })))
      .onConflictDoNothing();
    for (const code of municipalityCodes) {
      await tx
        .insert(passNorms)
        .values(
          demoNorms2026.map((n) => ({
            municipalityCode: code,
            householdType: n.householdType,
            validFrom,
            monthlyNormCents: n.monthlyNormCents,
            source: 'Demowaarden, indicatief naar de bijstandsnormen 2026 (netto per maand, incl. vakantiegeld). Controleer en werk bij.',
          })),
        )
        .onConflictDoNothing();
      await tx
        .insert(passRules)
        .values({ municipalityCode: code, validFrom, ...defaultRules })
        .onConflictDoNothing();
    }
    // The reach of the first pass year (seed 002): 7,836 adults were 80% of the target group; 3,666 children.
    await tx
      .insert(passTargetGroups)
      .values({
        municipalityCode: DEFAULT_MUNICIPALITY,
        year: 2020,
        adults: 9_795,
        children: 3_666,
        source: 'Evaluatie eerste Dordtpasjaar 2020 (raadsinformatiebrief)',
      })
      .onConflictDoNothing();
  });
}

export async function normsFor(q: Reader, municipality: string): Promise<NormRow[]> {
  return q
    .select({ householdType: passNorms.householdType, validFrom: passNorms.validFrom, monthlyNormCents: passNorms.monthlyNormCents })
    .from(passNorms)
    .where(eq(passNorms.municipalityCode, municipality));
}

/** The rules valid on a date; without them no pass can be issued. */
export async function rulesOn(q: Reader, municipality: string, on: string): Promise<PassRuleSet> {
  const [row] = await q
    .select()
    .from(passRules)
    .where(and(eq(passRules.municipalityCode, municipality), lte(passRules.validFrom, on)))
    .orderBy(desc(passRules.validFrom))
    .limit(1);
  if (!row) throw new ValidationError(noRulesText(municipalityName(municipality), on));
  return row;
}

export async function listConfiguration(db: Database, actor: Actor, municipality: string) {
  assertCan(actor, 'pass:administer');
  assertMunicipality(actor, municipality);
  return db.unaudited(async (q) => ({
    norms: await q
      .select()
      .from(passNorms)
      .where(eq(passNorms.municipalityCode, municipality))
      .orderBy(desc(passNorms.validFrom), asc(passNorms.householdType)),
    rules: await q.select().from(passRules).where(eq(passRules.municipalityCode, municipality)).orderBy(desc(passRules.validFrom)),
    categories: await q.select().from(passCategories).orderBy(asc(passCategories.sortOrder)),
  }));
}

/** Sets the norm for a household type from a date on (a new period, or a correction of one). Audited as a change. */
export async function setNorm(db: Database, actor: Actor, input: z.infer<typeof normInput>) {
  assertCan(actor, 'pass:administer');
  assertMunicipality(actor, input.municipalityCode);
  return db.audited(
    actor,
    {
      action: 'update',
      objectType: 'pass_norm',
      objectId: `${input.householdType}@${input.validFrom}`,
      municipalityCode: input.municipalityCode,
      details: { monthlyNormCents: input.monthlyNormCents },
    },
    async (tx) => {
      const [row] = await tx
        .insert(passNorms)
        .values(input)
        .onConflictDoUpdate({
          target: [passNorms.municipalityCode, passNorms.householdType, passNorms.validFrom],
          set: { monthlyNormCents: input.monthlyNormCents, source: input.source, updatedAt: db.clock.now() },
        })
        .returning();
      return row!;
    },
  );
}

export async function setRules(db: Database, actor: Actor, input: z.infer<typeof rulesInput>) {
  assertCan(actor, 'pass:administer');
  assertMunicipality(actor, input.municipalityCode);
  if (!(input.primaryFromAge < input.secondaryFromAge && input.secondaryFromAge < input.budgetUntilAge)) {
    throw passError('ages_out_of_order');
  }
  return db.audited(
    actor,
    { action: 'update', objectType: 'pass_rules', objectId: input.validFrom, municipalityCode: input.municipalityCode, details: { ...input } },
    async (tx) => {
      const { municipalityCode: _municipality, validFrom: _validFrom, ...changes } = input;
      const [row] = await tx
        .insert(passRules)
        .values(input)
        .onConflictDoUpdate({ target: [passRules.municipalityCode, passRules.validFrom], set: { ...changes, updatedAt: db.clock.now() } })
        .returning();
      return row!;
    },
  );
}

export async function setCategoryAllowed(db: Database, actor: Actor, code: string, childBudgetAllowed: boolean) {
  assertCan(actor, 'pass:administer');
  return db
    .audited(actor, { action: 'update', objectType: 'pass_category', objectId: code, details: { childBudgetAllowed } }, async (tx) => {
      const [row] = await tx.update(passCategories).set({ childBudgetAllowed }).where(eq(passCategories.code, code)).returning();
      if (!row) throw new NotFoundError('De categorie');
      return row;
    })
    .finally(() => forgetCategories(db));
}

export async function listCategories(db: Database) {
  return db.unaudited((q) => q.select().from(passCategories).orderBy(asc(passCategories.sortOrder)));
}

/** The provider that the actor's organisation is, or null. */
export async function providerOfOrganisation(q: Reader, organisationId: string) {
  const [row] = await q.select().from(passProviders).where(eq(passProviders.organisationId, organisationId));
  return row ?? null;
}

/** Staff see the providers of their municipalities; a cashier sees only their own provider. */
export async function listProviders(db: Database, actor: Actor) {
  const scope = staffScope(actor);
  if (!scope) throw new ForbiddenError();
  const rows = await db.unaudited((q) => q.select().from(passProviders).orderBy(asc(passProviders.name)));
  const offers = await db.unaudited((q) => q.select().from(passOffers).orderBy(asc(passOffers.title)));
  const visible = can(actor, 'pass:providers')
    ? rows.filter((p) => scope.municipalities.includes(p.municipalityCode))
    : can(actor, 'pass:charge')
      ? rows.filter((p) => p.organisationId === scope.organisationId)
      : [];
  if (!can(actor, 'pass:providers') && !can(actor, 'pass:charge')) throw new ForbiddenError();
  return visible.map((p) => ({ ...p, offers: offers.filter((o) => o.providerId === p.id) }));
}

export async function createProvider(db: Database, actor: Actor, input: z.infer<typeof providerInput>) {
  assertCan(actor, 'pass:providers');
  assertMunicipality(actor, input.municipalityCode);
  return db.audited(actor, { action: 'create', objectType: 'pass_provider', municipalityCode: input.municipalityCode }, async (tx, trail) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
    if (!organisation) throw new NotFoundError('De organisatie');
    if (organisation.kind !== 'provider') throw passError('not_a_provider_organisation');
    const [row] = await tx.insert(passProviders).values(input).onConflictDoNothing().returning();
    if (!row) throw passError('already_provider');
    trail.objectId = row.id;
    return row;
  });
}

/** Staff with pass:providers for the provider's municipality, or the provider's own cashiers. */
export function assertProviderAccess(actor: Actor, provider: { organisationId: string; municipalityCode: string }): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'anonymous') throw new ForbiddenError();
  if (can(actor, 'pass:providers')) {
    assertMunicipality(actor, provider.municipalityCode);
    return;
  }
  if (can(actor, 'pass:charge') && actor.organisationId === provider.organisationId) return;
  throw passError('own_organisation_only');
}
