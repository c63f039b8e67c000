import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { FakeClock } from '../../platform/clock.ts';
import { auditEvents } from '../../platform/schema.ts';
import { createTestApp, demoEmails, loginAs, type TestApp } from '../../../test/support/app.ts';
import { onReferralEnded } from '../referrals/index.ts';
import { ensureReferralDemoUsers } from '../referrals/demo.ts';
import { referralConsents, referralEvents, referralHouseholdMembers, referralIntakes, referrals } from '../referrals/schema.ts';
import { importCsv, inspect } from './test-helpers.ts';
import { signalCases } from './schema.ts';

/**
 * Issue 12: the handover from an early-signal case into the chain. It carries the signals and the theme the officer
 * chose; the receiver sees the signal facts but no BSN or creditor reference; a refusal or a withdrawn consent sends
 * the case back to the team's queue with the reason, and then neither the monitor nor the DDAS document counts help.
 */
const emails = {
  officer: demoEmails.signal_officer,
  sdd: 'consulent@sdd.example',
  swt: demoEmails.case_worker,
  humanitas: 'vrijwilliger@humanitas.example',
  creditor: demoEmails.creditor,
  analyst: demoEmails.analyst,
  admin: demoEmails.admin,
};
type Who = keyof typeof emails;

const clock = new FakeClock('2025-04-15T09:00:00+02:00');
let t: TestApp;
let orgs: Record<string, string>;

async function call(who: Who, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const { headers } = await loginAs(t.app, emails[who]);
  return t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as never });
}

const header = 'referentie;datum;soort;bedrag;maanden;ontstaansdatum;bsn;achternaam;straat;postcode;huisnummer;woonplaats';
const line = (
  ref: string,
  date: string,
  soort: string,
  bedrag: string,
  months: string,
  arisen: string,
  bsn: string,
  surname: string,
  postcode: string,
  nr: string,
) => [ref, date, soort, bedrag, months, arisen, bsn, surname, 'Brouwersdijk', postcode, nr, 'Dordrecht'].join(';');

type CaseDetail = {
  id: string;
  personId: string;
  status: string;
  result: string | null;
  helpResponse: string | null;
  chainReferralId: string | null;
  dueDate: string | null;
  closedOn: string | null;
  history: { kind: string; text: string; referralId: string | null; previousResult?: string | null }[];
  signals: { id: string }[];
};

async function caseOf(surname: string): Promise<CaseDetail> {
  const queue = (await call('officer', 'GET', '/signals/cases?limit=500')).json() as { items: { id: string; surname: string }[] };
  const found = queue.items.find((c) => c.surname === surname);
  expect(found, surname).toBeDefined();
  return (await call('officer', 'GET', `/signals/cases/${found!.id}`)).json();
}

/** Reached at home, then help accepted and handed over with the resident's consent. */
async function handOver(surname: string, body: Record<string, unknown>) {
  const c = await caseOf(surname);
  const attempt = await call('officer', 'POST', `/signals/cases/${c.id}/contact-attempts`, {
    kind: 'home_visit',
    reached: true,
    date: '2025-04-14',
    partOfDay: 'afternoon',
  });
  expect(attempt.statusCode).toBe(201);
  return {
    caseId: c.id,
    response: await call('officer', 'POST', `/signals/cases/${c.id}/outcome`, { referralOrganisationId: orgs.SDD, chainConsent: true, ...body }),
  };
}

async function monitorRow(creditorType: string) {
  const rows = (await call('analyst', 'GET', '/signals/monitor?period=2025-Q1&municipalityCode=GM0505')).json() as {
    creditorType: string;
    accepted: number;
    outcomes: Record<string, number>;
  }[];
  return rows.find((r) => r.creditorType === creditorType) ?? { creditorType, accepted: 0, outcomes: {} };
}

