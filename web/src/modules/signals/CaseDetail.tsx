import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, type Problem } from '../../api.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, Field, fieldError, type FieldMap } from '../../forms.tsx';
import { formatAmount, formatDate } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { caseAssigned, caseClosed, caseDetail, contactAttemptRecorded, workerList } from '../../../../src/modules/signals/contract.ts';
import {
  address,
  blobLink,
  caseStatusLabels,
  contactKindLabels,
  contactKinds,
  creditorTypeLabels,
  finalResultLabels,
  finalResults,
  helpResponseLabels,
  helpResponses,
  partOfDayLabels,
  partsOfDay,
  personName,
  rawRequest,
  referralResults,
  signalStatusLabels,
} from './shared.tsx';

type CaseDetailData = Json<typeof caseDetail>;

const label = <T extends string>(labels: Record<T, string>, value: string | null | undefined) => (value ? (labels[value as T] ?? value) : '–');
const today = () => new Date().toISOString().slice(0, 10);

const assignFields: FieldMap = { assignedUserId: { id: 'c-worker', label: 'Medewerker' }, dueDate: { id: 'c-due', label: 'Termijn' } };
const attemptFields: FieldMap = {
  kind: { id: 'a-kind', label: 'Soort contact' },
  reached: { id: 'a-reached', label: 'Inwoner bereikt?' },
  date: { id: 'a-date', label: 'Datum' },
  partOfDay: { id: 'a-part', label: 'Dagdeel' },
  note: { id: 'a-note', label: 'Notitie' },
};
const outcomeFields: FieldMap = {
  result: { id: 'o-result', label: 'Resultaat' },
  helpResponse: { id: 'o-response', label: 'Reactie op het aanbod van hulp' },
  referralOrganisationId: { id: 'o-target', label: 'Doorverwezen naar' },
  chainConsent: { id: 'o-chain', label: 'Toestemming voor de Ketenaanpak' },
  theme: { id: 'o-theme', label: 'Onderwerp van de hulpvraag' },
  referralNote: { id: 'o-note', label: 'Toelichting' },
};

