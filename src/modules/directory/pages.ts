// The public pages of the social map, rendered on the server: a search form (plain GET) and a page per service.
import { areaName } from '../../platform/areas.ts';
import {
  areaOptions,
  audienceLabels,
  audiences,
  describeSchedule,
  helpKindLabels,
  amsterdamMoment,
  isOpenNow,
  nextThisWeek,
  safeHref,
  type Moment,
  themeLabels,
  themes,
  type DirectoryEntry,
  type DirectoryQuery,
  type DirectorySchedule,
  type NearbyEntry,
} from './domain.ts';
import { formatKilometres } from '../../platform/dutch.ts';
import { errorSummary, html, publicPage, SafeHtml, textField } from '../../platform/html.ts';

/** What the page shows about the resident's postcode: what they typed, the sentence when it is wrong, the area used. */
export interface PostcodeState {
  postcode?: string;
  postcodeError?: string;
  origin?: { pc4: string; place: string };
}

const dutchDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** 2021-06-01 → "1 juni 2021" */
export function formatDutchDate(day: string): string {
  return dutchDate.format(new Date(`${day}T00:00:00Z`));
}

const whenLabels = { now: 'Nu open', week: 'Deze week nog open' } as const;

function select(name: string, label: string, current: string | undefined, options: [string, string][], id = name): SafeHtml {
  return html`<div class="vn-field"><label class="utrecht-form-label" for="${id}">${label}</label>
<select class="utrecht-select utrecht-select--html-select" id="${id}" name="${name}"><option value="">Alles</option>${options.map(
    ([value, text]) => html`<option value="${value}"${value === current ? new SafeHtml(' selected') : ''}>${text}</option>`,
  )}</select></div>`;
}

function scheduleLine(s: DirectorySchedule, now: Moment): SafeHtml {
  const place = s.location ? html`, ${s.location.name} (${s.location.address})` : '';
  const open = isOpenNow(s, now) ? html` <strong>Nu open</strong>` : '';
  return html`<li class="utrecht-unordered-list__item">${describeSchedule(s)}${place}${s.mobile ? ' · mobiel spreekuur' : ''}${s.note ? html` · ${s.note}` : ''}${s.validFrom ? html` · vanaf ${formatDutchDate(s.validFrom)}` : ''}${s.validUntil ? html` · tot en met ${formatDutchDate(s.validUntil)}` : ''}${open}</li>`;
}

