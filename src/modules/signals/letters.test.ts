import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { FakeClock } from '../../platform/clock.ts';
import { auditEvents, persons } from '../../platform/schema.ts';
import { createTestApp, demoEmails, loginAs, type Session, type TestApp } from '../../../test/support/app.ts';
import { letterBatchProgress } from './commands/produceLetterBatch.ts';
import { generatedHeader, generateSignalLines } from './generate.ts';
import { compileLetterTemplate, defaultLetterTemplate, renderLetterText } from './letterTemplate.ts';
import { signalCases } from './schema.ts';
import { fileHeader, importCsv, inspect, pdfPageCount, pdfText } from './test-helpers.ts';

const row = (ref: string, soort: string, bedrag: string, surname: string, postcode: string, nr: string) =>
  [ref, '2025-04-01', soort, bedrag, '', surname, 'Voorstraat', postcode, nr, '', 'Dordrecht'].join(';');

interface Preview {
  count: number;
  firstLetters: number;
  reprints: number;
  batches: number;
  templateVersion: number;
  skipped: { count: number; items: { caseId: string; code: string; reason: string }[] };
}
interface Run {
  runId: string;
  count: number;
  batches: { id: string; number: number; letters: number; postcodeFrom: string; postcodeTo: string; status: string }[];
  skipped: { count: number; items: { caseId: string; code: string; reason: string }[] };
}

