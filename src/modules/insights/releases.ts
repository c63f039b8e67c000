/**
 * Frozen releases: once a period's figures are published (a council letter is approved, or someone runs
 * `vangnet insights publish 2021-H1`), they are computed once, stored, and read from there ever after. Later data
 * never change a release; they make a new version for that period, and only when asked.
 *
 * The protection of a release runs on that period's own table (the wijken × the months of the period, with the
 * municipality totals as margins), not on all time: so a visit in a later month cannot hide a figure of an
 * earlier, published period.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { assertCan, assertMunicipality, can } from '../../platform/authz.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { DEFAULT_MUNICIPALITY, municipalityName } from '../../platform/municipalities.ts';
import { regionCode, type Cell, type DashboardQuery, type DashboardResult, type ReleaseState, type releaseInput } from './contract.ts';
import { insightsError } from './messages.ts';
import { dashboard, figuresFor, protectionNote, type MeasureFigure } from './queries.ts';
import { getMeasure, toMeasure } from './referenceQueries.ts';
import { protectedBase, protectedKind } from './baseQueries.ts';
import type { MeasureRecord } from './catalogue.ts';
import { releaseSpan } from './domain/frozen.ts';
import type { ProtectedBase } from './domain/protectedBase.ts';
import { releaseHeads, storeReleaseBases } from './frozenBases.ts';
import { defaultAmountRule, type AmountRule } from './suppression.ts';
import { insightsSettings } from './settings.ts';
import { insightsMeasures, insightsReleaseCells, insightsReleases } from './schema.ts';

export type Release = typeof insightsReleases.$inferSelect;
export type ReleaseCell = Omit<typeof insightsReleaseCells.$inferSelect, 'releaseId' | 'state'> & { state: ReleaseState };

/** The months of a release period: a half year (2021-H1), a quarter, a month or a year. Null when it is none. */
export function releaseMonths(period: string): { fromMonth: string; toMonth: string } | null {
  const span = releaseSpan(period);
  return span && { fromMonth: span.startsOn.slice(0, 7), toMonth: span.endsOn.slice(0, 7) };
}

/** What a published figure is: shown, hidden as a small count, hidden to protect one, or without data. Pure. */
export function releaseState(figure: MeasureFigure): ReleaseState {
  if (figure.value !== null) return 'shown';
  if (figure.display === 'geen cijfers') return 'missing';
  if (figure.display.startsWith('<')) return 'primary';
  return 'secondary';
}

/**
 * The protected base tables a release is computed from, to keep with it: every count and amount at wijk level on
 * the period's own table, and a count with buurt figures also at buurt level. The live dashboard shows the period
 * from these (domain/frozen.ts).
 */
async function releaseBases(
  db: Database,
  measures: MeasureRecord[],
  municipalityCode: string,
  releasePeriod: string,
  span: { startsOn: string; endsOn: string },
  threshold: number,
  rule: AmountRule,
): Promise<{ measureCode: string; level: 'wijk' | 'buurt'; base: ProtectedBase }[]> {
  const out: { measureCode: string; level: 'wijk' | 'buurt'; base: ProtectedBase }[] = [];
  const heads = (await releaseHeads(db, [municipalityCode])).get(municipalityCode) ?? [];
  for (const m of measures) {
    const kind = protectedKind(m);
    if (!kind) continue;
    const base = await protectedBase(db, m, municipalityCode, threshold, { span, rule, releasePeriod, heads });
    if (base.periods.length === 0) continue;
    out.push({ measureCode: m.code, level: 'wijk', base });
    if (kind === 'amount') continue;
    const buurt = await protectedBase(db, m, municipalityCode, threshold, { span, rule, releasePeriod, heads, level: 'buurt' });
    if (buurt.series.some((s) => s.code.startsWith('BU'))) out.push({ measureCode: m.code, level: 'buurt', base: buurt });
  }
  return out;
}

function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return actor.displayName;
  if (actor.kind === 'api_key') return `API-sleutel ${actor.apiKeyId}`;
  if (actor.kind === 'system') return `systeem (${actor.job})`;
  return 'onbekend';
}

/** An analyst publishes; so does a programme manager by approving a council letter; and the command line. */
function assertMayPublish(actor: Actor, municipalityCode: string): void {
  if (actor.kind === 'system') return;
  if (!can(actor, 'insights:manage') && !can(actor, 'programme:manage')) throw new ForbiddenError();
  assertMunicipality(actor, municipalityCode);
}

