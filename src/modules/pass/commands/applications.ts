import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { areaForPostcode } from '../../../platform/areas.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { municipalityCodeOrDefault, staffScope } from '../../../platform/municipalities.ts';
import { insertPerson } from '../../../platform/persons.ts';
import { normalisePostcode } from '../../../platform/bsn.ts';
import { organisations, persons } from '../../../platform/schema.ts';
import { sha256 } from '../../../platform/secrets.ts';
import { normsFor, rulesOn } from '../configuration.ts';
import { eligibilityRulesFor } from '../eligibilityConfig.ts';
import { decidePassEligibility, type EligibilityDecision } from '../eligibilityRules.ts';
import {
  ageOn,
  childBudgetFor,
  householdTypeFor,
  normaliseAccessCode,
  passRoutes,
  passYearPeriod,
  routeReason,
  type EligibilityResult,
  type HouseholdType,
  type PassRoute,
} from '../domain.ts';
import { municipalityOfPostcode } from '../../signals/index.ts';
import { passError, residencyError } from '../messages.ts';
import { subjectsOf } from '../queries.ts';
import { childBudgets, passApplications, passMembers, passes } from '../schema.ts';
import { newAccessCode, newApplicationReference, newPassNumber } from './passNumbers.ts';

/**
 * The changes of the pass office: an application comes in, is decided on (approval issues the pass), a pass is
 * blocked, unblocked or replaced. Each one audited, each refusal a code from `messages.ts`.
 */

const name = z.string().trim().min(1).max(100);
const initials = z.string().trim().min(1).max(20);
const birthDate = z.iso.date('Vul een datum in als JJJJ-MM-DD.');

export const applicationInput = z.object({
  municipalityCode: municipalityCodeOrDefault,
  route: z.enum(passRoutes),
  applicant: z.object({
    initials,
    prefix: z.string().trim().max(20).optional().nullable(),
    surname: name,
    birthDate,
    street: z.string().trim().min(1).max(200),
    houseNumber: z.string().trim().min(1).max(10),
    postcode: z
      .string()
      .max(20)
      .refine((v) => normalisePostcode(v) !== null, 'Een postcode is vier cijfers en twee letters.'),
    city: z.string().trim().min(1).max(100),
    email: z.string().trim().max(254).email().optional().nullable(),
  }),
  partner: z.object({ initials, surname: name, birthDate }).optional().nullable(),
  children: z
    .array(z.object({ initials, surname: name, birthDate }))
    .max(15)
    .default([]),
  /** Adults living at the address who are not the partner (a grown-up child, a parent); their own net income. */
  adultCoResidents: z
    .array(z.object({ initials, surname: name, birthDate, monthlyNetIncomeCents: z.number().int().min(0).max(10_000_000) }))
    .max(6)
    .optional(),
  /** Net income per month of the applicant and partner together, in cents; required for the income route. */
  monthlyNetIncomeCents: z.number().int().min(0).max(10_000_000).optional().nullable(),
  /**
   * Assets of the household (savings, a second car, valuables; not the home lived in), in cents; income route only.
   * The residents' form always asks it; without it the check names the limit and the case worker asks.
   */
  assetsCents: z.number().int().min(0).max(10_000_000_000).optional().nullable(),
  volunteerOrganisationId: z.string().uuid().optional().nullable(),
});
export type ApplicationInput = z.infer<typeof applicationInput>;

export interface ApplicationOutcome {
  applicationId: string;
  reference: string;
  /** Only for a resident who applied online: shown once, never stored in readable form. */
  accessCode: string | null;
  status: 'submitted';
  route: PassRoute;
  householdType: HouseholdType;
  eligible: boolean | null;
  reason: string;
  /** The proofs the pass office asks for in this pass year (eligibility rules). */
  proofs: string[];
}

/**
 * A resident applies (anonymous, online) or a case worker enters the application. The income check runs at once
 * and its reason is shown; a case worker decides, because income and carer status have to be verified.
 */
