import { Readable } from 'node:stream';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import {
  assertSpreadsheetIsBounded,
  boundedRows,
  collectSpreadsheet,
  spreadsheetLimits,
  SpreadsheetRefusedError,
  type SpreadsheetLimits,
} from '../../platform/spreadsheet.ts';
import type { IntakeContext, RawRow, SignalColumn } from './columns.ts';
import { signalFileProblem, SignalFileError } from './messages.ts';
import { cellText, mapHeader, missingColumns, resolveHeader, rowFromCells } from './signalHeader.ts';
import { validateSignalRow, type RowResult } from './signalRow.ts';

/**
 * A creditor's file → signal records, streaming: every row comes out either as a record or as the reasons (line,
 * field, Dutch text) why it was rejected. Nothing is dropped silently. The header is read in signalHeader.ts, each
 * row checked in signalRow.ts, each cell in parseFields.ts; this file reads CSV and XLSX and re-exports the rest.
 */
export {
  ddasColumnNames,
  columnKey,
  mapHeader,
  resolveHeader,
  rowFromCells,
  SignalFileError,
} from './signalHeader.ts';
export { validateSignalRow, type Rejection, type RowResult, type SignalRecord } from './signalRow.ts';
export {
  parseDutchDate,
  parseEuroAmount,
  parseFlag,
  parseHouseNumber,
  parseThreat,
  threatLabels,
  threatsOfType,
  type Threat,
} from './parseFields.ts';
export {
  requiredSignalColumns,
  signalColumnLabels,
  signalColumnNames,
  signalColumns,
  type ColumnMapping,
  type IntakeContext,
  type RawRow,
  type SignalColumn,
} from './columns.ts';

/** Invalid UTF-8 in the first bytes means the creditor's system wrote Windows-1252 (the usual Excel export). */
export function detectEncoding(head: Uint8Array): 'utf8' | 'win1252' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf8';
  } catch {
    return 'win1252';
  }
}

