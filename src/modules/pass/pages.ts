// The residents' Dordtpas pages, rendered on the server: plain HTML forms that work without JavaScript.
// The routes that serve them are in publicRoutes.ts; the form's values are read in applicationForm.ts.
import QRCode from 'qrcode';
import { errorSummary, formatDutchDate, formatEuro, html, publicPage, SafeHtml, selectField, textField, type FieldErrors } from '../../platform/html.ts';
import type { ApplicationOutcome, residentStatus } from './applications.ts';
import { ageGroupLabels, passRoutes, passStatusLabels, type PassRoute } from './domain.ts';
import type { publicInfo } from './public.ts';
import { fieldLabel, type ApplicationFormValues } from './applicationForm.ts';
import { dutchDate } from './messages.ts';
import { renewalSection } from './yearPages.ts';

export type PublicInfo = Awaited<ReturnType<typeof publicInfo>>;
export type ResidentStatus = Awaited<ReturnType<typeof residentStatus>>;

/** The choices of the form, as a resident reads them. */
const routeChoices: Record<PassRoute, string> = {
  income: 'Laag inkomen (gratis)',
  carer: 'Mantelzorger (gratis)',
  volunteer: 'Vrijwilliger (uw organisatie koopt de pas)',
  purchase: 'Kopen',
};
const applicationStatusText: Record<string, string> = { submitted: 'In behandeling', approved: 'Toegekend', rejected: 'Afgewezen' };
const transactionText: Record<string, string> = { charge: 'Betaling', refund: 'Terugbetaling', campaign: 'Extra tegoed' };

export function formatPassNumber(n: string): string {
  return `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`;
}

function introduction(info: PublicInfo): SafeHtml {
  const rules = info.rules;
  const spendOn = info.categories.filter((c) => c.childBudgetAllowed).map((c) => c.name.toLowerCase());
  return html`<p class="utrecht-paragraph utrecht-paragraph--lead">Met de Dordtpas doet u mee in de stad: korting op sport, cultuur en uitjes.</p>
<p class="utrecht-paragraph">Heeft u een laag inkomen, dan is de pas gratis${rules ? ` (tot ${rules.incomeLimitPercent}% van het sociaal minimum)` : ''}. Kinderen krijgen dan ook kindtegoed${
    rules ? `: ${formatEuro(rules.primaryBudgetCents)} per jaar op de basisschool en ${formatEuro(rules.secondaryBudgetCents)} op de middelbare school` : ''
  }.${spendOn.length ? ` Dat tegoed is voor ${spendOn.join(', ')}.` : ''}</p>
<p class="utrecht-paragraph">Mantelzorgers krijgen de pas ook gratis. Vrijwilligersorganisaties kopen de pas voor hun vrijwilligers. Iedereen anders kan de pas kopen.</p>
<p class="utrecht-paragraph"><a href="/dordtpas/aanbod">Wat kunt u doen met de Dordtpas?</a> Bekijk het aanbod en de kortingen.</p>
<p class="utrecht-paragraph">Al aangevraagd? Kijk op <a href="/dordtpas/mijn-pas">Mijn Dordtpas</a>.</p>`;
}

function field(values: ApplicationFormValues, errors: FieldErrors, name: string, extra: Partial<Parameters<typeof textField>[0]> = {}): SafeHtml {
  return textField({ name, label: fieldLabel(name), value: values[name] ?? '', error: errors[name], ...extra });
}

const dateHint = 'Bijvoorbeeld 4-3-1990 (dag-maand-jaar).';

