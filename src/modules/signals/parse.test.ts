import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  detectEncoding,
  parseDutchDate,
  parseEuroAmount,
  parseFlag,
  parseHouseNumber,
  readSignalFile,
  sniffDelimiter,
  SignalFileError,
  validateBatch,
  validateSignalRow,
  type IntakeContext,
  type RowResult,
} from './parse.ts';
import { groupHouseholds, householdKey, withinWindow } from './household.ts';

const today = '2025-06-30';
const header = 'referentie;datum;soort;bedrag;achternaam;postcode;huisnummer';

async function readAll(bytes: Buffer | string, chunkSize = 7, intake?: IntakeContext): Promise<RowResult[]> {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  // Small chunks: multi-byte characters and lines are split across chunk boundaries.
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += chunkSize) chunks.push(buffer.subarray(i, i + chunkSize));
  const out: RowResult[] = [];
  for await (const row of readSignalFile(Readable.from(chunks), { today, intake })) out.push(row);
  return out;
}

const ok = (rows: RowResult[]) => rows.filter((r) => r.ok).map((r) => (r as Extract<RowResult, { ok: true }>).record);

describe('amounts', () => {
  it.each([
    ['1.234,56', 123456],
    ['€ 12,50', 1250],
    ['€12,5', 1250],
    ['EUR 25', 2500],
    ['1234,56', 123456],
    ['1.234', 123400],
    ['1.234.567,89', 123456789],
    ['12.50', 1250],
    ['1,234.56', 123456],
    ['0,99', 99],
    ['-10,00', -1000],
  ])('reads %s as %i cents', (text, cents) => expect(parseEuroAmount(text)).toBe(cents));

  it.each(['', 'abc', '12,345,6', '1.2.3', '12,555', '€', '1,23.4'])('refuses %s', (text) => expect(parseEuroAmount(text)).toBeNull());
});

describe('dates', () => {
  it('reads ISO and Dutch day-month-year', () => {
    expect(parseDutchDate('2025-03-01')).toBe('2025-03-01');
    expect(parseDutchDate('01-03-2025')).toBe('2025-03-01');
    expect(parseDutchDate('1/3/2025')).toBe('2025-03-01');
    expect(parseDutchDate('29-02-2024')).toBe('2024-02-29');
  });
  it('refuses impossible dates', () => {
    expect(parseDutchDate('29-02-2025')).toBeNull();
    expect(parseDutchDate('2025-13-01')).toBeNull();
    expect(parseDutchDate('03/2025')).toBeNull();
  });
});

describe('one row', () => {
  const good = {
    referentie: 'A1',
    datum: '01-03-2025',
    soort: 'Huur',
    bedrag: '€ 1.234,56',
    achternaam: 'Jansen',
    postcode: '3315 ab',
    huisnummer: '12',
    bsn: '11122341',
  };
  it('normalises what creditors really send', () => {
    const result = validateSignalRow(good, 2, today);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({
      reference: 'A1',
      signalDate: '2025-03-01',
      creditorType: 'rent',
      amountCents: 123456,
      postcode: '3315AB',
      houseNumber: 12,
      bsn: '011122341',
    });
  });
  it('accepts every creditor type of the file format', () => {
    const types = {
      huur: 'rent',
      zorgverzekering: 'health_insurance',
      drinkwater: 'water',
      energie: 'energy',
      gemeentelijke_belastingen: 'municipal_taxes',
      overig: 'other',
      'Gemeentelijke belastingen': 'municipal_taxes',
      hypotheek: 'mortgage',
    };
    for (const [soort, code] of Object.entries(types)) {
      const r = validateSignalRow({ ...good, soort }, 2, today);
      expect(r.ok && r.record.creditorType, soort).toBe(code);
    }
  });
  it('names the line, field and a Dutch reason for each problem', () => {
    const result = validateSignalRow({ ...good, bsn: '123456789', bedrag: 'veel', datum: '2025-07-01', postcode: '33150', soort: 'casino' }, 17, today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.rejections.map((r) => [r.field, r]));
    expect(Object.keys(byField).sort()).toEqual(['bedrag', 'bsn', 'datum', 'postcode', 'soort']);
    expect(byField.bsn).toEqual({ line: 17, field: 'bsn', reason: 'Het BSN voldoet niet aan de elfproef.' });
    expect(byField.datum!.reason).toContain('toekomst');
  });
  it('refuses an amount above ten million euros instead of failing the import on it', () => {
    const row = (bedrag: string) =>
      validateSignalRow({ referentie: 'R1', datum: '2025-03-01', soort: 'huur', bedrag, achternaam: 'Jansen', postcode: '3315AB', huisnummer: '12' }, 2, today);
    expect(row('10.000.000,00').ok).toBe(true);
    expect(row('25.000.000,00')).toMatchObject({
      ok: false,
      rejections: [{ line: 2, field: 'bedrag', reason: expect.stringContaining('onwaarschijnlijk hoog') }],
    });
  });

  it('refuses a zero or negative amount and a missing reference', () => {
    const r = validateSignalRow({ ...good, bedrag: '0,00', referentie: ' ' }, 3, today);
    expect(r.ok ? [] : r.rejections.map((x) => x.field).sort()).toEqual(['bedrag', 'referentie']);
  });
});

