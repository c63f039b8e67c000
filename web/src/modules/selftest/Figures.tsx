import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { api, query } from '../../api.ts';
import { Loading, ProblemAlert, TextField, useLoad } from '../../components.tsx';
import { StaffShell } from '../../layout/Shells.tsx';

interface Figures {
  from: string;
  to: string;
  totals: { counter: string; label: string; all: number; residents: number; entrepreneurs: number }[];
  visitors: number;
  completionRate: number | null;
  months: { month: string; visits: number; completed: number }[];
}

const nl = new Intl.NumberFormat('nl-NL');

export function SelftestFigures() {
  const [range, setRange] = useState({ from: '2021-01-01', to: '2021-03-31' });
  const [applied, setApplied] = useState(range);
  const { data, error, loading } = useLoad(() => api<Figures>('GET', `/selftest/figures${query(applied)}`), [applied]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(range);
  };
  const completed = data?.totals.find((t) => t.counter === 'completed');
  return (
    <StaffShell>
      <Heading1>Geldfit in cijfers</Heading1>
      <Paragraph>
        Anonieme tellingen per dag: bezoeken, geopende en afgeronde tests, uitslagen en verwijzingen. Geen antwoorden, geen personen. De test zelf
        staat op <a href="/geldfit">/geldfit</a>.
      </Paragraph>
      <form onSubmit={submit} className="vn-filters" aria-label="Periode">
        <TextField id="f-from" label="Vanaf" type="date" value={range.from} onChange={(from) => setRange((r) => ({ ...r, from }))} />
        <TextField id="f-to" label="Tot en met" type="date" value={range.to} onChange={(to) => setRange((r) => ({ ...r, to }))} />
        <Button type="submit" appearance="primary-action-button">
          Toon cijfers
        </Button>
      </form>
      <ProblemAlert error={error} />
      <Loading loading={loading}>
        {data && (
          <>
            <Paragraph data-testid="selftest-summary">
              Van {data.from} tot en met {data.to}: {nl.format(data.visitors)} bezoeken, {nl.format(completed?.all ?? 0)} afgeronde tests
              {data.completionRate !== null ? ` (${String(data.completionRate).replace('.', ',')}% van de bezoeken)` : ''}.
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
                    <TableCell>{nl.format(t.all)}</TableCell>
                    <TableCell>{t.counter === 'visit' ? '–' : nl.format(t.residents)}</TableCell>
                    <TableCell>{t.counter === 'visit' ? '–' : nl.format(t.entrepreneurs)}</TableCell>
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
                    <TableHeaderCell scope="row">{m.month}</TableHeaderCell>
                    <TableCell>{nl.format(m.visits)}</TableCell>
                    <TableCell>{nl.format(m.completed)}</TableCell>
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