/** The application form; with errors each field says what is wrong, and the summary at the top links to it. */
export function applyPage(
  info: PublicInfo,
  values: ApplicationFormValues,
  errors: FieldErrors,
  childRows: number,
  formError?: string,
  /** DigiD: the login button, or who is logged in (see platform/residentPages.ts). */
  loginBox: SafeHtml = html``,
  adultRows = 1,
): string {
  const route = (values.route ?? 'income') as PassRoute;
  const children = Array.from({ length: childRows }, (_, i) => i);
  const body = html`<h1 class="utrecht-heading-1">Dordtpas aanvragen</h1>
${introduction(info)}
${loginBox}
${formError ? html`<div class="vn-summary" id="fouten" role="alert"><p class="utrecht-paragraph">${formError}</p></div>` : ''}
${errorSummary(errors, fieldLabel)}
<form method="post" action="/dordtpas" aria-label="Aanvraag Dordtpas" novalidate>
<input type="hidden" name="kinderen" value="${String(childRows)}">
<input type="hidden" name="huisgenoten" value="${String(adultRows)}">
${selectField({ name: 'route', label: 'Waarom vraagt u de pas aan?', value: route, options: passRoutes.map((r) => [r, routeChoices[r]]), error: errors.route })}
${selectField({
  name: 'volunteerOrganisationId',
  label: fieldLabel('volunteerOrganisationId'),
  hint: 'Alleen voor vrijwilligers: de organisatie die de pas voor u koopt.',
  value: values.volunteerOrganisationId,
  options: [['', 'Geen (ik ben geen vrijwilliger)'], ...info.volunteerOrganisations.map((o): [string, string] => [o.id, o.name])],
  error: errors.volunteerOrganisationId,
})}
<fieldset><legend>Uw gegevens</legend>
${field(values, errors, 'applicant.initials', { autocomplete: 'given-name', required: true })}
${field(values, errors, 'applicant.prefix')}
${field(values, errors, 'applicant.surname', { autocomplete: 'family-name', required: true })}
${field(values, errors, 'applicant.birthDate', { hint: dateHint, autocomplete: 'bday', required: true })}
${field(values, errors, 'applicant.street', { autocomplete: 'address-line1', required: true })}
${field(values, errors, 'applicant.houseNumber', { required: true })}
${field(values, errors, 'applicant.postcode', { hint: 'Bijvoorbeeld 3311 JG.', autocomplete: 'postal-code', required: true })}
${field(values, errors, 'applicant.city', { autocomplete: 'address-level2', required: true })}
${field(values, errors, 'applicant.email', { type: 'email', autocomplete: 'email' })}
</fieldset>
<fieldset><legend>Uw partner</legend>
<p class="utrecht-paragraph">Alleen invullen als u getrouwd bent of samenwoont.</p>
${field(values, errors, 'partner.initials')}
${field(values, errors, 'partner.surname')}
${field(values, errors, 'partner.birthDate', { hint: dateHint })}
</fieldset>
<fieldset id="kinderen"><legend>Uw kinderen</legend>
<p class="utrecht-paragraph">Vul de kinderen in die bij u wonen. Heeft u geen kinderen, laat dit dan leeg.</p>
${children.map(
  (i) => html`<fieldset><legend>Kind ${String(i + 1)}</legend>
${field(values, errors, `children.${i}.initials`)}
${field(values, errors, `children.${i}.surname`, { hint: 'Niet nodig als die hetzelfde is als die van u.' })}
${field(values, errors, `children.${i}.birthDate`, { hint: dateHint })}
</fieldset>`,
)}
<p><button class="utrecht-button utrecht-button--secondary-action" type="submit" name="actie" value="kind-erbij">Kind toevoegen</button></p>
</fieldset>
<fieldset id="huisgenoten"><legend>Andere volwassenen in uw huis</legend>
<p class="utrecht-paragraph">Alleen invullen als er iemand van 18 jaar of ouder bij u woont die niet uw partner is, bijvoorbeeld een volwassen kind of een ouder. Heeft die persoon geen inkomen, vul dan 0 in.</p>
${Array.from({ length: adultRows }, (_, i) => i).map(
  (i) => html`<fieldset><legend>Huisgenoot ${String(i + 1)}</legend>
${field(values, errors, `adultCoResidents.${i}.initials`)}
${field(values, errors, `adultCoResidents.${i}.surname`)}
${field(values, errors, `adultCoResidents.${i}.birthDate`, { hint: dateHint })}
${field(values, errors, `adultCoResidents.${i}.income`, { inputmode: 'decimal', hint: 'Loon, uitkering, studiefinanciering of pensioen. Bijvoorbeeld 850 of 0.' })}
</fieldset>`,
)}
<p><button class="utrecht-button utrecht-button--secondary-action" type="submit" name="actie" value="huisgenoot-erbij">Huisgenoot toevoegen</button></p>
</fieldset>
<fieldset><legend>Inkomen en vermogen</legend>
<p class="utrecht-paragraph">Alleen bij laag inkomen.</p>
${field(values, errors, 'income', {
  inputmode: 'decimal',
  hint: 'Tel de netto-inkomsten van u en uw partner samen: loon, uitkering, pensioen, zonder toeslagen en kinderbijslag. Bijvoorbeeld 1.650,50 of 1650.',
})}
${field(values, errors, 'assets', {
  inputmode: 'decimal',
  hint: 'Tel samen: geld op al uw rekeningen, spaargeld, beleggingen en de waarde van een tweede auto of boot. Uw eigen huis telt niet mee. Heeft u niets, vul dan 0 in.',
})}
</fieldset>
<p><button class="utrecht-button utrecht-button--primary-action" type="submit" name="actie" value="versturen">Aanvraag versturen</button></p>
</form>`;
  return publicPage({
    title: Object.keys(errors).length || formError ? 'Fout in de aanvraag: Dordtpas aanvragen' : 'Dordtpas aanvragen',
    body,
    current: '/dordtpas',
  });
}

