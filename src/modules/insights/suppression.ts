/**
 * Statistical disclosure control for the dashboard: small counts are hidden ("< 10"), and enough other cells
 * are hidden as well that the small ones cannot be worked out again from the row and column totals.
 *
 * Pure functions over plain numbers, so the protection can be tested (and attacked) without a database.
 */

import { deriveLineBounds, flatten, isSmallCount, layout, protectLines, type Bounds, type CellState } from './lines.ts';

export { deriveLineBounds, isSmallCount, type Bounds, type CellState, type Line } from './lines.ts';

/**
 * Why a cell is hidden: a small count, a complement hidden so that another hidden cell cannot be worked out,
 * an amount that comes mostly from one or two people (dominance), an amount from too few people, or a share or
 * average built on a hidden count.
 */
export type SuppressionReason = 'small_count' | 'secondary' | 'dominance' | 'few_contributors' | 'built_on_hidden';

export interface ProtectedCell {
  value: number;
  state: CellState;
  /** Set for amounts and derived figures; a count's reason follows from its state (see reasonOf). */
  reason?: SuppressionReason;
}

/** The reason a hidden cell is hidden; null for a shown cell. */
export function reasonOf(cell: ProtectedCell): SuppressionReason | null {
  if (cell.state === 'shown') return null;
  return cell.reason ?? (cell.state === 'primary' ? 'small_count' : 'secondary');
}

export interface ProtectedTable {
  cells: ProtectedCell[][];
  rowTotals: ProtectedCell[];
  colTotals: ProtectedCell[];
  grandTotal: ProtectedCell;
}

/**
 * What an outsider learns about each entry from what is published: shown values, the rule that a primary
 * cell lies in 1..threshold-1, and the rule that any other hidden cell is 0 or at least the threshold.
 * Interval propagation over every line until nothing changes. Used by `protectTable` to check its own work.
 */
export function deriveBounds(values: number[], states: CellState[], rows: number, cols: number, threshold: number): Bounds[] {
  return deriveLineBounds(values, states, layout(rows, cols).lines, threshold);
}

/**
 * Hides small counts (primary suppression) and then, while any hidden small count could still be pinned down
 * exactly from the published totals, hides one more cell on a line through it (secondary suppression).
 * The complement chosen is the smallest shown cell on that line (least information lost), preferring
 * inner cells over totals and non-zero cells over zeros.
 */
export function protectTable(cells: number[][], threshold: number): ProtectedTable {
  const { values, rows, cols } = flatten(cells);
  const { lines, linesOf, cell, rowTotal, colTotal, grand } = layout(rows, cols);
  const isTotal = (i: number) => i >= rows * cols;
  const states = protectLines({ values, lines, linesOf, isTotal }, threshold);

  const at = (i: number): ProtectedCell => ({ value: values[i]!, state: states[i]! });
  return {
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => at(cell(r, c)))),
    rowTotals: Array.from({ length: rows }, (_, r) => at(rowTotal(r))),
    colTotals: Array.from({ length: cols }, (_, c) => at(colTotal(c))),
    grandTotal: at(grand),
  };
}

/** A one-dimensional series (no totals published beside it): only the small counts themselves are hidden. */
export function protectSeries(values: number[], threshold: number): ProtectedCell[] {
  return values.map((value) => ({ value, state: isSmallCount(value, threshold) ? 'primary' : 'shown' }));
}

/**
 * A derived figure (a share, a percentage, a difference) is only shown when every count it is computed from
 * is shown; otherwise it would give away the hidden count.
 */
export function derived(parts: ProtectedCell[], compute: (...values: number[]) => number | null): number | null {
  if (parts.some((p) => p.state !== 'shown')) return null;
  return compute(...parts.map((p) => p.value));
}

/** What a person sees in a table cell. Only a small count says how small it is ("< 10"); an amount never does. */
export function displayCell(cell: ProtectedCell, threshold: number, format: (v: number) => string = (v) => String(v)): string {
  if (cell.state === 'primary' && reasonOf(cell) === 'small_count') return `< ${threshold}`;
  if (cell.state !== 'shown') return 'afgeschermd';
  return format(cell.value);
}

// ---------------------------------------------------------------------------------------------------------------
// Amounts (money): the minimum-contributors rule and the (n,k) dominance rule, as in CBS / tau-Argus practice

