import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/database.ts';
import { measureOnEachDatabase } from './_support.ts';
import { drechtsteden } from '../src/platform/demo.ts';
import { ensureInsightsReferenceData, ensurePeriods } from '../src/modules/insights/commands.ts';
import { dashboard } from '../src/modules/insights/queries.ts';
import { publishRelease } from '../src/modules/insights/releases.ts';
import { systemActor, type Actor } from '../src/platform/actor.ts';
import { baseSql, dashboardSql, forgetProtectedTables, regionBaseSql } from '../src/modules/insights/baseQueries.ts';
import { addMonths, monthsBetween, parsePeriod } from '../src/modules/insights/periods.ts';

/**
 * The main dashboard query (one measure, every wijk of a municipality, per quarter or month, over ten years of
 * monthly data) through `dashboard()` — query, table building, small-count suppression, rates — against the same
 * SQL run directly (`dashboardSql` at the view's granularity), in turns; then the region view (every Drechtsteden
 * wijk in one table, `municipality=drechtsteden`) against the same SQL over all its wijken.
 * `firstViewAfterChange` clears the memo of protected tables first, `baseReadSql` is the dashboard's own read. Synthetic data for all Drechtsteden neighbourhoods: 8-12 wijken per municipality and 5
 * buurten per wijk, three measures, 120 months (BENCH_SCALE scales the number of months).
 * PGlite always; PostgreSQL too when BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server.
 */
const scale = Number(process.env.BENCH_SCALE ?? 1);
const runs = scale < 0.2 ? 5 : 15;

const actor: Actor = {
  kind: 'user',
  userId: '00000000-0000-0000-0000-000000000001',
  displayName: 'Benchmark',
  organisationId: '00000000-0000-0000-0000-000000000002',
  organisationKind: 'other',
  roles: ['analyst'],
  municipalities: drechtsteden.map((m) => m.code),
  origin: null,
};

export async function fill(db: Database, months: string[]): Promise<number> {
  await ensureInsightsReferenceData(db);
  await db.unauditedTransaction((tx) => ensurePeriods(tx, months));
  // Synthetic wijken and buurten for the other municipalities (Dordrecht's wijken exist already).
  await db.maintenance(sql`
    insert into insights_areas (code, name, kind, municipality_code, parent_code)
    select 'WK' || substr(m.code, 3) || lpad(w::text, 2, '0'), m.name || ' wijk ' || w, 'wijk', m.code, m.code
    from insights_areas m, generate_series(1, 8) w
    where m.kind = 'municipality' and m.code <> 'GM0505'
    on conflict do nothing`);
  await db.maintenance(sql`
    insert into insights_areas (code, name, kind, municipality_code, parent_code)
    select 'BU' || substr(w.code, 3) || lpad(b::text, 2, '0'), w.name || ' buurt ' || b, 'buurt', w.municipality_code, w.code
    from insights_areas w, generate_series(1, 5) b
    where w.kind = 'wijk'
    on conflict do nothing`);
  const measures = ['sdd.debt_help_trajectories', 'taxes.reminders', 'sdd.social_assistance'];
  const first = months[0]!;
  const last = months[months.length - 1]!;
  for (const [i, measure] of measures.entries()) {
    // Buurt and wijk figures; roughly one wijk in six has small counts, so suppression has work to do.
    await db.maintenance(sql`
      insert into insights_observations (measure_code, area_code, period_code, value)
      select ${measure}, a.code, p.code,
             case when abs(hashtext(a.code)) % 6 = 0 then abs(hashtext(a.code || p.code)) % 9 + 1
                  else 20 + abs(hashtext(a.code || p.code || ${String(i)})) % 300 end
      from insights_areas a, insights_periods p
      where a.kind in ('wijk', 'buurt') and p.kind = 'month' and p.code between ${first} and ${last}
      on conflict do nothing`);
    await db.maintenance(sql`
      insert into insights_observations (measure_code, area_code, period_code, value, derived)
      select o.measure_code, a.municipality_code, o.period_code, sum(o.value), true
      from insights_observations o join insights_areas a on a.code = o.area_code
      where a.kind = 'wijk' and o.measure_code = ${measure}
      group by 1, 2, 3
      on conflict do nothing`);
  }
  await db.maintenance(sql`analyze`);
  const result = (await db.maintenance(sql`select count(*)::int as n from insights_observations`)) as { rows?: { n: number }[] } | { n: number }[];
  const rows = Array.isArray(result) ? result : (result.rows ?? []);
  return rows[0]?.n ?? 0;
}

/** Medians of two functions run in turns (so a change in the machine's load hits both alike). */
async function paired(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < 2; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    tb.push(performance.now() - t0);
  }
  const mid = (xs: number[]) => Math.round(xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]! * 100) / 100;
  return [mid(ta), mid(tb)];
}

const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 0.01)) * 100) / 100;