describe('files', () => {
  const rows = ['R1;2025-03-01;huur;12,50;Jansen;3315AB;12', 'R2;02-03-2025;energie;€ 1.000,00;Müller;3316 CD;3'];

  it('reads UTF-8 with a BOM, header in another order and case', async () => {
    const csv = '\ufeffPOSTCODE;Referentie;DATUM;soort;Bedrag;huisnummer;AchterNaam\n3315AB;R1;2025-03-01;huur;12,50;12;Jansen\n';
    const records = ok(await readAll(csv));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ reference: 'R1', postcode: '3315AB', surname: 'Jansen', amountCents: 1250 });
  });

  it('reads Windows-1252 (Excel) with accented names intact', async () => {
    const csv = iconv.encode(`${header}\nR1;2025-03-01;huur;12,50;Çelik-Ünal;3315AB;12\nR2;2025-03-01;huur;12,50;Eén;3315AB;14\n`, 'win1252');
    expect(detectEncoding(csv)).toBe('win1252');
    const records = ok(await readAll(csv, 5));
    expect(records.map((r) => r.surname)).toEqual(['Çelik-Ünal', 'Eén']);
  });

  it('keeps UTF-8 characters that straddle chunk boundaries', async () => {
    const records = ok(await readAll(`${header}\nR1;2025-03-01;huur;12,50;Çelik-Ünal Öztürk;3315AB;12\n`, 3));
    expect(records[0]!.surname).toBe('Çelik-Ünal Öztürk');
  });

  it.each([
    [';', rows.join('\n')],
    [
      ',',
      rows
        .map((r) =>
          r
            .split(';')
            .map((c) => (c.includes(',') ? `"${c}"` : c))
            .join(','),
        )
        .join('\n'),
    ],
    ['\t', rows.map((r) => r.replaceAll(';', '\t')).join('\n')],
  ])('sniffs the delimiter %j', async (delimiter, body) => {
    const head = header.replaceAll(';', delimiter);
    expect(sniffDelimiter(head)).toBe(delimiter);
    const records = ok(await readAll(`${head}\r\n${body}\r\n`));
    expect(records.map((r) => [r.reference, r.amountCents])).toEqual([
      ['R1', 1250],
      ['R2', 100000],
    ]);
  });

  it('reports bad rows with their line numbers and skips empty lines', async () => {
    const csv = `${header}\nR1;2025-03-01;huur;12,50;Jansen;3315AB;12\n\nR2;2025-03-01;huur;twaalf;Jansen;3315AB;12\nR3;31-02-2025;huur;1;Jansen;3315AB;12\n`;
    const result = await readAll(csv);
    expect(result.map((r) => r.ok)).toEqual([true, false, false]);
    expect(result.flatMap((r) => (r.ok ? [] : r.rejections.map((x) => [x.line, x.field])))).toEqual([
      [4, 'bedrag'],
      [5, 'datum'],
    ]);
  });

  it('counts the line breaks inside quoted cells, in every line-ending style, for the line numbers', async () => {
    const csv = `${header}\r\nR1;2025-03-01;huur;12,50;"Jansen\r\nde Wit";3315AB;12\rR2;2025-03-01;huur;twaalf;Jansen;3315AB;12\nR3;2025-03-01;huur;"1\n\n";Jansen;3315AB;12\nR4;2025-13-01;huur;1;Jansen;3315AB;12\n`;
    const result = await readAll(csv, 5);
    expect(result.map((r) => r.line)).toEqual([2, 4, 5, 8]);
    expect(ok(result)[0]!.surname).toBe('Jansen\nde Wit');
    expect(result.flatMap((r) => (r.ok ? [] : r.rejections.map((x) => [x.line, x.field])))).toEqual([
      [4, 'bedrag'],
      [8, 'datum'],
    ]);
  });

  it('refuses a quote that is never closed, naming the line, instead of reading the rest of the file as one cell', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `R${i};2025-03-01;huur;12,50;Jansen;3315AB;12`);
    const error = await readAll(`${header}\n${rows.join('\n')}\nR99;2025-03-01;huur;"12,50;Jansen;3315AB;12\n${rows.join('\n')}\n`, 4096).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignalFileError);
    expect((error as SignalFileError).details.errors).toEqual([{ line: 52, field: 'bestand', reason: expect.stringContaining('aanhalingsteken') }]);
  });

  it('reads a file of many pieces with the same result as at once', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `R${i};0${1 + (i % 9)}-03-2025;huur;${i + 1},50;Jansen;3315AB;${1 + (i % 200)}`);
    const csv = `${header}\n${rows.join('\n')}\n`;
    const whole = await readAll(csv, csv.length);
    const small = await readAll(csv, 1000);
    expect(small).toEqual(whole);
    expect(whole).toHaveLength(3000);
    expect(whole.at(-1)).toMatchObject({ line: 3001, ok: true, record: { reference: 'R2999', amountCents: 300050 } });
  });

  it('refuses a file without a header, a missing column, binary data and an empty file', async () => {
    await expect(readAll('R1;2025-03-01;huur;12,50;Jansen;3315AB;12\n')).rejects.toThrow(SignalFileError);
    await expect(readAll('referentie;datum;soort;bedrag;achternaam;huisnummer\nR1;2025-03-01;huur;1;J;1\n')).rejects.toThrow(/postcode/);
    await expect(readAll(Buffer.from([0, 1, 2, 3, 0, 0, 0, 5]))).rejects.toThrow(/geen CSV/);
    await expect(readAll('')).rejects.toThrow(/leeg/);
  });

  it('reads the first worksheet of an .xlsx file, with dates and numbers as cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Signalen');
    sheet.addRow(['Referentie', 'Datum', 'Soort', 'Bedrag', 'Achternaam', 'Postcode', 'Huisnummer', 'BSN']);
    sheet.addRow(['X1', new Date(Date.UTC(2025, 2, 1)), 'zorgverzekering', 123.45, 'de Vries', '3316 AB', 7, 11122341]);
    sheet.addRow(['X2', '01-04-2025', 'energie', '€ 1.000,00', 'Smit', 'onbekend', 8, null]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await readAll(buffer, 1000);
    expect(result).toHaveLength(2);
    expect(result[0]).toMatchObject({
      ok: true,
      line: 2,
      record: { reference: 'X1', signalDate: '2025-03-01', amountCents: 12345, houseNumber: 7, bsn: '011122341' },
    });
    expect(result[1]).toMatchObject({ ok: false, line: 3, rejections: [{ field: 'postcode' }] });
  });
});