/** When an amount is too revealing to publish. Configurable (insights settings). */
export interface AmountRule {
  /** An amount from fewer people than this is hidden (default 3). */
  minContributors: number;
  /** The dominance rule: the largest `dominanceN` contributions ... (default 2) */
  dominanceN: number;
  /** ... may make at most `dominanceK` percent of the amount (default 85). */
  dominanceK: number;
}

export const defaultAmountRule: AmountRule = { minContributors: 3, dominanceN: 2, dominanceK: 85 };

/**
 * The width, as a share of the amount, that an outsider's range for an amount hidden for too few contributors
 * must keep at least on each side (so nobody can read it off within 30%).
 */
export const fewContributorsMargin = 0.3;

/** An amount with what is known of the people behind it. */
export interface AmountInput {
  value: number;
  /** distinct persons (or households) behind the amount; null when unknown (then it is never published) */
  contributors: number | null;
  /** the largest contributions, largest first (at least `dominanceN` of them when there are that many) */
  largest: number[];
}

/** Whether an amount may be published, and if not, why and how wide the outsider's range must stay around it. */
export function amountSensitivity(a: AmountInput, rule: AmountRule): { reason: 'few_contributors' | 'dominance' | null; protection: number } {
  const value = Math.max(0, a.value);
  if (a.contributors === 0 && value === 0) return { reason: null, protection: 0 };
  const margin = Math.max(1, Math.ceil(value * fewContributorsMargin));
  if (a.contributors === null || a.contributors < rule.minContributors) return { reason: 'few_contributors', protection: margin };
  const top = a.largest.slice(0, rule.dominanceN).reduce((s, v) => s + Math.max(0, v), 0);
  if (value > 0 && 100 * top > rule.dominanceK * value) {
    // tau-Argus' protection level for the (n,k) rule: what would have to be added to make the cell safe.
    return { reason: 'dominance', protection: Math.max(margin, Math.ceil((100 / rule.dominanceK) * top - value)) };
  }
  return { reason: null, protection: 0 };
}

/**
 * What is known of a sum of amounts (a wijk over several months, a municipality over a year): at least as many
 * people as the largest part has, and, since one person may be behind the largest contributions of every part,
 * at most the sum of each part's largest contributions (an unknown part: all of it) as the largest ones.
 * Cautious on purpose: a sum is never judged safer than it can be.
 */
export function aggregateAmounts(parts: AmountInput[], rule: AmountRule): AmountInput {
  const value = parts.reduce((s, p) => s + p.value, 0);
  const known = parts.filter((p) => p.contributors !== null).map((p) => p.contributors!);
  const top = parts.reduce(
    (s, p) => s + (p.contributors === null ? Math.max(0, p.value) : p.largest.slice(0, rule.dominanceN).reduce((a, v) => a + Math.max(0, v), 0)),
    0,
  );
  const contributors = known.length === parts.length || known.some((k) => k >= rule.minContributors) ? Math.max(0, ...known) : null;
  return { value, contributors, largest: [Math.min(top, Math.max(0, value))] };
}

/**
 * What an outsider learns about each entry of a published amount table: every hidden entry is an amount of 0 or
 * more, shown entries are exact; interval propagation over every line.
 */
export function deriveAmountBounds(values: number[], states: CellState[], rows: number, cols: number): Bounds[] {
  const { lines } = layout(rows, cols);
  const bounds: Bounds[] = values.map((v, i) => (states[i] === 'shown' ? { lo: v, hi: v } : { lo: 0, hi: Infinity }));
  for (let pass = 0; pass < 200; pass++) {
    let changed = false;
    const tighten = (i: number, lo: number, hi: number) => {
      const b = bounds[i]!;
      const nlo = Math.max(b.lo, lo);
      const nhi = Math.min(b.hi, hi);
      // Amounts in cents are whole, but a hair of float error must not count as information.
      if (nlo > b.lo + 1e-9 || nhi < b.hi - 1e-9) {
        b.lo = nlo;
        b.hi = nhi;
        changed = true;
      }
    };
    for (const line of lines) {
      const sumLo = line.parts.reduce((a, p) => a + bounds[p]!.lo, 0);
      const sumHi = line.parts.reduce((a, p) => a + bounds[p]!.hi, 0);
      tighten(line.total, sumLo, sumHi);
      const total = bounds[line.total]!;
      for (const p of line.parts) {
        const othersLo = sumLo - bounds[p]!.lo;
        const othersHi = line.parts.reduce((a, q) => (q === p ? a : a + bounds[q]!.hi), 0);
        tighten(p, total.lo - othersHi, total.hi - othersLo);
      }
    }
    if (!changed) break;
  }
  return bounds;
}

