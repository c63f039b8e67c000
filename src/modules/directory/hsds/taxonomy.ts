// The social map's own HSDS taxonomy "vangnet": its themes, audiences, kinds of help and "meeting place", as
// terms under three top terms. Every term has a stable id (ids.ts) so other maps can filter on it.
import { audienceLabels, audiences, helpKindLabels, helpKinds, themeLabels, themes } from '../contract.ts';
import { hsdsId } from './ids.ts';

export const taxonomyName = 'vangnet';
export const vangnetTaxonomy = {
  id: hsdsId('taxonomy', taxonomyName),
  name: taxonomyName,
  description: 'Onderwerpen, doelgroepen en soorten hulp van de sociale kaart van Vangnet (GeldenzoDordt).',
  version: '1',
};

export type HsdsTerm = {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  language: string;
  parent_id?: string;
};

function term(code: string, name: string, description: string, parent?: string): HsdsTerm {
  return {
    id: hsdsId('taxonomy_term', taxonomyName, code),
    code,
    name,
    description,
    taxonomy: taxonomyName,
    taxonomy_id: vangnetTaxonomy.id,
    language: 'nl',
    ...(parent ? { parent_id: hsdsId('taxonomy_term', taxonomyName, parent) } : {}),
  };
}

const topTerms = [
  term('theme', 'Onderwerp', 'Waar de hulp over gaat.'),
  term('audience', 'Voor wie', 'Voor wie de hulp is.'),
  term('help', 'Soort hulp', 'Wat voor hulp het is, van licht naar zwaar.'),
];

/** Every term of the taxonomy, top terms first. */
export const vangnetTerms: HsdsTerm[] = [
  ...topTerms,
  ...themes.map((t) => term(`theme:${t}`, themeLabels[t], `Onderwerp: ${themeLabels[t]}.`, 'theme')),
  ...audiences.map((a) => term(`audience:${a}`, audienceLabels[a], `Voor wie: ${audienceLabels[a]}.`, 'audience')),
  ...helpKinds.map((h) => term(`help:${h}`, helpKindLabels[h], `Soort hulp: ${helpKindLabels[h]}.`, 'help')),
  term('meeting_place', 'Ontmoetingsplek', 'Een plek waar mensen elkaar ontmoeten, zoals een buurthuis of bibliotheek.'),
];

const byCode = new Map(vangnetTerms.map((t) => [t.code, t]));

/** The term with this code (`theme:money`, `audience:residents`, `help:debt_help`, `meeting_place`). */
export function vangnetTerm(code: string): HsdsTerm {
  const found = byCode.get(code);
  if (!found) throw new Error(`unknown vangnet term ${code}`);
  return found;
}
