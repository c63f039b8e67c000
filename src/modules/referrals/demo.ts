// Demo data of the chain approach: demo users, Dordrecht's service levels, a few current referrals and a year of history.
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { systemActor, type Actor } from '../../platform/actor.ts';
import { areaForPostcode, dordrechtWijken } from '../../platform/areas.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { insertPerson } from '../../platform/persons.ts';
import { organisationMunicipalities, organisations, users, type Role } from '../../platform/schema.ts';
import { hashPassword } from '../../platform/secrets.ts';
import { actOnReferral, createIntake, createReferral, createStaffIntake } from './commands/index.ts';
import { addWorkingDays, defaultServiceLevels, dueDates, holidaysFrom, themeCodes, type ReferralTheme } from './domain.ts';
import { referralConsents, referralEvents, referrals, referralServiceLevels } from './schema.ts';

/** Demo accounts of this module: a GP practice (sociaal recept) and a consultant at the social service. */
export const referralDemoUsers: { email: string; displayName: string; organisation: string; roles: Role[] }[] = [
  { email: 'huisarts@drechtdokters.example', displayName: 'Dr. Hanna Huisarts', organisation: 'DRECHTDOKTERS', roles: ['case_worker'] },
  { email: 'consulent@sdd.example', displayName: 'Sanne SDD-consulent', organisation: 'SDD', roles: ['case_worker'] },
  { email: 'vrijwilliger@humanitas.example', displayName: 'Henk Humanitas', organisation: 'HUMANITAS', roles: ['case_worker'] },
];

export async function ensureReferralDemoUsers(db: Database, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.unauditedTransaction(async (tx) => {
    for (const u of referralDemoUsers) {
      const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, u.organisation));
      if (!org) continue;
      await tx.insert(users).values({ organisationId: org.id, email: u.email, displayName: u.displayName, roles: u.roles, passwordHash }).onConflictDoNothing();
    }
  });
}

/** The actor of a demo user, to create demo data through the same commands people use. */
async function demoActor(db: Database, email: string): Promise<Actor> {
  return db.unaudited(async (q) => {
    const [u] = await q
      .select({ id: users.id, displayName: users.displayName, roles: users.roles, organisationId: users.organisationId, kind: organisations.kind })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
    if (!u) throw new Error(`demo user ${email} missing`);
    const ms = await q
      .select({ m: organisationMunicipalities.municipalityCode })
      .from(organisationMunicipalities)
      .where(eq(organisationMunicipalities.organisationId, u.organisationId));
    return {
      kind: 'user' as const,
      userId: u.id,
      displayName: u.displayName,
      organisationId: u.organisationId,
      organisationKind: u.kind,
      roles: u.roles,
      municipalities: ms.map((m) => m.m),
      origin: null,
    };
  });
}

/** Demo users, the agreed service levels for Dordrecht, and a handful of referrals in different states. Idempotent. */
export async function seedReferralsDemo(db: Database, config: Config): Promise<void> {
  await ensureReferralDemoUsers(db, config.demoPassword);
  await db.unaudited((q) =>
    q
      .insert(referralServiceLevels)
      .values(themeCodes.map((theme) => ({ municipalityCode: 'GM0505', theme, ...defaultServiceLevels[theme] })))
      .onConflictDoNothing(),
  );
  const existing = await db.audited(systemActor('demo'), { action: 'read', objectType: 'referral', details: { demo: true } }, async (tx) =>
    tx.select({ n: sql<number>`count(*)::int` }).from(referrals),
  );
  if ((existing[0]?.n ?? 0) > 0) return;
  const gp = await demoActor(db, 'huisarts@drechtdokters.example');
  const swt = await demoActor(db, 'consulent@wijkteam.example');
  const sdd = await demoActor(db, 'consulent@sdd.example');
  const consentText = 'De inwoner geeft toestemming om naam, contactgegevens en hulpvraag te delen met de organisatie waarnaar verwezen wordt.';
  const recept = await createStaffIntake(db, gp, {
    municipalityCode: 'GM0505',
    route: 'gp',
    theme: 'money_debts',
    question: 'Patiënt heeft veel stress door rekeningen die niet betaald worden; wil graag hulp bij het op orde brengen.',
    contact: { name: 'Jansen', phone: '06 12 34 56 78' },
    consent: { given: true, text: consentText },
    person: { initials: 'M.', postcode: '3315 AB', houseNumber: '12', birthDate: '1979-04-02' },
  });
  await actOnReferral(db, swt, recept.referralId, 'accept');
  await actOnReferral(db, swt, recept.referralId, 'first_contact', { note: 'Huisbezoek gepland met de inwoner.' });
  const walkIn = await createReferral(db, swt, {
    municipalityCode: 'GM0505',
    person: { initials: 'A.', surname: 'El Amrani', postcode: '3316 CD', houseNumber: '4', phone: '06 98 76 54 32' },
    toOrganisationCode: 'SDD',
    theme: 'work_income',
    question: 'Inkomen is onlangs weggevallen na ontslag; graag beoordelen of er recht is op een uitkering.',
    consent: { given: true, text: consentText },
  });
  await actOnReferral(db, sdd, walkIn.referralId, 'accept');
  await createIntake(db, systemActor('demo'), {
    municipalityCode: 'GM0505',
    route: 'selftest',
    theme: 'money_debts',
    question: 'Contactverzoek na de Geldfit-test: ik heb een aanmaning van de zorgverzekeraar.',
    contact: { name: 'Petra de Boer', email: 'petra@example.org' },
    consent: { given: true, text: 'Ik wil dat iemand contact met mij opneemt en geef toestemming mijn gegevens daarvoor te delen.' },
    profile: 'act_now',
  });
  await createReferral(db, swt, {
    municipalityCode: 'GM0505',
    person: { initials: 'K.', surname: 'Visser', postcode: '3314 EF', houseNumber: '88' },
    toOrganisationCode: 'HUMANITAS',
    theme: 'administration',
    question: 'Hulp bij het ordenen van de post en de administratie (thuisadministratie).',
    consent: { given: true, text: consentText },
  });
  await seedReferralHistory(db);
}

