import { describe, expect, it } from 'vitest';
import { AppError, ConflictError, ValidationError } from '../../platform/errors.ts';
import { letterSkipCodes } from './contract.ts';
import { letterMessages, letterProblem, skipReason, templateRefused, type LetterProblemCode } from './letterMessages.ts';
import { checkLetterTemplate, compileLetterTemplate, defaultLetterTemplate } from './letterTemplate.ts';

const problems = (text: Partial<typeof defaultLetterTemplate>) => {
  const checked = checkLetterTemplate({ ...defaultLetterTemplate, ...text }, 0);
  return 'problems' in checked ? checked.problems : [];
};

describe('the letter side’s refusals: a code in the command, the Dutch sentence from one table', () => {
  it('gives every code its status and a sentence, and carries the code for programs', () => {
    for (const code of Object.keys(letterMessages) as LetterProblemCode[]) {
      const error = letterProblem(code, { count: 3, confirmed: 4, produced: 2, skipped: 1 });
      expect(error).toBeInstanceOf(AppError);
      expect(error.status).toBe(letterMessages[code].status);
      expect(error.details.reason).toBe(code);
      // A plain sentence, never the code itself.
      expect(error.message).toMatch(/^[A-Z].*[.!?]$/);
      expect(error.message).not.toContain(code);
    }
  });

  it('refuses a changed count as a conflict that names both numbers and hands the new one on', () => {
    const error = letterProblem('letter_count_changed', { count: 3, confirmed: 4 });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain('het zijn er nu 3, niet 4');
    expect(error.details.count).toBe(3);
  });

  it('asks for a municipality next to its field, saying why', () => {
    const none = letterProblem('municipality_required');
    const several = letterProblem('municipality_ambiguous');
    expect(none).toBeInstanceOf(ValidationError);
    expect(none.details.errors).toEqual([{ field: 'municipalityCode', reason: 'Geen gemeente gekozen.' }]);
    expect(several.details.errors).toEqual([{ field: 'municipalityCode', reason: 'U werkt voor meerdere gemeenten.' }]);
  });

  it('says in Dutch why a case gets no letter, with the date of the letter it had', () => {
    for (const code of letterSkipCodes) expect(skipReason(code, { letterSentOn: '2025-04-15' })).toMatch(/^[A-Z].* zaak .*\.$/);
    expect(skipReason('letter_already_sent', { letterSentOn: '2025-04-15' })).toContain('kreeg al een brief op 15 april 2025');
  });
});

describe('a letter text’s problems, as codes from the pure check and as sentences next to the field', () => {
  it('finds each problem as a code with its field and line', () => {
    expect(problems({ body: 'Beste {naam},\n{telefoon} {schuldeiser}' })).toEqual([
      expect.objectContaining({ field: 'body', line: 2, code: 'unknown_placeholder', name: 'schuldeiser' }),
    ]);
    expect(problems({ heading: 'Hulp {naam' })).toEqual([{ field: 'heading', code: 'opening_brace_alone' }]);
    expect(problems({ subject: 'hulp} ' })).toEqual([{ field: 'subject', code: 'closing_brace_alone' }]);
    expect(problems({ subject: ' ' })).toEqual([{ field: 'subject', code: 'empty' }]);
    expect(problems({ body: '{naam}' })).toEqual([expect.objectContaining({ field: 'body', code: 'required_placeholder_missing', name: 'telefoon' })]);
    expect(problems({})).toEqual([]);
  });

  it('words them with the right article and the line, one sentence per problem', () => {
    const error = templateRefused([
      { field: 'heading', code: 'too_long', limit: 160 },
      { field: 'heading', code: 'opening_brace_alone' },
      { field: 'body', line: 2, code: 'unknown_placeholder', name: 'x', known: ['naam', 'telefoon'] },
    ]);
    expect(error.message).toBe('De brieftekst klopt niet op 3 punten.');
    expect(error.details.reason).toBe('template_invalid');
    expect(error.details.errors).toEqual([
      { field: 'kop', reason: 'De kop is te lang: ten hoogste 160 tekens.' },
      { field: 'kop', reason: 'In de kop: een openende accolade { zonder sluitende }. Schrijf een plaatshouder als {naam}.' },
      { field: 'brieftekst', line: 2, reason: 'Regel 2 van de brieftekst: de plaatshouder {x} bestaat niet. Gebruik alleen {naam}, {telefoon}.' },
    ]);
  });

  it('refuses a wrong text when it is compiled, with its one problem in the sentence on top', () => {
    expect(() => compileLetterTemplate({ ...defaultLetterTemplate, subject: '' }, 1)).toThrow('De brieftekst klopt niet. Vul het onderwerp in.');
  });
});
