import { describe, expect, it } from 'vitest';
import { parseDataset, parseNumber, sniffDelimiter } from './parse.ts';
import { halfYearMonths, parsePeriod } from './periods.ts';

const counts = { unit: 'count', periodKind: 'month' as const };

describe('parseDataset', () => {
  it('reads semicolon, comma and tab files, with or without BOM, and reports every bad row with line, field and Dutch reason', () => {
    for (const sep of [';', ',', '\t']) {
      const text = `\uFEFFgebied${sep}periode${sep}waarde\nWK050504${sep}2021-01${sep}120\n\nwk050505${sep}2021-02${sep}abc\nXX${sep}2021-1${sep}-3\n`;
      const parsed = parseDataset(new TextEncoder().encode(text), counts);
      expect(parsed.rows).toBe(3);
      expect(parsed.records).toEqual([{ line: 2, areaCode: 'WK050504', periodCode: '2021-01', value: 120 }]);
      expect(parsed.rejections).toEqual([
        { line: 4, field: 'waarde', reason: '"abc" is geen getal.' },
        { line: 5, field: 'gebied', reason: '"XX" is geen CBS-gebiedscode (GM0505, WK050504 of BU05050401).' },
        { line: 5, field: 'periode', reason: '"2021-1" is geen periode (JJJJ-MM, JJJJ-Q1 of JJJJ).' },
        { line: 5, field: 'waarde', reason: 'Een aantal kan niet negatief zijn.' },
      ]);
    }
  });

  it('accepts a decimal comma for percentages and refuses fractions of a count', () => {
    const text = 'gebied;periode;waarde\nGM0505;2021-01;12,5\n';
    expect(parseDataset(text, { unit: 'percent', periodKind: 'month' }).records[0]!.value).toBe(12.5);
    expect(parseDataset(text, counts).rejections[0]!.reason).toContain('geen geheel getal');
  });

  it('refuses a period of the wrong kind for the measure', () => {
    const parsed = parseDataset('gebied;periode;waarde\nGM0505;2021-Q1;40\n', counts);
    expect(parsed.rejections).toEqual([{ line: 2, field: 'periode', reason: 'Deze maat heeft cijfers per maand; "2021-Q1" is een kwartaal.' }]);
  });

  it('counts an exact repeat as a duplicate and refuses a repeat with another value', () => {
    const parsed = parseDataset('gebied;periode;waarde\nGM0505;2021-01;40\nGM0505;2021-01;40\nGM0505;2021-01;41\n', counts);
    expect(parsed.records).toHaveLength(1);
    expect(parsed.duplicateLines).toEqual([3]);
    expect(parsed.rejections[0]).toMatchObject({ line: 4, field: 'waarde' });
  });

  it('refuses a file without the required columns, naming them', () => {
    expect(() => parseDataset('wijk;aantal\nWK050504;3\n', counts)).toThrow(/mist verplichte kolommen/);
    try {
      parseDataset('wijk;aantal\n', counts);
    } catch (error) {
      expect((error as { details: { errors: { field: string }[] } }).details.errors.map((e) => e.field)).toEqual(['periode']);
    }
  });

  it('reads Windows-1252 text (older Excel)', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('gebied;periode;waarde;opmerking\nGM0505;2021;7;'), 0xe9, 0x0a]);
    expect(parseDataset(bytes, { unit: 'count', periodKind: 'year' }).records[0]).toMatchObject({ periodCode: '2021', value: 7 });
  });
});

describe('numbers and periods', () => {
  it('reads Dutch and plain numbers', () => {
    expect(parseNumber('1.093')).toBe(1093);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('7,3')).toBe(7.3);
    expect(parseNumber('7.3')).toBe(7.3);
    expect(parseNumber('zeven')).toBeNull();
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
  });

  it('knows months, quarters (Q or K), years and half years', () => {
    expect(parsePeriod('2021-02')).toMatchObject({ kind: 'month', endsOn: '2021-02-28', quarterCode: '2021-Q1', yearCode: '2021' });
    expect(parsePeriod('2020-k4')).toMatchObject({ code: '2020-Q4', startsOn: '2020-10-01', endsOn: '2020-12-31' });
    expect(parsePeriod('2021-13')).toBeNull();
    expect(halfYearMonths('2021-H1')).toEqual({ fromMonth: '2021-01', toMonth: '2021-06' });
  });
});
