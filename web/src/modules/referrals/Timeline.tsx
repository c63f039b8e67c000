import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api.ts';
import { Loading, ProblemAlert, useLoad } from '../../components.tsx';
import { formatDateTime } from '../../labels.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { EventList, type TimelineEvent } from './ReferralDetail.tsx';
import { CheckboxField, formatDate, SelectField, TextAreaField, useCodeLists, type OrganisationRef } from './shared.tsx';

interface TimelineView {
  person: { id: string; name: string; birthDate: string | null; phone: string | null; email: string | null };
  household: { relation: string; name: string; birthDate: string | null }[];
  referrals: { id: string; theme: string; route: string; state: string; from: OrganisationRef | null; to: OrganisationRef; sentAt: string; question: string | null }[];
  consents: {
    id: string;
    organisation: OrganisationRef;
    scopes: string[];
    text: string;
    recordedVia: string;
    givenAt: string;
    givenBy: string | null;
    withdrawnAt: string | null;
    withdrawnBy: string | null;
    withdrawalNote: string | null;
  }[];
  events: TimelineEvent[];
}

/** Everything the chain did for one resident, across organisations; only with consent, and every view is logged. */
export function ResidentTimeline() {
  const { personId } = useParams();
  const codes = useCodeLists();
  const timeline = useLoad(() => api<TimelineView>('GET', `/referrals/residents/${personId}/timeline`), [personId]);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [grantOrg, setGrantOrg] = useState('');
  const [grantText, setGrantText] = useState('');
  const [grantScopes, setGrantScopes] = useState<string[]>(['contact', 'question', 'progress']);
  const [error, setError] = useState<unknown>(null);
  const t = timeline.data;
  const involved = t ? [...new Map(t.referrals.flatMap((r) => [r.from, r.to]).filter((o): o is OrganisationRef => Boolean(o)).map((o) => [o.code, o])).values()] : [];
  const withdraw = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', `/referrals/consents/${withdrawing}/withdraw`, { note: note || null });
      setWithdrawing(null);
      setNote('');
      timeline.reload();
    } catch (err) {
      setError(err);
    }
  };
  const grant = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', `/referrals/residents/${personId}/consents`, { organisationCode: grantOrg, text: grantText, scopes: grantScopes });
      setGrantOrg('');
      setGrantText('');
      timeline.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <StaffShell>
      <Heading1>Tijdlijn{t && codes.data ? `: ${t.person.name}` : ''}</Heading1>
      <Paragraph>
        Alle verwijzingen voor deze inwoner, bij alle betrokken organisaties. U ziet dit alleen zolang de inwoner uw organisatie toestemming geeft.
        Elke keer dat iemand deze tijdlijn bekijkt, wordt vastgelegd. <Link to="/medewerkers/verwijzingen">Terug naar de werklijst</Link>
      </Paragraph>
      <ProblemAlert error={timeline.error ?? error} />
      <Loading loading={timeline.loading || codes.loading}>
        {t && (
          <>
            {t.household.length > 0 && (
              <section aria-labelledby="tl-household">
                <Heading2 id="tl-household">Huishouden</Heading2>
                <ul>
                  {t.household.map((m, i) => (
                    <li key={i}>
                      {codes.data?.householdRelations[m.relation] ?? m.relation}: {m.name}
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
                      <TableCell>{r.from?.name ?? codes.data?.routes[r.route] ?? r.route}</TableCell>
                      <TableCell>{r.to.name}</TableCell>
                      <TableCell>{codes.data?.themes[r.theme] ?? r.theme}</TableCell>
                      <TableCell>{codes.data?.states[r.state] ?? r.state}</TableCell>
                      <TableCell>{r.question ? <Link to={`/medewerkers/verwijzingen/${r.id}`}>{r.question}</Link> : 'Alleen zichtbaar voor de twee betrokken organisaties'}</TableCell>
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
                        {c.scopes.map((s) => codes.data?.consentScopes[s] ?? s).join(', ')}
                        <br />
                        <small>“{c.text}”</small>
                      </TableCell>
                      <TableCell>
                        {formatDateTime(c.givenAt)}
                        {c.givenBy ? ` door ${c.givenBy}` : ''}
                      </TableCell>
                      <TableCell>
                        {c.withdrawnAt ? `${formatDateTime(c.withdrawnAt)}${c.withdrawnBy ? ` door ${c.withdrawnBy}` : ''}${c.withdrawalNote ? `: ${c.withdrawalNote}` : ''}` : '–'}
                      </TableCell>
                      <TableCell>
                        {!c.withdrawnAt && (
                          <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => setWithdrawing(c.id)}>
                            Intrekken voor {c.organisation.name}
                          </button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {withdrawing && (
                <form className="vn-form" onSubmit={withdraw} aria-label="Toestemming intrekken">
                  <Paragraph>
                    Na intrekken ziet {t.consents.find((c) => c.id === withdrawing)?.organisation.name} niets meer van deze inwoner. Lopende verwijzingen waarmee deze organisatie dan niet verder kan, worden afgesloten met de reden "Toestemming ingetrokken"; een overdracht uit vroegsignalering gaat terug naar het team.
                  </Paragraph>
                  <TextAreaField id="withdraw-note" label="Toelichting (bijvoorbeeld: hoe de inwoner dit liet weten)" value={note} onChange={setNote} />
                  <Button type="submit" appearance="primary-action-button">
                    Toestemming intrekken
                  </Button>
                </form>
              )}
              <form className="vn-form" onSubmit={grant} aria-label="Toestemming vastleggen">
                <Heading2 id="tl-grant">Nieuwe toestemming vastleggen</Heading2>
                <SelectField id="grant-org" label="Organisatie" value={grantOrg} onChange={setGrantOrg} required placeholder="Kies een organisatie" options={involved.map((o) => [o.code, o.name])} />
                <fieldset className="vn-fieldset">
                  <legend>Wat mag deze organisatie zien?</legend>
                  {Object.entries(codes.data?.consentScopes ?? {}).map(([scope, label]) => (
                    <CheckboxField
                      key={scope}
                      id={`grant-scope-${scope}`}
                      label={label}
                      checked={grantScopes.includes(scope)}
                      onChange={(on) => setGrantScopes(on ? [...grantScopes, scope] : grantScopes.filter((s) => s !== scope))}
                    />
                  ))}
                </fieldset>
                <TextAreaField id="grant-text" label="Waarvoor gaf de inwoner toestemming?" value={grantText} onChange={setGrantText} required />
                <Button type="submit" appearance="secondary-action-button">
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
