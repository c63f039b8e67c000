import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { systemActor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { auditEvents, persons } from '../../platform/schema.ts';
import { confirmRenewal } from './commands/passYear.ts';
import { demoHouseholds, seedPassDemo } from './demo.ts';
import { childBudgets, passes } from './schema.ts';
import { passYearRenewals } from './yearSchema.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
const cookieOf = (setCookie: string | string[] | undefined) =>
  [setCookie]
    .flat()
    .find((c) => c?.startsWith('vangnet_dordtpas='))!
    .split(';')[0]!;

/** A new pass year over HTTP: rules per year, the benefits file, renewing, inviting, confirming, lapsing. */
const clock = new FakeClock('2026-12-01T10:00:00Z');
let t: TestApp;
let office: Session;
let cashier: Session;
const jansenBsn = '123456782';

const read = <T>(work: Parameters<TestApp['db']['audited']>[2]) =>
  t.db.audited(systemActor('test'), { action: 'read', objectType: 'test' }, work) as Promise<T>;
const passOf = (reference: string) =>
  read<typeof passes.$inferSelect>(async (tx) => {
    const rows = await tx.select().from(passes);
    const { passApplications } = await import('./schema.ts');
    const [app] = await tx.select().from(passApplications).where(eq(passApplications.reference, reference));
    return rows.find((p) => p.applicationId === app!.id)!;
  });

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedPassDemo(t.db);
  [office, cashier] = await Promise.all([loginAs(t.app, demoEmails.case_worker), loginAs(t.app, demoEmails.provider_cashier)]);
  // The social service knows the Jansen household by its BSN (a resident who logged in with DigiD).
  const jansen = await passOf('DP-DEMO0001');
  await t.db.audited(systemActor('test'), { action: 'update', objectType: 'test' }, (tx) =>
    tx.update(persons).set({ bsn: jansenBsn }).where(eq(persons.id, jansen.holderPersonId)),
  );
}, 300_000);
afterAll(() => t?.close());

const rules2027 = {
  municipalityCode: 'GM0505',
  passYear: 2027,
  incomeLimitPercent: 130,
  assetsLimitCents: { single: 800_000, single_parent: 1_600_000, couple: 1_600_000, single_pensioner: 800_000, couple_pensioner: 1_600_000 },
  carerRouteOpen: true,
  volunteerRouteOpen: false,
  countPartner: true,
  childrenUpToAge: 17,
  countAdultCoResidents: true,
  proofs: ['Uw laatste loonstrook of uitkeringsspecificatie'],
  unspentBudgetRule: 'carry_over',
};

describe('eligibility rules per pass year', () => {
  it('names each wrong value with its field, then saves and audits the rules of the year', async () => {
    const wrong = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/pass/eligibility-rules',
      headers: office.headers,
      payload: { ...rules2027, incomeLimitPercent: 40 },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toContainEqual({ field: 'incomeLimitPercent', reason: 'Vul bij inkomensgrens een heel percentage in tussen 100 en 200.' });
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/eligibility-rules?year=2027', headers: office.headers })).json();
    expect(before).toMatchObject({ saved: false, incomeLimitPercent: 140, unspentBudgetRule: 'expire' });
    const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/pass/eligibility-rules', headers: office.headers, payload: rules2027 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ saved: true, incomeLimitPercent: 130, volunteerRouteOpen: false, unspentBudgetRule: 'carry_over' });
    const audit = await t.db.unaudited((q) => q.select().from(auditEvents).where(eq(auditEvents.objectType, 'pass_eligibility_rules')));
    expect(audit.length).toBe(1);
    // A cashier may not change the rules.
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/pass/eligibility-rules', headers: cashier.headers, payload: rules2027 })).statusCode).toBe(403);
  });
});

describe('applications read the rules of their pass year', () => {
  it('refuses a route the office closed, next to the route, and shows the proofs asked for', async () => {
    const rules2026 = {
      ...rules2027,
      passYear: 2026,
      carerRouteOpen: false,
      incomeLimitPercent: 140,
      unspentBudgetRule: 'expire',
      proofs: ['Een bankafschrift van deze maand'],
    };
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/pass/eligibility-rules', headers: office.headers, payload: rules2026 })).statusCode).toBe(200);
    const carer = demoHouseholds.find((h) => h.input.route === 'carer')!.input;
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/pass/applications', payload: { ...carer, municipalityCode: 'GM0505' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'route', reason: 'De regeling voor mantelzorgers is in 2026 niet open. U kunt de Dordtpas aanvragen op inkomen of kopen.' },
    ]);
    const income = demoHouseholds.find((h) => h.reference === 'DP-DEMO0004')!.input;
    const applied = await t.app.inject({ method: 'POST', url: '/api/v1/pass/applications', payload: { ...income, municipalityCode: 'GM0505' } });
    expect(applied.statusCode).toBe(201);
    expect(applied.json().proofs).toEqual(['Een bankafschrift van deze maand']);
  });
});

