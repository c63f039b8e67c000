import { Readable } from 'node:stream';
import { inflateSync } from 'node:zlib';
import type { Database, Tx } from '../../db/database.ts';
import { systemActor } from '../../platform/actor.ts';
import { amsterdamDate } from '../../platform/clock.ts';
import { importSignalFile, type ImportSummary } from './commands/importSignalFile.ts';
import { readSignalFile } from './parse.ts';
import { signalSettings, type SignalSettings } from './settings.ts';

export const testSettings: SignalSettings = signalSettings({});

/** A signal date a few days before `now` (Europe/Amsterdam): within the retention term, whatever day the tests run. */
export function recentDate(now: Date = new Date(), daysAgo = 7): string {
  return amsterdamDate(new Date(now.getTime() - daysAgo * 86_400_000));
}

export const fileHeader = 'referentie;datum;soort;bedrag;bsn;achternaam;straat;postcode;huisnummer;toevoeging;woonplaats';

/** Imports CSV text as the system (the CLI's actor). */
export function importCsv(db: Database, creditorCode: string, csv: string | Buffer, settings: SignalSettings = testSettings): Promise<ImportSummary> {
  return importSignalFile(db, systemActor('test'), {
    creditor: { code: creditorCode },
    municipalityCode: 'GM0505',
    channel: 'cli',
    fileName: 'test.csv',
    rows: (today, intake) => readSignalFile(Readable.from([typeof csv === 'string' ? Buffer.from(csv) : csv]), { today, intake }),
    settings,
  });
}

/** Looks into personal tables the way a test may: through an audited unit of work. */
export function inspect<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.audited(systemActor('test'), { action: 'read', objectType: 'test' }, (tx) => work(tx));
}

/** The text shown by a PDF made with pdfkit: inflate the content streams and decode the hex strings of TJ operators. */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  const streamPattern = /stream\r?\n/g;
  for (let match = streamPattern.exec(raw); match; match = streamPattern.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = Buffer.from(raw.slice(start, end), 'latin1');
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const tj of content.matchAll(/\[(.*?)\]\s*TJ/gs)) {
      texts.push([...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
    }
  }
  return texts.join(' ').replace(/\s+/g, ' ');
}

export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

/**
 * Makes offer letters the way the page does, through the HTTP API: count the selection, confirm that number, then
 * fetch each print batch's PDF (which commits its cases as sent). Returns the count and the letters' text.
 */
export async function makeLettersThroughApi(
  app: {
    inject: (options: {
      method: 'GET' | 'POST';
      url: string;
      headers: Record<string, string>;
      payload?: object;
    }) => Promise<{ statusCode: number; json: () => unknown; rawPayload: Buffer }>;
  },
  headers: Record<string, string>,
  selection: { kind: 'awaiting' } | { kind: 'cases'; caseIds: string[] } | { kind: 'createdOn'; date: string },
): Promise<{ count: number; text: string }> {
  const preview = await app.inject({ method: 'POST', url: '/api/v1/signals/letters/preview', headers, payload: { selection } });
  if (preview.statusCode !== 200) throw new Error(`preview: ${preview.statusCode}`);
  const count = (preview.json() as { count: number }).count;
  if (count === 0) return { count, text: '' };
  const run = await app.inject({ method: 'POST', url: '/api/v1/signals/letters', headers, payload: { selection, confirmCount: count } });
  if (run.statusCode !== 201) throw new Error(`letters: ${run.statusCode}`);
  const texts: string[] = [];
  for (const batch of (run.json() as { batches: { id: string }[] }).batches) {
    const pdf = await app.inject({ method: 'GET', url: `/api/v1/signals/letters/batches/${batch.id}`, headers });
    if (pdf.statusCode !== 200) throw new Error(`batch: ${pdf.statusCode}`);
    texts.push(pdfText(pdf.rawPayload));
  }
  return { count, text: texts.join(' ') };
}
