import yauzl from 'yauzl';
import { z } from 'zod';
import { AppError, type FieldProblem } from './errors.ts';

/**
 * The guard in front of every .xlsx reader. An .xlsx file is a zip archive, and a zip of a few megabytes can
 * expand to gigabytes (a "zip bomb"): exceljs holds the shared strings in memory, so such a file would take the
 * server's memory and time. Before exceljs sees a byte, the archive is checked with yauzl: number of entries,
 * declared and actual uncompressed sizes, the compression ratio, and that the entries exceljs streams through
 * are exactly the ones the central directory lists. Rows and columns read afterwards are capped as well.
 */
export interface SpreadsheetLimits {
  /** The .xlsx file itself (it is held in memory while checked). */
  maxFileBytes: number;
  /** All entries of the archive together, uncompressed. */
  maxExpandedBytes: number;
  /** One part that exceljs keeps in memory whole (shared strings, styles, workbook). */
  maxCachedPartBytes: number;
  maxEntries: number;
  /** Uncompressed to compressed, for entries above `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxRows: number;
  maxColumns: number;
}

const MB = 1024 * 1024;

const environmentSchema = z.object({
  VANGNET_XLSX_MAX_FILE_MB: z.coerce.number().int().positive().max(1024).default(64),
  VANGNET_XLSX_MAX_EXPANDED_MB: z.coerce.number().int().positive().max(4096).default(256),
  VANGNET_XLSX_MAX_ROWS: z.coerce.number().int().positive().default(1_100_000),
});

/** The limits, from the environment (documented in the README). */
export function spreadsheetLimits(env: NodeJS.ProcessEnv = process.env): SpreadsheetLimits {
  const e = environmentSchema.parse({
    VANGNET_XLSX_MAX_FILE_MB: env.VANGNET_XLSX_MAX_FILE_MB || undefined,
    VANGNET_XLSX_MAX_EXPANDED_MB: env.VANGNET_XLSX_MAX_EXPANDED_MB || undefined,
    VANGNET_XLSX_MAX_ROWS: env.VANGNET_XLSX_MAX_ROWS || undefined,
  });
  return {
    maxFileBytes: e.VANGNET_XLSX_MAX_FILE_MB * MB,
    maxExpandedBytes: e.VANGNET_XLSX_MAX_EXPANDED_MB * MB,
    maxCachedPartBytes: Math.max(1, Math.floor(e.VANGNET_XLSX_MAX_EXPANDED_MB / 8)) * MB,
    maxEntries: 1000,
    maxRatio: 200,
    ratioFloorBytes: MB,
    maxRows: e.VANGNET_XLSX_MAX_ROWS,
    maxColumns: 200,
  };
}

/** A spreadsheet refused before or while reading: 413 when it is too big, 400 when it is not a sound archive. */
export class SpreadsheetRefusedError extends AppError {
  constructor(status: 400 | 413, message: string, reason: string) {
    const errors: FieldProblem[] = [{ line: 0, field: 'bestand', reason }];
    super(status === 413 ? 'spreadsheet_too_large' : 'spreadsheet_invalid', status, message, { errors });
  }
}

const tooLarge = (reason: string) =>
  new SpreadsheetRefusedError(413, 'Het XLSX-bestand is te groot om in te lezen. Splits het bestand of lever het aan als CSV.', reason);
const damaged = (reason: string) => new SpreadsheetRefusedError(400, 'Het XLSX-bestand kan niet worden gelezen.', reason);
const megabytes = (bytes: number) => `${Math.round(bytes / MB)} MB`;

/** Reads the whole upload into memory, refusing it as soon as it passes `maxFileBytes`. */
export async function collectSpreadsheet(chunks: AsyncIterable<Uint8Array>, limits: SpreadsheetLimits): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    length += chunk.length;
    if (length > limits.maxFileBytes) throw tooLarge(`Het bestand is groter dan ${megabytes(limits.maxFileBytes)}.`);
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts, length);
}

/** Parts that exceljs reads whole into memory rather than streaming row by row. */
function isCachedPart(name: string): boolean {
  return !/^xl\/worksheets\/[^/]+\.xml$/i.test(name);
}

/**
 * Checks an .xlsx archive before anything expands it; throws `SpreadsheetRefusedError` with a Dutch message.
 * Every entry is also inflated once (streamed, counted, thrown away) so a size the archive lies about is caught.
 */
