import { templateRefused } from './letterMessages.ts';

/**
 * The offer letter's editable text: a subject, a heading and a body with placeholders such as `{naam}`.
 * Pure functions: parse and check a template once, then fill it in per letter (cheap: the lines are pre-split).
 *
 * Body markup, one instruction per line (kept small so a signal officer can write it without training):
 * - an empty line ends a paragraph (a little space follows);
 * - `## text` is a small bold heading (e.g. "Wat kunnen wij voor u doen?");
 * - `- text` is an item of a bulleted list;
 * - `~ text` is small print (e.g. the privacy sentence);
 * - any other line is a line of the paragraph (lines of one paragraph stay on their own line, as in an address).
 */
export interface LetterTemplateText {
  subject: string;
  heading: string;
  body: string;
}

/** The placeholders a template may use, with what they become (Dutch, shown on the template page). */
export const letterPlaceholders = {
  naam: 'naam van de inwoner (voorletters, tussenvoegsel, achternaam)',
  adres: 'adres van de inwoner op één regel',
  bedrag: 'totale achterstand in euro’s',
  schuldeisers: 'waarvoor de achterstand is, bijvoorbeeld “de huur en de zorgverzekering”',
  team: 'naam van het team',
  telefoon: 'telefoonnummer van het team',
  email: 'e-mailadres van het team',
  bezoekadres: 'bezoekadres van het team',
  contactVoor: 'datum waarvoor het team contact opneemt',
  bewaartermijn: 'bewaartermijn in maanden',
} as const;
export type LetterPlaceholder = keyof typeof letterPlaceholders;

/** Without these a letter is not an offer of help the resident can answer: a template must hold them. */
export const requiredPlaceholders: readonly LetterPlaceholder[] = ['naam', 'telefoon'];

export const templateLimits = { subject: 120, heading: 160, body: 6000, lines: 60 } as const;

/** Today's letter text: version 0 of every municipality, until the team saves its own. */
export const defaultLetterTemplate: LetterTemplateText = {
  subject: 'aanbod van hulp',
  heading: 'Wij helpen u graag met uw rekeningen',
  body: [
    'Beste {naam},',
    '',
    'Wij hebben gehoord dat u een betalingsachterstand heeft voor {schuldeisers}. Dat kan iedereen overkomen. Wij willen u helpen, voordat het probleem groter wordt.',
    '',
    '## Wat kunnen wij voor u doen?',
    '- Samen kijken we naar uw rekeningen en uw geld.',
    '- We helpen u een betalingsregeling te maken.',
    '- We kijken of u recht heeft op toeslagen of andere regelingen, zoals de Dordtpas.',
    '- Als het nodig is, zoeken we samen de juiste hulp. Bijvoorbeeld een vrijwilliger of schuldhulp.',
    '',
    'De hulp is gratis. U hoeft niets te betalen.',
    '## Hoe bereikt u ons?',
    'Bel ons: {telefoon} (op werkdagen van 9.00 tot 17.00 uur).',
    'Mail ons: {email}.',
    'Of kom langs: {bezoekadres}.',
    'Wij nemen ook zelf contact met u op. Misschien bellen wij u, of komen wij bij u langs.',
    '',
    '~ Wij gebruiken uw gegevens alleen om u hulp aan te bieden. Wilt u geen hulp? Dan verwijderen wij uw gegevens uiterlijk {bewaartermijn} maanden na het laatste signaal.',
    '',
    'Met vriendelijke groet,',
    '{team}',
  ].join('\n'),
};

type Piece = string | { placeholder: LetterPlaceholder };
export type LineKind = 'text' | 'heading' | 'bullet' | 'small' | 'gap';
export interface TemplateLine {
  kind: LineKind;
  pieces: Piece[];
}
export interface CompiledTemplate {
  version: number;
  subject: Piece[];
  heading: Piece[];
  lines: TemplateLine[];
}

export type TemplateField = keyof LetterTemplateText;

/** What is wrong with a letter text, by code; `letterMessages.ts` words it (and names the field and line). */
export type TemplateProblem = { field: TemplateField; line?: number } & (
  | { code: 'empty' }
  | { code: 'too_long'; limit: number }
  | { code: 'too_many_lines'; lines: number; limit: number }
  | { code: 'closing_brace_alone' }
  | { code: 'opening_brace_alone' }
  | { code: 'unknown_placeholder'; name: string; known: string[] }
  | { code: 'required_placeholder_missing'; name: LetterPlaceholder; meaning: string }
);