/** The case of the DDAS document that lists this signal. */
async function ddasCaseWith(signalId: string): Promise<Record<string, unknown>> {
  const response = await call('officer', 'GET', '/signals/ddas?from=2025-01-01&to=2025-03-31&municipalityCode=GM0505');
  expect(response.statusCode).toBe(200);
  const found: Record<string, unknown>[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('matchingsdatum' in o && Array.isArray(o.vroegsignalen) && (o.vroegsignalen as { ID: string }[]).some((s) => s.ID === signalId)) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(response.json());
  expect(found).toHaveLength(1);
  return found[0]!;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  await ensureReferralDemoUsers(t.db, t.config.demoPassword);
  const list = (await call('admin', 'GET', '/organisations')).json() as { id: string; code: string }[];
  orgs = Object.fromEntries(list.map((o) => [o.code, o.id]));
  await importCsv(
    t.db,
    'TRIVIRE',
    [
      header,
      line('HO-REF-1', '2025-03-01', 'huur', '450,00', '3', '2025-01-10', '111222333', 'Visser', '3315AB', '12'),
      line('HO-REF-2', '2025-03-02', 'huur', '380,00', '2', '', '', 'Bakker', '3316AB', '4'),
      line('HO-REF-3', '2025-03-03', 'huur', '510,00', '4', '2024-12-01', '', 'Mulder', '3314AA', '9'),
      line('HO-REF-4', '2025-03-04', 'huur', '260,00', '', '', '', 'Jansen-Crash', '3317AA', '21'),
      line('HO-REF-5', '2025-03-04', 'huur', '310,00', '', '', '', 'Race', '3318AA', '5'),
    ].join('\n'),
  );
  await importCsv(t.db, 'VGZ', [header, line('HO-VGZ-1', '2025-03-05', 'zorgverzekering', '75,00', '', '', '111222333', 'Visser', '3315AB', '12')].join('\n'));
});
afterAll(() => t?.close());

