import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { organisationMunicipalities, organisations } from '../../platform/schema.ts';
import { rulesOn } from './configuration.ts';
import { passCategories } from './schema.ts';

/** What the application page shows before anyone gives personal data: the rules, the categories, the organisations. */
export async function publicInfo(db: Database, municipalityCode: string) {
  return db.unaudited(async (q) => {
    const rules = await rulesOn(q, municipalityCode, amsterdamDate(db.clock.now())).catch(() => null);
    const categories = await q.select().from(passCategories).orderBy(asc(passCategories.sortOrder));
    const volunteerOrganisations = await q
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .innerJoin(organisationMunicipalities, eq(organisationMunicipalities.organisationId, organisations.id))
      .where(and(eq(organisations.kind, 'volunteer_organisation'), eq(organisationMunicipalities.municipalityCode, municipalityCode)))
      .orderBy(asc(organisations.name));
    return { municipalityCode, rules, categories, volunteerOrganisations };
  });
}
