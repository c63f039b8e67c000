import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import { organisations, persons, users } from '../../../platform/schema.ts';
import { caseColumns, caseView } from './caseList.ts';
import { signalCases, signalContactAttempts, signalImports, signals } from '../schema.ts';
import { staffScope } from '../../../platform/municipalities.ts';

/** One case, for reading and for the commands that work on it, and the workers a case can go to. */

export async function loadCaseForWork(tx: Tx, actor: Actor, caseId: string) {
  const [found] = await tx.select().from(signalCases).where(eq(signalCases.id, caseId)).for('update');
  if (!found) throw new NotFoundError('De zaak');
  assertMunicipality(actor, found.municipalityCode);
  return found;
}

/** One case with its signals, letter, contact attempts and outcome. */
export async function getCase(db: Database, actor: Actor, caseId: string) {
  assertCan(actor, 'signals:work');
  return db.audited(actor, { action: 'read', objectType: 'signal_case', objectId: caseId }, async (tx, trail) => {
    const [row] = await tx
      .select({
        ...caseColumns,
        phone: persons.phone,
        email: persons.email,
        bsn: persons.bsn,
        birthDate: persons.birthDate,
        referralOrganisationId: signalCases.referralOrganisationId,
        referralNote: signalCases.referralNote,
        chainReferralId: signalCases.chainReferralId,
        history: signalCases.history,
        closedOn: signalCases.closedOn,
        takenUpOn: signalCases.takenUpOn,
      })
      .from(signalCases)
      .leftJoin(persons, eq(persons.id, signalCases.personId))
      .leftJoin(users, eq(users.id, signalCases.assignedUserId))
      .where(eq(signalCases.id, caseId));
    if (!row) throw new NotFoundError('De zaak');
    trail.municipalityCode = row.municipalityCode;
    assertMunicipality(actor, row.municipalityCode);
    if (row.personId) trail.subjectIds = [row.personId];
    const caseSignals = await tx
      .select({
        id: signals.id,
        reference: signals.reference,
        signalDate: signals.signalDate,
        creditorType: signals.creditorType,
        creditorName: organisations.name,
        amountCents: signals.amountCents,
        months: signals.months,
        arisenOn: signals.arisenOn,
        crisis: signals.crisis,
        warmHandover: signals.warmHandover,
        threat: signals.threat,
        // Each signal's own address: the case follows the newest one, older ones show where the household was.
        street: signals.street,
        houseNumber: signals.houseNumber,
        houseNumberSuffix: signals.houseNumberSuffix,
        postcode: signals.postcode,
        city: signals.city,
        status: signals.status,
        importId: signals.importId,
        receivedAt: signalImports.createdAt,
      })
      .from(signals)
      .innerJoin(organisations, eq(organisations.id, signals.creditorOrganisationId))
      .innerJoin(signalImports, eq(signalImports.id, signals.importId))
      .where(eq(signals.caseId, caseId))
      .orderBy(desc(signals.signalDate));
    const attempts = await tx
      .select({
        id: signalContactAttempts.id,
        kind: signalContactAttempts.kind,
        reached: signalContactAttempts.reached,
        date: signalContactAttempts.date,
        partOfDay: signalContactAttempts.partOfDay,
        note: signalContactAttempts.note,
        userName: users.displayName,
        createdAt: signalContactAttempts.createdAt,
      })
      .from(signalContactAttempts)
      .leftJoin(users, eq(users.id, signalContactAttempts.userId))
      .where(eq(signalContactAttempts.caseId, caseId))
      .orderBy(desc(signalContactAttempts.date), desc(signalContactAttempts.createdAt));
    const referral = row.referralOrganisationId
      ? ((await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.referralOrganisationId)))[0]?.name ?? null)
      : null;
    // A signal that arrived after the letter is new to the team: flag it.
    const newSince = row.letterSentOn;
    return {
      ...caseView(row),
      referralOrganisationName: referral,
      signals: caseSignals.map((s) => ({ ...s, isNew: !!newSince && s.receivedAt.toISOString().slice(0, 10) > newSince })),
      contactAttempts: attempts,
    };
  });
}

/** Workers a case can be assigned to: the signal officers of the actor's organisation. */
export async function listWorkers(db: Database, actor: Actor) {
  assertCan(actor, 'signals:work');
  const scope = staffScope(actor);
  if (!scope) throw new ForbiddenError();
  return db.unaudited((q) =>
    q
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(and(eq(users.organisationId, scope.organisationId), eq(users.active, true), sql`'signal_officer' = any(${users.roles})`))
      .orderBy(asc(users.displayName)),
  );
}
