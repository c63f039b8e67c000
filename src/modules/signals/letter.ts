import PDFDocument from 'pdfkit';
import { creditorTypeLabels, type CreditorType } from './ddas.ts';
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

/** The text of the letter in plain Dutch (language level B1), as paragraphs. Pure, so it can be tested and reviewed. */
export function offerLetterText(letter: OfferLetter, settings: SignalSettings): { heading: string; paragraphs: string[]; bullets: string[]; contact: string[]; privacy: string; closing: string[] } {
  const bills = listInDutch([...new Set(letter.creditorTypes.map((t) => creditorWords[t as CreditorType] ?? 'een rekening'))]);
  return {
    heading: 'Wij helpen u graag met uw rekeningen',
    paragraphs: [
      `Beste ${fullName(letter)},`,
      `Wij hebben gehoord dat u een betalingsachterstand heeft voor ${bills}. Dat kan iedereen overkomen. Wij willen u helpen, voordat het probleem groter wordt.`,
      'Wat kunnen wij voor u doen?',
    ],
    bullets: [
      'Samen kijken we naar uw rekeningen en uw geld.',
      'We helpen u een betalingsregeling te maken.',
      'We kijken of u recht heeft op toeslagen of andere regelingen, zoals de Dordtpas.',
      'Als het nodig is, zoeken we samen de juiste hulp. Bijvoorbeeld een vrijwilliger of schuldhulp.',
    ],
    contact: [
      'De hulp is gratis. U hoeft niets te betalen.',
      'Hoe bereikt u ons?',
      `Bel ons: ${settings.team.phone} (op werkdagen van 9.00 tot 17.00 uur).`,
      `Mail ons: ${settings.team.email}.`,
      `Of kom langs: ${settings.team.address}.`,
      'Wij nemen ook zelf contact met u op. Misschien bellen wij u, of komen wij bij u langs.',
    ],
    privacy: `Wij gebruiken uw gegevens alleen om u hulp aan te bieden. Wilt u geen hulp? Dan verwijderen wij uw gegevens uiterlijk ${settings.retentionMonths} maanden nadat wij het laatste signaal over u kregen.`,
    closing: ['Met vriendelijke groet,', settings.team.name],
  };
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** All letters of one run in one PDF, one page each: print, fold, post. */
export async function renderOfferLetters(letters: OfferLetter[], settings: SignalSettings, date: string, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, compress: options.compress ?? true, autoFirstPage: false, info: { Title: 'Aanbod van hulp', Author: settings.team.name } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const when = dateFormat.format(new Date(`${date}T00:00:00Z`));
  for (const letter of letters) {
    doc.addPage();
    const text = offerLetterText(letter, settings);
    // Letterhead
    doc.rect(0, 0, doc.page.width, 8).fill('#1b5e8c');
    doc.fillColor('#1b5e8c').font('Helvetica-Bold').fontSize(16).text('Gemeente Dordrecht', 56, 40);
    doc.fillColor('#333333').font('Helvetica').fontSize(9).text(settings.team.name).text(settings.team.address).text(`Telefoon ${settings.team.phone} · ${settings.team.email}`);
    // Address block
    doc.moveDown(2).fillColor('#000000').font('Helvetica').fontSize(11);
    doc.text(fullName(letter));
    doc.text([letter.street, [letter.houseNumber, letter.houseNumberSuffix].filter(Boolean).join(' ')].filter(Boolean).join(' '));
    doc.text([letter.postcode ? `${letter.postcode.slice(0, 4)} ${letter.postcode.slice(4)}` : null, letter.city?.toUpperCase()].filter(Boolean).join('  '));
    doc.moveDown(2).fontSize(10).text(`Datum: ${when}`).text('Onderwerp: aanbod van hulp');
    doc.moveDown(1.5).font('Helvetica-Bold').fontSize(13).text(text.heading);
    doc.moveDown(0.5).font('Helvetica').fontSize(11);
    text.paragraphs.forEach((p, i) => {
      // The last paragraph is the question the list answers: a small heading.
      if (i === text.paragraphs.length - 1) doc.font('Helvetica-Bold').text(p).font('Helvetica').moveDown(0.3);
      else doc.text(p).moveDown(0.5);
    });
    doc.list(text.bullets, { bulletRadius: 2, textIndent: 12 });
    doc.moveDown(0.5);
    text.contact.forEach((line, i) => {
      if (i === 1) doc.moveDown(0.3).font('Helvetica-Bold').text(line).font('Helvetica');
      else doc.text(line);
    });
    doc.moveDown(0.5).fontSize(9).fillColor('#333333').text(text.privacy);
    doc.moveDown(1).fontSize(11).fillColor('#000000');
    for (const line of text.closing) doc.text(line);
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
