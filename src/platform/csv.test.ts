import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvNumber, writeCsv } from './csv.ts';

describe('the shared CSV writer', () => {
  it('writes a cell that a spreadsheet would run as a formula as plain text', () => {
    const hostile = ['=HYPERLINK("https://evil.example","klik")', '+31 6 1234', '-2+3+cmd|" /C calc"!A0', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];
    const csv = writeCsv([['naam'], ...hostile.map((h) => [h])]);
    const cells = (parse(csv, { delimiter: ';', relax_quotes: true }) as string[][]).slice(1).map((r) => r[0]);
    expect(cells).toEqual(hostile.map((h) => `'${h}`));
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""klik"")"`);
  });

  it('keeps numbers as numbers, also negative amounts, and text that is safe unchanged', () => {
    const csv = writeCsv(
      [
        ['bedrag_cent', 'bedrag_euro', 'pct', 'tekst'],
        [-500, csvNumber(-5, 2), csvNumber(12.345, 1), 'Jansen; de Wit'],
      ],
      { bom: true },
    );
    expect(csv).toBe('\uFEFFbedrag_cent;bedrag_euro;pct;tekst\r\n-500;-5,00;12,3;"Jansen; de Wit"\r\n');
  });
});
