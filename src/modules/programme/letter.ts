import { BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import { letterHeadings, periodLabel } from './contract.ts';
import type { ProgrammeOverview } from './queries.ts';

export { letterHeadings, periodLabel };

export interface LetterModel {
  fileName: string;
  header: [string, string][];
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
  attachmentTitle: string;
  lines: { heading: string; rows: { initiative: string; progress: string[]; figures: string | null }[] }[];
}

const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

export function dutchDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${months[m - 1]} ${y}`;
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);

/**
 * What the letter says, as plain data (pure): the header block, the five fixed headings with their text, and
 * the attachment "Initiatief / Voortgang" per programme line. The renderers only lay it out.
 */
export function buildLetterModel(o: ProgrammeOverview, decisions: ProgrammeOverview['decisions']): LetterModel {
  const letter = o.letter;
  const p = o.programme;
  const date = letter?.letterDate ?? `${o.period.slice(0, 4)}-${o.period.endsWith('H1') ? '07' : '12'}-01`;
  const answered = o.commitments.filter((c) => c.answeredInPeriod === o.period);
  const reason = [...paragraphs(letter?.reasonText ?? '')];
  for (const c of answered) reason.push(`Middels deze raadsinformatiebrief willen we ook voldoen aan toezegging ${c.code}. ${c.answer}`.trim());
  const information = paragraphs(letter?.informationText ?? '');
  information.push(
    `Een overzicht van de voortgang van alle initiatieven per programmalijn over de ${periodLabel(o.period)} is als bijlage bij deze raadsinformatiebrief gevoegd.`,
  );
  const decisionLines = decisions.map((d) => `RIS dossier ${d.risNumber}. ${d.title}. ${dutchDate(d.decidedOn)}`);
  for (const c of answered) decisionLines.push(`Toezegging ${c.code}: ${c.description || c.title}`);
  const open = o.commitments.filter((c) => c.state === 'open' || c.state === 'in_progress');
  const nextSteps = paragraphs(letter?.nextStepsText ?? '');
  if (open.length)
    nextSteps.push(`Openstaande toezeggingen: ${open.map((c) => `${c.code}${c.dueOn ? ` (uiterlijk ${dutchDate(c.dueOn)})` : ''}`).join('; ')}.`);
  return {
    fileName: `raadsinformatiebrief-${p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${o.period}`,
    header: [
      ['Aan', 'de gemeenteraad'],
      ['Datum', dutchDate(date)],
      ['Zaaknummer', letter?.caseNumber || '–'],
      ['Betreft', `Raadsinformatiebrief over Voortgang programma ${p.name.replace(/\s*\d{4}\s*[-–]\s*\d{4}$/, '')}`],
      ['Portefeuillehouder', p.portfolioHolder],
      ['Begrotingsprogramma', p.budgetProgramme],
      ['Pijler', p.pillar],
      ['Kernteam/Opgave', p.coreTeam],
      ['Auteur', p.author],
      ['E-mail', p.authorEmail],
      ['Verantwoordelijke', p.responsible],
      ['Openbaar', 'Ja'],
    ],
    title: 'Raadsinformatiebrief',
    sections: [
      { heading: letterHeadings.reason, paragraphs: reason.length ? reason : ['–'] },
      { heading: letterHeadings.information, paragraphs: information },
      { heading: letterHeadings.nextSteps, paragraphs: nextSteps.length ? nextSteps : ['–'] },
      { heading: letterHeadings.costs, paragraphs: paragraphs(letter?.costsText || 'Niet van toepassing.') },
      { heading: letterHeadings.decisions, paragraphs: decisionLines.length ? decisionLines.map((d) => `- ${d}`) : ['–'] },
    ],
    attachmentTitle: `Bijlage: voortgang initiatieven programma ${p.name}, ${periodLabel(o.period)}`,
    lines: o.lines.map((line) => ({
      heading: `Programmalijn ${line.number} | ${line.title.toUpperCase()}`,
      rows: line.initiatives.map((i) => ({
        initiative: i.name,
        progress: i.progress ? paragraphs(i.progress) : ['Geen nieuwe ontwikkelingen in deze periode.'],
        figures: i.figures.some((f) => f.value !== null || f.display.startsWith('<'))
          ? `Cijfers ${periodLabel(o.period)}: ${i.figures
              .filter((f) => f.value !== null || f.display.startsWith('<'))
              .map((f) => `${f.name} ${f.display}`)
              .join('; ')}`
          : null,
      })),
    })),
  };
}

/** The letter as PDF (A4, Helvetica). `compress: false` keeps the text readable for tests. */
export function renderLetterPdf(model: LetterModel, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: options.compress ?? true,
    info: { Title: model.title, Author: 'Vangnet' },
    lang: 'nl-NL',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 112;

  for (const [label, value] of model.header) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9).text(label, 56, y, { width: 130 });
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(value || '–', 190, y, { width: width - 134 });
    doc.moveDown(0.2);
  }
  doc.moveDown(1).font('Helvetica-Bold').fontSize(16).text(model.title, 56, doc.y, { width });
  for (const section of model.sections) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).text(section.heading, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
    for (const p of section.paragraphs) doc.text(p, { width, align: 'left' }).moveDown(0.4);
  }

  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(13).text(model.attachmentTitle, { width });
  const col1 = 150;
  const col2 = width - col1;
  for (const line of model.lines) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).text(line.heading, 56, doc.y, { width });
    doc.moveDown(0.3);
    const headerY = doc.y;
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text('Initiatief', 60, headerY, { width: col1 - 8 });
    doc.text('Voortgang', 56 + col1 + 4, headerY, { width: col2 - 8 });
    doc
      .moveTo(56, doc.y + 2)
      .lineTo(56 + width, doc.y + 2)
      .stroke();
    doc.moveDown(0.4);
    for (const row of line.rows) {
      const text = [...row.progress, ...(row.figures ? [row.figures] : [])].join('\n\n');
      doc.font('Helvetica').fontSize(9);
      const height = Math.max(doc.heightOfString(row.initiative, { width: col1 - 8 }), doc.heightOfString(text, { width: col2 - 8 }));
      if (doc.y + Math.min(height, 200) > doc.page.height - 56) doc.addPage();
      const y = doc.y;
      doc.font('Helvetica-Bold').text(row.initiative, 60, y, { width: col1 - 8 });
      const afterName = doc.y;
      doc.font('Helvetica').text(text, 56 + col1 + 4, y, { width: col2 - 8 });
      doc.y = Math.max(doc.y, afterName);
      doc
        .moveTo(56, doc.y + 3)
        .lineTo(56 + width, doc.y + 3)
        .strokeColor('#999999')
        .stroke()
        .strokeColor('#000000');
      doc.moveDown(0.6);
    }
  }
  doc.end();
  return done;
}

/** The letter as an editable Word document, with real headings and a real table per programme line. */
export async function renderLetterDocx(model: LetterModel): Promise<Buffer> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (children: Paragraph[], width: number, header = false) =>
    new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE }, borders, shading: header ? { fill: 'E6E6E6' } : undefined });
  const doc = new Document({
    creator: 'Vangnet',
    title: model.title,
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [
      {
        children: [
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: model.header.map(
              ([label, value]) =>
                new TableRow({
                  children: [
                    new TableCell({
                      children: [new Paragraph({ children: [new TextRun({ text: label, bold: true })] })],
                      width: { size: 30, type: WidthType.PERCENTAGE },
                    }),
                    new TableCell({ children: [new Paragraph(value || '–')], width: { size: 70, type: WidthType.PERCENTAGE } }),
                  ],
                }),
            ),
          }),
          new Paragraph({ text: model.title, heading: HeadingLevel.TITLE, spacing: { before: 400, after: 200 } }),
          ...model.sections.flatMap((s) => [
            new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1, spacing: { before: 240, after: 120 } }),
            ...s.paragraphs.map((p) => new Paragraph({ text: p, spacing: { after: 120 } })),
          ]),
        ],
      },
      {
        children: [
          new Paragraph({ text: model.attachmentTitle, heading: HeadingLevel.HEADING_1 }),
          ...model.lines.flatMap((line) => [
            new Paragraph({ text: line.heading, heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 } }),
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [
                new TableRow({
                  tableHeader: true,
                  children: [
                    cell([new Paragraph({ children: [new TextRun({ text: 'Initiatief', bold: true })] })], 25, true),
                    cell([new Paragraph({ children: [new TextRun({ text: 'Voortgang', bold: true })] })], 75, true),
                  ],
                }),
                ...line.rows.map(
                  (row) =>
                    new TableRow({
                      children: [
                        cell([new Paragraph({ children: [new TextRun({ text: row.initiative, bold: true })] })], 25),
                        cell(
                          [
                            ...row.progress.map((p) => new Paragraph({ text: p, spacing: { after: 80 } })),
                            ...(row.figures ? [new Paragraph({ children: [new TextRun({ text: row.figures, italics: true })] })] : []),
                          ],
                          75,
                        ),
                      ],
                    }),
                ),
              ],
            }),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
