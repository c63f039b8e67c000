import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { ProblemAlert, TextField, useLoad } from '../../components.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useSession } from '../../session.tsx';
import { CheckboxField, municipalityNames, SelectField, TextAreaField, useCodeLists, type Partner } from './shared.tsx';

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

function PersonFieldset({ person, onChange, surnameLabel = 'Achternaam' }: { person: PersonFields; onChange: (p: PersonFields) => void; surnameLabel?: string }) {
  const set = (key: keyof PersonFields) => (value: string) => onChange({ ...person, [key]: value });
  return (
    <fieldset className="vn-fieldset">
      <legend>
        <Heading2>Inwoner</Heading2>
      </legend>
      <TextField id="p-initials" label="Voorletters" value={person.initials} onChange={set('initials')} />
      <TextField id="p-prefix" label="Tussenvoegsel" value={person.prefix} onChange={set('prefix')} />
      <TextField id="p-surname" label={surnameLabel} value={person.surname} onChange={set('surname')} required autoComplete="off" />
      <TextField id="p-birth" label="Geboortedatum" type="date" value={person.birthDate} onChange={set('birthDate')} />
      <TextField id="p-postcode" label="Postcode" value={person.postcode} onChange={set('postcode')} description="Bijvoorbeeld 3315 AB" />
      <TextField id="p-house" label="Huisnummer" value={person.houseNumber} onChange={set('houseNumber')} />
      <TextField id="p-phone" label="Telefoonnummer" type="tel" value={person.phone} onChange={set('phone')} />
      <TextField id="p-email" label="E-mailadres" type="email" value={person.email} onChange={set('email')} />
    </fieldset>
  );
}

interface Member {
  relation: string;
  initials: string;
  surname: string;
  birthDate: string;
}

const relationOptions: [string, string][] = [
  ['partner', 'Partner'],
  ['child', 'Kind'],
  ['other', 'Ander gezinslid'],
];

