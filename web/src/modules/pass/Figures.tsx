import { Heading1, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { figures as figuresSchema } from '../../../../src/modules/pass/contract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { query } from '../../api.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { TextInput } from '../../forms.tsx';
import { formatCount, formatMonth } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi } from '../../query.tsx';
import { euro } from './shared.tsx';

type Metric = Json<typeof figuresSchema>[number];
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Reach and spending of the pass, totals over all neighbourhoods for a month. */
export function PassFigures() {
  const now = new Date();
  const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const [range, setRange] = useState({ fromMonth: month, toMonth: month });
  const valid = monthPattern.test(range.fromMonth) && monthPattern.test(range.toMonth);
  const figures = useApi<Metric[]>(valid ? `/pass/figures${query(range)}` : null);
  const totals = new Map<string, number>();
  for (const m of figures.data ?? []) if (m.month === range.toMonth) totals.set(m.measure, (totals.get(m.measure) ?? 0) + m.value);
  return (
    <StaffShell>
      <Heading1>Dordtpas: bereik en besteding</Heading1>
      <Paragraph>
        Ter vergelijking: in 2020 ontvingen 7.836 volwassenen de pas (80% van de doelgroep) en 3.666 kinderen, van wie 3.191 het kindtegoed gebruikten.
      </Paragraph>
      <div className="vn-filters">
        <TextInput
          id="f-from"
          label="Van maand (JJJJ-MM)"
          value={range.fromMonth}
          onChange={(v) => setRange((r) => ({ ...r, fromMonth: v }))}
          error={monthPattern.test(range.fromMonth) ? undefined : 'Schrijf de maand als JJJJ-MM, bijvoorbeeld 2026-03.'}
        />
        <TextInput
          id="f-to"
          label="Tot en met maand (JJJJ-MM)"
          value={range.toMonth}
          onChange={(v) => setRange((r) => ({ ...r, toMonth: v }))}
          error={monthPattern.test(range.toMonth) ? undefined : 'Schrijf de maand als JJJJ-MM, bijvoorbeeld 2026-03.'}
        />
      </div>
      <ProblemAlert error={figures.error} />
      <Loading loading={figures.loading}>
        <Table>
          <caption className="vn-caption">Totaal over alle wijken in {formatMonth(range.toMonth)}</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Maat</TableHeaderCell>
              <TableHeaderCell scope="col">Waarde</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {[...totals.entries()].sort().map(([measure, value]) => (
              <TableRow key={measure}>
                <TableCell>{measure}</TableCell>
                <TableCell>{measure.includes('cents') ? euro(value) : formatCount(value)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
    </StaffShell>
  );
}