describe('a new pass year', () => {
  const csv = `bsn;uitkering\n${jansenBsn};Participatiewet\n12345678;Participatiewet\n`;

  it('reports the bad row of the benefits file with its line, renews recipients and invites the others', async () => {
    const preview = (
      await t.app.inject({ method: 'POST', url: '/api/v1/pass/years/benefits-preview', headers: office.headers, payload: { benefitsCsv: csv } })
    ).json();
    expect(preview.recipients).toBe(1);
    expect(preview.problems).toEqual([{ line: 3, field: 'bsn', message: expect.stringContaining('Regel 3: het BSN "12345678" klopt niet') }]);

    const jansen = await passOf('DP-DEMO0001');
    const oldBudgets = await read<(typeof childBudgets.$inferSelect)[]>((tx) => tx.select().from(childBudgets).where(eq(childBudgets.passId, jansen.id)));
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/years/start',
      headers: office.headers,
      payload: { year: 2027, deadline: '2027-01-31', benefitsCsv: csv },
    });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ renewed: 1, invited: 2, lapsed: 0, recipients: 1 });
    expect(started.json().summary).toBe('Pasjaar 2027: 1 pas is verlengd, 2 huishoudens zijn uitgenodigd om te bevestigen vóór 31 januari 2027.');

    const renewed = await passOf('DP-DEMO0001');
    expect(renewed).toMatchObject({ number: jansen.number, year: 2027, validTo: '2027-12-31' });
    const budgets = await read<(typeof childBudgets.$inferSelect)[]>((tx) =>
      tx
        .select()
        .from(childBudgets)
        .where(and(eq(childBudgets.passId, jansen.id), eq(childBudgets.year, 2027))),
    );
    // S. (born 2016) stays in primary school age, T. (born 2012) in secondary; the unspent 2026 budget comes along.
    const old = (member: number) => oldBudgets.find((b) => b.memberNumber === member)!.balanceCents;
    expect(budgets.map((b) => [b.memberNumber, b.ageGroup, b.grantedCents])).toEqual([
      [2, 'primary', 30_000 + old(2)],
      [3, 'secondary', 50_000 + old(3)],
    ]);
    const lookup = (
      await t.app.inject({ method: 'POST', url: '/api/v1/pass/cashier/lookup', headers: cashier.headers, payload: { passNumber: jansen.number } })
    ).json();
    expect(lookup.children.map((c: { balanceCents: number }) => c.balanceCents)).toEqual([30_000 + old(2), 50_000 + old(3)]);
  });

  it('changes nothing when the same year runs again, and says so', async () => {
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/years/start',
      headers: office.headers,
      payload: { year: 2027, deadline: '2027-01-31', benefitsCsv: csv },
    });
    expect(again.json()).toMatchObject({ renewed: 0, invited: 0, unchanged: 3 });
    expect(again.json().summary).toBe('Het pasjaar 2027 was al gestart. Er is niets veranderd.');
    const rows = await read<unknown[]>((tx) => tx.select().from(passYearRenewals));
    expect(rows.length).toBe(3);
  });

  it('renews a household that confirms before the deadline; after it the others lapse', async () => {
    // Mijn Dordtpas shows the invitation with its deadline; confirming without the tick says why, next to it.
    const login = await t.app.inject({
      method: 'POST',
      url: '/dordtpas/mijn-pas',
      headers: formHeaders,
      payload: form({ reference: 'DP-DEMO0002', accessCode: 'DEMO-0002-CODE' }),
    });
    let cookie = cookieOf(login.headers['set-cookie']);
    const overview = await t.app.inject({ url: '/dordtpas/mijn-pas/overzicht', headers: { cookie } });
    expect(overview.body).toContain('Verleng uw Dordtpas voor 2027');
    expect(overview.body).toContain('uiterlijk 31 januari 2027');
    const unticked = await t.app.inject({
      method: 'POST',
      url: '/dordtpas/mijn-pas/verlengen',
      headers: { ...formHeaders, cookie },
      payload: form({ reference: 'DP-DEMO0002', year: '2027' }),
    });
    cookie = cookieOf(unticked.headers['set-cookie']);
    const again = await t.app.inject({ url: '/dordtpas/mijn-pas/overzicht', headers: { cookie } });
    expect(again.body).toContain('id="f-confirm-error">Vink aan dat uw inkomen en uw gezin hetzelfde zijn gebleven.');
    expect((await passOf('DP-DEMO0002')).year).toBe(2026);
    // Someone else's reference is not confirmed with this cookie.
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/dordtpas/mijn-pas/verlengen',
      headers: { ...formHeaders, cookie },
      payload: form({ reference: 'DP-DEMO0003', year: '2027', confirm: 'ja' }),
    });
    expect(foreign.body).toContain('Vul uw gegevens opnieuw in');
    const ticked = await t.app.inject({
      method: 'POST',
      url: '/dordtpas/mijn-pas/verlengen',
      headers: { ...formHeaders, cookie },
      payload: form({ reference: 'DP-DEMO0002', year: '2027', confirm: 'ja' }),
    });
    const done = await t.app.inject({ url: '/dordtpas/mijn-pas/overzicht', headers: { cookie: cookieOf(ticked.headers['set-cookie']) } });
    expect(done.body).toContain('Bedankt. Uw Dordtpas is verlengd tot en met 31 december 2027.');
    expect(await passOf('DP-DEMO0002')).toMatchObject({ year: 2027, validTo: '2027-12-31' });

    clock.advance({ days: 62 }); // 1 February 2027
    office = await loginAs(t.app, demoEmails.case_worker);
    const lapsed = await t.app.inject({ method: 'POST', url: '/api/v1/pass/years/lapse', headers: office.headers, payload: { year: 2027 } });
    expect(lapsed.json()).toEqual({ lapsed: 1, summary: '1 uitnodiging is vervallen.' });
    const bakker = await passOf('DP-DEMO0003');
    const late = await confirmRenewal(t.db, systemActor('test-resident'), bakker.id, 2027);
    expect(late.renewed).toBe(false);
    expect(late.message).toContain('De termijn om te bevestigen is voorbij (31 januari 2027)');
    expect((await passOf('DP-DEMO0003')).validTo).toBe('2026-12-31');
  });
});