/** The other members of the household the question is also about: optional, one row per person. */
function HouseholdFieldset({ members, onChange }: { members: Member[]; onChange: (m: Member[]) => void }) {
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
          <SelectField id={`member-${i}-relation`} label={`Relatie van gezinslid ${i + 1}`} value={m.relation} onChange={set(i, 'relation')} options={relationOptions} />
          <TextField id={`member-${i}-initials`} label={`Voorletters van gezinslid ${i + 1}`} value={m.initials} onChange={set(i, 'initials')} />
          <TextField id={`member-${i}-surname`} label={`Achternaam van gezinslid ${i + 1}`} value={m.surname} onChange={set(i, 'surname')} required />
          <TextField id={`member-${i}-birth`} label={`Geboortedatum van gezinslid ${i + 1}`} type="date" value={m.birthDate} onChange={set(i, 'birthDate')} />
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

function useMunicipality() {
  const { user } = useSession();
  const options = user?.municipalities ?? [];
  const [municipality, setMunicipality] = useState(options.includes('GM0505') ? 'GM0505' : (options[0] ?? ''));
  const field =
    options.length > 1 ? (
      <SelectField id="municipality" label="Gemeente van de inwoner" value={municipality} onChange={setMunicipality} options={options.map((m) => [m, municipalityNames[m] ?? m])} />
    ) : null;
  return { municipality, field };
}

function ConsentFields(props: { given: boolean; setGiven: (v: boolean) => void; text: string; setText: (v: string) => void; receiver: string }) {
  return (
    <fieldset className="vn-fieldset">
      <legend>
        <Heading2>Toestemming</Heading2>
      </legend>
      <Paragraph>Zonder toestemming van de inwoner wordt er niets gedeeld. Vraag het na en leg vast wat u heeft afgesproken.</Paragraph>
      <TextAreaField id="consent-text" label="Waarvoor gaf de inwoner toestemming?" value={props.text} onChange={props.setText} required />
      <CheckboxField
        id="consent-given"
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
  const codes = useCodeLists();
  const [params] = useSearchParams();
  // Referring a resident one already works with (for instance after a refusal): by id, never by name in the URL.
  const knownId = params.get('inwoner');
  const known = useLoad(
    () => (knownId ? api<{ person: { id: string; name: string; municipalityCode?: string } }>('GET', `/referrals/residents/${knownId}/timeline`) : Promise.resolve(null)),
    [knownId],
  );
  const partners = useLoad(() => api<Partner[]>('GET', '/referrals/partners'), []);
  const { municipality, field } = useMunicipality();
  const [person, setPerson] = useState(emptyPerson);
  const [members, setMembers] = useState<Member[]>([]);
  const [to, setTo] = useState('');
  const [theme, setTheme] = useState(params.get('onderwerp') ?? '');
  const [question, setQuestion] = useState('');
  const [consentGiven, setConsentGiven] = useState(false);
  const [consentText, setConsentText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const residentMunicipality = (knownId ? known.data?.person.municipalityCode : undefined) ?? municipality;
  const receivers = (partners.data ?? []).filter((p) => p.id !== user?.organisationId && p.municipalities.includes(residentMunicipality));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const result = await api<{ referralId: string }>('POST', '/referrals', {
        municipalityCode: residentMunicipality,
        ...(knownId ? { personId: knownId } : { person: compact(person) }),
        household: members.map((m) => compact(m)),
        toOrganisationCode: to,
        theme,
        question,
        consent: { given: consentGiven, text: consentText },
      });
      navigate(`/medewerkers/verwijzingen/${result.referralId}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <StaffShell>
      <Heading1>Nieuwe verwijzing</Heading1>
      <Paragraph>
        U verwijst een inwoner naar een andere organisatie. U blijft verantwoordelijk tot die organisatie het eerste contact heeft gelegd.{' '}
        <Link to="/medewerkers/verwijzingen">Terug naar de werklijst</Link>
      </Paragraph>
      <form className="vn-form" onSubmit={submit} aria-label="Nieuwe verwijzing">
        <ProblemAlert error={error ?? partners.error ?? codes.error ?? known.error} />
        {!knownId && field}
        {knownId ? (
          <Paragraph>
            Inwoner: <strong>{known.data?.person.name ?? '…'}</strong>
          </Paragraph>
        ) : (
          <PersonFieldset person={person} onChange={setPerson} />
        )}
        <HouseholdFieldset members={members} onChange={setMembers} />
        <fieldset className="vn-fieldset">
          <legend>
            <Heading2>Vraag</Heading2>
          </legend>
          <SelectField id="to" label="Verwijzen naar" value={to} onChange={setTo} required placeholder="Kies een organisatie" options={receivers.map((p) => [p.code, p.name])} />
          <SelectField id="theme" label="Onderwerp" value={theme} onChange={setTheme} required placeholder="Kies een onderwerp" options={Object.entries(codes.data?.themes ?? {})} />
          <TextAreaField id="question" label="Korte vraag" value={question} onChange={setQuestion} required description="Wat heeft de inwoner nodig? Schrijf alleen wat nodig is." />
        </fieldset>
        <ConsentFields given={consentGiven} setGiven={setConsentGiven} text={consentText} setText={setConsentText} receiver={receivers.find((p) => p.code === to)?.name ?? ''} />
        <Button type="submit" appearance="primary-action-button">
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
  const codes = useCodeLists();
  const partners = useLoad(() => api<Partner[]>('GET', '/referrals/partners'), []);
  const { municipality, field } = useMunicipality();
  const [person, setPerson] = useState(emptyPerson);
  const [members, setMembers] = useState<Member[]>([]);
  const [to, setTo] = useState(route === 'gp' ? 'SWT' : '');
  const [theme, setTheme] = useState(route === 'gp' ? 'money_debts' : '');
  const [question, setQuestion] = useState('');
  const [assessment, setAssessment] = useState('');
  const [consentGiven, setConsentGiven] = useState(false);
  const [consentText, setConsentText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const receivers = (partners.data ?? []).filter((p) => p.municipalities.includes(municipality) && (route === 'walk_in' || p.id !== user?.organisationId));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { surname, phone, email, ...details } = person;
      const result = await api<{ referralId: string }>('POST', '/referrals/intakes', {
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
      navigate(`/medewerkers/verwijzingen/${result.referralId}`);
    } catch (err) {
      setError(err);
    }
  };
  const gp = route === 'gp';
  return (
    <StaffShell>
      <Heading1>{gp ? 'Sociaal recept' : 'Aanmelding bij inloop'}</Heading1>
      <Paragraph>
        {gp
          ? 'Verwijs een patiënt met een vraag buiten het medische circuit (geld, werk, eenzaamheid, wonen) naar het sociaal domein. Eén formulier; de ontvanger neemt contact op.'
          : 'Leg de vraag vast van een inwoner die binnenloopt. Zonder andere organisatie komt de vraag bij uw eigen organisatie.'}{' '}
        <Link to="/medewerkers/verwijzingen">Terug naar de werklijst</Link>
      </Paragraph>
      <form className="vn-form" onSubmit={submit} aria-label={gp ? 'Sociaal recept' : 'Aanmelding bij inloop'}>
        <ProblemAlert error={error ?? partners.error ?? codes.error} />
        {field}
        <PersonFieldset person={person} onChange={setPerson} surnameLabel={gp ? 'Achternaam patiënt' : 'Achternaam'} />
        <HouseholdFieldset members={members} onChange={setMembers} />
        <fieldset className="vn-fieldset">
          <legend>
            <Heading2>Vraag</Heading2>
          </legend>
          <SelectField
            id="to"
            label={gp ? 'Verwijzen naar' : 'Doorsturen naar (niet verplicht)'}
            value={to}
            onChange={setTo}
            required={gp}
            placeholder={gp ? 'Kies een organisatie' : 'Mijn eigen organisatie'}
            options={receivers.map((p) => [p.code, p.name])}
          />
          <SelectField id="theme" label="Onderwerp" value={theme} onChange={setTheme} required placeholder="Kies een onderwerp" options={Object.entries(codes.data?.themes ?? {})} />
          <TextAreaField id="question" label={gp ? 'Reden van verwijzing' : 'Korte vraag'} value={question} onChange={setQuestion} required />
          {gp && <TextField id="assessment" label="Korte inschatting (niet verplicht)" value={assessment} onChange={setAssessment} description="Bijvoorbeeld: stress door geldzorgen, weinig sociaal netwerk" />}
        </fieldset>
        <ConsentFields given={consentGiven} setGiven={setConsentGiven} text={consentText} setText={setConsentText} receiver={receivers.find((p) => p.code === to)?.name ?? ''} />
        <Button type="submit" appearance="primary-action-button">
          {gp ? 'Sociaal recept versturen' : 'Aanmelding vastleggen'}
        </Button>
      </form>
    </StaffShell>
  );
}
