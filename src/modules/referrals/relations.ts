import { and, arrayContains, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { can } from '../../platform/authz.ts';
import type { PersonRelation, Reader } from '../../platform/needToKnow.ts';
import { referralConsents, referralHouseholdMembers, referrals } from './schema.ts';

/**
 * The referrals that give an organisation a relation with the resident now: it sent the referral (or made the
 * intake that opened it) or received it and has not declined it, the referral is not closed, it is in one of
 * the organisation's municipalities, and the resident's consent for this organisation stands and covers the
 * contact details (`contact` scope): the chain shares nothing without it (docs/referrals.md).
 */
function openConsentedReferrals(tx: Tx, reader: Reader) {
  const org = reader.organisationId;
  return and(
    or(eq(referrals.fromOrganisationId, org), and(eq(referrals.toOrganisationId, org), ne(referrals.state, 'declined'))),
    ne(referrals.state, 'closed'),
    inArray(referrals.municipalityCode, reader.municipalities),
    inArray(
      referrals.personId,
      tx
        .select({ id: referralConsents.personId })
        .from(referralConsents)
        .where(and(eq(referralConsents.organisationId, org), isNull(referralConsents.withdrawnAt), arrayContains(referralConsents.scopes, ['contact']))),
    ),
  );
}

export const referralPersonRelations: PersonRelation[] = [
  {
    code: 'referrals:referral',
    description: 'Verzender of ontvanger van een lopende verwijzing of intake, zolang de toestemming van de inwoner (contactgegevens) geldt',
    // The chain shares the name and contact details the resident agreed to, never the BSN (also not for a handover
    // from the early-signal team, whose resident came in with one).
    withoutBsn: true,
    personIds: (tx, reader) =>
      can(reader, 'referrals:work') ? tx.select({ id: referrals.personId }).from(referrals).where(openConsentedReferrals(tx, reader)) : null,
  },
  {
    code: 'referrals:household',
    description: 'Lid van het huishouden van een inwoner met zo’n lopende verwijzing (onder dezelfde toestemming)',
    withoutBsn: true,
    personIds: (tx, reader) =>
      can(reader, 'referrals:work')
        ? tx
            .select({ id: referralHouseholdMembers.personId })
            .from(referralHouseholdMembers)
            .innerJoin(referrals, eq(referrals.id, referralHouseholdMembers.referralId))
            .where(openConsentedReferrals(tx, reader))
        : null,
  },
];