/** One household's case: its signals, the letter, contact attempts, the outcome and the referral. */
export function SignalCase() {
  const { id = '' } = useParams();
  const data = useApi<CaseDetailData>(`/signals/cases/${id}`);
  const workers = useApi<Json<typeof workerList>>('/signals/workers');
  const codeLists = useApi<{ themes: Record<string, string> }>('/referrals/code-lists');
  const organisationList = useApi<{ id: string; name: string; kind: string }[]>('/organisations');
  const organisations = (organisationList.data ?? []).filter((o) => !['creditor', 'provider'].includes(o.kind));
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [assign, setAssign] = useState<{ assignedUserId: string; dueDate: string } | null>(null);
  const [attempt, setAttempt] = useState({ kind: 'phone', reached: 'no', date: today(), partOfDay: 'morning', note: '' });
  const [outcome, setOutcome] = useState({ result: '', helpResponse: '', referralOrganisationId: '', referralNote: '', chainConsent: false, theme: '' });
  const [outcomeLocal, setOutcomeLocal] = useState<Record<string, string>>({});
  const [letterUrl, setLetterUrl] = useState('');

  const touched = ['/signals/cases'];
  const assignment = useApiMutation<{ assignedUserId: string | null; dueDate: string | null }, Json<typeof caseAssigned>>('PATCH', `/signals/cases/${id}`, {
    invalidates: touched,
    onSuccess: () => (setAssign(null), setMessage('De toewijzing is opgeslagen.')),
  });
  const contact = useApiMutation<Record<string, unknown>, Json<typeof contactAttemptRecorded>>('POST', `/signals/cases/${id}/contact-attempts`, {
    invalidates: touched,
    onSuccess: () => (
      setAttempt({ kind: 'phone', reached: 'no', date: today(), partOfDay: 'morning', note: '' }), setMessage('De contactpoging is vastgelegd.')
    ),
  });
  const close = useApiMutation<Record<string, unknown>, Json<typeof caseClosed>>('POST', `/signals/cases/${id}/outcome`, {
    invalidates: touched,
    onSuccess: () => setMessage('De uitkomst is vastgelegd en de zaak is afgesloten.'),
  });

  const c = data.data;
  const isReferral = referralResults.includes(outcome.result as (typeof referralResults)[number]);
  const assignValue = assign ?? { assignedUserId: c?.assignedUserId ?? '', dueDate: c?.dueDate ?? '' };
  const start = () => {
    setMessage('');
    setError(null);
  };
  const saveAssignment = (e: FormEvent) => {
    e.preventDefault();
    start();
    assignment.mutate({ assignedUserId: assignValue.assignedUserId || null, dueDate: assignValue.dueDate || null });
  };
  const saveAttempt = (e: FormEvent) => {
    e.preventDefault();
    start();
    contact.mutate({ kind: attempt.kind, reached: attempt.reached === 'yes', date: attempt.date, partOfDay: attempt.partOfDay, note: attempt.note || null });
  };
  /** What the outcome form misses before the question is asked: a result, and for a referral its organisation. */
  const checkOutcome = (): Record<string, string> => {
    const local: Record<string, string> = {};
    if (!outcome.result) local.result = 'Kies een resultaat.';
    if (isReferral && !outcome.referralOrganisationId) local.referralOrganisationId = 'Kies naar welke organisatie u heeft doorverwezen.';
    if (isReferral && outcome.chainConsent && outcome.result === 'referral_non_financial' && !outcome.theme)
      local.theme = 'Kies het onderwerp van de hulpvraag.';
    return local;
  };
  const saveOutcome = async () => {
    start();
    const local = checkOutcome();
    setOutcomeLocal(local);
    if (Object.keys(local).length) return;
    await close
      .mutateAsync({
        result: outcome.result,
        helpResponse: outcome.helpResponse || null,
        referralOrganisationId: outcome.referralOrganisationId || null,
        referralNote: outcome.referralNote || null,
        chainConsent: isReferral && outcome.chainConsent,
        theme: outcome.chainConsent && outcome.theme ? outcome.theme : null,
      })
      .catch(() => undefined);
  };
  const reprint = async () => {
    setError(null);
    try {
      const response = await rawRequest('GET', `/signals/cases/${id}/letter`);
      if (!response.ok) throw new ApiError((await response.json()) as Problem);
      setLetterUrl(blobLink(await response.blob()));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <StaffShell>
      <Loading loading={data.loading && !c}>
        {c ? (
          <>
            <Heading1>Zaak {personName(c)}</Heading1>
            <ProblemAlert error={error} />
            <Done>{message}</Done>
            {c.status !== 'closed' && c.history.at(-1)?.kind === 'reopened' && (
              <Paragraph className="vn-reopened">
                <strong>Terug in de wachtrij:</strong> {c.history.at(-1)!.text}
              </Paragraph>
            )}
            <dl className="vn-signal-details">
              <dt>Adres</dt>
              <dd>{address(c)}</dd>
              <dt>Wijk</dt>
              <dd>{c.areaName}</dd>
              <dt>Telefoon</dt>
              <dd>{c.phone ?? '–'}</dd>
              <dt>E-mail</dt>
              <dd>{c.email ?? '–'}</dd>
              <dt>Totale achterstand</dt>
              <dd>{formatAmount(c.totalCents)}</dd>
              <dt>Status</dt>
              <dd>{label(caseStatusLabels, c.status)}</dd>
              <dt>Brief verstuurd</dt>
              <dd>{formatDate(c.letterSentOn)}</dd>
              <dt>Termijn</dt>
              <dd>{formatDate(c.dueDate)}</dd>
              <dt>Spoed</dt>
              <dd>
                {c.urgent ? (
                  <strong>Ja: crisis, of ontruiming, afsluiting of beëindiging van de zorgverzekering dreigt (eerste contact binnen 3 werkdagen)</strong>
                ) : (
                  'Nee'
                )}
              </dd>
            </dl>
            {c.letterSentOn && (
              <Paragraph>
                <Button type="button" appearance="secondary-action-button" onClick={reprint}>
                  Brief opnieuw afdrukken
                </Button>{' '}
                {letterUrl && (
                  <a href={letterUrl} download="brief.pdf">
                    Download de brief (PDF)
                  </a>
                )}
              </Paragraph>
            )}

            <Heading2>Signalen</Heading2>
            <Table>
              <caption className="vn-caption">Signalen van schuldeisers voor dit huishouden</caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Datum</TableHeaderCell>
                  <TableHeaderCell scope="col">Schuldeiser</TableHeaderCell>
                  <TableHeaderCell scope="col">Soort</TableHeaderCell>
                  <TableHeaderCell scope="col">Bedrag</TableHeaderCell>
                  <TableHeaderCell scope="col">Achterstand sinds</TableHeaderCell>
                  <TableHeaderCell scope="col">Adres in het signaal</TableHeaderCell>
                  <TableHeaderCell scope="col">Crisissignaal</TableHeaderCell>
                  <TableHeaderCell scope="col">Dreiging</TableHeaderCell>
                  <TableHeaderCell scope="col">Warme overdracht</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {c.signals.map((s) => (
                  <TableRow key={s.id}>
                    <TableCell>
                      {formatDate(s.signalDate)}
                      {s.isNew ? ' (nieuw na de brief)' : ''}
                    </TableCell>
                    <TableCell>{s.creditorName}</TableCell>
                    <TableCell>{label(creditorTypeLabels, s.creditorType)}</TableCell>
                    <TableCell>{formatAmount(s.amountCents)}</TableCell>
                    <TableCell>{s.arisenOn ? formatDate(s.arisenOn) : 'onbekend'}</TableCell>
                    <TableCell>{address({ ...s, houseNumber: String(s.houseNumber) })}</TableCell>
                    <TableCell>{s.crisis ? <strong>Ja, crisis</strong> : 'Nee'}</TableCell>
                    <TableCell>
                      {s.threat === 'eviction' ? (
                        <strong>Ontruiming</strong>
                      ) : s.threat === 'cut_off' ? (
                        <strong>Afsluiting</strong>
                      ) : s.threat === 'termination' ? (
                        <strong>Beëindiging zorgverzekering</strong>
                      ) : (
                        'Geen'
                      )}
                    </TableCell>
                    <TableCell>{s.warmHandover ? 'Ja, schuldeiser heeft al contact' : 'Nee'}</TableCell>
                    <TableCell>{label(signalStatusLabels, s.status)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>

            <Heading2>Contactpogingen</Heading2>
            {c.contactAttempts.length ? (
              <Table>
                <caption className="vn-caption">Contactpogingen, nieuwste eerst</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Datum</TableHeaderCell>
                    <TableHeaderCell scope="col">Dagdeel</TableHeaderCell>
                    <TableHeaderCell scope="col">Soort</TableHeaderCell>
                    <TableHeaderCell scope="col">Bereikt</TableHeaderCell>
                    <TableHeaderCell scope="col">Notitie</TableHeaderCell>
                    <TableHeaderCell scope="col">Medewerker</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {c.contactAttempts.map((a) => (
                    <TableRow key={a.id}>
                      <TableCell>{formatDate(a.date)}</TableCell>
                      <TableCell>{label(partOfDayLabels, a.partOfDay)}</TableCell>
                      <TableCell>{label(contactKindLabels, a.kind)}</TableCell>
                      <TableCell>{a.reached ? 'Ja' : 'Nee'}</TableCell>
                      <TableCell>{a.note ?? '–'}</TableCell>
                      <TableCell>{a.userName ?? '–'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : (
              <Paragraph>Nog geen contactpogingen.</Paragraph>
            )}

            {c.history.length > 0 && (
              <>
                <Heading2>Geschiedenis</Heading2>
                <Table>
                  <caption className="vn-caption">Overdrachten in de Ketenaanpak en heropeningen, oudste eerst</caption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">Datum</TableHeaderCell>
                      <TableHeaderCell scope="col">Wat</TableHeaderCell>
                      <TableHeaderCell scope="col">Eerdere uitkomst</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {c.history.map((h, i) => (
                      <TableRow key={`${h.at}-${i}`}>
                        <TableCell>{formatDate(h.at.slice(0, 10))}</TableCell>
                        <TableCell>
                          {h.kind === 'reopened' ? 'Heropend: ' : ''}
                          {h.text}
                          {h.referralId && (
                            <>
                              {' '}
                              <Link to={`/medewerkers/verwijzingen/${h.referralId}`}>Bekijk de verwijzing</Link>
                            </>
                          )}
                        </TableCell>
                        <TableCell>{h.kind === 'reopened' ? label(finalResultLabels, h.previousResult) : '–'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </>
            )}

            {c.status === 'closed' ? (
              <>
                <Heading2>Uitkomst</Heading2>
                <dl className="vn-signal-details">
                  <dt>Resultaat</dt>
                  <dd>{label(finalResultLabels, c.result)}</dd>
                  <dt>Reactie op het aanbod</dt>
                  <dd>{label(helpResponseLabels, c.helpResponse)}</dd>
                  <dt>Doorverwezen naar</dt>
                  <dd>{c.referralOrganisationName ?? '–'}</dd>
                  <dt>Ketenaanpak</dt>
                  <dd>
                    {c.chainReferralId ? (
                      <Link to={`/medewerkers/verwijzingen/${c.chainReferralId}`}>Overgedragen: bekijk de verwijzing</Link>
                    ) : (
                      'Niet overgedragen'
                    )}
                  </dd>
                  <dt>Afgesloten op</dt>
                  <dd>{formatDate(c.closedOn)}</dd>
                </dl>
              </>
            ) : (
              <>
                <Heading2>Toewijzen</Heading2>
                <form className="vn-form" aria-label="Zaak toewijzen" onSubmit={saveAssignment} noValidate>
                  <ErrorSummary error={assignment.error} fields={assignFields} />
                  <Field id="c-worker" label="Medewerker" error={fieldError('assignedUserId', assignment.error)}>
                    {(aria) => (
                      <select
                        {...aria}
                        className="utrecht-select"
                        value={assignValue.assignedUserId}
                        onChange={(e) => setAssign({ ...assignValue, assignedUserId: e.target.value })}
                      >
                        <option value="">Niemand</option>
                        {(workers.data ?? []).map((w) => (
                          <option key={w.id} value={w.id}>
                            {w.displayName}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field id="c-due" label="Termijn" description="De dag waarop u uiterlijk contact zoekt." error={fieldError('dueDate', assignment.error)}>
                    {(aria) => (
                      <input
                        {...aria}
                        className="utrecht-textbox"
                        type="date"
                        value={assignValue.dueDate}
                        onChange={(e) => setAssign({ ...assignValue, dueDate: e.target.value })}
                      />
                    )}
                  </Field>
                  <Button type="submit" appearance="secondary-action-button" disabled={assignment.isPending}>
                    Toewijzing opslaan
                  </Button>
                </form>

                <Heading2>Contactpoging vastleggen</Heading2>
                <form className="vn-form" aria-label="Contactpoging vastleggen" onSubmit={saveAttempt} noValidate>
                  <ErrorSummary error={contact.error} fields={attemptFields} />
                  <Field id="a-kind" label="Soort contact" error={fieldError('kind', contact.error)}>
                    {(aria) => (
                      <select {...aria} className="utrecht-select" value={attempt.kind} onChange={(e) => setAttempt({ ...attempt, kind: e.target.value })}>
                        {contactKinds.map((k) => (
                          <option key={k} value={k}>
                            {contactKindLabels[k]}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field id="a-reached" label="Inwoner bereikt?" error={fieldError('reached', contact.error)}>
                    {(aria) => (
                      <select
                        {...aria}
                        className="utrecht-select"
                        value={attempt.reached}
                        onChange={(e) => setAttempt({ ...attempt, reached: e.target.value })}
                      >
                        <option value="no">Nee</option>
                        <option value="yes">Ja</option>
                      </select>
                    )}
                  </Field>
                  <Field id="a-date" label="Datum" error={fieldError('date', contact.error)}>
                    {(aria) => (
                      <input
                        {...aria}
                        className="utrecht-textbox"
                        type="date"
                        value={attempt.date}
                        onChange={(e) => setAttempt({ ...attempt, date: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field id="a-part" label="Dagdeel" error={fieldError('partOfDay', contact.error)}>
                    {(aria) => (
                      <select
                        {...aria}
                        className="utrecht-select"
                        value={attempt.partOfDay}
                        onChange={(e) => setAttempt({ ...attempt, partOfDay: e.target.value })}
                      >
                        {partsOfDay.map((p) => (
                          <option key={p} value={p}>
                            {partOfDayLabels[p]}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field id="a-note" label="Notitie (optioneel)" error={fieldError('note', contact.error)}>
                    {(aria) => (
                      <textarea
                        {...aria}
                        className="utrecht-textarea"
                        value={attempt.note}
                        onChange={(e) => setAttempt({ ...attempt, note: e.target.value })}
                      />
                    )}
                  </Field>
                  <Button type="submit" appearance="secondary-action-button" disabled={contact.isPending}>
                    Contactpoging opslaan
                  </Button>
                </form>

                <Heading2>Uitkomst vastleggen</Heading2>
                <form id="outcome-form" className="vn-form" aria-label="Uitkomst vastleggen" onSubmit={(e) => e.preventDefault()} noValidate>
                  <ErrorSummary error={close.error} local={outcomeLocal} fields={outcomeFields} />
                  <Field id="o-result" label="Resultaat" error={fieldError('result', close.error, outcomeLocal)}>
                    {(aria) => (
                      <select {...aria} className="utrecht-select" value={outcome.result} onChange={(e) => setOutcome({ ...outcome, result: e.target.value })}>
                        <option value="">Kies een resultaat</option>
                        {finalResults.map((r) => (
                          <option key={r} value={r}>
                            {finalResultLabels[r]}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field id="o-response" label="Reactie op het aanbod van hulp" error={fieldError('helpResponse', close.error, outcomeLocal)}>
                    {(aria) => (
                      <select
                        {...aria}
                        className="utrecht-select"
                        value={outcome.helpResponse}
                        onChange={(e) => setOutcome({ ...outcome, helpResponse: e.target.value })}
                      >
                        <option value="">Volgt uit het resultaat</option>
                        {helpResponses.map((r) => (
                          <option key={r} value={r}>
                            {helpResponseLabels[r]}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  {isReferral && (
                    <Field id="o-target" label="Doorverwezen naar" error={fieldError('referralOrganisationId', close.error, outcomeLocal)}>
                      {(aria) => (
                        <select
                          {...aria}
                          className="utrecht-select"
                          value={outcome.referralOrganisationId}
                          onChange={(e) => setOutcome({ ...outcome, referralOrganisationId: e.target.value })}
                        >
                          <option value="">Kies een organisatie</option>
                          {organisations.map((o) => (
                            <option key={o.id} value={o.id}>
                              {o.name}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  )}
                  {isReferral && (
                    <div className="vn-option">
                      <input
                        id="o-chain"
                        type="checkbox"
                        checked={outcome.chainConsent}
                        onChange={(e) => setOutcome({ ...outcome, chainConsent: e.target.checked })}
                      />
                      <label htmlFor="o-chain">
                        De inwoner geeft toestemming: draag de vraag over in de Ketenaanpak, zodat deze organisatie contact opneemt
                      </label>
                      {fieldError('chainConsent', close.error) && (
                        <Paragraph className="utrecht-form-field-error-message vn-field-error">{fieldError('chainConsent', close.error)}</Paragraph>
                      )}
                    </div>
                  )}
                  {isReferral && outcome.chainConsent && (
                    <Field
                      id="o-theme"
                      label="Onderwerp van de hulpvraag"
                      description="Met de vraag gaan de signalen mee: soort schuldeiser, bedrag, aantal maanden en sinds wanneer. Niet het BSN en niet het kenmerk of de naam van de schuldeiser."
                      error={fieldError('theme', close.error, outcomeLocal)}
                    >
                      {(aria) => (
                        <select {...aria} className="utrecht-select" value={outcome.theme} onChange={(e) => setOutcome({ ...outcome, theme: e.target.value })}>
                          <option value="">{outcome.result === 'referral_non_financial' ? 'Kies een onderwerp' : 'Geld en schulden (standaard)'}</option>
                          {Object.entries(codeLists.data?.themes ?? {}).map(([code, name]) => (
                            <option key={code} value={code}>
                              {name}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  )}
                  <Field id="o-note" label="Toelichting (optioneel)" error={fieldError('referralNote', close.error, outcomeLocal)}>
                    {(aria) => (
                      <textarea
                        {...aria}
                        className="utrecht-textarea"
                        value={outcome.referralNote}
                        onChange={(e) => setOutcome({ ...outcome, referralNote: e.target.value })}
                      />
                    )}
                  </Field>
                  <ConfirmButton
                    label="Uitkomst opslaan en zaak afsluiten"
                    title="Zaak afsluiten?"
                    consequence={
                      outcome.result
                        ? `U legt vast: "${label(finalResultLabels, outcome.result)}". De zaak wordt afgesloten en verdwijnt uit de werkvoorraad.${isReferral && outcome.chainConsent ? ' De vraag gaat met toestemming van de inwoner naar de gekozen organisatie.' : ''}`
                        : 'De zaak wordt afgesloten en verdwijnt uit de werkvoorraad.'
                    }
                    confirmLabel="Ja, sluit de zaak"
                    disabled={close.isPending}
                    beforeOpen={() => {
                      const local = checkOutcome();
                      setOutcomeLocal(local);
                      return Object.keys(local).length === 0;
                    }}
                    onConfirm={saveOutcome}
                  />
                </form>
              </>
            )}
          </>
        ) : (
          <>
            <Heading1>Zaak</Heading1>
            <ProblemAlert error={data.error} />
          </>
        )}
      </Loading>
    </StaffShell>
  );
}