async function measure(db: Database) {
  const lastMonth = '2025-12';
  const months = monthsBetween(addMonths(lastMonth, -Math.max(11, Math.round(120 * scale)) + 1), lastMonth);
  const observations = await fill(db, months);
  const from = parsePeriod(months[0]!)!;
  const to = parsePeriod(lastMonth)!;
  const measureCode = 'sdd.debt_help_trajectories';
  const out: Record<string, unknown> = { months: months.length, observations };
  const viewSql = (granularity: 'quarter' | 'month', municipalityCodes: string[]) =>
    dashboardSql({ measure: measureCode, aggregation: 'sum', granularity, startsOn: from.startsOn, endsOn: to.endsOn, areaKind: 'wijk', municipalityCodes });
  const query = (municipality: string, granularity: 'quarter' | 'month') => ({
    measure: measureCode,
    municipality,
    level: 'wijk' as const,
    granularity,
    from: from.code,
    to: to.code,
  });
  for (const granularity of ['quarter', 'month'] as const) {
    const q = query('GM0505', granularity);
    const [viaDashboard, rawSql] = await paired(
      () => dashboard(db, actor, q, 10),
      () => db.maintenance(viewSql(granularity, ['GM0505'])),
    );
    // The first view after a change of the figures: the protection is computed, not taken from the memo.
    const [cold, baseRead] = await paired(
      async () => {
        forgetProtectedTables();
        await dashboard(db, actor, q, 10);
      },
      () => db.maintenance(baseSql(measureCode, 'GM0505', ['municipality', 'wijk'])),
    );
    const result = await dashboard(db, actor, q, 10);
    out[`dordrecht_wijken_per_${granularity}`] = {
      cells: result.rows.length * result.periods.length,
      hidden: result.rows.flatMap((r) => r.cells).filter((c) => c.suppressed).length,
      dashboardMedianMs: viaDashboard,
      sqlMedianMs: rawSql,
      ratio: ratio(viaDashboard, rawSql),
      firstViewAfterChangeMedianMs: cold,
      baseReadSqlMedianMs: baseRead,
    };
  }
  // The main query over all Drechtsteden wijken: the region view (municipality=drechtsteden, level=wijk; one read,
  // each municipality's table protected on its own) against the same SQL over all 60 wijken at once; and, for
  // comparison, the seven municipalities' own wijk views one after the other.
  const codes = drechtsteden.map((m) => m.code);
  const regionQuery = query('drechtsteden', 'quarter');
  const [regionDashboard, regionSql] = await paired(
    () => dashboard(db, actor, regionQuery, 10),
    () => db.maintenance(viewSql('quarter', codes)),
  );
  const [regionCold, regionBaseRead] = await paired(
    async () => {
      forgetProtectedTables();
      await dashboard(db, actor, regionQuery, 10);
    },
    () => db.maintenance(regionBaseSql(measureCode, codes, ['municipality', 'wijk'])),
  );
  const [sevenDashboards, perMunicipalitySql] = await paired(
    async () => {
      for (const code of codes) await dashboard(db, actor, query(code, 'quarter'), 10);
    },
    async () => {
      for (const code of codes) await db.maintenance(viewSql('quarter', [code]));
    },
  );
  const region = await dashboard(db, actor, regionQuery, 10);
  out.all_drechtsteden_wijken_per_quarter = {
    municipalities: codes.length,
    cells: region.rows.length * region.periods.length,
    hidden: region.rows.flatMap((r) => r.cells).filter((c) => c.suppressed).length,
    dashboardMedianMs: regionDashboard,
    sqlMedianMs: regionSql,
    ratio: ratio(regionDashboard, regionSql),
    firstViewAfterChangeMedianMs: regionCold,
    baseReadSqlMedianMs: regionBaseRead,
    sevenMunicipalDashboardsMedianMs: sevenDashboards,
    sqlPerMunicipalityMedianMs: perMunicipalitySql,
    ratioSevenToSqlPerMunicipality: ratio(sevenDashboards, perMunicipalitySql),
  };
  // Published periods: two years of Dordrecht frozen (releases), so the live view reads their months from the
  // releases and protects the other months on their own (baseQueries.ts withFrozen).
  for (const period of [lastMonth.slice(0, 4), String(Number(lastMonth.slice(0, 4)) - 1)])
    await publishRelease(db, systemActor('bench'), { period, municipality: 'GM0505', again: true }, 10);
  const published = query('GM0505', 'quarter');
  const [withReleases, withReleasesSql] = await paired(
    () => dashboard(db, actor, published, 10),
    () => db.maintenance(viewSql('quarter', ['GM0505'])),
  );
  const frozen = await dashboard(db, actor, published, 10);
  out.dordrecht_wijken_per_quarter_two_years_published = {
    cells: frozen.rows.length * frozen.periods.length,
    hidden: frozen.rows.flatMap((r) => r.cells).filter((c) => c.suppressed).length,
    dashboardMedianMs: withReleases,
    sqlMedianMs: withReleasesSql,
    ratio: ratio(withReleases, withReleasesSql),
  };
  return out;
}

export async function run(): Promise<Record<string, unknown>> {
  return { runs, ...(await measureOnEachDatabase(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL, measure)) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