function toCell(row: typeof insightsReleaseCells.$inferSelect): ReleaseCell {
  const { releaseId: _r, ...cell } = row;
  return { ...cell, state: row.state as ReleaseState };
}

/**
 * Publishes the figures of every measure of one municipality over one period: computed now, on the period's own
 * table, and stored. A period published before is refused unless `again` is set; then a new version is made and the
 * old one stays exactly as it was. Audited (who, when, which version).
 */
export async function publishRelease(
  db: Database,
  actor: Actor,
  input: z.input<typeof releaseInput>,
  threshold: number,
): Promise<Release & { cells: ReleaseCell[] }> {
  const municipalityCode = input.municipality ?? DEFAULT_MUNICIPALITY;
  assertMayPublish(actor, municipalityCode);
  const months = releaseMonths(input.period);
  if (!months) throw insightsError('release_period_invalid');
  const latest = await latestRelease(db, municipalityCode, input.period);
  if (latest && !input.again) throw insightsError('release_exists', { period: input.period, version: String(latest.version) });
  // Months another published period holds are taken as it published them (a month is frozen once); a new version
  // of this period is a new table of it.
  const span = releaseSpan(input.period)!;
  const measures = (await db.unaudited((q) => q.select().from(insightsMeasures).orderBy(asc(insightsMeasures.code)))).map(toMeasure);
  const rule = insightsSettings().amountRule;
  const figures = await figuresFor(
    db,
    { measureCodes: measures.map((m) => m.code), municipalityCode, ...months, releasePeriod: input.period },
    threshold,
    rule,
  );
  const bases = await releaseBases(db, measures, municipalityCode, input.period, span, threshold, rule);
  return db.audited(actor, { action: 'create', objectType: 'insights_release', municipalityCode, details: { period: input.period } }, async (tx, trail) => {
    const [top] = await tx
      .select({ version: insightsReleases.version })
      .from(insightsReleases)
      .where(and(eq(insightsReleases.municipalityCode, municipalityCode), eq(insightsReleases.period, input.period)))
      .orderBy(desc(insightsReleases.version))
      .limit(1);
    if (top && !input.again) throw insightsError('release_exists', { period: input.period, version: String(top.version) });
    const [release] = await tx
      .insert(insightsReleases)
      .values({
        municipalityCode,
        period: input.period,
        version: (top?.version ?? 0) + 1,
        threshold,
        publishedBy: actorLabel(actor),
        publishedAt: db.clock.now(),
        note: input.note ?? '',
      })
      .returning();
    const cells = figures.map((f) => ({
      releaseId: release!.id,
      measureCode: f.code,
      areaCode: municipalityCode,
      name: f.name,
      unit: f.unit,
      value: f.value,
      state: releaseState(f),
      display: f.display,
    }));
    if (cells.length) await tx.insert(insightsReleaseCells).values(cells);
    const entries = await storeReleaseBases(tx, release!.id, bases);
    trail.objectId = release!.id;
    trail.details = { ...trail.details, version: release!.version, figures: cells.length, tableEntries: entries };
    return { ...release!, cells: cells.map(toCell) };
  });
}

/** The newest version of a period's release, or null when the period was never published. */
export async function latestRelease(db: Database, municipalityCode: string, period: string): Promise<Release | null> {
  const [row] = await db.unaudited((q) =>
    q
      .select()
      .from(insightsReleases)
      .where(and(eq(insightsReleases.municipalityCode, municipalityCode), eq(insightsReleases.period, period)))
      .orderBy(desc(insightsReleases.version))
      .limit(1),
  );
  return row ?? null;
}

export async function listReleases(db: Database, actor: Actor, filter: { municipality: string; period?: string }): Promise<Release[]> {
  if (actor.kind !== 'system') assertMunicipality(actor, filter.municipality);
  return db.unaudited((q) =>
    q
      .select()
      .from(insightsReleases)
      .where(and(eq(insightsReleases.municipalityCode, filter.municipality), filter.period ? eq(insightsReleases.period, filter.period) : undefined))
      .orderBy(asc(insightsReleases.period), asc(insightsReleases.version)),
  );
}

export async function getRelease(db: Database, actor: Actor | null, id: string): Promise<Release & { cells: ReleaseCell[] }> {
  const [row] = await db.unaudited((q) => q.select().from(insightsReleases).where(eq(insightsReleases.id, id)));
  if (!row) throw insightsError('release_not_found');
  if (actor && actor.kind !== 'system') assertMunicipality(actor, row.municipalityCode);
  const cells = await db.unaudited((q) =>
    q.select().from(insightsReleaseCells).where(eq(insightsReleaseCells.releaseId, id)).orderBy(asc(insightsReleaseCells.measureCode)),
  );
  return { ...row, cells: cells.map(toCell) };
}

