import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Json } from '../../../../src/platform/contract.ts';
import { DEFAULT_MUNICIPALITY, municipalityName } from '../../../../src/platform/municipalities.ts';
import type { intakeCreated, referralCreated, timelineResponse } from '../../../../src/modules/referrals/contract.ts';
import { householdRelations, referralThemes } from '../../../../src/modules/referrals/labels.ts';
import { Checkbox, ErrorSummary, fieldError, TextInput, type FieldMap } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { useSession } from '../../session.tsx';
import { SelectField, TextAreaField, type Partner } from './shared.tsx';

/** The error of a field of this form: the API's sentence for it, or undefined. */
type ErrorOf = (name: string) => string | undefined;

const themeOptions = Object.entries(referralThemes) as [string, string][];

interface PersonFields {
  initials: string;
  prefix: string;
  surname: string;
  birthDate: string;
  postcode: string;
  houseNumber: string;
  phone: string;
  email: string;
}
const emptyPerson: PersonFields = { initials: '', prefix: '', surname: '', birthDate: '', postcode: '', houseNumber: '', phone: '', email: '' };

/** Empty fields are left out, so the API's optional fields stay optional. */
function compact<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== null && v !== undefined)) as Partial<T>;
}

/** Where each person field's error comes from: `person.surname` for a referral, `contact.name` for an intake. */
export type PersonFieldNames = Record<keyof PersonFields, string>;
const referralPersonFields: PersonFieldNames = {
  initials: 'person.initials',
  prefix: 'person.prefix',
  surname: 'person.surname',
  birthDate: 'person.birthDate',
  postcode: 'person.postcode',
  houseNumber: 'person.houseNumber',
  phone: 'person.phone',
  email: 'person.email',
};
const intakePersonFields: PersonFieldNames = { ...referralPersonFields, surname: 'contact.name', phone: 'contact.phone', email: 'contact.email' };

