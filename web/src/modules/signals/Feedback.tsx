import { Button, Heading1, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { query } from '../../api.ts';
import { Loading } from '../../components.tsx';
import { ErrorSummary, Field, fieldError, TextInput, type FieldMap } from '../../forms.tsx';
import { formatCount } from '../../format.ts';
import { useApi } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { feedbackPage } from '../../../../src/modules/signals/contract.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { creditorFeedbackLabels, creditorFeedbacks, creditorTypeLabels, euro, formatDate } from './shared.tsx';

const pageSize = 100;
const filterFields: FieldMap = { reference: { id: 'f-reference', label: 'Uw referentie' }, feedback: { id: 'f-feedback', label: 'Terugkoppeling' } };

/** A creditor sees, per signal it sent, what the municipality may tell it back (DDAS); nothing about the household. */
export function SignalFeedback() {
  const [reference, setReference] = useState('');
  const [feedback, setFeedback] = useState('');
  const [offset, setOffset] = useState(0);
  const rows = useApi<Json<typeof feedbackPage>>(
    `/signals/feedback${query({ reference: reference.trim() || undefined, feedback: feedback || undefined, limit: pageSize, offset })}`,
  );
  return (
    <StaffShell>
      <Heading1>Terugkoppeling op signalen</Heading1>
      <Paragraph>
        Per signaal dat u stuurde ziet u wat de gemeente ermee deed, zoals de wet dat toestaat. Is een signaal om een andere reden niet opgepakt, dan ziet u
        alleen &quot;Niet opgepakt&quot;. Over het huishouden en andere schuldeisers krijgt u niets te zien.
      </Paragraph>
      <form className="vn-filters" aria-label="Signalen zoeken" onSubmit={(e) => e.preventDefault()}>
        <ErrorSummary error={rows.error} fields={filterFields} />
        <TextInput
          id="f-reference"
          label="Uw referentie"
          error={fieldError('reference', rows.error)}
          value={reference}
          onChange={(v) => {
            setReference(v);
            setOffset(0);
          }}
        />
        <Field id="f-feedback" label="Terugkoppeling" error={fieldError('feedback', rows.error)}>
          {(aria) => (
            <select
              {...aria}
              className="utrecht-select"
              value={feedback}
              onChange={(e) => {
                setFeedback(e.target.value);
                setOffset(0);
              }}
            >
              <option value="">Alle</option>
              {creditorFeedbacks.map((f) => (
                <option key={f} value={f}>
                  {creditorFeedbackLabels[f]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <Loading loading={rows.loading}>
        {rows.data?.items.length ? (
          <>
            <Table>
              <caption className="vn-caption">
                {formatCount(rows.data.total)} signalen
                {rows.data.total > pageSize ? `, ${offset + 1} tot en met ${Math.min(offset + pageSize, rows.data.total)}` : ''}
              </caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Referentie</TableHeaderCell>
                  <TableHeaderCell scope="col">Signaaldatum</TableHeaderCell>
                  <TableHeaderCell scope="col">Soort</TableHeaderCell>
                  <TableHeaderCell scope="col">Bedrag</TableHeaderCell>
                  <TableHeaderCell scope="col">Terugkoppeling</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.data.items.map((r) => (
                  <TableRow key={`${r.creditorName}-${r.reference}`}>
                    <TableCell>{r.reference}</TableCell>
                    <TableCell>{formatDate(r.signalDate)}</TableCell>
                    <TableCell>{creditorTypeLabels[r.creditorType as keyof typeof creditorTypeLabels] ?? r.creditorType}</TableCell>
                    <TableCell>{euro(r.amountCents)}</TableCell>
                    <TableCell>{r.feedbackLabel}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Paragraph>
              {offset > 0 && (
                <Button appearance="secondary-action-button" onClick={() => setOffset(Math.max(0, offset - pageSize))}>
                  Vorige
                </Button>
              )}{' '}
              {offset + pageSize < rows.data.total && (
                <Button appearance="secondary-action-button" onClick={() => setOffset(offset + pageSize)}>
                  Volgende
                </Button>
              )}
            </Paragraph>
          </>
        ) : (
          <Paragraph>Geen signalen gevonden.</Paragraph>
        )}
      </Loading>
    </StaffShell>
  );
}
