import { eq } from 'drizzle-orm';
import { isValidIBAN } from 'ibantools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { seedPassDemo } from './demo.ts';
import { passNumberFrom } from './domain.ts';
import { pain001, sepaText } from './payouts.ts';
import { passProviders } from './schema.ts';

/** Payout runs over HTTP: the provider's IBAN, a run per period with its SEPA file, marked paid, nothing paid twice. */
const clock = new FakeClock('2026-05-04T10:00:00Z');
let t: TestApp;
let cashier: Session;
let office: Session;
let providerId: string;
const period = { municipalityCode: 'GM0505', from: '2026-05-01', to: '2026-05-31', executionDate: '2026-06-02', debtorName: 'Gemeente Dordrecht' };
const debtorIban = 'NL91 ABNA 0417 1643 00';
let keyCounter = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedPassDemo(t.db);
  [cashier, office] = await Promise.all([loginAs(t.app, demoEmails.provider_cashier), loginAs(t.app, demoEmails.admin)]);
  const providers = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/providers', headers: office.headers })).json() as { id: string; name: string }[];
  providerId = providers.find((p) => p.name.startsWith('Sport en Cultuur'))!.id;
}, 300_000);
afterAll(() => t?.close());

const run = (body: Record<string, unknown> = {}, who: Session = office) =>
  t.app.inject({ method: 'POST', url: '/api/v1/pass/payouts', headers: who.headers, payload: { ...period, debtorIban, ...body } });
const charge = (amountCents: number) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/pass/charges',
    headers: cashier.headers,
    payload: { passNumber: passNumberFrom('100000001'), memberNumber: 3, category: 'culture', amountCents, idempotencyKey: `payout-test-${++keyCounter}` },
  });

/** The children of an element, in document order, by local name. */
function childNames(xml: string, path: string[]): string[] {
  let node = create(xml).root();
  for (const name of path) node = node.find((n) => n.node.nodeName === name, false, false)!;
  return [...node.node.childNodes].filter((n) => n.nodeType === 1).map((n) => n.nodeName);
}