export async function submitApplication(
  db: Database,
  actor: Actor,
  input: ApplicationInput,
  /** A resident logged in with DigiD: the BSN from the broker's token (never typed), kept on the applicant. */
  resident: { bsn: string } | null = null,
): Promise<ApplicationOutcome> {
  const staff = staffScope(actor) !== null;
  if (staff) {
    assertCan(actor, 'pass:administer');
    assertMunicipality(actor, input.municipalityCode);
  }
  if (input.route === 'income' && (input.monthlyNetIncomeCents === undefined || input.monthlyNetIncomeCents === null)) {
    throw passError('income_required');
  }
  if (input.route === 'volunteer' && !input.volunteerOrganisationId) {
    throw passError('volunteer_organisation_required');
  }
  const now = db.clock.now();
  const today = amsterdamDate(now);
  const year = Number(today.slice(0, 4));
  const householdType = householdTypeFor({
    hasPartner: !!input.partner,
    childCount: input.children.length,
    applicantBirthDate: input.applicant.birthDate,
    on: today,
  });
  const adults = input.adultCoResidents ?? [];
  const minors = adults.flatMap((r, i) => (ageOn(r.birthDate, today) < 18 ? [i] : []));
  if (minors.length)
    throw new ValidationError(
      'Een huisgenoot is jonger dan 18 jaar.',
      minors.map((i) => ({
        field: `adultCoResidents.${i}.birthDate`,
        reason: 'Deze huisgenoot is jonger dan 18 jaar. Vul kinderen in bij "Uw kinderen".',
      })),
    );
  const postcode = normalisePostcode(input.applicant.postcode)!;
  // Residency: the pass is for residents of its municipality only (the postcode table of `signals`).
  const lies = await municipalityOfPostcode(db, postcode);
  if (lies === null) throw residencyError({ code: 'postcode_unknown', municipality: input.municipalityCode });
  if (lies !== input.municipalityCode) throw residencyError({ code: 'postcode_outside', municipality: input.municipalityCode, lies });
  const area = areaForPostcode(postcode);
  const accessCode = staff ? null : newAccessCode();
  const reference = newApplicationReference();

  return db.audited(
    actor,
    { action: 'create', objectType: 'pass_application', municipalityCode: input.municipalityCode, purpose: 'Aanvraag Dordtpas' },
    async (tx, trail) => {
      if (input.route === 'volunteer') {
        const [org] = await tx.select().from(organisations).where(eq(organisations.id, input.volunteerOrganisationId!));
        if (org?.kind !== 'volunteer_organisation') {
          throw passError('not_a_volunteer_organisation');
        }
      }
      const rules = await rulesOn(tx, input.municipalityCode, today);
      // The rules of the pass year as the office set them: a closed route is refused, the proofs are shown.
      const yearRules = await eligibilityRulesFor(tx, input.municipalityCode, year);
      if ((input.route === 'carer' && !yearRules.carerRouteOpen) || (input.route === 'volunteer' && !yearRules.volunteerRouteOpen))
        throw new ValidationError('Deze regeling is niet open.', [
          {
            field: 'route',
            reason: `De regeling voor ${input.route === 'carer' ? 'mantelzorgers' : 'vrijwilligers'} is in ${year} niet open. U kunt de Dordtpas aanvragen op inkomen of kopen.`,
          },
        ]);
      // What is stored with the application: the income check, with `eligible` the whole decision (income and assets).
      let check: (Omit<EligibilityResult, 'eligible'> & { eligible: boolean; assets: EligibilityDecision['assets']; countedIncomeCents: number }) | null = null;
      let reason: string;
      let decidedType: HouseholdType = householdType;
      if (input.route === 'income') {
        // The year's rules decide: income (applicant and partner, adult co-residents when they count) and assets,
        // against the limits of the household type the counted members make.
        const decision = decidePassEligibility(
          {
            route: 'income',
            applicantBirthDate: input.applicant.birthDate,
            applicantIncomeCents: input.monthlyNetIncomeCents!,
            // The form asks one amount for applicant and partner together; the partner makes the household a couple.
            partner: input.partner ? { monthlyNetIncomeCents: 0 } : null,
            children: input.children,
            adultCoResidents: adults,
            assetsCents: input.assetsCents ?? null,
            on: today,
          },
          await normsFor(tx, input.municipalityCode),
          { ...yearRules, incomeLimitPercent: yearRules.saved ? yearRules.incomeLimitPercent : rules.incomeLimitPercent },
          rules,
        );
        check = { ...decision.income!, eligible: decision.free, assets: decision.assets, countedIncomeCents: decision.countedIncomeCents };
        decidedType = decision.householdType;
        reason = decision.reasons.join(' ');
      } else {
        reason = routeReason(input.route, rules);
      }
      const applicantData = {
        municipalityCode: input.municipalityCode,
        initials: input.applicant.initials,
        prefix: input.applicant.prefix ?? null,
        surname: input.applicant.surname,
        birthDate: input.applicant.birthDate,
        street: input.applicant.street,
        houseNumber: input.applicant.houseNumber,
        postcode,
        city: input.applicant.city,
        email: input.applicant.email ?? null,
      };
      // A logged-in resident who is known already (same BSN in this municipality) is the same person, with the
      // details they just checked; otherwise a new person, with the BSN from DigiD.
      const [known] = resident
        ? await tx
            .select({ id: persons.id })
            .from(persons)
            .where(and(eq(persons.municipalityCode, input.municipalityCode), eq(persons.bsn, resident.bsn)))
        : [];
      const applicant = known
        ? (
            await tx
              .update(persons)
              .set({ ...applicantData, updatedAt: db.clock.now() })
              .where(eq(persons.id, known.id))
              .returning()
          )[0]!
        : await insertPerson(tx, { ...applicantData, bsn: resident?.bsn ?? null });
      const partner = input.partner
        ? await insertPerson(tx, {
            municipalityCode: input.municipalityCode,
            initials: input.partner.initials,
            surname: input.partner.surname,
            birthDate: input.partner.birthDate,
            postcode,
            houseNumber: input.applicant.houseNumber,
          })
        : null;
      const coResidents = [];
      for (const r of adults) {
        const person = await insertPerson(tx, {
          municipalityCode: input.municipalityCode,
          initials: r.initials,
          surname: r.surname,
          birthDate: r.birthDate,
          postcode,
          houseNumber: input.applicant.houseNumber,
        });
        coResidents.push({ personId: person.id, monthlyNetIncomeCents: r.monthlyNetIncomeCents });
      }
      const children = [];
      for (const child of input.children) {
        const person = await insertPerson(tx, {
          municipalityCode: input.municipalityCode,
          initials: child.initials,
          surname: child.surname,
          birthDate: child.birthDate,
          postcode,
          houseNumber: input.applicant.houseNumber,
        });
        children.push({ personId: person.id, birthDate: child.birthDate, initials: child.initials });
      }
      const [application] = await tx
        .insert(passApplications)
        .values({
          reference,
          municipalityCode: input.municipalityCode,
          route: input.route,
          status: 'submitted',
          applicantPersonId: applicant.id,
          household: { partnerPersonId: partner?.id ?? null, children, adultCoResidents: coResidents },
          householdType: decidedType,
          monthlyIncomeCents: input.monthlyNetIncomeCents ?? null,
          year,
          check: (check ?? { route: input.route }) as Record<string, unknown>,
          checkReason: reason,
          volunteerOrganisationId: input.volunteerOrganisationId ?? null,
          accessCodeHash: accessCode ? sha256(normaliseAccessCode(accessCode)) : null,
          areaCode: area?.code ?? null,
          enteredByUserId: actor.kind === 'user' ? actor.userId : null,
          createdAt: now,
        })
        .returning();
      trail.objectId = application!.id;
      trail.subjectIds = [applicant.id, ...(partner ? [partner.id] : []), ...coResidents.map((r) => r.personId), ...children.map((c) => c.personId)];
      return {
        applicationId: application!.id,
        reference,
        accessCode,
        status: 'submitted' as const,
        route: input.route,
        householdType: decidedType,
        eligible: check ? check.eligible : null,
        reason,
        proofs: yearRules.proofs,
      };
    },
  );
}

