import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, type Problem } from '../../api.ts';
import { Loading, ProblemAlert, useLoad } from '../../components.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import {
  address,
  blobLink,
  caseStatusLabels,
  contactKindLabels,
  contactKinds,
  creditorTypeLabels,
  euro,
  finalResultLabels,
  finalResults,
  formatDate,
  helpResponseLabels,
  helpResponses,
  partOfDayLabels,
  partsOfDay,
  personName,
  rawRequest,
  referralResults,
  signalStatusLabels,
} from './shared.tsx';
import type { CaseRow } from './Queue.tsx';

interface CaseDetailData extends CaseRow {
  phone: string | null;
  email: string | null;
  bsn: string | null;
  letterSentOn: string | null;
  reached: boolean | null;
  helpResponse: string | null;
  result: string | null;
  referralOrganisationName: string | null;
  referralNote: string | null;
  chainReferralId: string | null;
  /** Handovers in the chain and reopenings (a refused handover, a withdrawn consent), oldest first. */
  history: { at: string; kind: 'handed_over' | 'reopened'; text: string; referralId: string | null; previousResult?: string | null }[];
  closedOn: string | null;
  urgent: boolean;
  assignedUserId: string | null;
  signals: { id: string; reference: string; signalDate: string; creditorType: string; creditorName: string; amountCents: number; status: string; isNew: boolean; arisenOn: string | null; crisis: boolean; warmHandover: boolean; threat: 'eviction' | 'cut_off' | 'termination' | null;
    street: string | null; houseNumber: number; houseNumberSuffix: string | null; postcode: string; city: string | null }[];
  contactAttempts: { id: string; kind: string; reached: boolean; date: string; partOfDay: string; note: string | null; userName: string | null }[];
}

const label = <T extends string>(labels: Record<T, string>, value: string | null | undefined) => (value ? (labels[value as T] ?? value) : '–');
const today = () => new Date().toISOString().slice(0, 10);