describe('payout runs', () => {
  it('pays each provider what is not yet paid, as a pain.001 file, marks it paid once, and never pays a charge twice', async () => {
    // A mistyped IBAN (mod 97) is refused on its field, in Dutch.
    const wrongIban = await run({ debtorIban: 'NL91ABNA0417164301' });
    expect(wrongIban.statusCode).toBe(400);
    expect(wrongIban.json().errors).toEqual([expect.objectContaining({ field: 'body.debtorIban', reason: expect.stringContaining('Dit IBAN klopt niet') })]);
    // A provider without an IBAN is left out; with nobody to pay the run is refused.
    await t.db.unaudited((q) => q.update(passProviders).set({ iban: null }).where(eq(passProviders.id, providerId)));
    const none = await run();
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ code: 'conflict', detail: expect.stringContaining('Er is niets uit te betalen in deze periode') });
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/v1/pass/providers/${providerId}/iban`,
          headers: office.headers,
          payload: { iban: 'NL20 INGB 0001 2345 68' },
        })
      ).statusCode,
    ).toBe(400);
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/pass/providers/${providerId}/iban`,
      headers: office.headers,
      payload: { iban: 'nl20 ingb 0001 2345 67' },
    });
    expect(set.json()).toMatchObject({ iban: 'NL20INGB0001234567' });
    expect((await run({}, cashier)).statusCode).toBe(403);

    // The first run: the demo charges of May, as the provider's statement totals them.
    const statement = (
      await t.app.inject({ method: 'GET', url: `/api/v1/pass/providers/${providerId}/statement?from=2026-05-01&to=2026-05-31`, headers: office.headers })
    ).json();
    expect(statement.totals.payoutCents).toBeGreaterThan(0);
    const first = await run();
    expect(first.statusCode).toBe(201);
    const payout = first.json();
    expect(payout).toMatchObject({ status: 'prepared', totalCents: statement.totals.payoutCents, skipped: [] });
    expect(payout.lines).toEqual([
      expect.objectContaining({ providerId, iban: 'NL20INGB0001234567', charges: statement.totals.charges, amountCents: statement.totals.payoutCents }),
    ]);

    // The file for the bank: pain.001.001.03, the elements in the order the XSD's sequences give, sums that add up.
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/pass/payouts/${payout.id}/pain001`, headers: office.headers });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/xml');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${payout.messageId}.xml"`);
    const xml = file.body;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">');
    expect(childNames(xml, ['CstmrCdtTrfInitn'])).toEqual(['GrpHdr', 'PmtInf']);
    expect(childNames(xml, ['CstmrCdtTrfInitn', 'GrpHdr'])).toEqual(['MsgId', 'CreDtTm', 'NbOfTxs', 'CtrlSum', 'InitgPty']);
    expect(childNames(xml, ['CstmrCdtTrfInitn', 'PmtInf'])).toEqual([
      'PmtInfId',
      'PmtMtd',
      'BtchBookg',
      'NbOfTxs',
      'CtrlSum',
      'PmtTpInf',
      'ReqdExctnDt',
      'Dbtr',
      'DbtrAcct',
      'DbtrAgt',
      'ChrgBr',
      'CdtTrfTxInf',
    ]);
    expect(childNames(xml, ['CstmrCdtTrfInitn', 'PmtInf', 'CdtTrfTxInf'])).toEqual(['PmtId', 'Amt', 'Cdtr', 'CdtrAcct', 'RmtInf']);
    const euros = (statement.totals.payoutCents / 100).toFixed(2);
    expect(xml.match(/<CtrlSum>([^<]+)<\/CtrlSum>/g)).toEqual([`<CtrlSum>${euros}</CtrlSum>`, `<CtrlSum>${euros}</CtrlSum>`]);
    expect(xml).toContain(`<InstdAmt Ccy="EUR">${euros}</InstdAmt>`);
    expect(xml).toContain('<ReqdExctnDt>2026-06-02</ReqdExctnDt>');
    expect(xml).toContain('<IBAN>NL91ABNA0417164300</IBAN>');
    expect(xml).toContain('<IBAN>NL20INGB0001234567</IBAN>');
    for (const [, value] of xml.matchAll(/<IBAN>([^<]+)<\/IBAN>/g)) expect(isValidIBAN(value!)).toBe(true);
    // Max35Text identifiers; names in the SEPA character set.
    for (const [, value] of xml.matchAll(/<(?:MsgId|PmtInfId|EndToEndId)>([^<]+)</g)) expect(value!.length).toBeLessThanOrEqual(35);
    for (const [, value] of xml.matchAll(/<Nm>([^<]+)<\/Nm>/g)) expect(value).toMatch(/^[A-Za-z0-9/\-?:().,'+ ]{1,70}$/);
    // No personal data in the file: no pass numbers, no names of residents.
    expect(xml).not.toMatch(/Jansen|1000000016/);

    // The same period again: nothing new, nothing paid twice.
    expect((await run()).statusCode).toBe(409);
    // A new charge in the period: the next run pays only that one.
    expect((await charge(1_234)).statusCode).toBe(201);
    const second = await run();
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ totalCents: 1_234, lines: [expect.objectContaining({ charges: 1, refunds: 0, amountCents: 1_234 })] });

    // Each provider's statement of a run: the lines of that run only.
    const ofFirst = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/pass/providers/${providerId}/statement?from=2026-05-01&to=2026-05-31&payout=${payout.id}`,
        headers: cashier.headers,
      })
    ).json();
    expect(ofFirst.totals).toEqual(statement.totals);

    // Marked paid once.
    const paid = await t.app.inject({ method: 'POST', url: `/api/v1/pass/payouts/${payout.id}/paid`, headers: office.headers });
    expect(paid.json()).toMatchObject({ status: 'paid', paidAt: expect.any(String) });
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/pass/payouts/${payout.id}/paid`, headers: office.headers });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('Deze uitbetaling is al als betaald gemarkeerd. Er wordt niets twee keer betaald.');
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/payouts', headers: office.headers })).json();
    expect(list.map((p: { status: string }) => p.status).sort()).toEqual(['paid', 'prepared']);
  });

  it('lets only one of two runs at the same moment pay a new charge', async () => {
    expect((await charge(500)).statusCode).toBe(201);
    const [a, b] = await Promise.all([run(), run()]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect((a.statusCode === 201 ? a : b).json().totalCents).toBe(500);
  });

  it('writes names in the SEPA character set and amounts with two decimals', () => {
    expect(sepaText('Sport & Cultuur Dördrecht — "zomer" <2026>', 70)).toBe('Sport + Cultuur Dordrecht zomer 2026');
    const xml = pain001({
      messageId: 'DP-1',
      createdAt: new Date('2026-06-01T08:00:00Z'),
      executionDate: '2026-06-02',
      debtorName: 'Gemeente Dordrecht',
      debtorIban: 'NL91ABNA0417164300',
      remittance: 'Dordtpas',
      lines: [
        { endToEndId: 'DP-1-1', providerName: 'A', iban: 'NL20INGB0001234567', amountCents: 5 },
        { endToEndId: 'DP-1-2', providerName: 'B', iban: 'NL42RABO0300012345', amountCents: 100_000 },
      ],
    });
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>');
    expect(xml).toContain('<CtrlSum>1000.05</CtrlSum>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">0.05</InstdAmt>');
    expect(xml).toContain('<CreDtTm>2026-06-01T08:00:00</CreDtTm>');
  });
});