function splitPieces(text: string, field: TemplateField, line: number | undefined, problems: TemplateProblem[]): Piece[] {
  const pieces: Piece[] = [];
  const at = line === undefined ? { field } : { field, line };
  let rest = text;
  while (rest.length) {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (open < 0 && close < 0) {
      pieces.push(rest);
      break;
    }
    if (close >= 0 && (open < 0 || close < open)) {
      problems.push({ ...at, code: 'closing_brace_alone' });
      break;
    }
    const end = rest.indexOf('}', open);
    const nextOpen = rest.indexOf('{', open + 1);
    if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
      problems.push({ ...at, code: 'opening_brace_alone' });
      break;
    }
    if (open > 0) pieces.push(rest.slice(0, open));
    const name = rest.slice(open + 1, end).trim();
    if (name in letterPlaceholders) pieces.push({ placeholder: name as LetterPlaceholder });
    else problems.push({ ...at, code: 'unknown_placeholder', name, known: Object.keys(letterPlaceholders) });
    rest = rest.slice(end + 1);
  }
  return pieces;
}

/** Checks a template and prepares it for filling in: the template, or every problem found (pure). */
export function checkLetterTemplate(text: LetterTemplateText, version: number): { template: CompiledTemplate } | { problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  for (const field of ['subject', 'heading', 'body'] as const) {
    if (!text[field].trim()) problems.push({ field, code: 'empty' });
    if (text[field].length > templateLimits[field]) problems.push({ field, code: 'too_long', limit: templateLimits[field] });
  }
  const subject = splitPieces(text.subject, 'subject', undefined, problems);
  const heading = splitPieces(text.heading, 'heading', undefined, problems);
  const rawLines = text.body.replace(/\r\n?/g, '\n').split('\n');
  if (rawLines.length > templateLimits.lines) problems.push({ field: 'body', code: 'too_many_lines', lines: rawLines.length, limit: templateLimits.lines });
  const lines: TemplateLine[] = rawLines.map((raw, i) => {
    const line = raw.trimEnd();
    if (!line.trim()) return { kind: 'gap', pieces: [] };
    const marker = /^(##|-|~)\s+/.exec(line);
    const kind: LineKind = marker ? ({ '##': 'heading', '-': 'bullet', '~': 'small' } as const)[marker[1] as '##' | '-' | '~'] : 'text';
    return { kind, pieces: splitPieces(marker ? line.slice(marker[0].length) : line, 'body', i + 1, problems) };
  });
  const used = new Set([...subject, ...heading, ...lines.flatMap((l) => l.pieces)].flatMap((p) => (typeof p === 'string' ? [] : [p.placeholder])));
  for (const name of requiredPlaceholders) {
    if (!used.has(name)) problems.push({ field: 'body', code: 'required_placeholder_missing', name, meaning: letterPlaceholders[name] });
  }
  return problems.length ? { problems } : { template: { version, subject, heading, lines } };
}

/**
 * Checks a template and prepares it for filling in. Refuses (a ValidationError with one Dutch reason per problem,
 * naming the line; `letterMessages.ts`) unknown placeholders, a brace without its partner, a missing required
 * placeholder, empty or too long texts.
 */
export function compileLetterTemplate(text: LetterTemplateText, version: number): CompiledTemplate {
  const checked = checkLetterTemplate(text, version);
  if ('problems' in checked) throw templateRefused(checked.problems);
  return checked.template;
}

export type PlaceholderValues = Record<LetterPlaceholder, string>;

export function fill(pieces: Piece[], values: PlaceholderValues): string {
  let out = '';
  for (const p of pieces) out += typeof p === 'string' ? p : values[p.placeholder];
  return out;
}

/** The filled-in letter as plain lines: for tests and review (the PDF draws the same lines). */
export function renderLetterText(
  template: CompiledTemplate,
  values: PlaceholderValues,
): { subject: string; heading: string; lines: { kind: LineKind; text: string }[] } {
  return {
    subject: fill(template.subject, values),
    heading: fill(template.heading, values),
    lines: template.lines.map((l) => ({ kind: l.kind, text: fill(l.pieces, values) })),
  };
}
