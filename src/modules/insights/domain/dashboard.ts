/**
 * The dashboard's arithmetic, pure (no database): the periods of a view, the protected base table of a count
 * measure, the table a person sees (totals, shares, suppression applied), the figures that are not counts, the
 * comparison with national benchmarks, and the CSV file. The queries fetch rows and hand them in here.
 */
import { writeCsv, type CsvCell } from '../../../platform/csv.ts';
import { formatDateTime } from '../../../platform/dutch.ts';
import type { Aggregation } from '../catalogue.ts';
import { suppressionExplanation, type Cell, type DashboardResult, type Level } from '../contract.ts';
import { addMonths, monthOf, parsePeriod, type Granularity, type Period } from '../periods.ts';
import { derived, displayCell, reasonOf, type ProtectedCell } from '../suppression.ts';
import { addRates, type Population } from './rates.ts';
import type { ProtectedBase } from './protectedBase.ts';

export { protectAmountBase, protectBase, type ProtectedBase, type RawAmountRow } from './protectedBase.ts';
import { addSeries, buildView, combine, type BaseSeries, type View, type ViewPeriod } from '../views.ts';

/** One figure as the database returns it: an area, a period code and a value. */
export interface RawDashboardRow {
  area: string;
  period: string;
  value: number;
}

export const round1 = (v: number) => Math.round(v * 10) / 10;

/** A figure in its unit, in Dutch: `1.234`, `12,5%`, `€ 1.234,56`, `12 dagen`. */
export function formatter(unit: string): (v: number) => string {
  const nl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
  if (unit === 'percent') return (v) => `${nl.format(v)}%`;
  if (unit === 'cents') return (v) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(v / 100);
  if (unit === 'days') return (v) => `${nl.format(v)} dagen`;
  return (v) => nl.format(v);
}

/** A protected cell as it is published: a hidden value becomes null, its text "< 10" or "afgeschermd", with why. */
export function showCell(c: ProtectedCell, threshold: number, format: (v: number) => string): Cell {
  return c.state === 'shown'
    ? { value: c.value, display: format(c.value), suppressed: null, reason: null }
    : { value: null, display: displayCell(c, threshold), suppressed: c.state, reason: reasonOf(c) };
}

/** A share in percent (one decimal) of `part` in `whole`; null when either is hidden or the whole is zero. */
export function sharePercent(part: ProtectedCell, whole: ProtectedCell): number | null {
  return derived([part, whole], (a, b) => (b ? round1((100 * a!) / b!) : null));
}

/** The period codes of a view from `from` to `to`, per month, quarter or year. */
export function periodsBetween(from: Period, to: Period, granularity: Granularity): string[] {
  const out: string[] = [];
  for (let m = from.startsOn.slice(0, 7); m <= to.endsOn.slice(0, 7) && out.length < 2400; m = addMonths(m, 1)) {
    const p = parsePeriod(m)!;
    const code = granularity === 'month' ? p.code : granularity === 'quarter' ? p.quarterCode! : p.yearCode;
    if (out[out.length - 1] !== code) out.push(code);
  }
  return out;
}

/** The months from `from` to `to`, both included. */
export function monthsIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 2400; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The months a refresh covers by default: the last `monthsBack` months up to and including this one. */
export function defaultRefreshRange(now: Date, monthsBack = 36): { fromMonth: string; toMonth: string } {
  const toMonth = monthOf(now);
  return { fromMonth: addMonths(toMonth, -(monthsBack - 1)), toMonth };
}

/** Which base periods (the measure's own) fall in each wanted view period within [from, to]. */
export function viewPeriods(basePeriods: string[], granularity: Granularity, from: Period, to: Period, wanted: string[]): ViewPeriod[] {
  const groups = new Map<string, string[]>(wanted.map((w) => [w, []]));
  for (const b of basePeriods) {
    const p = parsePeriod(b);
    if (!p || p.startsOn < from.startsOn || p.endsOn > to.endsOn) continue;
    const code = granularity === 'month' ? p.code : granularity === 'quarter' ? (p.quarterCode ?? p.code) : p.yearCode;
    groups.get(code)?.push(b);
  }
  return wanted.map((code) => ({ code, base: groups.get(code) ?? [] }));
}