/** After the application: the check's reason, and the reference and code (shown here once). */
export function receivedPage(outcome: ApplicationOutcome): string {
  const body = html`<h1 class="utrecht-heading-1">Uw aanvraag is ontvangen</h1>
<div class="vn-success" role="status"><p class="utrecht-paragraph">${outcome.reason}</p></div>
${
  outcome.accessCode
    ? html`<h2 class="utrecht-heading-2">Bewaar deze gegevens</h2>
<p class="utrecht-paragraph">Hiermee ziet u later of uw pas klaar is, en hoeveel kindtegoed er nog is. Schrijf ze op of maak een foto. De code ziet u alleen nu.</p>
<dl class="vn-codes"><dt>Aanvraagnummer</dt><dd data-testid="reference">${outcome.reference}</dd><dt>Uw code</dt><dd data-testid="access-code">${outcome.accessCode}</dd></dl>`
    : html`<p class="utrecht-paragraph">Aanvraag ${outcome.reference} staat in de werklijst. De inwoner krijgt de pas per post.</p>`
}
${
  outcome.proofs.length
    ? html`<h2 class="utrecht-heading-2">Dit vragen wij u te laten zien</h2>
<ul class="utrecht-unordered-list">${outcome.proofs.map((p) => html`<li class="utrecht-unordered-list__item">${p}</li>`)}</ul>`
    : ''
}
<p class="utrecht-paragraph">Een consulent controleert uw gegevens. Daarna ziet u uw pas op <a href="/dordtpas/mijn-pas">Mijn Dordtpas</a>.</p>`;
  return publicPage({ title: 'Uw aanvraag is ontvangen', body, current: '/dordtpas' });
}

export function myPassFormPage(values: { reference?: string }, errors: FieldErrors, refused?: string, loginBox: SafeHtml = html``): string {
  const labels: Record<string, string> = { reference: 'Aanvraagnummer', accessCode: 'Code' };
  const body = html`<h1 class="utrecht-heading-1">Mijn Dordtpas</h1>
<p class="utrecht-paragraph">Vul het aanvraagnummer en de code in die u kreeg toen u de pas aanvroeg. Dan ziet u uw pas en het kindtegoed.</p>
${loginBox}
${refused ? html`<div class="vn-summary" id="fouten" role="alert"><p class="utrecht-paragraph">${refused}</p></div>` : ''}
${errorSummary(errors, (f) => labels[f] ?? f)}
<form method="post" action="/dordtpas/mijn-pas" aria-label="Mijn Dordtpas bekijken" novalidate>
${textField({ name: 'reference', label: 'Aanvraagnummer', value: values.reference, error: errors.reference, hint: 'Bijvoorbeeld DP-AB12CD34.', autocomplete: 'off', required: true })}
${textField({ name: 'accessCode', label: 'Code', type: 'password', error: errors.accessCode, hint: 'Bijvoorbeeld ABCD-EFGH-JKLM.', autocomplete: 'off', required: true })}
<p><button class="utrecht-button utrecht-button--primary-action" type="submit">Bekijken</button></p>
</form>
<p class="utrecht-paragraph">Code kwijt? Bel de gemeente; zij helpen u verder.</p>
${offersLink}`;
  return publicPage({ title: refused || Object.keys(errors).length ? 'Fout: Mijn Dordtpas' : 'Mijn Dordtpas', body, current: '/dordtpas/mijn-pas' });
}

function budgetsTable(status: ResidentStatus): SafeHtml {
  if (!status.budgets.length) return html``;
  return html`<table class="vn-table"><caption>Kindtegoed per kind</caption>
<thead><tr><th scope="col">Kind (nummer op de pas)</th><th scope="col">Leeftijdsgroep</th><th scope="col">Tegoed ${String(status.budgets[0]!.year)}</th><th scope="col">Nog te besteden</th></tr></thead>
<tbody>${status.budgets.map(
    (b) =>
      html`<tr><td>${b.initials} (${String(b.memberNumber)})</td><td>${ageGroupLabels[b.ageGroup as keyof typeof ageGroupLabels] ?? b.ageGroup}</td><td>${formatEuro(b.grantedCents)}</td><td>${formatEuro(b.balanceCents)}</td></tr>`,
  )}</tbody></table>`;
}

