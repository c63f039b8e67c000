import { Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Title, Tooltip } from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import { granularityLabels, suppressionExplanation } from '../../../../src/modules/insights/contract.ts';
import { formatCount, formatDateTime, formatPercent } from '../../format.ts';
import { periodName, type Cell, type DashboardResult } from './insightsShared.tsx';

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Title, Tooltip, Legend);

/** One figure over areas and periods: a line and a bar chart, the same numbers in tables, and the national benchmark. */
export function DashboardView({ data, csvUrl }: { data: DashboardResult; csvUrl: string }) {
  const totals = data.totals;
  const chartLabel = `${data.measure.name} per ${granularityLabels[data.granularity]?.toLowerCase()}`;
  const perArea = data.rows.map((r) => r.total?.value ?? null);
  const hasRates = data.rows.some((r) => r.cells.some((c) => c.rate));
  return (
    <>
      <Heading2>{data.measure.name}</Heading2>
      <Paragraph>
        {data.measure.description} Bron: {data.measure.owner}. Periode {periodName(data.from)} tot en met {periodName(data.to)}.
      </Paragraph>
      {data.release && (
        <Paragraph data-testid="insights-release">
          U ziet de gepubliceerde cijfers van {data.release.period}, versie {data.release.version}, gepubliceerd op {formatDateTime(data.release.publishedAt)}{' '}
          door {data.release.publishedBy}. Latere cijfers veranderen deze cijfers niet.
          {data.release.note ? ` Toelichting: ${data.release.note}` : ''}
        </Paragraph>
      )}
      <Paragraph className="vn-insights-protection">{data.protection}</Paragraph>
      {data.rows.length === 0 ? (
        <Paragraph>Er zijn geen cijfers voor deze keuze.</Paragraph>
      ) : (
        <div className="vn-insights-charts">
          {totals && (
            <figure className="vn-insights-chart">
              <div className="vn-insights-canvas">
                <Line
                  aria-label={`Lijngrafiek: ${chartLabel}, totaal. De tabel hieronder geeft dezelfde cijfers.`}
                  role="img"
                  data={{
                    labels: data.periods.map(periodName),
                    datasets: [
                      { label: 'Totaal', data: totals.map((c) => c.value), borderColor: '#01689b', backgroundColor: '#01689b', spanGaps: false },
                      ...(data.benchmarks.length
                        ? [
                            {
                              label: 'Landelijke benchmark',
                              data: data.periods.map((p) => data.benchmarks.find((b) => b.periodCode === p)?.value ?? null),
                              borderColor: '#a90061',
                              backgroundColor: '#a90061',
                              borderDash: [6, 4],
                            },
                          ]
                        : []),
                    ],
                  }}
                  options={{ maintainAspectRatio: false, scales: { y: { beginAtZero: true } }, plugins: { title: { display: true, text: chartLabel } } }}
                />
              </div>
              <figcaption className="vn-insights-legend">Verloop in de tijd. Afgeschermde perioden ontbreken in de lijn.</figcaption>
            </figure>
          )}
          <figure className="vn-insights-chart">
            <div className="vn-insights-canvas">
              <Bar
                aria-label={`Staafgrafiek: ${data.measure.name} per gebied (${data.totalLabel.toLowerCase()}). De tabel hieronder geeft dezelfde cijfers.`}
                role="img"
                data={{ labels: data.rows.map((r) => r.name), datasets: [{ label: data.totalLabel, data: perArea, backgroundColor: '#01689b' }] }}
                options={{
                  maintainAspectRatio: false,
                  indexAxis: 'y',
                  scales: { x: { beginAtZero: true } },
                  plugins: { title: { display: true, text: `${data.measure.name} per gebied` } },
                }}
              />
            </div>
            <figcaption className="vn-insights-legend">Per gebied. Afgeschermde gebieden hebben geen staaf.</figcaption>
          </figure>
        </div>
      )}
      <Paragraph>
        <a href={csvUrl} download className="utrecht-link">
          Download de tabel als CSV-bestand
        </a>
      </Paragraph>
      <Table>
        <caption className="vn-caption">
          {data.measure.name} per gebied en {granularityLabels[data.granularity]?.toLowerCase()}
          {hasRates ? ', met eronder het aantal per 1.000 inwoners' : ''}
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Gebied</TableHeaderCell>
            {data.periods.map((p) => (
              <TableHeaderCell key={p} scope="col" className="vn-num">
                {periodName(p)}
              </TableHeaderCell>
            ))}
            <TableHeaderCell scope="col" className="vn-num">
              {data.totalLabel}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="vn-num">
              Aandeel
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.rows.map((r) => (
            <TableRow key={r.areaCode}>
              <TableHeaderCell scope="row">{r.name}</TableHeaderCell>
              {r.cells.map((c, i) => (
                <ValueCell key={i} cell={c} threshold={data.threshold} />
              ))}
              <ValueCell cell={r.total} threshold={data.threshold} />
              <TableCell className="vn-num">{formatPercent(r.sharePercent)}</TableCell>
            </TableRow>
          ))}
          {totals && (
            <TableRow>
              <TableHeaderCell scope="row">Totaal</TableHeaderCell>
              {totals.map((c, i) => (
                <ValueCell key={i} cell={c} threshold={data.threshold} />
              ))}
              <ValueCell cell={data.grandTotal} threshold={data.threshold} />
              <TableCell className="vn-num">{data.rows.some((r) => r.sharePercent !== null) ? '100%' : '–'}</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <Paragraph className="vn-insights-legend">
        “&lt; {data.threshold}” = minder dan {data.threshold}; “afgeschermd” = verborgen, met ernaast de reden; “–” = geen cijfer of niet te berekenen.
        {hasRates &&
          ' “per 1.000” = het aantal per 1.000 inwoners van het gebied in dat jaar (bij een totaal: het laatste jaar); “geen inwonertal” = het aantal inwoners van het gebied is niet ingelezen.'}
      </Paragraph>
      <Heading2>Vergelijking met landelijke cijfers</Heading2>
      {data.benchmarks.length === 0 ? (
        <Paragraph>Voor deze perioden zijn nog geen landelijke vergelijkingscijfers ingevoerd.</Paragraph>
      ) : (
        <Table>
          <caption className="vn-caption">Totaal tegenover de landelijke benchmark</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Periode</TableHeaderCell>
              <TableHeaderCell scope="col" className="vn-num">
                Totaal
              </TableHeaderCell>
              <TableHeaderCell scope="col" className="vn-num">
                Landelijke benchmark
              </TableHeaderCell>
              <TableHeaderCell scope="col" className="vn-num">
                Verschil
              </TableHeaderCell>
              <TableHeaderCell scope="col">Bron</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.benchmarks.map((b) => (
              <TableRow key={b.periodCode}>
                <TableHeaderCell scope="row">{periodName(b.periodCode)}</TableHeaderCell>
                <ValueCell cell={b.total} threshold={data.threshold} />
                <TableCell className="vn-num">{formatCount(b.value)}</TableCell>
                <TableCell className="vn-num">
                  {b.differencePercent === null ? '–' : `${b.differencePercent > 0 ? '+' : ''}${formatPercent(b.differencePercent)}`}
                </TableCell>
                <TableCell>
                  {b.source}
                  {b.note ? ` (${b.note})` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

/**
 * A figure; a hidden one with, next to it, the short sentence that says why (in words, not by colour); for a count
 * of people its rate per 1,000 inhabitants below it.
 */
function ValueCell({ cell, threshold }: { cell: Cell | null; threshold: number }) {
  if (!cell) return <TableCell className="vn-num">–</TableCell>;
  return (
    <TableCell className={`vn-num${cell.reason ? ' vn-insights-hidden' : ''}`}>
      {cell.display}
      {cell.reason && <span className="vn-insights-reason">{suppressionExplanation(cell.reason, threshold)}</span>}
      {cell.rate && (
        <span className={`vn-insights-rate${cell.rate.value === null ? ' vn-insights-hidden' : ''}`}>
          {cell.rate.value === null ? cell.rate.display : `${cell.rate.display} per 1.000`}
        </span>
      )}
    </TableCell>
  );
}
