// The self-test's pages: plain HTML forms in Dutch or English, no script, readable on a small screen.
import { errorSummary, html, publicPage, SafeHtml } from '../../platform/html.ts';
import { describeSchedule, type DirectoryEntry } from '../directory/index.ts';
import type { Language, Profile, Questionnaire } from './questionnaire.ts';
import { profileLabels, questionnaires, type Advice, type Answers, type ScoreResult } from './scoring.ts';

const t = {
  nl: {
    startTitle: 'Geldfit: hoe staat u ervoor met geld?',
    startLead:
      'Doe de korte test en ontdek hoe het met uw geldzaken gaat. Het is gratis en anoniem: u hoeft uw naam niet te geven en wij bewaren uw antwoorden niet.',
    startResidents: 'Start de test voor inwoners',
    startEntrepreneurs: 'Start de test voor ondernemers',
    otherLanguage: 'English',
    otherLanguageLang: 'en',
    submit: 'Bekijk mijn uitslag',
    errorTitle: 'Nog niet alle vragen zijn beantwoord',
    errorChoose: 'Kies een antwoord.',
    question: 'Vraag',
    resultTitle: (p: string) => `Uw uitslag: ${p}`,
    profileText: {
      in_order: 'U heeft uw geldzaken op orde. Mooi! Hieronder staan tips om dat zo te houden.',
      watch_out: 'Het gaat nu nog goed, maar let op. Met een paar stappen voorkomt u problemen.',
      act_now: 'U heeft geldzorgen. Kom nu in actie: met hulp is er veel mogelijk.',
      urgent: 'U heeft nu hulp nodig. Neem vandaag nog contact op met een van de organisaties hieronder.',
    } as Record<Profile, string>,
    tips: 'Tips voor u',
    help: 'Hier kunt u terecht',
    helpIntro: 'Deze organisaties in Dordrecht passen bij uw antwoorden. De hulp is gratis.',
    noHelp: 'Kijk op de sociale kaart voor alle hulp in Dordrecht.',
    searchAll: 'Alle hulp in Dordrecht zoeken',
    phone: 'Telefoon',
    hours: 'Spreekuur',
    contactTitle: 'Wilt u dat iemand contact met u opneemt?',
    contactLead:
      'Vul uw naam in en een telefoonnummer of e-mailadres. Een hulpverlener belt of mailt u binnen 3 werkdagen. Alleen als u dit formulier verstuurt, geven wij uw gegevens door.',
    name: 'Naam',
    phoneLabel: 'Telefoonnummer',
    email: 'E-mailadres',
    question_: 'Waar wilt u hulp bij? (niet verplicht)',
    consent: 'Ik geef toestemming dat mijn gegevens en mijn uitslag worden doorgegeven aan een hulpverlener in Dordrecht, zodat die contact met mij opneemt.',
    contactSubmit: 'Neem contact met mij op',
    contactErrors: 'Het formulier is nog niet goed ingevuld',
    consentShort: 'Toestemming',
    needName: 'Vul uw naam in.',
    needReach: 'Vul een telefoonnummer of een e-mailadres in.',
    badEmail: 'Dit e-mailadres klopt niet.',
    badPhone: 'Dit telefoonnummer klopt niet.',
    needConsent: 'Zet een vinkje bij toestemming. Zonder toestemming mogen wij uw gegevens niet doorgeven.',
    thanksTitle: 'Bedankt. Wij nemen contact met u op.',
    thanksText: 'Een hulpverlener neemt binnen 3 werkdagen contact met u op. Heeft u eerder hulp nodig? Bel dan zelf een van de organisaties uit uw advies.',
    backToStart: 'Terug naar Geldfit',
    again: 'Test opnieuw doen',
    refusedTitle: 'Dit formulier kon niet worden verstuurd',
    refusedText: 'Het formulier kwam niet van deze website. Open de test opnieuw en probeer het nog eens.',
    notFound: 'Deze test bestaat niet',
  },
  en: {
    startTitle: 'Geldfit: how are you doing with money?',
    startLead:
      'Take the short test and find out how your money matters are doing. It is free and anonymous: you do not need to give your name and we do not keep your answers.',
    startResidents: 'Start the test for residents',
    startEntrepreneurs: 'Start the test for entrepreneurs',
    otherLanguage: 'Nederlands',
    otherLanguageLang: 'nl',
    submit: 'See my result',
    errorTitle: 'Not all questions have been answered yet',
    errorChoose: 'Choose an answer.',
    question: 'Question',
    resultTitle: (p: string) => `Your result: ${p}`,
    profileText: {
      in_order: 'Your money matters are in order. Well done! Below are tips to keep it that way.',
      watch_out: 'Things are still going well, but watch out. A few steps now prevent problems.',
      act_now: 'You have money worries. Act now: with help a lot is possible.',
      urgent: 'You need help now. Contact one of the organisations below today.',
    } as Record<Profile, string>,
    tips: 'Tips for you',
    help: 'Where to get help',
    helpIntro: 'These organisations in Dordrecht fit your answers. The help is free. Their pages are in Dutch.',
    noHelp: 'See the social map for all help in Dordrecht.',
    searchAll: 'Find all help in Dordrecht (in Dutch)',
    phone: 'Phone',
    hours: 'Opening hours',
    contactTitle: 'Would you like someone to contact you?',
    contactLead:
      'Fill in your name and a phone number or e-mail address. A support worker will call or e-mail you within 3 working days. Only when you send this form do we pass on your details.',
    name: 'Name',
    phoneLabel: 'Phone number',
    email: 'E-mail address',
    question_: 'What would you like help with? (optional)',
    consent: 'I agree that my details and my result are passed on to a support worker in Dordrecht, who will contact me.',
    contactSubmit: 'Contact me',
    contactErrors: 'The form is not filled in correctly yet',
    consentShort: 'Consent',
    needName: 'Fill in your name.',
    needReach: 'Fill in a phone number or an e-mail address.',
    badEmail: 'This e-mail address is not valid.',
    badPhone: 'This phone number is not valid.',
    needConsent: 'Tick the consent box. Without your consent we may not pass on your details.',
    thanksTitle: 'Thank you. We will contact you.',
    thanksText: 'A support worker will contact you within 3 working days. Need help sooner? Call one of the organisations from your advice yourself.',
    backToStart: 'Back to Geldfit',
    again: 'Take the test again',
    refusedTitle: 'This form could not be sent',
    refusedText: 'The form did not come from this website. Open the test again and try once more.',
    notFound: 'This test does not exist',
  },
};
export type Strings = (typeof t)['nl'];
export const strings = (lang: Language): Strings => t[lang];