function personFieldMap(names: PersonFieldNames, surnameLabel: string): FieldMap {
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
function formFieldMap(toField: string, toLabel: string, questionLabel: string): FieldMap {
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

function PersonFieldset({
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

interface Member {
  relation: string;
  initials: string;
  surname: string;
  birthDate: string;
}

const relationOptions = Object.entries(householdRelations) as [string, string][];

/** The other members of the household the question is also about: optional, one row per person. */
function HouseholdFieldset({ members, onChange, errorOf }: { members: Member[]; onChange: (m: Member[]) => void; errorOf: ErrorOf }) {
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

function useMunicipality(errorOf: ErrorOf) {
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

function ConsentFields(props: {
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

/** One partner refers a resident to another. */
export function NewReferral() {
  const navigate = useNavigate();
  const { user } = useSession();
  const [params] = useSearchParams();
  // Referring a resident one already works with (for instance after a refusal): by id, never by name in the URL.
  const knownId = params.get('inwoner');
  const known = useApi<Json<typeof timelineResponse>>(knownId ? `/referrals/residents/${knownId}/timeline` : null);
  const partners = useApi<Partner[]>('/referrals/partners');
  const send = useApiMutation<object, Json<typeof referralCreated>>('POST', '/referrals', {
    invalidates: ['/referrals'],
    onSuccess: (result) => navigate(`/medewerkers/verwijzingen/${result.referralId}`),
  });
  const errorOf: ErrorOf = (name) => fieldError(name, send.error);
  const { municipality, field } = useMunicipality(errorOf);
  const [person, setPerson] = useState(emptyPerson);
  const [members, setMembers] = useState<Member[]>([]);
  const [to, setTo] = useState('');
  const [theme, setTheme] = useState(params.get('onderwerp') ?? '');
  const [question, setQuestion] = useState('');
  const [consentGiven, setConsentGiven] = useState(false);
  const [consentText, setConsentText] = useState('');
  const residentMunicipality = (knownId ? known.data?.person.municipalityCode : undefined) ?? municipality;
  const receivers = (partners.data ?? []).filter((p) => p.id !== user?.organisationId && p.municipalities.includes(residentMunicipality));
  const fields = { ...personFieldMap(referralPersonFields, 'Achternaam'), ...formFieldMap('toOrganisationCode', 'Verwijzen naar', 'Korte vraag') };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate({
      municipalityCode: residentMunicipality,
      ...(knownId ? { personId: knownId } : { person: compact(person) }),
      household: members.map((m) => compact(m)),
      toOrganisationCode: to,
      theme,
      question,
      consent: { given: consentGiven, text: consentText },
    });
  };
  return (
    <StaffShell>
      <Heading1>Nieuwe verwijzing</Heading1>
      <Paragraph>
        U verwijst een inwoner naar een andere organisatie. U blijft verantwoordelijk tot die organisatie het eerste contact heeft gelegd.{' '}
        <Link to="/medewerkers/verwijzingen">Terug naar de werklijst</Link>
      </Paragraph>
      <form className="vn-form" onSubmit={submit} aria-label="Nieuwe verwijzing" noValidate>
        <ErrorSummary error={send.error ?? partners.error ?? known.error} fields={fields} />
        {!knownId && field}
        {knownId ? (
          <Paragraph>
            Inwoner: <strong>{known.data?.person.name ?? '…'}</strong>
          </Paragraph>
        ) : (
          <PersonFieldset person={person} onChange={setPerson} names={referralPersonFields} errorOf={errorOf} />
        )}
        <HouseholdFieldset members={members} onChange={setMembers} errorOf={errorOf} />
        <fieldset className="vn-fieldset">
          <legend>
            <Heading2>Vraag</Heading2>
          </legend>
          <SelectField
            id="to"
            label="Verwijzen naar"
            value={to}
            onChange={setTo}
            placeholder="Kies een organisatie"
            options={receivers.map((p) => [p.code, p.name])}
            error={errorOf('toOrganisationCode')}
          />
          <SelectField
            id="theme"
            label="Onderwerp"
            value={theme}
            onChange={setTheme}
            placeholder="Kies een onderwerp"
            options={themeOptions}
            error={errorOf('theme')}
          />
          <TextAreaField
            id="question"
            label="Korte vraag"
            value={question}
            onChange={setQuestion}
            description="Wat heeft de inwoner nodig? Schrijf alleen wat nodig is."
            error={errorOf('question')}
          />
        </fieldset>
        <ConsentFields
          given={consentGiven}
          setGiven={setConsentGiven}
          text={consentText}
          setText={setConsentText}
          receiver={receivers.find((p) => p.code === to)?.name ?? ''}
          errorOf={errorOf}
        />
        <Button type="submit" appearance="primary-action-button" disabled={send.isPending}>
          Verwijzing versturen
        </Button>
      </form>
    </StaffShell>
  );
}

/** A walk-in intake at the desk, or the GP's one-page sociaal recept. */
export function IntakeForm({ route }: { route: 'walk_in' | 'gp' }) {
  const navigate = useNavigate();
  const { user } = useSession();
  const partners = useApi<Partner[]>('/referrals/partners');
  const send = useApiMutation<object, Json<typeof intakeCreated>>('POST', '/referrals/intakes', {
    invalidates: ['/referrals'],
    onSuccess: (result) => navigate(`/medewerkers/verwijzingen/${result.referralId}`),
  });
  const errorOf: ErrorOf = (name) => fieldError(name, send.error);
  const { municipality, field } = useMunicipality(errorOf);
  const [person, setPerson] = useState(emptyPerson);
  const [members, setMembers] = useState<Member[]>([]);
  const [to, setTo] = useState(route === 'gp' ? 'SWT' : '');
  const [theme, setTheme] = useState(route === 'gp' ? 'money_debts' : '');
  const [question, setQuestion] = useState('');
  const [assessment, setAssessment] = useState('');
  const [consentGiven, setConsentGiven] = useState(false);
  const [consentText, setConsentText] = useState('');
  const receivers = (partners.data ?? []).filter((p) => p.municipalities.includes(municipality) && (route === 'walk_in' || p.id !== user?.organisationId));
  const gp = route === 'gp';
  const surnameLabel = gp ? 'Achternaam patiënt' : 'Achternaam';
  const fields = {
    ...personFieldMap(intakePersonFields, surnameLabel),
    ...formFieldMap('targetOrganisationCode', gp ? 'Verwijzen naar' : 'Doorsturen naar', gp ? 'Reden van verwijzing' : 'Korte vraag'),
    profile: { id: 'assessment', label: 'Korte inschatting' },
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { surname, phone, email, ...details } = person;
    send.mutate({
      municipalityCode: municipality,
      route,
      theme,
      question,
      targetOrganisationCode: to || undefined,
      contact: { name: surname, phone: phone || null, email: email || null },
      consent: { given: consentGiven, text: consentText },
      profile: assessment || null,
      person: compact(details),
      household: members.map((m) => compact(m)),
    });
  };
  return (
    <StaffShell>
      <Heading1>{gp ? 'Sociaal recept' : 'Aanmelding bij inloop'}</Heading1>
      <Paragraph>
        {gp
          ? 'Verwijs een patiënt met een vraag buiten het medische circuit (geld, werk, eenzaamheid, wonen) naar het sociaal domein. Eén formulier; de ontvanger neemt contact op.'
          : 'Leg de vraag vast van een inwoner die binnenloopt. Zonder andere organisatie komt de vraag bij uw eigen organisatie.'}{' '}
        <Link to="/medewerkers/verwijzingen">Terug naar de werklijst</Link>
      </Paragraph>
      <form className="vn-form" onSubmit={submit} aria-label={gp ? 'Sociaal recept' : 'Aanmelding bij inloop'} noValidate>
        <ErrorSummary error={send.error ?? partners.error} fields={fields} />
        {field}
        <PersonFieldset person={person} onChange={setPerson} surnameLabel={surnameLabel} names={intakePersonFields} errorOf={errorOf} />
        <HouseholdFieldset members={members} onChange={setMembers} errorOf={errorOf} />
        <fieldset className="vn-fieldset">
          <legend>
            <Heading2>Vraag</Heading2>
          </legend>
          <SelectField
            id="to"
            label={gp ? 'Verwijzen naar' : 'Doorsturen naar (niet verplicht)'}
            value={to}
            onChange={setTo}
            placeholder={gp ? 'Kies een organisatie' : 'Mijn eigen organisatie'}
            options={receivers.map((p) => [p.code, p.name])}
            error={errorOf('targetOrganisationCode')}
          />
          <SelectField
            id="theme"
            label="Onderwerp"
            value={theme}
            onChange={setTheme}
            placeholder="Kies een onderwerp"
            options={themeOptions}
            error={errorOf('theme')}
          />
          <TextAreaField
            id="question"
            label={gp ? 'Reden van verwijzing' : 'Korte vraag'}
            value={question}
            onChange={setQuestion}
            error={errorOf('question')}
          />
          {gp && (
            <TextInput
              id="assessment"
              label="Korte inschatting (niet verplicht)"
              value={assessment}
              onChange={setAssessment}
              description="Bijvoorbeeld: stress door geldzorgen, weinig sociaal netwerk"
              error={errorOf('profile')}
            />
          )}
        </fieldset>
        <ConsentFields
          given={consentGiven}
          setGiven={setConsentGiven}
          text={consentText}
          setText={setConsentText}
          receiver={receivers.find((p) => p.code === to)?.name ?? ''}
          errorOf={errorOf}
        />
        <Button type="submit" appearance="primary-action-button" disabled={send.isPending}>
          {gp ? 'Sociaal recept versturen' : 'Aanmelding vastleggen'}
        </Button>
      </form>
    </StaffShell>
  );
}
