import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { areaForPostcode } from '../../platform/areas.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../platform/errors.ts';
import { personInput, insertPerson } from '../../platform/persons.ts';
import { organisationMunicipalities, organisations, persons } from '../../platform/schema.ts';
import {
  activeScopes,
  allConsentScopes,
  defaultReceiverByRoute,
  defaultServiceLevels,
  dueDates,
  hasActiveConsent,
  responsibleSide,
  sideOf,
  themeCodes,
  transition,
  type ConsentScope,
  type IntakeRoute,
  type ReferralAction,
  type ReferralRoute,
  type ReferralState,
  type ReferralTheme,
  type ServiceLevel,
} from './domain.ts';
import { referralEnded, type ReferralEndedEvent } from './events.ts';
import { referralError } from './messages.ts';
import { referralConsents, referralEvents, referralHouseholdMembers, referralIntakes, referrals, referralServiceLevels, type SignalFact } from './schema.ts';

const municipalityCode = z.string().regex(/^GM\d{4}$/, 'Een gemeentecode is GM gevolgd door vier cijfers.');
const theme = z.enum(themeCodes as [ReferralTheme, ...ReferralTheme[]], { error: 'Kies een onderwerp uit de lijst.' });
const consent = z.object({
  given: z.boolean(),
  text: z.string().trim().min(5, 'Neem de tekst op waarmee de inwoner toestemming gaf.').max(2000),
});

export { householdRelations } from './labels.ts';

/** Another member of the household the question is also about. */
export const householdMemberInput = z.object({
  relation: z.enum(['partner', 'child', 'other'], { error: 'Kies partner, kind of ander gezinslid.' }),
  initials: z.string().trim().max(20).optional().nullable(),
  prefix: z.string().trim().max(20).optional().nullable(),
  surname: z.string().trim().min(1, 'Vul de achternaam van het gezinslid in.').max(200),
  birthDate: z.iso.date().optional().nullable(),
});
export type HouseholdMemberInput = z.infer<typeof householdMemberInput>;

/**
 * One signal of arrears handed over with an early-signal intake: what the receiver needs to start (the kind of
 * creditor, the amount, how many months, since when and the signal's date). Never the BSN, the creditor's own
 * reference or the creditor's name and address: the receiver asks the resident for the rest.
 */
export const signalFactInput = z.object({
  creditorType: z.string().trim().min(1).max(40),
  /** The kind of creditor in Dutch, as the early-signal team's module names it (Huur, Zorgverzekering, ...). */
  creditorTypeLabel: z.string().trim().min(1).max(100),
  amountCents: z.number().int().min(0).max(10_000_000_000),
  months: z.number().int().min(0).max(240).nullable().optional(),
  /** DDAS ontstaansdatum: when the arrears arose, where the creditor said so. */
  arisenOn: z.iso.date().nullable().optional(),
  signalDate: z.iso.date(),
});

/** What another module hands over when a resident asks for help (self-test, early signal, GP, walk-in). */
export const intakeInput = z.object({
  municipalityCode,
  route: z.enum(['selftest', 'early_signal', 'gp', 'walk_in']),
  theme,
  question: z.string().trim().min(2, 'Beschrijf de vraag in een paar woorden.').max(2000),
  targetOrganisationCode: z.string().trim().min(2).max(50).optional(),
  contact: z.object({
    name: z.string().trim().min(1, 'Vul een naam in.').max(200),
    phone: z.string().trim().max(30).optional().nullable(),
    email: z.string().trim().email('Dit e-mailadres klopt niet.').max(200).optional().nullable(),
  }),
  consent,
  profile: z.string().trim().max(200).optional().nullable(),
  /** Early signal only: the signals of arrears the resident agreed to hand over (shown under the `question` scope). */
  signals: z.array(signalFactInput).max(200).optional(),
});
export type IntakeInput = z.input<typeof intakeInput>;

/** Extra details a professional may record about the person at a GP or walk-in intake. */
export const intakePersonDetails = personInput
  .pick({ initials: true, prefix: true, birthDate: true, street: true, houseNumber: true, postcode: true, city: true, bsn: true })
  .partial();
export type IntakePersonDetails = z.infer<typeof intakePersonDetails>;

