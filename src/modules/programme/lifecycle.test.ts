import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { FakeClock } from '../../platform/clock.ts';
import type { MetricValue, ModuleDefinition } from '../contracts.ts';
import { refreshFromModules } from '../insights/commands.ts';
import { seedInsightsDemo } from '../insights/demo.ts';
import { figuresFor } from '../insights/queries.ts';
import { seedProgrammeDemo } from './demo.ts';
import { letterHeadings } from './letter.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-letter-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** What `pdfinfo` says of a PDF (Debian poppler-utils); with `-struct-text` its structure tree with the text. */
function pdfinfo(pdf: Buffer, ...flags: string[]): string {
  const file = path.join(tmp, `${createHash('sha256').update(pdf).digest('hex')}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdfinfo', [...flags, file], { encoding: 'utf8' });
}

async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  return (await zip.file('word/document.xml')!.async('string'))
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The structure tree of `pdfinfo -struct-text` as "TYPE first text" per element, in reading order. */
function structureElements(tree: string): string[] {
  const out: { type: string; text: string | null }[] = [];
  for (const line of tree.split('\n')) {
    const element = /^\s*([A-Za-z][A-Za-z0-9]*)(?: <[^>]*>)?:?(?: \((?:block|inline)\))?$/.exec(line);
    const text = /^\s*"(.*)"$/.exec(line);
    if (element) out.push({ type: element[1]!, text: null });
    else if (text && out.length && out[out.length - 1]!.text === null) out[out.length - 1]!.text = text[1]!;
  }
  return out.map((e) => `${e.type} ${e.text ?? ''}`.trim());
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Geldfit without a wijk: 1.093 visits in the first half of 2021 (seed 002; visits count no persons, so they are
 * not protected), 4 completed tests (persons, hidden), no figures for entrepreneurs.
 */
const firstHalf: MetricValue[] = [180, 170, 190, 175, 188, 190].flatMap((value, i) => [
  { measure: 'selftest.visits', municipalityCode: 'GM0505', areaCode: null, month: `2021-0${i + 1}`, value },
  ...(i === 2 ? [{ measure: 'selftest.completed', municipalityCode: 'GM0505', areaCode: null, month: '2021-03', value: 4 }] : []),
]);

describe('the council letter: draft → approved → sent, and a sent letter never moves', () => {
  let t: TestApp;
  let manager: Session;
  let analyst: Session;
  let programmeId: string;
  let values = firstHalf;
  const geldfit: ModuleDefinition = {
    name: 'selftest',
    metrics: {
      measures: [
        { code: 'selftest.visits', name: 'Bezoeken Geldfit', unit: 'count', description: 'Bezoeken', owner: 'selftest' },
        { code: 'selftest.visits_entrepreneurs', name: 'Bezoeken Geldfit Zakelijk', unit: 'count', description: 'Bezoeken', owner: 'selftest' },
        { code: 'selftest.completed', name: 'Tests volledig gemaakt', unit: 'count', description: 'Tests', owner: 'selftest' },
      ],
      collect: async (_db, range) => values.filter((v) => v.month >= range.fromMonth && v.month <= range.toMonth),
    },
  };
  const url = (rest: string) => `/api/v1/programmes/${programmeId}/letters/2021-H1${rest}`;
  const post = (s: Session, rest: string, payload: object = {}) => t.app.inject({ method: 'POST', url: url(rest), headers: s.headers, payload });
  const download = (format: 'pdf' | 'docx', query = '') => t.app.inject({ method: 'GET', url: url(`/${format}${query}`), headers: analyst.headers });

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2021-07-15T10:00:00Z') });
    await seedInsightsDemo(t.db, '2021-06');
    await refreshFromModules(t.db, [geldfit], { fromMonth: '2021-01', toMonth: '2021-07' });
    programmeId = await seedProgrammeDemo(t.db);
    [manager, analyst] = await Promise.all([loginAs(t.app, demoEmails.programme_manager), loginAs(t.app, demoEmails.analyst)]);
  });
  afterAll(() => t?.close());

  it('regenerating the 2021-H1 letter after new data gives byte-for-byte the copy that was sent', async () => {
    // The programme manager highlights Vroeg Eropaf and writes the letter.
    const overview = (await t.app.inject({ url: `/api/v1/programmes/${programmeId}?period=2021-H1`, headers: manager.headers })).json();
    const vroegEropaf = overview.lines[0].initiatives.find((i: { name: string }) => i.name === 'Vroeg Eropaf');
    const highlight = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/programme-initiatives/${vroegEropaf.id}/updates/2021-H1`,
      headers: manager.headers,
      payload: { progress: vroegEropaf.progress, highlighted: true },
    });
    expect(highlight.json()).toMatchObject({ highlighted: true });
    const saved = await t.app.inject({
      method: 'PUT',
      url: url(''),
      headers: manager.headers,
      payload: { letterDate: '2021-06-29', meetingDate: '2021-07-06', informationText: 'We belichten hieronder de projecten met nieuwe ontwikkelingen.' },
    });
    expect(saved.json()).toMatchObject({ status: 'draft', version: 1 });

    // Only a programme manager approves; then the figures are frozen.
    expect((await post(analyst, '/approve')).statusCode).toBe(403);
    const approved = await post(manager, '/approve');
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: expect.any(String), releaseId: expect.any(String) });
    expect(approved.json().approvedAt).toBeTruthy();
    expect((await t.app.inject({ method: 'PUT', url: url(''), headers: manager.headers, payload: { letterDate: '2021-06-30' } })).statusCode).toBe(409);

    // Sending needs the zaaknummer.
    const noCase = await post(manager, '/send', {});
    expect(noCase.statusCode).toBe(400);
    expect(noCase.json().errors[0].field).toBe('body.caseNumber');
    const sent = await post(manager, '/send', { caseNumber: 'InProces BBV: 2021-0031337' });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', caseNumber: 'InProces BBV: 2021-0031337', pdfSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const pdf = await download('pdf');
    const docx = await download('docx');
    expect(pdf.headers['x-content-sha256']).toBe(sent.json().pdfSha256);
    expect(sha256(pdf.rawPayload)).toBe(sent.json().pdfSha256);
    expect(sha256(docx.rawPayload)).toBe(sent.json().docxSha256);
    const sentText = await docxText(docx.rawPayload);
    expect(sentText).toContain('Bezoeken Geldfit 1.093');

    // Late data for March (40 more visits, recorded after sending) and a refresh: the approval froze the half year,
    // so the live figures of its months stay as published; the late visits go into a new version (a correction) ...
    values = firstHalf.map((v) => (v.measure === 'selftest.visits' && v.month === '2021-03' ? { ...v, value: v.value + 40 } : v));
    await refreshFromModules(t.db, [geldfit], { fromMonth: '2021-01', toMonth: '2021-07' });
    const live = () => figuresFor(t.db, { measureCodes: ['selftest.visits'], municipalityCode: 'GM0505', fromMonth: '2021-01', toMonth: '2021-06' }, 10);
    expect((await live())[0]!.value).toBe(1093);
    const correction = await t.app.inject({
      method: 'POST',
      url: '/api/v1/insights/releases',
      headers: analyst.headers,
      payload: { period: '2021-H1', again: true, note: 'Late bezoeken maart' },
    });
    expect(correction.statusCode).toBe(201);
    expect(correction.json()).toMatchObject({ version: 2 });
    expect((await live())[0]!.value).toBe(1133);
    // ... but the letter that was sent comes back exactly as it was sent.
    const again = await download('pdf');
    expect(again.statusCode).toBe(200);
    expect(Buffer.compare(again.rawPayload, pdf.rawPayload)).toBe(0);
    expect(Buffer.compare((await download('docx')).rawPayload, docx.rawPayload)).toBe(0);
    expect(again.headers['x-letter-status']).toBe('sent');
  });

  it('says what the council must read: meeting, highlighted initiatives, earlier letters, overdue commitments, hidden figures named', async () => {
    const text = await docxText((await download('docx')).rawPayload);
    expect(text).toMatch(/Vergadering van\n6 juli 2021/);
    const information = text.slice(text.indexOf(letterHeadings.information), text.indexOf(letterHeadings.nextSteps));
    expect(information).toContain('Vroeg Eropaf. Het project Vroeg Eropaf is sinds juli 2020 uitgebreid naar heel Dordrecht');
    expect(information).not.toContain('Ketenaanpak schulden.');
    const decisions = text.slice(text.indexOf(letterHeadings.decisions));
    expect(decisions).toContain(
      'Raadsinformatiebrief over Voortgang programma Samen tegen Armoede, tweede helft 2019 (zaaknummer InProces BBV: 2020-0024615). 3 maart 2020',
    );
    // Toezegging 191015/T1 was due on 31 March 2020 and is still open.
    expect(text).toContain('191015/T1 (uiterlijk 31 maart 2020, verlopen)');
    expect(text).toContain('Bezoeken Geldfit 1.093');
    expect(text).toContain('Tests volledig gemaakt: niet getoond: minder dan 10 inwoners');
    expect(text).toContain('Bezoeken Geldfit Zakelijk: geen gegevens');
    // Every initiative is in the attachment, highlighted or not.
    expect(text).toMatch(/Initiatief\nVoortgang\nVroeg Eropaf\n/);
    expect(text).toContain('Ketenaanpak schulden\nDe Ketenaanpak Schulden is de basis');
  });

  it('is a tagged PDF: language nl-NL, title, headings, paragraphs, a list and tables in reading order', async () => {
    const pdf = (await download('pdf')).rawPayload;
    const info = pdfinfo(pdf);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Raadsinformatiebrief/m);
    expect(info).toMatch(/^PDF version:\s+1\.7$/m);
    expect(pdf.toString('latin1')).toContain('/Lang (nl-NL)');
    const tree = pdfinfo(pdf, '-struct-text');
    const elements = structureElements(tree);
    const order = [
      'H1 Raadsinformatiebrief',
      `H2 ${letterHeadings.reason}`,
      `H2 ${letterHeadings.information}`,
      `H2 ${letterHeadings.nextSteps}`,
      `H2 ${letterHeadings.costs}`,
      `H2 ${letterHeadings.decisions}`,
      'H1 Bijlage: voortgang initiatieven programma Samen tegen Armoede 2018-2022, eerste helft 2021',
      'H2 Programmalijn 1 | VOORKOMEN EN AANPAKKEN SCHULDEN',
      'H2 Programmalijn 4 | ARMOEDE EN GEZONDHEID',
    ];
    let at = -1;
    for (const heading of order) {
      const i = elements.indexOf(heading);
      expect(i, heading).toBeGreaterThan(at);
      at = i;
    }
    expect(elements.filter((e) => e === 'TH Initiatief')).toHaveLength(4);
    expect(elements.filter((e) => e.startsWith('P ')).length).toBeGreaterThan(3);
    expect(tree).toMatch(/^\s*L\b/m);
    expect(tree).toMatch(/^\s*LI\b/m);
    // The attachment table of line 1 comes right after its heading.
    const line1 = tree.indexOf('Programmalijn 1 | VOORKOMEN EN AANPAKKEN SCHULDEN');
    expect(tree.slice(line1, line1 + 200)).toMatch(/Table/);
  });

  it('a correction is a new version that says what changed; the sent version stays downloadable as sent', async () => {
    const first = await download('pdf');
    expect((await post(manager, '/corrections', { note: '' })).statusCode).toBe(400);
    const correction = await post(manager, '/corrections', { note: 'Het aantal bezoeken van Geldfit in juni is gecorrigeerd.' });
    expect(correction.statusCode).toBe(201);
    expect(correction.json()).toMatchObject({ version: 2, status: 'draft', caseNumber: 'InProces BBV: 2021-0031337' });
    expect((await post(manager, '/corrections', { note: 'Nog een' })).statusCode).toBe(409);

    const draft = await docxText((await download('docx')).rawPayload);
    expect(draft).toContain(
      'Dit is versie 2 van deze raadsinformatiebrief. Deze versie vervangt versie 1. Wat is er veranderd: Het aantal bezoeken van Geldfit in juni is gecorrigeerd.',
    );
    expect(Buffer.compare((await download('pdf', '?version=1')).rawPayload, first.rawPayload)).toBe(0);

    // Approving the correction with new figures freezes a new release version; version 1 keeps its figures.
    const approved = await post(manager, '/approve', { newFigures: true });
    expect(approved.json()).toMatchObject({ status: 'approved', version: 2 });
    const overview = (await t.app.inject({ url: `/api/v1/programmes/${programmeId}?period=2021-H1`, headers: manager.headers })).json();
    expect(overview.letterVersions.map((l: { version: number; status: string }) => `${l.version} ${l.status}`)).toEqual(['1 sent', '2 approved']);
    expect(overview.letterVersions[0].releaseId).not.toBe(overview.letterVersions[1].releaseId);
    // The correction carries the late March visits; the sent version keeps what it said.
    expect(await docxText((await download('docx', '?version=2')).rawPayload)).toContain('Bezoeken Geldfit 1.133');
    expect(await docxText((await download('docx', '?version=1')).rawPayload)).toContain('Bezoeken Geldfit 1.093');
    expect(Buffer.compare((await download('pdf', '?version=1')).rawPayload, first.rawPayload)).toBe(0);
    expect((await download('pdf', '?version=7')).statusCode).toBe(404);
  });
});