type Table = Pick<DashboardResult, 'periods' | 'rows' | 'totals' | 'grandTotal' | 'totalLabel'>;

/** The input of a table built from protected base tables (a count or an amount). */
export interface ProtectedTableInput {
  level: Level;
  /**
   * wijk or buurt level: the one municipality's base (buurt level: from `protectBuurten`); the region (wijk level,
   * several bases): every municipality's wijken under the region's totals; municipality level: each municipality's
   * base with its name.
   */
  bases: { code: string; name: string; base: ProtectedBase }[];
  areaFilter: Set<string> | null;
  aggregation: Aggregation;
  granularity: Granularity;
  from: Period;
  to: Period;
  unit: string;
  /** With it, every count has its rate per 1,000 inhabitants beside it (domain/rates.ts). */
  population?: Population;
}

/** The view (protected cells, before display) of a count or an amount; see countTable. */
export function protectedView(input: ProtectedTableInput): { periods: string[]; view: View; aggregation: 'sum' | 'last'; totalAreas: string[] } {
  const aggregation = input.aggregation === 'last' ? 'last' : 'sum';
  const periods = periodsBetween(input.from, input.to, input.granularity);
  let view: View;
  let totalAreas: string[];
  const filter = input.areaFilter;
  // At buurt level a wijk in the filter stands for its buurten.
  const kept = (s: BaseSeries) => !filter || filter.has(s.code) || (input.level === 'buurt' && filter.has(`WK${s.code.slice(2, 8)}`));
  if (input.level !== 'municipality' && input.bases.length === 1) {
    totalAreas = [input.bases[0]!.code];
    const base = input.bases[0]!.base;
    view = buildView(base.series.filter(kept), base.totals, viewPeriods(base.periods, input.granularity, input.from, input.to, periods), aggregation);
  } else if (input.level !== 'municipality') {
    // The region: every municipality's protected wijk rows, under the region's totals (added, hidden with a hidden part).
    const withData = input.bases.filter((b) => b.base.periods.length > 0);
    totalAreas = withData.map((b) => b.code);
    const basePeriods = [...new Set(withData.flatMap((b) => b.base.periods))].sort();
    view = buildView(
      withData.flatMap((b) => b.base.series.filter(kept)),
      addSeries(withData.map((b) => b.base.totals)),
      viewPeriods(basePeriods, input.granularity, input.from, input.to, periods),
      aggregation,
    );
  } else {
    const withData = input.bases.filter((b) => b.base.periods.length > 0);
    totalAreas = withData.map((b) => b.code);
    const series: BaseSeries[] = withData.map((b) => ({ code: b.code, name: b.name, cells: b.base.totals }));
    const basePeriods = [...new Set(withData.flatMap((b) => b.base.periods))].sort();
    view = buildView(
      series,
      addSeries(withData.map((b) => b.base.totals)),
      viewPeriods(basePeriods, input.granularity, input.from, input.to, periods),
      aggregation,
    );
  }
  return { periods, view, aggregation, totalAreas };
}

/**
 * The table of a count measure (or an amount), from protected base tables: per wijk or buurt of one municipality
 * (`wijk`, `buurt`, optionally only some areas) or per municipality (`municipality`, each municipality's protected
 * totals, added into the region's). Rows without any figure in the range are left out; shares are of the total (a
 * stock: of the last period). With `population`, every count has its rate per 1,000 inhabitants beside it.
 */
export function countTable(input: ProtectedTableInput, threshold: number): Table {
  const { periods, view, aggregation, totalAreas } = protectedView(input);
  const format = formatter(input.unit);
  const show = (c: ProtectedCell) => showCell(c, threshold, format);
  const last = periods.length - 1;
  const rows = view.rows.filter((r) => r.cells.some((c) => c.value !== 0 || c.state !== 'shown'));
  const table: Table = {
    periods,
    totalLabel: aggregation === 'last' ? 'Laatste periode' : 'Totaal',
    rows: rows.map((r) => ({
      areaCode: r.code,
      name: r.name,
      cells: r.cells.map(show),
      total: show(r.total),
      sharePercent: aggregation === 'last' ? sharePercent(r.cells[last]!, view.totals[last]!) : sharePercent(r.total, view.grandTotal!),
    })),
    totals: view.totals.map(show),
    grandTotal: view.grandTotal ? show(view.grandTotal) : null,
  };
  return input.population ? addRates(table, input.population, totalAreas) : table;
}

