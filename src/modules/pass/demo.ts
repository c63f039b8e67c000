import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { systemActor } from '../../platform/actor.ts';
import { organisationMunicipalities, organisations, users, type Role } from '../../platform/schema.ts';
import { sha256 } from '../../platform/secrets.ts';
import { submitApplication, decideApplication, type ApplicationInput } from './applications.ts';
import { chargePass } from './charges.ts';
import { ensurePassConfiguration, providerOfOrganisation } from './configuration.ts';
import { passNumberFrom } from './domain.ts';
import { passApplications, passes, passOffers, passProviders, passTargetGroups } from './schema.ts';
import { amsterdamDate } from '../../platform/clock.ts';

/** Demo providers: the platform's DEMO-AANBIEDER (cashier kassa@aanbieder.example) and two more. */
const demoProviders = [
  {
    code: 'DEMO-AANBIEDER',
    name: 'Sport en Cultuur Dordrecht (demo-aanbieder)',
    kind: 'sports_club',
    // Demo IBANs: valid check digits, no real accounts. The music school has none, so a payout run shows the skip.
    iban: 'NL20INGB0001234567',
    offers: [
      { title: 'Zwemles, 10 lessen', category: 'swimming', priceCents: 12_500, audience: 'children', minAge: 4, maxAge: 12 },
      { title: 'Contributie voetbal, seizoen', category: 'sport', priceCents: 18_000 },
      { title: 'Theaterworkshop voor kinderen', category: 'culture', priceCents: 4_500, audience: 'children', minAge: 6, maxAge: 12 },
      { title: 'Dagje speeltuin', category: 'leisure', priceCents: 1_500 },
    ],
  },
  {
    code: 'DEMO-BOEKHANDEL',
    name: 'Boekhandel De Dordtse Pen (demo)',
    iban: 'NL42RABO0300012345',
    kind: 'shop',
    offers: [{ title: 'Pakket schoolspullen', category: 'learning_materials', priceCents: 4_500 }],
  },
  {
    code: 'DEMO-MUZIEKSCHOOL',
    name: 'Muziekschool Drechtsteden (demo)',
    iban: null,
    kind: 'music_school',
    offers: [
      { title: 'Gitaarles, 10 lessen', category: 'music', priceCents: 15_000 },
      // A discount for adults too: the Dordtpas is not only for children.
      { title: 'Samen zingen in het koor', category: 'music', priceCents: null, kind: 'discount', discountText: 'Halve contributie', audience: 'adults' },
    ],
  },
] as const;

/** A provider organisation that has not joined the pass yet, so the pass office can try "Aanbieder aansluiten". */
const demoCandidate = { code: 'DEMO-ZWEMVERENIGING', name: 'Zwemvereniging De Biesbosch (demo, nog niet aangesloten)' } as const;

/** Demo households: fixed pass numbers and resident codes so the demo can be tried by hand (see docs/pass.md). */
export const demoHouseholds: {
  reference: string;
  accessCode: string;
  passNumber: string | null;
  input: Omit<ApplicationInput, 'municipalityCode'>;
  approve: boolean;
}[] = [
  {
    reference: 'DP-DEMO0001',
    accessCode: 'DEMO-0001-CODE',
    passNumber: passNumberFrom('100000001'),
    approve: true,
    input: {
      route: 'income',
      applicant: {
        initials: 'M.',
        surname: 'Jansen',
        birthDate: '1988-04-12',
        street: 'Wielwijkstraat',
        houseNumber: '12',
        postcode: '3315 AB',
        city: 'Dordrecht',
      },
      children: [
        { initials: 'S.', surname: 'Jansen', birthDate: '2016-05-10' },
        { initials: 'T.', surname: 'Jansen', birthDate: '2012-03-02' },
      ],
      monthlyNetIncomeCents: 150_000,
      assetsCents: 0,
    },
  },
  {
    reference: 'DP-DEMO0002',
    accessCode: 'DEMO-0002-CODE',
    passNumber: passNumberFrom('100000002'),
    approve: true,
    input: {
      route: 'income',
      applicant: {
        initials: 'A.',
        surname: 'de Vries',
        birthDate: '1984-11-03',
        street: 'Crabbehoflaan',
        houseNumber: '7',
        postcode: '3316 CD',
        city: 'Dordrecht',
      },
      partner: { initials: 'B.', surname: 'de Vries', birthDate: '1986-02-20' },
      children: [
        { initials: 'L.', surname: 'de Vries', birthDate: '2018-09-01' },
        { initials: 'N.', surname: 'de Vries', birthDate: '2010-01-15' },
        { initials: 'R.', surname: 'de Vries', birthDate: '2023-06-30' },
      ],
      monthlyNetIncomeCents: 240_000,
      assetsCents: 0,
    },
  },
  {
    reference: 'DP-DEMO0003',
    accessCode: 'DEMO-0003-CODE',
    passNumber: passNumberFrom('100000003'),
    approve: true,
    input: {
      route: 'carer',
      applicant: {
        initials: 'G.',
        surname: 'Bakker',
        birthDate: '1958-07-21',
        street: 'Krispijnseweg',
        houseNumber: '101',
        postcode: '3317 EF',
        city: 'Dordrecht',
      },
      children: [],
    },
  },
  {
    reference: 'DP-DEMO0004',
    accessCode: 'DEMO-0004-CODE',
    passNumber: null,
    approve: false,
    input: {
      route: 'income',
      applicant: { initials: 'K.', surname: 'Visser', birthDate: '1990-01-05', street: 'Smitsweg', houseNumber: '3', postcode: '3325 GH', city: 'Dordrecht' },
      children: [{ initials: 'J.', surname: 'Visser', birthDate: '2015-08-08' }],
      monthlyNetIncomeCents: 180_000,
      assetsCents: 0,
    },
  },
];

