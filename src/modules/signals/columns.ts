import type { CreditorType } from './ddas.ts';

/**
 * The columns of the signal file format (Dutch, as creditors name them) and whether a file must have them; apart
 * from the reader, so the web pages can name them without the parsers.
 */
export const signalColumns = {
  referentie: true,
  datum: true,
  soort: true,
  bedrag: true,
  maanden: false,
  bsn: false,
  voorletters: false,
  tussenvoegsel: false,
  achternaam: true,
  geboortedatum: false,
  straat: false,
  huisnummer: true,
  toevoeging: false,
  postcode: true,
  woonplaats: false,
  telefoon: false,
  email: false,
  ontstaansdatum: false,
  crisissignaal: false,
  warme_overdracht: false,
  dreiging: false,
} as const;
export type SignalColumn = keyof typeof signalColumns;

/** What each field is, in Dutch, for the page where the signal officer maps a creditor's columns. */
export const signalColumnLabels: Record<SignalColumn, string> = {
  referentie: 'Referentie (eigen kenmerk van de schuldeiser)',
  datum: 'Signaaldatum',
  soort: 'Soort schuldeiser',
  bedrag: 'Bedrag',
  maanden: 'Aantal maanden achterstand',
  bsn: 'BSN',
  voorletters: 'Voorletters',
  tussenvoegsel: 'Tussenvoegsel',
  achternaam: 'Achternaam',
  geboortedatum: 'Geboortedatum',
  straat: 'Straat',
  huisnummer: 'Huisnummer',
  toevoeging: 'Huisnummertoevoeging',
  postcode: 'Postcode',
  woonplaats: 'Woonplaats',
  telefoon: 'Telefoon',
  email: 'E-mail',
  ontstaansdatum: 'Ontstaansdatum (achterstand sinds)',
  crisissignaal: 'Crisissignaal (ja/nee)',
  warme_overdracht: 'Warme overdracht (ja/nee)',
  dreiging: 'Dreiging: ontruiming, afsluiting of beëindiging zorgverzekering dichtbij',
};

/** One row's cells by column, as text. */
export type RawRow = Partial<Record<SignalColumn, string>>;
export const signalColumnNames = Object.keys(signalColumns) as SignalColumn[];
export const requiredSignalColumns = signalColumnNames.filter((c) => signalColumns[c]);

/** A creditor's own column names: for an internal field, the name of the column in that creditor's files. */
export type ColumnMapping = Partial<Record<SignalColumn, string>>;

/** What the reader knows about the creditor whose file it reads (set by the signal officer and the admin). */
export interface IntakeContext {
  mapping?: ColumnMapping;
  /** The creditor's types: with exactly one, a file may leave out `soort`. */
  creditorTypes?: readonly CreditorType[];
}
