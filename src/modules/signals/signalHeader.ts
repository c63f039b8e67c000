import { signalFileProblem, type SignalFileError } from './messages.ts';
import { requiredSignalColumns, signalColumnNames, type IntakeContext, type RawRow, type SignalColumn } from './columns.ts';

/**
 * The field names of the national exchange model (DDAS vroegsignalering: the client's and the signal's names),
 * accepted as column names beside the file format's own. `signaaldatum` is the date the creditor sent the
 * signal, our `datum`; `ID` is the signal's identifier, our `referentie`; `signaalpartner` its type, our `soort`.
 */
export const ddasColumnNames: Record<string, SignalColumn> = {
  id: 'referentie',
  burgerservicenummer: 'bsn',
  voorletters: 'voorletters',
  voorvoegsel: 'tussenvoegsel',
  achternaam: 'achternaam',
  geboortedatum: 'geboortedatum',
  straatnaam: 'straat',
  huisnummer: 'huisnummer',
  huisnummertoevoeging: 'toevoeging',
  postcode: 'postcode',
  plaatsnaam: 'woonplaats',
  bedrag: 'bedrag',
  ontstaansdatum: 'ontstaansdatum',
  signaaldatum: 'datum',
  signaalpartner: 'soort',
  crisissignaal: 'crisissignaal',
  warmeoverdracht: 'warme_overdracht',
};

/** A column name compared as people write it: any case, spaces, hyphens and underscores ignored, BOM dropped. */
export function columnKey(name: unknown): string {
  return String(name ?? '')
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

const knownColumns = new Map<string, SignalColumn>([
  ...signalColumnNames.map((c) => [columnKey(c), c] as const),
  ...Object.entries(ddasColumnNames).map(([name, c]) => [columnKey(name), c] as const),
]);

export { SignalFileError } from './messages.ts';

/**
 * Which column each cell is in: the creditor's own mapping first (for the fields it maps), then the file format's
 * names and the DDAS names, any case, any order; unknown columns are ignored. `missing` names the required fields
 * that no column fills.
 */
export function resolveHeader(cells: unknown[], intake: IntakeContext = {}): { columns: (SignalColumn | null)[]; missing: SignalColumn[]; known: number } {
  const mapped = new Map<string, SignalColumn>();
  for (const [field, name] of Object.entries(intake.mapping ?? {}) as [SignalColumn, string][]) if (name) mapped.set(columnKey(name), field);
  const columns = cells.map((cell) => {
    const key = columnKey(cell);
    if (!key) return null;
    const own = mapped.get(key);
    if (own) return own;
    const standard = knownColumns.get(key);
    // A field the creditor maps to another column is read from that column only.
    return standard && !intake.mapping?.[standard] ? standard : null;
  });
  const optionalType = intake.creditorTypes?.length === 1;
  const missing = requiredSignalColumns.filter((c) => !columns.includes(c) && !(c === 'soort' && optionalType));
  return { columns, missing, known: columns.filter(Boolean).length };
}

/** The header row → which column each cell is in; throws `columns_missing` naming each missing column. */
export function mapHeader(cells: unknown[], line: number, intake: IntakeContext = {}): (SignalColumn | null)[] {
  const { columns, missing, known } = resolveHeader(cells, intake);
  if (missing.length) throw missingColumns(missing, line, !known);
  return columns;
}

export function missingColumns(missing: SignalColumn[], line: number, noneKnown = false): SignalFileError {
  return signalFileProblem('columns_missing', { missing, line, noneKnown });
}

export function rowFromCells(header: (SignalColumn | null)[], cells: unknown[]): RawRow {
  const row: RawRow = {};
  header.forEach((column, i) => {
    if (column) row[column] = cellText(cells[i]);
  });
  return row;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: string; result?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return String(v.text);
  }
  return String(value);
}
