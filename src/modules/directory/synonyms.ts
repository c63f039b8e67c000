// Search synonyms, pure: what staff may enter, and how a search word grows into the words it also stands for.
import { z } from 'zod';

/** Lower case, accents off: how search words and texts are compared. */
export function normaliseWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

const word = /^[\p{L}\d][\p{L}\d'-]*$/u;

/** What staff enter: one search word, and the words or short phrases it should also find (a list, or comma-separated). */
export const synonymInput = z.object({
  term: z
    .string()
    .trim()
    .min(2, 'Vul een zoekwoord in van minstens 2 letters.')
    .max(40, 'Een zoekwoord heeft hoogstens 40 tekens.')
    .refine((t) => word.test(t), 'Een zoekwoord is één woord, zonder spaties of leestekens, bijvoorbeeld huurachterstand.')
    .transform(normaliseWord),
  synonyms: z
    .union([z.string().max(1500), z.array(z.string().max(100)).max(40)])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[,;\n]/)))
    .transform((list) => [...new Set(list.map(normaliseWord).filter(Boolean))])
    .pipe(
      z
        .array(z.string().min(2, 'Elk woord heeft minstens 2 letters.').max(60, 'Elk woord of elke zin heeft hoogstens 60 tekens.'))
        .min(1, 'Vul minstens één woord in dat ook gevonden moet worden, bijvoorbeeld schuldhulp.')
        .max(20, 'Vul hoogstens 20 woorden in.'),
    ),
});
export type SynonymInput = z.infer<typeof synonymInput>;

/** term → the words it also finds (normalised). */
export type SynonymTable = ReadonlyMap<string, readonly string[]>;

/**
 * The alternatives for one (normalised) search word: the word itself and, when staff made it a term, its synonyms.
 * A text matches the word when it contains any of them.
 */
export function alternativesFor(searchWord: string, table: SynonymTable): string[] {
  return [searchWord, ...(table.get(searchWord) ?? []).filter((w) => w !== searchWord)];
}
