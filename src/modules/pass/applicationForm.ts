// The application form of the residents' page (pages.ts): its field names follow the API's input (applications.ts),
// so a validation issue of the same schema lands next to the field it is about. Amounts and dates are read the
// way people write them in Dutch.
import { parseDutchAmount } from '../../platform/html.ts';
import { applicationInput, type ApplicationInput } from './applications.ts';
import { passRoutes, type PassRoute } from './domain.ts';

/** Field name → what the resident typed (strings only; nothing is kept once the page is sent). */
export type ApplicationFormValues = Record<string, string>;

const applicantFields = ['initials', 'prefix', 'surname', 'birthDate', 'street', 'houseNumber', 'postcode', 'city', 'email'] as const;
const personFields = ['initials', 'surname', 'birthDate'] as const;
export const maxChildRows = 15;
const coResidentFields = ['initials', 'surname', 'birthDate', 'income'] as const;
export const maxCoResidentRows = 6;

const labels: Record<string, string> = {
  route: 'Waarom vraagt u de pas aan?',
  volunteerOrganisationId: 'Uw vrijwilligersorganisatie',
  'applicant.initials': 'Voorletters',
  'applicant.prefix': 'Tussenvoegsel (niet verplicht)',
  'applicant.surname': 'Achternaam',
  'applicant.birthDate': 'Geboortedatum',
  'applicant.street': 'Straat',
  'applicant.houseNumber': 'Huisnummer',
  'applicant.postcode': 'Postcode',
  'applicant.city': 'Woonplaats',
  'applicant.email': 'E-mailadres (niet verplicht)',
  'partner.initials': 'Voorletters partner',
  'partner.surname': 'Achternaam partner',
  'partner.birthDate': 'Geboortedatum partner',
  income: 'Netto-inkomen van u en uw partner per maand, in euro',
  assets: 'Vermogen van uw huishouden, in euro',
  form: 'Aanvraag',
};
const childLabels: Record<string, string> = { initials: 'Voorletters', surname: 'Achternaam', birthDate: 'Geboortedatum' };
const coResidentLabels: Record<string, string> = { ...childLabels, income: 'Netto-inkomen per maand, in euro,' };

export function fieldLabel(name: string): string {
  const child = /^children\.(\d+)\.(\w+)$/.exec(name);
  if (child) return `${childLabels[child[2]!] ?? child[2]} kind ${Number(child[1]) + 1}`;
  const adult = /^adultCoResidents\.(\d+)\.(\w+)$/.exec(name);
  if (adult) return `${coResidentLabels[adult[2]!] ?? adult[2]} huisgenoot ${Number(adult[1]) + 1}`;
  return labels[name] ?? name;
}

/** The names the form sends (everything else in a body is ignored). */
export function formFieldNames(childRows: number, coResidentRows = maxCoResidentRows): string[] {
  return [
    'route',
    'volunteerOrganisationId',
    ...applicantFields.map((f) => `applicant.${f}`),
    ...personFields.map((f) => `partner.${f}`),
    ...Array.from({ length: childRows }, (_, i) => personFields.map((f) => `children.${i}.${f}`)).flat(),
    ...Array.from({ length: coResidentRows }, (_, i) => coResidentFields.map((f) => `adultCoResidents.${i}.${f}`)).flat(),
    'income',
    'assets',
  ];
}