/** The delimiter that occurs most in the header line, outside quotes: `;` (Dutch Excel), `,` or tab. */
export function sniffDelimiter(text: string): ';' | ',' | '\t' {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as [keyof typeof counts, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ';';
}

export interface ReadOptions {
  today: string;
  /** The creditor's column mapping and types. */
  intake?: IntakeContext;
  /** Called with the number of bytes read so far (for a progress bar). */
  onBytes?: (bytes: number) => void;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Reads a CSV (any of the accepted encodings and delimiters) or XLSX file as a stream of validated rows.
 * Throws `SignalFileError` when the file cannot be read at all.
 */
export async function* readSignalFile(input: AsyncIterable<Uint8Array>, options: ReadOptions): AsyncGenerator<RowResult> {
  for await (const batch of readSignalFileBatches(input, options)) yield* batch;
}

/** As `readSignalFile`, a few thousand rows at a time: a million rows need not pass one by one through a generator. */
export async function* readSignalFileBatches(input: AsyncIterable<Uint8Array>, options: ReadOptions): AsyncGenerator<RowResult[]> {
  const iterator = input[Symbol.asyncIterator]();
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let bytes = 0;
  let done = false;
  while (headLength < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.from(next.value);
    headChunks.push(chunk);
    headLength += chunk.length;
  }
  const head = Buffer.concat(headChunks);
  if (head.length === 0) throw signalFileProblem('file_empty');
  async function* allChunks(): AsyncGenerator<Buffer> {
    bytes += head.length;
    options.onBytes?.(bytes);
    yield head;
    while (!done) {
      const next = await iterator.next();
      if (next.done) break;
      bytes += next.value.length;
      options.onBytes?.(bytes);
      yield Buffer.from(next.value);
    }
  }
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (isZip) {
    // A zip can expand to far more than it weighs: checked whole before exceljs expands anything.
    const limits = spreadsheetLimits();
    const file = await collectSpreadsheet(allChunks(), limits);
    await assertSpreadsheetIsBounded(file, limits);
    yield* readXlsx(Readable.from([file]), options.today, options.intake ?? {}, limits);
    return;
  }
  if (head.subarray(0, 4096).includes(0)) {
    throw signalFileProblem('file_not_csv_or_xlsx');
  }
  yield* readCsv(allChunks(), head, options.today, options.intake ?? {});
}

async function* readCsv(chunks: AsyncGenerator<Buffer>, head: Buffer, today: string, intake: IntakeContext): AsyncGenerator<RowResult[]> {
  const encoding = detectEncoding(head);
  const decoder = iconv.getDecoder(encoding); // also drops a UTF-8 byte order mark
  const delimiter = sniffDelimiter(iconv.decode(head.subarray(0, 8192), encoding));
  // Line breaks as Windows, Unix or old Mac write them, even mixed in one file, all become \n (a \r at the end
  // of a chunk waits for the next chunk, in case a \n follows). DOS programs end a text file with Ctrl-Z (0x1A):
  // a run of them at the very end is the end of the file, not a row (it waits too, until the file ends).
  async function* decoded(): AsyncGenerator<string> {
    let carry = '';
    for await (const chunk of chunks) {
      let text = carry + (decoder.write(chunk) ?? '');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: Ctrl-Z (0x1A) is the end-of-file mark old Windows exports append
      const held = /[\r\x1a]+$/.exec(text);
      carry = held ? held[0] : '';
      if (held) text = text.slice(0, held.index);
      if (text) yield* pieces(text.replace(/\r\n?/g, '\n'));
    }
    // A single-byte decoder (Windows-1252) returns undefined at its end, not '': never let that become text.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: Ctrl-Z (0x1A) is the end-of-file mark old Windows exports append
    const rest = (carry + (decoder.end() ?? '')).replace(/\x1a+$/, '').replace(/\r\n?/g, '\n');
    if (rest) yield* pieces(rest);
  }
  let header: (SignalColumn | null)[] | null = null;
  // The line each record starts on: records are counted with the line breaks inside quoted cells.
  let line = 1;
  let carried = '';
  const texts = decoded();
  for (let done = false; !done; ) {
    const next = await texts.next();
    done = !!next.done;
    const input = carried + (next.done ? '' : next.value);
    if (!input) continue;
    const parsed = parsePiece(input, delimiter, done);
    carried = parsed.rest;
    const batch: RowResult[] = [];
    const firstLine = line;
    let startLine = line;
    for (const record of parsed.data) {
      startLine = line;
      line += 1;
      for (const cell of record) if (cell.includes('\n')) line += cell.split('\n').length - 1;
      if (record.length === 1 && !record[0]!.trim()) continue; // an empty line
      if (!header) {
        header = mapHeader(record, startLine, intake);
        continue;
      }
      if (record.every((cell) => !cell.trim())) continue;
      batch.push(validateSignalRow(rowFromCells(header, record), startLine, today, intake));
    }
    // Only the last record can lack its closing quote: it then runs to the end of the file.
    if (parsed.errors.some((e) => e.code === 'MissingQuotes')) throw unclosedQuote(parsed.data.length ? startLine : firstLine);
    if (batch.length) yield batch;
    if (carried.length > MAX_RECORD_CHARS) throw unclosedQuote(line);
  }
  if (!header) throw signalFileProblem('csv_no_header');
}

function unclosedQuote(line: number): SignalFileError {
  return signalFileProblem('csv_unclosed_quote', { line });
}

/**
 * Text in pieces of at most 64 K characters, whatever the size of the chunks read: a few hundred records at a time
 * are checked and passed on before the next are parsed, so they die young (twice as fast as megabyte chunks, and
 * the process grows by some 25 MB instead of 140 MB over a million rows).
 */
const PIECE_CHARS = 1 << 16;
function* pieces(text: string): Generator<string> {
  if (text.length <= PIECE_CHARS) {
    yield text;
    return;
  }
  for (let i = 0; i < text.length; i += PIECE_CHARS) yield text.slice(i, i + PIECE_CHARS);
}

/** A record longer than this is not a signal: most likely a quote that is never closed. */
const MAX_RECORD_CHARS = 1 << 20;

/**
 * Papa Parse's parser over one piece of text: its complete records, and the unfinished last one (`rest`) to put in
 * front of the next piece. The pieces are pulled one at a time, so a large file never sits in memory.
 */
function parsePiece(text: string, delimiter: string, last: boolean): { data: string[][]; errors: Papa.ParseError[]; rest: string } {
  const parser = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' });
  const results = parser.parse(text, 0, !last) as Papa.ParseResult<string[]>;
  return { data: results.data, errors: results.errors, rest: last ? '' : text.slice(results.meta.cursor) };
}

/** A spreadsheet's header row is looked for in its first rows (a title or date row may stand above it). */
export const HEADER_SEARCH_ROWS = 20;

async function* readXlsx(stream: Readable, today: string, intake: IntakeContext, limits: SpreadsheetLimits): AsyncGenerator<RowResult[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let header: (SignalColumn | null)[] | null = null;
  // The header row is the first row that holds every required column; the best candidate explains a refusal.
  let best: { line: number; missing: SignalColumn[]; known: number } | null = null;
  try {
    for await (const worksheet of reader) {
      for await (const row of boundedRows(worksheet as AsyncIterable<ExcelJS.Row>, limits)) {
        const cells = (row.values as unknown[]).slice(1);
        if (cells.every((c) => cellText(c).trim() === '')) continue;
        if (!header) {
          const found = resolveHeader(cells.map(cellText), intake);
          if (found.known && !found.missing.length) {
            header = found.columns;
            continue;
          }
          if (found.known > (best?.known ?? 0)) best = { line: row.number, missing: found.missing, known: found.known };
          if (row.number >= HEADER_SEARCH_ROWS) break;
          continue;
        }
        yield [validateSignalRow(rowFromCells(header, cells), row.number, today, intake)];
      }
      break; // only the first worksheet holds signals
    }
  } catch (error) {
    if (error instanceof SignalFileError || error instanceof SpreadsheetRefusedError) throw error;
    throw signalFileProblem('xlsx_unreadable');
  }
  if (!header && best) throw missingColumns(best.missing, best.line);
  if (!header) throw signalFileProblem('xlsx_no_header', { rows: HEADER_SEARCH_ROWS });
}

/** The JSON batch of `POST /signals`: the same column names as the file, so one validation serves both. */
export function validateBatch(rows: Record<string, unknown>[], today: string, intake: IntakeContext = {}): RowResult[] {
  return rows.map((row, i) => validateSignalRow(stringify(row, intake), i + 1, today, intake));
}

/** A JSON signal's keys are column names too: the same names, DDAS names and the creditor's mapping as a file. */
function stringify(row: Record<string, unknown>, intake: IntakeContext): RawRow {
  const out: RawRow = {};
  const keys = Object.keys(row);
  const { columns } = resolveHeader(keys, intake);
  keys.forEach((key, i) => {
    const column = columns[i];
    const value = row[key];
    if (column && value !== null && value !== undefined) {
      out[column] = typeof value === 'number' && column === 'bedrag' ? value.toFixed(2) : typeof value === 'boolean' ? (value ? 'ja' : 'nee') : String(value);
    }
  });
  return out;
}
