// The phone numbers under every public page, from the sources Vangnet already has: the municipality's general
// number, the early-signal team from its settings, and the Sociale Dienst Drechtsteden and the Sociaal Wijkteam
// as the social map lists them. A number that is in none of these is not shown.
import type { Database } from '../db/database.ts';
import { listDirectory } from '../modules/directory/index.ts';
import { signalSettings } from '../modules/signals/settings.ts';
import type { PublicContact } from '../platform/html.ts';

/** The municipalities' short number: 14 followed by the area code (Dordrecht: 078). */
const municipality: PublicContact = { name: 'Gemeente Dordrecht', phone: '14 078' };
/** Organisations of the social map whose general number residents need, by their code there. */
const mapOrganisations: Record<string, string> = { SDD: 'inkomen, werk en schuldhulp', SWT: 'hulp in uw eigen wijk' };

export async function gatherPublicContacts(db: Database): Promise<PublicContact[]> {
  const team = signalSettings().team;
  const list: PublicContact[] = [municipality];
  if (team.phone) list.push({ name: team.name, phone: team.phone, about: 'bij betalingsachterstanden' });
  const organisations = new Map((await listDirectory(db)).map((e) => [e.organization.code, e.organization]));
  for (const [code, about] of Object.entries(mapOrganisations)) {
    const org = organisations.get(code);
    if (org?.phone) list.push({ name: org.name, phone: org.phone, about });
  }
  return list;
}
