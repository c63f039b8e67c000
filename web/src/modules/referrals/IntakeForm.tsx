import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Json } from '../../../../src/platform/contract.ts';
import type { intakeCreated } from '../../../../src/modules/referrals/contract.ts';
import { ErrorSummary, fieldError, TextInput } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { useSession } from '../../session.tsx';
import {
  compact,
  ConsentFields,
  emptyPerson,
  formFieldMap,
  HouseholdFieldset,
  intakePersonFields,
  PersonFieldset,
  personFieldMap,
  themeOptions,
  useMunicipality,
  type ErrorOf,
  type Member,
} from './Fieldsets.tsx';
import { SelectField, TextAreaField, type Partner } from './shared.tsx';

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