describe('what creditors really send', () => {
  // Every encoding × line ending × with and without a final line ending (and with the DOS end-of-file byte):
  // exactly the rows of the file, all accepted, none rejected.
  const body = ['Q1;2025-03-01;huur;12,50;Müller;3315AB;12', 'Q2;02-03-2025;huur;€ 1.000,00;Zoë Çelik;3316 CD;3', 'Q3;2025-03-03;huur;7;Eén;3317EF;8a'];
  const encodings: [string, (text: string) => Buffer][] = [
    ['UTF-8', (t) => Buffer.from(t, 'utf8')],
    ['UTF-8 met BOM', (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')])],
    ['Windows-1252', (t) => iconv.encode(t, 'win1252')],
  ];
  const cases = encodings.flatMap(([name, encode]) =>
    ['\r\n', '\n', '\r'].flatMap((eol) =>
      [
        ['zonder slotregeleinde', ''],
        ['met slotregeleinde', eol],
        ['met slotregeleinde en Ctrl-Z', `${eol}\x1a`],
        ['met Ctrl-Z zonder slotregeleinde', '\x1a'],
      ].map(([end, tail]) => [name, JSON.stringify(eol), end, encode([header, ...body].join(eol) + tail)] as const),
    ),
  );
  it.each(cases)('%s, regeleinde %s, %s: alle regels, geen valse afwijzing', async (_name, _eol, _end, bytes) => {
    for (const chunkSize of [5, 64 * 1024]) {
      const rows = await readAll(bytes, chunkSize);
      expect(rows.filter((r) => !r.ok)).toEqual([]);
      expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
      expect(ok(rows).map((r) => r.surname)).toEqual(['Müller', 'Zoë Çelik', 'Eén']);
    }
  });

  it.each([
    ['8', null, 8, null],
    ['8a', null, 8, 'A'],
    ['8 A', null, 8, 'A'],
    ['12-A', null, 12, 'A'],
    ['12 bis', null, 12, 'BIS'],
    ['200-01', null, 200, '01'],
    ['1-3', null, 1, '3'],
    ['14 hs', null, 14, 'HS'],
    ['2 I', null, 2, 'I'],
    ['012', null, 12, null],
    ['8', 'a', 8, 'A'],
    ['8a', 'A', 8, 'A'],
    ['8a', '2', 8, 'A-2'],
    ['8', '-bis', 8, 'BIS'],
    ['99999', null, 99999, null],
  ] as const)('house number %j with addition column %j is %i %j', (text, column, number, addition) => {
    expect(parseHouseNumber(text, column)).toEqual({ number, addition });
  });

  it.each([['0'], ['a12'], ['123456'], ['12 ?'], ['twaalf'], ['12 abcdefghijk']])('refuses house number %j', (text) => {
    expect(parseHouseNumber(text)).toBeNull();
  });

  it('stores a written-out house number as number and addition, never rejecting it', async () => {
    const rows = await readAll(
      `${header};toevoeging\nH1;2025-03-01;huur;1;Jansen;3315AB;8 A;\nH2;2025-03-01;huur;1;Jansen;3315AB;12 bis;\nH3;2025-03-01;huur;1;Jansen;3315AB;200-01;\nH4;2025-03-01;huur;1;Jansen;3315AB;14;hs\n`,
    );
    expect(rows.filter((r) => !r.ok)).toEqual([]);
    expect(ok(rows).map((r) => [r.houseNumber, r.houseNumberSuffix])).toEqual([
      [8, 'A'],
      [12, 'BIS'],
      [200, '01'],
      [14, 'HS'],
    ]);
    const bad = await readAll(`${header}\nH5;2025-03-01;huur;1;Jansen;3315AB;bij de kerk\n`);
    expect(bad).toMatchObject([{ ok: false, rejections: [{ line: 2, field: 'huisnummer', reason: expect.stringContaining('geen huisnummer') }] }]);
  });

  it.each([
    ['ja', true],
    ['Nee', false],
    ['true', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    ['j', true],
    ['n', false],
    ['x', true],
    ['X', true],
    ['', false],
    [' ', false],
  ] as const)('reads the yes/no cell %j as %s', (text, value) => expect(parseFlag(text)).toBe(value));
  it('reads the signal partner types of the DDAS v1.2 schema exactly as written there', () => {
    const v12 = {
      Belastingdienst: 'tax_authority',
      'CAK Eigen bijdrage': 'cak_own_contribution',
      'CAK Zorgverzekeringen': 'cak_health_insurance',
      'Dienst Toeslagen': 'allowances',
      DUO: 'duo',
      Energie: 'energy',
      Huur: 'rent',
      Hypotheek: 'mortgage',
      Overige: 'other',
      Water: 'water',
      Zorg: 'health_insurance',
    };
    for (const [soort, code] of Object.entries(v12)) {
      const r = validateSignalRow(
        { referentie: 'V1', datum: '2025-03-01', soort, bedrag: '10', achternaam: 'Jansen', postcode: '3315AB', huisnummer: '12' },
        2,
        today,
      );
      expect(r.ok && r.record.creditorType, soort).toBe(code);
    }
  });
  it('refuses a yes/no cell that is neither', () => expect(parseFlag('misschien')).toBeNull());

  it('accepts the DDAS field names as column names, in any case, and stores ontstaansdatum, crisissignaal and warmeOverdracht', async () => {
    const ddas =
      'referentie;Burgerservicenummer;Voorletters;Voorvoegsel;Achternaam;Geboortedatum;Straatnaam;Huisnummer;Huisnummertoevoeging;Postcode;Plaatsnaam;bedrag;ontstaansdatum;signaaldatum;crisissignaal;warmeOverdracht;soort';
    const rows = await readAll(
      `${ddas}\nD1;111222333;J.;van der;Berg;1980-05-01;Voorstraat;8;a;3311 AB;Dordrecht;250;2025-01-15;2025-03-01;ja;nee;huur\nD2;;K.;;Smit;;;9;;3311AB;;12;;01-03-2025;x;1;huur\n`,
    );
    expect(rows.filter((r) => !r.ok)).toEqual([]);
    expect(ok(rows)[0]).toMatchObject({
      reference: 'D1',
      bsn: '111222333',
      initials: 'J.',
      prefix: 'van der',
      surname: 'Berg',
      birthDate: '1980-05-01',
      street: 'Voorstraat',
      houseNumber: 8,
      houseNumberSuffix: 'A',
      postcode: '3311AB',
      city: 'Dordrecht',
      amountCents: 25000,
      arisenOn: '2025-01-15',
      signalDate: '2025-03-01',
      crisis: true,
      warmHandover: false,
    });
    expect(ok(rows)[1]).toMatchObject({ reference: 'D2', arisenOn: null, crisis: true, warmHandover: true });
    const upper = await readAll(`${ddas.toUpperCase()}\nD3;;;;Berg;;;8;;3311AB;;250;;2025-03-01;nee;nee;huur\n`);
    expect(ok(upper)).toHaveLength(1);
  });

  it('rejects an ontstaansdatum that is not a date, lies after the signal date or in the future, and a crisis flag that is not yes or no', () => {
    const base = { referentie: 'O1', datum: '2025-03-01', soort: 'huur', bedrag: '10', achternaam: 'Jansen', postcode: '3315AB', huisnummer: '12' };
    const fields = (extra: Record<string, string>) => {
      const r = validateSignalRow({ ...base, ...extra }, 5, today);
      return r.ok ? [] : r.rejections.map((x) => [x.field, x.reason]);
    };
    expect(fields({ ontstaansdatum: 'gisteren' })).toEqual([['ontstaansdatum', expect.stringContaining('geen geldige datum')]]);
    expect(fields({ ontstaansdatum: '2025-03-02' })).toEqual([['ontstaansdatum', expect.stringContaining('na de signaaldatum')]]);
    expect(fields({ crisissignaal: 'misschien' })).toEqual([['crisissignaal', expect.stringContaining('ja of nee')]]);
    expect(fields({ warme_overdracht: '2' })).toEqual([['warme_overdracht', expect.stringContaining('ja of nee')]]);
  });

  it('reads a file with the creditor’s own column names through its mapping, and names each unmapped required column', async () => {
    const own = 'Dossiernr;Datum signaal;Soort;Openstaand saldo;Naam;Postcode;Huisnr\nF1;2025-03-01;huur;99,95;Jansen;3315AB;12 bis\n';
    const mapping = { referentie: 'Dossiernr', datum: 'Datum signaal', bedrag: 'Openstaand saldo', achternaam: 'naam', huisnummer: 'HUISNR' };
    const rows = await readAll(own, 7, { mapping });
    expect(ok(rows)).toMatchObject([
      { reference: 'F1', signalDate: '2025-03-01', amountCents: 9995, surname: 'Jansen', houseNumber: 12, houseNumberSuffix: 'BIS' },
    ]);
    const error = (await readAll(own, 7, { mapping: { referentie: 'Dossiernr' } }).catch((e: unknown) => e)) as SignalFileError;
    expect(error).toBeInstanceOf(SignalFileError);
    expect(error.message).toMatch(/datum, bedrag, achternaam, huisnummer.*kolomkoppeling/);
    expect(error.details.errors!.map((e) => e.field)).toEqual(['datum', 'bedrag', 'achternaam', 'huisnummer']);
    // A mapped field is read from the creditor's column only, even when a column of the standard name is there too.
    const both = await readAll(`${header};Saldo\nG1;2025-03-01;huur;1,00;Jansen;3315AB;12;55,00\n`, 7, { mapping: { bedrag: 'Saldo' } });
    expect(ok(both)[0]!.amountCents).toBe(5500);
    // The JSON batch of the API uses the same names and mapping.
    expect(
      validateBatch(
        [
          {
            Dossiernr: 'J1',
            'Datum signaal': '2025-03-01',
            soort: 'huur',
            'Openstaand saldo': 12,
            naam: 'Jansen',
            postcode: '3315AB',
            huisnr: '8a',
            crisissignaal: true,
          },
        ],
        today,
        { mapping },
      ),
    ).toMatchObject([{ ok: true, record: { reference: 'J1', amountCents: 1200, houseNumber: 8, houseNumberSuffix: 'A', crisis: true } }]);
  });

  it('lets a creditor of one type leave out soort', async () => {
    const noKind = 'referentie;datum;bedrag;achternaam;postcode;huisnummer\nK1;2025-03-01;10;Jansen;3315AB;12\n';
    expect(ok(await readAll(noKind, 7, { creditorTypes: ['water'] }))).toMatchObject([{ reference: 'K1', creditorType: 'water' }]);
    await expect(readAll(noKind, 7, { creditorTypes: ['water', 'energy'] })).rejects.toThrow(/soort/);
  });

  it('reads an .xlsx file from its header row when a title and a date row stand above it, with the sheet’s row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Signalen');
    sheet.addRow(['Betalingsachterstanden Trivire']);
    sheet.addRow(['Aangemaakt op', new Date(Date.UTC(2025, 2, 31))]);
    sheet.addRow([]);
    sheet.addRow(['Referentie', 'Signaaldatum', 'Soort', 'Bedrag', 'Achternaam', 'Postcode', 'Huisnummer', 'Crisissignaal']);
    sheet.addRow(['X1', new Date(Date.UTC(2025, 2, 1)), 'huur', 123.45, 'de Vries', '3316 AB', '7a', 'ja']);
    sheet.addRow(['X2', '01-04-2025', 'huur', 10, 'Smit', 'onbekend', 8, 'nee']);
    const result = await readAll(Buffer.from(await workbook.xlsx.writeBuffer()), 1000);
    expect(result).toMatchObject([
      { ok: true, line: 5, record: { reference: 'X1', signalDate: '2025-03-01', amountCents: 12345, houseNumber: 7, houseNumberSuffix: 'A', crisis: true } },
      { ok: false, line: 6, rejections: [{ line: 6, field: 'postcode' }] },
    ]);
  });

  it('refuses an .xlsx file whose best header row lacks a required column, naming it and its row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Signalen');
    sheet.addRow(['Overzicht']);
    sheet.addRow(['Referentie', 'Datum', 'Soort', 'Bedrag', 'Achternaam', 'Huisnummer']);
    sheet.addRow(['X1', '2025-03-01', 'huur', 10, 'Smit', 8]);
    const error = (await readAll(Buffer.from(await workbook.xlsx.writeBuffer()), 1000).catch((e: unknown) => e)) as SignalFileError;
    expect(error).toBeInstanceOf(SignalFileError);
    expect(error.details.errors).toEqual([{ line: 2, field: 'postcode', reason: expect.stringContaining('ontbreekt') }]);
  });
});

