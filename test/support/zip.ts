import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/**
 * Hostile .xlsx files for the spreadsheet guard's tests. A real workbook is written by exceljs and taken apart
 * with jszip; the archive is put back together here with Node's own zlib, so a part can be replaced by one
 * that inflates to hundreds of megabytes (compressing that with jszip's JavaScript deflate would take a minute).
 */
export interface ZipPart {
  name: string;
  /** The part's bytes, or pieces generated on the fly (a bomb is never held in memory whole). */
  data: Buffer | (() => Iterable<Buffer>);
  /** Lie in the headers: declare this uncompressed size instead of the real one. */
  declaredSize?: number;
  /** Write the entry but leave it out of the central directory (only a front-to-back reader sees it). */
  hidden?: boolean;
}

async function deflatePart(part: ZipPart): Promise<{ compressed: Buffer; crc: number; size: number }> {
  const pieces = typeof part.data === 'function' ? part.data() : [part.data];
  let crc = 0;
  let size = 0;
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(
      (function* () {
        for (const piece of pieces) {
          crc = zlib.crc32(piece, crc);
          size += piece.length;
          yield piece;
        }
      })(),
    ),
    zlib.createDeflateRaw({ level: 9 }),
    async (compressed: AsyncIterable<Buffer>) => {
      for await (const chunk of compressed) out.push(chunk);
    },
  );
  return { compressed: Buffer.concat(out), crc, size };
}

/** A zip archive (deflate, no data descriptors) of the given parts. */
export async function writeZip(parts: ZipPart[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { compressed, crc, size } = await deflatePart(part);
    const name = Buffer.from(part.name, 'utf8');
    const declared = part.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    if (!part.hidden) centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const listed = parts.filter((p) => !p.hidden).length;
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A small, valid signal workbook written by exceljs, as its parts. */
export async function signalWorkbookParts(rows = 3): Promise<ZipPart[]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Signalen');
  sheet.addRow(['referentie', 'datum', 'soort', 'bedrag', 'achternaam', 'postcode', 'huisnummer']);
  for (let i = 0; i < rows; i++) sheet.addRow([`X-${i}`, '2025-03-01', 'huur', '50,00', 'Jansen', '3315AB', String(i + 1)]);
  const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  const parts: ZipPart[] = [];
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) parts.push({ name: entry.name, data: await entry.async('nodebuffer') });
  }
  return parts;
}

/** Shared strings of about `megabytes` MB: one string repeated, which deflate squeezes a thousandfold. */
export function sharedStringsBomb(megabytes: number): () => Iterable<Buffer> {
  return function* () {
    yield Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
    const piece = Buffer.from(`<si><t>${'A'.repeat(1 << 20)}</t></si>`);
    for (let n = 0; n < megabytes; n++) yield piece;
    yield Buffer.from('</sst>');
  };
}