/**
 * The table of a share or an average from the protected views of its two parts (numerator and denominator, or
 * sum and count): a cell is `factor` × part / whole, and it is hidden ("afgeschermd", built on a hidden figure)
 * whenever the part or the whole of that same cell is hidden, so a share times its denominator never gives back a
 * hidden count. The total row and the total column likewise. What could not be placed in a wijk gets no share.
 */
export function ratioFromViews(
  input: { part: ReturnType<typeof protectedView>; whole: ReturnType<typeof protectedView>; factor: number; format: (v: number) => string },
  threshold: number,
): Table {
  const { part, whole, factor, format } = input;
  const cell = (p: ProtectedCell | undefined, w: ProtectedCell | undefined): Cell => {
    if (!w) return { value: null, display: '–', suppressed: null, reason: null };
    const pc = p ?? { value: 0, state: 'shown' as const };
    if (pc.state !== 'shown' || w.state !== 'shown') return { value: null, display: 'afgeschermd', suppressed: 'secondary', reason: 'built_on_hidden' };
    if (w.value === 0) return { value: null, display: '–', suppressed: null, reason: null };
    // A whole this small is hidden in its own table; checked here too for a whole from a figure without people.
    if (w.value > 0 && w.value < threshold) return { value: null, display: 'afgeschermd', suppressed: 'secondary', reason: 'built_on_hidden' };
    const value = (factor * pc.value) / w.value;
    return { value, display: format(value), suppressed: null, reason: null };
  };
  const lastOf = (v: ReturnType<typeof protectedView>) =>
    v.aggregation === 'last' ? (v.view.totals[v.view.totals.length - 1] ?? undefined) : (v.view.grandTotal ?? undefined);
  const partRows = new Map(part.view.rows.map((r) => [r.code, r]));
  const rows = whole.view.rows
    .filter((r) => !r.code.endsWith('-OVERIG') && r.cells.some((c) => c.value !== 0 || c.state !== 'shown'))
    .map((r) => {
      const p = partRows.get(r.code);
      return {
        areaCode: r.code,
        name: r.name,
        cells: r.cells.map((w, i) => cell(p?.cells[i], w)),
        total: cell(p?.total, r.total),
        sharePercent: null,
      };
    });
  const hasTotals = whole.view.totals.some((t) => t.value !== 0 || t.state !== 'shown');
  return {
    periods: whole.periods,
    rows,
    totals: hasTotals ? whole.view.totals.map((w, i) => cell(part.view.totals[i], w)) : null,
    grandTotal: hasTotals ? cell(lastOf(part), lastOf(whole)) : null,
    totalLabel: 'Over de hele periode',
  };
}

/**
 * The table of an amount (added up like a count) or of a figure that cannot be added (a median, a percentage
 * delivered without its parts): shown as delivered. An amount gets totals; a figure gets no total column and, at
 * wijk level, the municipality's own figure as its total row, never a sum or a mean of the wijken's figures. At
 * wijk level, the part of an amount the municipality could not place in a wijk is its own row.
 */
