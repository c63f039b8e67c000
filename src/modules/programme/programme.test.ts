import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { seedInsightsDemo } from '../insights/demo.ts';
import { letterHeadings } from './letter.ts';
import { seedProgrammeDemo } from './demo.ts';

/** The text pdfkit wrote (uncompressed streams; Helvetica text is hex-encoded in TJ arrays). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts: string[] = [];
  for (const block of raw.matchAll(/\[((?:<[0-9a-f]*>\s*-?\d*\.?\d*\s*)+)\]\s*TJ/g)) {
    for (const hex of block[1]!.matchAll(/<([0-9a-f]*)>/g)) parts.push(Buffer.from(hex[1]!, 'hex').toString('latin1'));
    parts.push('\n');
  }
  return parts.join('').replace(/\n(?=[a-z])/g, ' ');
}

async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  return (await zip.file('word/document.xml')!.async('string'))
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('programme', () => {
  let t: TestApp;
  let manager: Session;
  let analyst: Session;
  let admin: Session;
  let caseWorker: Session;
  let programmeId: string;
  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2021-07-15T10:00:00Z') });
    await seedInsightsDemo(t.db, '2021-06');
    programmeId = await seedProgrammeDemo(t.db);
    [manager, analyst, admin, caseWorker] = await Promise.all([
      loginAs(t.app, demoEmails.programme_manager),
      loginAs(t.app, demoEmails.analyst),
      loginAs(t.app, demoEmails.admin),
      loginAs(t.app, demoEmails.case_worker),
    ]);
  });
  afterAll(() => t?.close());

  const overview = async (s: Session, period = '2021-H1') =>
    t.app.inject({ method: 'GET', url: `/api/v1/programmes/${programmeId}?period=${period}`, headers: s.headers });

  it('holds seed 002: four programme lines with their initiatives and the 2021-H1 progress', async () => {
    const response = await overview(manager);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.lines.map((l: { number: number; title: string }) => `${l.number} ${l.title}`)).toEqual([
      '1 Voorkomen en aanpakken schulden',
      '2 Kinderen in armoede',
      '3 Werkende armen',
      '4 Armoede en gezondheid',
    ]);
    const line1 = body.lines[0].initiatives;
    expect(line1.map((i: { name: string }) => i.name)).toContain('Vroeg Eropaf');
    expect(line1.find((i: { name: string }) => i.name === 'Vroeg Eropaf').progress).toContain('sinds juli 2020 uitgebreid naar heel Dordrecht');
    expect(line1.find((i: { name: string }) => i.name === 'GeldenzoDordt en Geldfit').progress).toContain('In Q1 bezochten 1.093 mensen');
    expect(body.lines[3].initiatives[0].name).toBe('Gezonde wijk De Staart');
    expect(body.commitments[0]).toMatchObject({ code: '191015/T1', state: 'in_progress' });
    expect(body.decisions.map((d: { risNumber: string }) => d.risNumber)).toEqual(['2093399', '2271506', '2435949', '2478007', '2508035']);
    expect(body.periods).toEqual(['2019-H2', '2021-H1']);
  });

  it('shows live figures from insights per initiative, with small counts hidden', async () => {
    const body = (await overview(manager)).json();
    const dashboard = body.lines[0].initiatives.find((i: { name: string }) => i.name === 'Dashboard Sociaal Domein');
    const trajectories = dashboard.figures.find((f: { code: string }) => f.code === 'sdd.debt_help_trajectories');
    expect(trajectories.value).toBeGreaterThan(100);
    expect(trajectories.display).toMatch(/^\d/);
    const staart = body.lines[3].initiatives.find((i: { name: string }) => i.name === 'Gezonde wijk De Staart');
    expect(staart.figures[0]).toMatchObject({ code: 'cak.arrears_regime' });
  });

  it('lets a programme manager change the programme, and writes an audit line for each change', async () => {
    const line = (await overview(manager)).json().lines[1];
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programme-lines/${line.id}/initiatives`,
      headers: manager.headers,
      payload: { name: 'Schoolmaaltijden', measureCodes: ['pass.children_with_budget'] },
    });
    expect(created.statusCode).toBe(201);
    const initiative = created.json();
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/programme-initiatives/${initiative.id}/updates/2021-H1`,
      headers: manager.headers,
      payload: { progress: 'Op drie scholen gestart.' },
    });
    expect(saved.statusCode).toBe(200);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/programme-initiatives/${initiative.id}`,
      headers: manager.headers,
      payload: { name: 'Schoolmaaltijden (pilot)' },
    });
    expect(renamed.json().name).toBe('Schoolmaaltijden (pilot)');
    let view = (await overview(manager)).json();
    expect(view.lines[1].initiatives.find((i: { id: string }) => i.id === initiative.id)).toMatchObject({
      name: 'Schoolmaaltijden (pilot)',
      progress: 'Op drie scholen gestart.',
    });

    const commitment = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programmes/${programmeId}/commitments`,
      headers: manager.headers,
      payload: { code: '210520/T3', title: 'Evaluatie Dordtpas toesturen', dueOn: '2021-09-30' },
    });
    expect(commitment.statusCode).toBe(201);
    const fulfilled = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/programme-commitments/${commitment.json().id}`,
      headers: manager.headers,
      payload: { state: 'fulfilled', answeredInPeriod: '2021-H1', answer: 'De evaluatie is als bijlage meegestuurd.' },
    });
    expect(fulfilled.json()).toMatchObject({ state: 'fulfilled', title: 'Evaluatie Dordtpas toesturen', dueOn: '2021-09-30' });
    // A patch of one field leaves the others alone.
    const stateOnly = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/programme-commitments/${commitment.json().id}`,
      headers: manager.headers,
      payload: { state: 'in_progress' },
    });
    expect(stateOnly.json()).toMatchObject({
      state: 'in_progress',
      dueOn: '2021-09-30',
      answeredInPeriod: '2021-H1',
      answer: 'De evaluatie is als bijlage meegestuurd.',
    });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/programme-commitments/${commitment.json().id}`,
      headers: manager.headers,
      payload: { state: 'fulfilled' },
    });
    const duplicate = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programmes/${programmeId}/decisions`,
      headers: manager.headers,
      payload: { risNumber: '2093399', title: 'Dubbel', decidedOn: '2018-02-20' },
    });
    expect(duplicate.statusCode).toBe(400);
    const decision = await t.app.inject({
      method: 'POST',
      url: `/api/v1/programmes/${programmeId}/decisions`,
      headers: manager.headers,
      payload: { risNumber: '2654321', title: 'Intensiveringsvoorstel armoedeprogramma', decidedOn: '2021-03-16' },
    });
    expect(decision.statusCode).toBe(201);

    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/programme-initiatives/${initiative.id}`, headers: manager.headers });
    expect(removed.statusCode).toBe(204);
    view = (await overview(manager)).json();
    expect(view.lines[1].initiatives.some((i: { id: string }) => i.id === initiative.id)).toBe(false);

    const audit = (
      (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events?limit=50', headers: admin.headers })).json() as {
        items: { objectType: string; action: string; result: string }[];
      }
    ).items;
    const mine = audit.filter((a) => a.objectType.startsWith('programme_') && a.result === 'success').map((a) => `${a.action} ${a.objectType}`);
    for (const expected of [
      'create programme_initiative',
      'update programme_update',
      'update programme_initiative',
      'create programme_commitment',
      'update programme_commitment',
      'create programme_decision',
      'delete programme_initiative',
    ])
      expect(mine).toContain(expected);
  });

  it('refuses changes by anyone but a programme manager, and reads by roles without programme:read', async () => {
    const line = (await overview(analyst)).json().lines[0];
    const tryCreate = (s: Session) =>
      t.app.inject({ method: 'POST', url: `/api/v1/programme-lines/${line.id}/initiatives`, headers: s.headers, payload: { name: 'Niet toegestaan' } });
    expect((await tryCreate(analyst)).statusCode).toBe(403);
    expect((await tryCreate(admin)).statusCode).toBe(403);
    expect((await tryCreate(caseWorker)).statusCode).toBe(403);
    expect((await overview(caseWorker)).statusCode).toBe(403);
    expect((await overview(admin)).statusCode).toBe(200);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${programmeId}?period=2021-H1` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('generates the council letter as DOCX with the five headings and the Initiatief / Voortgang table per line', async () => {
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/programmes/${programmeId}/letters/2021-H1`,
      headers: manager.headers,
      payload: {
        letterDate: '2021-06-29',
        caseNumber: 'BBV 2021-0123',
        reasonText: 'Elk halfjaar informeren wij u.',
        informationText: 'Vroeg Eropaf werkt in heel Dordrecht.',
        nextStepsText: 'In januari 2022 volgt de eindevaluatie.',
        costsText: 'Niet van toepassing.',
      },
    });
    expect(saved.statusCode).toBe(200);
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${programmeId}/letters/2021-H1/docx`, headers: analyst.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    const text = await docxText(response.rawPayload);
    let at = -1;
    for (const heading of Object.values(letterHeadings)) {
      const i = text.indexOf(heading);
      expect(i, heading).toBeGreaterThan(at);
      at = i;
    }
    expect(text).toContain('29 juni 2021');
    expect(text).toContain('BBV 2021-0123');
    expect(text).toContain('Middels deze raadsinformatiebrief willen we ook voldoen aan toezegging 210520/T3');
    expect(text).toContain('RIS dossier 2654321. Intensiveringsvoorstel armoedeprogramma. 16 maart 2021');
    for (const heading of [
      'Programmalijn 1 | VOORKOMEN EN AANPAKKEN SCHULDEN',
      'Programmalijn 2 | KINDEREN IN ARMOEDE',
      'Programmalijn 3 | WERKENDE ARMEN',
      'Programmalijn 4 | ARMOEDE EN GEZONDHEID',
    ])
      expect(text).toContain(heading);
    expect(text).toMatch(/Initiatief\nVoortgang\nVroeg Eropaf\nHet project Vroeg Eropaf is sinds juli 2020/);
    expect(text).toContain('Trajecten schuldhulpverlening SDD');
    const zip = await JSZip.loadAsync(response.rawPayload);
    expect((await zip.file('word/document.xml')!.async('string')).match(/<w:tbl>/g)!.length).toBe(5); // header + four lines
  });

  it('generates the 2019-H2 letter of seed 000 as PDF, with toezegging 191015/T1 and its RIS dossiers', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${programmeId}/letters/2019-H2/pdf`, headers: manager.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { generateLetter } = await import('./queries.ts');
    const { systemActor } = await import('../../platform/actor.ts');
    const letter = await generateLetter(t.db, systemActor('test'), programmeId, '2019-H2', 'pdf', { compress: false });
    const text = pdfText(letter.body).replace(/\s+/g, ' ');
    for (const heading of Object.values(letterHeadings)) expect(text).toContain(heading);
    expect(text).toContain('3 maart 2020');
    expect(text).toContain('voldoen aan toezegging 191015/T1');
    expect(text).toContain('RIS dossier 2508035');
    expect(text).not.toContain('2654321'); // decided after the letter
    expect(text).toMatch(/Kinderparticipatie \(Open ?Limonade\)/);
    // Seed 000 highlights the projects with news under "Wat is de te delen informatie?", before the next heading.
    const information = text.slice(text.indexOf(letterHeadings.information), text.indexOf(letterHeadings.nextSteps));
    expect(information).toContain('Vroeg Eropaf. In maart 2019 zijn we samen met Trivire');
    const pages = letter.body.toString('latin1').match(/\/Type \/Page\b/g)!.length;
    expect(pages).toBeGreaterThanOrEqual(3);
    const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events?objectType=programme_letter', headers: admin.headers })).json().items;
    expect(audit.some((a: { action: string }) => a.action === 'print')).toBe(true);
  });

  it('refuses a reporting period that is not a half year', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/programmes/${programmeId}/letters/2021-Q1/pdf`, headers: manager.headers });
    expect(response.statusCode).toBe(400);
  });
});
