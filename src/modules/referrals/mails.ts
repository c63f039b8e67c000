import { eq } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { enqueueMail, mailSettings } from '../../platform/mail/outbox.ts';
import { organisations } from '../../platform/schema.ts';

/**
 * The referrals module's e-mails. They say only that there is something to do and link to it: no name, no BSN, no
 * question, no theme (a mail passes mail servers outside the municipality; what the receiver may see is in Vangnet,
 * behind the login and the consent).
 */

function dutchDate(isoDate: string): string {
  return new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** A new referral → the receiving organisation's inbox, when it has one. In the transaction that wrote the referral. */
export async function mailNewReferral(
  db: Database,
  tx: Tx,
  r: { referralId: string; municipalityCode: string; toOrganisationId: string; answerDueDate: string },
): Promise<string[]> {
  const settings = mailSettings(db);
  if (!settings) return [];
  const [to] = await tx
    .select({ name: organisations.name, mailAddress: organisations.mailAddress })
    .from(organisations)
    .where(eq(organisations.id, r.toOrganisationId));
  if (!to?.mailAddress) return [];
  return enqueueMail(db, tx, {
    kind: 'referral_new',
    to: to.mailAddress,
    recipientLabel: to.name,
    subject: 'Nieuwe verwijzing in Vangnet',
    text: [
      'Beste collega,',
      '',
      `Er staat in Vangnet een nieuwe verwijzing klaar voor ${to.name}.`,
      `Wilt u de verwijzing uiterlijk ${dutchDate(r.answerDueDate)} aannemen of doorverwijzen?`,
      '',
      `Bekijk de verwijzing (na inloggen): ${settings.publicUrl}/medewerkers/verwijzingen/${r.referralId}`,
      '',
      'In deze e-mail staan bewust geen gegevens van de inwoner. U vindt ze in Vangnet.',
      '',
      'Met vriendelijke groet,',
      settings.from.name,
      '',
      'Dit bericht is automatisch verstuurd. U kunt er niet op antwoorden.',
      '',
    ].join('\n'),
    municipalityCodes: [r.municipalityCode],
    objectType: 'referral',
    objectId: r.referralId,
  });
}

/** A referral not answered in time → the receiving organisation's team lead, once per referral. */
export async function mailOverdueReferral(
  db: Database,
  tx: Tx,
  r: { referralId: string; municipalityCode: string; toOrganisationId: string; answerDueDate: string },
): Promise<string[]> {
  const settings = mailSettings(db);
  if (!settings) return [];
  const [to] = await tx
    .select({ name: organisations.name, teamLeadMailAddress: organisations.teamLeadMailAddress })
    .from(organisations)
    .where(eq(organisations.id, r.toOrganisationId));
  if (!to?.teamLeadMailAddress) return [];
  return enqueueMail(db, tx, {
    kind: 'referral_overdue',
    to: to.teamLeadMailAddress,
    recipientLabel: `Teamleider ${to.name}`,
    subject: 'Verwijzing niet op tijd opgepakt',
    text: [
      'Beste teamleider,',
      '',
      `Een verwijzing aan ${to.name} had uiterlijk ${dutchDate(r.answerDueDate)} aangenomen of doorverwezen moeten zijn.`,
      'Dat is nog niet gebeurd. Wilt u zorgen dat iemand de verwijzing vandaag oppakt?',
      '',
      `Bekijk de verwijzing (na inloggen): ${settings.publicUrl}/medewerkers/verwijzingen/${r.referralId}`,
      '',
      'In deze e-mail staan bewust geen gegevens van de inwoner. U vindt ze in Vangnet.',
      '',
      'Met vriendelijke groet,',
      settings.from.name,
      '',
      'Dit bericht is automatisch verstuurd. U kunt er niet op antwoorden.',
      '',
    ].join('\n'),
    municipalityCodes: [r.municipalityCode],
    objectType: 'referral',
    objectId: r.referralId,
  });
}
