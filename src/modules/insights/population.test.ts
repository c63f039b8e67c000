import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/errors.ts';
import type { Cell } from './contract.ts';
import { addRates, rateCell } from './domain/rates.ts';
import { parsePopulation } from './population.ts';

describe('population file', () => {
  it('reads area, year, inhabitants and households; every bad row is rejected with its line, field and a Dutch reason', () => {
    const file = [
      'Gebied;Jaar;Inwoners;Huishoudens',
      'GM0505;2021;119.115;56.000',
      'WK050504;2021;9800;',
      'BU05050401;2021;5.100;2400',
      'WK050504;2021;9800', // exact repeat
      'WK050505;21;7000', // bad year
      'WK050505;2021;zevenduizend', // not a number
      'WK050505;2021;7000,5', // not whole
      'WK050503;2021;-3', // negative
      'WK05050;2021;100', // not a CBS code
      'WK050503;2021;100;200', // more households than inhabitants
      'WK050504;2021;9900', // repeat with another figure
      ';2021;', // two fields missing
    ].join('\n');
    const parsed = parsePopulation(file);
    expect(parsed.rows).toBe(12);
    expect(parsed.records.map((r) => [r.areaCode, r.year, r.inhabitants, r.households])).toEqual([
      ['GM0505', 2021, 119115, 56000],
      ['WK050504', 2021, 9800, null],
      ['BU05050401', 2021, 5100, 2400],
    ]);
    expect(parsed.duplicateLines).toEqual([5]);
    expect(parsed.rejections.map((r) => [r.line, r.field])).toEqual([
      [6, 'jaar'],
      [7, 'inwoners'],
      [8, 'inwoners'],
      [9, 'inwoners'],
      [10, 'gebied'],
      [11, 'huishoudens'],
      [12, 'inwoners'],
      [13, 'gebied'],
      [13, 'inwoners'],
    ]);
    expect(parsed.rejections.find((r) => r.line === 8)!.reason).toBe('Het aantal inwoners moet een geheel getal zijn; "7000,5" is dat niet.');
    expect(parsed.rejections.find((r) => r.line === 12)!.reason).toBe('Gebied WK050504 en jaar 2021 staan al op regel 3 met andere aantallen.');
    // Nothing is lost: every data row is a record, a duplicate or rejected.
    expect(parsed.records.length + parsed.duplicateLines.length + new Set(parsed.rejections.map((r) => r.line)).size).toBe(parsed.rows);
  });

  it('takes comma-separated English headers and refuses a file without the inhabitants column', () => {
    expect(parsePopulation('area_code,year,population\nGM0505,2020,118500\n').records).toHaveLength(1);
    try {
      parsePopulation('gebied;jaar\nGM0505;2020\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details.errors).toEqual([{ field: 'inwoners', reason: 'De kolom "inwoners" ontbreekt in de kopregel.', line: 1 }]);
    }
  });
});

describe('rates per 1,000 inhabitants', () => {
  const shown = (value: number): Cell => ({ value, display: String(value), suppressed: null, reason: null });
  it('divides a shown count by the inhabitants, one decimal; hides it with the count; says when there is no population', () => {
    expect(rateCell(shown(41), 9500)).toEqual({ value: 4.3, display: '4,3', suppressed: null, inhabitants: 9500 });
    expect(rateCell({ value: null, display: '< 10', suppressed: 'primary', reason: 'small_count' }, 9500)).toMatchObject({
      value: null,
      display: 'afgeschermd',
      suppressed: 'primary',
    });
    expect(rateCell({ value: null, display: 'afgeschermd', suppressed: 'secondary', reason: 'secondary' }, 9500)).toMatchObject({
      value: null,
      suppressed: 'secondary',
    });
    expect(rateCell(shown(41), undefined)).toEqual({ value: null, display: 'geen inwonertal', suppressed: null, inhabitants: null });
  });

  it('uses each period’s year, the last year for the total, and the municipality for the total row', () => {
    const population = new Map([
      ['WK050504|2020', 9000],
      ['WK050504|2021', 10000],
      ['GM0505|2021', 120000],
    ]);
    const table = addRates(
      {
        periods: ['2020', '2021'],
        rows: [
          { areaCode: 'WK050504', cells: [shown(90), shown(120)], total: shown(210) },
          { areaCode: 'GM0505-OVERIG', cells: [shown(10), shown(12)], total: shown(22) },
        ],
        totals: [shown(1000), shown(1200)],
        grandTotal: shown(2200),
      },
      population,
      ['GM0505'],
    );
    expect(table.rows[0]!.cells.map((c) => c.rate?.display)).toEqual(['10,0', '12,0']);
    expect(table.rows[0]!.total!.rate?.value).toBe(21);
    expect(table.rows[1]!.cells[0]!.rate?.display).toBe('geen inwonertal');
    expect(table.totals!.map((c) => c.rate?.display)).toEqual(['geen inwonertal', '10,0']);
    expect(table.grandTotal!.rate?.value).toBe(18.3);
  });
});