/** `4-3-1990`, `04-03-1990`, `4/3/1990` or `1990-03-04` as `1990-03-04`; null when it is not a real date. */
export function parseDutchDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (dutch) [d, m, y] = [Number(dutch[1]), Number(dutch[2]), Number(dutch[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900) return null;
  return date.toISOString().slice(0, 10);
}

const badDate = 'Vul de datum in als dag-maand-jaar, bijvoorbeeld 4-3-1990.';
const badAmount = 'Schrijf het bedrag als 1.650,50 of 1650.';

/** How many child rows the filled-in form had, and how many it shows next (one more after "Kind toevoegen"). */
export function childRowsOf(values: ApplicationFormValues, requested: number): number {
  let filled = 0;
  for (let i = 0; i < maxChildRows; i++) if (personFields.some((f) => values[`children.${i}.${f}`])) filled = i + 1;
  return Math.min(maxChildRows, Math.max(1, filled, Number.isInteger(requested) ? requested : 1));
}

/** How many rows of other adults the form had, and shows next (one more after "Huisgenoot toevoegen"). */
export function coResidentRowsOf(values: ApplicationFormValues, requested: number): number {
  let filled = 0;
  for (let i = 0; i < maxCoResidentRows; i++) if (coResidentFields.some((f) => values[`adultCoResidents.${i}.${f}`])) filled = i + 1;
  return Math.min(maxCoResidentRows, Math.max(1, filled, Number.isInteger(requested) ? requested : 1));
}

/**
 * Reads the form into the API's input, or says per field what is wrong (the first sentence per field). Empty child
 * rows and an empty partner are left out; a child's surname defaults to the applicant's.
 */
export function readApplicationForm(
  values: ApplicationFormValues,
  childRows: number,
  municipalityCode: string,
  coResidentRows = 1,
): { ok: true; input: ApplicationInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const text = (name: string) => values[name]?.trim() ?? '';
  const date = (name: string): string => {
    const raw = text(name);
    // Asked only for the applicant and the rows filled in: an empty one is said in the form's own format.
    if (!raw) {
      errors[name] = 'Vul de geboortedatum in, bijvoorbeeld 4-3-1990.';
      return '';
    }
    const parsed = parseDutchDate(raw);
    if (!parsed) errors[name] = badDate;
    return parsed ?? raw;
  };
  const route = (passRoutes as readonly string[]).includes(text('route')) ? (text('route') as PassRoute) : undefined;
  if (!route) errors.route = 'Kies waarom u de pas aanvraagt.';
  const amount = (name: string, missing: string, maxCents: number, tooHigh: string): number | null => {
    const raw = text(name);
    const cents = raw ? parseDutchAmount(raw) : null;
    if (!raw) errors[name] = missing;
    else if (cents === null) errors[name] = badAmount;
    else if (cents > maxCents) errors[name] = tooHigh;
    return cents;
  };
  let income: number | null = null;
  let assets: number | null = null;
  if (route === 'income') {
    income = amount('income', 'Vul het netto-inkomen van u en uw partner per maand in.', 10_000_000, 'Het bedrag kan hoogstens € 100.000,00 per maand zijn.');
    assets = amount(
      'assets',
      'Vul uw vermogen in. Heeft u geen spaargeld of andere bezittingen, vul dan 0 in.',
      10_000_000_000,
      'Het bedrag kan hoogstens € 100.000.000,00 zijn.',
    );
  }
  if (route === 'volunteer' && !text('volunteerOrganisationId')) errors.volunteerOrganisationId = 'Kies de vrijwilligersorganisatie die de pas voor u koopt.';

  const hasPartner = personFields.some((f) => text(`partner.${f}`));
  const children = [];
  for (let i = 0; i < childRows; i++) {
    if (!personFields.some((f) => text(`children.${i}.${f}`))) continue;
    children.push({
      index: i,
      initials: text(`children.${i}.initials`),
      surname: text(`children.${i}.surname`) || text('applicant.surname'),
      birthDate: date(`children.${i}.birthDate`),
    });
  }
  const coResidents = [];
  for (let i = 0; i < coResidentRows; i++) {
    const at = (f: string) => `adultCoResidents.${i}.${f}`;
    if (!coResidentFields.some((f) => text(at(f)))) continue;
    coResidents.push({
      index: i,
      initials: text(at('initials')),
      surname: text(at('surname')),
      birthDate: date(at('birthDate')),
      // Someone with no income of their own fills in 0; an empty field is asked for.
      monthlyNetIncomeCents:
        amount(
          at('income'),
          'Vul het netto-inkomen van deze huisgenoot per maand in. Geen inkomen? Vul 0 in.',
          10_000_000,
          'Het bedrag kan hoogstens € 100.000,00 per maand zijn.',
        ) ?? 0,
    });
  }
  const candidate = {
    municipalityCode,
    route: route ?? 'income',
    applicant: {
      initials: text('applicant.initials'),
      prefix: text('applicant.prefix') || null,
      surname: text('applicant.surname'),
      birthDate: date('applicant.birthDate'),
      street: text('applicant.street'),
      houseNumber: text('applicant.houseNumber'),
      postcode: text('applicant.postcode'),
      city: text('applicant.city'),
      email: text('applicant.email') || null,
    },
    partner: hasPartner ? { initials: text('partner.initials'), surname: text('partner.surname'), birthDate: date('partner.birthDate') } : null,
    children: children.map(({ initials, surname, birthDate }) => ({ initials, surname, birthDate })),
    adultCoResidents: coResidents.map(({ index: _index, ...r }) => r),
    monthlyNetIncomeCents: route === 'income' ? income : null,
    assetsCents: route === 'income' ? assets : null,
    volunteerOrganisationId: route === 'volunteer' ? text('volunteerOrganisationId') || null : null,
  };
  const parsed = applicationInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      let name = issue.path.map(String).join('.');
      // The API's list counts only the children given; the form's rows can have gaps.
      const child = /^children\.(\d+)\.(\w+)$/.exec(name);
      if (child) name = `children.${children[Number(child[1])]?.index ?? child[1]}.${child[2]}`;
      const adult = /^adultCoResidents\.(\d+)\.(\w+)$/.exec(name);
      if (adult) name = `adultCoResidents.${coResidents[Number(adult[1])]?.index ?? adult[1]}.${adult[2] === 'monthlyNetIncomeCents' ? 'income' : adult[2]}`;
      if (name === 'monthlyNetIncomeCents') name = 'income';
      if (name === 'assetsCents') name = 'assets';
      if (!(name in errors)) errors[name] = issue.message;
    }
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors: Object.keys(errors).length ? errors : { form: 'Controleer de aanvraag.' } };
  return { ok: true, input: parsed.data };
}