export function plainTable(input: {
  data: RawDashboardRow[];
  municipal: RawDashboardRow[];
  names: Map<string, string>;
  level: Level;
  municipalityCode: string;
  areaFilter: Set<string> | null;
  aggregation: Aggregation;
  /** true for an amount: it adds up over areas and periods */
  additive: boolean;
  periods: string[];
  unit: string;
}): Table {
  const { periods, aggregation, additive } = input;
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const byArea = new Map<string, (number | null)[]>();
  for (const r of input.data) {
    if (input.areaFilter && !input.areaFilter.has(r.area)) continue;
    const i = periodIndex.get(r.period);
    if (i === undefined) continue;
    if (!byArea.has(r.area)) byArea.set(r.area, new Array(periods.length).fill(additive ? 0 : null));
    byArea.get(r.area)![i] = r.value;
  }
  const areaCodes = [...byArea.keys()].sort();
  const matrix = areaCodes.map((a) => byArea.get(a)!);
  const labels = areaCodes.map((a) => input.names.get(a) ?? a);
  const add = (values: (number | null)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
  if (additive && input.level !== 'municipality' && !input.areaFilter) {
    const rest = new Array(periods.length).fill(0);
    for (const r of input.municipal) {
      const i = periodIndex.get(r.period);
      if (i === undefined) continue;
      rest[i] = Math.max(0, r.value - add(matrix.map((row) => row[i]!)));
    }
    if (rest.some((v) => v > 0)) {
      areaCodes.push(`${input.municipalityCode}-OVERIG`);
      labels.push(input.level === 'buurt' ? 'Niet toe te wijzen aan een buurt' : 'Niet toe te wijzen aan een wijk');
      matrix.push(rest);
    }
  }
  const format = formatter(input.unit);
  const plain = (v: number | null): Cell =>
    v === null ? { value: null, display: '–', suppressed: null, reason: null } : { value: v, display: format(v), suppressed: null, reason: null };
  const rows = areaCodes.map((code, r) => {
    const row = matrix[r]!;
    const summary = aggregation === 'last' ? row[row.length - 1]! : add(row);
    return { areaCode: code, name: labels[r]!, cells: row.map(plain), total: additive ? plain(round1(summary)) : null, sharePercent: null };
  });
  let totals: Cell[] | null = null;
  if (additive && matrix.length) totals = periods.map((_, i) => plain(add(matrix.map((row) => row[i]!))));
  else if (!additive && input.level !== 'municipality' && input.municipal.length)
    totals = periods.map((p) => plain(input.municipal.find((m) => m.period === p)?.value ?? null));
  const totalLabel = !additive ? 'Geen totaal' : aggregation === 'last' ? 'Laatste periode' : 'Totaal';
  return { periods, rows, totals, grandTotal: null, totalLabel };
}

/**
 * A figure about a group (a median) hidden wherever the protected count of that group is hidden or absent, with
 * reason `built_on_hidden`: same areas, same periods.
 */
export function hideWithGroup(table: Table, group: View): Table {
  const hidden: Cell = { value: null, display: 'afgeschermd', suppressed: 'secondary', reason: 'built_on_hidden' };
  const guard = (c: Cell, g: ProtectedCell | undefined): Cell => (c.value === null || (g && g.state === 'shown' && g.value > 0) ? c : hidden);
  const groupRows = new Map(group.rows.map((r) => [r.code, r]));
  return {
    ...table,
    rows: table.rows.map((r) => ({ ...r, cells: r.cells.map((c, i) => guard(c, groupRows.get(r.areaCode)?.cells[i])) })),
    totals: table.totals ? table.totals.map((c, i) => guard(c, group.totals[i])) : null,
  };
}

/** National benchmarks next to the municipality's total of the same period, with the difference in percent. */
export function compareBenchmarks(
  benchmarks: { periodCode: string; value: number; source: string; note: string }[],
  periods: string[],
  totals: Cell[] | null,
): DashboardResult['benchmarks'] {
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  return benchmarks
    .filter((b) => periodIndex.has(b.periodCode))
    .sort((a, b) => a.periodCode.localeCompare(b.periodCode))
    .map((b) => {
      const total = totals?.[periodIndex.get(b.periodCode)!] ?? null;
      const differencePercent = total && total.value !== null && b.value > 0 ? round1((100 * (total.value - b.value)) / b.value) : null;
      return { periodCode: b.periodCode, value: b.value, source: b.source, note: b.note, total, differencePercent };
    });
}

/** The protected cell of a municipality over a range, from its protected base totals (a flow added up, a stock at the end). */
export function rangeCell(base: ProtectedBase, aggregation: Aggregation, from: Period, to: Period): ProtectedCell {
  const parts = base.periods.filter((p) => {
    const period = parsePeriod(p)!;
    return period.startsOn >= from.startsOn && period.endsOn <= to.endsOn;
  });
  return combine(
    parts.map((p) => base.totals.get(p)!),
    aggregation === 'last' ? 'last' : 'sum',
  );
}

/**
 * One figure for a municipality over a range (for the programme): from the protected base totals for a count or
 * an amount, so the dashboard and the programme can never be played off against each other; otherwise (a figure
 * without people, or a median or percentage as delivered) a flow added up, a stock at the end, an average.
 */
export function rangeFigure(
  input: { unit: string; aggregation: Aggregation; base: ProtectedBase | null; values: number[]; from: Period; to: Period },
  threshold: number,
): { value: number | null; display: string } {
  const format = formatter(input.unit);
  if (input.base) {
    const cell = rangeCell(input.base, input.aggregation, input.from, input.to);
    return { value: cell.state === 'shown' ? cell.value : null, display: cell.state === 'shown' ? format(cell.value) : displayCell(cell, threshold) };
  }
  const values = input.values;
  const value =
    input.aggregation === 'sum'
      ? values.reduce((a, b) => a + b, 0)
      : input.aggregation === 'last'
        ? values[values.length - 1]!
        : round1(values.reduce((a, b) => a + b, 0) / values.length);
  const hidden = input.unit === 'count' && value > 0 && value < threshold;
  return { value: hidden ? null : value, display: hidden ? `< ${threshold}` : format(value) };
}

/** A share or an average for a municipality over a range, from the protected range cells of its parts: hidden when either is. */
export function rangeRatio(
  part: ProtectedCell,
  whole: ProtectedCell,
  factor: number,
  unit: string,
  threshold: number,
): { value: number | null; display: string } {
  if (part.state !== 'shown' || whole.state !== 'shown' || (whole.value > 0 && whole.value < threshold)) return { value: null, display: 'afgeschermd' };
  if (whole.value === 0) return { value: null, display: '–' };
  const value = (factor * part.value) / whole.value;
  return { value, display: formatter(unit)(value) };
}

/** The dashboard table as a CSV file (semicolons, for Dutch spreadsheet programs), with exactly what the screen shows. */
export function dashboardCsv(result: DashboardResult): string {
  // A suppressed cell ("< 10") stays text; a figure is a number.
  const cell = (c: Cell | null): CsvCell => (c === null ? null : c.value === null ? c.display : c.value);
  const rows: CsvCell[][] = [
    [`# ${result.measure.name} (${result.measure.code}), kleine aantallen (< ${result.threshold}) zijn afgeschermd`],
    ...(result.release
      ? [
          [
            `# Gepubliceerde cijfers van ${result.release.period}, versie ${result.release.version}, gepubliceerd op ${formatDateTime(result.release.publishedAt)} door ${result.release.publishedBy}`,
          ],
        ]
      : []),
    ['gebied', 'naam', ...result.periods, result.totalLabel.toLowerCase()],
    ...result.rows.map((r) => [r.areaCode, r.name, ...r.cells.map(cell), cell(r.total)]),
  ];
  if (result.totals) rows.push(['totaal', 'Totaal', ...result.totals.map(cell), cell(result.grandTotal)]);
  if (result.rows.some((r) => r.cells.some((c) => c.rate))) {
    // The rates per 1,000 inhabitants as a second block, as the screen shows them below the counts.
    const rate = (c: Cell | null): CsvCell => (c?.rate ? (c.rate.value === null ? c.rate.display : c.rate.value) : null);
    rows.push([], ['# per 1.000 inwoners'], ['gebied', 'naam', ...result.periods, result.totalLabel.toLowerCase()]);
    rows.push(...result.rows.map((r) => [r.areaCode, r.name, ...r.cells.map(rate), rate(r.total)]));
    if (result.totals) rows.push(['totaal', 'Totaal', ...result.totals.map(rate), rate(result.grandTotal)]);
  }
  // Why cells are hidden, as on the screen.
  const all = [...result.rows.flatMap((r) => [...r.cells, r.total]), ...(result.totals ?? []), result.grandTotal];
  const reasons = [...new Set(all.flatMap((c) => (c?.reason ? [c.reason] : [])))];
  for (const reason of reasons) rows.push([`# ${suppressionExplanation(reason, result.threshold)}`]);
  if (result.protection) rows.push([`# ${result.protection}`]);
  return writeCsv(rows, { bom: true, newline: '\n' });
}