describe('the handover carries the signals and the chosen theme', () => {
  let referralId: string;

  it('needs a theme for a non-financial referral and takes the one the officer chose', async () => {
    const missing = await handOver('Visser', { result: 'referral_non_financial' });
    expect(missing.response.statusCode).toBe(400);
    expect(missing.response.json().errors[0].field).toBe('theme');
    const unknown = await call('officer', 'POST', `/signals/cases/${missing.caseId}/outcome`, {
      result: 'referral_non_financial',
      referralOrganisationId: orgs.SDD,
      chainConsent: true,
      theme: 'gardening',
    });
    expect(unknown.statusCode).toBe(400);
    // A refused outcome made no referral.
    expect((await caseOf('Visser')).status).toBe('in_contact');

    const done = await call('officer', 'POST', `/signals/cases/${missing.caseId}/outcome`, {
      result: 'referral_non_financial',
      referralOrganisationId: orgs.SDD,
      chainConsent: true,
      theme: 'housing',
    });
    expect(done.statusCode).toBe(200);
    const c = await caseOf('Visser');
    expect(c).toMatchObject({ status: 'closed', result: 'referral_non_financial', helpResponse: 'accepted' });
    referralId = c.chainReferralId!;
    expect(c.history).toEqual([
      expect.objectContaining({ kind: 'handed_over', referralId, text: 'Overgedragen aan Sociale Dienst Drechtsteden (Wonen), met 2 signalen.' }),
    ]);
  });

  it('shows the receiver the signal facts, but not the BSN, the creditors or their references', async () => {
    const response = await call('sdd', 'GET', `/referrals/${referralId}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({ route: 'early_signal', theme: 'housing', themeLabel: 'Wonen', state: 'sent', resident: { name: 'Visser' } });
    expect(detail.intake.signals).toEqual([
      { creditorType: 'rent', creditorTypeLabel: 'Huur', amountCents: 45000, months: 3, arisenOn: '2025-01-10', signalDate: '2025-03-01' },
      { creditorType: 'health_insurance', creditorTypeLabel: 'Zorgverzekering', amountCents: 7500, months: null, arisenOn: null, signalDate: '2025-03-05' },
    ]);
    for (const secret of ['111222333', 'HO-REF-1', 'HO-VGZ-1', 'Trivire', 'VGZ']) expect(response.body).not.toContain(secret);
    // The person register shows the receiver the resident of its open referral, but not the BSN the case came with,
    // and a search by that BSN does not find them (it would confirm the number).
    const person = await call('sdd', 'GET', `/persons/${detail.personId}`);
    expect(person.statusCode).toBe(200);
    expect(person.json()).toMatchObject({ surname: 'Visser', bsn: null });
    expect(person.body).not.toContain('111222333');
    expect((await call('sdd', 'GET', '/persons?municipalityCode=GM0505&bsn=111222333')).json()).toEqual([]);
    const bySurname = (await call('sdd', 'GET', '/persons?municipalityCode=GM0505&surname=Visser')).json() as { id: string; bsn: string | null }[];
    expect(bySurname).toEqual([expect.objectContaining({ id: detail.personId, bsn: null })]);
    // The early-signal team's own case still shows it.
    expect((await call('officer', 'GET', `/persons/${detail.personId}`)).json()).toMatchObject({ bsn: '111222333' });
    // Not involved, not a partner: nothing.
    expect((await call('humanitas', 'GET', `/referrals/${referralId}`)).statusCode).toBe(404);
    expect((await call('creditor', 'GET', `/referrals/${referralId}`)).statusCode).toBe(403);
  });

  it('leaves the signal facts out when the resident shares only the contact details', async () => {
    const stored = await inspect(t.db, (tx) =>
      tx
        .select({ facts: referralIntakes.signalFacts })
        .from(referralIntakes)
        .innerJoin(referrals, eq(referrals.intakeId, referralIntakes.id))
        .where(eq(referrals.id, referralId)),
    );
    expect(stored[0]!.facts).toHaveLength(2);
    const officerView = (await call('officer', 'GET', `/referrals/${referralId}`)).json();
    expect(officerView.intake.signals).toHaveLength(2);
  });
});

describe('a refused handover', () => {
  let caseId: string;
  let referralId: string;

  it('counts as help accepted while the receiver has not answered', async () => {
    const before = await monitorRow('rent');
    const { response, caseId: id } = await handOver('Bakker', { result: 'referral_financial' });
    expect(response.statusCode).toBe(200);
    caseId = id;
    const c = await caseOf('Bakker');
    referralId = c.chainReferralId!;
    expect((await call('sdd', 'GET', `/referrals/${referralId}`)).json()).toMatchObject({ theme: 'money_debts' });
    const after = await monitorRow('rent');
    expect(after.accepted).toBe(before.accepted + 1);
    expect(await ddasCaseWith(c.signals[0]!.id)).toMatchObject({ resultaat: expect.any(String) });
  });

  it('may only be declined by the receiver, with a reason', async () => {
    expect((await call('officer', 'POST', `/referrals/${referralId}/decline`, { reason: 'Zelf geweigerd' })).statusCode).toBe(409);
    expect((await call('humanitas', 'POST', `/referrals/${referralId}/decline`, { reason: 'Niet van ons' })).statusCode).toBe(404);
    expect((await call('creditor', 'POST', `/referrals/${referralId}/decline`, { reason: 'Niet van ons' })).statusCode).toBe(403);
    expect((await call('sdd', 'POST', `/referrals/${referralId}/decline`, {})).statusCode).toBe(400);
    expect((await caseOf('Bakker')).status).toBe('closed');
  });

  it('sends the case back to the team’s queue with the reason; the monitor and DDAS count no help', async () => {
    const before = await monitorRow('rent');
    const declined = await call('sdd', 'POST', `/referrals/${referralId}/decline`, { reason: 'Inwoner heeft al een bewindvoerder.' });
    expect(declined.statusCode).toBe(200);
    const c = await caseOf('Bakker');
    expect(c).toMatchObject({ status: 'in_contact', result: null, helpResponse: null, chainReferralId: null, closedOn: null, dueDate: '2025-04-15' });
    expect(c.history.at(-1)).toEqual({
      at: expect.any(String),
      kind: 'reopened',
      text: 'Doorverwijzing geweigerd door Sociale Dienst Drechtsteden: Inwoner heeft al een bewindvoerder.',
      referralId,
      previousResult: 'referral_financial',
    });
    const queue = (await call('officer', 'GET', '/signals/cases?status=in_contact&limit=500')).json() as { items: { id: string }[] };
    expect(queue.items.map((i) => i.id)).toContain(caseId);

    const after = await monitorRow('rent');
    expect(after.accepted).toBe(before.accepted - 1);
    expect(after.outcomes.referral_financial ?? 0).toBe((before.outcomes.referral_financial ?? 0) - 1);
    expect(await ddasCaseWith(c.signals[0]!.id)).not.toHaveProperty('resultaat');

    // The decline and the reopening are one transaction with one audit line, which names the case it changed.
    const lines = await inspect(t.db, (tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.objectType, 'referral'),
            eq(auditEvents.objectId, referralId),
            eq(auditEvents.action, 'update'),
            eq(auditEvents.result, 'success'),
          ),
        ),
    );
    expect(lines).toHaveLength(1);
    const audit = lines[0];
    expect(audit!.details).toMatchObject({ action: 'decline', linked: [`signal_case:${caseId}`] });
    expect(audit!.subjectIds).toEqual([c.personId]);
  });

  it('is one transaction with the reopening: when the case cannot be reopened, the referral is not declined either', async () => {
    const { response } = await handOver('Jansen-Crash', { result: 'referral_financial' });
    expect(response.statusCode).toBe(200);
    const c = await caseOf('Jansen-Crash');
    // A listener that fails after the signals module reopened the case, as a crash halfway would.
    onReferralEnded('test-crash', async (_tx, event) => {
      if (event.referralId === c.chainReferralId) throw new Error('crash after the case was reopened');
    });
    try {
      const declined = await call('sdd', 'POST', `/referrals/${c.chainReferralId}/decline`, { reason: 'Geen capaciteit.' });
      expect(declined.statusCode).toBe(500);
    } finally {
      onReferralEnded('test-crash', async () => {});
    }
    expect((await call('sdd', 'GET', `/referrals/${c.chainReferralId}`)).json()).toMatchObject({ state: 'sent', declineReason: null });
    expect(await caseOf('Jansen-Crash')).toMatchObject({
      status: 'closed',
      result: 'referral_financial',
      chainReferralId: c.chainReferralId,
      history: [expect.objectContaining({ kind: 'handed_over' })],
    });
    // And once the cause is gone, the same decline goes through and reopens the case.
    expect((await call('sdd', 'POST', `/referrals/${c.chainReferralId}/decline`, { reason: 'Geen capaciteit.' })).statusCode).toBe(200);
    expect(await caseOf('Jansen-Crash')).toMatchObject({ status: 'in_contact', result: null });
  });

  it('catches a decline that comes between the handover and the closing of the case', async () => {
    // The handover and the close are two transactions: let the SDD decline in between, as a fast receiver could.
    const original = t.db.audited.bind(t.db);
    let armed = true;
    t.db.audited = (async (actor, event, work) => {
      if (armed && event.objectType === 'signal_case' && event.action === 'update' && event.details?.result) {
        armed = false;
        const list = (await call('sdd', 'GET', '/referrals/worklist')).json() as { incoming: { id: string; residentName: string }[] };
        const fresh = list.incoming.find((i) => i.residentName === 'Race')!;
        expect((await call('sdd', 'POST', `/referrals/${fresh.id}/decline`, { reason: 'Te snel afgewezen.' })).statusCode).toBe(200);
      }
      return original(actor, event, work);
    }) as typeof t.db.audited;
    try {
      const { response } = await handOver('Race', { result: 'referral_financial' });
      expect(response.statusCode).toBe(200);
      expect(armed).toBe(false);
    } finally {
      t.db.audited = original;
    }
    const c = await caseOf('Race');
    expect(c).toMatchObject({ status: 'in_contact', result: null, helpResponse: null, chainReferralId: null });
    expect(c.history.map((h) => [h.kind, h.text])).toEqual([
      ['handed_over', 'Overgedragen aan Sociale Dienst Drechtsteden (Geld en schulden), met 1 signaal.'],
      ['reopened', 'Doorverwijzing geweigerd door Sociale Dienst Drechtsteden: Te snel afgewezen.'],
    ]);
  });

  it('lets the team record a new outcome and hand over again', async () => {
    const again = await call('officer', 'POST', `/signals/cases/${caseId}/outcome`, {
      result: 'referral_financial',
      referralOrganisationId: orgs.SWT,
      chainConsent: true,
      theme: 'administration',
    });
    expect(again.statusCode).toBe(200);
    const c = await caseOf('Bakker');
    expect(c).toMatchObject({ status: 'closed', result: 'referral_financial' });
    expect(c.chainReferralId).not.toBe(referralId);
    expect(c.history.map((h) => h.kind)).toEqual(['handed_over', 'reopened', 'handed_over']);
    // Closing the refused referral afterwards (the sender's last step) changes nothing on the case.
    expect((await call('officer', 'POST', `/referrals/${referralId}/close`, {})).statusCode).toBe(200);
    expect((await caseOf('Bakker')).status).toBe('closed');
  });
});

describe('a withdrawn consent', () => {
  let caseId: string;
  let referralId: string;
  let personId: string;
  let consentId: string;

  it('may be withdrawn only by an organisation involved with the resident', async () => {
    const { response, caseId: id } = await handOver('Mulder', { result: 'referral_financial', theme: 'money_debts' });
    expect(response.statusCode).toBe(200);
    caseId = id;
    const c = await caseOf('Mulder');
    referralId = c.chainReferralId!;
    personId = c.personId;
    expect((await call('sdd', 'POST', `/referrals/${referralId}/accept`, {})).statusCode).toBe(200);
    const timeline = (await call('officer', 'GET', `/referrals/residents/${personId}/timeline`)).json() as {
      consents: { id: string; organisation: { code: string } }[];
    };
    consentId = timeline.consents.find((x) => x.organisation.code === 'SDD')!.id;
    expect((await call('humanitas', 'POST', `/referrals/consents/${consentId}/withdraw`, { note: 'x' })).statusCode).toBe(404);
    expect((await call('swt', 'POST', `/referrals/consents/${consentId}/withdraw`, { note: 'x' })).statusCode).toBe(404);
    expect((await call('creditor', 'POST', `/referrals/consents/${consentId}/withdraw`, { note: 'x' })).statusCode).toBe(403);
    expect((await call('analyst', 'POST', `/referrals/consents/${consentId}/withdraw`, { note: 'x' })).statusCode).toBe(403);
    expect((await caseOf('Mulder')).status).toBe('closed');
  });

  it('closes the referral with a reason and leaves nothing open, in any table the referral touches', async () => {
    const withdrawn = await call('officer', 'POST', `/referrals/consents/${consentId}/withdraw`, { note: 'Inwoner belde: wil het zelf regelen.' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().closedReferralIds).toEqual([referralId]);

    const state = await inspect(t.db, async (tx) => ({
      referral: (await tx.select().from(referrals).where(eq(referrals.id, referralId)))[0]!,
      open: await tx
        .select({ id: referrals.id })
        .from(referrals)
        .where(and(eq(referrals.personId, personId), ne(referrals.state, 'closed'))),
      activeSdd: await tx
        .select({ id: referralConsents.id })
        .from(referralConsents)
        .where(and(eq(referralConsents.personId, personId), eq(referralConsents.organisationId, orgs.SDD!), isNull(referralConsents.withdrawnAt))),
      events: await tx
        .select({ kind: referralEvents.kind, note: referralEvents.note })
        .from(referralEvents)
        .where(eq(referralEvents.personId, personId))
        .orderBy(referralEvents.seq),
      household: await tx.select().from(referralHouseholdMembers).where(eq(referralHouseholdMembers.referralId, referralId)),
      intakes: await tx.select({ id: referralIntakes.id }).from(referralIntakes).where(eq(referralIntakes.personId, personId)),
      signalCase: (await tx.select().from(signalCases).where(eq(signalCases.id, caseId)))[0]!,
    }));
    expect(state.referral).toMatchObject({ state: 'closed', closeReason: 'Toestemming ingetrokken: Inwoner belde: wil het zelf regelen.' });
    expect(state.referral.closedAt).not.toBeNull();
    expect(state.open).toEqual([]);
    expect(state.activeSdd).toEqual([]);
    expect(state.events.slice(-2)).toEqual([
      { kind: 'consent_withdrawn', note: 'Inwoner belde: wil het zelf regelen.' },
      { kind: 'closed', note: 'Toestemming ingetrokken: Inwoner belde: wil het zelf regelen.' },
    ]);
    expect(state.household).toEqual([]);
    // The intake stays, as the record of what was shared and on which consent (audit), but nobody works on it.
    expect(state.intakes).toHaveLength(1);
    expect(state.signalCase).toMatchObject({ status: 'in_contact', result: null, chainReferralId: null });

    // The receiver no longer sees the resident: not on its work list, not the referral, not in the register.
    const sddList = (await call('sdd', 'GET', '/referrals/worklist?includeClosed=true')).json() as { incoming: { id: string }[] };
    expect(sddList.incoming.map((i) => i.id)).not.toContain(referralId);
    expect((await call('sdd', 'GET', `/referrals/${referralId}`)).statusCode).toBe(403);
    expect((await call('sdd', 'GET', `/persons/${personId}`)).statusCode).toBe(404);
    expect((await call('sdd', 'POST', `/referrals/${referralId}/first-contact`, {})).statusCode).toBe(403);
    // Nor is it left on the sender's open list with overdue flags.
    const officerList = (await call('officer', 'GET', '/referrals/worklist')).json() as { outgoing: { id: string }[] };
    expect(officerList.outgoing.map((i) => i.id)).not.toContain(referralId);
  });

  it('sends the case back to the team’s queue with “Toestemming ingetrokken”', async () => {
    const c = await caseOf('Mulder');
    expect(c).toMatchObject({ status: 'in_contact', result: null, helpResponse: null, dueDate: '2025-04-15' });
    expect(c.history.at(-1)).toMatchObject({
      kind: 'reopened',
      referralId,
      text: 'Toestemming ingetrokken voor Sociale Dienst Drechtsteden: Inwoner belde: wil het zelf regelen.',
    });
    expect(await ddasCaseWith(c.signals[0]!.id)).not.toHaveProperty('resultaat');
    // A second withdrawal of the same consent is refused and changes nothing.
    expect((await call('officer', 'POST', `/referrals/consents/${consentId}/withdraw`, {})).statusCode).toBe(409);
  });
});
