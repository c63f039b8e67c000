import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Json } from '../../../../src/platform/contract.ts';
import type { referralCreated, timelineResponse } from '../../../../src/modules/referrals/contract.ts';
import { ErrorSummary, fieldError } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { useSession } from '../../session.tsx';
import {
  compact,
  ConsentFields,
  emptyPerson,
  formFieldMap,
  HouseholdFieldset,
  PersonFieldset,
  personFieldMap,
  referralPersonFields,
  themeOptions,
  useMunicipality,
  type ErrorOf,
  type Member,
} from './Fieldsets.tsx';
import { SelectField, TextAreaField, type Partner } from './shared.tsx';

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
