import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { assertCan, assertMunicipality } from '../../../platform/authz.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { insertPerson } from '../../../platform/persons.ts';
import { persons } from '../../../platform/schema.ts';
import { assertCanSeePerson } from '../access.ts';
import { referralError } from '../messages.ts';
import { parseInput, referralInput, type ReferralInput } from './inputs.ts';
import { findReceiver, insertReferral } from './shared.ts';

/** A partner refers a resident to another partner, with the resident's consent. */
export async function createReferral(db: Database, actor: Actor, input: ReferralInput): Promise<{ referralId: string; personId: string }> {
  assertCan(actor, 'referrals:work');
  const data = parseInput(referralInput, input);
  assertMunicipality(actor, data.municipalityCode);
  if (!data.consent.given) {
    throw referralError('no_consent');
  }
  const receiver = await findReceiver(db, data.toOrganisationCode, data.municipalityCode, 'toOrganisationCode');
  if (receiver.id === actor.organisationId) {
    throw referralError('own_organisation');
  }
  return db.audited(
    actor,
    { action: 'create', objectType: 'referral', municipalityCode: data.municipalityCode, details: { theme: data.theme } },
    async (tx, trail) => {
      let personId: string;
      let postcode: string | null | undefined;
      if (data.personId) {
        trail.subjectIds = [data.personId];
        await assertCanSeePerson(tx, actor, data.personId);
        const [known] = await tx
          .select({ municipalityCode: persons.municipalityCode, postcode: persons.postcode })
          .from(persons)
          .where(eq(persons.id, data.personId));
        if (known?.municipalityCode !== data.municipalityCode) throw new NotFoundError('De inwoner');
        personId = data.personId;
        postcode = known.postcode;
      } else {
        const person = await insertPerson(tx, { ...data.person!, municipalityCode: data.municipalityCode });
        personId = person.id;
        postcode = person.postcode;
        trail.subjectIds = [personId];
      }
      const household: string[] = [];
      const referralId = await insertReferral(
        tx,
        db,
        actor,
        {
          municipalityCode: data.municipalityCode,
          personId,
          postcode,
          intakeId: null,
          fromOrganisationId: actor.organisationId,
          toOrganisationId: receiver.id,
          route: 'referral',
          theme: data.theme,
          question: data.question,
          consentText: data.consent.text,
          household: data.household,
        },
        household,
      );
      trail.subjectIds = [personId, ...household];
      trail.objectId = referralId;
      return { referralId, personId };
    },
  );
}