export const decisionInput = z.object({
  approve: z.boolean(),
  reason: z.string().trim().max(1000).optional().nullable(),
});

/**
 * The case worker's decision. Approval issues the pass for the current pass year, with its household members and,
 * for the income route, a child budget per child of school age.
 */
export async function decideApplication(db: Database, actor: Actor, applicationId: string, input: z.infer<typeof decisionInput>) {
  assertCan(actor, 'pass:administer');
  return db.audited(actor, { action: 'update', objectType: 'pass_application', objectId: applicationId, purpose: 'Besluit Dordtpas' }, async (tx, trail) => {
    const [application] = await tx.select().from(passApplications).where(eq(passApplications.id, applicationId)).for('update');
    if (!application) throw new NotFoundError('De aanvraag');
    trail.municipalityCode = application.municipalityCode;
    trail.subjectIds = subjectsOf(application);
    assertMunicipality(actor, application.municipalityCode);
    if (application.status !== 'submitted') throw passError('already_decided');
    const now = db.clock.now();
    if (!input.approve) {
      if (!input.reason) throw passError('reason_required');
      await tx
        .update(passApplications)
        .set({ status: 'rejected', decisionReason: input.reason, decidedAt: now, decidedByUserId: actor.kind === 'user' ? actor.userId : null })
        .where(eq(passApplications.id, application.id));
      return { status: 'rejected' as const, pass: null };
    }
    const eligible = (application.check as { eligible?: boolean }).eligible;
    if (application.route === 'income' && eligible !== true) {
      throw passError('not_free');
    }
    const pass = await issuePass(tx, application, now);
    await tx
      .update(passApplications)
      .set({ status: 'approved', decisionReason: input.reason ?? null, decidedAt: now, decidedByUserId: actor.kind === 'user' ? actor.userId : null })
      .where(eq(passApplications.id, application.id));
    trail.details = { passId: pass.id };
    return { status: 'approved' as const, pass };
  });
}

