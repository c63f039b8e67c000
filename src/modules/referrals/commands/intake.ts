import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { NotFoundError, UnauthenticatedError } from '../../../platform/errors.ts';
import { insertPerson } from '../../../platform/persons.ts';
import { persons } from '../../../platform/schema.ts';
import { defaultReceiverByRoute, type IntakeRoute } from '../domain.ts';
import { referralError } from '../messages.ts';
import { referralIntakes, type SignalFact } from '../schema.ts';
import {
  intakeInput,
  parseInput,
  staffIntakeInput,
  type HouseholdMemberInput,
  type IntakeInput,
  type IntakePersonDetails,
  type StaffIntakeInput,
} from './inputs.ts';
import { findReceiver, insertReferral, organisationIdOf, userIdOf } from './shared.ts';

function assertIntakeActor(actor: Actor, route: IntakeRoute, municipality: string): void {
  if (actor.kind === 'anonymous') {
    // A resident asking for contact from the self-test is the only way in without logging in.
    if (route !== 'selftest') throw new UnauthenticatedError();
    return;
  }
  if (actor.kind === 'system') return;
  if (route === 'selftest') {
    assertMunicipality(actor, municipality);
    return;
  }
  assertCan(actor, route === 'early_signal' ? 'signals:work' : 'referrals:work');
  assertMunicipality(actor, municipality);
  if (route === 'gp' && actor.organisationKind !== 'health_care') {
    throw referralError('gp_route_only_health_care');
  }
}

/**
 * A resident's question enters the chain: the person is registered, their consent recorded, and a referral
 * sent to the receiving organisation (the route's default unless one is named). Refused without consent.
 */
export async function createIntake(
  db: Database,
  actor: Actor,
  input: IntakeInput,
  known: {
    details?: IntakePersonDetails;
    personId?: string;
    household?: HouseholdMemberInput[];
    /** A resident logged in with DigiD: the BSN from the broker's token (never typed); the self-test route only. */
    residentBsn?: string;
  } = {},
): Promise<{ intakeId: string; referralId: string }> {
  const data = parseInput(intakeInput, input);
  if (!data.consent.given) {
    throw referralError('no_consent');
  }
  assertIntakeActor(actor, data.route, data.municipalityCode);
  if (data.signals?.length && data.route !== 'early_signal') {
    throw referralError('signals_only_early_signal');
  }
  // Attaching an intake to someone already in the register is for professionals who may look people up, never for the anonymous.
  if (known.personId && actor.kind !== 'system') assertCan(actor, 'persons:read');
  if (known.residentBsn && (data.route !== 'selftest' || known.personId)) throw new UnauthenticatedError();
  const details = known.details ?? {};
  const staffOrganisation = organisationIdOf(actor);
  const receiverCode = data.targetOrganisationCode ?? (data.route === 'walk_in' && staffOrganisation ? null : defaultReceiverByRoute[data.route]);
  const receiver = receiverCode ? await findReceiver(db, receiverCode, data.municipalityCode) : null;
  const toOrganisationId = receiver?.id ?? staffOrganisation!;
  return db.audited(
    actor,
    { action: 'create', objectType: 'referral_intake', municipalityCode: data.municipalityCode, details: { route: data.route, theme: data.theme } },
    async (tx, trail) => {
      let person: { id: string; postcode: string | null };
      if (known.personId) {
        trail.subjectIds = [known.personId];
        const [existing] = await tx.select().from(persons).where(eq(persons.id, known.personId));
        if (!existing || existing.municipalityCode !== data.municipalityCode) throw new NotFoundError('De inwoner');
        person = existing;
      } else if (known.residentBsn) {
        // Logged in with DigiD: the resident the register already has under this BSN, or a new one with it. The
        // register's details stay as they are; the contact details of this request are on the intake.
        const [existing] = await tx
          .select()
          .from(persons)
          .where(and(eq(persons.municipalityCode, data.municipalityCode), eq(persons.bsn, known.residentBsn)));
        person =
          existing ??
          (await insertPerson(tx, {
            municipalityCode: data.municipalityCode,
            bsn: known.residentBsn,
            surname: data.contact.name,
            phone: data.contact.phone ?? null,
            email: data.contact.email ?? null,
          }));
      } else {
        person = await insertPerson(tx, {
          ...details,
          municipalityCode: data.municipalityCode,
          surname: data.contact.name,
          phone: data.contact.phone ?? null,
          email: data.contact.email ?? null,
        });
      }
      trail.subjectIds = [person.id];
      const [intake] = await tx
        .insert(referralIntakes)
        .values({
          municipalityCode: data.municipalityCode,
          personId: person.id,
          route: data.route,
          theme: data.theme,
          question: data.question,
          contactName: data.contact.name,
          contactPhone: data.contact.phone ?? null,
          contactEmail: data.contact.email ?? null,
          profile: data.profile ?? null,
          signalFacts: data.signals?.length
            ? (data.signals.map((f) => ({ ...f, months: f.months ?? null, arisenOn: f.arisenOn ?? null })) satisfies SignalFact[])
            : null,
          consentText: data.consent.text,
          createdAt: db.clock.now(),
          createdByUserId: userIdOf(actor),
          createdByOrganisationId: staffOrganisation,
        })
        .returning({ id: referralIntakes.id });
      const household: string[] = [];
      const referralId = await insertReferral(
        tx,
        db,
        actor,
        {
          municipalityCode: data.municipalityCode,
          personId: person.id,
          postcode: person.postcode ?? details.postcode,
          intakeId: intake!.id,
          fromOrganisationId: staffOrganisation,
          toOrganisationId,
          route: data.route,
          theme: data.theme,
          question: data.question,
          consentText: data.consent.text,
          household: known.household,
        },
        household,
      );
      trail.subjectIds = [person.id, ...household];
      trail.objectId = referralId;
      return { intakeId: intake!.id, referralId };
    },
  );
}

/** A walk-in or GP intake recorded by a professional, with the person's details. */
export async function createStaffIntake(db: Database, actor: Actor, input: StaffIntakeInput) {
  const { person, household, ...intake } = parseInput(staffIntakeInput, input);
  assertCan(actor, 'referrals:work');
  return createIntake(db, actor, intake, { details: person ?? {}, household });
}

/**
 * An intake for a resident already in the platform's register (for instance a household the early-signal team
 * visited): no second person is made. Only for the system or staff who may read persons.
 */
export async function createIntakeForPerson(db: Database, actor: Actor, input: IntakeInput, personId: string) {
  return createIntake(db, actor, input, { personId });
}

/**
 * A self-test contact request of a resident logged in with DigiD: the intake is attached to the resident with the
 * token's BSN (found in the register, or registered with it), so the resident sees its state on "Mijn aanvragen".
 */
export async function createIntakeForResident(db: Database, actor: Actor, input: IntakeInput, bsn: string) {
  return createIntake(db, actor, input, { residentBsn: bsn });
}
