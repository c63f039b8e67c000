/**
 * Rates per 1,000 inhabitants next to counts of people (as waarstaatjegemeente.nl shows them), pure. A rate is
 * made only from a count that is shown: a hidden count's rate is hidden with the same state, so a rate never gives
 * back what suppression took away. Without a population figure for the area and year there is no rate
 * ("geen inwonertal").
 */
import type { Cell, RateCell } from '../contract.ts';

/** Inhabitants by `area|year`, e.g. `WK050504|2021` → 9,800. */
export type Population = Map<string, number>;

const nl = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The year a period code falls in: 2021-03, 2021-Q1 and 2021 → 2021. */
export const yearOf = (period: string) => Number(period.slice(0, 4));

/** A count per 1,000 inhabitants, one decimal; hidden when the count is. */
export function rateCell(count: Cell, inhabitants: number | undefined): RateCell {
  if (count.suppressed) return { value: null, display: 'afgeschermd', suppressed: count.suppressed, inhabitants: inhabitants ?? null };
  if (inhabitants === undefined) return { value: null, display: 'geen inwonertal', suppressed: null, inhabitants: null };
  if (count.value === null || inhabitants === 0) return { value: null, display: '–', suppressed: null, inhabitants };
  const value = Math.round((count.value / inhabitants) * 10_000) / 10;
  return { value, display: nl.format(value), suppressed: null, inhabitants };
}

/** The inhabitants of several areas together in a year; unknown when one of them is unknown. */
export function inhabitantsOf(population: Population, areas: string[], year: number): number | undefined {
  let sum = 0;
  for (const a of areas) {
    const n = population.get(`${a}|${year}`);
    if (n === undefined) return undefined;
    sum += n;
  }
  return areas.length ? sum : undefined;
}

type RatedTable = { periods: string[]; rows: { areaCode: string; cells: Cell[]; total: Cell | null }[]; totals: Cell[] | null; grandTotal: Cell | null };

/**
 * Puts a rate beside every count of a table: a period's count over the area's inhabitants in that period's year;
 * a total over the range over the inhabitants in the range's last year. The total row is divided by the
 * inhabitants of `totalAreas` together (the municipality, or the municipalities of the region).
 */
export function addRates<T extends RatedTable>(table: T, population: Population, totalAreas: string[]): T {
  const years = table.periods.map(yearOf);
  const lastYear = years[years.length - 1] ?? 0;
  const rated = (c: Cell, n: number | undefined): Cell => ({ ...c, rate: rateCell(c, n) });
  return {
    ...table,
    rows: table.rows.map((r) => ({
      ...r,
      cells: r.cells.map((c, i) => rated(c, population.get(`${r.areaCode}|${years[i]}`))),
      total: r.total ? rated(r.total, population.get(`${r.areaCode}|${lastYear}`)) : r.total,
    })),
    totals: table.totals ? table.totals.map((c, i) => rated(c, inhabitantsOf(population, totalAreas, years[i]!))) : table.totals,
    grandTotal: table.grandTotal ? rated(table.grandTotal, inhabitantsOf(population, totalAreas, lastYear)) : table.grandTotal,
  };
}
