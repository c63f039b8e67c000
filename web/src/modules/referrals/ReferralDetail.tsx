import { profileLabels } from '../../../../src/modules/selftest/contract.ts';
import { Button, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Json } from '../../../../src/platform/contract.ts';
import type { actionResult, referralView, timelineEvent } from '../../../../src/modules/referrals/contract.ts';
import {
  actionDone,
  actionLabels,
  actionPaths,
  consentScopes,
  eventLabels,
  flagLabels,
  householdRelations,
  referralRoutes,
  referralStates,
  type ReferralAction,
} from '../../../../src/modules/referrals/labels.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { formatAmount, formatCount, formatDate, formatDateTime } from '../../format.ts';
import { Done, ErrorSummary, fieldError, type FieldErrors } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { Flags, TextAreaField } from './shared.tsx';

export type TimelineEvent = Json<typeof timelineEvent>;
type ReferralView = Json<typeof referralView>;

const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;

export function EventList({ events }: { events: readonly TimelineEvent[] }) {
  return (
    <ol className="vn-timeline">
      {events.map((e) => (
        <li key={e.id}>
          <strong>{label(eventLabels, e.kind)}</strong>
          {e.organisation && <> · {e.organisation.name}</>}
          {e.user && <> · {e.user}</>} · <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
          {e.note && <Paragraph>{e.note}</Paragraph>}
        </li>
      ))}
    </ol>
  );
}

/** What asking first says for the acts that end a referral. */
const confirmations: Partial<Record<ReferralAction, { title: string; consequence: string; confirmLabel: string }>> = {
  decline: {
    title: 'Verwijzing afwijzen?',
    consequence: 'De verwijzing gaat met uw reden terug naar de verwijzer. U kunt dit niet ongedaan maken.',
    confirmLabel: 'Ja, wijs de verwijzing af',
  },
  close: {
    title: 'Verwijzing afsluiten?',
    consequence: 'De verwijzing wordt afgesloten en verdwijnt van de werklijst. U kunt dit niet ongedaan maken.',
    confirmLabel: 'Ja, sluit de verwijzing af',
  },
};

const fields = { reason: { id: 'action-text', label: 'Toelichting of reden' }, note: { id: 'action-text', label: 'Toelichting of reden' } };

function ActionForm({ referral }: { referral: ReferralView }) {
  const [text, setText] = useState('');
  const [local, setLocal] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const act = useApiMutation<{ action: ReferralAction; reason?: string; note?: string | null }, Json<typeof actionResult>>(
    'POST',
    (b) => `/referrals/${referral.id}/${actionPaths[b.action]}`,
    {
      invalidates: ['/referrals'],
      onSuccess: (_, b) => {
        setText('');
        setDone(actionDone[b.action]);
      },
    },
  );
  const needsReason = referral.actions.some((a) => a.reasonRequired);
  const run = async (action: ReferralAction, reasonRequired: boolean) => {
    setDone(null);
    setLocal({});
    act.reset();
    await act.mutateAsync(reasonRequired ? { action, reason: text } : { action, note: text || null }).catch(() => undefined);
  };
  if (!referral.actions.length) return <Paragraph>Er zijn nu geen stappen voor uw organisatie.</Paragraph>;
  const error = fieldError('reason', act.error, local) ?? fieldError('note', act.error, local);
  return (
    <form className="vn-form" aria-labelledby="next-step" noValidate onSubmit={(e: FormEvent) => e.preventDefault()}>
      <ErrorSummary error={act.error} local={local} fields={fields} />
      <Done>{done}</Done>
      {referral.route === 'early_signal' &&
        referral.actions.some((a) => a.action === 'decline' || a.action === 'close') &&
        ['sent', 'accepted'].includes(referral.state) && (
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
        error={error}
      />
      <div className="vn-buttons" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
        {referral.actions.map((a) => {
          const confirm = confirmations[a.action];
          const appearance = a.action === 'decline' || a.action === 'close' ? 'secondary-action-button' : 'primary-action-button';
          // Without the reason it needs, the step says so next to the field before asking anything.
          if (a.reasonRequired && !text.trim()) {
            return (
              <Button
                key={a.action}
                type="button"
                appearance={appearance}
                onClick={() => {
                  setDone(null);
                  act.reset();
                  setLocal({ reason: 'Geef een reden op.' });
                }}
              >
                {actionLabels[a.action]}
              </Button>
            );
          }
          if (confirm) {
            return (
              <ConfirmButton
                key={a.action}
                label={actionLabels[a.action]}
                appearance={appearance}
                disabled={act.isPending}
                {...confirm}
                onConfirm={() => run(a.action, a.reasonRequired)}
              />
            );
          }
          return (
            <Button key={a.action} type="button" disabled={act.isPending} appearance={appearance} onClick={() => run(a.action, a.reasonRequired)}>
              {actionLabels[a.action]}
            </Button>
          );
        })}
      </div>
    </form>
  );
}

export function ReferralDetail() {
  const { id } = useParams();
  const referral = useApi<ReferralView>(`/referrals/${id}`);
  const r = referral.data;
  return (
    <StaffShell>
      <Heading1>Verwijzing{r ? `: ${r.resident.name}` : ''}</Heading1>
      <Paragraph>
        <Link to="/medewerkers/verwijzingen">Terug naar de werklijst</Link>
      </Paragraph>
      <ProblemAlert error={referral.error} />
      <Loading loading={referral.loading}>
        {r && (
          <>
            <dl className="vn-details">
              <dt>Status</dt>
              <dd data-testid="referral-state">{referralStates[r.state]}</dd>
              <dt>Onderwerp</dt>
              <dd>{r.themeLabel}</dd>
              <dt>Van</dt>
              <dd>{r.from?.name ?? label(referralRoutes, r.route)}</dd>
              <dt>Naar</dt>
              <dd>{r.to.name}</dd>
              <dt>Route</dt>
              <dd>{label(referralRoutes, r.route)}</dd>
              <dt>Vraag</dt>
              <dd>{r.question ?? 'De inwoner deelt de vraag niet met uw organisatie.'}</dd>
              <dt>De inwoner deelt met uw organisatie</dt>
              <dd>{r.shared.length ? r.shared.map((s) => consentScopes[s]).join(', ') : '–'}</dd>
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
                <Flags flags={r.flags} labels={flagLabels} />
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
                    <dd>{profileLabels[r.intake.profile as keyof typeof profileLabels]?.nl ?? 'Andere uitkomst'}</dd>
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
                        <th scope="col" className="utrecht-table__header-cell">
                          Soort schuldeiser
                        </th>
                        <th scope="col" className="utrecht-table__header-cell">
                          Bedrag
                        </th>
                        <th scope="col" className="utrecht-table__header-cell">
                          Maanden
                        </th>
                        <th scope="col" className="utrecht-table__header-cell">
                          Achterstand sinds
                        </th>
                        <th scope="col" className="utrecht-table__header-cell">
                          Gemeld op
                        </th>
                      </tr>
                    </thead>
                    <tbody className="utrecht-table__body">
                      {r.intake!.signals.map((f, i) => (
                        <tr key={i} className="utrecht-table__row">
                          <td className="utrecht-table__cell">{f.creditorTypeLabel}</td>
                          <td className="utrecht-table__cell">{formatAmount(f.amountCents)}</td>
                          <td className="utrecht-table__cell">{f.months === null ? 'onbekend' : formatCount(f.months)}</td>
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
                        {label(householdRelations, m.relation)}: {m.name}
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
              <ActionForm referral={r} />
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
