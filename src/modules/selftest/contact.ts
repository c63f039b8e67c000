// "Contact me" after the self-test: the only moment personal data enter, and only with consent.
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { createIntake, createIntakeForResident, type IntakeInput } from '../referrals/index.ts';
import type { Language, Profile, Questionnaire } from './questionnaire.ts';
import { strings, type ContactFormState } from './pages.ts';
import { profileLabels } from './scoring.ts';
import { count } from './store.ts';

export interface ContactValues {
  naam: string;
  telefoon: string;
  email: string;
  vraag: string;
  toestemming: boolean;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[0-9 ()-]{8,20}$/;

/** Checks the contact form; the messages are in the resident's language. Pure. */
export function readContactForm(form: Record<string, unknown>, lang: Language): { values: ContactValues; errors: NonNullable<ContactFormState['errors']> } {
  const s = strings(lang);
  const text = (key: string, max: number) => (typeof form[key] === 'string' ? (form[key] as string).trim().slice(0, max) : '');
  const values: ContactValues = {
    naam: text('naam', 200),
    telefoon: text('telefoon', 30),
    email: text('email', 200),
    vraag: text('vraag', 1000),
    toestemming: form.toestemming === 'ja',
  };
  const errors: NonNullable<ContactFormState['errors']> = [];
  if (!values.naam) errors.push({ field: 'naam', message: s.needName });
  if (!values.telefoon && !values.email) errors.push({ field: 'telefoon', message: s.needReach });
  if (values.telefoon && !phonePattern.test(values.telefoon)) errors.push({ field: 'telefoon', message: s.badPhone });
  if (values.email && !emailPattern.test(values.email)) errors.push({ field: 'email', message: s.badEmail });
  if (!values.toestemming) errors.push({ field: 'toestemming', message: s.needConsent });
  return { values, errors };
}

/**
 * Passes a resident's contact request to the chain as an intake (route `selftest`, theme money and debts).
 * Entrepreneurs go to the organisation the questionnaire names (the SDD's Ondernemersloket). A resident logged in
 * with DigiD (`residentBsn`, from the broker's token) is attached by that BSN, so they see the request's state.
 */
export async function requestContact(
  db: Database,
  actor: Actor,
  options: { municipalityCode: string; questionnaire: Questionnaire; profile: Profile; lang: Language; values: ContactValues; residentBsn?: string | null },
): Promise<{ intakeId: string; referralId: string }> {
  const { questionnaire, profile, values } = options;
  const question = [
    `Contactverzoek na de Geldfit-test (${questionnaire.id === 'entrepreneurs' ? 'ondernemers' : 'inwoners'}). Uitslag: ${profileLabels[profile].nl}.`,
    options.lang === 'en' ? 'De inwoner deed de test in het Engels.' : '',
    values.vraag ? `Vraag van de inwoner: ${values.vraag}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const intake: IntakeInput = {
    municipalityCode: options.municipalityCode,
    route: 'selftest',
    theme: 'money_debts',
    question,
    ...(questionnaire.contactOrganisationCode ? { targetOrganisationCode: questionnaire.contactOrganisationCode } : {}),
    contact: { name: values.naam, phone: values.telefoon || null, email: values.email || null },
    consent: { given: values.toestemming, text: strings(options.lang).consent },
    profile,
  };
  const result = options.residentBsn ? await createIntakeForResident(db, actor, intake, options.residentBsn) : await createIntake(db, actor, intake);
  await count(db, options.municipalityCode, [{ questionnaire: questionnaire.id, counter: 'contact_requested' }]);
  return result;
}
