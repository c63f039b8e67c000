import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { smtpEnv, startTestSmtp, type TestSmtp } from '../../../test/support/smtp.ts';
import { systemActor } from '../actor.ts';
import { FakeClock } from '../clock.ts';
import { auditEvents } from '../schema.ts';
import { deliverDueMails } from './delivery.ts';
import { enqueueMail, type NewMail } from './outbox.ts';
import { mailContents, mailOutbox } from './schema.ts';

/**
 * The outbox against a real SMTP server: a mail written with an act arrives with the right headers and text; a
 * delivery the server refuses for now is tried again later and then arrives; a permanent refusal ends as failed,
 * shows on the admin page in Dutch and can be sent again; a rolled-back act leaves no mail.
 */
let smtp: TestSmtp;
let t: TestApp;
let admin: Session;
const clock = new FakeClock('2026-12-02T09:00:00Z');

const mail = (to: string, over: Partial<NewMail> = {}): NewMail => ({
  kind: 'referral_new',
  to,
  recipientLabel: 'Sociaal Wijkteam Dordrecht',
  subject: 'Nieuwe verwijzing in Vangnet',
  text: 'Er staat een nieuwe verwijzing voor uw organisatie klaar.\n',
  municipalityCodes: ['GM0505'],
  objectType: 'referral',
  objectId: '00000000-0000-4000-8000-000000000001',
  ...over,
});

async function write(m: NewMail): Promise<string> {
  const [ref] = await t.db.audited(systemActor('test'), { action: 'create', objectType: 'test' }, (tx) => enqueueMail(t.db, tx, m));
  return ref!.replace('mail:', '');
}

async function outboxPage() {
  // The fake clock moves on by days: a fresh session each time.
  admin = await loginAs(t.app, demoEmails.admin);
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/admin/mail', headers: admin.headers });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    enabled: boolean;
    counts: Record<string, number>;
    items: { id: string; status: string; attempts: number; reason: string | null; recipient: string }[];
  };
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ clock, env: smtpEnv(smtp) });
  admin = await loginAs(t.app, demoEmails.admin);
});

afterAll(async () => {
  await t.close();
  await smtp.close();
});

afterEach(() => {
  smtp.refuse = () => undefined;
});