/** A staff intake (walk-in or GP form): the intake plus what the professional knows about the person. */
export const staffIntakeInput = intakeInput
  .omit({ route: true, signals: true })
  .extend({ route: z.enum(['gp', 'walk_in']), person: intakePersonDetails.optional(), household: z.array(householdMemberInput).max(12).optional() });
export type StaffIntakeInput = z.input<typeof staffIntakeInput>;

/** One partner refers a resident to another: a resident already known to the sender, or a new one. */
export const referralInput = z
  .object({
    municipalityCode,
    personId: z.string().uuid().optional(),
    person: personInput.omit({ municipalityCode: true }).optional(),
    toOrganisationCode: z.string().trim().min(2).max(50),
    theme,
    question: z.string().trim().min(2, 'Beschrijf de vraag in een paar woorden.').max(2000),
    consent,
    household: z.array(householdMemberInput).max(12).optional(),
  })
  .refine((v) => Boolean(v.personId) !== Boolean(v.person), {
    message: 'Kies een bekende inwoner of vul de gegevens van een nieuwe inwoner in.',
    path: ['personId'],
  });
export type ReferralInput = z.input<typeof referralInput>;

export const consentGrantInput = z.object({
  organisationCode: z.string().trim().min(2).max(50),
  scopes: z.array(z.enum(allConsentScopes as [ConsentScope, ...ConsentScope[]])).min(1).max(allConsentScopes.length).default(allConsentScopes),
  text: consent.shape.text,
});

export const serviceLevelInput = z.object({
  municipalityCode,
  theme,
  answerWorkingDays: z.number().int().min(1).max(60),
  firstContactWorkingDays: z.number().int().min(1).max(120),
});

const noConsentMessage = 'Zonder toestemming van de inwoner sturen wij geen gegevens door.';

