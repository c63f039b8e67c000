import type { z } from 'zod';

/**
 * One plain Dutch sentence (B1) for each kind of validation issue, as a resident or a case worker reads it next to
 * a field: never a validator's words ("verwacht dat string >=8 tekens heeft"). The field itself is named by the
 * form, so the sentence says what to do, not which field.
 */
export function plainIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'Vul dit veld in.';
      switch (issue.expected) {
        case 'number':
        case 'int':
        case 'bigint':
          return 'Vul een getal in.';
        case 'boolean':
          return 'Kies ja of nee.';
        case 'array':
          return 'Kies een of meer mogelijkheden.';
        case 'date':
          return 'Vul een geldige datum in.';
        case 'string':
          return 'Vul hier tekst in.';
        default:
          return 'Deze waarde kan hier niet.';
      }
    case 'too_small': {
      const min = Number(issue.minimum);
      const bound = issue.inclusive === false ? min + 1 : min;
      if (issue.origin === 'string') return bound <= 1 ? 'Vul dit veld in.' : `Vul minstens ${count(bound)} tekens in.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return bound <= 1 ? 'Kies minstens één mogelijkheid.' : `Kies minstens ${count(bound)} mogelijkheden.`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return issue.inclusive === false ? `Vul een getal groter dan ${count(min)} in.` : `Vul een getal van ${count(min)} of meer in.`;
      }
      if (issue.origin === 'date') return 'Deze datum is te vroeg.';
      return 'Deze waarde is te klein.';
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `Gebruik hoogstens ${count(max)} tekens.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Kies hoogstens ${count(max)} mogelijkheden.`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return issue.inclusive === false ? `Vul een getal kleiner dan ${count(max)} in.` : `Vul een getal van ${count(max)} of minder in.`;
      }
      if (issue.origin === 'date') return 'Deze datum is te laat.';
      if (issue.origin === 'file') return 'Het bestand is te groot.';
      return 'Deze waarde is te groot.';
    }
    case 'invalid_format':
      switch (issue.format) {
        case 'email':
          return 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.';
        case 'uuid':
        case 'guid':
          return 'Deze verwijzing bestaat niet. Kies opnieuw.';
        case 'date':
          return 'Vul een geldige datum in (dag, maand en jaar).';
        case 'datetime':
          return 'Vul een geldige datum en tijd in.';
        case 'url':
          return 'Vul een geldig webadres in, zoals https://www.voorbeeld.nl.';
        default:
          return 'Dit is niet goed ingevuld. Kijk het na.';
      }
    case 'not_multiple_of':
      return 'Dit getal kan niet: gebruik een heel getal.';
    case 'invalid_value':
    case 'invalid_union':
      return 'Kies een van de mogelijkheden.';
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? `Het veld ${issue.keys[0]} is onbekend.` : `De velden ${issue.keys.join(', ')} zijn onbekend.`;
    default:
      return undefined;
  }
}

function count(value: number): string {
  return new Intl.NumberFormat('nl-NL').format(value);
}
