import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { DEFAULT_MUNICIPALITY, municipalityName } from '../../../../src/platform/municipalities.ts';
import { householdRelations, referralThemes } from '../../../../src/modules/referrals/labels.ts';
import { Checkbox, TextInput, type FieldMap } from '../../forms.tsx';
import { useSession } from '../../session.tsx';
import { SelectField, TextAreaField } from './shared.tsx';

/**
 * The parts that the referral form (`NewReferral.tsx`) and the intake forms (`IntakeForm.tsx`) share: the resident,
 * the household, the municipality and the consent, and where each field's error is shown.
 */

/** The error of a field of this form: the API's sentence for it, or undefined. */
export type ErrorOf = (name: string) => string | undefined;

export const themeOptions = Object.entries(referralThemes) as [string, string][];

export interface PersonFields {
  initials: string;
  prefix: string;
  surname: string;
  birthDate: string;
  postcode: string;
  houseNumber: string;
  phone: string;
  email: string;
}
export const emptyPerson: PersonFields = { initials: '', prefix: '', surname: '', birthDate: '', postcode: '', houseNumber: '', phone: '', email: '' };

/** Empty fields are left out, so the API's optional fields stay optional. */
export function compact<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== null && v !== undefined)) as Partial<T>;
}

/** Where each person field's error comes from: `person.surname` for a referral, `contact.name` for an intake. */
export type PersonFieldNames = Record<keyof PersonFields, string>;
export const referralPersonFields: PersonFieldNames = {
  initials: 'person.initials',
  prefix: 'person.prefix',
  surname: 'person.surname',
  birthDate: 'person.birthDate',
  postcode: 'person.postcode',
  houseNumber: 'person.houseNumber',
  phone: 'person.phone',
  email: 'person.email',
};
export const intakePersonFields: PersonFieldNames = { ...referralPersonFields, surname: 'contact.name', phone: 'contact.phone', email: 'contact.email' };

export function personFieldMap(names: PersonFieldNames, surnameLabel: string): FieldMap {
  const ids: Record<keyof PersonFields, [string, string]> = {
    initials: ['p-initials', 'Voorletters'],
    prefix: ['p-prefix', 'Tussenvoegsel'],
    surname: ['p-surname', surnameLabel],
    birthDate: ['p-birth', 'Geboortedatum'],
    postcode: ['p-postcode', 'Postcode'],
    houseNumber: ['p-house', 'Huisnummer'],
    phone: ['p-phone', 'Telefoonnummer'],
    email: ['p-email', 'E-mailadres'],
  };
  return Object.fromEntries((Object.keys(ids) as (keyof PersonFields)[]).map((k) => [names[k], { id: ids[k][0], label: ids[k][1] }]));
}

/** The fields outside the person: where they are and what they are called, for the error summary. */
export function formFieldMap(toField: string, toLabel: string, questionLabel: string): FieldMap {
  return {
    municipalityCode: { id: 'municipality', label: 'Gemeente van de inwoner' },
    [toField]: { id: 'to', label: toLabel },
    theme: { id: 'theme', label: 'Onderwerp' },
    question: { id: 'question', label: questionLabel },
    'consent.text': { id: 'consent-text', label: 'Waarvoor gaf de inwoner toestemming?' },
    'consent.given': { id: 'consent-given', label: 'Toestemming' },
    'household.relation': { id: 'member-0-relation', label: 'Relatie van het gezinslid' },
    'household.surname': { id: 'member-0-surname', label: 'Achternaam van het gezinslid' },
    'household.birthDate': { id: 'member-0-birth', label: 'Geboortedatum van het gezinslid' },
    household: { id: 'member-0-surname', label: 'Huishouden' },
  };
}

export function PersonFieldset({
  person,
  onChange,
  surnameLabel = 'Achternaam',
  names,
  errorOf,
}: {
  person: PersonFields;
  onChange: (p: PersonFields) => void;
  surnameLabel?: string;
  names: PersonFieldNames;
  errorOf: ErrorOf;
}) {
  const set = (key: keyof PersonFields) => (value: string) => onChange({ ...person, [key]: value });
  const err = (key: keyof PersonFields) => errorOf(names[key]);
  return (
    <fieldset className="vn-fieldset">
      <legend>
        <Heading2>Inwoner</Heading2>
      </legend>
      <TextInput id="p-initials" label="Voorletters" value={person.initials} onChange={set('initials')} error={err('initials')} />
      <TextInput id="p-prefix" label="Tussenvoegsel" value={person.prefix} onChange={set('prefix')} error={err('prefix')} />
      <TextInput id="p-surname" label={surnameLabel} value={person.surname} onChange={set('surname')} autoComplete="off" error={err('surname')} />
      <TextInput id="p-birth" label="Geboortedatum" type="date" value={person.birthDate} onChange={set('birthDate')} error={err('birthDate')} />
      <TextInput
        id="p-postcode"
        label="Postcode"
        value={person.postcode}
        onChange={set('postcode')}
        description="Bijvoorbeeld 3315 AB"
        error={err('postcode')}
      />
      <TextInput id="p-house" label="Huisnummer" value={person.houseNumber} onChange={set('houseNumber')} error={err('houseNumber')} />
      <TextInput id="p-phone" label="Telefoonnummer" type="tel" value={person.phone} onChange={set('phone')} error={err('phone')} />
      <TextInput id="p-email" label="E-mailadres" type="email" value={person.email} onChange={set('email')} error={err('email')} />
    </fieldset>
  );
}

