import { and, gte, inArray, lte } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../../platform/actor.ts';
import type { MeasureDefinition, MetricValue } from '../contracts.ts';
import { defaultCategories } from './domain.ts';
import { childBudgets, passes, passTargetGroups, passTransactions } from './schema.ts';

const owner = 'Dienstverlening Drechtsteden (Dordtpas)';

export const passMeasures: MeasureDefinition[] = [
  { code: 'pass.holders', name: 'Pashouders (volwassenen)', unit: 'count', description: 'Houders van een geldige Dordtpas in de maand, alle routes.', owner },
  {
    code: 'pass.holders_low_income',
    name: 'Pashouders met laag inkomen',
    unit: 'count',
    description: 'Houders van een gratis Dordtpas op inkomen (tot 140% van het sociaal minimum).',
    owner,
  },
  {
    code: 'pass.target_group_adults',
    name: 'Doelgroep volwassenen',
    unit: 'count',
    description: 'Volwassenen met een inkomen tot 140% van het sociaal minimum (opgave per jaar).',
    owner,
  },
  {
    code: 'pass.reach_percent',
    name: 'Bereik doelgroep',
    unit: 'percent',
    description: 'Pashouders met laag inkomen als percentage van de doelgroep volwassenen.',
    owner,
  },
  {
    code: 'pass.children_with_budget',
    name: 'Kinderen met kindtegoed',
    unit: 'count',
    description: 'Kinderen met een kindtegoed op een geldige pas in het jaar.',
    owner,
  },
  {
    code: 'pass.children_used_budget',
    name: 'Kinderen die kindtegoed gebruikten',
    unit: 'count',
    description: 'Kinderen met minstens één betaling van 1 januari tot en met het eind van de maand.',
    owner,
  },
  // Every category, also those not allowed today: which ones are allowed is configuration and may change.
  ...defaultCategories.map((c) => ({
    code: `pass.child_budget_spent_cents.${c.code}`,
    name: `Besteed kindtegoed: ${c.name.toLowerCase()}`,
    unit: 'cents' as const,
    description: `Betalingen min terugbetalingen met kindtegoed in de categorie ${c.name.toLowerCase()}, per maand.`,
    owner,
  })),
];

export function monthsBetween(fromMonth: string, toMonth: string): string[] {
  const out: string[] = [];
  let [y, m] = fromMonth.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > toMonth) break;
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function amsterdamMonth(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' }).format(instant);
}

function amsterdamDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * The day each pass started to count: the day it was issued (a pass of the whole year approved on 1 December
 * counts from December, not from January), and for a replacement of a lost pass the day the first pass was
 * issued, so the holder is counted without a gap. Pure.
 */
export function passStarts(rows: { id: string; validFrom: string; createdAt: Date; replacesPassId: string | null }[]): Map<string, string> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, string>();
  for (const r of rows) {
    let first = r;
    for (let guard = 0; first.replacesPassId && byId.has(first.replacesPassId) && guard < 50; guard++) first = byId.get(first.replacesPassId)!;
    const issued = amsterdamDay(first.createdAt);
    out.set(r.id, [issued, r.validFrom].sort()[1]!);
  }
  return out;
}