describe('offer letters for a selection, in print batches, with the municipality’s template', () => {
  let t: TestApp;
  let officer: Session;
  let admin: Session;
  let creditor: Session;
  let caseWorker: Session;
  const clock = new FakeClock('2025-04-15T09:00:00+02:00');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock });
    officer = await loginAs(t.app, demoEmails.signal_officer);
    admin = await loginAs(t.app, demoEmails.admin);
    creditor = await loginAs(t.app, demoEmails.creditor);
    caseWorker = await loginAs(t.app, demoEmails.case_worker);
    await importCsv(
      t.db,
      'TRIVIRE',
      [
        fileHeader,
        row('L-1', 'huur', '300,00', 'Zwart', '3317AA', '4'),
        row('L-2', 'huur', '120,00', 'Aalders', '3311AB', '20'),
        row('L-3', 'huur', '80,00', 'Bruin', '3311AB', '3'),
        row('L-4', 'huur', '10,00', 'Klein', '3312CC', '1'),
        row('L-5', 'huur', '95,00', 'Snel', '3313DD', '7'),
      ].join('\n'),
    );
    const rows = await inspect(t.db, (tx) =>
      tx.select({ id: signalCases.id, surname: persons.surname }).from(signalCases).innerJoin(persons, eq(persons.id, signalCases.personId)),
    );
    for (const r of rows) ids[r.surname] = r.id;
  });
  afterAll(() => t?.close());

  const post = (session: Session, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/v1/signals${url}`, headers: session.headers, payload: payload as object });
  const get = (session: Session, url: string) => t.app.inject({ method: 'GET', url: `/api/v1/signals${url}`, headers: session.headers });
  const caseOf = async (id: string) => (await get(officer, `/cases/${id}`)).json() as { status: string; letterSentOn: string | null; dueDate: string | null };

  it('counts a selection first, skips and reports the cases that do not await a letter, and makes nothing until confirmed', async () => {
    const unknown = '00000000-0000-4000-8000-000000000001';
    const selection = { kind: 'cases', caseIds: [ids.Zwart, ids.Aalders, ids.Bruin, ids.Klein, unknown] };
    const preview = await post(officer, '/letters/preview', { selection, batchSize: 2 });
    expect(preview.statusCode).toBe(200);
    const p = preview.json() as Preview;
    expect(p).toMatchObject({ count: 3, firstLetters: 3, reprints: 0, batches: 2, templateVersion: 0 });
    expect(p.skipped.count).toBe(2);
    expect(p.skipped.items).toEqual(
      expect.arrayContaining([
        { caseId: ids.Klein, code: 'below_threshold', reason: expect.stringContaining('lager dan de drempel') },
        { caseId: unknown, code: 'case_not_found', reason: 'Deze zaak is niet gevonden bij deze gemeente.' },
      ]),
    );
    // The dry run changed nothing.
    expect((await caseOf(ids.Zwart!)).status).toBe('awaiting_letter');

    const wrongCount = await post(officer, '/letters', { selection, batchSize: 2, confirmCount: 4 });
    expect(wrongCount.statusCode).toBe(409);
    expect(wrongCount.json().detail).toContain('het zijn er nu 3, niet 4');

    const run = await post(officer, '/letters', { selection, batchSize: 2, confirmCount: 3 });
    expect(run.statusCode).toBe(201);
    const r = run.json() as Run;
    expect(r.skipped.count).toBe(2);
    // Sorted by postcode and house number for the post: 3311AB 3, 3311AB 20 | 3317AA 4.
    expect(r.batches.map((b) => [b.number, b.letters, b.postcodeFrom, b.postcodeTo, b.status])).toEqual([
      [1, 2, '3311AB', '3311AB', 'pending'],
      [2, 1, '3317AA', '3317AA', 'pending'],
    ]);
    // Planned is not sent: a case moves on only when its batch's PDF was delivered.
    expect((await caseOf(ids.Aalders!)).status).toBe('awaiting_letter');

    const first = await get(officer, `/letters/batches/${r.batches[0]!.id}`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-letter-count']).toBe('2');
    expect(pdfPageCount(first.rawPayload)).toBe(3);
    const text = pdfText(first.rawPayload);
    expect(text).toContain('Stapel 1 van 2');
    expect(text).toContain('Postcodes: 3311 AB tot en met 3311 AB');
    expect(text.indexOf('Beste Bruin,')).toBeGreaterThan(-1);
    expect(text.indexOf('Beste Bruin,')).toBeLessThan(text.indexOf('Beste Aalders,'));
    expect(await caseOf(ids.Bruin!)).toMatchObject({ status: 'letter_sent', letterSentOn: '2025-04-15', dueDate: '2025-04-25' });
    expect((await caseOf(ids.Zwart!)).status).toBe('awaiting_letter');

    // Never a second letter by accident: the same batch again is refused, unless asked for as a reprint.
    const twice = await get(officer, `/letters/batches/${r.batches[0]!.id}`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toContain('Deze stapel is al gemaakt (2 brieven)');
    const again = await get(officer, `/letters/batches/${r.batches[0]!.id}?again=true`);
    expect(again.statusCode).toBe(200);
    expect(pdfText(again.rawPayload)).toContain('Herdruk');

    const progress = (await get(officer, `/letters/runs/${r.runId}`)).json() as Run;
    expect(progress.batches.map((b) => b.status)).toEqual(['produced', 'pending']);
  });

  it('skips a case that already had its letter, and reprints it only when asked', async () => {
    const selection = { kind: 'cases', caseIds: [ids.Bruin, ids.Snel] };
    const preview = (await post(officer, '/letters/preview', { selection })).json() as Preview;
    expect(preview).toMatchObject({
      count: 1,
      skipped: {
        count: 1,
        items: [{ caseId: ids.Bruin, code: 'letter_already_sent', reason: expect.stringContaining('kreeg al een brief op 15 april 2025') }],
      },
    });
    const withReprint = (await post(officer, '/letters/preview', { selection, reprint: true })).json() as Preview;
    expect(withReprint).toMatchObject({ count: 2, firstLetters: 1, reprints: 1, skipped: { count: 0 } });
  });

  it('takes a long selection from the queue (up to 10,000 ids) and lists the first 200 skipped', async () => {
    const caseIds = [ids.Snel!, ...Array.from({ length: 4999 }, () => randomUUID())];
    const preview = await post(officer, '/letters/preview', { selection: { kind: 'cases', caseIds } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ count: 1, skipped: { count: 4999 } });
    expect((preview.json() as Preview).skipped.items).toHaveLength(200);
  });

  it('keeps an urgent case’s earlier due date', async () => {
    await inspect(t.db, (tx) => tx.update(signalCases).set({ urgent: true, dueDate: '2025-04-17' }).where(eq(signalCases.id, ids.Snel!)));
    const selection = { kind: 'cases', caseIds: [ids.Snel] };
    const run = (await post(officer, '/letters', { selection, confirmCount: 1 })).json() as Run;
    expect((await get(officer, `/letters/batches/${run.batches[0]!.id}`)).statusCode).toBe(200);
    expect(await caseOf(ids.Snel!)).toMatchObject({ status: 'letter_sent', dueDate: '2025-04-17' });
  });

  it('refuses a template with an unknown placeholder, a missing required one or a loose brace, in Dutch and naming the line', async () => {
    const base = { subject: 'hulp bij uw rekeningen', heading: 'Wij helpen u', body: 'Beste {naam},\nBel ons: {telefoon}.' };
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/signals/letter-template',
      headers: officer.headers,
      payload: { ...base, body: 'Beste {naam},\nU heeft een schuld bij {schuldeiser}.\nBel {telefoon}.' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'brieftekst', line: 2, reason: expect.stringContaining('Regel 2 van de brieftekst: de plaatshouder {schuldeiser} bestaat niet.') },
    ]);
    const missing = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/signals/letter-template',
      headers: officer.headers,
      payload: { ...base, body: 'Beste {naam},' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('De plaatshouder {telefoon} ontbreekt');
    const brace = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/signals/letter-template',
      headers: officer.headers,
      payload: { ...base, heading: 'Wij helpen {naam' },
    });
    expect(brace.statusCode).toBe(400);
    expect(brace.json().detail).toContain('In de kop: een openende accolade { zonder sluitende }');
    // Nothing was saved.
    expect(((await get(officer, '/letter-template')).json() as { current: { version: number } }).current.version).toBe(0);
  });

  it('previews a template as a PDF, with sample data or a real case, before it is saved', async () => {
    const text = {
      subject: 'hulp',
      heading: 'Wij willen u helpen, {naam}',
      body: 'Beste {naam},\nU heeft een achterstand van {bedrag} voor {schuldeisers}.\nWe bellen u voor {contactVoor}.\nBel ons: {telefoon}.',
    };
    const sample = await post(admin, '/letter-template/preview', text);
    expect(sample.statusCode).toBe(200);
    expect(sample.headers['content-type']).toBe('application/pdf');
    // (The euro sign is WinAnsi 0x80 in the PDF; the extraction reads bytes as Latin-1.)
    expect(pdfText(sample.rawPayload)).toMatch(/U heeft een achterstand van .\s1\.234,56 voor de huur en de zorgverzekering\./);
    const real = await post(officer, '/letter-template/preview', { ...text, caseId: ids.Zwart });
    expect(pdfText(real.rawPayload)).toContain('Beste Zwart,');
    expect(pdfText(real.rawPayload)).toMatch(/U heeft een achterstand van .\s300,00 voor de huur\./);
    expect(pdfText(real.rawPayload)).toContain('We bellen u voor 25 april 2025.');
    // The admin edits the text but reads no case.
    expect((await post(admin, '/letter-template/preview', { ...text, caseId: ids.Zwart })).statusCode).toBe(403);
    expect(((await get(officer, '/letter-template')).json() as { current: { version: number } }).current.version).toBe(0);
  });

  it('saves a template as a new audited version; new letters use it and record it, an old letter reprints with its own text', async () => {
    const text = {
      subject: 'uw rekeningen',
      heading: 'Samen vinden we een oplossing',
      body: 'Beste {naam},\nWij zien een achterstand voor {schuldeisers}.\n- Bel ons: {telefoon}\n~ Kleine lettertjes.\n{team}',
    };
    const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/signals/letter-template', headers: admin.headers, payload: text });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ current: { version: 1, ...text, createdBy: expect.any(String) }, versions: [{ version: 1 }, { version: 0 }] });
    const audit = await t.db.unaudited((q) =>
      q
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectType, 'signal_letter_template'), eq(auditEvents.action, 'update'))),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ version: 1, changed: ['subject', 'heading', 'body'] });

    const run = (await post(officer, '/letters', { selection: { kind: 'cases', caseIds: [ids.Zwart] }, confirmCount: 1 })).json() as Run;
    const pdf = (await get(officer, `/letters/batches/${run.batches[0]!.id}`)).rawPayload;
    const letter = pdfText(pdf);
    expect(letter).toContain('Samen vinden we een oplossing');
    expect(letter).toContain('Wij zien een achterstand voor de huur.');
    expect(letter).toContain('Onderwerp: uw rekeningen');
    expect(letter).not.toContain('Wij helpen u graag met uw rekeningen');
    const versions = await inspect(t.db, (tx) =>
      tx
        .select({ id: signalCases.id, v: signalCases.letterTemplateVersion })
        .from(signalCases)
        .where(inArray(signalCases.id, [ids.Zwart!, ids.Bruin!])),
    );
    expect(Object.fromEntries(versions.map((v) => [v.id, v.v]))).toEqual({ [ids.Zwart!]: 1, [ids.Bruin!]: 0 });
    // Bruin's letter was the standard text: the reprint still is.
    const reprint = pdfText((await get(officer, `/cases/${ids.Bruin}/letter`)).rawPayload);
    expect(reprint).toContain('Wij helpen u graag met uw rekeningen');
  });

  it('fills in the standard text the way today’s letter reads', () => {
    const values = {
      naam: 'J. Jansen',
      adres: '',
      bedrag: '€ 10,00',
      schuldeisers: 'de huur',
      team: 'Vroeg Eropaf',
      telefoon: '14 078',
      email: 'x@example',
      bezoekadres: 'Spuiboulevard 300',
      contactVoor: '1 mei 2025',
      bewaartermijn: '6',
    };
    const letter = renderLetterText(compileLetterTemplate(defaultLetterTemplate, 0), values);
    expect(letter.heading).toBe('Wij helpen u graag met uw rekeningen');
    expect(letter.lines.filter((l) => l.kind === 'bullet')).toHaveLength(4);
    expect(letter.lines.find((l) => l.kind === 'small')?.text).toContain('uiterlijk 6 maanden na het laatste signaal');
    expect(letter.lines.at(-1)).toEqual({ kind: 'text', text: 'Vroeg Eropaf' });
  });

  it('lets only the team make letters, and only the team and the admin edit the text', async () => {
    const selection = { kind: 'awaiting' };
    for (const session of [creditor, caseWorker, admin]) {
      expect((await post(session, '/letters/preview', { selection })).statusCode).toBe(403);
      expect((await post(session, '/letters', { selection, confirmCount: 1 })).statusCode).toBe(403);
    }
    for (const session of [creditor, caseWorker]) {
      expect((await get(session, '/letter-template')).statusCode).toBe(403);
      expect(
        (await t.app.inject({ method: 'PUT', url: '/api/v1/signals/letter-template', headers: session.headers, payload: defaultLetterTemplate })).statusCode,
      ).toBe(403);
    }
    expect((await post(officer, '/letters/preview', { selection, municipalityCode: 'GM0590' })).statusCode).toBe(403);
    const run = (await post(officer, '/letters', { selection: { kind: 'cases', caseIds: [ids.Aalders] }, reprint: true, confirmCount: 1 })).json() as Run;
    expect((await get(caseWorker, `/letters/batches/${run.batches[0]!.id}`)).statusCode).toBe(403);
    expect((await get(creditor, `/letters/runs/${run.runId}`)).statusCode).toBe(403);
  });

  describe('streaming over a real connection', () => {
    let base: string;
    let awaitingCount = 0;
    beforeAll(async () => {
      const lines = [
        ...generateSignalLines({ rows: 400, endDate: '2025-04-10', days: 30, seed: 7, referencePrefix: 'S-', householdShare: 1, kinds: ['huur'] }),
      ];
      await importCsv(t.db, 'TRIVIRE', [generatedHeader.join(';'), ...lines].join('\n'));
      awaitingCount = ((await post(officer, '/letters/preview', { selection: { kind: 'awaiting' } })).json() as Preview).count;
      await t.app.listen({ port: 4131, host: '127.0.0.1' });
      base = 'http://127.0.0.1:4131/api/v1/signals';
    });

    it('sends the first bytes before the last letter is drawn, and marks nothing sent when the client goes away', async () => {
      expect(awaitingCount).toBeGreaterThan(300);
      const run = (await post(officer, '/letters', { selection: { kind: 'awaiting' }, confirmCount: awaitingCount, batchSize: 1000 })).json() as Run;
      const batch = run.batches[0]!;
      const controller = new AbortController();
      const response = await fetch(`${base}/letters/batches/${batch.id}`, { headers: officer.headers, signal: controller.signal });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(Buffer.from(first.value!).subarray(0, 5).toString()).toBe('%PDF-');
      const drawn = letterBatchProgress(systemActor('test'), batch.id);
      expect(drawn!.drawn).toBeLessThan(awaitingCount);
      controller.abort();

      // The batch was rolled back: it can be made again, in full, and only then are its cases sent.
      const again = await fetch(`${base}/letters/batches/${batch.id}`, { headers: officer.headers });
      expect(again.status).toBe(200);
      expect(again.headers.get('x-letter-count')).toBe(String(awaitingCount));
      const pdf = Buffer.from(await again.arrayBuffer());
      expect(pdfPageCount(pdf)).toBe(awaitingCount + 1);
      const left = ((await post(officer, '/letters/preview', { selection: { kind: 'awaiting' } })).json() as Preview).count;
      expect(left).toBe(0);
    });
  });
});
