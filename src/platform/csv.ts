import Papa from 'papaparse';

/**
 * The one CSV writer of Vangnet; every CSV export goes through it. Papa Parse does the quoting; this wrapper
 * adds what a spreadsheet needs to be safe to open (CSV or formula injection, OWASP):
 *
 * - A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read by Excel or
 *   LibreOffice as a formula (`=HYPERLINK(...)`, DDE). It is written with a leading `'` and quoted, so it shows
 *   as the text it is.
 * - A number is written as a number, never neutralised: only a JavaScript number (or `csvNumber`) becomes a
 *   numeric cell, formatted here from the value, so it can only ever hold digits, one separator and a leading
 *   minus (`-12,50` is a negative amount, not a formula). Text that merely looks like a number is text.
 */
export class CsvNumber {
  constructor(
    readonly value: number,
    /** Fixed number of decimals (2 for euros); none: as many as the value has. */
    readonly digits?: number,
  ) {}
}

export const csvNumber = (value: number, digits?: number): CsvNumber => new CsvNumber(value, digits);

export type CsvCell = string | number | CsvNumber | null | undefined;

export interface CsvOptions {
  /** `;` by default: what Dutch Excel expects. */
  delimiter?: ';' | ',' | '\t';
  /** `,` by default (Dutch), for numbers with decimals. */
  decimalSeparator?: ',' | '.';
  /** Start with a UTF-8 byte order mark, so Excel reads the file as UTF-8. */
  bom?: boolean;
  newline?: '\r\n' | '\n';
}

const formulaStart = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet may safely read it: a would-be formula gets a leading apostrophe. */
export function neutraliseCell(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

function renderNumber(value: number, digits: number | undefined, decimalSeparator: string): string {
  if (!Number.isFinite(value)) return '';
  const text = digits === undefined ? String(value) : value.toFixed(digits);
  return text.replace('.', decimalSeparator);
}

/** Rows (the first is usually the header) → CSV text, each row ended by the newline. */
export function writeCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ';';
  const decimalSeparator = options.decimalSeparator ?? ',';
  const newline = options.newline ?? '\r\n';
  const neutralised = new Set<string>();
  const cells = rows.map((row) =>
    row.map((cell) => {
      if (cell === null || cell === undefined) return '';
      if (typeof cell === 'number') return renderNumber(cell, undefined, decimalSeparator);
      if (cell instanceof CsvNumber) return renderNumber(cell.value, cell.digits, decimalSeparator);
      const safe = neutraliseCell(String(cell));
      if (safe !== cell) neutralised.add(safe);
      return safe;
    }),
  );
  if (!cells.length) return options.bom ? '\uFEFF' : '';
  const body = Papa.unparse(cells, { delimiter, newline, header: false, quotes: (value: unknown) => neutralised.has(String(value)) });
  return `${options.bom ? '\uFEFF' : ''}${body}${newline}`;
}