function spendingTable(status: ResidentStatus): SafeHtml {
  if (!status.spending.length) return html``;
  return html`<table class="vn-table"><caption>Besteed en bijgeschreven</caption>
<thead><tr><th scope="col">Wanneer</th><th scope="col">Kind</th><th scope="col">Wat</th><th scope="col">Waar</th><th scope="col">Bedrag</th></tr></thead>
<tbody>${status.spending.map(
    (s) =>
      html`<tr><td>${formatDutchDate(s.occurredAt)}</td><td>${s.memberNumber === null ? '–' : String(s.memberNumber)}</td><td>${transactionText[s.kind] ?? s.kind}${
        s.description ? `: ${s.description}` : ''
      }</td><td>${s.provider ?? '–'}</td><td>${formatEuro(s.kind === 'charge' ? -s.amountCents : s.amountCents)}</td></tr>`,
  )}</tbody></table>`;
}

/**
 * The QR code of a pass, as inline SVG (no script, no image request): it holds the ten digits of the pass number and
 * nothing else (no name, no BSN), so a till can scan it instead of typing. Numeric mode, error correction M.
 */
export async function passQrSvg(number: string): Promise<SafeHtml> {
  if (!/^\d{10}$/.test(number)) throw new Error('A pass QR code holds a ten-digit pass number only.');
  const svg = await QRCode.toString(number, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  // The library's own SVG; labelled for screen readers and given a printable size (the viewBox keeps it square).
  return new SafeHtml(
    svg.replace('<svg ', `<svg class="vn-pass-qr" role="img" aria-label="QR-code van pasnummer ${formatPassNumber(number)}" width="200" height="200" `),
  );
}

/** The QR codes of the active passes among these statuses, by pass number. */
async function qrCodesOf(statuses: ResidentStatus[]): Promise<Map<string, SafeHtml>> {
  const active = statuses.flatMap((s) => (s.pass?.status === 'active' ? [s.pass.number] : []));
  return new Map(await Promise.all(active.map(async (n) => [n, await passQrSvg(n)] as const)));
}

/** The pass as a card: QR code and number, validity, and how to print it. Printed alone (print CSS hides the rest). */
function passCard(pass: NonNullable<ResidentStatus['pass']>, qr: SafeHtml | undefined): SafeHtml {
  const state = passStatusLabels[pass.status as keyof typeof passStatusLabels] ?? pass.status;
  return html`<div class="vn-pass-card">
<p class="utrecht-paragraph">Pasnummer <strong data-testid="pass-number">${formatPassNumber(pass.number)}</strong>, ${state}, geldig van ${formatDutchDate(
    pass.validFrom,
  )} tot en met ${formatDutchDate(pass.validTo)}.</p>
${
  qr
    ? html`<figure class="vn-pass-qr-figure" data-testid="pass-qr">${qr}<figcaption class="utrecht-paragraph">Laat deze code scannen bij de kassa, of noem het pasnummer. De code bevat alleen het pasnummer.</figcaption></figure>
<p class="utrecht-paragraph vn-no-print">Wilt u de pas op papier? Druk deze pagina af met de printknop van uw browser. Alleen de pas en het tegoed komen op papier.</p>`
    : html`<p class="utrecht-paragraph">Deze pas kan nu niet gebruikt worden, daarom staat hier geen QR-code.</p>`
}
</div>`;
}

/** What the resident sees after logging in with reference and code: the application, the pass, the budgets. */
function statusSection(status: ResidentStatus, level: 2 | 3, qrCodes: Map<string, SafeHtml>, renewal: SafeHtml = renewalSection(status)): SafeHtml {
  const pass = status.pass;
  const heading = (text: SafeHtml | string) =>
    level === 2 ? html`<h2 class="utrecht-heading-2">${text}</h2>` : html`<h3 class="utrecht-heading-3">${text}</h3>`;
  return html`${heading(html`Uw aanvraag: ${applicationStatusText[status.status] ?? status.status}`)}
<p class="utrecht-paragraph">Aanvraagnummer ${status.reference}. ${status.checkReason}</p>
${status.decisionReason ? html`<p class="utrecht-paragraph">Toelichting van de consulent: ${status.decisionReason}</p>` : ''}
${
  pass
    ? html`${heading('Uw pas')}
${passCard(pass, qrCodes.get(pass.number))}`
    : ''
}
${renewal}
${budgetsTable(status)}
${creditsList(status)}
${spendingTable(status)}`;
}

/** Extra credit from campaigns, with its name and until when it can be spent. */
function creditsList(status: ResidentStatus): SafeHtml {
  if (!status.credits.length) return html``;
  return html`<h3 class="utrecht-heading-3">Extra tegoed</h3>
<ul class="utrecht-unordered-list">${status.credits.map(
    (c) =>
      html`<li class="utrecht-unordered-list__item">${c.name}: ${formatEuro(c.amountCents)}${c.memberNumber === null ? '' : ` voor kind ${c.memberNumber}`}${
        c.endsOn
          ? c.expired
            ? `. Verlopen na ${dutchDate(c.endsOn)}: wat over was, kan niet meer besteed worden.`
            : `, te besteden tot en met ${dutchDate(c.endsOn)}.`
          : '.'
      }</li>`,
  )}</ul>`;
}

/** The link to the public offers page, on every Mijn Dordtpas page. */
const offersLink = html`<p class="utrecht-paragraph vn-no-print"><a href="/dordtpas/aanbod">Wat kunt u doen met de Dordtpas?</a> Bekijk het aanbod en de kortingen.</p>`;

export async function myPassPage(status: ResidentStatus, renewal?: { errors: Record<string, string>; message?: string }): Promise<string> {
  const body = html`<h1 class="utrecht-heading-1">Mijn Dordtpas</h1>
${statusSection(status, 2, await qrCodesOf([status]), renewalSection(status, renewal?.errors, renewal?.message))}
${offersLink}
<form class="vn-no-print" method="post" action="/dordtpas/mijn-pas/sluiten" aria-label="Mijn Dordtpas sluiten">
<p class="utrecht-paragraph">Klaar? Sluit deze pagina af, zeker op een computer die u met anderen deelt.</p>
<p><button class="utrecht-button utrecht-button--secondary-action" type="submit">Afsluiten</button></p>
</form>`;
  return publicPage({ title: 'Mijn Dordtpas', body, current: '/dordtpas/mijn-pas' });
}

/** Mijn Dordtpas for a resident logged in with DigiD: every own application, no reference or code needed. */
export async function myPassesPage(statuses: ResidentStatus[], loginBox: SafeHtml): Promise<string> {
  const qrCodes = await qrCodesOf(statuses);
  const body = html`<h1 class="utrecht-heading-1">Mijn Dordtpas</h1>
<div class="vn-no-print">${loginBox}</div>
${
  statuses.length
    ? statuses.map(
        (status) => html`<section aria-label="Aanvraag ${status.reference}">${statusSection(status, statuses.length > 1 ? 3 : 2, qrCodes)}</section>`,
      )
    : html`<p class="utrecht-paragraph">Wij hebben geen aanvraag voor een Dordtpas van u. <a href="/dordtpas">Vraag de pas aan</a>.</p>`
}
${offersLink}`;
  return publicPage({ title: 'Mijn Dordtpas', body, current: '/dordtpas/mijn-pas' });
}

/** A result page whose short-lived cookie is gone (after some minutes, or in another browser). */
export function expiredPage(what: 'received' | 'status'): string {
  const body =
    what === 'received'
      ? html`<h1 class="utrecht-heading-1">Deze pagina is niet meer te zien</h1>
<p class="utrecht-paragraph">Uw aanvraag is wel ontvangen als u eerder het aanvraagnummer en de code kreeg. Bekijk uw aanvraag op <a href="/dordtpas/mijn-pas">Mijn Dordtpas</a>, of <a href="/dordtpas">vraag de pas aan</a>.</p>`
      : html`<h1 class="utrecht-heading-1">Vul uw gegevens opnieuw in</h1>
<p class="utrecht-paragraph">Om uw gegevens te beschermen ziet u uw pas maar een paar minuten. <a href="/dordtpas/mijn-pas">Vul het aanvraagnummer en de code opnieuw in</a>.</p>`;
  return publicPage({ title: 'Niet meer te zien', body, current: what === 'received' ? '/dordtpas' : '/dordtpas/mijn-pas' });
}

/** A form post that came from another website. */
export function refusedPage(): string {
  const body = html`<h1 class="utrecht-heading-1">Dit formulier kon niet worden verstuurd</h1>
<p class="utrecht-paragraph">Het formulier kwam niet van deze website. <a href="/dordtpas">Open de Dordtpas-pagina opnieuw</a> en probeer het nog eens.</p>`;
  return publicPage({ title: 'Niet verstuurd', body, current: '/dordtpas' });
}
