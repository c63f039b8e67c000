import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { smtpEnv, startTestSmtp, type TestSmtp } from '../../../test/support/smtp.ts';
import { FakeClock } from '../../platform/clock.ts';
import { deliverDueMails } from '../../platform/mail/delivery.ts';
import { mailOutbox } from '../../platform/mail/schema.ts';
import { auditEvents, persons } from '../../platform/schema.ts';
import { signalCases } from './schema.ts';
import { fileHeader, importCsv, inspect, makeLettersThroughApi, recentDate, testSettings } from './test-helpers.ts';

/**
 * The offer of help by e-mail, against a real SMTP server: with the municipality's setting off a case with an address
 * gets a letter as before; switched on, the letter run sends the offer by e-mail through the outbox (right sender,
 * receiver and subject, no amount, creditor or name in it), the case counts as offered with "Aanbod per e-mail" in
 * its history, a refused delivery is tried again, and cases without an address still get their letter.
 */
let smtp: TestSmtp;
let t: TestApp;
let officer: Session;
let admin: Session;
const clock = new FakeClock('2026-12-02T09:00:00+01:00');
const ids: Record<string, string> = {};

const header = `${fileHeader};email`;
const row = (ref: string, amount: string, surname: string, postcode: string, nr: string, email = '') =>
  [ref, recentDate(clock.now()), 'huur', amount, '', surname, 'Voorstraat', postcode, nr, '', 'Dordrecht', email].join(';');

async function caseIds() {
  const rows = await inspect(t.db, (tx) =>
    tx.select({ id: signalCases.id, surname: persons.surname }).from(signalCases).innerJoin(persons, eq(persons.id, signalCases.personId)),
  );
  for (const r of rows) ids[r.surname] = r.id;
}

const api = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: session.headers, ...(payload ? { payload } : {}) });

