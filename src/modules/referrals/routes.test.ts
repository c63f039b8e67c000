import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { FakeClock } from '../../platform/clock.ts';
import { auditEvents } from '../../platform/schema.ts';
import { createTestApp, demoEmails, loginAs, type TestApp } from '../../../test/support/app.ts';
import { ensureReferralDemoUsers } from './demo.ts';
import { collectReferralMetrics } from './metrics.ts';

const emails = {
  swt: demoEmails.case_worker,
  sdd: 'consulent@sdd.example',
  humanitas: 'vrijwilliger@humanitas.example',
  gp: 'huisarts@drechtdokters.example',
  creditor: demoEmails.creditor,
  manager: demoEmails.programme_manager,
  analyst: demoEmails.analyst,
};
type Who = keyof typeof emails;

// Friday 27 November 2026, 10:00 in Dordrecht.
const clock = new FakeClock('2026-11-27T09:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await ensureReferralDemoUsers(t.db, t.config.demoPassword);
});
afterAll(() => t.close());

/** Logs in afresh each time: the fake clock jumps days, so sessions expire in between. */
async function as(who: Who) {
  return (await loginAs(t.app, emails[who])).headers;
}
async function call(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: await as(who), payload: payload as never });
}

const consent = { given: true, text: 'De inwoner geeft toestemming om naam, telefoon en hulpvraag te delen met de SDD.' };
const newResident = {
  municipalityCode: 'GM0505',
  person: { initials: 'R.', surname: 'de Ruiter', postcode: '3315AB', houseNumber: '7', phone: '0612345678' },
  toOrganisationCode: 'SDD',
  theme: 'money_debts',
  question: 'Achterstand in huur en zorgverzekering; wil hulp bij een betalingsregeling.',
  consent,
};

