import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { MailConfig } from '../../../config.ts';
import type { Database, Tx } from '../../../db/database.ts';
import { enqueueMail, mailSettings } from '../../../platform/mail/outbox.ts';
import { offerByMailAllowed } from '../municipalSettings.ts';
import { type CaseHistoryEntry, signalCases, signals } from '../schema.ts';
import type { SignalSettings } from '../settings.ts';
import type { Candidate } from './letterSelection.ts';
import { addDays } from './letterSelection.ts';

/**
 * The offer of help by e-mail instead of a letter (docs/signals.md "Offer by e-mail"). A case gets it when
 * outgoing mail is configured, its municipality switched the offer by e-mail on, it waits for its first offer, and a
 * creditor's signal of the case carries an e-mail address (the newest one that does). The mail goes through the
 * platform's outbox: written in the letter run's transaction, sent by the mail job, retried, audited.
 *
 * The mail holds no debt details: no creditor, no amount, no kind of arrears, not even the resident's name. The
 * address came from a creditor; someone else may read that mailbox (a partner, a parent, a shared family address).
 * It says only that a municipal worker wants to help, how to call, and where the public help page is; the rest is
 * said on the phone, to the resident.
 */

export const OFFER_MAIL_SUBJECT = 'Wij willen u graag helpen';

export function offerMailText(settings: SignalSettings, mail: Pick<MailConfig, 'publicUrl'>): string {
  return [
    'Beste inwoner,',
    '',
    `Een medewerker van de gemeente wil u graag helpen. Wij zijn ${settings.team.name}.`,
    'Wij helpen mensen met vragen over geld en rekeningen. De hulp is gratis.',
    '',
    `Bel ons: ${settings.team.phone} (op werkdagen van 9.00 tot 17.00 uur).`,
    'Wij nemen ook zelf contact met u op.',
    '',
    `Meer over hulp in de buurt: ${mail.publicUrl}/hulp`,
    '',
    'Wilt u geen hulp? Dan hoeft u niets te doen.',
    '',
    'Met vriendelijke groet,',
    settings.team.name,
    '',
    'Dit bericht is automatisch verstuurd. U kunt er niet op antwoorden; bel ons liever.',
    '',
  ].join('\n');
}

/** The newest e-mail address a creditor gave in a signal of each case (cases without one are left out). */
async function signalAddresses(tx: Tx, caseIds: string[]): Promise<Map<string, string>> {
  if (!caseIds.length) return new Map();
  const rows = await tx
    .selectDistinctOn([signals.caseId], { caseId: signals.caseId, email: signals.email })
    .from(signals)
    .where(and(inArray(signals.caseId, caseIds), isNotNull(signals.email)))
    .orderBy(signals.caseId, desc(signals.signalDate), desc(signals.id));
  return new Map(rows.filter((r) => r.caseId && r.email).map((r) => [r.caseId!, r.email!]));
}

/**
 * Splits a run's cases into those that get the offer by e-mail (with the address) and those that get a letter. Only a
 * first offer goes by e-mail; a reprint is always a letter.
 */
export async function splitByChannel(
  db: Database,
  tx: Tx,
  municipalityCode: string,
  cases: Candidate[],
): Promise<{ letters: Candidate[]; mails: (Candidate & { to: string })[] }> {
  const first = cases.filter((c) => c.status === 'awaiting_letter');
  if (!first.length || !mailSettings(db) || !(await offerByMailAllowed(tx, municipalityCode))) return { letters: cases, mails: [] };
  const addresses = await signalAddresses(
    tx,
    first.map((c) => c.id),
  );
  const mails: (Candidate & { to: string })[] = [];
  const letters: Candidate[] = [];
  for (const c of cases) {
    const to = c.status === 'awaiting_letter' ? addresses.get(c.id) : undefined;
    if (to) mails.push({ ...c, to });
    else letters.push(c);
  }
  return { letters, mails };
}

/**
 * Writes the offer mails into the outbox and marks their cases as offered, in the run's transaction: like a letter
 * (`letter_sent` on the run's date, the first contact due, the signals "Opgepakt"), with the line "Aanbod per e-mail
 * verstuurd" in the case's history. Returns how many cases were mailed, their persons (for the audit line) and the
 * outbox references.
 */
export async function sendOfferMails(
  db: Database,
  tx: Tx,
  input: { municipalityCode: string; date: string; mails: { id: string; to: string }[] },
  settings: SignalSettings,
): Promise<{ count: number; personIds: string[]; mailRefs: string[] }> {
  const mail = mailSettings(db);
  if (!mail || !input.mails.length) return { count: 0, personIds: [], mailRefs: [] };
  const ids = input.mails.map((m) => m.id);
  const lastDue = addDays(input.date, settings.firstContactDays);
  const entry: CaseHistoryEntry = {
    at: db.clock.now().toISOString(),
    kind: 'offer_mailed',
    text: 'Aanbod per e-mail verstuurd, in plaats van een brief.',
    referralId: null,
  };
  // The update locks the cases and checks again that each still waits: a run made at the same moment mails none twice.
  const updated = await tx
    .update(signalCases)
    .set({
      status: 'letter_sent',
      letterSentOn: input.date,
      takenUpOn: sql`coalesce(${signalCases.takenUpOn}, ${input.date}::date)`,
      dueDate: sql`least(${signalCases.dueDate}, ${lastDue}::date)`,
      letterTemplateVersion: null,
      letterBatchId: null,
      history: sql`${signalCases.history} || ${JSON.stringify([entry])}::jsonb`,
      updatedAt: db.clock.now(),
    })
    .where(and(inArray(signalCases.id, ids), eq(signalCases.status, 'awaiting_letter')))
    .returning({ id: signalCases.id, personId: signalCases.personId });
  if (!updated.length) return { count: 0, personIds: [], mailRefs: [] };
  const done = new Set(updated.map((u) => u.id));
  await tx
    .update(signals)
    .set({ status: 'taken_up' })
    .where(and(inArray(signals.caseId, [...done]), eq(signals.status, 'not_yet_taken_up')));
  const text = offerMailText(settings, mail);
  const mailRefs: string[] = [];
  for (const m of input.mails) {
    if (!done.has(m.id)) continue;
    mailRefs.push(
      ...(await enqueueMail(db, tx, {
        kind: 'signal_offer',
        to: m.to,
        recipientLabel: 'inwoner',
        subject: OFFER_MAIL_SUBJECT,
        text,
        municipalityCodes: [input.municipalityCode],
        objectType: 'signal_case',
        objectId: m.id,
      })),
    );
  }
  return { count: updated.length, personIds: updated.flatMap((u) => (u.personId ? [u.personId] : [])), mailRefs };
}