export async function assertSpreadsheetIsBounded(file: Buffer, limits: SpreadsheetLimits): Promise<void> {
  if (file.length > limits.maxFileBytes) throw tooLarge(`Het bestand is groter dan ${megabytes(limits.maxFileBytes)}.`);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(file, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw damaged('Ongeldig of beschadigd XLSX-bestand.');
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw tooLarge(`Het bestand bevat meer dan ${limits.maxEntries} onderdelen.`);
    const centralDirectoryOffset = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
    const entries = await readEntries(zip);
    let declared = 0;
    for (const entry of entries) {
      declared += entry.uncompressedSize;
      if (declared > limits.maxExpandedBytes) throw tooLarge(`Uitgepakt is het bestand groter dan ${megabytes(limits.maxExpandedBytes)}.`);
      if (isCachedPart(entry.fileName) && entry.uncompressedSize > limits.maxCachedPartBytes) {
        throw tooLarge(`Het onderdeel ${entry.fileName.slice(0, 100)} is uitgepakt groter dan ${megabytes(limits.maxCachedPartBytes)}.`);
      }
      if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
        throw tooLarge(`Het onderdeel ${entry.fileName.slice(0, 100)} is verdacht sterk ingepakt.`);
      }
    }
    assertEntriesTileArchive(file, entries, centralDirectoryOffset);
    for (const entry of entries) await drain(zip, entry);
  } finally {
    zip.close();
  }
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', () => reject(damaged('Ongeldig of beschadigd XLSX-bestand.')));
    zip.readEntry();
  });
}

/**
 * exceljs reads the archive front to back by its local headers, not by the central directory yauzl checked.
 * So the local entries must be exactly the listed ones, back to back from the first byte to the directory,
 * with the same names and sizes: no hidden entry in between that only exceljs would see.
 */
function assertEntriesTileArchive(file: Buffer, entries: yauzl.Entry[], centralDirectoryOffset: number): void {
  const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  let expected = 0;
  for (const entry of sorted) {
    const at = entry.relativeOffsetOfLocalHeader;
    if (at !== expected || at + 30 > file.length || file.readUInt32LE(at) !== 0x04034b50)
      throw damaged('De onderdelen van het bestand sluiten niet op elkaar aan.');
    const nameLength = file.readUInt16LE(at + 26);
    const extraLength = file.readUInt16LE(at + 28);
    if (
      file.subarray(at + 30, at + 30 + nameLength).toString('utf8') !== entry.fileName &&
      file.subarray(at + 30, at + 30 + nameLength).toString('latin1') !== entry.fileName
    ) {
      throw damaged('De onderdelen van het bestand sluiten niet op elkaar aan.');
    }
    const hasDescriptor = (entry.generalPurposeBitFlag & 0x8) !== 0;
    const localCompressed = file.readUInt32LE(at + 18);
    const localUncompressed = file.readUInt32LE(at + 22);
    if (!hasDescriptor && localCompressed !== 0xffffffff && (localCompressed !== entry.compressedSize || localUncompressed !== entry.uncompressedSize)) {
      throw damaged('De onderdelen van het bestand sluiten niet op elkaar aan.');
    }
    let end = at + 30 + nameLength + extraLength + entry.compressedSize;
    if (hasDescriptor) {
      const zip64 = entry.compressedSize >= 0xffffffff || entry.uncompressedSize >= 0xffffffff || localCompressed === 0xffffffff;
      const signed = end + 4 <= file.length && file.readUInt32LE(end) === 0x08074b50;
      end += (signed ? 4 : 0) + 4 + (zip64 ? 16 : 8);
    }
    expected = end;
  }
  if (expected !== centralDirectoryOffset) throw damaged('De onderdelen van het bestand sluiten niet op elkaar aan.');
}

/** Inflates one entry and throws the bytes away; yauzl fails the stream when it yields more than it declared. */
async function drain(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    throw damaged('Ongeldig of beschadigd XLSX-bestand.');
  }
  try {
    for await (const _chunk of stream) {
      // counted by yauzl
    }
  } catch {
    throw tooLarge(`Het onderdeel ${entry.fileName.slice(0, 100)} pakt anders uit dan het bestand opgeeft.`);
  }
}

/** A worksheet's rows, refusing a sheet with more rows or columns than the limits allow. */
export async function* boundedRows<Row extends { number: number; cellCount?: number; values: unknown }>(
  worksheet: AsyncIterable<Row> | unknown,
  limits: SpreadsheetLimits,
): AsyncGenerator<Row> {
  for await (const row of worksheet as AsyncIterable<Row>) {
    if (row.number > limits.maxRows) throw tooLarge(`Het werkblad heeft meer dan ${limits.maxRows} regels.`);
    const values = row.values;
    if (Array.isArray(values) && values.length - 1 > limits.maxColumns) throw tooLarge(`Het werkblad heeft meer dan ${limits.maxColumns} kolommen.`);
    yield row;
  }
}