/** Adds one to a counter keyed by municipality, area and month. */
class Tally {
  readonly #map = new Map<string, MetricValue>();
  add(measure: string, municipalityCode: string, areaCode: string | null, month: string, value: number): void {
    const key = `${measure}|${municipalityCode}|${areaCode ?? ''}|${month}`;
    const found = this.#map.get(key);
    if (found) found.value += value;
    else this.#map.set(key, { measure, municipalityCode, areaCode, month, value });
  }
  values(): MetricValue[] {
    return [...this.#map.values()];
  }
}

/**
 * Anonymised figures per municipality, wijk and month. Computed over personal tables inside one audited export
 * by the system; only counts and sums leave this function.
 */
export async function collectPassMetrics(db: Database, range: { fromMonth: string; toMonth: string }): Promise<MetricValue[]> {
  const months = monthsBetween(range.fromMonth, range.toMonth);
  if (!months.length) return [];
  const firstDay = `${months[0]}-01`;
  const lastDay = monthEnd(months[months.length - 1]!);
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  return db.audited(systemActor('metrics'), { action: 'export', objectType: 'pass_metrics', details: { ...range } }, async (tx) => {
    const tally = new Tally();
    const passRows = await tx
      .select({
        municipalityCode: passes.municipalityCode,
        areaCode: passes.areaCode,
        route: passes.route,
        id: passes.id,
        status: passes.status,
        validFrom: passes.validFrom,
        validTo: passes.validTo,
        createdAt: passes.createdAt,
        replacesPassId: passes.replacesPassId,
      })
      .from(passes)
      .where(and(lte(passes.validFrom, lastDay), gte(passes.validTo, firstDay)));
    const startOf = passStarts(passRows);
    for (const month of months) {
      const start = `${month}-01`;
      const end = monthEnd(month);
      for (const p of passRows) {
        // A lost pass is counted through its replacement: one holder, one pass.
        if (p.status === 'lost' || startOf.get(p.id)! > end || p.validTo < start) continue;
        tally.add('pass.holders', p.municipalityCode, p.areaCode, month, 1);
        if (p.route === 'income') tally.add('pass.holders_low_income', p.municipalityCode, p.areaCode, month, 1);
      }
    }
    const targets = await tx.select().from(passTargetGroups).where(inArray(passTargetGroups.year, years));
    for (const month of months) {
      for (const t of targets.filter((t) => t.year === Number(month.slice(0, 4)))) {
        tally.add('pass.target_group_adults', t.municipalityCode, null, month, t.adults);
        const holders = tally
          .values()
          .filter((v) => v.measure === 'pass.holders_low_income' && v.municipalityCode === t.municipalityCode && v.month === month)
          .reduce((s, v) => s + v.value, 0);
        // A decimal, not rounded here: 5 of 9,795 is 0.05%, not 0.
        if (t.adults > 0) tally.add('pass.reach_percent', t.municipalityCode, null, month, (100 * holders) / t.adults);
      }
    }
    const budgets = await tx
      .select({
        id: childBudgets.id,
        passId: childBudgets.passId,
        municipalityCode: childBudgets.municipalityCode,
        areaCode: childBudgets.areaCode,
        year: childBudgets.year,
        createdAt: childBudgets.createdAt,
      })
      .from(childBudgets)
      .where(inArray(childBudgets.year, years));
    for (const month of months) {
      const end = monthEnd(month);
      for (const b of budgets) {
        // From the day the budget was granted on a pass that had started, never before.
        const from = [startOf.get(b.passId) ?? amsterdamDay(b.createdAt), amsterdamDay(b.createdAt)].sort()[1]!;
        if (b.year === Number(month.slice(0, 4)) && from <= end) tally.add('pass.children_with_budget', b.municipalityCode, b.areaCode, month, 1);
      }
    }
    const yearStart = new Date(`${Math.min(...years)}-01-01T00:00:00+01:00`);
    const spending = await tx
      .select({
        kind: passTransactions.kind,
        budgetId: passTransactions.budgetId,
        category: passTransactions.category,
        amountCents: passTransactions.amountCents,
        municipalityCode: passTransactions.municipalityCode,
        areaCode: passTransactions.areaCode,
        occurredAt: passTransactions.occurredAt,
      })
      .from(passTransactions)
      .where(and(inArray(passTransactions.kind, ['charge', 'refund']), gte(passTransactions.occurredAt, yearStart)));
    // Per amount: what each child's budget added to it, so insights knows how many children are behind it.
    const perChild = new Map<string, { value: MetricValue; byBudget: Map<string, number> }>();
    const firstChargeMonth = new Map<string, { month: string; municipalityCode: string; areaCode: string | null }>();
    for (const s of spending) {
      const month = amsterdamMonth(s.occurredAt);
      if (s.kind === 'charge') {
        const earlier = firstChargeMonth.get(s.budgetId);
        if (!earlier || month < earlier.month) firstChargeMonth.set(s.budgetId, { month, municipalityCode: s.municipalityCode, areaCode: s.areaCode });
      }
      if (!months.includes(month)) continue;
      const measure = `pass.child_budget_spent_cents.${s.category}`;
      const key = `${measure}|${s.municipalityCode}|${s.areaCode ?? ''}|${month}`;
      const entry = perChild.get(key) ?? {
        value: { measure, municipalityCode: s.municipalityCode, areaCode: s.areaCode, month, value: 0 },
        byBudget: new Map(),
      };
      const amount = s.kind === 'charge' ? s.amountCents : -s.amountCents;
      entry.value.value += amount;
      entry.byBudget.set(s.budgetId, (entry.byBudget.get(s.budgetId) ?? 0) + amount);
      perChild.set(key, entry);
    }
    for (const month of months) {
      for (const first of firstChargeMonth.values()) {
        if (first.month.slice(0, 4) === month.slice(0, 4) && first.month <= month)
          tally.add('pass.children_used_budget', first.municipalityCode, first.areaCode, month, 1);
      }
    }
    const amounts = [...perChild.values()].map(({ value, byBudget }) => ({
      ...value,
      contributors: byBudget.size,
      largest: [...byBudget.values()].sort((a, b) => b - a).slice(0, 5),
    }));
    return [...tally.values(), ...amounts];
  });
}