async function signalMails() {
  return t.db.unaudited((q) => q.select().from(mailOutbox).where(eq(mailOutbox.kind, 'signal_offer')));
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ clock, env: smtpEnv(smtp) });
  officer = await loginAs(t.app, demoEmails.signal_officer);
  admin = await loginAs(t.app, demoEmails.admin);
  const summary = await importCsv(
    t.db,
    'TRIVIRE',
    [
      header,
      row('EM-1', '1.234,56', 'Vroeg', '3311AB', '11', 'eerste.bewoner@example.org'),
      row('EM-2', '345,67', 'Mailer', '3311AB', '12', 'tweede.bewoner@example.org'),
      row('EM-3', '456,78', 'Papier', '3311AB', '13'),
      row('EM-4', '567,89', 'Druk', '3311AB', '14', 'vol@example.org'),
      row('EM-5', '99,00', 'Fout', '3311AB', '15', 'geen-adres'),
    ].join('\n'),
  );
  expect(summary.rejections).toEqual([expect.objectContaining({ field: 'email', reason: 'Het e-mailadres is ongeldig.' })]);
  await caseIds();
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('the offer of help by e-mail', () => {
  it('is off by default: a case with an address gets a letter, and no mail is written', async () => {
    const settings = await api(admin, 'GET', '/signals/municipalities/GM0505/settings');
    expect(settings.json()).toMatchObject({ offerByMail: false });
    const preview = await api(officer, 'POST', '/signals/letters/preview', { selection: { kind: 'cases', caseIds: [ids.Vroeg] } });
    expect(preview.json()).toMatchObject({ count: 1, byMail: 0, batches: 1 });
    const made = await makeLettersThroughApi(t.app, officer.headers, { kind: 'cases', caseIds: [ids.Vroeg!] });
    expect(made.count).toBe(1);
    expect(made.text).toContain('Vroeg');
    expect(await signalMails()).toEqual([]);
    const c = (await api(officer, 'GET', `/signals/cases/${ids.Vroeg}`)).json();
    expect(c).toMatchObject({ status: 'letter_sent' });
    expect(c.history).toEqual([]);
  });

  it('when the admin switches it on, sends the offer by e-mail through the outbox, and a letter where there is no address', async () => {
    const on = await api(admin, 'PUT', '/signals/municipalities/GM0505/settings', { offerByMail: true });
    expect(on.statusCode).toBe(200);
    // Switching one setting leaves the other as it was.
    expect(on.json()).toMatchObject({ offerByMail: true, municipalTaxes: false });
    const officerMayNot = await api(officer, 'PUT', '/signals/municipalities/GM0505/settings', { offerByMail: false });
    expect(officerMayNot.statusCode).toBe(403);

    smtp.refuse = (address, attempt) => (address === 'vol@example.org' && attempt === 1 ? 451 : undefined);
    const selection = { kind: 'cases', caseIds: [ids.Mailer, ids.Papier, ids.Druk] };
    const preview = await api(officer, 'POST', '/signals/letters/preview', { selection });
    expect(preview.json()).toMatchObject({ count: 3, byMail: 2, batches: 1 });
    const run = await api(officer, 'POST', '/signals/letters', { selection, confirmCount: 3 });
    expect(run.statusCode).toBe(201);
    const planned = run.json() as { count: number; mailed: number; batches: { id: string; letters: number }[] };
    expect(planned).toMatchObject({ count: 1, mailed: 2 });
    expect(planned.batches.map((b) => b.letters)).toEqual([1]);

    // Offered by e-mail: counted as sent at once, with the line in its history.
    const mailed = (await api(officer, 'GET', `/signals/cases/${ids.Mailer}`)).json();
    expect(mailed).toMatchObject({ status: 'letter_sent', letterSentOn: '2026-12-02' });
    expect(mailed.history).toEqual([expect.objectContaining({ kind: 'offer_mailed', text: 'Aanbod per e-mail verstuurd, in plaats van een brief.' })]);
    // The case without an address waits for its letter's batch.
    expect((await api(officer, 'GET', `/signals/cases/${ids.Papier}`)).json()).toMatchObject({ status: 'awaiting_letter' });
    const pdf = await api(officer, 'GET', `/signals/letters/batches/${planned.batches[0]!.id}`);
    expect(pdf.statusCode).toBe(200);
    expect((await api(officer, 'GET', `/signals/cases/${ids.Papier}`)).json()).toMatchObject({ status: 'letter_sent' });

    // The run's audit line names the mails and the residents reached.
    const [line] = await t.db.unaudited((q) =>
      q
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.objectId, (run.json() as { runId: string }).runId)),
    );
    expect(line).toBeDefined();
    expect((line!.details as { mails: string[] }).mails).toHaveLength(2);
    expect(line!.subjectIds).toHaveLength(2);

    // The mail job: one arrives, the other is refused for now and arrives on the next try.
    expect(await deliverDueMails(t.db, t.config.mail!)).toEqual({ sent: 1, retrying: 1, failed: 0 });
    clock.advance({ minutes: 5 });
    expect(await deliverDueMails(t.db, t.config.mail!)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.envelopes).toEqual([['tweede.bewoner@example.org'], ['vol@example.org']]);
    expect(smtp.attempts.get('vol@example.org')).toBe(2);

    const creditorName = mailed.signals[0].creditorName as string;
    for (const got of smtp.received) {
      expect(got.from?.value).toEqual([{ name: 'Gemeente Dordrecht', address: 'vangnet@dordrecht.example' }]);
      expect(got.subject).toBe('Wij willen u graag helpen');
      const text = got.text ?? '';
      expect(text).toContain('Een medewerker van de gemeente wil u graag helpen.');
      expect(text).toContain(`Bel ons: ${testSettings.team.phone}`);
      expect(text).toMatch(/http:\/\/\S+\/hulp/);
      // Nothing about the debt: no amount, no creditor, no kind of arrears, no name.
      expect(text).not.toMatch(/€|345|567|euro/i);
      expect(text).not.toContain(creditorName);
      expect(text).not.toMatch(/huur|achterstand/i);
      expect(text).not.toMatch(/Mailer|Druk/);
    }
    const to = smtp.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.value.map((a) => a.address) : []));
    expect(to).toEqual([['tweede.bewoner@example.org'], ['vol@example.org']]);

    // The admin's outbox lists them for the resident, without the address.
    const outbox = (await api(await loginAs(t.app, demoEmails.admin), 'GET', '/admin/mail')).json() as {
      items: { kind: string; recipient: string; address: string | null; status: string; attempts: number }[];
    };
    const offers = outbox.items.filter((m) => m.kind === 'signal_offer');
    expect(offers.map((m) => [m.recipient, m.status]).sort()).toEqual([
      ['inwoner', 'sent'],
      ['inwoner', 'sent'],
    ]);
    expect(offers.map((m) => m.attempts).sort()).toEqual([1, 2]);
    expect(offers.map((m) => m.address).sort()).toEqual(['t•••@example.org', 'v•••@example.org']);
    expect(JSON.stringify(outbox)).not.toMatch(/tweede\.bewoner|vol@/);
  });

  it('sends no second mail for a case already offered, and a reprint of it is a letter', async () => {
    const before = (await signalMails()).length;
    const preview = await api(officer, 'POST', '/signals/letters/preview', { selection: { kind: 'cases', caseIds: [ids.Mailer] }, reprint: true });
    expect(preview.json()).toMatchObject({ count: 1, byMail: 0, reprints: 1 });
    const made = await makeLettersThroughApi(t.app, officer.headers, { kind: 'cases', caseIds: [ids.Mailer!] });
    expect(made.count).toBe(0);
    expect((await signalMails()).length).toBe(before);
  });
});