async function demoStaffActor(db: Database, email: string): Promise<Actor> {
  const [user] = await db.unaudited((q) =>
    q
      .select({ id: users.id, displayName: users.displayName, roles: users.roles, organisationId: users.organisationId, kind: organisations.kind })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(users.email, email)),
  );
  if (!user) throw new Error(`demo user ${email} missing`);
  const municipalities = await db.unaudited((q) =>
    q.select().from(organisationMunicipalities).where(eq(organisationMunicipalities.organisationId, user.organisationId)),
  );
  return {
    kind: 'user',
    userId: user.id,
    displayName: user.displayName,
    organisationId: user.organisationId,
    organisationKind: user.kind,
    roles: user.roles as Role[],
    municipalities: municipalities.map((m) => m.municipalityCode),
    origin: null,
    onBehalfOf: 'demo-seed',
  };
}

/** Providers with offers, passes with children and budgets, a few charges. Running it twice changes nothing. */
export async function seedPassDemo(db: Database): Promise<void> {
  await ensurePassConfiguration(db);
  await db.unauditedTransaction(async (tx) => {
    // Demo: the target group of the current year estimated with the 2020 figures, so the reach shows in insights.
    const year = Number(amsterdamDate(db.clock.now()).slice(0, 4));
    await tx
      .insert(passTargetGroups)
      .values({ municipalityCode: 'GM0505', year, adults: 9_795, children: 3_666, source: 'Demo: schatting met de cijfers van 2020' })
      .onConflictDoNothing();
    for (const p of demoProviders) {
      await tx.insert(organisations).values({ code: p.code, name: p.name, kind: 'provider' }).onConflictDoNothing();
      const [org] = await tx.select().from(organisations).where(eq(organisations.code, p.code));
      await tx.insert(organisationMunicipalities).values({ organisationId: org!.id, municipalityCode: 'GM0505' }).onConflictDoNothing();
      if (await providerOfOrganisation(tx, org!.id)) continue;
      const [provider] = await tx
        .insert(passProviders)
        .values({ organisationId: org!.id, municipalityCode: 'GM0505', name: p.name, kind: p.kind, iban: p.iban })
        .returning();
      await tx.insert(passOffers).values(p.offers.map((o) => ({ ...o, providerId: provider!.id })));
    }
    await tx.insert(organisations).values({ code: demoCandidate.code, name: demoCandidate.name, kind: 'provider' }).onConflictDoNothing();
    const [candidate] = await tx.select().from(organisations).where(eq(organisations.code, demoCandidate.code));
    await tx.insert(organisationMunicipalities).values({ organisationId: candidate!.id, municipalityCode: 'GM0505' }).onConflictDoNothing();
  });
  const [existing] = await db.audited(systemActor('demo'), { action: 'read', objectType: 'pass_application', purpose: 'Demo laden' }, (tx) =>
    tx.select({ n: sql<number>`count(*)::int` }).from(passApplications).where(eq(passApplications.reference, 'DP-DEMO0001')),
  );
  if ((existing?.n ?? 0) > 0) return;
  const caseWorker = await demoStaffActor(db, 'consulent@wijkteam.example');
  for (const household of demoHouseholds) {
    const outcome = await submitApplication(db, caseWorker, { municipalityCode: 'GM0505', ...household.input });
    const decided = household.approve ? await decideApplication(db, caseWorker, outcome.applicationId, { approve: true }) : null;
    await db.audited(
      systemActor('demo'),
      { action: 'update', objectType: 'pass_application', objectId: outcome.applicationId, purpose: 'Demo: vaste nummers' },
      async (tx) => {
        await tx
          .update(passApplications)
          .set({ reference: household.reference, accessCodeHash: sha256(household.accessCode.replace(/[^A-Z0-9]/g, '')) })
          .where(eq(passApplications.id, outcome.applicationId));
        if (decided?.pass && household.passNumber)
          await tx
            .update(passes)
            .set({ number: household.passNumber })
            .where(and(eq(passes.id, decided.pass.id)));
      },
    );
  }
  const cashier = await demoStaffActor(db, 'kassa@aanbieder.example');
  const provider = await db.unaudited((q) => q.select().from(passProviders).where(eq(passProviders.name, demoProviders[0].name)));
  const offers = await db.unaudited((q) => q.select().from(passOffers).where(eq(passOffers.providerId, provider[0]!.id)));
  const swimming = offers.find((o) => o.category === 'swimming')!;
  const football = offers.find((o) => o.category === 'sport')!;
  await chargePass(db, cashier, {
    passNumber: passNumberFrom('100000001'),
    memberNumber: 2,
    offerId: swimming.id,
    amountCents: 12_500,
    idempotencyKey: 'demo-charge-0001',
  });
  await chargePass(db, cashier, {
    passNumber: passNumberFrom('100000002'),
    memberNumber: 4,
    offerId: football.id,
    amountCents: 18_000,
    idempotencyKey: 'demo-charge-0002',
  });
}
