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
  not_json: 'Dit bestand is geen JSON. Stuur een HSDS-bestand zoals de sociale kaart het zelf geeft.',
  not_hsds: 'Dit bestand is geen HSDS-bestand. Verwacht: een lijst diensten, of een object met "services".',
  source_missing: 'Vul de naam van de bron in, bijvoorbeeld de gemeente waar de kaart vandaan komt.',
  source_invalid: 'Gebruik voor de bron een gewone naam van ten hoogste 100 tekens, zonder tabs of regeleinden.',
  no_organization: 'Bij deze dienst staat geen organisatie. Zet de organisatie in "organization", of in "organizations" met hetzelfde id.',
  location_no_organization: 'Bij deze plek staat geen organisatie, en geen dienst van het bestand heeft spreekuren op deze plek. De plek is niet overgenomen.',
  location_missing: 'Deze plek staat niet in het bestand. De spreekuren op deze plek zijn niet overgenomen.',
  location_invalid: 'Deze plek is niet overgenomen (zie de melding bij de plek). De spreekuren op deze plek zijn daarom ook niet overgenomen.',
  location_no_address: 'Deze plek heeft geen adres met straat en plaats. De spreekuren op deze plek zijn niet overgenomen.',
  service_missing: 'De dienst bij dit spreekuur staat niet in het bestand, of is niet overgenomen. Het spreekuur is niet overgenomen.',
  schedule_not_weekly: 'Dit spreekuur is niet elke week op vaste dagen. Het is niet overgenomen.',
  schedule_no_times: 'Bij dit spreekuur staan geen begin- en eindtijd (uu:mm), of de eindtijd ligt niet na de begintijd. Het is niet overgenomen.',
  defaults_used: 'Bij deze dienst ontbrak een onderwerp, doelgroep of soort hulp van de sociale kaart. Pas dit aan als het niet klopt.',
} as const;
export type ImportProblemCode = keyof typeof importProblemMessages;

/** The `defaults_used` sentence, naming the map's own labels chosen for a service that lacked them. */
export function defaultsUsedMessage(chosen: { theme?: string; audience?: string; helpKind?: string }): string {
  const parts = [
    chosen.theme ? `onderwerp "${chosen.theme}"` : null,
    chosen.audience ? `doelgroep "${chosen.audience}"` : null,
    chosen.helpKind ? `soort hulp "${chosen.helpKind}"` : null,
  ].filter((p): p is string => p !== null);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}` : (parts[0] ?? '');
  return `Bij deze dienst ontbrak een onderwerp, doelgroep of soort hulp van de sociale kaart. Gekozen: ${list}. Pas dit aan als het niet klopt.`;
}
