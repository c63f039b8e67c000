import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../test/support/db.ts';
import { systemActor, type Actor } from '../src/platform/actor.ts';
import { seedDemo } from '../src/platform/demo.ts';
import { organisations } from '../src/platform/schema.ts';
import { createIntake } from '../src/modules/referrals/index.ts';
import { collectReferralMetrics } from '../src/modules/referrals/metrics.ts';
import { workList } from '../src/modules/referrals/queries.ts';

/**
 * Referrals: intake throughput, and how the work list and the figures grow with the number of open referrals.
 * Reports ratios measured in this run (work list at N versus N/10), so shared machines do not skew the result.
 */
export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const total = Math.max(20, Math.round(2000 * scale));
  const { db, cleanup } = await createTestDatabase();
  try {
    await seedDemo(db, 'Bench-wachtwoord-123');
    const [swt] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.code, 'SWT')));
    const caseWorker: Actor = {
      kind: 'user',
      userId: '00000000-0000-4000-8000-000000000000',
      displayName: 'bench',
      organisationId: swt!.id,
      organisationKind: 'neighbourhood_team',
      roles: ['case_worker'],
      municipalities: ['GM0505'],
      origin: null,
    };
    const intake = (i: number) =>
      createIntake(db, systemActor('bench'), {
        municipalityCode: 'GM0505',
        route: 'selftest',
        theme: i % 3 ? 'money_debts' : 'housing',
        question: `Contactverzoek ${i}`,
        contact: { name: `Inwoner ${i}`, phone: '0612345678' },
        consent: { given: true, text: 'Toestemming om te delen met het wijkteam.' },
      });
    const timeWorkList = async () => {
      const started = performance.now();
      const list = await workList(db, caseWorker);
      return { ms: performance.now() - started, items: list.incoming.length };
    };
    const tenth = Math.round(total / 10);
    let started = performance.now();
    for (let i = 0; i < tenth; i += 1) await intake(i);
    const small = await timeWorkList();
    for (let i = tenth; i < total; i += 1) await intake(i);
    const intakeSeconds = (performance.now() - started) / 1000;
    const large = await timeWorkList();
    started = performance.now();
    const figures = await collectReferralMetrics(db, { fromMonth: '2000-01', toMonth: '2100-12' });
    const figuresMs = performance.now() - started;
    return {
      referrals: total,
      intakesPerSecond: Math.round(total / intakeSeconds),
      worklistMsAtTenth: Math.round(small.ms),
      worklistItemsAtTenth: small.items,
      worklistMsAtFull: Math.round(large.ms),
      worklistItemsAtFull: large.items,
      worklistGrowthRatio: Number((large.ms / small.ms).toFixed(2)),
      figuresMs: Math.round(figuresMs),
      figureValues: figures.length,
      database: db.kind,
    };
  } finally {
    await cleanup();
  }
}
