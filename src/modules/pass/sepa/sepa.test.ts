import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../../test/support/app.ts';
import { painXsd, xmllint } from '../../../../test/support/xmllint.ts';
import { FakeClock } from '../../../platform/clock.ts';
import { seedPassDemo } from '../demo.ts';
import { pain001 } from '../payouts.ts';
import { centsOf, pain001SumProblems } from './sums.ts';

/** The payout file against the project's own pain.001.001.03 schema (xmllint) and the sums rule checked in code. */
const clock = new FakeClock('2026-05-04T10:00:00Z');
let t: TestApp;
let office: Session;
let xml: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  await seedPassDemo(t.db);
  office = await loginAs(t.app, demoEmails.admin);
  const providers = (await t.app.inject({ method: 'GET', url: '/api/v1/pass/providers', headers: office.headers })).json() as { id: string; name: string }[];
  for (const [i, p] of providers.entries()) {
    const iban = ['NL20INGB0001234567', 'NL42RABO0300012345', 'NL91ABNA0417164300'][i % 3];
    await t.app.inject({ method: 'PUT', url: `/api/v1/pass/providers/${p.id}/iban`, headers: office.headers, payload: { iban } });
  }
  const run = await t.app.inject({
    method: 'POST',
    url: '/api/v1/pass/payouts',
    headers: office.headers,
    payload: {
      municipalityCode: 'GM0505',
      from: '2026-01-01',
      to: '2026-12-31',
      executionDate: '2026-06-02',
      debtorName: 'Gemeente Dordrecht',
      debtorIban: 'NL91 ABNA 0417 1643 00',
    },
  });
  expect(run.statusCode).toBe(201);
  const file = await t.app.inject({ method: 'GET', url: `/api/v1/pass/payouts/${run.json().id}/pain001`, headers: office.headers });
  expect(file.statusCode).toBe(200);
  xml = file.body;
}, 300_000);
afterAll(() => t?.close());

describe('the SEPA payout file', () => {
  it('of a real payout run is valid against the schema and its counts and sums add up', () => {
    expect(fs.readFileSync(painXsd, 'utf8')).toContain('targetNamespace="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"');
    expect(xml.match(/<CdtTrfTxInf>/g)?.length).toBeGreaterThan(0);
    expect(xmllint(xml)).toEqual({ valid: true, errors: [] });
    expect(pain001SumProblems(xml)).toEqual([]);
  });

  it('fails the schema check without an IBAN, with an amount of three decimals, or in another currency', () => {
    const noIban = xml.replace(/(<CdtrAcct>\s*<Id>)\s*<IBAN>[^<]+<\/IBAN>/, '$1');
    expect(noIban).not.toBe(xml);
    const missing = xmllint(noIban);
    expect(missing.valid).toBe(false);
    expect(missing.errors.join('\n')).toMatch(/Id.*Missing child element/);

    const threeDecimals = xml.replace(/<InstdAmt Ccy="EUR">(\d+)\.(\d\d)<\/InstdAmt>/, '<InstdAmt Ccy="EUR">$1.$25</InstdAmt>');
    expect(threeDecimals).not.toBe(xml);
    const decimals = xmllint(threeDecimals);
    expect(decimals.valid).toBe(false);
    expect(decimals.errors.join('\n')).toMatch(/InstdAmt.*fractionDigits|fraction digits/i);

    expect(xmllint(xml.replace('Ccy="EUR"', 'Ccy="USD"')).valid).toBe(false);
    expect(xmllint(xml.replace(/<IBAN>NL/, '<IBAN>nl')).valid).toBe(false);
    expect(xmllint(xml.replace(/<MsgId>([^<]+)<\/MsgId>/, '<MsgId>$1-MORE-THAN-THIRTY-FIVE-CHARACTERS</MsgId>')).valid).toBe(false);
    // Out of order: the debtor's account before the debtor.
    expect(xmllint(xml.replace(/(<Dbtr>[\s\S]*?<\/Dbtr>)(\s*)(<DbtrAcct>[\s\S]*?<\/DbtrAcct>)/, '$3$2$1')).valid).toBe(false);
  });

  it('checks in code that NbOfTxs and CtrlSum match the transfers', () => {
    const lines = [
      { endToEndId: 'DP-1-1', providerName: 'A', iban: 'NL20INGB0001234567', amountCents: 5 },
      { endToEndId: 'DP-1-2', providerName: 'B', iban: 'NL42RABO0300012345', amountCents: 100_000 },
    ];
    const file = pain001({
      messageId: 'DP-1',
      createdAt: new Date('2026-06-01T08:00:00Z'),
      executionDate: '2026-06-02',
      debtorName: 'Gemeente Dordrecht',
      debtorIban: 'NL91ABNA0417164300',
      remittance: 'Dordtpas',
      lines,
    });
    expect(xmllint(file).valid).toBe(true);
    expect(pain001SumProblems(file)).toEqual([]);
    // A single transfer is one element, not a list: still counted.
    expect(
      pain001SumProblems(
        pain001({
          messageId: 'DP-2',
          createdAt: new Date(),
          executionDate: '2026-06-02',
          debtorName: 'G',
          debtorIban: 'NL91ABNA0417164300',
          remittance: 'x',
          lines: [lines[0]!],
        }),
      ),
    ).toEqual([]);
    // Valid against the schema, but the sums are off: only the code sees it.
    const wrongSum = file.replace('<CtrlSum>1000.05</CtrlSum>', '<CtrlSum>1000.06</CtrlSum>');
    expect(xmllint(wrongSum).valid).toBe(true);
    expect(pain001SumProblems(wrongSum)).toEqual(['GrpHdr: CtrlSum 1000.06, transfers add up to 1000.05']);
    const wrongCount = file.replace(/<NbOfTxs>2<\/NbOfTxs>/, '<NbOfTxs>3</NbOfTxs>');
    expect(pain001SumProblems(wrongCount)).toEqual(['GrpHdr: NbOfTxs 3, transfers 2']);
    expect(centsOf('12.3')).toBe(1230);
    expect(centsOf('0.05')).toBe(5);
    expect(centsOf('1.005')).toBeNull();
  });
});