/** The questionnaire's introduction; "{questions}" becomes the number of questions, so the text stays right. */
function intro(q: Questionnaire, lang: Language): string {
  return q.intro[lang].replace('{questions}', String(q.questions.length));
}

const weekdaysEn = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const langQuery = (lang: Language, first = true) => (lang === 'en' ? `${first ? '?' : '&'}lang=en` : '');

function languageSwitch(lang: Language, path: string): SafeHtml {
  const s = t[lang];
  const href = s.otherLanguageLang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;
  return html`<p class="vn-lang"><a href="${href}" lang="${s.otherLanguageLang}" hreflang="${s.otherLanguageLang}">${s.otherLanguage}</a></p>`;
}

/** `loginBox`: DigiD's login button, or who is logged in (platform/residentPages.ts); empty without the broker. */
export function startPage(lang: Language, loginBox: SafeHtml = html``): string {
  const s = t[lang];
  const [residents, entrepreneurs] = [questionnaires.find((q) => q.id === 'residents')!, questionnaires.find((q) => q.id === 'entrepreneurs')!];
  const body = html`${languageSwitch(lang, '/geldfit')}
<h1 class="utrecht-heading-1">${s.startTitle}</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">${s.startLead}</p>
${loginBox}
<h2 class="utrecht-heading-2">${residents.title[lang]}</h2>
<p class="utrecht-paragraph">${intro(residents, lang)}</p>
<p><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/geldfit/${residents.slug}?via=start${langQuery(lang, false)}">${s.startResidents}</a></p>
<h2 class="utrecht-heading-2">${entrepreneurs.title[lang]}</h2>
<p class="utrecht-paragraph">${intro(entrepreneurs, lang)}</p>
<p><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="/geldfit/${entrepreneurs.slug}?via=start${langQuery(lang, false)}">${s.startEntrepreneurs}</a></p>`;
  return publicPage({ title: s.startTitle, lang, body, current: '/geldfit' });
}

