import { timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality, can } from '../../platform/authz.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { municipalityCodeOrDefault } from '../../platform/municipalities.ts';
import { persons } from '../../platform/schema.ts';
import { sha256 } from '../../platform/secrets.ts';
import { applicationStatuses } from './contract.ts';
import { normaliseAccessCode } from './domain.ts';
import { passError } from './messages.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { creditsOfBudgets, spendableOf } from './campaignCredits.ts';
import { childBudgets, passApplications, passMembers, passes, passProviders, passTransactions } from './schema.ts';
import { passYearRenewals } from './yearSchema.ts';

/** The reads of the pass office and of the resident: work list, a pass with its household, the resident's own status. */

/** Everyone an application is about: the applicant, the partner and the children. */
export function subjectsOf(app: typeof passApplications.$inferSelect): string[] {
  return [
    app.applicantPersonId,
    ...(app.household.partnerPersonId ? [app.household.partnerPersonId] : []),
    ...(app.household.adultCoResidents ?? []).map((r) => r.personId),
    ...app.household.children.map((c) => c.personId),
  ];
}

export const applicationListQuery = z.object({
  municipalityCode: municipalityCodeOrDefault,
  status: z.enum(applicationStatuses).optional(),
});

/** The case worker's work list. A search over personal data, audited with everyone it returned. */
export async function listApplications(db: Database, actor: Actor, query: z.infer<typeof applicationListQuery>) {
  assertCan(actor, 'pass:administer');
  assertMunicipality(actor, query.municipalityCode);
  return db.audited(
    actor,
    { action: 'search', objectType: 'pass_application', municipalityCode: query.municipalityCode, details: { status: query.status ?? null } },
    async (tx, trail) => {
      const rows = await tx
        .select({ application: passApplications, surname: persons.surname, initials: persons.initials, prefix: persons.prefix })
        .from(passApplications)
        .innerJoin(persons, eq(persons.id, passApplications.applicantPersonId))
        .where(and(eq(passApplications.municipalityCode, query.municipalityCode), query.status ? eq(passApplications.status, query.status) : undefined))
        .orderBy(desc(passApplications.createdAt))
        .limit(200);
      trail.subjectIds = rows.flatMap((r) => subjectsOf(r.application));
      return rows.map((r) => ({
        id: r.application.id,
        reference: r.application.reference,
        route: r.application.route,
        status: r.application.status,
        applicantName: [r.initials, r.prefix, r.surname].filter(Boolean).join(' '),
        householdType: r.application.householdType,
        children: r.application.household.children.length,
        monthlyIncomeCents: r.application.monthlyIncomeCents,
        eligible: (r.application.check as { eligible?: boolean }).eligible ?? null,
        checkReason: r.application.checkReason,
        decisionReason: r.application.decisionReason,
        createdAt: r.application.createdAt,
      }));
    },
  );
}

export async function getPass(db: Database, actor: Actor, passId: string) {
  assertCan(actor, 'pass:administer');
  return db.audited(actor, { action: 'read', objectType: 'pass', objectId: passId }, async (tx, trail) => {
    const [pass] = await tx.select().from(passes).where(eq(passes.id, passId));
    if (!pass) throw new NotFoundError('De pas');
    trail.municipalityCode = pass.municipalityCode;
    assertMunicipality(actor, pass.municipalityCode);
    const members = await tx
      .select({
        memberNumber: passMembers.memberNumber,
        relation: passMembers.relation,
        personId: passMembers.personId,
        initials: persons.initials,
        surname: persons.surname,
        birthDate: persons.birthDate,
      })
      .from(passMembers)
      .innerJoin(persons, eq(persons.id, passMembers.personId))
      .where(eq(passMembers.passId, pass.id))
      .orderBy(asc(passMembers.memberNumber));
    trail.subjectIds = members.map((m) => m.personId);
    const budgets = await tx.select().from(childBudgets).where(eq(childBudgets.passId, pass.id)).orderBy(asc(childBudgets.memberNumber));
    return { ...pass, members, budgets };
  });
}