/** zod problems → a ValidationError with Dutch field reasons. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    'De gegevens zijn niet compleet of kloppen niet.',
    parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'invoer', reason: i.message })),
  );
}

type Staff = Extract<Actor, { kind: 'user' | 'api_key' }>;
const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);
const organisationIdOf = (actor: Actor) => (actor.kind === 'user' || actor.kind === 'api_key' ? actor.organisationId : null);

export interface OrganisationRef {
  id: string;
  code: string;
  name: string;
  kind: string;
  municipalities: string[];
}

/** Organisations that may receive referrals: not creditors or providers, working for the municipality. */
export async function findReceiver(db: Database | Tx, code: string, municipality: string): Promise<OrganisationRef> {
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
  const field = [{ field: 'targetOrganisationCode', reason: `Organisatie ${code} kan geen verwijzingen ontvangen in deze gemeente.` }];
  if (!org) throw new ValidationError('Deze organisatie is onbekend.', field);
  if (org.kind === 'creditor' || org.kind === 'provider' || !org.municipalities.includes(municipality)) {
    throw new ValidationError('Naar deze organisatie kunt u niet verwijzen.', field);
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

interface NewReferral {
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
async function insertReferral(tx: Tx, db: Database, actor: Actor, r: NewReferral, householdIds: string[] = []): Promise<string> {
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
  return referralId;
}

function assertIntakeActor(actor: Actor, route: IntakeRoute, municipality: string): void {
  if (actor.kind === 'anonymous') {
    // A resident asking for contact from the self-test is the only way in without logging in.
    if (route !== 'selftest') throw new UnauthenticatedError();
    return;
  }
  if (actor.kind === 'system') return;
  if (route === 'selftest') return assertMunicipality(actor, municipality);
  assertCan(actor, route === 'early_signal' ? 'signals:work' : 'referrals:work');
  assertMunicipality(actor, municipality);
  if (route === 'gp' && actor.organisationKind !== 'health_care') {
    throw new ForbiddenError('Alleen een huisartsenpraktijk of zorgorganisatie kan een sociaal recept uitschrijven.');
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
  known: { details?: IntakePersonDetails; personId?: string; household?: HouseholdMemberInput[] } = {},
): Promise<{ intakeId: string; referralId: string }> {
  const data = parseInput(intakeInput, input);
  if (!data.consent.given) {
    throw new ValidationError(noConsentMessage, [{ field: 'consent.given', reason: 'De inwoner moet toestemming geven om de vraag door te sturen.' }]);
  }
  assertIntakeActor(actor, data.route, data.municipalityCode);
  if (data.signals?.length && data.route !== 'early_signal') {
    throw new ValidationError('Alleen een overdracht uit vroegsignalering kan signalen meegeven.', [{ field: 'signals', reason: 'Alleen bij route early_signal.' }]);
  }
  // Attaching an intake to someone already in the register is for professionals who may look people up, never for the anonymous.
  if (known.personId && actor.kind !== 'system') assertCan(actor, 'persons:read');
  const details = known.details ?? {};
  const staffOrganisation = organisationIdOf(actor);
  const receiverCode =
    data.targetOrganisationCode ?? (data.route === 'walk_in' && staffOrganisation ? null : defaultReceiverByRoute[data.route]);
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
          signalFacts: data.signals?.length ? (data.signals.map((f) => ({ ...f, months: f.months ?? null, arisenOn: f.arisenOn ?? null })) satisfies SignalFact[]) : null,
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

/** The organisations that see a person: involved in a referral for them AND holding an active consent. */
async function visibility(tx: Tx, personId: string, organisationId: string) {
  const [consents, involved] = await Promise.all([
    tx
      .select({ organisationId: referralConsents.organisationId, withdrawnAt: referralConsents.withdrawnAt, scopes: referralConsents.scopes })
      .from(referralConsents)
      .where(eq(referralConsents.personId, personId)),
    tx
      .select({ id: referrals.id, fromOrganisationId: referrals.fromOrganisationId, toOrganisationId: referrals.toOrganisationId })
      .from(referrals)
      .where(eq(referrals.personId, personId)),
  ]);
  const isInvolved = involved.some((r) => sideOf(r, organisationId) !== null);
  return { isInvolved, consented: hasActiveConsent(consents, organisationId), scopes: activeScopes(consents, organisationId) };
}

/**
 * Throws 404 when the organisation is not involved with the person, 403 when the consent was withdrawn.
 * Returns what the resident shares with this organisation (contact, question, progress).
 */
export async function assertCanSeePerson(tx: Tx, actor: Staff, personId: string): Promise<Set<ConsentScope>> {
  const v = await visibility(tx, personId, actor.organisationId);
  if (!v.isInvolved) throw new NotFoundError('De inwoner');
  if (!v.consented) throw new ForbiddenError('De inwoner heeft uw organisatie geen toestemming (meer) gegeven om deze gegevens te zien.');
  return v.scopes;
}

/** A partner refers a resident to another partner, with the resident's consent. */
export async function createReferral(db: Database, actor: Actor, input: ReferralInput): Promise<{ referralId: string; personId: string }> {
  assertCan(actor, 'referrals:work');
  const data = parseInput(referralInput, input);
  assertMunicipality(actor, data.municipalityCode);
  if (!data.consent.given) {
    throw new ValidationError(noConsentMessage, [{ field: 'consent.given', reason: 'De inwoner moet toestemming geven om de vraag door te sturen.' }]);
  }
  const receiver = await findReceiver(db, data.toOrganisationCode, data.municipalityCode);
  if (receiver.id === actor.organisationId) {
    throw new ValidationError('U kunt niet naar uw eigen organisatie verwijzen.', [{ field: 'toOrganisationCode', reason: 'Kies een andere organisatie.' }]);
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

const actionEvent: Record<ReferralAction, string> = {
  accept: 'accepted',
  decline: 'declined',
  first_contact: 'first_contact',
  help_in_place: 'help_in_place',
  close: 'closed',
};

/** Accept, decline (with reason), first contact, help in place, close: one command, the state machine decides. */
export async function actOnReferral(
  db: Database,
  actor: Actor,
  referralId: string,
  action: ReferralAction,
  input: { reason?: string | null; note?: string | null } = {},
): Promise<{ state: ReferralState }> {
  assertCan(actor, 'referrals:work');
  return db.audited(
    actor,
    { action: 'update', objectType: 'referral', objectId: referralId, details: { action } },
    async (tx, trail) => {
      const [r] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).for('update');
      if (!r) throw new NotFoundError('De verwijzing');
      trail.subjectIds = [r.personId];
      trail.municipalityCode = r.municipalityCode;
      assertMunicipality(actor, r.municipalityCode);
      const side = sideOf(r, actor.organisationId);
      if (!side) throw new NotFoundError('De verwijzing');
      await assertCanSeePerson(tx, actor, r.personId);
      const reason = input.reason?.trim() || null;
      const result = transition(r.state as ReferralState, action, side, reason);
      if (!result.ok) throw referralError(result.reason, { state: r.state as ReferralState });
      const now = db.clock.now();
      const stamp: Partial<typeof referrals.$inferInsert> = { state: result.to, updatedAt: now };
      if (action === 'accept') stamp.acceptedAt = now;
      if (action === 'decline') (stamp.declinedAt = now), (stamp.declineReason = reason);
      if (action === 'first_contact') stamp.firstContactAt = now;
      if (action === 'help_in_place') stamp.helpInPlaceAt = now;
      if (action === 'close') (stamp.closedAt = now), (stamp.closeReason = reason);
      await tx.update(referrals).set(stamp).where(eq(referrals.id, referralId));
      await tx.insert(referralEvents).values({
        referralId,
        personId: r.personId,
        municipalityCode: r.municipalityCode,
        kind: actionEvent[action],
        organisationId: actor.organisationId,
        userId: userIdOf(actor),
        note: reason ?? (input.note?.trim() || null),
        occurredAt: now,
      });
      // A referral that ends before first contact: the modules that handed it over take the resident back.
      const previous = r.state as ReferralState;
      if (action === 'decline' || (action === 'close' && (previous === 'sent' || previous === 'accepted'))) {
        const linked = await referralEnded.run(tx, {
          referralId,
          personId: r.personId,
          municipalityCode: r.municipalityCode,
          route: r.route as ReferralRoute,
          how: action === 'decline' ? 'declined' : 'closed',
          previousState: previous,
          organisation: await organisationRef(tx, actor.organisationId),
          reason,
          at: now,
        });
        if (linked.length) trail.details = { ...trail.details, linked };
      }
      return { state: result.to };
    },
  );
}

/** The resident gives (again) consent to share with an organisation involved in their referrals. */
export async function grantConsent(db: Database, actor: Actor, personId: string, input: z.input<typeof consentGrantInput>) {
  assertCan(actor, 'referrals:work');
  const data = parseInput(consentGrantInput, input);
  return db.audited(actor, { action: 'create', objectType: 'referral_consent', subjectIds: [personId] }, async (tx, trail) => {
    const v = await visibility(tx, personId, actor.organisationId);
    if (!v.isInvolved) throw new NotFoundError('De inwoner');
    const [any] = await tx.select({ m: referrals.municipalityCode }).from(referrals).where(eq(referrals.personId, personId)).limit(1);
    trail.municipalityCode = any!.m;
    assertMunicipality(actor, any!.m);
    const [org] = await tx.select().from(organisations).where(eq(organisations.code, data.organisationCode));
    if (!org) throw new ValidationError('Deze organisatie is onbekend.', [{ field: 'organisationCode', reason: 'Onbekend.' }]);
    const involvedOrgs = await tx
      .select({ fromOrganisationId: referrals.fromOrganisationId, toOrganisationId: referrals.toOrganisationId })
      .from(referrals)
      .where(eq(referrals.personId, personId));
    if (!involvedOrgs.some((r) => sideOf(r, org.id))) {
      throw new ValidationError('Deze organisatie is niet betrokken bij een verwijzing voor deze inwoner.', [
        { field: 'organisationCode', reason: 'Verwijs eerst naar deze organisatie.' },
      ]);
    }
    // Only the organisation itself, or one that can already see the person, records a new consent.
    if (org.id !== actor.organisationId && !v.consented) throw new ForbiddenError();
    const active = await tx
      .select({ id: referralConsents.id })
      .from(referralConsents)
      .where(and(eq(referralConsents.personId, personId), eq(referralConsents.organisationId, org.id), isNull(referralConsents.withdrawnAt)));
    if (active.length) throw new ConflictError('Er is al een geldige toestemming voor deze organisatie.');
    const now = db.clock.now();
    const [row] = await tx
      .insert(referralConsents)
      .values({
        municipalityCode: any!.m,
        personId,
        organisationId: org.id,
        scopes: data.scopes,
        text: data.text,
        recordedVia: 'staff',
        givenAt: now,
        givenByUserId: userIdOf(actor),
        givenByOrganisationId: actor.organisationId,
      })
      .returning();
    await tx.insert(referralEvents).values({
      personId,
      municipalityCode: any!.m,
      kind: 'consent_given',
      organisationId: org.id,
      userId: userIdOf(actor),
      occurredAt: now,
    });
    trail.objectId = row!.id;
    return row!;
  });
}

/** The resident withdraws consent for one organisation: from now on that organisation sees nothing of them. */
export async function withdrawConsent(db: Database, actor: Actor, consentId: string, input: { note?: string | null } = {}) {
  assertCan(actor, 'referrals:work');
  return db.audited(actor, { action: 'update', objectType: 'referral_consent', objectId: consentId }, async (tx, trail) => {
    const [c] = await tx.select().from(referralConsents).where(eq(referralConsents.id, consentId)).for('update');
    if (!c) throw new NotFoundError('De toestemming');
    trail.subjectIds = [c.personId];
    trail.municipalityCode = c.municipalityCode;
    assertMunicipality(actor, c.municipalityCode);
    await assertCanSeePerson(tx, actor, c.personId);
    if (c.withdrawnAt) throw new ConflictError('Deze toestemming is al ingetrokken.');
    const now = db.clock.now();
    await tx
      .update(referralConsents)
      .set({ withdrawnAt: now, withdrawnByUserId: userIdOf(actor), withdrawnByOrganisationId: actor.organisationId, withdrawalNote: input.note?.trim() || null })
      .where(eq(referralConsents.id, consentId));
    await tx.insert(referralEvents).values({
      personId: c.personId,
      municipalityCode: c.municipalityCode,
      kind: 'consent_withdrawn',
      organisationId: c.organisationId,
      userId: userIdOf(actor),
      note: input.note?.trim() || null,
      occurredAt: now,
    });
    const closed = await closeReferralsAfterWithdrawal(tx, actor, c, input.note?.trim() || null, now);
    if (closed.linked.length || closed.referralIds.length) trail.details = { closedReferrals: closed.referralIds, linked: closed.linked };
    return { id: consentId, withdrawnAt: now, closedReferralIds: closed.referralIds };
  });
}

async function organisationRef(tx: Tx, id: string): Promise<ReferralEndedEvent['organisation']> {
  const [org] = await tx.select({ id: organisations.id, code: organisations.code, name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  if (!org) throw new NotFoundError('De organisatie');
  return org;
}

/**
 * For a module that links its own record to a referral it just made, in its own transaction: locks the referral (so
 * that a decline, close or withdrawal waits for this transaction, and then announces to a record that is linked) and
 * says whether it already ended before help got going, as the announcement would have said it. Lock order: the
 * referral first, then the caller's own rows, the same order as the announcement's listeners.
 */
export async function lockReferralForLink(tx: Tx, referralId: string): Promise<ReferralEndedEvent | null> {
  const [r] = await tx.select().from(referrals).where(eq(referrals.id, referralId)).for('update');
  if (!r) throw new NotFoundError('De verwijzing');
  const endedEarly = r.state === 'declined' || (r.state === 'closed' && r.firstContactAt === null && r.declinedAt === null);
  if (!endedEarly) return null;
  const [last] = await tx
    .select({ kind: referralEvents.kind, organisationId: referralEvents.organisationId, note: referralEvents.note, occurredAt: referralEvents.occurredAt })
    .from(referralEvents)
    .where(and(eq(referralEvents.referralId, referralId), eq(referralEvents.kind, r.state)))
    .orderBy(desc(referralEvents.seq))
    .limit(1);
  const withdrawn = r.state === 'closed' && (r.closeReason ?? '').startsWith(consentWithdrawnReason);
  // A withdrawal is announced with the organisation whose consent was withdrawn (the event before the close).
  const [withdrawal] = withdrawn
    ? await tx
        .select({ organisationId: referralEvents.organisationId })
        .from(referralEvents)
        .where(and(eq(referralEvents.personId, r.personId), eq(referralEvents.kind, 'consent_withdrawn')))
        .orderBy(desc(referralEvents.seq))
        .limit(1)
    : [];
  return {
    referralId,
    personId: r.personId,
    municipalityCode: r.municipalityCode,
    route: r.route as ReferralRoute,
    how: r.state === 'declined' ? 'declined' : withdrawn ? 'consent_withdrawn' : 'closed',
    previousState: r.acceptedAt ? 'accepted' : 'sent',
    organisation: await organisationRef(tx, withdrawal?.organisationId ?? last?.organisationId ?? r.toOrganisationId),
    reason: r.state === 'declined' ? r.declineReason : withdrawn ? (r.closeReason!.slice(consentWithdrawnReason.length).replace(/^: /, '') || null) : r.closeReason,
    at: last?.occurredAt ?? r.updatedAt,
  };
}

/** The reason on a referral closed because the resident withdrew the consent of one of its sides. */
export const consentWithdrawnReason = 'Toestemming ingetrokken';

/**
 * After a withdrawal, a referral that the organisation can no longer act on is closed, so that nothing is left
 * open that nobody can take up: every open referral of the resident that this organisation receives, and every one
 * it sent while it is still the responsible side (before the receiver's first contact). Not when the organisation
 * still holds another active consent for the resident. Closed referrals carry no service-level flags and leave the
 * work lists; the person register's relation `referrals:referral` ends with them.
 */
async function closeReferralsAfterWithdrawal(
  tx: Tx,
  actor: Staff,
  c: typeof referralConsents.$inferSelect,
  note: string | null,
  now: Date,
): Promise<{ referralIds: string[]; linked: string[] }> {
  const consents = await tx
    .select({ organisationId: referralConsents.organisationId, withdrawnAt: referralConsents.withdrawnAt })
    .from(referralConsents)
    .where(eq(referralConsents.personId, c.personId));
  if (hasActiveConsent(consents, c.organisationId)) return { referralIds: [], linked: [] };
  const open = await tx.select().from(referrals).where(and(eq(referrals.personId, c.personId), ne(referrals.state, 'closed'))).for('update');
  const organisation = await organisationRef(tx, c.organisationId);
  const reason = note ? `${consentWithdrawnReason}: ${note}` : consentWithdrawnReason;
  const referralIds: string[] = [];
  const linked: string[] = [];
  for (const r of open) {
    const side = sideOf(r, c.organisationId);
    if (!side) continue;
    const state = r.state as ReferralState;
    const hasSender = r.fromOrganisationId !== null && r.fromOrganisationId !== r.toOrganisationId;
    if (side === 'sender' && responsibleSide(state, hasSender) !== 'sender') continue;
    await tx.update(referrals).set({ state: 'closed', closedAt: now, closeReason: reason, updatedAt: now }).where(eq(referrals.id, r.id));
    await tx.insert(referralEvents).values({
      referralId: r.id,
      personId: r.personId,
      municipalityCode: r.municipalityCode,
      kind: 'closed',
      organisationId: actor.organisationId,
      userId: userIdOf(actor),
      note: reason,
      occurredAt: now,
    });
    referralIds.push(r.id);
    linked.push(
      ...(await referralEnded.run(tx, {
        referralId: r.id,
        personId: r.personId,
        municipalityCode: r.municipalityCode,
        route: r.route as ReferralRoute,
        how: 'consent_withdrawn',
        previousState: state,
        organisation,
        reason: note,
        at: now,
      })),
    );
  }
  return { referralIds, linked };
}

/** Sets the service level for a theme in a municipality (configuration; audited as a change). */
export async function setServiceLevel(db: Database, actor: Actor, input: z.input<typeof serviceLevelInput>) {
  // The command line runs as the system; people need the permission.
  if (actor.kind !== 'system') assertCan(actor, 'referrals:configure');
  const data = parseInput(serviceLevelInput, input);
  assertMunicipality(actor, data.municipalityCode);
  return db.audited(
    actor,
    { action: 'update', objectType: 'referral_service_level', objectId: `${data.municipalityCode}/${data.theme}`, municipalityCode: data.municipalityCode, details: { ...data } },
    async (tx) => {
      const values = { ...data, updatedAt: db.clock.now() };
      await tx
        .insert(referralServiceLevels)
        .values(values)
        .onConflictDoUpdate({ target: [referralServiceLevels.municipalityCode, referralServiceLevels.theme], set: values });
      return data;
    },
  );
}
