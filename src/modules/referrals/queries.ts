import { and, asc, desc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { areaName } from '../../platform/areas.ts';
import { assertCan, assertMunicipality } from '../../platform/authz.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { organisationMunicipalities, organisations, persons, users } from '../../platform/schema.ts';
import { assertCanSeePerson, type Staff } from './access.ts';
import {
  availableActions,
  defaultServiceLevels,
  overdueFlags,
  reasonRequired,
  referralThemes,
  responsibleSide,
  sideOf,
  themeCodes,
  type OverdueFlag,
  type ReferralAction,
  type ReferralState,
  type ReferralTheme,
  type Side,
} from './domain.ts';
import { referralError } from './messages.ts';
import { referralConsents, referralEvents, referralHouseholdMembers, referralIntakes, referrals, referralServiceLevels } from './schema.ts';

async function organisationNames(tx: Pick<Tx, 'select'>): Promise<Map<string, { code: string; name: string }>> {
  const rows = await tx.select({ id: organisations.id, code: organisations.code, name: organisations.name }).from(organisations);
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

/** Shown instead of the name when the resident does not share contact details with this organisation. */
const hiddenName = 'Inwoner (naam niet gedeeld)';

function displayName(p: { initials: string | null; prefix: string | null; surname: string }): string {
  return [p.initials, p.prefix, p.surname].filter(Boolean).join(' ');
}

type ContactPerson = Parameters<typeof displayName>[0] & {
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  postcode: string | null;
  houseNumber: string | null;
};

/** A resident's name and contact details, or none of them when the resident does not share them with this organisation. */
function residentContact(person: ContactPerson | null | undefined, shared: boolean) {
  return person && shared
    ? {
        name: displayName(person),
        birthDate: person.birthDate,
        phone: person.phone,
        email: person.email,
        postcode: person.postcode,
        houseNumber: person.houseNumber,
      }
    : { name: hiddenName, birthDate: null, phone: null, email: null, postcode: null, houseNumber: null };
}

export interface WorkItem {
  id: string;
  personId: string;
  residentName: string;
  theme: ReferralTheme;
  route: string;
  state: ReferralState;
  side: Side;
  from: { code: string; name: string } | null;
  to: { code: string; name: string };
  sentAt: Date;
  answerDueDate: string;
  firstContactDueDate: string;
  flags: OverdueFlag[];
  /** True when this organisation holds the resident right now ("niet loslaten"). */
  weAreResponsible: boolean;
}

/** The oldest open referrals come first; beyond this the list says it is incomplete rather than dropping lines silently. */
export const workListLimit = 2000;

/**
 * The work list of the actor's organisation: incoming and outgoing referrals that are not closed, each with its
 * service-level flags and who is responsible. Only residents who consented to sharing with this organisation.
 */
export async function workList(db: Database, actor: Actor, options: { includeClosed?: boolean } = {}) {
  assertCan(actor, 'referrals:work');
  const today = amsterdamDate(db.clock.now());
  return db.audited(actor, { action: 'search', objectType: 'referral', details: { list: 'worklist' } }, async (tx, trail) => {
    const mine = or(eq(referrals.toOrganisationId, actor.organisationId), eq(referrals.fromOrganisationId, actor.organisationId));
    const rows = await tx
      .select({ r: referrals, p: { initials: persons.initials, prefix: persons.prefix, surname: persons.surname }, scopes: referralConsents.scopes })
      .from(referrals)
      .innerJoin(persons, eq(persons.id, referrals.personId))
      // No active consent for this organisation, no line on its list.
      .innerJoin(
        referralConsents,
        and(eq(referralConsents.personId, referrals.personId), eq(referralConsents.organisationId, actor.organisationId), isNull(referralConsents.withdrawnAt)),
      )
      .where(and(mine, inArray(referrals.municipalityCode, actor.municipalities), options.includeClosed ? undefined : ne(referrals.state, 'closed')))
      .orderBy(asc(referrals.sentAt))
      .limit(workListLimit + 1);
    const truncated = rows.length > workListLimit;
    rows.length = Math.min(rows.length, workListLimit);
    const names = await organisationNames(tx);
    const seen = new Set<string>();
    const items: WorkItem[] = [];
    const contactShared = new Set(rows.filter((row) => row.scopes.includes('contact')).map((row) => row.r.personId));
    for (const { r, p } of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const side = sideOf(r, actor.organisationId)!;
      const state = r.state as ReferralState;
      items.push({
        id: r.id,
        personId: r.personId,
        residentName: contactShared.has(r.personId) ? displayName(p) : hiddenName,
        theme: r.theme as ReferralTheme,
        route: r.route,
        state,
        side,
        from: r.fromOrganisationId ? names.get(r.fromOrganisationId)! : null,
        to: names.get(r.toOrganisationId)!,
        sentAt: r.sentAt,
        answerDueDate: r.answerDueDate,
        firstContactDueDate: r.firstContactDueDate,
        flags: overdueFlags({ state, answerDueDate: r.answerDueDate, firstContactDueDate: r.firstContactDueDate }, today),
        weAreResponsible: responsibleSide(state, r.fromOrganisationId !== null && r.fromOrganisationId !== r.toOrganisationId) === side,
      });
    }
    trail.subjectIds = [...new Set(items.map((i) => i.personId))];
    return {
      today,
      truncated,
      incoming: items.filter((i) => i.side === 'receiver'),
      outgoing: items.filter((i) => i.side === 'sender'),
    };
  });
}

/** One referral with the resident's contact details, intake, timeline of this referral and the actions allowed now. */
export async function getReferral(db: Database, actor: Actor, referralId: string) {
  assertCan(actor, 'referrals:work');
  const today = amsterdamDate(db.clock.now());
  return db.audited(actor, { action: 'read', objectType: 'referral', objectId: referralId }, async (tx, trail) => {
    const [r] = await tx.select().from(referrals).where(eq(referrals.id, referralId));
    if (!r) throw new NotFoundError('De verwijzing');
    trail.subjectIds = [r.personId];
    trail.municipalityCode = r.municipalityCode;
    assertMunicipality(actor, r.municipalityCode);
    const side = sideOf(r, actor.organisationId);
    if (!side) throw new NotFoundError('De verwijzing');
    const scopes = await assertCanSeePerson(tx, actor, r.personId);
    const [person] = await tx.select().from(persons).where(eq(persons.id, r.personId));
    const intake = r.intakeId ? (await tx.select().from(referralIntakes).where(eq(referralIntakes.id, r.intakeId)))[0] : undefined;
    const members = scopes.has('contact')
      ? await tx
          .select({
            personId: referralHouseholdMembers.personId,
            relation: referralHouseholdMembers.relation,
            p: { initials: persons.initials, prefix: persons.prefix, surname: persons.surname, birthDate: persons.birthDate },
          })
          .from(referralHouseholdMembers)
          .innerJoin(persons, eq(persons.id, referralHouseholdMembers.personId))
          .where(eq(referralHouseholdMembers.referralId, r.id))
          .orderBy(asc(referralHouseholdMembers.createdAt))
      : [];
    trail.subjectIds = [r.personId, ...members.map((m) => m.personId)];
    const names = await organisationNames(tx);
    // Only what the resident shares with this organisation: contact details, the question, the progress.
    const events = scopes.has('progress') ? await eventsFor(tx, eq(referralEvents.referralId, r.id), names) : [];
    const state = r.state as ReferralState;
    const hasSender = r.fromOrganisationId !== null && r.fromOrganisationId !== r.toOrganisationId;
    const actions = availableActions(state, side);
    return {
      id: r.id,
      personId: r.personId,
      municipalityCode: r.municipalityCode,
      theme: r.theme as ReferralTheme,
      themeLabel: referralThemes[r.theme as ReferralTheme],
      route: r.route,
      question: scopes.has('question') ? r.question : null,
      shared: [...scopes],
      state,
      side,
      from: r.fromOrganisationId ? names.get(r.fromOrganisationId)! : null,
      to: names.get(r.toOrganisationId)!,
      area: r.areaCode ? areaName(r.areaCode) : null,
      declineReason: r.declineReason,
      closeReason: r.closeReason,
      sentAt: r.sentAt,
      acceptedAt: r.acceptedAt,
      firstContactAt: r.firstContactAt,
      helpInPlaceAt: r.helpInPlaceAt,
      closedAt: r.closedAt,
      answerDueDate: r.answerDueDate,
      firstContactDueDate: r.firstContactDueDate,
      flags: overdueFlags({ state, answerDueDate: r.answerDueDate, firstContactDueDate: r.firstContactDueDate }, today),
      responsible: responsibleSide(state, hasSender),
      actions: actions.map((a: ReferralAction) => ({ action: a, reasonRequired: reasonRequired(state, a) })),
      resident: residentContact(person, scopes.has('contact')),
      household: members.map((m) => ({ relation: m.relation, name: displayName(m.p), birthDate: m.p.birthDate })),
      intake: intake
        ? {
            route: intake.route,
            profile: scopes.has('question') ? intake.profile : null,
            // The signals of arrears an early-signal handover carries: part of the question for help.
            signals: scopes.has('question') ? (intake.signalFacts ?? []) : [],
            consentText: intake.consentText,
            createdAt: intake.createdAt,
          }
        : null,
      events,
    };
  });
}

async function eventsFor(tx: Tx, where: ReturnType<typeof eq>, names: Map<string, { code: string; name: string }>) {
  const rows = await tx
    .select({ e: referralEvents, userName: users.displayName })
    .from(referralEvents)
    .leftJoin(users, eq(users.id, referralEvents.userId))
    .where(where)
    .orderBy(asc(referralEvents.occurredAt), asc(referralEvents.seq));
  return rows.map(({ e, userName }) => ({
    id: e.id,
    referralId: e.referralId,
    kind: e.kind,
    organisation: e.organisationId ? (names.get(e.organisationId) ?? null) : null,
    user: userName ?? null,
    note: e.note,
    occurredAt: e.occurredAt,
  }));
}

/**
 * A resident's timeline across organisations: every referral and event. Only for an organisation involved in
 * one of their referrals and holding an active consent; every view leaves an audit line naming the resident.
 */
export async function residentTimeline(db: Database, actor: Actor, personId: string) {
  assertCan(actor, 'referrals:work');
  return db.audited(actor, { action: 'read', objectType: 'referral_timeline', objectId: personId, subjectIds: [personId] }, async (tx, trail) => {
    const scopes = await assertCanSeePerson(tx, actor as Staff, personId);
    if (!scopes.has('progress')) {
      throw referralError('progress_not_shared');
    }
    const [person] = await tx.select().from(persons).where(eq(persons.id, personId));
    if (!person) throw new NotFoundError('De inwoner');
    trail.municipalityCode = person.municipalityCode;
    assertMunicipality(actor, person.municipalityCode);
    const names = await organisationNames(tx);
    const list = await tx.select().from(referrals).where(eq(referrals.personId, personId)).orderBy(asc(referrals.sentAt));
    const consents = await tx.select().from(referralConsents).where(eq(referralConsents.personId, personId)).orderBy(asc(referralConsents.givenAt));
    const members = scopes.has('contact')
      ? await tx
          .select({
            personId: referralHouseholdMembers.personId,
            relation: referralHouseholdMembers.relation,
            p: { initials: persons.initials, prefix: persons.prefix, surname: persons.surname, birthDate: persons.birthDate },
          })
          .from(referralHouseholdMembers)
          .innerJoin(persons, eq(persons.id, referralHouseholdMembers.personId))
          .where(inArray(referralHouseholdMembers.referralId, list.length ? list.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000']))
      : [];
    trail.subjectIds = [personId, ...new Set(members.map((m) => m.personId))];
    const ours = new Set(list.filter((r) => sideOf(r, actor.organisationId)).map((r) => r.id));
    const events = (await eventsFor(tx, eq(referralEvents.personId, personId), names)).map((e) =>
      e.referralId && !ours.has(e.referralId) ? { ...e, note: null } : e,
    );
    return {
      person: { id: person.id, municipalityCode: person.municipalityCode, ...residentContact(person, scopes.has('contact')) },
      household: members.map((m) => ({ relation: m.relation, name: displayName(m.p), birthDate: m.p.birthDate })),
      referrals: list.map((r) => ({
        id: r.id,
        theme: r.theme as ReferralTheme,
        route: r.route,
        state: r.state as ReferralState,
        from: r.fromOrganisationId ? names.get(r.fromOrganisationId)! : null,
        to: names.get(r.toOrganisationId)!,
        sentAt: r.sentAt,
        // Another organisation's question is shared only through the chain; the text stays with the two sides.
        question: sideOf(r, actor.organisationId) && scopes.has('question') ? r.question : null,
      })),
      consents: consents.map((c) => ({
        id: c.id,
        organisation: names.get(c.organisationId)!,
        scopes: c.scopes,
        text: c.text,
        recordedVia: c.recordedVia,
        givenAt: c.givenAt,
        givenBy: c.givenByOrganisationId ? (names.get(c.givenByOrganisationId)?.name ?? null) : null,
        withdrawnAt: c.withdrawnAt,
        withdrawnBy: c.withdrawnByOrganisationId ? (names.get(c.withdrawnByOrganisationId)?.name ?? null) : null,
        withdrawalNote: c.withdrawalNote,
      })),
      events,
    };
  });
}

/** Organisations a referral can go to in the actor's municipalities (not creditors, not providers). */
export async function listPartners(db: Database, actor: Actor) {
  assertCan(actor, 'referrals:work');
  const rows = await db.unaudited((q) =>
    q
      .select({
        id: organisations.id,
        code: organisations.code,
        name: organisations.name,
        kind: organisations.kind,
        m: organisationMunicipalities.municipalityCode,
      })
      .from(organisations)
      .innerJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, organisations.id))
      .orderBy(asc(organisations.name)),
  );
  const byId = new Map<string, { id: string; code: string; name: string; kind: string; municipalities: string[] }>();
  for (const r of rows) {
    if (r.kind === 'creditor' || r.kind === 'provider') continue;
    if (!actor.municipalities.includes(r.m)) continue;
    const entry = byId.get(r.id) ?? { id: r.id, code: r.code, name: r.name, kind: r.kind, municipalities: [] };
    entry.municipalities.push(r.m);
    byId.set(r.id, entry);
  }
  return [...byId.values()];
}

/** The service levels per theme for a municipality: configured ones, else the defaults. Not personal. */
export async function listServiceLevels(db: Database, municipalityCode: string) {
  const rows = await db.unaudited((q) =>
    q.select().from(referralServiceLevels).where(eq(referralServiceLevels.municipalityCode, municipalityCode)).orderBy(desc(referralServiceLevels.theme)),
  );
  return themeCodes.map((theme) => {
    const row = rows.find((r) => r.theme === theme);
    const level = row ?? defaultServiceLevels[theme];
    return {
      theme,
      label: referralThemes[theme],
      answerWorkingDays: level.answerWorkingDays,
      firstContactWorkingDays: level.firstContactWorkingDays,
      configured: Boolean(row),
    };
  });
}

/**
 * What a resident logged in with DigiD sees of their own referrals: only the state, the kind of organisation it went
 * to and the date it was sent; never the question, notes or who works on it. Found by the BSN from the broker's
 * token among the persons of this municipality; newest first.
 */
export async function residentOwnReferrals(db: Database, actor: Actor, municipalityCode: string, bsn: string) {
  return db.audited(
    actor,
    { action: 'read', objectType: 'referral', municipalityCode, purpose: 'Inwoner (DigiD) bekijkt de stand van eigen aanvragen' },
    async (tx, trail) => {
      const own = await tx
        .select({ id: persons.id })
        .from(persons)
        .where(and(eq(persons.municipalityCode, municipalityCode), eq(persons.bsn, bsn)));
      if (!own.length) return [];
      trail.subjectIds = own.map((p) => p.id);
      const rows = await tx
        .select({ state: referrals.state, organisationKind: organisations.kind, sentAt: referrals.sentAt })
        .from(referrals)
        .innerJoin(organisations, eq(organisations.id, referrals.toOrganisationId))
        .where(
          and(
            eq(referrals.municipalityCode, municipalityCode),
            inArray(
              referrals.personId,
              own.map((p) => p.id),
            ),
          ),
        )
        .orderBy(desc(referrals.sentAt));
      return rows.map((r) => ({ state: r.state as ReferralState, organisationKind: r.organisationKind, sentAt: r.sentAt }));
    },
  );
}
