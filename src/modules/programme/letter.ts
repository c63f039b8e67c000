import { BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import { letterHeadings, periodLabel } from './contract.ts';
import type { MeasureFigure } from '../insights/index.ts';
import type { ProgrammeOverview } from './queries.ts';

export { letterHeadings, periodLabel };

export interface LetterModel {
  fileName: string;
  header: [string, string][];
  title: string;
  sections: { heading: string; paragraphs: string[]; list?: string[] }[];
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

/** A figure as the council reads it: a hidden or missing figure is named as such, never left out. Pure. */
export function figureText(f: MeasureFigure): string {
  if (f.value !== null) return `${f.name} ${f.display}`;
  if (f.display === 'geen cijfers' || f.display === 'geen gegevens') return `${f.name}: geen gegevens`;
  const small = /^<\s*(\d+)/.exec(f.display);
  if (small) return `${f.name}: niet getoond: minder dan ${small[1]} inwoners`;
  return `${f.name}: niet getoond: afgeschermd, zodat kleine aantallen elders niet terug te rekenen zijn`;
}

const shortName = (name: string) => name.replace(/\s*\d{4}\s*[-–]\s*\d{4}$/, '');

/** The file name of a letter version, without extension. */
export function letterFileName(o: Pick<ProgrammeOverview, 'programme' | 'period' | 'letter'>): string {
  const version = o.letter && o.letter.version > 1 ? `-versie-${o.letter.version}` : '';
  return `raadsinformatiebrief-${o.programme.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${o.period}${version}`;
}

/**
 * What the letter says, as plain data (pure), after seed 000: the header block (with "Vergadering van"), the five
 * fixed headings with their text (the highlighted initiatives under "Wat is de te delen informatie?", overdue
 * commitments marked, the earlier progress letters among the related decisions), and the attachment "Initiatief /
 * Voortgang" per programme line with every initiative (seed 002). The renderers only lay it out.
 */
export function buildLetterModel(o: ProgrammeOverview, decisions: ProgrammeOverview['decisions']): LetterModel {
  const letter = o.letter;
  const p = o.programme;
  const date = letter?.letterDate ?? `${o.period.slice(0, 4)}-${o.period.endsWith('H1') ? '07' : '12'}-01`;
  const answered = o.commitments.filter((c) => c.answeredInPeriod === o.period);
  const reason: string[] = [];
  if (letter && letter.version > 1)
    reason.push(
      `Dit is versie ${letter.version} van deze raadsinformatiebrief. Deze versie vervangt versie ${letter.version - 1}. Wat is er veranderd: ${letter.correctionNote}`,
    );
  reason.push(...paragraphs(letter?.reasonText ?? ''));
  for (const c of answered) reason.push(`Middels deze raadsinformatiebrief willen we ook voldoen aan toezegging ${c.code}. ${c.answer}`.trim());
  const information = paragraphs(letter?.informationText ?? '');
  for (const line of o.lines)
    for (const i of line.initiatives.filter((x) => x.highlighted && x.progress)) {
      const [first, ...rest] = paragraphs(i.progress!);
      information.push(`${i.name}. ${first ?? ''}`.trim(), ...rest);
    }
  information.push(
    `Een overzicht van de voortgang van alle initiatieven per programmalijn over de ${periodLabel(o.period)} is als bijlage bij deze raadsinformatiebrief gevoegd.`,
  );
  const decisionLines = decisions.map((d) => `RIS dossier ${d.risNumber}. ${d.title}. ${dutchDate(d.decidedOn)}`);
  // The earlier progress letters on this programme, sent (or dated) before this one.
  for (const earlier of o.allLetters.filter((l) => l.period < o.period && l.letterDate <= date))
    decisionLines.push(
      `Raadsinformatiebrief over Voortgang programma ${shortName(p.name)}, ${periodLabel(earlier.period)}${earlier.caseNumber ? ` (zaaknummer ${earlier.caseNumber})` : ''}. ${dutchDate(earlier.letterDate)}`,
    );
  for (const c of answered) decisionLines.push(`Toezegging ${c.code}: ${c.description || c.title}`);
  const open = o.commitments.filter((c) => c.state === 'open' || c.state === 'in_progress');
  const nextSteps = paragraphs(letter?.nextStepsText ?? '');
  if (open.length)
    nextSteps.push(
      `Openstaande toezeggingen: ${open
        .map((c) => `${c.code}${c.dueOn ? ` (uiterlijk ${dutchDate(c.dueOn)}${c.dueOn < date ? ', verlopen' : ''})` : ''}`)
        .join('; ')}.`,
    );
  const header: [string, string][] = [
    ['Aan', 'de gemeenteraad'],
    ['Datum', dutchDate(date)],
    ['Zaaknummer', letter?.caseNumber || '–'],
    ['Betreft', `Raadsinformatiebrief over Voortgang programma ${shortName(p.name)}`],
    ['Vergadering van', letter?.meetingDate ? dutchDate(letter.meetingDate) : '–'],
    ['Portefeuillehouder', p.portfolioHolder],
    ['Begrotingsprogramma', p.budgetProgramme],
    ['Pijler', p.pillar],
    ['Kernteam/Opgave', p.coreTeam],
    ['Auteur', p.author],
    ['E-mail', p.authorEmail],
    ['Verantwoordelijke', p.responsible],
    ['Openbaar', 'Ja'],
  ];
  if (letter && letter.version > 1) header.push(['Versie', `${letter.version} (correctie)`]);
  return {
    fileName: letterFileName(o),
    header,
    title: 'Raadsinformatiebrief',
    sections: [
      { heading: letterHeadings.reason, paragraphs: reason.length ? reason : ['–'] },
      { heading: letterHeadings.information, paragraphs: information },
      { heading: letterHeadings.nextSteps, paragraphs: nextSteps.length ? nextSteps : ['–'] },
      { heading: letterHeadings.costs, paragraphs: paragraphs(letter?.costsText || 'Niet van toepassing.') },
      decisionLines.length
        ? { heading: letterHeadings.decisions, paragraphs: [], list: decisionLines }
        : { heading: letterHeadings.decisions, paragraphs: ['–'] },
    ],
    attachmentTitle: `Bijlage: voortgang initiatieven programma ${p.name}, ${periodLabel(o.period)}`,
    lines: o.lines.map((line) => ({
      heading: `Programmalijn ${line.number} | ${line.title.toUpperCase()}`,
      rows: line.initiatives.map((i) => ({
        initiative: i.name,
        progress: i.progress ? paragraphs(i.progress) : ['Geen nieuwe ontwikkelingen in deze periode.'],
        figures: i.figures.length ? `Cijfers ${periodLabel(o.period)}: ${i.figures.map(figureText).join('; ')}` : null,
      })),
    })),
  };
}

const margin = 56;

/** pdfkit tags a table (Table/TR/TH/TD) under `structParent`; its type declarations do not list that option yet. */
type TaggedCell = PDFKit.Mixins.CellOptions & { scope?: 'Row' | 'Column' };
function taggedTable(
  doc: PDFKit.PDFDocument,
  options: Omit<PDFKit.Mixins.TableOptionsWithData, 'data'> & { structParent: PDFKit.PDFStructureElement; data: TaggedCell[][] },
): void {
  doc.table(options as PDFKit.Mixins.TableOptionsWithData);
}

/**
 * The letter as a tagged PDF (PDF 1.7, A4, Helvetica, language nl-NL, title in the metadata): headings H1/H2,
 * paragraphs P, the related decisions as a list L/LI, the header block and the attachment as tables Table/TR/TH/TD,
 * in reading order, so the council information system can publish it under the accessibility rules.
 * `compress: false` keeps the text readable for tests; `createdAt` fixes the creation date (the same letter gives
 * the same bytes).
 */
export function renderLetterPdf(model: LetterModel, options: { compress?: boolean; createdAt?: Date } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    compress: options.compress ?? true,
    info: {
      Title: `${model.title}: ${model.header.find(([l]) => l === 'Betreft')?.[1] ?? ''}`,
      Author: 'Vangnet',
      CreationDate: options.createdAt ?? new Date(),
    },
    lang: 'nl-NL',
    displayTitle: true,
    tagged: true,
    pdfVersion: '1.7',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * margin;
  const root = doc.struct('Document');
  doc.addStructure(root);
  const block = (type: string, draw: () => void) => {
    const element = doc.struct(type, {}, [() => draw()]);
    root.add(element);
    element.end();
  };
  const heading = (type: 'H1' | 'H2', text: string, size: number) =>
    block(type, () => {
      doc.font('Helvetica-Bold').fontSize(size).text(text, margin, doc.y, { width });
    });
  const paragraph = (text: string) =>
    block('P', () => {
      doc.font('Helvetica').fontSize(10).text(text, margin, doc.y, { width, align: 'left' });
    });

  doc.font('Helvetica').fontSize(9);
  taggedTable(doc, {
    structParent: root,
    position: { x: margin, y: doc.y },
    maxWidth: width,
    columnStyles: [134, '*'],
    defaultStyle: { border: 0, padding: [1, 2] },
    data: model.header.map(([label, value]) => [
      { text: label, type: 'TH' as const, scope: 'Row' as const, font: { src: 'Helvetica-Bold' } },
      { text: value || '–', font: { src: 'Helvetica' } },
    ]),
  });
  doc.moveDown(1);
  heading('H1', model.title, 16);
  for (const section of model.sections) {
    doc.moveDown(0.8);
    heading('H2', section.heading, 11);
    doc.moveDown(0.3);
    for (const p of section.paragraphs) {
      paragraph(p);
      doc.moveDown(0.4);
    }
    if (section.list) {
      const list = doc.struct('L');
      root.add(list);
      for (const item of section.list) {
        const li = doc.struct('LI');
        list.add(li);
        const label = doc.struct('Lbl', {}, [() => doc.font('Helvetica').fontSize(10).text('-', margin, doc.y, { width: 12, continued: false })]);
        li.add(label);
        label.end();
        doc.moveUp();
        const body = doc.struct('LBody', {}, [
          () =>
            doc
              .font('Helvetica')
              .fontSize(10)
              .text(item, margin + 12, doc.y, { width: width - 12 }),
        ]);
        li.add(body);
        body.end();
        li.end();
        doc.moveDown(0.3);
      }
      list.end();
    }
  }

  doc.addPage();
  heading('H1', model.attachmentTitle, 13);
  for (const line of model.lines) {
    doc.moveDown(0.8);
    heading('H2', line.heading, 11);
    doc.moveDown(0.3);
    doc.font('Helvetica').fontSize(9);
    taggedTable(doc, {
      structParent: root,
      position: { x: margin, y: doc.y },
      maxWidth: width,
      columnStyles: [150, '*'],
      // No cell borders (pdfkit writes their colours in a form PDF readers warn about): a shaded header row instead.
      defaultStyle: { padding: 4, border: 0 },
      rowStyles: (i: number) => (i === 0 ? { backgroundColor: '#e6e6e6' } : { padding: [4, 4, 8, 4] }),
      data: [
        [
          { text: 'Initiatief', type: 'TH' as const, scope: 'Column' as const, font: { src: 'Helvetica-Bold' } },
          { text: 'Voortgang', type: 'TH' as const, scope: 'Column' as const, font: { src: 'Helvetica-Bold' } },
        ],
        ...line.rows.map((row) => [
          { text: row.initiative, font: { src: 'Helvetica-Bold' } },
          { text: [...row.progress, ...(row.figures ? [row.figures] : [])].join('\n\n'), font: { src: 'Helvetica' } },
        ]),
      ],
    });
    doc.x = margin;
  }
  root.end();
  doc.end();
  return done;
}

/** The letter as an editable Word document, with real headings and a real table per programme line. */
export async function renderLetterDocx(model: LetterModel, _createdAt?: Date): Promise<Buffer> {
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
            ...(s.list ?? []).map((item) => new Paragraph({ text: item, bullet: { level: 0 }, spacing: { after: 60 } })),
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
