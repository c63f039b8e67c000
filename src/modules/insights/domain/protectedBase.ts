/** The protected base table of a measure in one municipality, of counts and of amounts, before any view. Pure. */
import { aggregateAmounts, protectAmountTable, protectTable, type AmountInput, type AmountRule, type ProtectedCell } from '../suppression.ts';
import { protectLinkedTables } from '../linkedTables.ts';
import type { BaseSeries } from '../views.ts';
import type { RawDashboardRow } from './dashboard.ts';

export interface ProtectedBase {
  periods: string[];
  series: BaseSeries[];
  totals: Map<string, ProtectedCell>;
}

/**
 * The protected base table of a count measure in one municipality: every wijk (and what could not be placed in a
 * wijk, as its own row so the totals add up) × every period the measure has, with the municipality totals as
 * margins. Views are built from it (see views.ts), so every view hides the same cells.
 */
export function protectBase(input: BaseInput, threshold: number): ProtectedBase {
  const { periods, codes, labels, matrix } = baseMatrix(input, [...new Set(input.wijken.map((r) => r.area))]);
  const table = periods.length ? protectTable(matrix, threshold) : { cells: matrix.map(() => []), colTotals: [] };
  const series: BaseSeries[] = codes.map((code, r) => ({ code, name: labels[r]!, cells: new Map(periods.map((p, i) => [p, table.cells[r]![i]!])) }));
  const totals = new Map(periods.map((p, i) => [p, table.colTotals[i]!]));
  return { periods, series, totals };
}

export interface BaseInput {
  wijken: RawDashboardRow[];
  municipal: RawDashboardRow[];
  names: Map<string, string>;
  municipalityCode: string;
  municipalityName: string;
}

/**
 * A measure's base as a matrix over the given wijken (and periods, by default its own): one row per wijk, and a row
 * for what could not be placed in a wijk when there is any (or when there are no wijken), so the totals add up.
 */
function baseMatrix(input: BaseInput, areas: string[], forPeriods?: string[], withRest?: boolean) {
  const { wijken, municipal, names, municipalityCode } = input;
  const periods = forPeriods ?? [...new Set([...wijken, ...municipal].map((r) => r.period))].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const codes = [...areas].sort();
  const byArea = new Map<string, number[]>(codes.map((c) => [c, new Array(periods.length).fill(0)]));
  for (const r of wijken) {
    const i = index.get(r.period);
    if (i !== undefined) byArea.get(r.area)![i] = r.value;
  }
  const matrix = codes.map((c) => byArea.get(c)!);
  const labels = codes.map((c) => names.get(c) ?? c);
  const rest = new Array(periods.length).fill(0);
  for (const r of municipal) {
    const i = index.get(r.period);
    if (i !== undefined) rest[i] = Math.max(0, r.value - matrix.reduce((a, row) => a + row[i]!, 0));
  }
  if (withRest ?? (rest.some((v) => v > 0) || matrix.length === 0)) {
    codes.push(`${municipalityCode}-OVERIG`);
    labels.push(matrix.length === 0 ? input.municipalityName : 'Niet toe te wijzen aan een wijk');
    matrix.push(rest);
  }
  return { periods, codes, labels, matrix };
}

/**
 * The protected bases of counts that add up to another count (the catalogue's partitions: Geldfit's four outcomes
 * and the completed tests): the same wijken and periods for all, protected as one system (linkedTables.ts), so no
 * difference between them gives away a hidden figure. Keyed by measure code; the total's key is `totalCode`.
 */