/** One household's case: its signals, the letter, contact attempts, the outcome and the referral. */
export function SignalCase() {
  const { id = '' } = useParams();
  const data = useLoad(() => api<CaseDetailData>('GET', `/signals/cases/${id}`), [id]);
  const workers = useLoad(() => api<{ id: string; displayName: string }[]>('GET', '/signals/workers'), []);
  const codeLists = useLoad(() => api<{ themes: Record<string, string> }>('GET', '/referrals/code-lists'), []);
  const organisations = useLoad(async () => (await api<{ id: string; name: string; kind: string }[]>('GET', '/organisations')).filter((o) => !['creditor', 'provider'].includes(o.kind)), []);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [assign, setAssign] = useState<{ assignedUserId: string; dueDate: string } | null>(null);
  const [attempt, setAttempt] = useState({ kind: 'phone', reached: 'no', date: today(), partOfDay: 'morning', note: '' });
  const [outcome, setOutcome] = useState({ result: '', helpResponse: '', referralOrganisationId: '', referralNote: '', chainConsent: false, theme: '' });
  const [letterUrl, setLetterUrl] = useState('');

  const c = data.data;
  const assignValue = assign ?? { assignedUserId: c?.assignedUserId ?? '', dueDate: c?.dueDate ?? '' };
  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    setMessage('');
    try {
      await work();
      setMessage(done);
      data.reload();
    } catch (err) {
      setError(err);
    }
  };
  const saveAssignment = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api('PATCH', `/signals/cases/${id}`, { assignedUserId: assignValue.assignedUserId || null, dueDate: assignValue.dueDate || null }), 'De toewijzing is opgeslagen.');
  };
  const saveAttempt = (e: FormEvent) => {
    e.preventDefault();
    void act(
      () => api('POST', `/signals/cases/${id}/contact-attempts`, { kind: attempt.kind, reached: attempt.reached === 'yes', date: attempt.date, partOfDay: attempt.partOfDay, note: attempt.note || null }),
      'De contactpoging is vastgelegd.',
    );
  };
  const saveOutcome = (e: FormEvent) => {
    e.preventDefault();
    void act(
      () =>
        api('POST', `/signals/cases/${id}/outcome`, {
          result: outcome.result,
          helpResponse: outcome.helpResponse || null,
          referralOrganisationId: outcome.referralOrganisationId || null,
          referralNote: outcome.referralNote || null,
          chainConsent: referralResults.includes(outcome.result as (typeof referralResults)[number]) && outcome.chainConsent,
          theme: outcome.chainConsent && outcome.theme ? outcome.theme : null,
        }),
      'De uitkomst is vastgelegd en de zaak is afgesloten.',
    );
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
            {message && (
              <Paragraph role="status" className="vn-success">
                {message}
              </Paragraph>
            )}
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
              <dd>{euro(c.totalCents)}</dd>
              <dt>Status</dt>
              <dd>{label(caseStatusLabels, c.status)}</dd>
              <dt>Brief verstuurd</dt>
              <dd>{formatDate(c.letterSentOn)}</dd>
              <dt>Termijn</dt>
              <dd>{formatDate(c.dueDate)}</dd>
              <dt>Spoed</dt>
              <dd>{c.urgent ? <strong>Ja: crisis, of ontruiming, afsluiting of beëindiging van de zorgverzekering dreigt (eerste contact binnen 3 werkdagen)</strong> : 'Nee'}</dd>
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
                    <TableCell>{euro(s.amountCents)}</TableCell>
                    <TableCell>{s.arisenOn ? formatDate(s.arisenOn) : 'onbekend'}</TableCell>
                    <TableCell>{address({ ...s, houseNumber: String(s.houseNumber) })}</TableCell>
                    <TableCell>{s.crisis ? <strong>Ja, crisis</strong> : 'Nee'}</TableCell>
                    <TableCell>{s.threat === 'eviction' ? <strong>Ontruiming</strong> : s.threat === 'cut_off' ? <strong>Afsluiting</strong> : s.threat === 'termination' ? <strong>Beëindiging zorgverzekering</strong> : 'Geen'}</TableCell>
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
                    {c.chainReferralId ? <Link to={`/medewerkers/verwijzingen/${c.chainReferralId}`}>Overgedragen: bekijk de verwijzing</Link> : 'Niet overgedragen'}
                  </dd>
                  <dt>Afgesloten op</dt>
                  <dd>{formatDate(c.closedOn)}</dd>
                </dl>
              </>
            ) : (
              <>
                <Heading2>Toewijzen</Heading2>
                <form className="vn-form" aria-label="Zaak toewijzen" onSubmit={saveAssignment}>
                  <div className="vn-field">
                    <label htmlFor="c-worker">Medewerker</label>
                    <select id="c-worker" className="utrecht-select" value={assignValue.assignedUserId} onChange={(e) => setAssign({ ...assignValue, assignedUserId: e.target.value })}>
                      <option value="">Niemand</option>
                      {(workers.data ?? []).map((w) => (
                        <option key={w.id} value={w.id}>
                          {w.displayName}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="vn-field">
                    <label htmlFor="c-due">Termijn</label>
                    <input id="c-due" className="utrecht-textbox" type="date" value={assignValue.dueDate} onChange={(e) => setAssign({ ...assignValue, dueDate: e.target.value })} />
                  </div>
                  <Button type="submit" appearance="secondary-action-button">
                    Toewijzing opslaan
                  </Button>
                </form>

                <Heading2>Contactpoging vastleggen</Heading2>
                <form className="vn-form" aria-label="Contactpoging vastleggen" onSubmit={saveAttempt}>
                  <div className="vn-field">
                    <label htmlFor="a-kind">Soort contact</label>
                    <select id="a-kind" className="utrecht-select" value={attempt.kind} onChange={(e) => setAttempt({ ...attempt, kind: e.target.value })}>
                      {contactKinds.map((k) => (
                        <option key={k} value={k}>
                          {contactKindLabels[k]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="vn-field">
                    <label htmlFor="a-reached">Inwoner bereikt?</label>
                    <select id="a-reached" className="utrecht-select" value={attempt.reached} onChange={(e) => setAttempt({ ...attempt, reached: e.target.value })}>
                      <option value="no">Nee</option>
                      <option value="yes">Ja</option>
                    </select>
                  </div>
                  <div className="vn-field">
                    <label htmlFor="a-date">Datum</label>
                    <input id="a-date" className="utrecht-textbox" type="date" required value={attempt.date} onChange={(e) => setAttempt({ ...attempt, date: e.target.value })} />
                  </div>
                  <div className="vn-field">
                    <label htmlFor="a-part">Dagdeel</label>
                    <select id="a-part" className="utrecht-select" value={attempt.partOfDay} onChange={(e) => setAttempt({ ...attempt, partOfDay: e.target.value })}>
                      {partsOfDay.map((p) => (
                        <option key={p} value={p}>
                          {partOfDayLabels[p]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="vn-field">
                    <label htmlFor="a-note">Notitie (optioneel)</label>
                    <textarea id="a-note" className="utrecht-textarea" value={attempt.note} onChange={(e) => setAttempt({ ...attempt, note: e.target.value })} />
                  </div>
                  <Button type="submit" appearance="secondary-action-button">
                    Contactpoging opslaan
                  </Button>
                </form>

                <Heading2>Uitkomst vastleggen</Heading2>
                <form className="vn-form" aria-label="Uitkomst vastleggen" onSubmit={saveOutcome}>
                  <div className="vn-field">
                    <label htmlFor="o-result">Resultaat</label>
                    <select id="o-result" className="utrecht-select" required value={outcome.result} onChange={(e) => setOutcome({ ...outcome, result: e.target.value })}>
                      <option value="">Kies een resultaat</option>
                      {finalResults.map((r) => (
                        <option key={r} value={r}>
                          {finalResultLabels[r]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="vn-field">
                    <label htmlFor="o-response">Reactie op het aanbod van hulp</label>
                    <select id="o-response" className="utrecht-select" value={outcome.helpResponse} onChange={(e) => setOutcome({ ...outcome, helpResponse: e.target.value })}>
                      <option value="">Volgt uit het resultaat</option>
                      {helpResponses.map((r) => (
                        <option key={r} value={r}>
                          {helpResponseLabels[r]}
                        </option>
                      ))}
                    </select>
                  </div>
                  {referralResults.includes(outcome.result as (typeof referralResults)[number]) && (
                    <div className="vn-field">
                      <label htmlFor="o-target">Doorverwezen naar</label>
                      <select id="o-target" className="utrecht-select" required value={outcome.referralOrganisationId} onChange={(e) => setOutcome({ ...outcome, referralOrganisationId: e.target.value })}>
                        <option value="">Kies een organisatie</option>
                        {(organisations.data ?? []).map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.name}
                          </option>
                        ))}
                      </select>
                    </div>
                  )}
                  {referralResults.includes(outcome.result as (typeof referralResults)[number]) && (
                    <div className="vn-option">
                      <input id="o-chain" type="checkbox" checked={outcome.chainConsent} onChange={(e) => setOutcome({ ...outcome, chainConsent: e.target.checked })} />
                      <label htmlFor="o-chain">
                        De inwoner geeft toestemming: draag de vraag over in de Ketenaanpak, zodat deze organisatie contact opneemt
                      </label>
                    </div>
                  )}
                  {referralResults.includes(outcome.result as (typeof referralResults)[number]) && outcome.chainConsent && (
                    <div className="vn-field">
                      <label htmlFor="o-theme">Onderwerp van de hulpvraag</label>
                      <p id="o-theme-hint" className="vn-hint">
                        Met de vraag gaan de signalen mee: soort schuldeiser, bedrag, aantal maanden en sinds wanneer. Niet het BSN en niet het kenmerk of de naam van de schuldeiser.
                      </p>
                      <select
                        id="o-theme"
                        className="utrecht-select"
                        aria-describedby="o-theme-hint"
                        required={outcome.result === 'referral_non_financial'}
                        value={outcome.theme}
                        onChange={(e) => setOutcome({ ...outcome, theme: e.target.value })}
                      >
                        <option value="">{outcome.result === 'referral_non_financial' ? 'Kies een onderwerp' : 'Geld en schulden (standaard)'}</option>
                        {Object.entries(codeLists.data?.themes ?? {}).map(([code, name]) => (
                          <option key={code} value={code}>
                            {name}
                          </option>
                        ))}
                      </select>
                    </div>
                  )}
                  <div className="vn-field">
                    <label htmlFor="o-note">Toelichting (optioneel)</label>
                    <textarea id="o-note" className="utrecht-textarea" value={outcome.referralNote} onChange={(e) => setOutcome({ ...outcome, referralNote: e.target.value })} />
                  </div>
                  <Button type="submit" appearance="primary-action-button">
                    Uitkomst opslaan en zaak afsluiten
                  </Button>
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
