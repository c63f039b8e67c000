import PDFDocument from 'pdfkit';
import type { CreditorType } from './ddas.ts';
import { compileLetterTemplate, defaultLetterTemplate, fill, type CompiledTemplate, type PlaceholderValues } from './letterTemplate.ts';
import type { SignalSettings } from './settings.ts';

/** What one offer letter needs: the resident's name and address, and which kinds of bills are late. */
export interface OfferLetter {
  initials: string | null;
  prefix: string | null;
  surname: string;
  street: string | null;
  houseNumber: string | null;
  houseNumberSuffix: string | null;
  postcode: string | null;
  city: string | null;
  creditorTypes: string[];
  /** The total arrears of the case, for `{bedrag}`. */
  totalCents?: number;
}

const creditorWords: Record<CreditorType, string> = {
  rent: 'de huur',
  mortgage: 'de hypotheek',
  energy: 'de energierekening',
  water: 'de waterrekening',
  health_insurance: 'de zorgverzekering',
  cak_health_insurance: 'de zorgverzekering (CAK)',
  municipal_taxes: 'de gemeentelijke belastingen',
  duo: 'DUO',
  tax_authority: 'de Belastingdienst',
  cak_own_contribution: 'de eigen bijdrage (CAK)',
  allowances: 'het terugbetalen van toeslagen',
  other: 'een rekening',
};

export function fullName(l: Pick<OfferLetter, 'initials' | 'prefix' | 'surname'>): string {
  return [l.initials, l.prefix, l.surname].filter(Boolean).join(' ');
}

function listInDutch(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'een rekening';
  return `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`;
}

const euroFormat = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
export const formatLetterDate = (date: string) => dateFormat.format(new Date(`${date}T00:00:00Z`));

export function addressLine(l: Pick<OfferLetter, 'street' | 'houseNumber' | 'houseNumberSuffix'>): string {
  return [l.street, [l.houseNumber, l.houseNumberSuffix].filter(Boolean).join(' ')].filter(Boolean).join(' ');
}
function postcodeLine(l: Pick<OfferLetter, 'postcode' | 'city'>): string {
  return [l.postcode ? `${l.postcode.slice(0, 4)} ${l.postcode.slice(4)}` : null, l.city?.toUpperCase()].filter(Boolean).join('  ');
}

/** What each placeholder of the template becomes for one letter. */
export function placeholderValues(letter: OfferLetter, settings: SignalSettings, contactBefore: string): PlaceholderValues {
  return {
    naam: fullName(letter),
    adres: [addressLine(letter), postcodeLine(letter)].filter(Boolean).join(', '),
    bedrag: euroFormat.format((letter.totalCents ?? 0) / 100),
    schuldeisers: listInDutch([...new Set(letter.creditorTypes.map((t) => creditorWords[t as CreditorType] ?? 'een rekening'))]),
    team: settings.team.name,
    telefoon: settings.team.phone,
    email: settings.team.email,
    bezoekadres: settings.team.address,
    contactVoor: formatLetterDate(contactBefore),
    bewaartermijn: String(settings.retentionMonths),
  };
}

/** What the cover sheet of a print batch says. */
export interface BatchCover {
  number: number;
  batchCount: number;
  letters: number;
  postcodeFrom: string | null;
  postcodeTo: string | null;
  date: string;
  templateVersion: number;
  batchId: string;
  skipped: number;
  reprint: boolean;
}

const formatPostcode = (p: string | null) => (p ? `${p.slice(0, 4)} ${p.slice(4)}` : '–');

/**
 * Draws letters one by one into one PDF document (pdfkit is a stream: what is drawn flows out at once, nothing is
 * kept). One A4 page per letter; fonts are pdfkit's standard fonts, loaded once per document.
 */