/** Finds passes by number (POST body, never in a URL), for the pass office. */
export async function findPassByNumber(db: Database, actor: Actor, number: string) {
  assertCan(actor, 'pass:administer');
  const id = await db.audited(actor, { action: 'search', objectType: 'pass', details: { by: 'number' } }, async (tx, trail) => {
    const [pass] = await tx
      .select({ id: passes.id, municipalityCode: passes.municipalityCode, holder: passes.holderPersonId })
      .from(passes)
      .where(eq(passes.number, number.replace(/\D/g, '')));
    if (!pass) throw new NotFoundError('De pas');
    assertMunicipality(actor, pass.municipalityCode);
    trail.subjectIds = [pass.holder];
    return pass.id;
  });
  return getPass(db, actor, id);
}

export const statusLookupInput = z.object({
  reference: z.string().trim().min(4).max(20),
  accessCode: z.string().trim().min(8).max(30),
});

/**
 * What a resident sees with their application reference and the code they got once: the status and reason, and
 * once approved their pass and the children's balances. Only initials, never full names or addresses.
 */
export async function residentStatus(db: Database, actor: Actor, input: z.infer<typeof statusLookupInput>) {
  const refused = () => passError('wrong_access_code');
  return db.audited(actor, { action: 'read', objectType: 'pass_application', purpose: 'Inwoner bekijkt eigen aanvraag en tegoed' }, async (tx, trail) => {
    const [application] = await tx.select().from(passApplications).where(eq(passApplications.reference, input.reference.toUpperCase()));
    const expected = Buffer.from(application?.accessCodeHash ?? sha256('no-such-code'));
    const given = Buffer.from(sha256(normaliseAccessCode(input.accessCode)));
    if (!application?.accessCodeHash || !timingSafeEqual(expected, given)) throw refused();
    trail.objectId = application.id;
    trail.municipalityCode = application.municipalityCode;
    trail.subjectIds = subjectsOf(application);
    return statusOfApplication(tx, application, amsterdamDate(db.clock.now()));
  });
}

type Application = typeof passApplications.$inferSelect;

/** An application's state for its resident: status and reason, the pass, the children's balances and spending. */
async function statusOfApplication(tx: Tx, application: Application, today: string) {
  const [pass] = await tx
    .select()
    .from(passes)
    .where(and(eq(passes.applicationId, application.id), ne(passes.status, 'lost')))
    .orderBy(desc(passes.createdAt))
    .limit(1);
  const budgets = pass ? await tx.select().from(childBudgets).where(eq(childBudgets.passId, pass.id)).orderBy(asc(childBudgets.memberNumber)) : [];
  const members = pass ? await tx.select().from(passMembers).where(eq(passMembers.passId, pass.id)) : [];
  // The newest pass year this pass was renewed into, invited to or lapsed from (Mijn Dordtpas shows the invitation).
  const [renewal] = pass
    ? await tx.select().from(passYearRenewals).where(eq(passYearRenewals.passId, pass.id)).orderBy(desc(passYearRenewals.year)).limit(1)
    : [];
  const credits = await creditsOfBudgets(
    tx,
    budgets.map((b) => b.id),
  );
  const spending = budgets.length
    ? await tx
        .select({
          occurredAt: passTransactions.occurredAt,
          kind: passTransactions.kind,
          category: passTransactions.category,
          amountCents: passTransactions.amountCents,
          budgetId: passTransactions.budgetId,
          provider: passProviders.name,
          description: passTransactions.description,
        })
        .from(passTransactions)
        .leftJoin(passProviders, eq(passProviders.id, passTransactions.providerId))
        .where(
          inArray(
            passTransactions.budgetId,
            budgets.map((b) => b.id),
          ),
        )
        .orderBy(desc(passTransactions.occurredAt))
        .limit(50)
    : [];
  return {
    reference: application.reference,
    route: application.route,
    status: application.status,
    checkReason: application.checkReason,
    decisionReason: application.decisionReason,
    pass: pass ? { number: pass.number, status: pass.status, validFrom: pass.validFrom, validTo: pass.validTo } : null,
    renewal: renewal
      ? { year: renewal.year, status: renewal.status, deadline: renewal.deadline, open: renewal.status === 'invited' && renewal.deadline! >= today }
      : null,
    budgets: budgets.map((b) => ({
      memberNumber: b.memberNumber,
      initials: members.find((m) => m.memberNumber === b.memberNumber)?.initials ?? '',
      ageGroup: b.ageGroup,
      year: b.year,
      grantedCents: b.grantedCents,
      // What can be spent today: campaign credit past its end date is no longer in it.
      balanceCents: spendableOf(b, credits, today),
    })),
    /** Extra credit from campaigns, with its name and end date (Mijn Dordtpas tells families). */
    credits: credits.map((c) => ({
      memberNumber: budgets.find((b) => b.id === c.budgetId)?.memberNumber ?? null,
      name: c.name,
      amountCents: c.amountCents,
      endsOn: c.endsOn,
      expired: Boolean(c.endsOn && c.endsOn < today),
    })),
    spending: spending.map((s) => ({ ...s, memberNumber: budgets.find((b) => b.id === s.budgetId)?.memberNumber ?? null, budgetId: undefined })),
  };
}

