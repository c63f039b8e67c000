import { and, eq } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/database.ts';
import type { Actor } from '../../../platform/actor.ts';
import { areaForPostcode } from '../../../platform/areas.ts';
import { amsterdamDate } from '../../../platform/clock.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { staffScope } from '../../../platform/municipalities.ts';
import { insertPerson } from '../../../platform/persons.ts';
import { organisationMunicipalities, organisations } from '../../../platform/schema.ts';
import { activeScopes, allConsentScopes, defaultServiceLevels, dueDates, type ReferralRoute, type ReferralTheme, type ServiceLevel } from '../domain.ts';
import type { ReferralEndedEvent } from '../events.ts';
import { referralError } from '../messages.ts';
import { referralConsents, referralEvents, referralHouseholdMembers, referrals, referralServiceLevels } from '../schema.ts';
import type { HouseholdMemberInput } from './inputs.ts';
import { mailNewReferral } from '../mails.ts';

/** What the commands share: who acts, the receiving organisation, the service level, writing a new referral. */
export const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);
export const organisationIdOf = (actor: Actor) => staffScope(actor)?.organisationId ?? null;

export interface OrganisationRef {
  id: string;
  code: string;
  name: string;
  kind: string;
  municipalities: string[];
}

/** Organisations that may receive referrals: not creditors or providers, working for the municipality. */
export async function findReceiver(db: Database | Tx, code: string, municipality: string, field = 'targetOrganisationCode'): Promise<OrganisationRef> {
  const run = async (q: Pick<Tx, 'select'>) => {
    const [org] = await q.select().from(organisations).where(eq(organisations.code, code));
    if (!org) return null;
    const serves = await q
      .select({ m: organisationMunicipalities.municipalityCode })
      .from(organisationMunicipalities)
      .where(eq(organisationMunicipalities.organisationId, org.id));
    return { id: org.id, code: org.code, name: org.name, kind: org.kind, municipalities: serves.map((s) => s.m) };
  };
  const org = 'unaudited' in db ? await db.unaudited((q) => run(q as unknown as Tx)) : await run(db);
  if (!org) throw referralError('receiver_unknown', { organisationCode: code, field });
  if (org.kind === 'creditor' || org.kind === 'provider' || !org.municipalities.includes(municipality)) {
    throw referralError('receiver_refused', { organisationCode: code, field });
  }
  return org;
}

export async function serviceLevelFor(tx: Tx, municipality: string, themeCode: ReferralTheme): Promise<ServiceLevel> {
  const [row] = await tx
    .select()
    .from(referralServiceLevels)
    .where(and(eq(referralServiceLevels.municipalityCode, municipality), eq(referralServiceLevels.theme, themeCode)));
  return row ?? defaultServiceLevels[themeCode];
}

export interface NewReferral {
  municipalityCode: string;
  personId: string;
  postcode: string | null | undefined;
  intakeId: string | null;
  fromOrganisationId: string | null;
  toOrganisationId: string;
  route: ReferralRoute;
  theme: ReferralTheme;
  question: string;
  consentText: string;
  household?: HouseholdMemberInput[];
}

/** Writes a referral in state `sent`, with the consents for both sides and the first timeline lines. */
export async function insertReferral(tx: Tx, db: Database, actor: Actor, r: NewReferral, householdIds: string[] = []): Promise<string> {
  const now = db.clock.now();
  const level = await serviceLevelFor(tx, r.municipalityCode, r.theme);
  const due = dueDates(amsterdamDate(now), level);
  const [row] = await tx
    .insert(referrals)
    .values({
      municipalityCode: r.municipalityCode,
      personId: r.personId,
      intakeId: r.intakeId,
      fromOrganisationId: r.fromOrganisationId,
      toOrganisationId: r.toOrganisationId,
      route: r.route,
      theme: r.theme,
      question: r.question,
      areaCode: areaForPostcode(r.postcode)?.code ?? null,
      state: 'sent',
      sentAt: now,
      sentByUserId: userIdOf(actor),
      ...due,
      updatedAt: now,
    })
    .returning({ id: referrals.id });
  const referralId = row!.id;
  for (const member of r.household ?? []) {
    const { relation, ...name } = member;
    const person = await insertPerson(tx, { ...name, municipalityCode: r.municipalityCode });
    await tx.insert(referralHouseholdMembers).values({ referralId, personId: person.id, municipalityCode: r.municipalityCode, relation, createdAt: now });
    householdIds.push(person.id);
  }
  const sides = [...new Set([r.fromOrganisationId, r.toOrganisationId].filter((id): id is string => Boolean(id)))];
  const existing = await tx
    .select({ organisationId: referralConsents.organisationId, withdrawnAt: referralConsents.withdrawnAt, scopes: referralConsents.scopes })
    .from(referralConsents)
    .where(eq(referralConsents.personId, r.personId));
  for (const organisationId of sides) {
    // The consent for this referral covers everything; record it unless an active one already does.
    if (activeScopes(existing, organisationId).size === allConsentScopes.length) continue;
    await tx.insert(referralConsents).values({
      municipalityCode: r.municipalityCode,
      personId: r.personId,
      organisationId,
      scopes: allConsentScopes,
      text: r.consentText,
      recordedVia: r.route,
      givenAt: now,
      givenByUserId: userIdOf(actor),
      givenByOrganisationId: organisationIdOf(actor),
    });
    await tx.insert(referralEvents).values({
      referralId,
      personId: r.personId,
      municipalityCode: r.municipalityCode,
      kind: 'consent_given',
      organisationId,
      userId: userIdOf(actor),
      occurredAt: now,
    });
  }
  await tx.insert(referralEvents).values({
    referralId,
    personId: r.personId,
    municipalityCode: r.municipalityCode,
    kind: 'sent',
    organisationId: r.fromOrganisationId ?? r.toOrganisationId,
    userId: userIdOf(actor),
    // The question itself stays on the referral, where the 'question' consent scope guards it.
    note: null,
    occurredAt: now,
  });
  // The receiving organisation hears of it by e-mail, in this same transaction (nothing is mailed for a rolled-back one).
  if (r.fromOrganisationId !== r.toOrganisationId) {
    await mailNewReferral(db, tx, { referralId, municipalityCode: r.municipalityCode, toOrganisationId: r.toOrganisationId, answerDueDate: due.answerDueDate });
  }
  return referralId;
}

export async function organisationRef(tx: Tx, id: string): Promise<ReferralEndedEvent['organisation']> {
  const [org] = await tx
    .select({ id: organisations.id, code: organisations.code, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id));
  if (!org) throw new NotFoundError('De organisatie');
  return org;
}