export function protectPartitionBases(members: { code: string; input: BaseInput }[], totalCode: string, threshold: number): Map<string, ProtectedBase> {
  const total = members.find((m) => m.code === totalCode)!;
  const parts = members.filter((m) => m.code !== totalCode);
  const all = [total, ...parts];
  const areas = [...new Set(all.flatMap((m) => m.input.wijken.map((r) => r.area)))];
  const periods = [...new Set(all.flatMap((m) => [...m.input.wijken, ...m.input.municipal].map((r) => r.period)))].sort();
  // A rest row for all when any member has one, so the tables keep one shape.
  const needsRest = all.some((m) => baseMatrix(m.input, areas, periods).codes.length > areas.length);
  const built = all.map((m) => baseMatrix(m.input, areas, periods, needsRest));
  const linked = periods.length
    ? protectLinkedTables(
        built[0]!.matrix,
        built.slice(1).map((b) => b.matrix),
        threshold,
      )
    : null;
  const out = new Map<string, ProtectedBase>();
  all.forEach((m, k) => {
    const table = linked ? (k === 0 ? linked.total : linked.parts[k - 1]!) : null;
    const { codes, labels } = built[k]!;
    const cells = (r: number) => new Map(table ? periods.map((p, i) => [p, table.cells[r]![i]!]) : []);
    const series: BaseSeries[] = codes.map((code, r) => ({ code, name: labels[r]!, cells: cells(r) }));
    out.set(m.code, { periods, series, totals: new Map(table ? periods.map((p, i) => [p, table.colTotals[i]!]) : []) });
  });
  return out;
}

/** An amount as the database returns it, with what is known of the people behind it. */
export interface RawAmountRow extends RawDashboardRow {
  contributors: number | null;
  largest: number[] | null;
}

/**
 * The protected base table of an amount in one municipality, like `protectBase` for a count: every wijk (and
 * what could not be placed in a wijk) × every period, with the municipality's own figures as margins, protected
 * by the amount rule (minimum contributors, dominance) with secondary suppression. The part not placed in a wijk
 * is judged cautiously: its people are the municipality's minus the wijken's, its largest contributions at most
 * the municipality's largest.
 */
export function protectAmountBase(
  input: { wijken: RawAmountRow[]; municipal: RawAmountRow[]; names: Map<string, string>; municipalityCode: string; municipalityName: string },
  rule: AmountRule,
): ProtectedBase {
  const { wijken, municipal, names, municipalityCode } = input;
  const periods = [...new Set([...wijken, ...municipal].map((r) => r.period))].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const empty = (): AmountInput => ({ value: 0, contributors: 0, largest: [] });
  const toInput = (r: RawAmountRow): AmountInput => ({ value: r.value, contributors: r.contributors, largest: r.largest ?? [] });
  const byArea = new Map<string, AmountInput[]>();
  for (const r of wijken) {
    if (!byArea.has(r.area)) byArea.set(r.area, Array.from({ length: periods.length }, empty));
    byArea.get(r.area)![index.get(r.period)!] = toInput(r);
  }
  const codes = [...byArea.keys()].sort();
  const matrix = codes.map((c) => byArea.get(c)!);
  const labels = codes.map((c) => names.get(c) ?? c);
  const own = Array.from({ length: periods.length }, empty);
  for (const r of municipal) own[index.get(r.period)!] = toInput(r);
  const rest = periods.map((_, i): AmountInput => {
    const placed = matrix.map((row) => row[i]!);
    const value = Math.max(0, own[i]!.value - placed.reduce((a, c) => a + c.value, 0));
    const known = own[i]!.contributors !== null && placed.every((c) => c.contributors !== null);
    const contributors = known ? Math.max(0, own[i]!.contributors! - placed.reduce((a, c) => a + c.contributors!, 0)) : null;
    return { value, contributors: value === 0 && contributors === 0 ? 0 : contributors, largest: own[i]!.largest.map((v) => Math.min(v, value)) };
  });
  if (rest.some((v) => v.value > 0) || matrix.length === 0) {
    codes.push(`${municipalityCode}-OVERIG`);
    labels.push(matrix.length === 0 ? input.municipalityName : 'Niet toe te wijzen aan een wijk');
    matrix.push(rest);
  }
  // The margins: the municipality's own figures where they add up, else what is known of the column.
  const colTotals = periods.map((_, i) => {
    const column = matrix.map((row) => row[i]!);
    const value = column.reduce((a, c) => a + c.value, 0);
    return own[i]!.value === value ? own[i]! : { ...aggregateAmounts(column, rule), value };
  });
  const table = periods.length ? protectAmountTable(matrix, colTotals, rule) : { cells: matrix.map(() => []), colTotals: [] };
  const series: BaseSeries[] = codes.map((code, r) => ({ code, name: labels[r]!, cells: new Map(periods.map((p, i) => [p, table.cells[r]![i]!])) }));
  const totals = new Map(periods.map((p, i) => [p, table.colTotals[i]!]));
  return { periods, series, totals };
}