export interface Member {
  relation: string;
  initials: string;
  surname: string;
  birthDate: string;
}

const relationOptions = Object.entries(householdRelations) as [string, string][];

/** The other members of the household the question is also about: optional, one row per person. */
export function HouseholdFieldset({ members, onChange, errorOf }: { members: Member[]; onChange: (m: Member[]) => void; errorOf: ErrorOf }) {
  const set = (i: number, key: keyof Member) => (value: string) => onChange(members.map((m, j) => (j === i ? { ...m, [key]: value } : m)));
  return (
    <fieldset className="vn-fieldset">
      <legend>
        <Heading2>Huishouden (niet verplicht)</Heading2>
      </legend>
      <Paragraph>Gaat de vraag ook over de partner of kinderen? Voeg ze dan toe.</Paragraph>
      {members.map((m, i) => (
        <fieldset key={i} className="vn-fieldset">
          <legend>Gezinslid {i + 1}</legend>
          <SelectField
            id={`member-${i}-relation`}
            label={`Relatie van gezinslid ${i + 1}`}
            value={m.relation}
            onChange={set(i, 'relation')}
            options={relationOptions}
            error={errorOf(`household.${i}.relation`)}
          />
          <TextInput
            id={`member-${i}-initials`}
            label={`Voorletters van gezinslid ${i + 1}`}
            value={m.initials}
            onChange={set(i, 'initials')}
            error={errorOf(`household.${i}.initials`)}
          />
          <TextInput
            id={`member-${i}-surname`}
            label={`Achternaam van gezinslid ${i + 1}`}
            value={m.surname}
            onChange={set(i, 'surname')}
            error={errorOf(`household.${i}.surname`)}
          />
          <TextInput
            id={`member-${i}-birth`}
            label={`Geboortedatum van gezinslid ${i + 1}`}
            type="date"
            value={m.birthDate}
            onChange={set(i, 'birthDate')}
            error={errorOf(`household.${i}.birthDate`)}
          />
          <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => onChange(members.filter((_, j) => j !== i))}>
            Gezinslid {i + 1} weghalen
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="utrecht-button utrecht-button--secondary-action"
        onClick={() => onChange([...members, { relation: 'partner', initials: '', surname: '', birthDate: '' }])}
      >
        Gezinslid toevoegen
      </button>
    </fieldset>
  );
}

export function useMunicipality(errorOf: ErrorOf) {
  const { user } = useSession();
  const options = user?.municipalities ?? [];
  const [municipality, setMunicipality] = useState(options.includes(DEFAULT_MUNICIPALITY) ? DEFAULT_MUNICIPALITY : (options[0] ?? ''));
  const field =
    options.length > 1 ? (
      <SelectField
        id="municipality"
        label="Gemeente van de inwoner"
        value={municipality}
        onChange={setMunicipality}
        options={options.map((m) => [m, municipalityName(m)])}
        error={errorOf('municipalityCode')}
      />
    ) : null;
  return { municipality, field };
}

export function ConsentFields(props: {
  given: boolean;
  setGiven: (v: boolean) => void;
  text: string;
  setText: (v: string) => void;
  receiver: string;
  errorOf: ErrorOf;
}) {
  return (
    <fieldset className="vn-fieldset">
      <legend>
        <Heading2>Toestemming</Heading2>
      </legend>
      <Paragraph>Zonder toestemming van de inwoner wordt er niets gedeeld. Vraag het na en leg vast wat u heeft afgesproken.</Paragraph>
      <TextAreaField
        id="consent-text"
        label="Waarvoor gaf de inwoner toestemming?"
        value={props.text}
        onChange={props.setText}
        error={props.errorOf('consent.text')}
      />
      <Checkbox
        id="consent-given"
        error={props.errorOf('consent.given')}
        checked={props.given}
        onChange={props.setGiven}
        label={`De inwoner geeft toestemming om naam, contactgegevens en hulpvraag te delen met ${props.receiver || 'de ontvangende organisatie'}.`}
      />
    </fieldset>
  );
}
