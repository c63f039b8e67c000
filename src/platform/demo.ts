import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { municipalities, organisationMunicipalities, organisations, users, type OrganisationKind, type Role } from './schema.ts';
import { hashPassword } from './secrets.ts';

export { drechtsteden } from './municipalities.ts';
import { drechtsteden } from './municipalities.ts';

const all = drechtsteden.map((m) => m.code);
const dordrecht = ['GM0505'];

/** Organisations named in the seed documents, plus one demo provider and a second municipality's team. */
export const demoOrganisations: {
  code: string;
  name: string;
  kind: OrganisationKind;
  municipalities: string[];
  creditorTypes?: string[];
  mailAddress?: string;
  teamLeadMailAddress?: string;
}[] = [
  { code: 'GEM-DORDRECHT', name: 'Gemeente Dordrecht, vroegsignaleringsteam', kind: 'municipal_team', municipalities: dordrecht },
  { code: 'SDD', name: 'Sociale Dienst Drechtsteden', kind: 'social_service', municipalities: all },
  {
    code: 'SWT',
    name: 'Sociaal Wijkteam Dordrecht',
    kind: 'neighbourhood_team',
    municipalities: dordrecht,
    mailAddress: 'verwijzingen@wijkteam.example',
    teamLeadMailAddress: 'teamleider@wijkteam.example',
  },
  { code: 'HUMANITAS', name: 'Humanitas Thuisadministratie', kind: 'volunteer_organisation', municipalities: dordrecht },
  {
    code: 'SHM',
    name: 'SchuldHulpMaatje Dordrecht',
    kind: 'volunteer_organisation',
    municipalities: dordrecht,
    mailAddress: 'aanmelden@schuldhulpmaatje.example',
  },
  { code: 'AVS', name: 'Alliantie Vrijwillige Schuldhulp', kind: 'volunteer_organisation', municipalities: dordrecht },
  { code: 'BSR', name: 'Bureau Sociaal Raadslieden', kind: 'other', municipalities: dordrecht },
  { code: 'FHH', name: 'Financieel Hulphuis', kind: 'volunteer_organisation', municipalities: dordrecht },
  { code: 'SOCIALE-BASIS', name: 'Stichting de Sociale Basis (MEE/Vivenz)', kind: 'other', municipalities: dordrecht },
  { code: 'TRIVIRE', name: 'Trivire', kind: 'creditor', municipalities: dordrecht, creditorTypes: ['rent'] },
  { code: 'VGZ', name: 'Coöperatie VGZ', kind: 'creditor', municipalities: all, creditorTypes: ['health_insurance'] },
  { code: 'ZILVEREN-KRUIS', name: 'Zilveren Kruis', kind: 'creditor', municipalities: all, creditorTypes: ['health_insurance'] },
  { code: 'EVIDES', name: 'Evides Waterbedrijf', kind: 'creditor', municipalities: all, creditorTypes: ['water'] },
  { code: 'DRECHTDOKTERS', name: 'Drechtdokters (huisartsen)', kind: 'health_care', municipalities: all },
  { code: 'YOUR-HEALTHSPOT', name: 'Your Healthspot', kind: 'health_care', municipalities: dordrecht },
  { code: 'DDS', name: 'Dienstverlening Drechtsteden, Dordtpas', kind: 'municipal_team', municipalities: all },
  { code: 'OCD', name: 'Onderzoekcentrum Drechtsteden', kind: 'other', municipalities: all },
  { code: 'DEMO-AANBIEDER', name: 'Sport en Cultuur Dordrecht (demo-aanbieder)', kind: 'provider', municipalities: dordrecht },
  { code: 'GEM-ZWIJNDRECHT', name: 'Gemeente Zwijndrecht, team schuldhulp', kind: 'municipal_team', municipalities: ['GM0642'] },
];

export const demoUsers: { email: string; displayName: string; organisation: string; roles: Role[] }[] = [
  { email: 'beheerder@dordrecht.example', displayName: 'Bea Beheerder', organisation: 'GEM-DORDRECHT', roles: ['admin'] },
  { email: 'signalering@dordrecht.example', displayName: 'Sam Signaal', organisation: 'GEM-DORDRECHT', roles: ['signal_officer'] },
  { email: 'consulent@wijkteam.example', displayName: 'Kim Consulent', organisation: 'SWT', roles: ['case_worker'] },
  { email: 'incasso@trivire.example', displayName: 'Chris Crediteur', organisation: 'TRIVIRE', roles: ['creditor'] },
  { email: 'kassa@aanbieder.example', displayName: 'Pim Kassa', organisation: 'DEMO-AANBIEDER', roles: ['provider_cashier'] },
  { email: 'analist@ocd.example', displayName: 'Ali Analist', organisation: 'OCD', roles: ['analyst'] },
  { email: 'programma@dordrecht.example', displayName: 'Paula Programma', organisation: 'GEM-DORDRECHT', roles: ['programme_manager'] },
];

/** Reference data every installation has: the tenants. Idempotent. */
export async function ensureReferenceData(db: Database): Promise<void> {
  await db.unaudited((q) =>
    q
      .insert(municipalities)
      .values([...drechtsteden])
      .onConflictDoNothing(),
  );
}

export async function hasOrganisations(db: Database): Promise<boolean> {
  const [row] = await db.unaudited((q) => q.select({ n: sql<number>`count(*)::int` }).from(organisations));
  return (row?.n ?? 0) > 0;
}

/** Whether this database holds the demo accounts (so printing their logins at start-up is true). */
export async function hasDemoUsers(db: Database): Promise<boolean> {
  const [row] = await db.unaudited((q) => q.select({ id: users.id }).from(users).where(eq(users.email, demoUsers[0]!.email)));
  return Boolean(row);
}

/** Loads the demo municipality's organisations and one user per role. Running it twice changes nothing. */
export async function seedDemo(db: Database, password: string): Promise<typeof demoUsers> {
  await ensureReferenceData(db);
  const passwordHash = await hashPassword(password);
  await db.unauditedTransaction(async (tx) => {
    for (const o of demoOrganisations) {
      await tx
        .insert(organisations)
        .values({
          code: o.code,
          name: o.name,
          kind: o.kind,
          creditorTypes: o.creditorTypes ?? [],
          mailAddress: o.mailAddress ?? null,
          teamLeadMailAddress: o.teamLeadMailAddress ?? null,
        })
        .onConflictDoNothing();
      const [row] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, o.code));
      await tx
        .insert(organisationMunicipalities)
        .values(o.municipalities.map((m) => ({ organisationId: row!.id, municipalityCode: m })))
        .onConflictDoNothing();
    }
    for (const u of demoUsers) {
      const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, u.organisation));
      await tx
        .insert(users)
        .values({ organisationId: org!.id, email: u.email, displayName: u.displayName, roles: u.roles, passwordHash })
        .onConflictDoNothing();
    }
  });
  return demoUsers;
}