describe('the outbox over SMTP', () => {
  it('delivers a mail with the sender, receiver, subject, Message-ID and text, and erases the text once sent', async () => {
    const id = await write(mail('verwijzingen@wijkteam.example'));
    const report = await deliverDueMails(t.db, t.config.mail!);
    expect(report).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const got = smtp.received.at(-1)!;
    expect(got.from?.value).toEqual([{ name: 'Gemeente Dordrecht', address: 'vangnet@dordrecht.example' }]);
    expect(got.to && !Array.isArray(got.to) ? got.to.value.map((a) => a.address) : []).toEqual(['verwijzingen@wijkteam.example']);
    expect(got.subject).toBe('Nieuwe verwijzing in Vangnet');
    expect(got.messageId).toBe(`<${id}@dordrecht.example>`);
    expect(got.text).toBe('Er staat een nieuwe verwijzing voor uw organisatie klaar.\n');
    const [stored] = await t.db.audited(systemActor('test'), { action: 'read', objectType: 'test' }, (tx) =>
      tx.select().from(mailContents).where(eq(mailContents.mailId, id)),
    );
    expect(stored?.text).toBeNull();
    const page = await outboxPage();
    expect(page.enabled).toBe(true);
    expect(page.items.find((m) => m.id === id)).toMatchObject({ status: 'sent', attempts: 1, reason: null, recipient: 'Sociaal Wijkteam Dordrecht' });
    // Nothing is sent twice.
    expect(await deliverDueMails(t.db, t.config.mail!)).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('tries a temporarily refused delivery (451) again after the backoff, and then it arrives; each attempt is audited', async () => {
    smtp.refuse = (address, attempt) => (address === 'druk@wijkteam.example' && attempt === 1 ? 451 : undefined);
    const id = await write(mail('druk@wijkteam.example'));
    expect(await deliverDueMails(t.db, t.config.mail!)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const waiting = (await outboxPage()).items.find((m) => m.id === id)!;
    expect(waiting).toMatchObject({ status: 'waiting', attempts: 1 });
    expect(waiting.reason).toBe('De mailserver nam het bericht (nog) niet aan. Vangnet probeert het later opnieuw.');
    // Not before the wait is over.
    expect(await deliverDueMails(t.db, t.config.mail!)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock.advance({ minutes: 5 });
    expect(await deliverDueMails(t.db, t.config.mail!)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.envelopes.at(-1)).toEqual(['druk@wijkteam.example']);
    expect(smtp.received.at(-1)!.messageId).toBe(`<${id}@dordrecht.example>`);
    const lines = await t.db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.objectId, id)));
    const sends = lines.filter((l) => l.action === 'send').map((l) => ({ result: l.result, attempt: l.details?.attempt, actor: l.actorKind }));
    expect(sends).toEqual([
      { result: 'error', attempt: 1, actor: 'system:mail' },
      { result: 'success', attempt: 2, actor: 'system:mail' },
    ]);
  });

  it('gives up after the last allowed attempt', async () => {
    smtp.refuse = (address) => (address === 'altijd-druk@wijkteam.example' ? 421 : undefined);
    const id = await write(mail('altijd-druk@wijkteam.example'));
    for (let i = 1; i < t.config.mail!.maxAttempts; i++) {
      expect((await deliverDueMails(t.db, t.config.mail!)).retrying).toBe(1);
      clock.advance({ days: 1 });
    }
    expect(await deliverDueMails(t.db, t.config.mail!)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const failed = (await outboxPage()).items.find((m) => m.id === id)!;
    expect(failed).toMatchObject({ status: 'failed', attempts: t.config.mail!.maxAttempts });
    expect(failed.reason).toContain('probeert het niet meer vanzelf');
  });

  it('marks a permanent refusal (550) failed at once, shows why on the admin page, and sends it again on request', async () => {
    smtp.refuse = (address) => (address === 'bestaat-niet@wijkteam.example' ? 550 : undefined);
    const id = await write(mail('bestaat-niet@wijkteam.example'));
    expect(await deliverDueMails(t.db, t.config.mail!)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const page = await outboxPage();
    expect(page.counts.failed).toBeGreaterThanOrEqual(1);
    expect(page.items.find((m) => m.id === id)).toMatchObject({
      status: 'failed',
      reason:
        'De mailserver van de ontvanger weigert dit bericht. Controleer het e-mailadres. Vangnet probeert het niet meer vanzelf; u kunt het opnieuw laten versturen.',
    });
    const failedPage = await t.app.inject({ method: 'GET', url: '/api/v1/admin/mail?status=failed', headers: admin.headers });
    expect(failedPage.json().items.every((m: { status: string }) => m.status === 'failed')).toBe(true);

    // The address was fixed at the receiver's side: the admin sends it again.
    smtp.refuse = () => undefined;
    const retry = await t.app.inject({ method: 'POST', url: `/api/v1/admin/mail/${id}/retry`, headers: admin.headers });
    expect(retry.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/admin/mail/${id}/retry`, headers: admin.headers });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('Alleen een mislukt bericht kan opnieuw worden verstuurd.');
    expect(await deliverDueMails(t.db, t.config.mail!)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.envelopes.at(-1)).toEqual(['bestaat-niet@wijkteam.example']);
  });

  it('keeps no mail of an act that was rolled back', async () => {
    const before = await t.db.unaudited((q) => q.select().from(mailOutbox));
    await expect(
      t.db.audited(systemActor('test'), { action: 'create', objectType: 'test' }, async (tx) => {
        await enqueueMail(t.db, tx, mail('teruggedraaid@wijkteam.example'));
        throw new Error('the act failed');
      }),
    ).rejects.toThrow('the act failed');
    expect(await t.db.unaudited((q) => q.select().from(mailOutbox))).toHaveLength(before.length);
  });

  it('lets only the admin see the outbox', async () => {
    const officer = await loginAs(t.app, demoEmails.signal_officer);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/admin/mail', headers: officer.headers });
    expect(response.statusCode).toBe(403);
  });
});

describe('without a mail server configured', () => {
  it('writes no mail and the admin page says mail is off', async () => {
    const off = await createTestApp();
    try {
      const written = await off.db.audited(systemActor('test'), { action: 'create', objectType: 'test' }, (tx) =>
        enqueueMail(off.db, tx, mail('x@wijkteam.example')),
      );
      expect(written).toEqual([]);
      const session = await loginAs(off.app, demoEmails.admin);
      const page = await off.app.inject({ method: 'GET', url: '/api/v1/admin/mail', headers: session.headers });
      expect(page.json()).toMatchObject({ enabled: false, items: [] });
    } finally {
      await off.close();
    }
  });
});
