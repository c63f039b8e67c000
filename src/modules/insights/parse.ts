import { parse as csvParse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { ValidationError, type FieldProblem } from '../../platform/errors.ts';
import { finerThan, parsePeriod, type PeriodKind } from './periods.ts';

/**
 * A dataset file (CSV) → observations, pure: every data row comes out either as a record or as the reasons
 * (line, field, Dutch text) why it was rejected. Nothing is dropped silently.
 *
 * Columns (header names, any order, case-insensitive): `gebied` (CBS code GM0505 / WK050504 / BU05050401),
 * `periode` (2021-03, 2021-Q1 or 2021-K1, 2021), `waarde` (a number; decimal comma allowed). Aliases: area,
 * gebiedscode, code; period, maand; value, aantal.
 */
export interface ObservationRecord {
  line: number;
  areaCode: string;
  periodCode: string;
  value: number;
}

export type Rejection = Required<FieldProblem>;

export interface ParsedDataset {
  /** Data rows in the file (not counting the header and empty lines). */
  rows: number;
  records: ObservationRecord[];
  /** Rows that repeat an earlier row of the same file exactly. */
  duplicateLines: number[];
  rejections: Rejection[];
}

export interface MeasureShape {
  unit: string;
  periodKind: PeriodKind;
}

const aliases: Record<'gebied' | 'periode' | 'waarde', string[]> = {
  gebied: ['gebied', 'gebiedscode', 'area', 'area_code', 'code', 'wijk', 'buurt'],
  periode: ['periode', 'period', 'maand', 'kwartaal', 'jaar'],
  waarde: ['waarde', 'value', 'aantal', 'count'],
};

export const areaCodePattern = /^(GM\d{4}|WK\d{6}|BU\d{8})$/;

/** UTF-8 (with or without BOM) unless the bytes are not valid UTF-8: then Windows-1252, as older Excel writes. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'win1252');
  }
}

/** The delimiter that occurs most in the header line outside quotes: `;` (Dutch Excel), `,` or tab. */
export function sniffDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n|\r/, 1)[0] ?? '';
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![1] > 0 ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0] : ';';
}

/** `1.234,5` → 1234.5, `12,5` → 12.5, `12.5` → 12.5, `1.093` → 1093 (a dot grouping thousands); null if not a number. */
export function parseNumber(text: string): number | null {
  let s = text.replace(/[\s\u00a0]/g, '');
  if (!s) return null;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  else if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** The rows of a CSV file (bytes or text) with the line each ends on: delimiter sniffed, BOM and encoding handled. */
export function readCsvRows(input: Uint8Array | string): { record: string[]; info: { lines: number } }[] {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeText(input);
  const delimiter = sniffDelimiter(text);
  let raw: { record: string[]; info: { lines: number } }[];
  try {
    raw = csvParse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      bom: true,
      trim: true,
    }) as unknown as typeof raw;
  } catch (error) {
    throw new ValidationError('Het bestand is geen leesbaar CSV-bestand.', [{ field: 'bestand', reason: (error as Error).message }]);
  }
  if (raw.length === 0) throw new ValidationError('Het bestand is leeg.', [{ field: 'bestand', reason: 'Er staat geen kopregel in het bestand.' }]);
  return raw;
}

export function parseDataset(input: Uint8Array | string, measure: MeasureShape): ParsedDataset {
  const raw = readCsvRows(input);
  const header = raw[0]!.record.map((h) => h.trim().toLowerCase());
  const index = {} as Record<keyof typeof aliases, number>;
  const missing: FieldProblem[] = [];
  for (const [column, names] of Object.entries(aliases) as [keyof typeof aliases, string[]][]) {
    const i = header.findIndex((h) => names.includes(h));
    if (i < 0) missing.push({ field: column, reason: `De kolom "${column}" ontbreekt in de kopregel.`, line: raw[0]!.info.lines });
    index[column] = i;
  }
  if (missing.length) throw new ValidationError('De kopregel van het bestand mist verplichte kolommen.', missing);

  const result: ParsedDataset = { rows: 0, records: [], duplicateLines: [], rejections: [] };
  const seen = new Map<string, ObservationRecord>();
  for (const { record, info } of raw.slice(1)) {
    const line = info.lines;
    if (record.every((cell) => cell.trim() === '')) continue;
    result.rows += 1;
    const problems: Rejection[] = [];
    const areaText = (record[index.gebied] ?? '').trim().toUpperCase();
    const periodText = (record[index.periode] ?? '').trim();
    const valueText = (record[index.waarde] ?? '').trim();
    if (!areaText) problems.push({ line, field: 'gebied', reason: 'Het gebied ontbreekt.' });
    else if (!areaCodePattern.test(areaText))
      problems.push({ line, field: 'gebied', reason: `"${areaText}" is geen CBS-gebiedscode (GM0505, WK050504 of BU05050401).` });
    const period = periodText ? parsePeriod(periodText) : null;
    if (!periodText) problems.push({ line, field: 'periode', reason: 'De periode ontbreekt.' });
    else if (!period) problems.push({ line, field: 'periode', reason: `"${periodText}" is geen periode (JJJJ-MM, JJJJ-Q1 of JJJJ).` });
    else if (period.kind !== measure.periodKind)
      problems.push({
        line,
        field: 'periode',
        reason: `Deze maat heeft cijfers per ${kindLabel[measure.periodKind]}; "${periodText}" is een ${kindLabel[period.kind]}.`,
      });
    const value = valueText ? parseNumber(valueText) : null;
    if (!valueText) problems.push({ line, field: 'waarde', reason: 'De waarde ontbreekt.' });
    else if (value === null) problems.push({ line, field: 'waarde', reason: `"${valueText}" is geen getal.` });
    else if (value < 0) problems.push({ line, field: 'waarde', reason: 'Een aantal kan niet negatief zijn.' });
    else if (measure.unit === 'count' && !Number.isInteger(value))
      problems.push({ line, field: 'waarde', reason: `Deze maat telt aantallen; "${valueText}" is geen geheel getal.` });
    if (problems.length) {
      result.rejections.push(...problems);
      continue;
    }
    const rec: ObservationRecord = { line, areaCode: areaText, periodCode: period!.code, value: value! };
    const key = `${rec.areaCode}|${rec.periodCode}`;
    const earlier = seen.get(key);
    if (earlier) {
      if (earlier.value === rec.value) result.duplicateLines.push(line);
      else
        result.rejections.push({
          line,
          field: 'waarde',
          reason: `Gebied ${rec.areaCode} en periode ${rec.periodCode} staan al op regel ${earlier.line} met een andere waarde.`,
        });
      continue;
    }
    seen.set(key, rec);
    result.records.push(rec);
  }
  return result;
}

const kindLabel: Record<PeriodKind, string> = { month: 'maand', quarter: 'kwartaal', year: 'jaar' };
export { finerThan };