function contactLines(e: DirectoryEntry): SafeHtml {
  const phone = e.phone ?? e.organization.phone;
  const email = e.email ?? e.organization.email;
  const url = safeHref(e.url ?? e.organization.url);
  return html`${phone ? html`<li class="utrecht-unordered-list__item">Telefoon: <a href="tel:${phone.replace(/\s+/g, '')}">${phone}</a></li>` : ''}${
    email ? html`<li class="utrecht-unordered-list__item">E-mail: <a href="mailto:${email}">${email}</a></li>` : ''
  }${url ? html`<li class="utrecht-unordered-list__item">Website: <a href="${url}">${url.replace(/^https?:\/\//, '')}</a></li>` : ''}`;
}

export function searchPage(nearby: NearbyEntry[], query: DirectoryQuery, instant: Date, place: PostcodeState = {}): string {
  const now = amsterdamMoment(instant);
  const results = nearby.map((n) => n.entry);
  const distances = new Map(nearby.map((n) => [n.entry.id, n.distanceKm]));
  const filtered = !!(query.q || query.theme || query.audience || query.area || query.when || place.origin);
  const distanceLine = (e: DirectoryEntry) => {
    if (!place.origin) return '';
    const km = distances.get(e.id);
    return html`<p class="utrecht-paragraph">${km === null || km === undefined ? 'Telefonisch of online: geen vaste plek' : `Afstand: ${formatKilometres(km)}`}</p>`;
  };
  const body = html`<h1 class="utrecht-heading-1">Hulp zoeken in Dordrecht</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">Hier vindt u organisaties en vrijwilligers die helpen bij geldzorgen, werk, kinderen, gezondheid en wonen. De hulp is meestal gratis.</p>
${errorSummary(place.postcodeError ? { postcode: place.postcodeError } : {}, () => 'Uw postcode')}
<form method="get" action="/hulp" role="search" aria-label="Hulp zoeken">
<div class="vn-field"><label class="utrecht-form-label" for="q">Waar zoekt u hulp bij?</label>
<input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="q" name="q" value="${query.q ?? ''}" autocomplete="off"></div>
${textField({
  name: 'postcode',
  label: 'Uw postcode',
  hint: 'Niet verplicht. Dan ziet u de hulp die het dichtst bij u is eerst.',
  value: place.postcode ?? '',
  error: place.postcodeError,
  autocomplete: 'postal-code',
})}
<div class="vn-filters">
${select(
  'thema',
  'Onderwerp',
  query.theme,
  themes.map((t) => [t, themeLabels[t]]),
)}
${select(
  'voor',
  'Voor wie',
  query.audience,
  audiences.map((a) => [a, audienceLabels[a]]),
)}
${select(
  'wijk',
  'Wijk',
  query.area,
  areaOptions().map((a) => [a.code, a.name]),
)}
${select('wanneer', 'Wanneer', query.when, Object.entries(whenLabels) as [string, string][])}
</div>
<p><button class="utrecht-button utrecht-button--primary-action" type="submit">Zoeken</button></p>
</form>
<h2 class="utrecht-heading-2" id="resultaten">${results.length === 1 ? '1 resultaat' : `${results.length} resultaten`}${filtered ? '' : ': alle hulp'}</h2>
${place.origin ? html`<p class="utrecht-paragraph">Dichtstbijzijnde eerst, gemeten vanaf het midden van postcodegebied ${place.origin.pc4}${place.origin.place ? ` (${place.origin.place})` : ''}, in een rechte lijn.</p>` : ''}
${
  results.length
    ? html`<ul class="vn-results" aria-labelledby="resultaten">${results.map((e) => {
        const week = e.schedules.map((s) => nextThisWeek(s, now)).filter(Boolean);
        const open = e.schedules.some((s) => isOpenNow(s, now));
        return html`<li><h3 class="utrecht-heading-3"><a href="/hulp/${e.id}">${e.name}</a></h3>
<p class="utrecht-paragraph">${e.organization.name}</p>
${distanceLine(e)}
<p class="utrecht-paragraph">${e.description}</p>
<p class="vn-tags">${e.themes.map((t) => themeLabels[t]).join(' · ')} · voor ${e.audiences.map((a) => audienceLabels[a].toLowerCase()).join(', ')}${
          open ? html` · <strong>Nu open</strong>` : week.length ? ' · deze week nog spreekuur' : ''
        }</p></li>`;
      })}</ul>`
    : html`<p class="utrecht-paragraph">Geen hulp gevonden. Probeer minder filters, of bel het Sociaal Wijkteam: zij helpen u verder.</p>`
}
<p class="utrecht-paragraph">Weet u niet waar u moet beginnen? <a href="/geldfit">Doe de Geldfit-test</a>.</p>
<p class="utrecht-paragraph"><a href="/api/v1/directory/hsds">Download de sociale kaart als open data (Open Referral HSDS, JSON)</a></p>`;
  return publicPage({ title: 'Hulp zoeken', body, current: '/hulp' });
}

export function detailPage(e: DirectoryEntry, instant: Date): string {
  const now = amsterdamMoment(instant);
  const places = [...new Map(e.schedules.filter((s) => s.location).map((s) => [s.location!.id, s.location!])).values()];
  const body = html`<p><a href="/hulp">Terug naar zoeken</a></p>
<h1 class="utrecht-heading-1">${e.name}</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">${e.organization.name}</p>
${e.active ? '' : html`<p class="vn-error">Deze hulp wordt op dit moment niet aangeboden.</p>`}
<p class="utrecht-paragraph">${e.description}</p>
<h2 class="utrecht-heading-2">Zo komt u in contact</h2>
${e.howToApply ? html`<p class="utrecht-paragraph">${e.howToApply}</p>` : ''}
<ul class="utrecht-unordered-list" role="list">${contactLines(e)}</ul>
<h2 class="utrecht-heading-2">Spreekuren</h2>
${
  e.schedules.length
    ? html`<ul class="utrecht-unordered-list" role="list">${e.schedules.map((s) => scheduleLine(s, now))}</ul>`
    : html`<p class="utrecht-paragraph">Geen vast spreekuur. Neem contact op om een afspraak te maken.</p>`
}
${
  places.length
    ? html`<h2 class="utrecht-heading-2">Adressen</h2><ul class="utrecht-unordered-list" role="list">${places.map(
        (l) =>
          html`<li class="utrecht-unordered-list__item">${l.name}, ${l.address}${l.postcode ? html`, ${l.postcode}` : ''} ${l.city}${l.areaCode ? html` (wijk ${areaName(l.areaCode)})` : ''}${l.meetingPlace ? ' · ontmoetingsplek' : ''}</li>`,
      )}</ul>`
    : ''
}
<h2 class="utrecht-heading-2">Over deze hulp</h2>
<ul class="utrecht-unordered-list" role="list">
<li class="utrecht-unordered-list__item">Onderwerp: ${e.themes.map((t) => themeLabels[t]).join(', ')}</li>
<li class="utrecht-unordered-list__item">Voor: ${e.audiences.map((a) => audienceLabels[a].toLowerCase()).join(', ')}</li>
<li class="utrecht-unordered-list__item">Soort hulp: ${helpKindLabels[e.helpKind]}</li>
</ul>`;
  return publicPage({ title: e.name, body, current: '/hulp' });
}

export function notFoundPage(): string {
  return publicPage({
    title: 'Niet gevonden',
    current: '/hulp',
    body: html`<h1 class="utrecht-heading-1">Deze hulp bestaat niet (meer)</h1><p class="utrecht-paragraph"><a href="/hulp">Zoek opnieuw</a>.</p>`,
  });
}
