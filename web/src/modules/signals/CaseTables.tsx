import { Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { Link } from 'react-router';
import { formatAmount, formatDate } from '../../format.ts';
import { type CaseDetailData, label } from './caseShared.ts';
import {
  address,
  caseStatusLabels,
  contactKindLabels,
  creditorTypeLabels,
  finalResultLabels,
  helpResponseLabels,
  partOfDayLabels,
  signalStatusLabels,
} from './shared.tsx';

/** The parts of a case that are read, not changed: its facts, signals, contact attempts, history and outcome. */

export function CaseFacts({ c }: { c: CaseDetailData }) {
  return (
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
      <dt>Aanbod verstuurd</dt>
      <dd>
        {formatDate(c.letterSentOn)}
        {c.letterSentOn ? (c.history.some((h) => h.kind === 'offer_mailed') ? ', per e-mail' : ', per brief') : ''}
      </dd>
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
  );
}

export function CaseSignals({ c }: { c: CaseDetailData }) {
  return (
    <>
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
    </>
  );
}

export function CaseContactAttempts({ c }: { c: CaseDetailData }) {
  return (
    <>
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
    </>
  );
}

/** Handovers in the chain approach and reopenings, when there are any. */
export function CaseHistory({ c }: { c: CaseDetailData }) {
  if (c.history.length === 0) return null;
  return (
    <>
      <Heading2>Geschiedenis</Heading2>
      <Table>
        <caption className="vn-caption">Overdrachten in de Ketenaanpak, heropeningen en het aanbod per e-mail, oudste eerst</caption>
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
  );
}

/** The outcome of a closed case. */
export function CaseOutcome({ c }: { c: CaseDetailData }) {
  return (
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
  );
}
