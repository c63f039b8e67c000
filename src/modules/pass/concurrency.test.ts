import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { systemActor, type Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { FakeClock } from '../../platform/clock.ts';
import { seedDemo } from '../../platform/demo.ts';
import { organisationMunicipalities, organisations, users, type Role } from '../../platform/schema.ts';
import { decideApplication, submitApplication } from './applications.ts';
import { chargePass } from './charges.ts';
import { seedPassDemo } from './demo.ts';
import { childBudgets, passTransactions } from './schema.ts';

/**
 * Many tills charging one child budget at the same moment. On PostgreSQL (TEST_DATABASE_URL) 1,000 charges over
 * a pool of 20 connections; on embedded PGlite (one connection) 200. The budget must end exactly at
 * start - successes x amount, never below zero, and every refusal must say why in Dutch.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;
const attempts = onPostgres ? 1_000 : 200;
const amount = 700; // EUR 7: EUR 500 allows 71 charges, leaving EUR 3
const clock = new FakeClock('2026-04-01T10:00:00Z');
let db: Database;
let cleanup: () => Promise<void>;

async function actorFor(email: string): Promise<Actor> {
  const [user] = await db.unaudited((q) => q.select().from(users).where(eq(users.email, email)));
  const [org] = await db.unaudited((q) => q.select().from(organisations).where(eq(organisations.id, user!.organisationId)));
  const ms = await db.unaudited((q) => q.select().from(organisationMunicipalities).where(eq(organisationMunicipalities.organisationId, org!.id)));
  return {
    kind: 'user',
    userId: user!.id,
    displayName: user!.displayName,
    organisationId: org!.id,
    organisationKind: org!.kind,
    roles: user!.roles as Role[],
    municipalities: ms.map((m) => m.municipalityCode),
    origin: null,
  };
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase({ clock, poolSize: 20 }));
  await seedDemo(db, 'Test-wachtwoord-123');
  await seedPassDemo(db);
}, 300_000); // a loaded machine seeds slowly
afterAll(() => cleanup?.());

describe('concurrent charges against one budget', () => {
  it(`leaves exactly the right balance after ${attempts} simultaneous charges and refuses the rest with a reason`, async () => {
    const caseWorker = await actorFor('consulent@wijkteam.example');
    const cashier = await actorFor('kassa@aanbieder.example');
    const outcome = await submitApplication(db, caseWorker, {
      municipalityCode: 'GM0505',
      route: 'income',
      applicant: { initials: 'Q.', surname: 'Concurrent', birthDate: '1980-01-01', street: 'Straat', houseNumber: '1', postcode: '3316 AA', city: 'Dordrecht' },
      children: [{ initials: 'Z.', surname: 'Concurrent', birthDate: '2011-05-05' }],
      monthlyNetIncomeCents: 100_000,
      assetsCents: 0,
    });
    const { pass } = await decideApplication(db, caseWorker, outcome.applicationId, { approve: true });
    const start = 50_000;
    const expectedSuccesses = Math.floor(start / amount);

    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, i) =>
        chargePass(db, cashier, { passNumber: pass!.number, memberNumber: 2, category: 'sport', amountCents: amount, idempotencyKey: `concurrent-${i}` }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok.length).toBe(expectedSuccesses);
    expect(refused.length).toBe(attempts - expectedSuccesses);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as AppError).code).toBe('insufficient_balance');
      expect((r.reason as AppError).message).toMatch(
        /^Het kindtegoed is niet genoeg: er is nog € \d+,\d\d over en er is € 7,00 gevraagd\. Er is niets afgeschreven\.$/,
      );
    }
    const budget = await db.audited(systemActor('test'), { action: 'read', objectType: 'child_budget' }, async (tx) => {
      const [row] = await tx.select().from(childBudgets).where(eq(childBudgets.passId, pass!.id));
      const [sum] = await tx
        .select({ charged: sql<number>`coalesce(sum(${passTransactions.amountCents}), 0)::int`, n: sql<number>`count(*)::int` })
        .from(passTransactions)
        .where(and(eq(passTransactions.budgetId, row!.id), eq(passTransactions.kind, 'charge')));
      return { balance: row!.balanceCents, charged: sum!.charged, n: sum!.n };
    });
    expect(budget.balance).toBe(start - expectedSuccesses * amount);
    expect(budget.charged).toBe(expectedSuccesses * amount);
    // Refused charges left no transaction behind.
    expect(budget.n).toBe(expectedSuccesses);
    // Every successful receipt is distinct, and the balances after each charge are all different values.
    const balances = new Set(ok.map((r) => (r as PromiseFulfilledResult<{ balanceAfterCents: number }>).value.balanceAfterCents));
    expect(balances.size).toBe(expectedSuccesses);
  }, 120_000);

  it('splits exactly one of many simultaneous split payments: the budget ends at zero and pays out no cent more than it had', async () => {
    const caseWorker = await actorFor('consulent@wijkteam.example');
    const cashier = await actorFor('kassa@aanbieder.example');
    const outcome = await submitApplication(db, caseWorker, {
      municipalityCode: 'GM0505',
      route: 'income',
      applicant: { initials: 'S.', surname: 'Split', birthDate: '1980-01-01', street: 'Straat', houseNumber: '3', postcode: '3316 AA', city: 'Dordrecht' },
      children: [{ initials: 'X.', surname: 'Split', birthDate: '2011-05-05' }],
      monthlyNetIncomeCents: 100_000,
      assetsCents: 0,
    });
    const { pass } = await decideApplication(db, caseWorker, outcome.applicationId, { approve: true });
    const tries = onPostgres ? 200 : 100;
    const results = await Promise.allSettled(
      Array.from({ length: tries }, (_, i) =>
        chargePass(db, cashier, {
          passNumber: pass!.number,
          memberNumber: 2,
          category: 'sport',
          amountCents: amount,
          idempotencyKey: `split-${i}`,
          split: true,
        }),
      ),
    );
    const receipts = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<{ amountCents: number; otherPaymentCents: number }>).value);
    // EUR 500 pays 71 times EUR 7 and once EUR 3 (EUR 4 to pay otherwise); the rest find it empty.
    expect(receipts.length).toBe(72);
    expect(receipts.filter((r) => r.otherPaymentCents > 0)).toEqual([expect.objectContaining({ amountCents: 300, otherPaymentCents: 400 })]);
    expect(receipts.reduce((sum, r) => sum + r.amountCents, 0)).toBe(50_000);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected'))
      expect((r.reason as AppError).code).toBe('insufficient_balance');
    const [budget] = await db.audited(systemActor('test'), { action: 'read', objectType: 'child_budget' }, (tx) =>
      tx.select().from(childBudgets).where(eq(childBudgets.passId, pass!.id)),
    );
    expect(budget!.balanceCents).toBe(0);
  }, 120_000);

  it('charges once when the same request (same idempotency key) arrives many times at once', async () => {
    const caseWorker = await actorFor('consulent@wijkteam.example');
    const cashier = await actorFor('kassa@aanbieder.example');
    const outcome = await submitApplication(db, caseWorker, {
      municipalityCode: 'GM0505',
      route: 'income',
      applicant: { initials: 'R.', surname: 'Retry', birthDate: '1980-01-01', street: 'Straat', houseNumber: '2', postcode: '3316 AA', city: 'Dordrecht' },
      children: [{ initials: 'Y.', surname: 'Retry', birthDate: '2016-05-05' }],
      monthlyNetIncomeCents: 100_000,
      assetsCents: 0,
    });
    const { pass } = await decideApplication(db, caseWorker, outcome.applicationId, { approve: true });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        chargePass(db, cashier, { passNumber: pass!.number, memberNumber: 2, category: 'sport', amountCents: 1_000, idempotencyKey: 'one-and-the-same' }),
      ),
    );
    const receipts = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<{ receiptNumber: string; replayed: boolean }>).value);
    expect(receipts.length).toBe(20);
    expect(new Set(receipts.map((r) => r.receiptNumber)).size).toBe(1);
    expect(receipts.filter((r) => !r.replayed).length).toBe(1);
    const [budget] = await db.audited(systemActor('test'), { action: 'read', objectType: 'child_budget' }, (tx) =>
      tx.select().from(childBudgets).where(eq(childBudgets.passId, pass!.id)),
    );
    expect(budget!.balanceCents).toBe(30_000 - 1_000);
  }, 60_000);
});