export class LetterWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly #settings: SignalSettings;

  constructor(settings: SignalSettings, options: { compress?: boolean; title?: string } = {}) {
    this.#settings = settings;
    this.doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      compress: options.compress ?? true,
      autoFirstPage: false,
      info: { Title: options.title ?? 'Aanbod van hulp', Author: settings.team.name },
    });
  }

  /** The first page of a print batch: what the print room checks before it prints and posts. */
  cover(c: BatchCover): void {
    const doc = this.doc;
    doc.addPage();
    doc.fillColor('#000000').font('Helvetica-Bold').fontSize(28).text(`Stapel ${c.number} van ${c.batchCount}`, 56, 120);
    doc.moveDown(1).font('Helvetica').fontSize(16);
    doc.text(`Aantal brieven: ${c.letters}`);
    doc.text(`Postcodes: ${formatPostcode(c.postcodeFrom)} tot en met ${formatPostcode(c.postcodeTo)}`);
    doc.text(`Datum van de brieven: ${formatLetterDate(c.date)}`);
    doc.moveDown(1).fontSize(11);
    doc.text('Eén vel per brief, enkelzijdig, A4. De brieven zijn gesorteerd op postcode en huisnummer: houd de volgorde aan voor de post.');
    doc.text('Dit voorblad niet versturen. Tel na het afdrukken of het aantal vellen klopt (aantal brieven plus dit voorblad).');
    if (c.reprint) doc.moveDown(0.5).font('Helvetica-Bold').text('Herdruk: brieven die al eerder zijn verstuurd.').font('Helvetica');
    if (c.skipped) doc.moveDown(0.5).text(`${c.skipped} zaken van deze stapel zijn overgeslagen: zij wachten niet meer op een brief.`);
    doc.moveDown(2).fontSize(9).fillColor('#333333').text(`${this.#settings.team.name} · briefversie ${c.templateVersion} · stapel ${c.batchId}`);
  }

  /** One offer letter on one page. */
  letter(letter: OfferLetter, template: CompiledTemplate, date: string, values: PlaceholderValues): void {
    const doc = this.doc;
    const settings = this.#settings;
    doc.addPage();
    // Letterhead
    doc.rect(0, 0, doc.page.width, 8).fill('#1b5e8c');
    doc.fillColor('#1b5e8c').font('Helvetica-Bold').fontSize(16).text('Gemeente Dordrecht', 56, 40);
    doc
      .fillColor('#333333')
      .font('Helvetica')
      .fontSize(9)
      .text(settings.team.name)
      .text(settings.team.address)
      .text(`Telefoon ${settings.team.phone} · ${settings.team.email}`);
    // Address block
    doc.moveDown(2).fillColor('#000000').font('Helvetica').fontSize(11);
    doc.text(values.naam);
    doc.text(addressLine(letter));
    doc.text(postcodeLine(letter));
    doc
      .moveDown(2)
      .fontSize(10)
      .text(`Datum: ${formatLetterDate(date)}`)
      .text(`Onderwerp: ${fill(template.subject, values)}`);
    doc.moveDown(1.5).font('Helvetica-Bold').fontSize(13).text(fill(template.heading, values));
    doc.moveDown(0.5).font('Helvetica').fontSize(11);
    let bullets: string[] = [];
    const flushBullets = () => {
      if (!bullets.length) return;
      doc.list(bullets, { bulletRadius: 2, textIndent: 12 });
      bullets = [];
    };
    for (const line of template.lines) {
      if (line.kind === 'bullet') {
        bullets.push(fill(line.pieces, values));
        continue;
      }
      flushBullets();
      if (line.kind === 'gap') doc.moveDown(0.5);
      else if (line.kind === 'heading') doc.moveDown(0.3).font('Helvetica-Bold').text(fill(line.pieces, values)).font('Helvetica').moveDown(0.3);
      else if (line.kind === 'small') doc.fontSize(9).fillColor('#333333').text(fill(line.pieces, values)).fontSize(11).fillColor('#000000');
      else doc.text(fill(line.pieces, values));
    }
    flushBullets();
  }
}

export const defaultCompiledTemplate: CompiledTemplate = compileLetterTemplate(defaultLetterTemplate, 0);

/** Letters in one PDF in memory: for a preview or a single reprint (a few pages). Runs use the stream. */
export async function renderOfferLetters(
  letters: (OfferLetter & { template?: CompiledTemplate; contactBefore?: string })[],
  settings: SignalSettings,
  date: string,
  options: { compress?: boolean; template?: CompiledTemplate; firstContactDays?: number } = {},
): Promise<Buffer> {
  const writer = new LetterWriter(settings, { compress: options.compress });
  const chunks: Buffer[] = [];
  writer.doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    writer.doc.on('end', resolve);
    writer.doc.on('error', reject);
  });
  for (const letter of letters) {
    const contactBefore = letter.contactBefore ?? addDaysTo(date, settings.firstContactDays);
    writer.letter(letter, letter.template ?? options.template ?? defaultCompiledTemplate, date, placeholderValues(letter, settings, contactBefore));
  }
  writer.doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function addDaysTo(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
