import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { Json } from '../../../../src/platform/contract.ts';
import { hiddenExplanation, type figuresResponse } from '../../../../src/modules/selftest/contract.ts';
import { query } from '../../api.ts';
import { Loading } from '../../components.tsx';
import { formatMonth, formatPercent } from '../../format.ts';
import { ErrorSummary, fieldError, TextInput, type FieldErrors } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi } from '../../query.tsx';

type Figures = Json<typeof figuresResponse>;
type Count = Figures['visitors'];
const fields = { from: { id: 'f-from', label: 'Vanaf maand' }, to: { id: 'f-to', label: 'Tot en met maand' } };
const isMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** A published count: the number, or "< 10" / "afgeschermd" with why (as on the dashboard). */
function CountText({ cell, threshold }: { cell: Count; threshold: number }) {
  if (cell.reason === null) return <>{cell.display}</>;
  return <span title={hiddenExplanation(cell.reason, threshold)}>{cell.display}</span>;
}

export function SelftestFigures() {
  const [range, setRange] = useState({ from: '2021-01', to: '2021-03' });
  const [applied, setApplied] = useState(range);
  const [local, setLocal] = useState<FieldErrors>({});
  const { data, error, loading } = useApi<Figures>(`/selftest/figures${query(applied)}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!isMonth(range.from)) errors.from = 'Vul een geldige beginmaand in (maand en jaar, bijvoorbeeld 2021-01).';
    if (!isMonth(range.to)) errors.to = 'Vul een geldige eindmaand in (maand en jaar, bijvoorbeeld 2021-03).';
    if (!errors.from && !errors.to && range.from > range.to) errors.from = 'De beginmaand ligt na de eindmaand. Kies een eerdere beginmaand.';
    setLocal(errors);
    if (!Object.keys(errors).length) setApplied(range);
  };
  const completed = data?.totals.find((t) => t.counter === 'completed');
  return (
    <StaffShell>
      <Heading1>Geldfit in cijfers</Heading1>
      <Paragraph>
        Anonieme tellingen per hele maand: bezoeken, geopende en afgeronde tests, uitslagen en verwijzingen. Geen antwoorden, geen personen. Het zijn de cijfers
        van het Dashboard Sociaal Domein, bijgewerkt bij elke verversing (één keer per dag). De test zelf staat op <a href="/geldfit">/geldfit</a>.
      </Paragraph>
      <form onSubmit={submit} className="vn-filters" aria-label="Periode" noValidate>
        <ErrorSummary error={error} local={local} fields={fields} />
        <TextInput
          id="f-from"
          label="Vanaf maand"
          type="month"
          value={range.from}
          onChange={(from) => setRange((r) => ({ ...r, from }))}
          error={fieldError('from', error, local)}
        />
        <TextInput
          id="f-to"
          label="Tot en met maand"
          type="month"
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
              Van {formatMonth(data.from)} tot en met {formatMonth(data.to)}: {data.visitors.display} bezoeken, {completed?.all.display ?? '0'} afgeronde tests
              {data.completionRate !== null ? ` (${formatPercent(data.completionRate)} van de bezoeken)` : ''}.
            </Paragraph>
            <Paragraph data-testid="selftest-protection">{data.protection}</Paragraph>
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
                    <TableCell>
                      <CountText cell={t.all} threshold={data.threshold} />
                    </TableCell>
                    <TableCell>{t.residents ? <CountText cell={t.residents} threshold={data.threshold} /> : '–'}</TableCell>
                    <TableCell>{t.entrepreneurs ? <CountText cell={t.entrepreneurs} threshold={data.threshold} /> : '–'}</TableCell>
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
                    <TableCell>
                      <CountText cell={m.visits} threshold={data.threshold} />
                    </TableCell>
                    <TableCell>
                      <CountText cell={m.completed} threshold={data.threshold} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {reasonsOf(data).map((reason) => (
              <Paragraph key={reason}>{hiddenExplanation(reason, data.threshold)}</Paragraph>
            ))}
          </>
        )}
      </Loading>
    </StaffShell>
  );
}

/** Why counts on the page are hidden, each reason once, as sentences under the tables. */
function reasonsOf(data: Figures): ('small_count' | 'secondary')[] {
  const cells = [...data.totals.flatMap((t) => [t.all, t.residents, t.entrepreneurs]), data.visitors, ...data.months.flatMap((m) => [m.visits, m.completed])];
  return [...new Set(cells.flatMap((c) => (c?.reason ? [c.reason] : [])))];
}
