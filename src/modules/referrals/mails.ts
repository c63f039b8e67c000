import { eq } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { formatDate } from '../../platform/dutch.ts';
import { composeMail } from '../../platform/mail/compose.ts';
import { enqueueMail, mailSettings } from '../../platform/mail/outbox.ts';
import { organisations } from '../../platform/schema.ts';

/**
 * The referrals module's e-mails. They say only that there is something to do and link to it: no name, no BSN, no
 * question, no theme (a mail passes mail servers outside the municipality; what the receiver may see is in Vangnet,
 * behind the login and the consent).
 */

type ReferralMail = { referralId: string; municipalityCode: string; toOrganisationId: string; answerDueDate: string };

const link = (publicUrl: string, referralId: string) => `Bekijk de verwijzing (na inloggen): ${publicUrl}/medewerkers/verwijzingen/${referralId}`;
const noPersonalData = 'In deze e-mail staan bewust geen gegevens van de inwoner. U vindt ze in Vangnet.';

/** The receiving organisation's name and one of its mail addresses (its inbox or its team lead's), or null. */
async function receiver(tx: Tx, organisationId: string, address: 'mailAddress' | 'teamLeadMailAddress'): Promise<{ name: string; address: string } | null> {
  const [row] = await tx.select({ name: organisations.name, address: organisations[address] }).from(organisations).where(eq(organisations.id, organisationId));
  return row?.address ? { name: row.name, address: row.address } : null;
}

/** A new referral → the receiving organisation's inbox, when it has one. In the transaction that wrote the referral. */
export async function mailNewReferral(db: Database, tx: Tx, r: ReferralMail): Promise<string[]> {
  const settings = mailSettings(db);
  if (!settings) return [];
  const to = await receiver(tx, r.toOrganisationId, 'mailAddress');
  if (!to) return [];
  return enqueueMail(db, tx, {
    kind: 'referral_new',
    to: to.address,
    recipientLabel: to.name,
    subject: 'Nieuwe verwijzing in Vangnet',
    text: composeMail(settings, 'Beste collega,', [
      `Er staat in Vangnet een nieuwe verwijzing klaar voor ${to.name}.`,
      `Wilt u de verwijzing uiterlijk ${formatDate(r.answerDueDate)} aannemen of doorverwijzen?`,
      '',
      link(settings.publicUrl, r.referralId),
      '',
      noPersonalData,
    ]),
    municipalityCodes: [r.municipalityCode],
    objectType: 'referral',
    objectId: r.referralId,
  });
}

/** A referral not answered in time → the receiving organisation's team lead, once per referral. */
export async function mailOverdueReferral(db: Database, tx: Tx, r: ReferralMail): Promise<string[]> {
  const settings = mailSettings(db);
  if (!settings) return [];
  const to = await receiver(tx, r.toOrganisationId, 'teamLeadMailAddress');
  if (!to) return [];
  return enqueueMail(db, tx, {
    kind: 'referral_overdue',
    to: to.address,
    recipientLabel: `Teamleider ${to.name}`,
    subject: 'Verwijzing niet op tijd opgepakt',
    text: composeMail(settings, 'Beste teamleider,', [
      `Een verwijzing aan ${to.name} had uiterlijk ${formatDate(r.answerDueDate)} aangenomen of doorverwezen moeten zijn.`,
      'Dat is nog niet gebeurd. Wilt u zorgen dat iemand de verwijzing vandaag oppakt?',
      '',
      link(settings.publicUrl, r.referralId),
      '',
      noPersonalData,
    ]),
    municipalityCodes: [r.municipalityCode],
    objectType: 'referral',
    objectId: r.referralId,
  });
}