/** The published figures of some measures, in the order asked; a measure the release does not hold is left out. */
export async function releaseFigures(db: Database, releaseId: string, municipalityCode: string, measureCodes: string[]): Promise<MeasureFigure[]> {
  if (measureCodes.length === 0) return [];
  const rows = await db.unaudited((q) =>
    q
      .select()
      .from(insightsReleaseCells)
      .where(
        and(
          eq(insightsReleaseCells.releaseId, releaseId),
          eq(insightsReleaseCells.areaCode, municipalityCode),
          inArray(insightsReleaseCells.measureCode, measureCodes),
        ),
      ),
  );
  return measureCodes.flatMap((code) => {
    const r = rows.find((x) => x.measureCode === code);
    return r ? [{ code, name: r.name, unit: r.unit, value: r.value, display: r.display }] : [];
  });
}

/** The newest release of a municipality, whatever its period (the last one published), or null. */
export async function newestRelease(db: Database, municipalityCode: string): Promise<Release | null> {
  const [row] = await db.unaudited((q) =>
    q
      .select()
      .from(insightsReleases)
      .where(eq(insightsReleases.municipalityCode, municipalityCode))
      .orderBy(desc(insightsReleases.publishedAt), desc(insightsReleases.version))
      .limit(1),
  );
  return row ?? null;
}

/**
 * The dashboard of a release: the municipality's frozen figure of the measure over the release's period, exactly
 * as it was published (read from the release, never recomputed), with which release it is. Pure.
 */
export function releaseDashboard(
  head: Omit<DashboardResult, 'periods' | 'rows' | 'totals' | 'grandTotal' | 'totalLabel' | 'benchmarks' | 'release'>,
  release: Release & { cells: ReleaseCell[] },
): DashboardResult {
  const frozen = release.cells.find((c) => c.measureCode === head.measure.code && c.areaCode === release.municipalityCode);
  const cell: Cell =
    !frozen || frozen.state === 'missing'
      ? { value: null, display: frozen?.display ?? 'geen cijfers', suppressed: null, reason: null }
      : frozen.state === 'shown'
        ? { value: frozen.value, display: frozen.display, suppressed: null, reason: null }
        : frozen.state === 'primary'
          ? { value: null, display: frozen.display, suppressed: 'primary', reason: 'small_count' }
          : { value: null, display: frozen.display, suppressed: 'secondary', reason: head.measure.unit === 'count' ? 'secondary' : 'built_on_hidden' };
  return {
    ...head,
    municipalityCode: release.municipalityCode,
    level: 'municipality',
    from: release.period,
    to: release.period,
    threshold: release.threshold,
    periods: [release.period],
    rows: [{ areaCode: release.municipalityCode, name: municipalityName(release.municipalityCode), cells: [cell], total: cell, sharePercent: null }],
    totals: null,
    grandTotal: null,
    totalLabel: 'Totaal',
    benchmarks: [],
    release: {
      id: release.id,
      period: release.period,
      version: release.version,
      publishedAt: release.publishedAt.toISOString(),
      publishedBy: release.publishedBy,
      note: release.note,
    },
  };
}

/**
 * The dashboard as asked: live figures (queries.ts `dashboard`), or with `release` the frozen figures of a
 * published release (`latest`: the municipality's newest), which later data never change.
 */
export async function dashboardOrRelease(
  db: Database,
  actor: Actor,
  query: DashboardQuery,
  threshold: number,
  rule: AmountRule = defaultAmountRule,
): Promise<DashboardResult> {
  if (!query.release) return dashboard(db, actor, query, threshold, rule);
  assertCan(actor, 'insights:read');
  if (query.municipality === regionCode) throw insightsError('release_per_municipality');
  let id = query.release;
  if (id === 'latest') {
    assertMunicipality(actor, query.municipality);
    const newest = await newestRelease(db, query.municipality);
    if (!newest) throw insightsError('release_none', { municipality: municipalityName(query.municipality) });
    id = newest.id;
  }
  const release = await getRelease(db, actor, id);
  const measure = await db.unaudited((q) => getMeasure(q, query.measure));
  return releaseDashboard(
    {
      measure,
      municipalityCode: release.municipalityCode,
      level: 'municipality',
      granularity: query.granularity,
      from: release.period,
      to: release.period,
      threshold: release.threshold,
      protection: protectionNote(measure, release.threshold, rule, 'municipality'),
    },
    release,
  );
}