type WorkList = {
  incoming: { id: string; flags: string[]; weAreResponsible: boolean; state: string }[];
  outgoing: { id: string; flags: string[]; weAreResponsible: boolean; state: string }[];
};
async function worklist(who: Who): Promise<WorkList> {
  const res = await call(who, 'GET', '/referrals/worklist');
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('a referral from the neighbourhood team to the social service', () => {
  let referralId: string;
  let personId: string;
  let onward: string;

  it("is refused without the resident's consent, with a Dutch reason", async () => {
    const res = await call('swt', 'POST', '/referrals', { ...newResident, consent: { ...consent, given: false } });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('Zonder toestemming van de inwoner sturen wij geen gegevens door.');
  });

  it('is refused to a creditor', async () => {
    const res = await call('swt', 'POST', '/referrals', { ...newResident, toOrganisationCode: 'TRIVIRE' });
    expect(res.statusCode).toBe(400);
  });

  it('appears on both work lists; the sender stays responsible', async () => {
    const res = await call('swt', 'POST', '/referrals', newResident);
    expect(res.statusCode).toBe(201);
    ({ referralId, personId } = res.json());
    const sender = await worklist('swt');
    expect(sender.outgoing.map((i) => i.id)).toContain(referralId);
    expect(sender.outgoing.find((i) => i.id === referralId)).toMatchObject({ state: 'sent', weAreResponsible: true, flags: [] });
    const receiver = await worklist('sdd');
    expect(receiver.incoming.find((i) => i.id === referralId)).toMatchObject({ state: 'sent', weAreResponsible: false });
    const detail = (await call('sdd', 'GET', `/referrals/${referralId}`)).json();
    expect(detail).toMatchObject({ answerDueDate: '2026-12-02', firstContactDueDate: '2026-12-04', responsible: 'sender' });
    expect(detail.resident).toMatchObject({ name: 'R. de Ruiter', phone: '0612345678' });
    expect(detail.actions.map((a: { action: string }) => a.action)).toEqual(['accept', 'decline', 'close']);
  });

  it('is invisible to another organisation and refused to a creditor', async () => {
    expect((await call('humanitas', 'GET', `/referrals/${referralId}`)).statusCode).toBe(404);
    expect((await call('humanitas', 'GET', `/referrals/residents/${personId}/timeline`)).statusCode).toBe(404);
    expect((await call('humanitas', 'POST', `/referrals/${referralId}/accept`, {})).statusCode).toBe(404);
    const other = await worklist('humanitas');
    expect([...other.incoming, ...other.outgoing].map((i) => i.id)).not.toContain(referralId);
    for (const url of ['/referrals/worklist', `/referrals/${referralId}`, `/referrals/residents/${personId}/timeline`]) {
      const res = await call('creditor', 'GET', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain('de Ruiter');
    }
  });

  it('is flagged overdue on both sides when not answered within 3 working days', async () => {
    clock.set('2026-12-02T20:00:00Z'); // Wednesday: still in time.
    expect((await worklist('swt')).outgoing.find((i) => i.id === referralId)!.flags).toEqual([]);
    clock.set('2026-12-03T08:00:00Z'); // Thursday.
    expect((await worklist('swt')).outgoing.find((i) => i.id === referralId)!.flags).toEqual(['answer_overdue']);
    expect((await worklist('sdd')).incoming.find((i) => i.id === referralId)!.flags).toEqual(['answer_overdue']);
  });

  it('only the receiver accepts; declining needs a reason', async () => {
    expect((await call('swt', 'POST', `/referrals/${referralId}/accept`, {})).statusCode).toBe(409);
    expect((await call('sdd', 'POST', `/referrals/${referralId}/decline`, {})).statusCode).toBe(400);
    const res = await call('sdd', 'POST', `/referrals/${referralId}/accept`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ state: 'accepted' });
    expect((await worklist('sdd')).incoming.find((i) => i.id === referralId)!.flags).toEqual([]);
    // Accepted, but no contact by Monday 7 December: both sides see it.
    clock.set('2026-12-07T09:00:00Z');
    expect((await worklist('sdd')).incoming.find((i) => i.id === referralId)!.flags).toEqual(['first_contact_overdue']);
    expect((await worklist('swt')).outgoing.find((i) => i.id === referralId)).toMatchObject({ flags: ['first_contact_overdue'], weAreResponsible: true });
  });

  it('hands over responsibility at first contact, then help in place and close', async () => {
    expect((await call('sdd', 'POST', `/referrals/${referralId}/first-contact`, { note: 'Gebeld, afspraak gemaakt.' })).statusCode).toBe(200);
    const sender = (await worklist('swt')).outgoing.find((i) => i.id === referralId)!;
    expect(sender).toMatchObject({ state: 'first_contact', weAreResponsible: false, flags: [] });
    expect((await worklist('sdd')).incoming.find((i) => i.id === referralId)!.weAreResponsible).toBe(true);
    expect((await call('sdd', 'POST', `/referrals/${referralId}/help-in-place`, {})).statusCode).toBe(200);
    const detail = (await call('swt', 'GET', `/referrals/${referralId}`)).json();
    expect(detail.state).toBe('help_in_place');
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual([
      'consent_given',
      'consent_given',
      'sent',
      'accepted',
      'first_contact',
      'help_in_place',
    ]);
    expect(detail.shared.sort()).toEqual(['contact', 'progress', 'question']);
  });

  it('shows the timeline to both sides and audits every view with the resident', async () => {
    const res = await call('swt', 'GET', `/referrals/residents/${personId}/timeline`);
    expect(res.statusCode).toBe(200);
    const timeline = res.json();
    expect(timeline.person.name).toBe('R. de Ruiter');
    expect(timeline.referrals).toHaveLength(1);
    expect(timeline.consents.map((c: { organisation: { code: string } }) => c.organisation.code).sort()).toEqual(['SDD', 'SWT']);
    const lines = await t.db.unaudited((q) =>
      q
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectType, 'referral_timeline'), eq(auditEvents.objectId, personId)))
        .orderBy(auditEvents.id),
    );
    // Humanitas's attempt (not involved) is recorded too; the creditor was stopped at the route, before any data.
    expect(lines.map((l) => [l.result, l.subjectIds, l.details?.error ?? null])).toEqual([
      ['error', [personId], 'not_found'],
      ['success', [personId], null],
    ]);
  });

  it('stops showing the resident to an organisation whose consent is withdrawn, until given again', async () => {
    const timeline = (await call('swt', 'GET', `/referrals/residents/${personId}/timeline`)).json();
    const sddConsent = timeline.consents.find((c: { organisation: { code: string } }) => c.organisation.code === 'SDD');
    const withdrawn = await call('swt', 'POST', `/referrals/consents/${sddConsent.id}/withdraw`, { note: 'Inwoner belde: wil niet dat de SDD meekijkt.' });
    expect(withdrawn.statusCode).toBe(200);
    expect((await worklist('sdd')).incoming.map((i) => i.id)).not.toContain(referralId);
    expect((await call('sdd', 'GET', `/referrals/${referralId}`)).statusCode).toBe(403);
    expect((await call('sdd', 'GET', `/referrals/residents/${personId}/timeline`)).statusCode).toBe(403);
    expect((await call('sdd', 'POST', `/referrals/${referralId}/close`, {})).statusCode).toBe(403);
    // The sender still sees it, with who withdrew and when.
    const after = (await call('swt', 'GET', `/referrals/residents/${personId}/timeline`)).json();
    expect(after.consents.find((c: { id: string }) => c.id === sddConsent.id)).toMatchObject({
      withdrawnBy: 'Sociaal Wijkteam Dordrecht',
      withdrawalNote: 'Inwoner belde: wil niet dat de SDD meekijkt.',
    });
    // The receiver can no longer act on it, so the withdrawal closed the referral with the reason: nothing stays open.
    expect(after.events.slice(-2).map((e: { kind: string }) => e.kind)).toEqual(['consent_withdrawn', 'closed']);
    expect(after.referrals.find((r: { id: string }) => r.id === referralId).state).toBe('closed');
    expect((await worklist('swt')).outgoing.map((i) => i.id)).not.toContain(referralId);
    expect((await call('swt', 'GET', `/referrals/${referralId}`)).json()).toMatchObject({
      state: 'closed',
      closeReason: 'Toestemming ingetrokken: Inwoner belde: wil niet dat de SDD meekijkt.',
    });
    const again = await call('sdd', 'POST', `/referrals/residents/${personId}/consents`, {
      organisationCode: 'SDD',
      text: 'Inwoner geeft opnieuw toestemming aan de SDD.',
    });
    expect(again.statusCode).toBe(201);
    expect((await call('sdd', 'GET', `/referrals/${referralId}`)).statusCode).toBe(200);
  });

  it("refers the same resident on to a third partner, who then sees the chain but not the others' notes", async () => {
    const res = await call('sdd', 'POST', '/referrals', {
      municipalityCode: 'GM0505',
      personId,
      toOrganisationCode: 'HUMANITAS',
      theme: 'administration',
      question: 'Hulp bij het ordenen van de post.',
      consent: { given: true, text: 'Inwoner geeft toestemming om te delen met Humanitas.' },
    });
    expect(res.statusCode).toBe(201);
    onward = res.json().referralId;
    const timeline = (await call('humanitas', 'GET', `/referrals/residents/${personId}/timeline`)).json();
    expect(timeline.referrals).toHaveLength(2);
    const firstReferral = timeline.referrals.find((r: { id: string }) => r.id === referralId);
    expect(firstReferral.question).toBeNull();
    expect(JSON.stringify(timeline)).not.toContain('Achterstand in huur');
    // A partner without this resident cannot refer them on by id.
    const stranger = await call('gp', 'POST', '/referrals', { ...newResident, person: undefined, personId });
    expect(stranger.statusCode).toBe(404);
  });

  it('shares only what the consent covers: contact details without the question or the timeline', async () => {
    const timeline = (await call('sdd', 'GET', `/referrals/residents/${personId}/timeline`)).json();
    const humanitas = timeline.consents.find(
      (c: { organisation: { code: string }; withdrawnAt: string | null }) => c.organisation.code === 'HUMANITAS' && !c.withdrawnAt,
    );
    expect((await call('sdd', 'POST', `/referrals/consents/${humanitas.id}/withdraw`, { note: 'Inwoner wil alleen gebeld worden.' })).statusCode).toBe(200);
    const partial = await call('humanitas', 'POST', `/referrals/residents/${personId}/consents`, {
      organisationCode: 'HUMANITAS',
      scopes: ['contact'],
      text: 'Alleen naam en telefoonnummer, zodat Humanitas kan bellen.',
    });
    expect(partial.statusCode).toBe(201);
    const detail = (await call('humanitas', 'GET', `/referrals/${onward}`)).json();
    expect(detail).toMatchObject({ question: null, shared: ['contact'], events: [], resident: { name: 'R. de Ruiter', phone: '0612345678' } });
    expect(JSON.stringify(detail)).not.toContain('ordenen van de post');
    expect((await call('humanitas', 'GET', `/referrals/residents/${personId}/timeline`)).statusCode).toBe(403);
    // The sender still has the whole referral.
    expect((await call('sdd', 'GET', `/referrals/${onward}`)).json().question).toBe('Hulp bij het ordenen van de post.');
  });

  it('records full consent again with a new referral when the existing one is narrower', async () => {
    const res = await call('sdd', 'POST', '/referrals', {
      municipalityCode: 'GM0505',
      personId,
      toOrganisationCode: 'HUMANITAS',
      theme: 'money_debts',
      question: 'Nu ook hulp bij een budgetplan.',
      consent: { given: true, text: 'Inwoner geeft Humanitas nu toestemming voor alles.' },
    });
    expect(res.statusCode).toBe(201);
    const detail = (await call('humanitas', 'GET', `/referrals/${res.json().referralId}`)).json();
    expect(detail.question).toBe('Nu ook hulp bij een budgetplan.');
    expect(detail.shared.sort()).toEqual(['contact', 'progress', 'question']);
    expect((await call('humanitas', 'GET', `/referrals/residents/${personId}/timeline`)).statusCode).toBe(200);
  });
});