/**
 * The applications of a resident logged in with DigiD: every application whose applicant has this BSN in this
 * municipality (the BSN comes from the broker's token), newest first, each as `residentStatus` shows it.
 */
export async function residentStatusesByBsn(db: Database, actor: Actor, municipalityCode: string, bsn: string) {
  return db.audited(
    actor,
    { action: 'read', objectType: 'pass_application', municipalityCode, purpose: 'Inwoner (DigiD) bekijkt eigen aanvragen en tegoed' },
    async (tx, trail) => {
      const people = await tx
        .select({ id: persons.id })
        .from(persons)
        .where(and(eq(persons.municipalityCode, municipalityCode), eq(persons.bsn, bsn)));
      if (!people.length) return [];
      const applications = await tx
        .select()
        .from(passApplications)
        .where(
          inArray(
            passApplications.applicantPersonId,
            people.map((p) => p.id),
          ),
        )
        .orderBy(desc(passApplications.createdAt));
      trail.subjectIds = [...new Set(applications.flatMap(subjectsOf))];
      const statuses = [];
      for (const application of applications) statuses.push(await statusOfApplication(tx, application, amsterdamDate(db.clock.now())));
      return statuses;
    },
  );
}

/** A resident's status by reference, after the resident proved the code earlier (Mijn Dordtpas, after confirming a year). */
export async function residentStatusOfReference(db: Database, actor: Actor, reference: string) {
  return db.audited(actor, { action: 'read', objectType: 'pass_application', purpose: 'Inwoner bekijkt eigen aanvraag en tegoed' }, async (tx, trail) => {
    const [application] = await tx.select().from(passApplications).where(eq(passApplications.reference, reference));
    if (!application) throw new NotFoundError('De aanvraag');
    trail.objectId = application.id;
    trail.municipalityCode = application.municipalityCode;
    trail.subjectIds = subjectsOf(application);
    return statusOfApplication(tx, application, amsterdamDate(db.clock.now()));
  });
}

/** The pass of an application that a resident may renew (not a lost one). */
export async function passIdOfReference(db: Database, actor: Actor, reference: string): Promise<string | null> {
  return db.audited(actor, { action: 'read', objectType: 'pass', purpose: 'Inwoner bevestigt Dordtpas voor nieuw pasjaar' }, async (tx) => {
    const [row] = await tx
      .select({ id: passes.id })
      .from(passes)
      .innerJoin(passApplications, eq(passApplications.id, passes.applicationId))
      .where(and(eq(passApplications.reference, reference), ne(passes.status, 'lost')))
      .orderBy(desc(passes.createdAt))
      .limit(1);
    return row?.id ?? null;
  });
}

export function canAdminister(actor: Actor): boolean {
  return can(actor, 'pass:administer');
}
