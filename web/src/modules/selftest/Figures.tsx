import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { Json } from '../../../../src/platform/contract.ts';
import type { figuresResponse } from '../../../../src/modules/selftest/contract.ts';
import { query } from '../../api.ts';
import { Loading } from '../../components.tsx';
import { formatCount, formatDate, formatMonth, formatPercent } from '../../format.ts';
import { ErrorSummary, fieldError, TextInput, type FieldErrors } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi } from '../../query.tsx';

type Figures = Json<typeof figuresResponse>;
const fields = { from: { id: 'f-from', label: 'Vanaf' }, to: { id: 'f-to', label: 'Tot en met' } };
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export function SelftestFigures() {
  const [range, setRange] = useState({ from: '2021-01-01', to: '2021-03-31' });
  const [applied, setApplied] = useState(range);
  const [local, setLocal] = useState<FieldErrors>({});
  const { data, error, loading } = useApi<Figures>(`/selftest/figures${query(applied)}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!isDay(range.from)) errors.from = 'Vul een geldige begindatum in (dag, maand en jaar).';
    if (!isDay(range.to)) errors.to = 'Vul een geldige einddatum in (dag, maand en jaar).';
    if (!errors.from && !errors.to && range.from > range.to) errors.from = 'De begindatum ligt na de einddatum. Kies een eerdere begindatum.';
    setLocal(errors);
    if (!Object.keys(errors).length) setApplied(range);
  };
  const completed = data?.totals.find((t) => t.counter === 'completed');
  return (
    <StaffShell>
      <Heading1>Geldfit in cijfers</Heading1>
      <Paragraph>
        Anonieme tellingen per dag: bezoeken, geopende en afgeronde tests, uitslagen en verwijzingen. Geen antwoorden, geen personen. De test zelf staat op{' '}
        <a href="/geldfit">/geldfit</a>.
      </Paragraph>
      <form onSubmit={submit} className="vn-filters" aria-label="Periode" noValidate>
        <ErrorSummary error={error} local={local} fields={fields} />
        <TextInput
          id="f-from"
          label="Vanaf"
          type="date"
          value={range.from}
          onChange={(from) => setRange((r) => ({ ...r, from }))}
          error={fieldError('from', error, local)}
        />
        <TextInput
          id="f-to"
          label="Tot en met"
          type="date"
          value={range.to}
          onChange={(to) => setRange((r) => ({ ...r, to }))}
          error={fieldError('to', error, local)}
        />
        <Button type="submit" appearance="primary-action-button">
          Toon cijfers
        </Button>
      </form>
      <Loading loading={loading}>
        {data && (
          <>
            <Paragraph data-testid="selftest-summary">
              Van {formatDate(data.from)} tot en met {formatDate(data.to)}: {formatCount(data.visitors)} bezoeken, {formatCount(completed?.all ?? 0)} afgeronde
              tests
              {data.completionRate !== null ? ` (${formatPercent(data.completionRate)} van de bezoeken)` : ''}.
            </Paragraph>
            <Table>
              <caption className="vn-caption">Tellingen in de periode</caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Wat</TableHeaderCell>
                  <TableHeaderCell scope="col">Totaal</TableHeaderCell>
                  <TableHeaderCell scope="col">Inwoners</TableHeaderCell>
                  <TableHeaderCell scope="col">Ondernemers</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.totals.map((t) => (
                  <TableRow key={t.counter}>
                    <TableHeaderCell scope="row">{t.label}</TableHeaderCell>
                    <TableCell>{formatCount(t.all)}</TableCell>
                    <TableCell>{t.counter === 'visit' ? '–' : formatCount(t.residents)}</TableCell>
                    <TableCell>{t.counter === 'visit' ? '–' : formatCount(t.entrepreneurs)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Heading2>Per maand</Heading2>
            <Table>
              <caption className="vn-caption">Bezoeken en afgeronde tests per maand</caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Maand</TableHeaderCell>
                  <TableHeaderCell scope="col">Bezoeken</TableHeaderCell>
                  <TableHeaderCell scope="col">Afgerond</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.months.map((m) => (
                  <TableRow key={m.month}>
                    <TableHeaderCell scope="row">{formatMonth(m.month)}</TableHeaderCell>
                    <TableCell>{formatCount(m.visits)}</TableCell>
                    <TableCell>{formatCount(m.completed)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </Loading>
    </StaffShell>
  );
}
