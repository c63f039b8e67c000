import { eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { composeMail } from '../../platform/mail/compose.ts';
import { enqueueMail, mailSettings } from '../../platform/mail/outbox.ts';
import { persons } from '../../platform/schema.ts';
import { dutchDate, euro } from './messages.ts';
import { passApplications, passes } from './schema.ts';

/**
 * The notice of a campaign credit to the households that got it: one e-mail per pass whose applicant left an e-mail
 * address, in the transaction that credited them. Without mail set up, or without an address, nothing is sent (Mijn
 * Dordtpas shows the credit anyway). The mail names no child and no pass number: it links to Mijn Dordtpas.
 */
export async function mailCampaignNotices(
  db: Database,
  tx: Tx,
  campaign: { id: string; name: string; amountCents: number; endsOn: string | null; municipalityCode: string },
  passIds: string[],
): Promise<number> {
  const settings = mailSettings(db);
  if (!settings || !passIds.length) return 0;
  const households = await tx
    .select({ passId: passes.id, email: persons.email })
    .from(passes)
    .innerJoin(passApplications, eq(passApplications.id, passes.applicationId))
    .innerJoin(persons, eq(persons.id, passApplications.applicantPersonId))
    .where(inArray(passes.id, passIds));
  let mailed = 0;
  for (const household of households) {
    if (!household.email) continue;
    await enqueueMail(db, tx, {
      kind: 'pass_campaign',
      to: household.email,
      recipientLabel: 'inwoner',
      subject: 'Extra kindtegoed op uw Dordtpas',
      text: composeMail(settings, 'Beste pashouder,', [
        `Uw kind heeft extra kindtegoed gekregen: ${campaign.name}, ${euro(campaign.amountCents)} per kind.`,
        campaign.endsOn
          ? `U kunt dit tegoed gebruiken tot en met ${dutchDate(campaign.endsOn)}. Wat dan nog over is, vervalt.`
          : 'U gebruikt het tegoed zoals het gewone kindtegoed.',
        '',
        `Kijk op Mijn Dordtpas hoeveel tegoed er is: ${settings.publicUrl}/dordtpas/mijn-pas`,
        `Wat kunt u ermee doen? ${settings.publicUrl}/dordtpas/aanbod`,
      ]),
      municipalityCodes: [campaign.municipalityCode],
      objectType: 'pass_campaign',
      objectId: campaign.id,
    });
    mailed++;
  }
  return mailed;
}