describe('intakes by professionals', () => {
  it('lets a GP write a sociaal recept that arrives at the Sociaal Wijkteam', async () => {
    const res = await call('gp', 'POST', '/referrals/intakes', {
      municipalityCode: 'GM0505',
      route: 'gp',
      theme: 'health',
      question: 'Eenzaam en geldzorgen; graag contact over beweegaanbod en hulp bij geld.',
      contact: { name: 'Bakker', phone: '0687654321' },
      consent: { given: true, text: 'Patiënt geeft toestemming om te delen met het Sociaal Wijkteam.' },
      person: { initials: 'J.', birthDate: '1958-03-14', postcode: '3316 XY', houseNumber: '3' },
    });
    expect(res.statusCode).toBe(201);
    const { referralId } = res.json();
    const detail = (await call('swt', 'GET', `/referrals/${referralId}`)).json();
    expect(detail).toMatchObject({ route: 'gp', from: { code: 'DRECHTDOKTERS' }, to: { code: 'SWT' }, area: 'Crabbehof', resident: { name: 'J. Bakker' } });
    expect((await worklist('gp')).outgoing.map((i) => i.id)).toContain(referralId);
  });

  it('refuses the GP route to a case worker outside health care', async () => {
    const res = await call('swt', 'POST', '/referrals/intakes', {
      municipalityCode: 'GM0505',
      route: 'gp',
      theme: 'health',
      question: 'Test',
      contact: { name: 'X' },
      consent,
    });
    expect(res.statusCode).toBe(403);
  });

  it('records the household a walk-in question is also about, and audits each member as a subject', async () => {
    const res = await call('swt', 'POST', '/referrals/intakes', {
      municipalityCode: 'GM0505',
      route: 'walk_in',
      targetOrganisationCode: 'SHM',
      theme: 'money_debts',
      question: 'Gezin met schulden; wil een maatje.',
      contact: { name: 'Bos', phone: '0622222222' },
      consent,
      household: [
        { relation: 'partner', initials: 'P.', surname: 'Bos' },
        { relation: 'child', surname: 'Bos', birthDate: '2015-06-01' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const { referralId } = res.json();
    const detail = (await call('swt', 'GET', `/referrals/${referralId}`)).json();
    expect(detail.household).toEqual([
      { relation: 'partner', name: 'P. Bos', birthDate: null },
      { relation: 'child', name: 'Bos', birthDate: '2015-06-01' },
    ]);
    const [line] = await t.db.unaudited((q) =>
      q
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectType, 'referral'), eq(auditEvents.objectId, referralId), eq(auditEvents.action, 'read'))),
    );
    expect(line!.subjectIds).toHaveLength(3);
    expect(line!.subjectIds).toContain(detail.personId);
    const bad = await call('swt', 'POST', '/referrals/intakes', {
      municipalityCode: 'GM0505',
      route: 'walk_in',
      theme: 'money_debts',
      question: 'Test',
      contact: { name: 'X' },
      consent,
      household: [{ relation: 'cousin', surname: 'Y' }],
    });
    expect(bad.statusCode).toBe(400);
  });

  it("keeps a walk-in intake at the desk's own organisation unless another is named", async () => {
    const res = await call('sdd', 'POST', '/referrals/intakes', {
      municipalityCode: 'GM0505',
      route: 'walk_in',
      theme: 'work_income',
      question: 'Komt langs aan de balie: vraag over bijzondere bijstand.',
      contact: { name: 'Yilmaz' },
      consent,
    });
    expect(res.statusCode).toBe(201);
    const item = (await worklist('sdd')).incoming.find((i) => i.id === res.json().referralId);
    expect(item).toMatchObject({ state: 'sent', weAreResponsible: true });
  });
});

describe('early signals', () => {
  it("sends a signal officer's household with help accepted to the SDD, the team staying responsible", async () => {
    const { createIntake } = await import('./index.ts');
    const { resolveSession } = await import('../../platform/auth.ts');
    const session = await loginAs(t.app, demoEmails.signal_officer);
    const resolved = await resolveSession(t.db, t.config, session.cookie, null);
    const { referralId } = await createIntake(t.db, resolved!.actor, {
      municipalityCode: 'GM0505',
      route: 'early_signal',
      theme: 'money_debts',
      question: 'Huurachterstand van twee maanden; inwoner accepteert hulp na huisbezoek.',
      contact: { name: 'Vermeulen', phone: '0611111111' },
      consent: { given: true, text: 'Inwoner geeft toestemming om te delen met de SDD.' },
    });
    const item = (await worklist('sdd')).incoming.find((i) => i.id === referralId);
    expect(item).toMatchObject({ route: 'early_signal', from: { code: 'GEM-DORDRECHT' }, weAreResponsible: false });
    const team = await t.app.inject({ method: 'GET', url: '/api/v1/referrals/worklist', headers: session.headers });
    expect(team.json().outgoing.find((i: { id: string }) => i.id === referralId)).toMatchObject({ weAreResponsible: true });
  });
});

describe('service levels and figures', () => {
  it('lets the programme manager set a service level, not a case worker', async () => {
    const body = { municipalityCode: 'GM0505', theme: 'housing', answerWorkingDays: 1, firstContactWorkingDays: 2 };
    expect((await call('swt', 'PUT', '/referrals/service-levels', body)).statusCode).toBe(403);
    expect((await call('manager', 'PUT', '/referrals/service-levels', body)).statusCode).toBe(200);
    const levels = (await call('swt', 'GET', '/referrals/service-levels?municipalityCode=GM0505')).json();
    expect(levels.find((l: { theme: string }) => l.theme === 'housing')).toMatchObject({ answerWorkingDays: 1, configured: true });
    const created = await call('swt', 'POST', '/referrals', { ...newResident, theme: 'housing' });
    const detail = (await call('swt', 'GET', `/referrals/${created.json().referralId}`)).json();
    // Sent on Monday 7 December: one working day to answer.
    expect(detail.answerDueDate).toBe('2026-12-08');
  });

  it('counts referrals by theme and route, days to first contact and help in place, without ids', async () => {
    const values = await collectReferralMetrics(t.db, { fromMonth: '2026-11', toMonth: '2026-12' });
    const get = (measure: string, month: string) =>
      values.filter((v) => v.measure === measure && v.month === month && v.municipalityCode === 'GM0505').reduce((s, v) => s + v.value, 0);
    expect(get('referrals.sent', '2026-11')).toBe(1);
    expect(get('referrals.sent.theme.money_debts', '2026-11')).toBe(1);
    expect(get('referrals.sent.route.referral', '2026-12')).toBe(3);
    expect(get('referrals.sent.route.early_signal', '2026-12')).toBe(1);
    expect(get('referrals.sent.route.gp', '2026-12')).toBe(1);
    expect(get('referrals.help_in_place', '2026-11')).toBe(1);
    const share = values.find((v) => v.measure === 'referrals.help_in_place_share' && v.month === '2026-11' && v.areaCode === 'WK050504');
    expect(share?.value).toBe(100);
    // Sent Friday 27 November, first contact Monday 7 December: 6 working days.
    expect(values.find((v) => v.measure === 'referrals.first_contact_days' && v.month === '2026-12')?.value).toBe(6);
    expect(JSON.stringify(values)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    // The values feed the insights refresh only; no role reads them raw (insights protects what people see).
    // (The address now falls to GET /referrals/:id, which refuses it: 403 without referrals:work, 400 as no id.)
    for (const who of ['analyst', 'manager', 'swt'] as const) {
      const raw = await call(who, 'GET', '/referrals/figures?fromMonth=2026-11&toMonth=2026-12');
      expect([raw.statusCode, raw.body.includes('referrals.sent')]).toEqual([who === 'swt' ? 400 : 403, false]);
    }
  });
});
