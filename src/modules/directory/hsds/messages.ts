// The plain Dutch sentence for each problem an HSDS import reports (one place; nothing compares these texts).
import type { Violation } from './conformance.ts';

const formatWords: Record<string, string> = {
  uuid: 'een uuid (zoals 0a1b2c3d-0000-4000-8000-000000000000)',
  uri: 'een volledig webadres, met https://',
  email: 'een e-mailadres',
  date: 'een datum als jjjj-mm-dd',
  time: 'een tijd als uu:mm',
  'date-time': 'een datum en tijd als 2026-01-31T12:00:00Z',
};
const typeWords: Record<string, string> = { string: 'tekst', number: 'een getal', object: 'een object', array: 'een lijst' };

/** One sentence per violation of the HSDS rules. */
export function violationMessage(v: Violation): string {
  switch (v.code) {
    case 'not_object':
      return 'Dit is geen HSDS-object.';
    case 'required':
      return `Het veld "${v.field}" ontbreekt. Het is verplicht.`;
    case 'type':
      return `Het veld "${v.field}" moet ${typeWords[v.expected] ?? v.expected} zijn.`;
    case 'format':
      return `Het veld "${v.field}" moet ${formatWords[v.expected] ?? v.expected} zijn.`;
    case 'value':
      return `Het veld "${v.field}" heeft een waarde die niet mag. Kies uit: ${v.expected}.`;
    case 'duplicate':
      return `Dit id staat al bij ${v.expected}. Elk id mag maar één keer voorkomen.`;
  }
}

export const importProblemMessages = {
  not_hsds: 'Dit bestand is geen HSDS-bestand. Verwacht: een lijst diensten, of een object met "services".',
  no_organization: 'Bij deze dienst staat geen organisatie. Zet de organisatie in "organization", of in "organizations" met hetzelfde id.',
  location_missing: 'Deze plek staat niet in het bestand. De spreekuren op deze plek zijn niet overgenomen.',
  location_no_address: 'Deze plek heeft geen adres met straat en plaats. De spreekuren op deze plek zijn niet overgenomen.',
  schedule_not_weekly: 'Dit spreekuur is niet elke week op vaste dagen. Het is niet overgenomen.',
  schedule_no_times: 'Bij dit spreekuur staan geen begin- en eindtijd (uu:mm), of de eindtijd ligt niet na de begintijd. Het is niet overgenomen.',
  defaults_used:
    'Deze dienst heeft geen onderwerp, doelgroep of soort hulp van de sociale kaart. Gekozen: "Geld en schulden", "Inwoners", "Informatie en hulpmiddelen". Pas dit aan als het niet klopt.',
} as const;
export type ImportProblemCode = keyof typeof importProblemMessages;