export function questionsPage(q: Questionnaire, lang: Language, answers: Answers = {}, missing: string[] = [], visit?: string): string {
  const s = t[lang];
  const questionLabel = (id: string) => {
    const index = q.questions.findIndex((x) => x.id === id);
    return `${s.question} ${index + 1}: ${q.questions[index]!.text[lang]}`;
  };
  // The summary links to each unanswered question's first option; the sentence stands in the question itself.
  const errors = errorSummary(Object.fromEntries(missing.map((id) => [id, s.errorChoose])), questionLabel, s.errorTitle, (id) => `${id}-0`);
  const body = html`${languageSwitch(lang, `/geldfit/${q.slug}`)}
<h1 class="utrecht-heading-1">${q.title[lang]}</h1>
<p class="utrecht-paragraph">${intro(q, lang)}</p>
${errors}
<form method="post" action="/geldfit/${q.slug}" novalidate>
<input type="hidden" name="lang" value="${lang}">${
    visit
      ? html`
<input type="hidden" name="bezoek" value="${visit}">`
      : ''
  }
${q.questions.map((question, i) => {
  const invalid = missing.includes(question.id);
  return html`<fieldset${invalid ? new SafeHtml(` aria-describedby="${question.id}-error"`) : ''}>
<legend>${i + 1}. ${question.text[lang]}</legend>
${invalid ? html`<p class="vn-error" id="${question.id}-error">${s.errorChoose}</p>` : ''}
${question.options.map(
  (o, j) =>
    html`<div class="vn-option"><input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id="${question.id}-${j}" name="${question.id}" value="${o.value}"${
      answers[question.id] === o.value ? new SafeHtml(' checked') : ''
    }${j === 0 ? new SafeHtml(' required') : ''}${invalid ? new SafeHtml(` aria-invalid="true" aria-describedby="${question.id}-error"`) : ''}><label for="${question.id}-${j}">${o.text[lang]}</label></div>`,
)}
</fieldset>`;
})}
<p><button class="utrecht-button utrecht-button--primary-action" type="submit">${s.submit}</button></p>
</form>`;
  return publicPage({ title: q.title[lang], lang, body, current: '/geldfit' });
}

function scheduleText(e: DirectoryEntry, lang: Language): string {
  const first = e.schedules.slice(0, 3);
  if (!first.length) return '';
  return first
    .map((h) => (lang === 'en' ? `${weekdaysEn[h.weekday]} ${h.opensAt}–${h.closesAt}` : describeSchedule(h)) + (h.location ? `, ${h.location.name}` : ''))
    .join('; ');
}

export interface ContactFormState {
  values?: { naam?: string; telefoon?: string; email?: string; vraag?: string; toestemming?: boolean };
  errors?: { field: string; message: string }[];
  /** Logged in with DigiD: who is logged in (the request is sent with the BSN from DigiD). */
  loginBox?: SafeHtml;
}

/** A contact field's name in the summary at the top of the form. */
function contactLabel(s: (typeof t)[Language], field: string): string {
  const labels: Record<string, string> = { naam: s.name, telefoon: s.phoneLabel, email: s.email, toestemming: s.consentShort };
  return labels[field] ?? field;
}

export function contactForm(q: Questionnaire, profile: Profile, lang: Language, state: ContactFormState = {}): SafeHtml {
  const s = t[lang];
  const v = state.values ?? {};
  const errorFor = (field: string) => state.errors?.find((e) => e.field === field);
  const described = (field: string) => (errorFor(field) ? new SafeHtml(` aria-describedby="${field}-fout" aria-invalid="true"`) : '');
  const errorLine = (field: string) => (errorFor(field) ? html`<p class="vn-error" id="${field}-fout">${errorFor(field)!.message}</p>` : '');
  return html`<section aria-labelledby="contact-kop">
<h2 class="utrecht-heading-2" id="contact-kop">${s.contactTitle}</h2>
<p class="utrecht-paragraph">${s.contactLead}</p>
${state.loginBox ?? ''}
${errorSummary(
  Object.fromEntries((state.errors ?? []).map((e) => [e.field, e.message])),
  (field) => contactLabel(s, field),
  s.contactErrors,
  (field) => field,
)}
<form method="post" action="/geldfit/contact" novalidate>
<input type="hidden" name="test" value="${q.slug}">
<input type="hidden" name="profiel" value="${profile}">
<input type="hidden" name="lang" value="${lang}">
<div class="vn-field"><label class="utrecht-form-label" for="naam">${s.name}</label>${errorLine('naam')}
<input class="utrecht-textbox utrecht-textbox--html-input" type="text" id="naam" name="naam" autocomplete="name" maxlength="200" value="${v.naam ?? ''}"${described('naam')}></div>
<div class="vn-field"><label class="utrecht-form-label" for="telefoon">${s.phoneLabel}</label>${errorLine('telefoon')}
<input class="utrecht-textbox utrecht-textbox--html-input" type="tel" id="telefoon" name="telefoon" autocomplete="tel" maxlength="30" value="${v.telefoon ?? ''}"${described('telefoon')}></div>
<div class="vn-field"><label class="utrecht-form-label" for="email">${s.email}</label>${errorLine('email')}
<input class="utrecht-textbox utrecht-textbox--html-input" type="email" id="email" name="email" autocomplete="email" maxlength="200" value="${v.email ?? ''}"${described('email')}></div>
<div class="vn-field"><label class="utrecht-form-label" for="vraag">${s.question_}</label>
<textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="vraag" name="vraag" rows="3" maxlength="1000">${v.vraag ?? ''}</textarea></div>
${errorLine('toestemming')}
<div class="vn-option"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="toestemming" name="toestemming" value="ja"${v.toestemming ? new SafeHtml(' checked') : ''}${described('toestemming')}><label for="toestemming">${s.consent}</label></div>
<p><button class="utrecht-button utrecht-button--primary-action" type="submit">${s.contactSubmit}</button></p>
</form>
</section>`;
}

