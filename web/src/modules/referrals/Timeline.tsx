import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Json } from '../../../../src/platform/contract.ts';
import type { consentGranted, consentWithdrawn, timelineResponse } from '../../../../src/modules/referrals/contract.ts';
import { consentScopes, householdRelations, referralRoutes, referralStates, referralThemes } from '../../../../src/modules/referrals/labels.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { Checkbox, Done, ErrorSummary, fieldError, type FieldErrors } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { EventList } from './ReferralDetail.tsx';
import { SelectField, TextAreaField, type OrganisationRef } from './shared.tsx';

type TimelineView = Json<typeof timelineResponse>;
const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;
const grantFields = {
  organisationCode: { id: 'grant-org', label: 'Organisatie' },
  scopes: { id: 'grant-scope-contact', label: 'Wat mag deze organisatie zien?' },
  text: { id: 'grant-text', label: 'Waarvoor gaf de inwoner toestemming?' },
};

/** Everything the chain did for one resident, across organisations; only with consent, and every view is logged. */
export function ResidentTimeline() {
  const { personId } = useParams();
  const timeline = useApi<TimelineView>(`/referrals/residents/${personId}/timeline`);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [grantOrg, setGrantOrg] = useState('');
  const [grantText, setGrantText] = useState('');
  const [grantScopes, setGrantScopes] = useState<string[]>(['contact', 'question', 'progress']);
  const [grantLocal, setGrantLocal] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const t = timeline.data;
  const involved = t
    ? [
        ...new Map(
          t.referrals
            .flatMap((r) => [r.from, r.to])
            .filter((o): o is OrganisationRef => Boolean(o))
            .map((o) => [o.code, o]),
        ).values(),
      ]
    : [];
  const nameOf = (consentId: string | null) => t?.consents.find((c) => c.id === consentId)?.organisation.name ?? 'de organisatie';
  const withdrawal = useApiMutation<{ id: string; note: string | null }, Json<typeof consentWithdrawn>>('POST', (b) => `/referrals/consents/${b.id}/withdraw`, {
    invalidates: ['/referrals'],
    onSuccess: (result, b) => {
      setDone(
        `De toestemming voor ${nameOf(b.id)} is ingetrokken.${result.closedReferralIds.length ? ` ${result.closedReferralIds.length === 1 ? 'Eén verwijzing is' : `${result.closedReferralIds.length} verwijzingen zijn`} afgesloten.` : ''}`,
      );
      setWithdrawing(null);
      setNote('');
    },
  });
  const grant = useApiMutation<{ organisationCode: string; text: string; scopes: string[] }, Json<typeof consentGranted>>(
    'POST',
    `/referrals/residents/${personId}/consents`,
    {
      invalidates: ['/referrals'],
      onSuccess: (_, b) => {
        setDone(`De toestemming voor ${involved.find((o) => o.code === b.organisationCode)?.name ?? b.organisationCode} is vastgelegd.`);
        setGrantOrg('');
        setGrantText('');
      },
    },
  );
  const submitGrant = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const local: FieldErrors = {};
    if (!grantOrg) local.organisationCode = 'Kies de organisatie die toestemming krijgt.';
    if (!grantScopes.length) local.scopes = 'Kies minstens één ding dat de organisatie mag zien.';
    setGrantLocal(local);
    if (Object.keys(local).length) return;
    grant.mutate({ organisationCode: grantOrg, text: grantText, scopes: grantScopes });
  };
  return (
    <StaffShell>
      <Heading1>Tijdlijn{t ? `: ${t.person.name}` : ''}</Heading1>
      <Paragraph>
        Alle verwijzingen voor deze inwoner, bij alle betrokken organisaties. U ziet dit alleen zolang de inwoner uw organisatie toestemming geeft. Elke keer
        dat iemand deze tijdlijn bekijkt, wordt vastgelegd. <Link to="/medewerkers/verwijzingen">Terug naar de werklijst</Link>
      </Paragraph>
      <ProblemAlert error={timeline.error} />
      <Done>{done}</Done>
      <Loading loading={timeline.loading}>
        {t && (
          <>
            {t.household.length > 0 && (
              <section aria-labelledby="tl-household">
                <Heading2 id="tl-household">Huishouden</Heading2>
                <ul>
                  {t.household.map((m, i) => (
                    <li key={i}>
                      {label(householdRelations, m.relation)}: {m.name}
                      {m.birthDate ? `, geboren ${formatDate(m.birthDate)}` : ''}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <section aria-labelledby="tl-referrals">
              <Heading2 id="tl-referrals">Verwijzingen</Heading2>
              <Paragraph>
                <Link to={`/medewerkers/verwijzingen/nieuw?inwoner=${t.person.id}`}>Deze inwoner verwijzen naar een andere organisatie</Link>
              </Paragraph>
              <Table>
                <caption className="vn-caption">Verwijzingen voor deze inwoner</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Verstuurd</TableHeaderCell>
                    <TableHeaderCell scope="col">Van</TableHeaderCell>
                    <TableHeaderCell scope="col">Naar</TableHeaderCell>
                    <TableHeaderCell scope="col">Onderwerp</TableHeaderCell>
                    <TableHeaderCell scope="col">Status</TableHeaderCell>
                    <TableHeaderCell scope="col">Vraag</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {t.referrals.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>{formatDate(r.sentAt)}</TableCell>
                      <TableCell>{r.from?.name ?? label(referralRoutes, r.route)}</TableCell>
                      <TableCell>{r.to.name}</TableCell>
                      <TableCell>{referralThemes[r.theme]}</TableCell>
                      <TableCell>{referralStates[r.state]}</TableCell>
                      <TableCell>
                        {r.question ? (
                          <Link to={`/medewerkers/verwijzingen/${r.id}`}>{r.question}</Link>
                        ) : (
                          'Alleen zichtbaar voor de twee betrokken organisaties'
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </section>
            <section aria-labelledby="tl-consents">
              <Heading2 id="tl-consents">Toestemmingen</Heading2>
              <Table>
                <caption className="vn-caption">Met wie de inwoner gegevens laat delen</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                    <TableHeaderCell scope="col">Wat</TableHeaderCell>
                    <TableHeaderCell scope="col">Gegeven</TableHeaderCell>
                    <TableHeaderCell scope="col">Ingetrokken</TableHeaderCell>
                    <TableHeaderCell scope="col">Actie</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {t.consents.map((c) => (
                    <TableRow key={c.id}>
                      <TableCell>{c.organisation.name}</TableCell>
                      <TableCell>
                        {c.scopes.map((s) => label(consentScopes, s)).join(', ')}
                        <br />
                        <small>“{c.text}”</small>
                      </TableCell>
                      <TableCell>
                        {formatDateTime(c.givenAt)}
                        {c.givenBy ? ` door ${c.givenBy}` : ''}
                      </TableCell>
                      <TableCell>
                        {c.withdrawnAt
                          ? `${formatDateTime(c.withdrawnAt)}${c.withdrawnBy ? ` door ${c.withdrawnBy}` : ''}${c.withdrawalNote ? `: ${c.withdrawalNote}` : ''}`
                          : '–'}
                      </TableCell>
                      <TableCell>
                        {!c.withdrawnAt && (
                          <button
                            type="button"
                            className="utrecht-button utrecht-button--subtle"
                            onClick={() => {
                              setDone(null);
                              withdrawal.reset();
                              setWithdrawing(c.id);
                            }}
                          >
                            Intrekken voor {c.organisation.name}
                          </button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {withdrawing && (
                <form className="vn-form" onSubmit={(e: FormEvent) => e.preventDefault()} aria-label="Toestemming intrekken" noValidate>
                  <ErrorSummary error={withdrawal.error} fields={{ note: { id: 'withdraw-note', label: 'Toelichting' } }} />
                  <Paragraph>
                    Na intrekken ziet {nameOf(withdrawing)} niets meer van deze inwoner. Lopende verwijzingen waarmee deze organisatie dan niet verder kan,
                    worden afgesloten met de reden "Toestemming ingetrokken"; een overdracht uit vroegsignalering gaat terug naar het team.
                  </Paragraph>
                  <TextAreaField
                    id="withdraw-note"
                    label="Toelichting (bijvoorbeeld: hoe de inwoner dit liet weten)"
                    value={note}
                    onChange={setNote}
                    error={fieldError('note', withdrawal.error)}
                  />
                  <ConfirmButton
                    label="Toestemming intrekken"
                    title="Toestemming intrekken?"
                    consequence={`${nameOf(withdrawing)} ziet daarna niets meer van deze inwoner. Verwijzingen waarmee deze organisatie niet verder kan, worden afgesloten. U kunt dit niet ongedaan maken; de inwoner kan later opnieuw toestemming geven.`}
                    confirmLabel="Ja, trek de toestemming in"
                    disabled={withdrawal.isPending}
                    onConfirm={() =>
                      withdrawal.mutateAsync({ id: withdrawing, note: note || null }).then(
                        () => undefined,
                        () => undefined,
                      )
                    }
                  />
                </form>
              )}
              <form className="vn-form" onSubmit={submitGrant} aria-label="Toestemming vastleggen" noValidate>
                <Heading2 id="tl-grant">Nieuwe toestemming vastleggen</Heading2>
                <ErrorSummary error={grant.error} local={grantLocal} fields={grantFields} />
                <SelectField
                  id="grant-org"
                  label="Organisatie"
                  value={grantOrg}
                  onChange={setGrantOrg}
                  placeholder="Kies een organisatie"
                  options={involved.map((o) => [o.code, o.name])}
                  error={fieldError('organisationCode', grant.error, grantLocal)}
                />
                <fieldset className="vn-fieldset">
                  <legend>Wat mag deze organisatie zien?</legend>
                  {fieldError('scopes', grant.error, grantLocal) && (
                    <Paragraph className="utrecht-form-field-error-message vn-field-error">{fieldError('scopes', grant.error, grantLocal)}</Paragraph>
                  )}
                  {Object.entries(consentScopes).map(([scope, text]) => (
                    <Checkbox
                      key={scope}
                      id={`grant-scope-${scope}`}
                      label={text}
                      checked={grantScopes.includes(scope)}
                      onChange={(on) => setGrantScopes(on ? [...grantScopes, scope] : grantScopes.filter((s) => s !== scope))}
                    />
                  ))}
                </fieldset>
                <TextAreaField
                  id="grant-text"
                  label="Waarvoor gaf de inwoner toestemming?"
                  value={grantText}
                  onChange={setGrantText}
                  error={fieldError('text', grant.error, grantLocal)}
                />
                <Button type="submit" appearance="secondary-action-button" disabled={grant.isPending}>
                  Toestemming vastleggen
                </Button>
              </form>
            </section>
            <section aria-labelledby="tl-events">
              <Heading2 id="tl-events">Wat er is gebeurd</Heading2>
              <EventList events={t.events} />
            </section>
          </>
        )}
      </Loading>
    </StaffShell>
  );
}
