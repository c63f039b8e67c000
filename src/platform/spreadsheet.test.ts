import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readSignalFile, type RowResult } from '../modules/signals/parse.ts';
import { sharedStringsBomb, signalWorkbookParts, writeZip, type ZipPart } from '../../test/support/zip.ts';

async function read(file: Buffer): Promise<RowResult[]> {
  const rows: RowResult[] = [];
  for await (const row of readSignalFile(Readable.from([file]), { today: '2025-06-01' })) rows.push(row);
  return rows;
}

async function refusal(file: Buffer): Promise<{ status: number; message: string; reason: string }> {
  try {
    await read(file);
  } catch (error) {
    const e = error as { status: number; message: string; details: { errors: { reason: string }[] } };
    return { status: e.status, message: e.message, reason: e.details.errors[0]!.reason };
  }
  throw new Error('the file was read');
}

const replace = (parts: ZipPart[], name: string, change: Partial<ZipPart>) => parts.map((p) => (p.name === name ? { ...p, ...change } : p));

describe('the spreadsheet guard in front of every .xlsx reader', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });

  it('reads a workbook as exceljs writes it', async () => {
    const rows = await read(await writeZip(await signalWorkbookParts(3)));
    expect(rows.map((r) => r.ok)).toEqual([true, true, true]);
  });

  it('refuses shared strings that expand to hundreds of megabytes, in Dutch, before exceljs holds them', async () => {
    const bomb = await writeZip(replace(await signalWorkbookParts(), 'xl/sharedStrings.xml', { data: sharedStringsBomb(300) }));
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    expect(await refusal(bomb)).toEqual({
      status: 413,
      message: 'Het XLSX-bestand is te groot om in te lezen. Splits het bestand of lever het aan als CSV.',
      reason: expect.stringMatching(/groter dan 256 MB/),
    });
    // Under the total but over what may be held in memory (an eighth of it).
    const smaller = await writeZip(replace(await signalWorkbookParts(), 'xl/sharedStrings.xml', { data: sharedStringsBomb(40) }));
    expect((await refusal(smaller)).reason).toBe('Het onderdeel xl/sharedStrings.xml is uitgepakt groter dan 32 MB.');
  }, 120_000);

  it('refuses a part that expands to more than the archive declares', async () => {
    const lying = await writeZip(replace(await signalWorkbookParts(), 'xl/sharedStrings.xml', { data: sharedStringsBomb(40), declaredSize: 2000 }));
    expect(await refusal(lying)).toMatchObject({ status: 413, reason: 'Het onderdeel xl/sharedStrings.xml pakt anders uit dan het bestand opgeeft.' });
  }, 120_000);

  it('refuses an entry that only a front-to-back reader would see', async () => {
    const parts = await signalWorkbookParts();
    const hidden = await writeZip([{ name: 'xl/sharedStrings.xml', data: sharedStringsBomb(5), hidden: true }, ...parts]);
    expect(await refusal(hidden)).toEqual({
      status: 400,
      message: 'Het XLSX-bestand kan niet worden gelezen.',
      reason: 'De onderdelen van het bestand sluiten niet op elkaar aan.',
    });
  });

  it('caps the rows read, and the total expansion is configurable', async () => {
    process.env.VANGNET_XLSX_MAX_ROWS = '3';
    expect(await refusal(await writeZip(await signalWorkbookParts(5)))).toMatchObject({ status: 413, reason: 'Het werkblad heeft meer dan 3 regels.' });
    process.env.VANGNET_XLSX_MAX_ROWS = '';
    process.env.VANGNET_XLSX_MAX_EXPANDED_MB = '8';
    const sixteen = await writeZip(replace(await signalWorkbookParts(), 'xl/sharedStrings.xml', { data: sharedStringsBomb(16) }));
    expect((await refusal(sixteen)).reason).toBe('Uitgepakt is het bestand groter dan 8 MB.');
  });
});