export function resultPage(q: Questionnaire, lang: Language, result: ScoreResult, advice: Advice, contact?: ContactFormState): string {
  const s = t[lang];
  const label = profileLabels[result.profile][lang];
  const body = html`<h1 class="utrecht-heading-1">${s.resultTitle(label)}</h1>
<div class="vn-profile${result.profile === 'urgent' ? ' vn-profile--urgent' : ''}"><p class="utrecht-paragraph">${s.profileText[result.profile]}</p></div>
<h2 class="utrecht-heading-2">${s.help}</h2>
<p class="utrecht-paragraph">${s.helpIntro}</p>
${
  advice.referrals.length
    ? html`<ul class="vn-results">${advice.referrals.map((e) => {
        const phone = e.phone ?? e.organization.phone;
        const hours = scheduleText(e, lang);
        return html`<li><h3 class="utrecht-heading-3"><a href="/geldfit/naar/${e.id}?test=${q.slug}&amp;profiel=${result.profile}">${e.name}</a></h3>
<p class="utrecht-paragraph">${e.organization.name}</p>
${lang === 'nl' ? html`<p class="utrecht-paragraph">${e.description}</p>` : ''}
${phone ? html`<p class="utrecht-paragraph">${s.phone}: <a href="tel:${phone.replace(/\s+/g, '')}">${phone}</a></p>` : ''}
${hours ? html`<p class="utrecht-paragraph">${s.hours}: ${hours}</p>` : ''}</li>`;
      })}</ul>`
    : html`<p class="utrecht-paragraph">${s.noHelp}</p>`
}
<p class="utrecht-paragraph"><a href="/hulp">${s.searchAll}</a></p>
<h2 class="utrecht-heading-2">${s.tips}</h2>
<ul class="utrecht-unordered-list" role="list">${advice.tips.map((tip) => html`<li class="utrecht-unordered-list__item">${tip.text[lang]}</li>`)}</ul>
${contactForm(q, result.profile, lang, contact)}
<p class="utrecht-paragraph"><a href="/geldfit/${q.slug}${langQuery(lang)}">${s.again}</a></p>`;
  return publicPage({ title: s.resultTitle(label), lang, body, current: '/geldfit' });
}

/** The contact form again, on its own page, after a mistake in it. */
export function contactErrorPage(q: Questionnaire, profile: Profile, lang: Language, state: ContactFormState): string {
  const s = t[lang];
  const body = html`<h1 class="utrecht-heading-1">${s.contactTitle}</h1>
<p class="utrecht-paragraph">${s.resultTitle(profileLabels[profile][lang])}</p>
${contactForm(q, profile, lang, state)}`;
  return publicPage({ title: s.contactTitle, lang, body, current: '/geldfit' });
}

export function thanksPage(lang: Language): string {
  const s = t[lang];
  const body = html`<h1 class="utrecht-heading-1">${s.thanksTitle}</h1>
<p class="utrecht-paragraph">${s.thanksText}</p>
<p class="utrecht-paragraph"><a href="/geldfit${langQuery(lang)}">${s.backToStart}</a></p>`;
  return publicPage({ title: s.thanksTitle, lang, body, current: '/geldfit' });
}

export function messagePage(lang: Language, title: string, text: string): string {
  const s = t[lang];
  const body = html`<h1 class="utrecht-heading-1">${title}</h1><p class="utrecht-paragraph">${text}</p><p class="utrecht-paragraph"><a href="/geldfit${langQuery(lang)}">${s.backToStart}</a></p>`;
  return publicPage({ title, lang, body, current: '/geldfit' });
}