/** A deterministic pseudo-random sequence, so the demo history is the same on every installation. */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/**
 * A year of closed and running referrals in Dordrecht, so `insights` has figures per wijk and month to show.
 * Written directly (with back-dated times) in one audited unit of work by the demo job.
 */
export async function seedReferralHistory(db: Database, months = 12): Promise<number> {
  const random = sequence(505);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const orgs = await db.unaudited((q) => q.select({ id: organisations.id, code: organisations.code }).from(organisations));
  const id = (code: string) => orgs.find((o) => o.code === code)?.id;
  const receivers = ['SWT', 'SDD', 'HUMANITAS', 'SHM', 'BSR', 'FHH'].map(id).filter((x): x is string => Boolean(x));
  const senders: (string | null)[] = [null, id('SWT') ?? null, id('SDD') ?? null, id('DRECHTDOKTERS') ?? null, id('GEM-DORDRECHT') ?? null];
  const routeOf = (sender: string | null) =>
    sender === null ? 'selftest' : sender === id('DRECHTDOKTERS') ? 'gp' : sender === id('GEM-DORDRECHT') ? 'early_signal' : 'referral';
  const pc4 = dordrechtWijken.flatMap((w) => w.pc4);
  const now = db.clock.now();
  return db.audited(
    systemActor('demo'),
    { action: 'create', objectType: 'referral', municipalityCode: 'GM0505', details: { demo: 'history' } },
    async (tx, trail) => {
      let count = 0;
      for (let back = months; back >= 1; back -= 1) {
        const perMonth = 6 + Math.floor(random() * 8);
        for (let n = 0; n < perMonth; n += 1) {
          const sentAt = new Date(now.getTime() - back * 30 * 86_400_000 + Math.floor(random() * 25) * 86_400_000 + 9 * 3_600_000);
          const sender = pick(senders);
          let receiver = pick(receivers);
          if (receiver === sender) receiver = receivers[0]!;
          const theme = pick([
            'money_debts',
            'money_debts',
            'money_debts',
            'work_income',
            'housing',
            'administration',
            'health',
            'children_family',
          ] as ReferralTheme[]);
          const postcode = `${pick(pc4)} ${pick(['AB', 'CD', 'EF', 'GH'])}`;
          const person = await insertPerson(tx, { municipalityCode: 'GM0505', surname: `Demo-inwoner ${count + 1}`, postcode });
          trail.subjectIds!.push(person.id);
          const day = amsterdamDate(sentAt);
          const due = dueDates(day, defaultServiceLevels[theme]);
          const declined = random() < 0.08;
          // First contact on a working day, one to nine working days after sending.
          const contactDay = addWorkingDays(day, 1 + Math.floor(random() * 9), holidaysFrom(day));
          const contactAt = new Date(`${contactDay}T10:00:00Z`);
          const firstContactAt = declined || contactAt > now ? null : contactAt;
          const helpCandidate = firstContactAt && random() < 0.75 ? new Date(firstContactAt.getTime() + (3 + Math.floor(random() * 20)) * 86_400_000) : null;
          const helpAt = helpCandidate && helpCandidate <= now ? helpCandidate : null;
          const closedAt =
            helpAt && random() < 0.6 ? new Date(helpAt.getTime() + 60 * 86_400_000) : declined ? new Date(sentAt.getTime() + 5 * 86_400_000) : null;
          const state = closedAt && closedAt < now ? 'closed' : helpAt ? 'help_in_place' : firstContactAt ? 'first_contact' : declined ? 'declined' : 'sent';
          const [row] = await tx
            .insert(referrals)
            .values({
              municipalityCode: 'GM0505',
              personId: person.id,
              fromOrganisationId: sender,
              toOrganisationId: receiver,
              route: routeOf(sender),
              theme,
              question: 'Demovraag (historie).',
              areaCode: areaForPostcode(postcode)?.code ?? null,
              state,
              declineReason: declined ? 'Past niet bij ons aanbod; terugverwezen.' : null,
              sentAt,
              ...due,
              acceptedAt: declined ? null : new Date(sentAt.getTime() + 86_400_000),
              declinedAt: declined ? new Date(sentAt.getTime() + 86_400_000) : null,
              firstContactAt,
              helpInPlaceAt: helpAt,
              closedAt: state === 'closed' ? closedAt : null,
              updatedAt: now,
            })
            .returning({ id: referrals.id });
          for (const organisationId of [sender, receiver].filter((o): o is string => Boolean(o))) {
            await tx.insert(referralConsents).values({
              municipalityCode: 'GM0505',
              personId: person.id,
              organisationId,
              scopes: ['contact', 'question', 'progress'],
              text: 'Toestemming (demo).',
              recordedVia: routeOf(sender),
              givenAt: sentAt,
            });
          }
          await tx.insert(referralEvents).values({
            referralId: row!.id,
            personId: person.id,
            municipalityCode: 'GM0505',
            kind: 'sent',
            organisationId: sender ?? receiver,
            occurredAt: sentAt,
          });
          count += 1;
        }
      }
      return count;
    },
  );
}
