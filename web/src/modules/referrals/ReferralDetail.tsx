import { Button, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api.ts';
import { Loading, ProblemAlert, useLoad } from '../../components.tsx';
import { formatDateTime } from '../../labels.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { Flags, formatDate, TextAreaField, useCodeLists, type OrganisationRef } from './shared.tsx';

export interface TimelineEvent {
  id: string;
  referralId: string | null;
  kind: string;
  organisation: OrganisationRef | null;
  user: string | null;
  note: string | null;
  occurredAt: string;
}

interface ReferralView {
  id: string;
  personId: string;
  theme: string;
  themeLabel: string;
  route: string;
  question: string | null;
  shared: string[];
  state: string;
  side: 'sender' | 'receiver';
  from: OrganisationRef | null;
  to: OrganisationRef;
  area: string | null;
  declineReason: string | null;
  closeReason: string | null;
  sentAt: string;
  answerDueDate: string;
  firstContactDueDate: string;
  flags: string[];
  responsible: 'sender' | 'receiver' | null;
  actions: { action: string; reasonRequired: boolean }[];
  resident: { name: string; birthDate: string | null; phone: string | null; email: string | null; postcode: string | null; houseNumber: string | null };
  household: { relation: string; name: string; birthDate: string | null }[];
  intake: {
    route: string;
    profile: string | null;
    /** Early signal: the signals of arrears handed over (shown under the 'question' scope; no BSN, no creditor reference). */
    signals: { creditorType: string; creditorTypeLabel: string; amountCents: number; months: number | null; arisenOn: string | null; signalDate: string }[];
    consentText: string;
    createdAt: string;
  } | null;
  events: TimelineEvent[];
}

export const eventLabels: Record<string, string> = {
  sent: 'Verwijzing verstuurd',
  accepted: 'Geaccepteerd',
  declined: 'Afgewezen',
  first_contact: 'Eerste contact gelegd',
  help_in_place: 'Hulp loopt',
  closed: 'Afgesloten',
  consent_given: 'Toestemming gegeven',
  consent_withdrawn: 'Toestemming ingetrokken',
};

const actionPath: Record<string, string> = {
  accept: 'accept',
  decline: 'decline',
  first_contact: 'first-contact',
  help_in_place: 'help-in-place',
  close: 'close',
};

export function EventList({ events }: { events: TimelineEvent[] }) {
  return (
    <ol className="vn-timeline">
      {events.map((e) => (
        <li key={e.id}>
          <strong>{eventLabels[e.kind] ?? e.kind}</strong>
          {e.organisation && <> · {e.organisation.name}</>}
          {e.user && <> · {e.user}</>} · <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
          {e.note && <Paragraph>{e.note}</Paragraph>}
        </li>
      ))}
    </ol>
  );
}

function ActionForm({ referral, onDone }: { referral: ReferralView; onDone: () => void }) {
  const codes = useCodeLists();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = referral.actions.some((a) => a.reasonRequired);
  const run = async (action: string) => {
    setError(null);
    setBusy(true);
    try {
      const needs = referral.actions.find((a) => a.action === action)?.reasonRequired;
      await api('POST', `/referrals/${referral.id}/${actionPath[action]}`, needs ? { reason: text } : { note: text || null });
      setText('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (!referral.actions.length) return <Paragraph>Er zijn nu geen stappen voor uw organisatie.</Paragraph>;
  return (
    <form className="vn-form" aria-labelledby="next-step" onSubmit={(e: FormEvent) => e.preventDefault()}>
      <ProblemAlert error={error} />
      {referral.route === 'early_signal' && referral.actions.some((a) => a.action === 'decline' || a.action === 'close') && ['sent', 'accepted'].includes(referral.state) && (
        <Paragraph>
          Dit is een overdracht uit vroegsignalering. Wijst u af of sluit u af vóór het eerste contact, dan gaat de zaak met uw reden terug naar het
          vroegsignaleringsteam.
        </Paragraph>
      )}
      <TextAreaField
        id="action-text"
        label="Toelichting of reden"
        description={
          needsReason
            ? 'Een reden is verplicht bij afwijzen, en bij afsluiten voordat de hulp loopt. Schrijf alleen wat nodig is.'
            : 'Niet verplicht. Schrijf alleen wat nodig is.'
        }
        value={text}
        onChange={setText}
      />
      <div className="vn-buttons" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
        {referral.actions.map((a) => (
          <Button
            key={a.action}
            type="button"
            disabled={busy}
            appearance={a.action === 'decline' || a.action === 'close' ? 'secondary-action-button' : 'primary-action-button'}
            onClick={() => run(a.action)}
          >
            {codes.data?.actions[a.action] ?? a.action}
          </Button>
        ))}
      </div>
    </form>
  );
}

export function ReferralDetail() {
  const { id } = useParams();
  const codes = useCodeLists();
  const referral = useLoad(() => api<ReferralView>('GET', `/referrals/${id}`), [id]);
  const r = referral.data;
  return (
    <StaffShell>
      <Heading1>Verwijzing{r && codes.data ? `: ${r.resident.name}` : ''}</Heading1>
      <Paragraph>
        <Link to="/medewerkers/verwijzingen">Terug naar de werklijst</Link>
      </Paragraph>
      <ProblemAlert error={referral.error ?? codes.error} />
      <Loading loading={referral.loading || codes.loading}>
        {r && (
          <>
            <dl className="vn-details">
              <dt>Status</dt>
              <dd data-testid="referral-state">{codes.data?.states[r.state] ?? r.state}</dd>
              <dt>Onderwerp</dt>
              <dd>{r.themeLabel}</dd>
              <dt>Van</dt>
              <dd>{r.from?.name ?? codes.data?.routes[r.route] ?? r.route}</dd>
              <dt>Naar</dt>
              <dd>{r.to.name}</dd>
              <dt>Route</dt>
              <dd>{codes.data?.routes[r.route] ?? r.route}</dd>
              <dt>Vraag</dt>
              <dd>{r.question ?? 'De inwoner deelt de vraag niet met uw organisatie.'}</dd>
              <dt>De inwoner deelt met uw organisatie</dt>
              <dd>{r.shared.length ? r.shared.map((s) => codes.data?.consentScopes[s] ?? s).join(', ') : '–'}</dd>
              <dt>Verantwoordelijk</dt>
              <dd>
                {r.responsible === null
                  ? 'Afgesloten'
                  : r.responsible === r.side
                    ? 'Uw organisatie (niet loslaten tot het eerste contact)'
                    : r.responsible === 'sender'
                      ? `${r.from?.name} (tot het eerste contact)`
                      : r.to.name}
              </dd>
              <dt>Antwoord uiterlijk</dt>
              <dd>{formatDate(r.answerDueDate)}</dd>
              <dt>Eerste contact uiterlijk</dt>
              <dd>{formatDate(r.firstContactDueDate)}</dd>
              <dt>Signalen</dt>
              <dd>
                <Flags flags={r.flags} labels={codes.data?.flags ?? {}} />
              </dd>
              {r.declineReason && (
                <>
                  <dt>Reden afwijzing</dt>
                  <dd>{r.declineReason}</dd>
                </>
              )}
              {r.closeReason && (
                <>
                  <dt>Reden afsluiten</dt>
                  <dd>{r.closeReason}</dd>
                </>
              )}
            </dl>
            <section aria-labelledby="resident">
              <Heading2 id="resident">Inwoner</Heading2>
              <dl className="vn-details">
                <dt>Naam</dt>
                <dd>{r.resident.name}</dd>
                <dt>Telefoon</dt>
                <dd>{r.resident.phone ?? '–'}</dd>
                <dt>E-mail</dt>
                <dd>{r.resident.email ?? '–'}</dd>
                <dt>Geboortedatum</dt>
                <dd>{formatDate(r.resident.birthDate)}</dd>
                <dt>Adres</dt>
                <dd>{[r.resident.postcode, r.resident.houseNumber].filter(Boolean).join(' ') || '–'}</dd>
                <dt>Wijk</dt>
                <dd>{r.area ?? '–'}</dd>
                {r.intake?.profile && (
                  <>
                    <dt>Uitkomst Geldfit-test of beoordeling</dt>
                    <dd>{r.intake.profile}</dd>
                  </>
                )}
              </dl>
              {(r.intake?.signals ?? []).length > 0 && (
                <>
                  <Heading3>Betalingsachterstanden (vroegsignalering)</Heading3>
                  <table className="utrecht-table">
                    <caption className="vn-caption">Signalen die met toestemming van de inwoner zijn meegegeven</caption>
                    <thead className="utrecht-table__header">
                      <tr className="utrecht-table__row">
                        <th scope="col" className="utrecht-table__header-cell">Soort schuldeiser</th>
                        <th scope="col" className="utrecht-table__header-cell">Bedrag</th>
                        <th scope="col" className="utrecht-table__header-cell">Maanden</th>
                        <th scope="col" className="utrecht-table__header-cell">Achterstand sinds</th>
                        <th scope="col" className="utrecht-table__header-cell">Gemeld op</th>
                      </tr>
                    </thead>
                    <tbody className="utrecht-table__body">
                      {r.intake!.signals.map((f, i) => (
                        <tr key={i} className="utrecht-table__row">
                          <td className="utrecht-table__cell">{f.creditorTypeLabel}</td>
                          <td className="utrecht-table__cell">{(f.amountCents / 100).toLocaleString('nl-NL', { style: 'currency', currency: 'EUR' })}</td>
                          <td className="utrecht-table__cell">{f.months ?? 'onbekend'}</td>
                          <td className="utrecht-table__cell">{f.arisenOn ? formatDate(f.arisenOn) : 'onbekend'}</td>
                          <td className="utrecht-table__cell">{formatDate(f.signalDate)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
              {r.household.length > 0 && (
                <>
                  <Heading3>Huishouden</Heading3>
                  <ul>
                    {r.household.map((m, i) => (
                      <li key={i}>
                        {codes.data?.householdRelations[m.relation] ?? m.relation}: {m.name}
                        {m.birthDate ? `, geboren ${formatDate(m.birthDate)}` : ''}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <Paragraph>
                <Link to={`/medewerkers/verwijzingen/inwoners/${r.personId}`}>Tijdlijn en toestemmingen van deze inwoner</Link>
              </Paragraph>
            </section>
            <section aria-labelledby="next-step">
              <Heading2 id="next-step">Volgende stap</Heading2>
              {r.state === 'declined' && r.side === 'sender' && (
                <Paragraph>
                  <strong>De verwijzing is afgewezen; de inwoner blijft bij u.</strong>{' '}
                  <Link to={`/medewerkers/verwijzingen/nieuw?inwoner=${r.personId}&onderwerp=${r.theme}`}>Verwijs naar een andere organisatie</Link>
                </Paragraph>
              )}
              <ActionForm referral={r} onDone={referral.reload} />
            </section>
            <section aria-labelledby="history">
              <Heading2 id="history">Verloop van deze verwijzing</Heading2>
              {r.shared.includes('progress') ? <EventList events={r.events} /> : <Paragraph>De inwoner deelt het verloop niet met uw organisatie.</Paragraph>}
            </section>
          </>
        )}
      </Loading>
    </StaffShell>
  );
}