async function issuePass(tx: Tx, application: typeof passApplications.$inferSelect, now: Date) {
  const today = amsterdamDate(now);
  const year = Number(today.slice(0, 4));
  const rules = await rulesOn(tx, application.municipalityCode, today);
  const period = passYearPeriod(year);
  const [pass] = await tx
    .insert(passes)
    .values({
      number: newPassNumber(),
      municipalityCode: application.municipalityCode,
      applicationId: application.id,
      holderPersonId: application.applicantPersonId,
      route: application.route,
      year,
      validFrom: period.validFrom,
      validTo: period.validTo,
      status: 'active',
      areaCode: application.areaCode,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const [holder] = await tx.select().from(persons).where(eq(persons.id, application.applicantPersonId));
  const members: (typeof passMembers.$inferInsert)[] = [
    { passId: pass!.id, memberNumber: 1, personId: holder!.id, relation: 'holder', initials: holder!.initials ?? '', birthDate: holder!.birthDate },
  ];
  if (application.household.partnerPersonId) {
    const [partner] = await tx.select().from(persons).where(eq(persons.id, application.household.partnerPersonId));
    members.push({
      passId: pass!.id,
      memberNumber: 2,
      personId: partner!.id,
      relation: 'partner',
      initials: partner!.initials ?? '',
      birthDate: partner!.birthDate,
    });
  }
  const budgets: (typeof childBudgets.$inferInsert)[] = [];
  for (const child of application.household.children) {
    const memberNumber = members.length + 1;
    members.push({ passId: pass!.id, memberNumber, personId: child.personId, relation: 'child', initials: child.initials, birthDate: child.birthDate });
    // Child budgets come with the free pass for low incomes only.
    const budget = application.route === 'income' ? childBudgetFor(child.birthDate, year, rules) : null;
    if (budget) {
      budgets.push({
        municipalityCode: application.municipalityCode,
        passId: pass!.id,
        memberNumber,
        childPersonId: child.personId,
        year,
        ageGroup: budget.ageGroup,
        grantedCents: budget.amountCents,
        balanceCents: budget.amountCents,
        areaCode: application.areaCode,
        createdAt: now,
      });
    }
  }
  await tx.insert(passMembers).values(members);
  if (budgets.length) await tx.insert(childBudgets).values(budgets).onConflictDoNothing();
  return { id: pass!.id, number: pass!.number, year, validFrom: period.validFrom, validTo: period.validTo, children: budgets.length };
}
