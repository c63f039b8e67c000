/**
 * The stored base tables of releases (`insights_release_base`): written when a period is published, read by the
 * live dashboard for the months a release holds (see domain/frozen.ts).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { contains, freezingReleases, frozenEntries, takeFrozen, withinAny, type FrozenEntry, type ReleaseHead } from './domain/frozen.ts';
import type { ProtectedBase } from './domain/protectedBase.ts';
import { insightsReleaseBase, insightsReleases } from './schema.ts';

/** Every release of some municipalities (a few a year each): which months are frozen. */
export async function releaseHeads(db: Database, municipalityCodes: string[]): Promise<Map<string, ReleaseHead[]>> {
  const rows = await db.unaudited((q) =>
    q
      .select({
        id: insightsReleases.id,
        municipalityCode: insightsReleases.municipalityCode,
        period: insightsReleases.period,
        version: insightsReleases.version,
        publishedAt: insightsReleases.publishedAt,
      })
      .from(insightsReleases)
      .where(inArray(insightsReleases.municipalityCode, municipalityCodes)),
  );
  const out = new Map<string, ReleaseHead[]>();
  for (const { municipalityCode, ...head } of rows) out.set(municipalityCode, [...(out.get(municipalityCode) ?? []), head]);
  return out;
}

/** The frozen months of a measure in one municipality: the spans the releases hold and their stored entries. */
export interface Frozen {
  /** Names what was read (the releases, measure, level and span), for keeping what is made from it. */
  key: string;
  spans: { startsOn: string; endsOn: string }[];
  entries: FrozenEntry[];
}

/**
 * The frozen entries of one measure at one level from the releases that freeze months (null when none holds any),
 * within `span` when given; `releasePeriod` is a period being published again (see takeFrozen's `reserve`). A release without a buurt table for the measure (it had no buurt figures) gives its wijk
 * table at buurt level. A release that holds no table of the measure (no figures then, or published before tables
 * were kept) freezes none of its months: they stay live, as its period figure was all it published of them.
 */
export async function frozenOf(
  db: Database,
  heads: ReleaseHead[],
  measureCode: string,
  level: 'wijk' | 'buurt',
  span?: { startsOn: string; endsOn: string },
  releasePeriod?: string,
): Promise<Frozen | null> {
  const freezing = freezingReleases(heads);
  if (freezing.length === 0) return null;
  // A release never changes once stored (a correction is a new release with a new id), so what was read for these
  // releases is kept: the key names every release, the measure, the level, the span and the period being published.
  const key = JSON.stringify([freezing.map((r) => r.id), measureCode, level, span ?? null, releasePeriod ?? null]);
  if (frozenCache.has(key)) return frozenCache.get(key)!;
  const found = await readFrozen(db, key, freezing, measureCode, level, span, releasePeriod);
  frozenCache.set(key, found);
  if (frozenCache.size > 64) frozenCache.delete(frozenCache.keys().next().value!);
  return found;
}

const frozenCache = new Map<string, Frozen | null>();

async function readFrozen(
  db: Database,
  key: string,
  freezing: ReturnType<typeof freezingReleases>,
  measureCode: string,
  level: 'wijk' | 'buurt',
  span?: { startsOn: string; endsOn: string },
  releasePeriod?: string,
): Promise<Frozen | null> {
  const rows = await db.unaudited((q) =>
    q
      .select()
      .from(insightsReleaseBase)
      .where(
        and(
          inArray(
            insightsReleaseBase.releaseId,
            freezing.map((r) => r.id),
          ),
          eq(insightsReleaseBase.measureCode, measureCode),
        ),
      ),
  );
  const { entries, spans } = takeFrozen(
    freezing.map((r) => {
      // The period being published again: its months are for the new version to protect, from no other release.
      if (r.period === releasePeriod) return { entries: [], reserve: r.span };
      const own = rows.filter((e) => e.releaseId === r.id);
      const atLevel = own.filter((e) => e.level === level);
      return { entries: atLevel.length > 0 || level === 'wijk' ? atLevel : own.filter((e) => e.level === 'wijk') };
    }),
  );
  const inSpan = (code: string) => !span || withinAny(code, [span]);
  const held = entries.filter((e) => inSpan(e.periodCode));
  if (held.length === 0) return null;
  return {
    key,
    spans: spans.filter((x) => !span || contains(span, x)),
    entries: held,
  };
}

/** Stores the protected base tables a release was computed from, with the release (in its transaction). */
export async function storeReleaseBases(
  tx: Tx,
  releaseId: string,
  bases: { measureCode: string; level: 'wijk' | 'buurt'; base: ProtectedBase }[],
): Promise<number> {
  const rows = bases.flatMap(({ measureCode, level, base }) => frozenEntries(base).map((e) => ({ releaseId, measureCode, level, ...e })));
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(insightsReleaseBase).values(rows.slice(i, i + 1000));
  return rows.length;
}