/**
 * Protects a table of amounts (rows × columns, e.g. wijken × months) published with its row totals, column
 * totals (`colTotals`: what is known of them, e.g. the municipality's own figures; their values must be the
 * column sums) and grand total. Primary suppression by the minimum-contributors and dominance rules (row totals
 * and the grand total judged cautiously, see aggregateAmounts); then secondary suppression: while an outsider can
 * narrow a hidden amount to within its protection range from the published totals, one more entry on a line
 * through it is hidden (the smallest shown cell that is at least as large as the protection still needed, else
 * the largest; inner cells before totals).
 */
export function protectAmountTable(cells: AmountInput[][], colTotals: AmountInput[], rule: AmountRule): ProtectedTable {
  const rows = cells.length;
  const cols = cells[0]?.length ?? 0;
  const { lines, linesOf, cell, rowTotal, colTotal, grand } = layout(rows, cols);
  const rowAgg = cells.map((row) => aggregateAmounts(row, rule));
  const grandAgg = aggregateAmounts(colTotals, rule);
  const inputs: AmountInput[] = [...cells.flat(), ...rowAgg, ...colTotals, grandAgg];
  const values = inputs.map((a) => a.value);
  const sensitivity = inputs.map((a) => amountSensitivity(a, rule));
  const states: CellState[] = sensitivity.map((s) => (s.reason ? 'primary' : 'shown'));
  const isTotal = (i: number) => i >= rows * cols;

  const pick = (members: number[], need: number): number | undefined => {
    const candidates = members.filter((m) => states[m] === 'shown');
    if (candidates.length === 0) return undefined;
    const rank = (m: number) => [isTotal(m) ? 1 : 0, values[m]! >= need && values[m]! > 0 ? 0 : 1, values[m]! >= need ? values[m]! : -values[m]!, m];
    candidates.sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
      return 0;
    });
    return candidates[0];
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const members = [...line.parts, line.total];
      const hidden = members.filter((m) => states[m] !== 'shown');
      if (hidden.length === 1) {
        const p = pick(members, sensitivity[hidden[0]!]!.protection);
        if (p !== undefined) {
          states[p] = 'secondary';
          changed = true;
        }
      }
    }
  }

  for (let guard = 0; guard < values.length; guard++) {
    const bounds = deriveAmountBounds(values, states, rows, cols);
    const exposed = states.findIndex((s, i) => {
      if (s !== 'primary') return false;
      const { protection } = sensitivity[i]!;
      const b = bounds[i]!;
      return b.hi < values[i]! + protection - 1e-9 || b.lo > Math.max(0, values[i]! - protection) + 1e-9;
    });
    if (exposed < 0) break;
    const b = bounds[exposed]!;
    const need = Math.max(0, values[exposed]! + sensitivity[exposed]!.protection - b.hi, b.lo - (values[exposed]! - sensitivity[exposed]!.protection));
    let choice: number | undefined;
    const seenLines = new Set<number>();
    const queue = [...linesOf[exposed]!];
    while (queue.length > 0 && choice === undefined) {
      const li = queue.shift()!;
      if (seenLines.has(li)) continue;
      seenLines.add(li);
      const members = [...lines[li]!.parts, lines[li]!.total];
      choice = pick(members, need);
      if (choice === undefined) for (const m of members) queue.push(...linesOf[m]!);
    }
    if (choice === undefined) break;
    states[choice] = 'secondary';
  }

  const at = (i: number): ProtectedCell => {
    const state = states[i]!;
    const reason = sensitivity[i]!.reason;
    return state === 'primary' && reason ? { value: values[i]!, state, reason } : { value: values[i]!, state };
  };
  return {
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => at(cell(r, c)))),
    rowTotals: Array.from({ length: rows }, (_, r) => at(rowTotal(r))),
    colTotals: Array.from({ length: cols }, (_, c) => at(colTotal(c))),
    grandTotal: at(grand),
  };
}
