import { Button, Heading1, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { query } from '../../api.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { formatCount, formatPercent } from '../../format.ts';
import { useApi } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { monitorRow } from '../../../../src/modules/signals/contract.ts';
import { municipalityName } from '../../../../src/platform/municipalities.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { creditorTypeLabels, finalResultLabels } from './shared.tsx';

type MonitorRow = Json<typeof monitorRow>;

function defaultPeriod(): string {
  const now = new Date();
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

const periodFields: FieldMap = { period: { id: 'm-period', label: 'Periode' } };
const periodPattern = /^\d{4}(-Q[1-4]|-\d{2})?$/i;

const pct = (v: number | null) => formatPercent(v);
const days = (v: number | null) => (v === null ? '–' : `${formatCount(v)} ${v === 1 ? 'dag' : 'dagen'}`);

/** Monitor vroegsignalering: figures per municipality and creditor type, and the CSV for the national monitor. */
export function SignalMonitor() {
  const [period, setPeriod] = useState(defaultPeriod());
  const valid = periodPattern.test(period.trim());
  // A valid period shows its figures at once; what is wrong is said when the user asks for the figures ("Bekijken").
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const check = (e: FormEvent) => {
    e.preventDefault();
    setLocalErrors(valid ? {} : { period: 'Schrijf de periode als 2025-Q1 (kwartaal), 2025-03 (maand) of 2025 (jaar).' });
  };
  const rows = useApi<MonitorRow[]>(valid ? `/signals/monitor${query({ period: period.trim() })}` : null);
  return (
    <StaffShell>
      <Heading1>Monitor vroegsignalering</Heading1>
      <Paragraph>
        Aantallen per gemeente en soort schuldeiser. Bereikt is het deel van de huishoudens met een brief; aangenomen is het deel van de bereikte huishoudens.
        De rij "Alle soorten samen" telt elk huishouden één keer, ook als het bij meer schuldeisers een achterstand heeft. De doorlooptijden zijn medianen in
        dagen: van het eerste signaal tot de brief, van de brief tot de eerste contactpoging, en van die poging tot het eerste echte contact.
      </Paragraph>
      <form className="vn-filters" aria-label="Periode kiezen" onSubmit={check} noValidate>
        <ErrorSummary local={localErrors} fields={periodFields} />
        <TextInput
          id="m-period"
          label="Periode"
          description="Bijvoorbeeld 2025-Q1 (kwartaal), 2025-03 (maand) of 2025 (jaar)."
          value={period}
          maxLength={7}
          error={fieldError('period', rows.error, localErrors)}
          onChange={(value) => {
            setPeriod(value);
            if (periodPattern.test(value.trim())) setLocalErrors({});
          }}
        />
        <Button type="submit" appearance="secondary-action-button">
          Bekijken
        </Button>
      </form>
      {valid && (
        <Paragraph>
          <a href={`/api/v1/signals/monitor${query({ period: period.trim(), format: 'csv' })}`} download>
            Download als CSV (landelijke monitor)
          </a>
        </Paragraph>
      )}
      <ProblemAlert error={rows.error} />
      <Loading loading={rows.loading}>
        {rows.data?.length ? (
          <Table>
            <caption className="vn-caption">Monitor over {period}</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Gemeente</TableHeaderCell>
                <TableHeaderCell scope="col">Soort schuldeiser</TableHeaderCell>
                <TableHeaderCell scope="col">Signalen</TableHeaderCell>
                <TableHeaderCell scope="col">Huishoudens</TableHeaderCell>
                <TableHeaderCell scope="col">Brieven</TableHeaderCell>
                <TableHeaderCell scope="col">Bereikt</TableHeaderCell>
                <TableHeaderCell scope="col">Hulp aangenomen</TableHeaderCell>
                <TableHeaderCell scope="col">Signaal tot brief</TableHeaderCell>
                <TableHeaderCell scope="col">Brief tot eerste poging</TableHeaderCell>
                <TableHeaderCell scope="col">Poging tot contact</TableHeaderCell>
                <TableHeaderCell scope="col">Geen inwoner</TableHeaderCell>
                <TableHeaderCell scope="col">Uitkomsten</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.data.map((r) => (
                <TableRow key={`${r.municipalityCode}-${r.creditorType}`}>
                  <TableCell>{municipalityName(r.municipalityCode)}</TableCell>
                  <TableCell>
                    {r.creditorType === 'all' ? (
                      <strong>Alle soorten samen</strong>
                    ) : (
                      (creditorTypeLabels[r.creditorType as keyof typeof creditorTypeLabels] ?? r.creditorType)
                    )}
                  </TableCell>
                  <TableCell>{r.signals}</TableCell>
                  <TableCell>{r.households}</TableCell>
                  <TableCell>{r.lettersSent}</TableCell>
                  <TableCell>
                    {r.reached} ({pct(r.reachedPct)})
                  </TableCell>
                  <TableCell>
                    {r.accepted} ({pct(r.acceptedPct)})
                  </TableCell>
                  <TableCell>{days(r.medianDays.toLetter)}</TableCell>
                  <TableCell>{days(r.medianDays.toFirstAttempt)}</TableCell>
                  <TableCell>{days(r.medianDays.toContact)}</TableCell>
                  <TableCell>{r.notResident}</TableCell>
                  <TableCell>
                    {Object.entries(r.outcomes)
                      .map(([k, n]) => `${finalResultLabels[k as keyof typeof finalResultLabels] ?? k}: ${n}`)
                      .join('; ') || '–'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Paragraph>{valid ? 'Geen signalen in deze periode.' : 'Vul een geldige periode in.'}</Paragraph>
        )}
      </Loading>
    </StaffShell>
  );
}