describe('households', () => {
  it('groups by address, and joins addresses that share a BSN', () => {
    const a = { postcode: '3315AB', houseNumber: '12', houseNumberSuffix: null, bsn: null };
    const groups = groupHouseholds([
      a,
      { ...a, houseNumber: '012' },
      { ...a, houseNumberSuffix: 'a' },
      { postcode: '3316CD', houseNumber: '1', houseNumberSuffix: null, bsn: '111222333' },
      { postcode: '3317EF', houseNumber: '9', houseNumberSuffix: null, bsn: '111222333' },
    ]);
    expect(groups).toEqual([[0, 1], [2], [3, 4]]);
    // The newest signal's address is the household's, whatever the order in the file.
    const moved = [
      { postcode: '3316CD', houseNumber: '1', houseNumberSuffix: null, bsn: '111222333', signalDate: '2025-03-10' },
      { postcode: '3311AA', houseNumber: '2', houseNumberSuffix: null, bsn: null },
      { postcode: '3317EF', houseNumber: '9', houseNumberSuffix: null, bsn: '111222333', signalDate: '2025-03-01' },
      { postcode: '3316CD', houseNumber: '1', houseNumberSuffix: null, bsn: null },
    ];
    expect(groupHouseholds(moved)).toEqual([[0, 2, 3], [1]]);
    expect(householdKey({ postcode: '3315AB', houseNumber: '12', houseNumberSuffix: 'b-2' })).toBe('3315AB|12|B2');
  });
  it('applies the window around a case', () => {
    expect(withinWindow('2025-04-30', '2025-01-01', '2025-02-01', 90)).toBe(true);
    expect(withinWindow('2025-05-03', '2025-01-01', '2025-02-01', 90)).toBe(false);
  });
});
