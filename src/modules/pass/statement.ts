import PDFDocument from 'pdfkit';
import type { Statement } from './charges.ts';
import { transactionKindLabels } from './contract.ts';
import { dutchDate, euro } from './messages.ts';
import { csvNumber, writeCsv, type CsvCell } from '../../platform/csv.ts';

const kindLabels = transactionKindLabels;

/**
 * The statement as CSV for the provider's bookkeeping: semicolon separated (Dutch Excel), UTF-8 with BOM,
 * amounts in cents and in euros (numbers: a refund is a negative number). Columns:
 * datum;bonnummer;soort;categorie;aanbod;pas_eindigt_op;bedrag_cent;bedrag_euro;terugbetaling_van;aanbieder.
 * Written by the shared CSV writer, which neutralises text that a spreadsheet would run as a formula.
 */
export function statementCsv(statement: Statement): string {
  const header = ['datum', 'bonnummer', 'soort', 'categorie', 'aanbod', 'pas_eindigt_op', 'bedrag_cent', 'bedrag_euro', 'terugbetaling_van', 'aanbieder'];
  const provider = statement.provider.name;
  const lines: CsvCell[][] = statement.lines.map((l) => {
    const signed = l.kind === 'refund' ? -l.amountCents : l.amountCents;
    return [l.date, l.receiptNumber, kindLabels[l.kind], l.category, l.offer, l.passNumberEnd, signed, csvNumber(signed / 100, 2), l.refundOf, provider];
  });
  const payout = statement.totals.payoutCents;
  const total: CsvCell[] = ['', '', 'totaal uit te betalen', '', '', '', payout, csvNumber(payout / 100, 2), '', provider];
  return writeCsv([header, ...lines, total], { bom: true });
}

/** The statement as a PDF, for the provider and the municipality's finance team. */
export function statementPdf(statement: Statement): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Uitbetalingsoverzicht Dordtpas ${statement.provider.name}`, Author: 'Vangnet' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text('Uitbetalingsoverzicht Dordtpas (kindtegoed)');
    doc.moveDown(0.5).fontSize(11).text(`Aanbieder: ${statement.provider.name}`);
    doc.text(`Periode: ${dutchDate(statement.from)} tot en met ${dutchDate(statement.to)}`);
    doc.moveDown();
    const cols = [50, 125, 215, 305, 400, 470];
    const row = (cells: string[], bold = false) => {
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      cells.forEach((c, i) => doc.text(c, cols[i]!, y, { width: (cols[i + 1] ?? 545) - cols[i]! - 5, align: i === 5 ? 'right' : 'left' }));
      doc.moveDown(0.3);
      if (doc.y > 760) doc.addPage();
    };
    row(['Datum', 'Bon', 'Soort', 'Categorie', 'Pas (eind)', 'Bedrag'], true);
    for (const l of statement.lines) {
      row([l.date, l.receiptNumber, kindLabels[l.kind], l.category, `…${l.passNumberEnd}`, euro(l.kind === 'refund' ? -l.amountCents : l.amountCents)]);
    }
    doc.moveDown();
    const t = statement.totals;
    doc
      .font('Helvetica')
      .fontSize(11)
      .text(`Betalingen: ${t.charges}, samen ${euro(t.chargeCents)}`, 50);
    doc.text(`Terugbetalingen: ${t.refunds}, samen ${euro(t.refundCents)}`);
    doc.font('Helvetica-Bold').text(`Uit te betalen: ${euro(t.payoutCents)}`);
    doc.end();
  });
}
