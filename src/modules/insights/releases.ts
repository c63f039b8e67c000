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
import { assertMunicipality, can } from '../../platform/authz.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { DEFAULT_MUNICIPALITY } from '../../platform/municipalities.ts';
import type { ReleaseState, releaseInput } from './contract.ts';
import { insightsError } from './messages.ts';
import { halfYearMonths, parsePeriod } from './periods.ts';
import { figuresFor, type MeasureFigure } from './queries.ts';
import { insightsSettings } from './settings.ts';
import { insightsMeasures, insightsReleaseCells, insightsReleases } from './schema.ts';

export type Release = typeof insightsReleases.$inferSelect;
export type ReleaseCell = Omit<typeof insightsReleaseCells.$inferSelect, 'releaseId' | 'state'> & { state: ReleaseState };

/** The months of a release period: a half year (2021-H1), a quarter, a month or a year. Null when it is none. */
export function releaseMonths(period: string): { fromMonth: string; toMonth: string } | null {
  const half = halfYearMonths(period);
  if (half) return half;
  const p = parsePeriod(period);
  if (!p || p.code !== period) return null;
  return { fromMonth: p.startsOn.slice(0, 7), toMonth: p.endsOn.slice(0, 7) };
}

/** What a published figure is: shown, hidden as a small count, hidden to protect one, or without data. Pure. */
export function releaseState(figure: MeasureFigure): ReleaseState {
  if (figure.value !== null) return 'shown';
  if (figure.display === 'geen cijfers') return 'missing';
  if (figure.display.startsWith('<')) return 'primary';
  return 'secondary';
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
  const codes = (await db.unaudited((q) => q.select({ code: insightsMeasures.code }).from(insightsMeasures).orderBy(asc(insightsMeasures.code)))).map(
    (m) => m.code,
  );
  const figures = await figuresFor(db, { measureCodes: codes, municipalityCode, ...months, ownTable: true }, threshold, insightsSettings().amountRule);
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
    trail.objectId = release!.id;
    trail.details = { ...trail.details, version: release!.version, figures: cells.length };
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
