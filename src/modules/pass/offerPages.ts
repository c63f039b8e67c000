// The public offers page (/dordtpas/aanbod): what residents can do with the Dordtpas, rendered on the server, no script.
import { errorSummary, formatDutchDate, formatEuro, html, publicPage, type SafeHtml, selectField, textField, type FieldErrors } from '../../platform/html.ts';
import { offerAudienceLabels } from './offerContract.ts';
import type { PublicOfferList } from './offers.ts';

type PublicOffer = PublicOfferList['offers'][number];
export type OfferSearchValues = { zoek?: string; categorie?: string; wijk?: string; leeftijd?: string };

const labels: Record<string, string> = { zoek: 'Zoeken op woord', categorie: 'Categorie', wijk: 'Wijk', leeftijd: 'Leeftijd' };

/** For whom, in a resident's words: "Kinderen van 4 tot en met 12 jaar", "Volwassenen", "Iedereen". */
export function audienceText(o: Pick<PublicOffer, 'audience' | 'minAge' | 'maxAge'>): string {
  if (o.audience !== 'children') return offerAudienceLabels[o.audience];
  if (o.minAge != null && o.maxAge != null) return `Kinderen van ${o.minAge} tot en met ${o.maxAge} jaar`;
  return 'Kinderen';
}

/** "Hele stad" or the wijken by name. */
function whereText(o: PublicOffer): string {
  return o.areaNames.length ? `Wijk: ${o.areaNames.join(', ')}` : 'Hele stad';
}

function whenText(o: PublicOffer): string | null {
  if (o.validUntil) return `Tot en met ${formatDutchDate(o.validUntil)}`;
  return null;
}

function offerItem(o: PublicOffer): SafeHtml {
  const price = o.kind === 'discount' ? o.discountText : o.priceCents != null ? formatEuro(o.priceCents) : null;
  const when = whenText(o);
  return html`<li><h3 class="utrecht-heading-3">${o.title}</h3>
<p class="utrecht-paragraph">${o.provider.name}${price ? html` · <strong>${price}</strong>` : ''}</p>
<p class="utrecht-paragraph">Voor: ${audienceText(o)} · ${whereText(o)}${when ? html` · ${when}` : ''}</p>
${o.description ? html`<p class="utrecht-paragraph">${o.description}</p>` : ''}</li>`;
}

/** The page: a search form (GET, so the address can be shared), then the offers per category. */
export function offersPage(list: PublicOfferList, values: OfferSearchValues, errors: FieldErrors): string {
  const byCategory = new Map<string, PublicOffer[]>();
  for (const o of list.offers) byCategory.set(o.categoryName, [...(byCategory.get(o.categoryName) ?? []), o]);
  const searched = Boolean(values.zoek || values.categorie || values.wijk || values.leeftijd);
  const count = list.offers.length;
  const body = html`<h1 class="utrecht-heading-1">Wat kunt u doen met de Dordtpas?</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">Bij deze aanbieders krijgt u korting of betaalt u met het kindtegoed. Voor kinderen en voor volwassenen.</p>
<p class="utrecht-paragraph">Nog geen pas? <a href="/dordtpas">Vraag de Dordtpas aan</a>. Al een pas? Kijk op <a href="/dordtpas/mijn-pas">Mijn Dordtpas</a> hoeveel tegoed er is.</p>
${errorSummary(errors, (f) => labels[f] ?? f)}
<form method="get" action="/dordtpas/aanbod" aria-label="Aanbod zoeken" novalidate>
${textField({ name: 'zoek', label: labels.zoek!, value: values.zoek, hint: 'Bijvoorbeeld zwemmen, muziek of museum.', error: errors.zoek })}
${selectField({
  name: 'categorie',
  label: labels.categorie!,
  value: values.categorie ?? '',
  options: [['', 'Alle categorieën'], ...list.categories.map((c): [string, string] => [c.code, c.name])],
  error: errors.categorie,
})}
${selectField({
  name: 'wijk',
  label: labels.wijk!,
  value: values.wijk ?? '',
  options: [['', 'Alle wijken'], ...list.areas.map((a): [string, string] => [a.code, a.name])],
  hint: 'Aanbod voor de hele stad ziet u altijd.',
  error: errors.wijk,
})}
${textField({ name: 'leeftijd', label: labels.leeftijd!, value: values.leeftijd, inputmode: 'numeric', hint: 'De leeftijd van wie meedoet, bijvoorbeeld 9.', error: errors.leeftijd })}
<p><button class="utrecht-button utrecht-button--primary-action" type="submit">Zoeken</button></p>
</form>
<h2 class="utrecht-heading-2" id="resultaat">${
    count === 0 ? (searched ? 'Geen aanbod gevonden' : 'Er is nog geen aanbod') : count === 1 ? '1 aanbod' : `${count} aanbiedingen`
  }</h2>
${count === 0 && searched ? html`<p class="utrecht-paragraph">Zoek met minder woorden, of kies een andere categorie, wijk of leeftijd.</p>` : ''}
${[...byCategory.entries()].map(
  ([
    category,
    offers,
  ]) => html`<section aria-labelledby="cat-${offers[0]!.category}"><h2 class="utrecht-heading-2" id="cat-${offers[0]!.category}">${category}</h2>
<ul class="vn-results">${offers.map(offerItem)}</ul></section>`,
)}`;
  return publicPage({
    title: Object.keys(errors).length ? 'Fout in de zoekvraag: Aanbod Dordtpas' : 'Aanbod Dordtpas',
    body,
    current: '/dordtpas',
  });
}
